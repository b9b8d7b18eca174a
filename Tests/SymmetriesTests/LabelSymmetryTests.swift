import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

/// A minimal user conformer: only the required members.
private struct HalfTurn: FiniteLabelSymmetry {
  var dimension: Int { 2 }
  var isExact: Bool { true }
  var name: String { "half turn" }
  var centre: [Double] { [0, 0] }
  var elements: [OrthogonalAction] {
    [.identity(dimension: 2), OrthogonalAction(uncheckedMatrix: .diagonal([-1, -1]), centre: [0, 0])]
  }
}

@Suite struct LabelSymmetryTests {
  @Test("defaults: no correction, not a sign-flip group, order from the element list")
  func defaults() {
    let s = HalfTurn()
    #expect(s.labelCorrection(for: s.elements[1], at: [1, 2]) == 0)
    #expect(s.signFlipCoordinates == nil)
    #expect(s.order == 2)
    expectGroupAxioms(s, order: 2)
  }

  static func shipped() throws -> [(any FiniteLabelSymmetry, Int)] {
    [
      (try Inversion(dimension: 3), 2),
      (try Reflection(normal: [1, 2, 2], point: [0, 1, 0]), 2),
      (try SignFlips(dimension: 3, coordinates: [0, 1, 2]), 8),
      (try CoordinatePermutations(blockSize: 3, blockCount: 3, blockGenerators: [[0, 2, 1]]), 2),
      (try ApproximateReflection(equilibrium: [0.1, 0.2, 0.3], coordinates: [0, 2]), 4),
    ]
  }

  @Test("every shipped finite conformer keeps the contract: group axioms and sign-flip order")
  func shippedKeepContract() throws {
    for (s, order) in try Self.shipped() {
      expectGroupAxioms(s, order: order)
      if let coords = s.signFlipCoordinates {
        for (u, g) in s.elements.enumerated() {
          let expected = (0..<s.dimension).map { k in
            coords.firstIndex(of: k).map { (u >> $0) & 1 == 1 ? -1.0 : 1.0 } ?? 1.0
          }
          #expect(g.matrix == Matrix.diagonal(expected), "\(s.name) element \(u)")
        }
      }
    }
  }
}

extension LabelSymmetryTests {
  @Test("validate(inputs:) accepts matching data and names the dimensions or the bad row otherwise")
  func validateInputs() throws {
    let s = try SignFlips(dimension: 3, coordinates: [1])
    try s.validate(inputs: Matrix(rows: 2, columns: 3))
    #expect {
      try s.validate(inputs: Matrix(rows: 2, columns: 4))
    } throws: { error in
      "\(error)" == "The data (2 × 4, one sample per row) has dimension 4, but the symmetry acts on 3-dimensional inputs. "
        + "Give inputs with 3 columns, or build the symmetry for 4 coordinates."
    }
    #expect {
      try s.validate(inputs: Matrix(rows: [[0, 0, 0], [0, .nan, 0]]))
    } throws: { error in
      (error as? SymmetryError)?.code == .nonFiniteValue && "\(error)".contains("NaN or infinity in the inputs (at row 1)")
    }
  }
}
