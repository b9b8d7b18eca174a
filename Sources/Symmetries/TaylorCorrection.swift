import Foundation
public import LinearAlgebra

/// The Taylor (Hessian-based) label correction of an approximate reflection about an
/// equilibrium x_eq.
///
/// Write x = x_eq + d and let T_p be the Taylor polynomial of the potential V about the
/// minimum through order p:
///
/// ```
/// T₀(d) = 0
/// T₂(d) = ½ dᵀ H₀ d                              H₀ = ∇²V(x_eq)
/// T₃(d) = T₂(d) + ⅙ Σᵢⱼₖ φᵢⱼₖ dᵢ dⱼ dₖ          φᵢⱼₖ = ∂³V/∂xᵢ∂xⱼ∂xₖ (x_eq)
/// ```
///
/// For a reflection d ↦ Rd the corrected augmented label is
///
/// ```
/// ỹ(x_eq + Rd) = V(x_eq + d) − T_p(d) + T_p(Rd)
/// ```
///
/// ## Error Bounds
///
/// ỹ − V(x_eq + Rd) = Rem_p(d) − Rem_p(Rd) = O(|d|^(p+1)): order 2 removes the quadratic
/// coupling a reflection that is not along normal modes breaks; order 3 removes the cubic
/// error (the leading one for a reflection of a smooth well). Uncorrected (p = 0) the error is
/// whatever the reflection breaks, typically O(|d|³) at a minimum with cubic anharmonicity
/// (and O(|d|²) when the reflection mixes modes with different curvatures).
///
/// The correction works in whatever coordinates the user reflects in (Cartesian, internal,
/// normal): H₀ and φ must be expressed in those coordinates.
///
/// ## Finite differences
///
/// ``fromEnergy(_:at:order:step:)`` uses five-point central stencils with step h (in the
/// user's coordinate units, default 1e-3): the second derivative
/// (−f₋₂ + 16f₋₁ − 30f₀ + 16f₁ − f₂)/(12h²) on the diagonal, and products of the first
/// derivative stencil (f₋₂ − 8f₋₁ + 8f₁ − f₂)/(12h) along each direction for mixed and
/// cubic derivatives; truncation O(h⁴), round-off ≈ ε|V|/h² (Hessian) and ε|V|/h³ (cubic).
/// ``fromHessian(_:at:order:step:)`` takes H₀ = H(x_eq) and φᵢⱼₖ from the five-point first
/// derivative of Hessians at x_eq ± h e_k, ± 2h e_k, symmetrized over index permutations
/// (round-off ≈ ε|H|/h). A coarse step (e.g. 0.3 in dimensionless normal coordinates) spoils
/// the order; 1e-3 is fine.
///
/// Reference: arXiv 2605.28238.
public struct TaylorCorrection: Sendable, Hashable {
  /// p: 0 (no correction), 2 (Hessian) or 3 (Hessian and cubic constants).
  public let order: Int
  /// H₀ (d × d), or `nil` for order 0.
  public let hessian: Matrix?
  /// φᵢⱼₖ at index (i·d + j)·d + k, or `nil` below order 3.
  public let cubicConstants: [Double]?

  /// No correction (p = 0): plain augmentation.
  public static let none = TaylorCorrection(order: 0, hessian: nil, cubicConstants: nil)

  init(order: Int, hessian: Matrix?, cubicConstants: [Double]?) {
    self.order = order
    self.hessian = hessian
    self.cubicConstants = cubicConstants
  }

  /// The dimension d of the coordinates, or `nil` for ``none``.
  public var dimension: Int? { hessian?.rows }

  /// An order-2 correction from the equilibrium Hessian H₀.
  ///
  /// - Parameters:
  ///   - hessian: H₀, square, symmetric, finite (in label units per coordinate unit²).
  ///   - tolerance: allowed max |H_ij − H_ji| relative to max(1, max |H|).
  /// - Throws: ``SymmetryError`` `.shapeMismatch` (not square), `.nonFiniteValue`,
  ///   `.nonSymmetricHessian` (with the largest asymmetry).
  public init(hessian: Matrix, tolerance: Double = 1e-8) throws(SymmetryError) {
    try TaylorCorrection.validate(hessian: hessian, tolerance: tolerance)
    self.init(order: 2, hessian: hessian, cubicConstants: nil)
  }

