import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct ProductSymmetryTests {
  @Test("the product of groups on disjoint coordinates has order |G1||G2| and acts blockwise")
  func blockwise() throws {
    let a = try GeneratedGroup(generators: [Matrix(rows: [[0, -1], [1, 0]])], centre: [1, 0])  // C4
    let b = try Inversion(dimension: 1, centre: [3])
    let p = try ProductSymmetry(a, b)
    expectGroupAxioms(p, order: 8)
    #expect(p.dimension == 3 && p.centre == [1, 0, 3] && p.isExact)
    // element (i1, i2) at i1 + 4 i2
    let x = [2.0, 0.0, 5.0]
    expectClose(p.elements[1 + 4].apply(to: x), a.elements[1].apply(to: [2, 0]) + [1], absolute: 1e-14)
    #expect(p.signFlipCoordinates == nil)
  }

  @Test("two sign-flip groups keep the bit order of their coordinates")
  func signFlipProduct() throws {
    let p = try ProductSymmetry(try SignFlips(dimension: 2, coordinates: [1]), try SignFlips(dimension: 2, coordinates: [0, 1]))
    let flat = try SignFlips(dimension: 4, coordinates: [1, 2, 3])
    #expect(p.signFlipCoordinates == [1, 2, 3])
    for u in 0..<8 { #expect(p.elements[u].isApproximatelyEqual(to: flat.elements[u], tolerance: 0)) }
  }

  @Test("the label correction is the sum of the factors' corrections")
  func correctionsAdd() throws {
    let c1 = try TaylorCorrection(hessian: .diagonal([1]), cubicConstants: [6])  // T3 = x²/2 + x³
    let c2 = try TaylorCorrection(hessian: .diagonal([2]), cubicConstants: [12])  // T3 = x² + 2x³
    let r1 = try ApproximateReflection(equilibrium: [0], coordinates: [0], correction: c1)
    let r2 = try ApproximateReflection(equilibrium: [1], coordinates: [0], correction: c2)
    let p = try ProductSymmetry(r1, r2)
    #expect(!p.isExact)
    let x = [0.5, 1.25]  // d = (0.5, 0.25)
    // flipping both: (T1(−0.5) − T1(0.5)) + (T2(−0.25) − T2(0.25)) = −2·0.125 − 4·0.015625
    expectClose(p.labelCorrection(for: p.elements[3], at: x), -0.25 - 0.0625, absolute: 1e-15)
    expectClose(p.labelCorrection(for: p.elements[1], at: x), -0.25, absolute: 1e-15)
  }
}

extension ProductSymmetryTests {
  @Test("a product with more than 2^20 elements is refused")
  func tooLarge() throws {
    let a = try SignFlips(dimension: 11, coordinates: Array(0..<11))
    let b = try SignFlips(dimension: 10, coordinates: Array(0..<10))
    #expect {
      _ = try ProductSymmetry(a, b)
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("orders 2048 and 1024 has 2097152 elements")
    }
  }
}
