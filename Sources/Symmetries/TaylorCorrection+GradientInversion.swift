internal import LinearAlgebra

extension TaylorCorrection {
  /// The label of the inverted point x_eq − q from the energy and gradient at x_eq + q,
  /// corrected to order 5 without cubic constants.
  ///
  /// Split V(x_eq + q) = T₂(q) + c₃(q) + c₄(q) + … into homogeneous parts. Euler's theorem gives
  /// g·q = 2T₂ + 3c₃ + 4c₄ + …, so with
  ///
  /// ```
  /// A = V(q) − ½ qᵀH₀q = c₃ + c₄ + …
  /// B = g(q)·q − qᵀH₀q = 3c₃ + 4c₄ + …
  /// V(−q) = T₂ − c₃ + c₄ − … ≈ ½ qᵀH₀q − (4A − B) + (B − 3A)
  /// ```
  ///
  /// ## Error Bounds
  ///
  /// The estimate errs by 4c₅(q) + O(|q|⁶) = O(|q|⁵): the quintic part is the first one the
  /// two equations cannot separate. Use it where samples carry forces (g = −F).
  ///
  /// - Parameters:
  ///   - energy: V(x_eq + q), in label units.
  ///   - gradient: ∇V(x_eq + q), in label units per coordinate unit.
  ///   - q: q = x − x_eq (argument label `displacement`).
  /// - Returns: the estimate of V(x_eq − q).
  /// - Throws: ``SymmetryError`` `.invalidParameter` for an order-0 correction (no H₀),
  ///   `.dimensionMismatch` for vectors of the wrong length, `.nonFiniteValue`.
  /// - Complexity: O(d²).
  public func invertedLabel(energy: Double, gradient: [Double], displacement q: [Double]) throws(SymmetryError) -> Double {
    guard let hessian else {
      throw SymmetryError(.invalidParameter,
                          "The gradient-based inversion label needs the equilibrium Hessian H₀; build the correction with "
                            + "TaylorCorrection(hessian:) or fromEnergy/fromHessian instead of TaylorCorrection.none.")
    }
    let d = hessian.rows
    for (what, v) in [("The gradient", gradient), ("The displacement", q)] where v.count != d {
      throw .dimension(what, expected: d, actual: v.count, hint: "Give one entry per coordinate of H₀.")
    }
    guard energy.isFinite, gradient.allSatisfy(\.isFinite), q.allSatisfy(\.isFinite) else {
      throw .nonFinite("the energy, gradient or displacement")
    }
    let hq = hessian * q
    let qhq = dot(q, hq)
    let a = energy - qhq / 2
    let b = dot(gradient, q) - qhq
    return qhq / 2 - (4 * a - b) + (b - 3 * a)
  }
}
