/// How strict a ``SymmetryCheck`` is, separately for exact and approximate symmetries.
///
/// Exact symmetries (`LabelSymmetry.isExact` `true`) are held to round-off: a label or kernel
/// value may change by a few units in the last place. Approximate symmetries are held to a
/// stated bound, because their labels are only corrected to some Taylor order. Which of the
/// two numbers a check uses is decided by ``tolerance(isExact:)``; what the number means
/// (absolute, relative to a scale, a multiple of a standard error) is documented on each check.
///
/// Estimator checks adapt the same way to estimator tags (scikit-learn
/// `sklearn/utils/estimator_checks.py`).
public struct SymmetryTolerancePolicy: Sendable, Hashable, CustomStringConvertible {
  /// The tolerance for exact symmetries.
  public var exact: Double
  /// The tolerance for approximate symmetries.
  public var approximate: Double

  /// A policy with separate tolerances.
  ///
  /// - Parameters:
  ///   - exact: used when the symmetry is exact.
  ///   - approximate: used when it is approximate.
  public init(exact: Double, approximate: Double) {
    self.exact = exact
    self.approximate = approximate
  }

  /// The same tolerance for both kinds, for properties that do not depend on the labels
  /// (group structure, orthogonality, kernel invariance).
  public static func uniform(_ tolerance: Double) -> SymmetryTolerancePolicy {
    SymmetryTolerancePolicy(exact: tolerance, approximate: tolerance)
  }

  /// The tolerance that applies to a symmetry.
  ///
  /// - Parameter isExact: `LabelSymmetry.isExact` of the symmetry under test.
  /// - Returns: ``exact`` or ``approximate``.
  public func tolerance(isExact: Bool) -> Double { isExact ? exact : approximate }

  public var description: String {
    exact == approximate ? "\(exact)" : "\(exact) (exact), \(approximate) (approximate)"
  }
}
