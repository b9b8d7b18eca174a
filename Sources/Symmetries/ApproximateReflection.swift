internal import LinearAlgebra

/// An approximate reflection symmetry about an equilibrium: the Z2^m sign flips of the
/// displacement d = x − x_eq on chosen coordinates, with an optional ``TaylorCorrection``.
///
/// ```
/// g_u · (x_eq + d) = x_eq + R_u d,     R_u = diag(±1)  (bit i of u flips coordinates[i])
/// ỹ(x_eq + R_u d) = V(x_eq + d) − T_p(d) + T_p(R_u d)      (correction c_g(x) = T_p(Rd) − T_p(d))
/// ```
///
/// This is a finite group with ``isExact`` `false`: a potential energy surface is only
/// approximately symmetric under reflection of a normal coordinate about its minimum (the odd
/// force constants break it). Plain augmentation (order 0) errs at O(|d|³); the order-p
/// correction at O(|d|^(p+1)) (see ``TaylorCorrection``). ``SymmetryDiagnostics`` measures
/// the error on a sample before training. Reference: arXiv 2605.28238.
///
/// ```swift
/// let h0 = Matrix.diagonal([1.0, 2.0])
/// let sym = try ApproximateReflection(equilibrium: [0, 0], coordinates: [0],
///                                     correction: try TaylorCorrection(hessian: h0))
/// sym.order      // 2
/// ```
public struct ApproximateReflection: FiniteLabelSymmetry {
  /// x_eq, the centre of the reflection.
  public let equilibrium: [Double]
  /// The reflected coordinates, in bit order.
  public let coordinates: [Int]
  /// The label correction (``TaylorCorrection/none`` for plain augmentation).
  public let correction: TaylorCorrection
  public let elements: [OrthogonalAction]
  public var dimension: Int { equilibrium.count }
  public var centre: [Double] { equilibrium }
  public var isExact: Bool { false }
  public var signFlipCoordinates: [Int]? { coordinates }
  public var name: String { "approximate reflection of \(coordinates) (Taylor order \(correction.order))" }

  /// Reflections of `coordinates` about `equilibrium`, corrected by `correction`.
  ///
  /// - Throws: ``SymmetryError`` as ``SignFlips/init(dimension:coordinates:centre:)``, and
  ///   `.dimensionMismatch` when the correction's dimension differs from the equilibrium's.
  public init(equilibrium: [Double], coordinates: [Int], correction: TaylorCorrection = .none) throws(SymmetryError) {
    let flips = try SignFlips(dimension: equilibrium.count, coordinates: coordinates, centre: equilibrium)
    if let d = correction.dimension, d != equilibrium.count {
      throw .dimension("The Taylor correction", expected: equilibrium.count, actual: d,
                       hint: "Give H₀ (and φ) in the same \(equilibrium.count) coordinates as the equilibrium.")
    }
    self.equilibrium = equilibrium
    self.coordinates = coordinates
    self.correction = correction
    self.elements = flips.elements
  }

  /// c_g(x) = T_p(Rd) − T_p(d) with d = x − x_eq.
  public func labelCorrection(for element: OrthogonalAction, at x: [Double]) -> Double {
    guard correction.order > 0 else { return 0 }
    let d = zip(x, equilibrium).map { $0 - $1 }
    let rd = element.matrix * d
    return correction.correction(displacement: d, image: rd)
  }
}