  /// An order-3 correction from H₀ and the cubic force constants φᵢⱼₖ.
  ///
  /// - Parameters:
  ///   - hessian: H₀ as in ``init(hessian:tolerance:)``.
  ///   - cubicConstants: d³ values, φᵢⱼₖ at (i·d + j)·d + k, symmetric under index permutations.
  ///   - tolerance: allowed asymmetry relative to max(1, max |entry|).
  /// - Throws: as ``init(hessian:tolerance:)``; `.shapeMismatch` when `cubicConstants.count ≠ d³`,
  ///   `.nonSymmetricHessian` when φ is not permutation symmetric.
  public init(hessian: Matrix, cubicConstants: [Double], tolerance: Double = 1e-8) throws(SymmetryError) {
    try TaylorCorrection.validate(hessian: hessian, tolerance: tolerance)
    let d = hessian.rows
    guard cubicConstants.count == d * d * d else {
      throw SymmetryError(.shapeMismatch,
                          "The cubic force constants have \(cubicConstants.count) entries, but a \(d) × \(d) Hessian needs "
                            + "d³ = \(d * d * d) (φ_ijk at index (i·d + j)·d + k).",
                          expected: d * d * d, actual: cubicConstants.count)
    }
    if let bad = cubicConstants.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("the cubic force constants", index: bad) }
    let scale = max(1, cubicConstants.map(abs).max() ?? 0)
    var worst = 0.0
    for i in 0..<d { for j in 0..<d { for k in 0..<d {
      let a = cubicConstants[(i * d + j) * d + k]
      worst = max(worst, abs(a - cubicConstants[(j * d + i) * d + k]), abs(a - cubicConstants[(i * d + k) * d + j]))
    } } }
    guard worst <= tolerance * scale else {
      throw SymmetryError(.nonSymmetricHessian,
                          "The cubic force constants are not symmetric under index permutations: max |φ_ijk − φ_jik| "
                            + "or |φ_ijk − φ_ikj| = \(SymmetryError.format(worst)), allowed \(SymmetryError.format(tolerance * scale)); "
                            + "symmetrize them (average over the six permutations).", value: worst)
    }
    self.init(order: 3, hessian: hessian, cubicConstants: cubicConstants)
  }

  static func validate(hessian: Matrix, tolerance: Double) throws(SymmetryError) {
    guard hessian.isSquare, hessian.rows >= 1 else {
      throw SymmetryError(.shapeMismatch,
                          "The Hessian H₀ must be a non-empty square matrix, got \(hessian.rows) × \(hessian.columns); "
                            + "give the d × d matrix of second derivatives at the equilibrium.",
                          expected: hessian.rows, actual: hessian.columns)
    }
    if let bad = hessian.elements.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("the Hessian H₀", index: bad) }
    let scale = max(1, hessian.elements.map(abs).max() ?? 0)
    let worst = hessian.maxAbsoluteDifference(to: hessian.transposed())
    guard worst <= tolerance * scale else {
      throw SymmetryError(.nonSymmetricHessian,
                          "The Hessian H₀ is not symmetric: max |H_ij − H_ji| = \(SymmetryError.format(worst)), allowed "
                            + "\(SymmetryError.format(tolerance * scale)); symmetrize it with (H + Hᵀ)/2 or check its entries.",
                          value: worst)
    }
  }

  /// T_p(d), the Taylor polynomial at displacement d (zero for order 0).
  ///
  /// - Precondition: `d.count` equals ``dimension``.
  /// - Complexity: O(d²) for order 2, O(d³) for order 3.
  public func value(at d: [Double]) -> Double {
    guard let hessian else { return 0 }
    let n = hessian.rows
    precondition(d.count == n, "Displacement of dimension \(d.count) for a \(n)-dimensional Taylor correction")
    var quadratic = 0.0
    hessian.withUnsafeBufferPointer { h in
      for i in 0..<n { var s = 0.0; for j in 0..<n { s += h[i * n + j] * d[j] }; quadratic += d[i] * s }
    }
    var cubic = 0.0
    if let phi = cubicConstants {
      phi.withUnsafeBufferPointer { p in
        for i in 0..<n where d[i] != 0 { for j in 0..<n where d[j] != 0 {
          var s = 0.0
          for k in 0..<n { s += p[(i * n + j) * n + k] * d[k] }
          cubic += d[i] * d[j] * s
        } }
      }
    }
    return quadratic / 2 + cubic / 6
  }

  /// The label correction T_p(Rd) − T_p(d) for a displacement `d` and its image `rd` = Rd.
  public func correction(displacement d: [Double], image rd: [Double]) -> Double {
    order == 0 ? 0 : value(at: rd) - value(at: d)
  }
}
