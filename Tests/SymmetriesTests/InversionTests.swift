import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct InversionTests {
  @Test("inversion about a point is a group of order 2 mapping x to 2c − x", arguments: [1, 3, 6])
  func inversion(dimension: Int) throws {
    let c = (0..<dimension).map { Double($0) * 0.5 - 1 }
    let inv = try Inversion(dimension: dimension, centre: c)
    expectGroupAxioms(inv, order: 2)
    let x = (0..<dimension).map { Double($0 * $0) + 0.25 }
    expectClose(inv.elements[1].apply(to: x), zip(c, x).map { 2 * $0 - $1 }, absolute: 1e-14)
    #expect(inv.isExact && inv.signFlipCoordinates == (dimension == 1 ? [0] : nil))
    #expect(inv.labelCorrection(for: inv.elements[1], at: x) == 0)
  }

  @Test("a non-positive dimension is refused")
  func badDimension() {
    #expect {
      _ = try Inversion(dimension: 0)
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("dimension ≥ 1, got 0")
    }
  }
}
