public import LinearAlgebra

/// The Taylor polynomial T₂ or T₃ of a potential about its minimum, as a baseline for
/// Δ-learning: the model learns the anharmonic remainder V − T_p.
///
/// With x = x_eq + d and the same polynomial as ``TaylorCorrection``:
///
/// ```
/// b(x) = T_p(x − x_eq)
/// T₂(d) = ½ dᵀ H₀ d
/// T₃(d) = T₂(d) + ⅙ Σᵢⱼₖ φᵢⱼₖ dᵢ dⱼ dₖ
/// ```
///
/// ## Mathematical Properties
///
/// The residual r = V − T_p has a zero Taylor polynomial through order p, so it is O(|d|^(p+1))
/// and its symmetry breaking under a reflection d ↦ Rd is r(d) − r(Rd) = Rem_p(d) − Rem_p(Rd): the
/// error of the order-p *corrected* labels of ``ApproximateReflection``. For a joint flip of all
/// coordinates (R = −I) the even-degree terms cancel, so for p = 3 the breaking starts at order 5.
/// Consequently the **plain** reflected labels are the right copy labels of the residual:
///
/// ```
/// r(x_eq + d) = [V(x_eq + d) − T_p(d) + T_p(Rd)] − T_p(Rd)
///             = (corrected label of V at x_eq + Rd) − b(x_eq + Rd)
/// ```
///
/// Adding a Taylor correction on top would remove T_p's breaking a second time; `DeltaLearning`
/// (module `Regression`) refuses that combination.
///
/// ```swift
/// let t3 = try TaylorCorrection(hessian: .diagonal([2, 1]), cubicConstants: phi)
/// let baseline = try TaylorBaseline(t3, equilibrium: [0, 0])
/// try baseline.values(at: Matrix(rows: [[0.1, 0.2]]))   // [T₃((0.1, 0.2))]
/// ```
///
/// Units: the label's, with H₀ and φ in label units per coordinate unit² and unit³ (cm⁻¹ in
/// dimensionless normal coordinates for the water examples).
///
/// Reference: arXiv 2605.28238 (the Taylor correction); Ramakrishnan et al., J. Chem. Theory
/// Comput. 11, 2087 (2015) (Δ-learning).
public struct TaylorBaseline: Baseline, Hashable {
  /// T_p: the Hessian H₀ and, for order 3, the cubic constants φ.
  public let polynomial: TaylorCorrection
  /// x_eq, the point the polynomial is expanded about.
  public let equilibrium: [Double]

  /// p: 2 or 3.
  public var order: Int { polynomial.order }
  public var dimension: Int { equilibrium.count }
  public var name: String { "the Taylor baseline T\(order == 2 ? "₂" : "₃") about \(equilibrium)" }

  /// The baseline T_p(x − x_eq) of a Taylor correction's polynomial.
  ///
  /// - Parameters:
  ///   - polynomial: an order-2 or order-3 ``TaylorCorrection`` (the one a corrected
  ///     ``ApproximateReflection`` uses, when both are built from the same force field).
  ///   - equilibrium: x_eq, finite, of the polynomial's dimension.
  /// - Throws: ``SymmetryError`` `.invalidParameter` for ``TaylorCorrection/none`` (T₀ = 0),
  ///   `.dimensionMismatch` when x_eq and H₀ differ in dimension, `.nonFiniteValue` for x_eq.
  public init(_ polynomial: TaylorCorrection, equilibrium: [Double]) throws(SymmetryError) {
    guard let d = polynomial.dimension else {
      throw SymmetryError(.invalidParameter,
                          "A Taylor baseline needs order 2 or 3, got order \(polynomial.order) (T₀ = 0: nothing to "
                            + "subtract). Build the TaylorCorrection from the Hessian H₀ (order 2), or from H₀ and "
                            + "the cubic force constants (order 3).", actual: polynomial.order)
    }
    guard equilibrium.count == d else {
      throw SymmetryError(.dimensionMismatch,
                          "The equilibrium has \(equilibrium.count) coordinates, but the Taylor polynomial's Hessian "
                            + "is \(d) × \(d); give x_eq and H₀ (and φ) in the same \(d) coordinates.",
                          expected: d, actual: equilibrium.count)
    }
    if let bad = equilibrium.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("the equilibrium", index: bad) }
    self.polynomial = polynomial
    self.equilibrium = equilibrium
  }

  /// The baseline T₂ (`cubicConstants` `nil`) or T₃ from force constants.
  ///
  /// - Parameters:
  ///   - hessian: H₀, d × d, symmetric and finite.
  ///   - cubicConstants: φᵢⱼₖ at (i·d + j)·d + k (permutation symmetric), or `nil` for T₂.
  ///   - equilibrium: x_eq, d finite values.
  ///   - tolerance: the allowed asymmetry of H₀ and φ, as in ``TaylorCorrection``.
  /// - Throws: the errors of ``TaylorCorrection/init(hessian:tolerance:)``,
  ///   ``TaylorCorrection/init(hessian:cubicConstants:tolerance:)`` and ``init(_:equilibrium:)``.
  public init(hessian: Matrix, cubicConstants: [Double]? = nil, equilibrium: [Double],
              tolerance: Double = 1e-8) throws(SymmetryError) {
    let polynomial: TaylorCorrection
    if let cubicConstants {
      polynomial = try TaylorCorrection(hessian: hessian, cubicConstants: cubicConstants, tolerance: tolerance)
    } else {
      polynomial = try TaylorCorrection(hessian: hessian, tolerance: tolerance)
    }
    try self.init(polynomial, equilibrium: equilibrium)
  }

  /// T_p(x − x_eq) for each row, by ``TaylorCorrection/value(at:)`` on one reused displacement
  /// buffer.
  ///
  /// - Precondition: `inputs.columns` equals ``dimension`` (``Baseline/values(at:)`` checks it).
  /// - Complexity: O(N d²) for order 2, O(N d³) for order 3; no allocation per row.
  public func uncheckedValues(at inputs: Matrix) -> [Double] {
    let n = dimension
    precondition(inputs.columns == n, "Inputs of dimension \(inputs.columns) for \(name)")
    var d = [Double](repeating: 0, count: n)
    var out: [Double] = []
    out.reserveCapacity(inputs.rows)
    inputs.withUnsafeBufferPointer { p in
      for r in 0..<inputs.rows {
        for j in 0..<n { d[j] = p[r * n + j] - equilibrium[j] }
        out.append(polynomial.value(at: d))
      }
    }
    return out
  }
}
