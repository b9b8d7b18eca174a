import Symmetries

/// One named, independent property of a `LabelSymmetry`, checked on a
/// ``SymmetryCheckSubject``.
///
/// A check states its property in one sentence (``property``), decides whether it can say
/// anything about a subject (``isApplicable(to:)``: group structure needs a finite group, label
/// invariance needs a label function and sample points, …), and returns one
/// ``SymmetryFinding`` per failure from ``run(on:)``, none when the property holds. How strict
/// it is depends on whether the symmetry is exact or approximate (``tolerance``).
///
/// The shipped checks are listed in ``SymmetryChecks/all``. The protocol is public so that
/// further checks can be added without changing this module: conform to `SymmetryCheck` and pass
/// the check to ``checkLabelSymmetry(_:label:sample:kernel:seed:labelBound:checks:)``.
///
/// Every check is `Sendable` and `CustomStringConvertible`, so a list of checks can drive a
/// parameterized Swift Testing test:
///
/// ```swift
/// @Test("my symmetry passes", arguments: SymmetryChecks.all)
/// func passes(_ check: any SymmetryCheck) throws {
///   expectPasses(check, on: try subject())
/// }
/// ```
///
/// Modelled on conformance checkers: apple/swift-collections `CheckHashable.swift`,
/// scikit-learn `check_estimator`. Reference: arXiv 2605.28238.
public protocol SymmetryCheck: Sendable, CustomStringConvertible {
  /// A short, stable name ("group structure", "label invariance", …), used in findings.
  var name: String { get }
  /// The property checked, in one sentence.
  var property: String { get }
  /// The tolerances for exact and approximate symmetries.
  var tolerance: SymmetryTolerancePolicy { get }
  /// `true` when the subject carries what this check needs (a finite or continuous group, a
  /// label function, a sample, a kernel).
  ///
  /// - Parameter subject: the symmetry and the data to check it on.
  func isApplicable(to subject: SymmetryCheckSubject) -> Bool
  /// Runs the check.
  ///
  /// - Parameter subject: the symmetry and the data to check it on.
  /// - Returns: one finding per failure; empty when the property holds (and when the check
  ///   does not apply).
  func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding]
}

extension SymmetryCheck {
  /// "name: property".
  public var description: String { "\(name): \(property)" }
}
