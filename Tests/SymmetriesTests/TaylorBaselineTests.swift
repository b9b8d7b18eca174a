import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct TaylorBaselineTests {
  // H₀ = [[2, ½], [½, 1]]; φ₀₀₀ = a, φ₀₀₁ = b, φ₀₁₁ = c, φ₁₁₁ = e (and permutations).
  static let (a, b, c, e) = (1.2, -0.6, 0.9, -2.4)
  static let hessian = Matrix(rows: 2, columns: 2, elements: [2, 0.5, 0.5, 1])
  static var cubic: [Double] {
    var phi = [Double](repeating: 0, count: 8)
    for i in 0..<2 { for j in 0..<2 { for k in 0..<2 {
      phi[(i * 2 + j) * 2 + k] = [a, b, c, e][i + j + k]  // the number of 1s picks the constant
    } } }
    return phi
  }

  /// T₂ and T₃ expanded by hand: ½(2d₀² + d₀d₁ + d₁²) and + ⅙(a d₀³ + 3b d₀²d₁ + 3c d₀d₁² + e d₁³).
  static func handT2(_ d: [Double]) -> Double { 0.5 * (2 * d[0] * d[0] + d[0] * d[1] + d[1] * d[1]) }
  static func handT3(_ d: [Double]) -> Double {
    handT2(d) + (a * pow(d[0], 3) + 3 * b * d[0] * d[0] * d[1] + 3 * c * d[0] * d[1] * d[1] + e * pow(d[1], 3)) / 6
  }

  @Test("T₂ and T₃ about a shifted equilibrium equal the hand-expanded polynomials on every row")
  func handExpanded() throws {
    let xEq = [0.7, -1.3]
    var g = SeededGenerator(seed: 41)
    let x = try g.gaussianMatrix(rows: 25, columns: 2)
    let displacements = (0..<25).map { [x[$0, 0] - xEq[0], x[$0, 1] - xEq[1]] }
    let t2 = try TaylorBaseline(hessian: Self.hessian, equilibrium: xEq)
    let t3 = try TaylorBaseline(hessian: Self.hessian, cubicConstants: Self.cubic, equilibrium: xEq)
    expectClose(try t2.values(at: x), displacements.map(Self.handT2), absolute: 1e-14, relative: 1e-13)
    expectClose(try t3.values(at: x), displacements.map(Self.handT3), absolute: 1e-14, relative: 1e-13)
    #expect(t2.order == 2 && t3.order == 3 && t3.dimension == 2)
    #expect(t3.name == "the Taylor baseline T₃ about [0.7, -1.3]" && t2.name == "the Taylor baseline T₂ about [0.7, -1.3]")
    // At the equilibrium the baseline is 0; from a TaylorCorrection it is the same polynomial.
    #expect(try t3.value(at: xEq) == 0)
    let fromCorrection = try TaylorBaseline(try TaylorCorrection(hessian: Self.hessian, cubicConstants: Self.cubic),
                                            equilibrium: xEq)
    #expect(fromCorrection == t3)
  }

  @Test("the batched evaluation agrees with the point-by-point one in 12 dimensions")
  func batchedMatchesPointwise() throws {
    let d = 12
    var g = SeededGenerator(seed: 42)
    let m = try g.gaussianMatrix(rows: d, columns: d)
    let h = (m.transposed() * m)  // symmetric positive semi-definite
    var phi = [Double](repeating: 0, count: d * d * d)
    for i in 0..<d { for j in i..<d { for k in j..<d {
      let v = g.uniform(-1, 1)
      for (p, q, r) in [(i, j, k), (i, k, j), (j, i, k), (j, k, i), (k, i, j), (k, j, i)] { phi[(p * d + q) * d + r] = v }
    } } }
    let xEq = (0..<d).map { Double($0) / 10 }
    let t3 = try TaylorBaseline(hessian: h, cubicConstants: phi, equilibrium: xEq)
    let x = try g.gaussianMatrix(rows: 40, columns: d)
    let batched = try t3.values(at: x)
    // Independent sum over all index triples.
    let expected = (0..<40).map { r -> Double in
      let dx = (0..<d).map { x[r, $0] - xEq[$0] }
      var s = 0.0
      for i in 0..<d { for j in 0..<d {
        s += 0.5 * h[i, j] * dx[i] * dx[j]
        for k in 0..<d { s += phi[(i * d + j) * d + k] * dx[i] * dx[j] * dx[k] / 6 }
      } }
      return s
    }
    expectClose(batched, expected, absolute: 1e-12, relative: 1e-12)
  }

  @Test("bad polynomials and equilibria are refused with pinned messages")
  func errors() throws {
    #expect {
      _ = try TaylorBaseline(.none, equilibrium: [0])
    } throws: { error in
      let e = error as! SymmetryError
      return e.code == .invalidParameter && e.actual == 0 && e.message ==
        "A Taylor baseline needs order 2 or 3, got order 0 (T₀ = 0: nothing to subtract). Build the TaylorCorrection "
        + "from the Hessian H₀ (order 2), or from H₀ and the cubic force constants (order 3)."
    }
    #expect {
      _ = try TaylorBaseline(hessian: Self.hessian, equilibrium: [0, 0, 0])
    } throws: { error in
      let e = error as! SymmetryError
      return e.code == .dimensionMismatch && e.expected == 2 && e.actual == 3 && e.message ==
        "The equilibrium has 3 coordinates, but the Taylor polynomial's Hessian is 2 × 2; give x_eq and H₀ (and φ) in "
        + "the same 2 coordinates."
    }
    #expect {
      _ = try TaylorBaseline(hessian: Self.hessian, equilibrium: [0, .nan])
    } throws: { error in
      let e = error as! SymmetryError
      return e.code == .nonFiniteValue && e.indices == [1]
        && e.message == "NaN or infinity in the equilibrium (at index 1); remove or fix the non-finite entries first."
    }
    // The force constants are checked as TaylorCorrection checks them.
    #expect {
      _ = try TaylorBaseline(hessian: Matrix(rows: [[1, 0.5], [0.2, 1]]), equilibrium: [0, 0])
    } throws: { error in
      (error as! SymmetryError).code == .nonSymmetricHessian
    }
    #expect {
      _ = try TaylorBaseline(hessian: Self.hessian, cubicConstants: [1, 2], equilibrium: [0, 0])
    } throws: { error in
      (error as! SymmetryError).code == .shapeMismatch
    }
    // Evaluation outside its dimension.
    let t2 = try TaylorBaseline(hessian: Self.hessian, equilibrium: [0, 0])
    #expect {
      _ = try t2.values(at: Matrix(rows: 1, columns: 3))
    } throws: { error in
      (error as! SymmetryError).message ==
        "The inputs have 3 columns, but the Taylor baseline T₂ about [0.0, 0.0] is a function of 2 coordinates; give "
        + "inputs with 2 columns, in the baseline's coordinates, or build the baseline for 3 coordinates."
    }
  }
}
