import Foundation
public import LinearAlgebra

extension TaylorCorrection {
  /// The default finite-difference step, in the user's coordinate units.
  public static let defaultStep = 1e-3

  /// First-derivative five-point stencil: offsets and weights (divide by 12h).
  static let firstDerivativeStencil: [(offset: Double, weight: Double)] = [(-2, 1), (-1, -8), (1, 8), (2, -1)]

  static func checkArguments(order: Int, step: Double, at x: [Double]) throws(SymmetryError) {
    guard order == 2 || order == 3 else {
      throw SymmetryError(.invalidParameter,
                          "A Taylor correction computed by finite differences has order 2 or 3, got \(order); "
                            + "use TaylorCorrection.none for order 0.", actual: order)
    }
    guard step > 0, step.isFinite else {
      throw SymmetryError(.invalidParameter,
                          "The finite-difference step must be positive and finite, got \(step); the default is "
                            + "\(defaultStep) in the coordinates' units.", value: step)
    }
    guard !x.isEmpty else {
      throw SymmetryError(.invalidParameter, "The equilibrium point is empty; give one entry per coordinate.")
    }
    if let bad = x.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("the equilibrium point", index: bad) }
  }

  /// H₀ (and φ for order 3) by central finite differences of an energy function.
  ///
  /// Stencils (step h): diagonal (−f₋₂ + 16f₋₁ − 30f₀ + 16f₁ − f₂)/(12h²); mixed and cubic
  /// derivatives as products of the first-derivative stencil (f₋₂ − 8f₋₁ + 8f₁ − f₂)/(12h)
  /// along each index. Truncation O(h⁴).
  ///
  /// - Parameters:
  ///   - energy: V(x), in label units.
  ///   - equilibrium: x_eq, the minimum (any point works; the expansion is about it).
  ///   - order: 2 or 3.
  ///   - step: h in the coordinates' units (default 1e-3).
  /// - Returns: the correction.
  /// - Throws: ``SymmetryError`` `.invalidParameter` (order, step), `.nonFiniteValue` (the
  ///   energy returned NaN or infinity).
  /// - Complexity: O(d²) energy calls for order 2, plus 64 per index triple i ≤ j ≤ k for order 3.
  public static func fromEnergy(_ energy: ([Double]) -> Double, at equilibrium: [Double], order: Int,
                                step: Double = defaultStep) throws(SymmetryError) -> TaylorCorrection {
    try checkArguments(order: order, step: step, at: equilibrium)
    let n = equilibrium.count, h = step
    var nonFinite = false
    func f(_ shifts: [(Int, Double)]) -> Double {
      var x = equilibrium
      for (i, s) in shifts { x[i] += s * h }
      let v = energy(x)
      if !v.isFinite { nonFinite = true }
      return v
    }
    let f0 = f([])
    var hess = Matrix(rows: n, columns: n)
    for i in 0..<n {
      hess[i, i] = (-f([(i, -2)]) + 16 * f([(i, -1)]) - 30 * f0 + 16 * f([(i, 1)]) - f([(i, 2)])) / (12 * h * h)
      for j in 0..<i {
        var s = 0.0
        for a in firstDerivativeStencil { for b in firstDerivativeStencil {
          s += a.weight * b.weight * f([(i, a.offset), (j, b.offset)])
        } }
        hess[i, j] = s / (144 * h * h)
        hess[j, i] = hess[i, j]
      }
    }
    var phi: [Double]? = nil
    if order == 3 {
      var p = [Double](repeating: 0, count: n * n * n)
      for i in 0..<n { for j in i..<n { for k in j..<n {
        var s = 0.0
        for a in firstDerivativeStencil { for b in firstDerivativeStencil { for c in firstDerivativeStencil {
          s += a.weight * b.weight * c.weight * f([(i, a.offset), (j, b.offset), (k, c.offset)])
        } } }
        let value = s / (1728 * h * h * h)
        for (u, v, w) in [(i, j, k), (i, k, j), (j, i, k), (j, k, i), (k, i, j), (k, j, i)] { p[(u * n + v) * n + w] = value }
      } } }
      phi = p
    }
    guard !nonFinite else { throw .nonFinite("the energy near the equilibrium (within 2 steps)") }
    return phi.map { TaylorCorrection(order: 3, hessian: hess, cubicConstants: $0) }
      ?? TaylorCorrection(order: 2, hessian: hess, cubicConstants: nil)
  }

  /// H₀ = H(x_eq) (symmetrized) and, for order 3, φᵢⱼₖ = ∂ₖHᵢⱼ by the five-point first-derivative
  /// stencil on Hessians at x_eq ± h e_k, ± 2h e_k, symmetrized over the six index permutations.
  ///
  /// - Parameters:
  ///   - hessian: H(x), a d × d matrix in label units per coordinate unit².
  ///   - equilibrium: x_eq.
  ///   - order: 2 or 3.
  ///   - step: h in the coordinates' units (default 1e-3).
  /// - Throws: ``SymmetryError`` `.invalidParameter`, `.shapeMismatch` (the closure returned a
  ///   matrix of the wrong shape), `.nonFiniteValue`.
  /// - Complexity: 1 + 4d Hessian calls.
  public static func fromHessian(_ hessian: ([Double]) -> Matrix, at equilibrium: [Double], order: Int,
                                 step: Double = defaultStep) throws(SymmetryError) -> TaylorCorrection {
    try checkArguments(order: order, step: step, at: equilibrium)
    let n = equilibrium.count, h = step
    func evaluate(_ x: [Double]) throws(SymmetryError) -> Matrix {
      let m = hessian(x)
      guard m.rows == n, m.columns == n else {
        throw SymmetryError(.shapeMismatch,
                            "The Hessian function returned a \(m.rows) × \(m.columns) matrix for a \(n)-dimensional point; "
                              + "it must return a \(n) × \(n) matrix.", expected: n, actual: m.rows)
      }
      guard m.isFinite else { throw .nonFinite("the Hessian at \(x)") }
      return m
    }
    var h0 = try evaluate(equilibrium)
    h0 = 0.5 * (h0 + h0.transposed())
    guard order == 3 else { return TaylorCorrection(order: 2, hessian: h0, cubicConstants: nil) }
    var raw = [Double](repeating: 0, count: n * n * n)  // raw[(i n + j) n + k] = ∂_k H_ij
    for k in 0..<n {
      var derivative = Matrix(rows: n, columns: n)
      for s in firstDerivativeStencil {
        var x = equilibrium
        x[k] += s.offset * h
        derivative = derivative + (s.weight / (12 * h)) * (try evaluate(x))
      }
      for i in 0..<n { for j in 0..<n { raw[(i * n + j) * n + k] = derivative[i, j] } }
    }
    var phi = raw
    for i in 0..<n { for j in 0..<n { for k in 0..<n {
      var s = 0.0
      for (u, v, w) in [(i, j, k), (i, k, j), (j, i, k), (j, k, i), (k, i, j), (k, j, i)] { s += raw[(u * n + v) * n + w] }
      phi[(i * n + j) * n + k] = s / 6
    } } }
    return TaylorCorrection(order: 3, hessian: h0, cubicConstants: phi)
  }
}
