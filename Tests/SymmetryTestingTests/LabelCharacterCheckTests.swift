import Foundation
import LinearAlgebra
import Symmetries
import SymmetryTesting
import Testing

/// A finite group with a label character stated by hand, possibly wrong (test-only).
struct StatedCharacter<Base: FiniteLabelSymmetry>: FiniteLabelSymmetry {
  let base: Base
  let labelCharacter: [Double]
  var elements: [OrthogonalAction] { base.elements }
  var dimension: Int { base.dimension }
  var centre: [Double] { base.centre }
  var isExact: Bool { true }
  var name: String { "stated character on \(base.name)" }
  var signFlipCoordinates: [Int]? { base.signFlipCoordinates }
}

@Suite struct LabelCharacterCheckTests {
  @Test("a character that is not multiplicative is caught, naming the pair, χ(g)χ(h) and χ(g∘h)")
  func notMultiplicative() throws {
    let flips = try SignFlips(dimension: 2, coordinates: [0, 1])
    let subject = try SymmetryCheckSubject(symmetry: StatedCharacter(base: flips, labelCharacter: [1, -1, -1, -1]))
    #expect(LabelCharacterCheck().isApplicable(to: subject))
    let findings = LabelCharacterCheck().run(on: subject)
    #expect(findings.count == 1)
    let f = try #require(findings.first)
    #expect(f.elementIndex == 1 && f.quantity == "χ(g∘h) (h = element 2, g∘h = element 3)")
    #expect(f.expected == 1 && f.observed == -1 && f.tolerance == 0)
    #expect(f.message.hasPrefix("The label character is not a homomorphism of stated character on Z2^2 sign flips on [0, 1]"))

    // A cyclic group takes the exhaustive path: χ(r) = −1 forces χ(r²) = +1.
    let c4 = try GeneratedGroup(generators: [Matrix(rows: [[0, -1], [1, 0]])], name: "C4", expectedOrder: 4)
    let cyclic = LabelCharacterCheck().run(on: try SymmetryCheckSubject(symmetry: StatedCharacter(base: c4, labelCharacter: [1, -1, -1, -1])))
    #expect(cyclic.first?.quantity == "χ(g∘h) (h = element 1, g∘h = element 2)" && cyclic.first?.observed == -1)
  }

  @Test("values other than ±1 and a wrong count are findings; true and invariant characters are not")
  func valuesAndApplicability() throws {
    let flip = try SignFlips(dimension: 1, coordinates: [0])
    let half = LabelCharacterCheck().run(on: try SymmetryCheckSubject(symmetry: StatedCharacter(base: flip, labelCharacter: [1, 0.5])))
    #expect(half.first?.quantity == "|χ(g)|" && half.first?.observed == 0.5 && half.first?.elementIndex == 1)
    let short = LabelCharacterCheck().run(on: try SymmetryCheckSubject(symmetry: StatedCharacter(base: flip, labelCharacter: [-1])))
    #expect(short.first?.quantity == "the number of character values" && short.first?.expected == 2)
    let odd = try SymmetryCheckSubject(symmetry: try SignedLabelSymmetry(try SignFlips(dimension: 3, coordinates: [0, 1, 2]), oddIn: [1]))
    #expect(LabelCharacterCheck().run(on: odd).isEmpty)
    #expect(!LabelCharacterCheck().isApplicable(to: try SymmetryCheckSubject(symmetry: flip)))
  }
}
