import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct SignedLabelSymmetryTests {
  /// χ(g) = Π_{c ∈ odd} R_cc, read off each element's matrix (independent of the bit arithmetic).
  static func parity(_ s: some FiniteLabelSymmetry, oddIn odd: [Int]) -> [Double] {
    s.elements.map { g in odd.reduce(1.0) { $0 * g.matrix[$1, $1] } }
  }

  @Test("odd in chosen coordinates: χ(g) is the product of the flipped signs, and the group is the base's",
        arguments: [[2], [0, 1], [0, 1, 2]])
  func oddIn(coordinates: [Int]) throws {
    let flips = try SignFlips(dimension: 3, coordinates: [0, 1, 2], centre: [0.1, -0.2, 0.3])
    let signed = try SignedLabelSymmetry(flips, oddIn: coordinates)
    #expect(signed.labelCharacter == Self.parity(flips, oddIn: coordinates))
    expectGroupAxioms(signed, order: 8)
    #expect(signed.signFlipCoordinates == [0, 1, 2] && signed.isExact && !signed.hasInvariantLabels)
    #expect(signed.name == "Z2^3 sign flips on [0, 1, 2], label odd in \(coordinates)")
    #expect(throws: Never.self) { try signed.validateLabelCharacter() }
  }

  @Test("the 3d_xy character: odd under x → −x and under y → −y, even under z → −z and under (x, y) → (−x, −y)")
  func dxy() throws {
    let d = try SignedLabelSymmetry(try SignFlips(dimension: 3, coordinates: [0, 1, 2]), oddIn: [0, 1])
    #expect(d.labelCharacter == [1, -1, -1, 1, 1, -1, -1, 1])
  }

  @Test("a character given element by element is accepted when it is a homomorphism (det on D4)")
  func determinantOfD4() throws {
    let d4 = try GeneratedGroup(generators: [Matrix(rows: [[0, -1], [1, 0]]), Matrix(rows: [[1, 0], [0, -1]])],
                                name: "D4", expectedOrder: 8)
    let det = d4.elements.map { $0.determinant.rounded() }
    let signed = try SignedLabelSymmetry(d4, character: det)
    #expect(signed.labelCharacter == det && det.filter { $0 == -1 }.count == 4)
    #expect(signed.name.hasPrefix("D4, label odd under elements "))
  }

  @Test("a character that is not a homomorphism is refused, naming the pair and the values")
  func notHomomorphism() throws {
    let d4 = try GeneratedGroup(generators: [Matrix(rows: [[0, -1], [1, 0]])], name: "C4", expectedOrder: 4)
    // C4 = {e, r, r², r³}: χ(r) = −1 forces χ(r²) = +1.
    #expect {
      _ = try SignedLabelSymmetry(d4, character: [1, -1, -1, -1])
    } throws: { error in
      guard let e = error as? SymmetryError, e.code == .invalidParameter else { return false }
      return e.indices == [1, 1, 2] && e.message == "The label character is not a homomorphism of C4: χ(g) = -1.0 for "
        + "element 1 and χ(h) = -1.0 for element 1, but their product (element 2) has χ = -1.0 instead of 1.0. A label with "
        + "f(g·x) = χ(g) f(x) forces χ(g∘h) = χ(g) χ(h); check which elements the label is odd under."
    }
    // The sign-flip path reports a single flip and the rest of the element.
    let flips = try SignFlips(dimension: 2, coordinates: [0, 1])
    #expect {
      _ = try SignedLabelSymmetry(flips, character: [1, -1, -1, -1])
    } throws: { error in
      (error as? SymmetryError)?.indices == [1, 2, 3]
    }
  }

  @Test("values other than ±1, a wrong count and −1 at the identity are refused")
  func badValues() throws {
    let flips = try SignFlips(dimension: 1, coordinates: [0])
    #expect {
      _ = try SignedLabelSymmetry(flips, character: [1, 0.5])
    } throws: { error in
      (error as? SymmetryError)?.description == "The label character is 0.5 at element 1 of Z2^1 sign flips on [0]; a "
        + "one-dimensional real character takes the values +1 (label even under the element) or −1 (odd) only."
    }
    #expect {
      _ = try SignedLabelSymmetry(flips, character: [1, -1, 1])
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .dimensionMismatch && e.expected == 2 && e.actual == 3
    }
    #expect {
      _ = try SignedLabelSymmetry(flips, character: [-1, -1])
    } throws: { error in
      "\(error)".contains("is -1.0 at the identity (element 0)") && "\(error)".contains("it must be +1 there")
    }
  }

  @Test("odd in a coordinate the group does not flip, or a base that is not sign flips, is refused")
  func badOddCoordinates() throws {
    let flips = try SignFlips(dimension: 3, coordinates: [0, 2])
    #expect {
      _ = try SignedLabelSymmetry(flips, oddIn: [1, 2, 2])
    } throws: { error in
      guard let e = error as? SymmetryError, e.code == .invalidCoordinates else { return false }
      return e.indices == [1, 2] && e.message == "The label is said to be odd in coordinates [1, 2, 2], but Z2^2 sign flips "
        + "on [0, 2] flips only [0, 2] ([1, 2] not among them or repeated); name one or more distinct coordinates from [0, 2]."
    }
    #expect {
      _ = try SignedLabelSymmetry(try Inversion(dimension: 3), oddIn: [0])
    } throws: { error in
      (error as? SymmetryError)?.code == .routeNotApplicable && "\(error)".contains("SignedLabelSymmetry(_:character:)")
    }
  }

  @Test("augmentation gives the copy g·x the label χ(g)·y; the diagnostics of an exactly odd label are zero")
  func augmentationAndDiagnostics() throws {
    let flips = try SignFlips(dimension: 2, coordinates: [0, 1])
    let oddInX = try SignedLabelSymmetry(flips, oddIn: [0])
    let x = try Matrix(rows: [[0.3, 0.5], [-1.0, 2.0]])
    let augmented = try Augmentation.augment(inputs: x, labels: [2, 7], by: oddInX)
    #expect(augmented.labels == [2, 7, -2, -7, 2, 7, -2, -7])
    // The same with the unsigned group is the unchanged behaviour.
    #expect(try Augmentation.augment(inputs: x, labels: [2, 7], by: flips).labels == [2, 7, 2, 7, 2, 7, 2, 7])

    let label: ([Double]) -> Double = { p in p[0] * exp(-p[0] * p[0] - 0.5 * p[1] * p[1]) + 0.2 * p[0] * p[1] * p[1] }
    var rng = SeededGenerator(seed: 7)
    let sample = try rng.gaussianMatrix(rows: 20, columns: 2)
    let exact = try SymmetryDiagnostics(symmetry: oddInX, label: label, sample: sample)
    #expect(exact.maximumAbsoluteError <= 1e-15 && exact.predictedFloor <= 1e-15)
    // Read as an even label, the same function errs by 2|f(x)| under the x flip.
    let even = try SymmetryDiagnostics(symmetry: flips, label: label, sample: sample)
    let twice = (0..<20).map { 2 * abs(label(sample.row($0))) }
    expectClose(even.perElement[0].maximumAbsoluteError, twice.max()!, relative: 1e-13)
  }

  @Test("a product multiplies the factors' characters, keeping the element order i₁ + |G₁| i₂")
  func product() throws {
    let odd = try SignedLabelSymmetry(try SignFlips(dimension: 1, coordinates: [0]), oddIn: [0])
    let even = try SignFlips(dimension: 2, coordinates: [0, 1])
    let p = try ProductSymmetry(odd, even)
    #expect(p.labelCharacter == [1, -1, 1, -1, 1, -1, 1, -1])
    #expect(p.labelCharacter == Self.parity(p, oddIn: [0]))
    #expect(try ProductSymmetry(odd, odd).labelCharacter == [1, -1, -1, 1])
    #expect(throws: Never.self) { try p.validateLabelCharacter() }
  }

  @Test("a user's conformer with a broken character fails validateLabelCharacter()")
  func brokenConformer() throws {
    struct Lying: FiniteLabelSymmetry {
      let base: SignFlips
      var elements: [OrthogonalAction] { base.elements }
      var dimension: Int { base.dimension }
      var centre: [Double] { base.centre }
      var isExact: Bool { true }
      var name: String { "lying flips" }
      var signFlipCoordinates: [Int]? { base.signFlipCoordinates }
      var labelCharacter: [Double] { [1, -1, -1, -1] }
    }
    let lying = Lying(base: try SignFlips(dimension: 2, coordinates: [0, 1]))
    #expect(throws: SymmetryError.self) { try lying.validateLabelCharacter() }
    #expect(try SignFlips(dimension: 2, coordinates: [0, 1]).hasInvariantLabels)
  }
}
