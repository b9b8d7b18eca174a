import Foundation

/// One named, bounded hyperparameter of a kernel or model, as data.
///
/// Hyperparameters are optimised as one vector of natural logarithms of the free
/// (non-fixed) values, in the order a kernel lists them — scikit-learn's `theta`
/// (`sklearn/gaussian_process/kernels.py`). Bounds apply to the value itself, not its log.
///
/// ```
/// θ = (log v₁, …, log v_m)   over the hyperparameters with isFixed == false
/// ```
public struct Hyperparameter: Sendable, Hashable, CustomStringConvertible {
  /// Name, e.g. `"lengthScale"`, `"signalVariance"`, `"noiseLevel"`.
  public var name: String
  /// Current value (positive).
  public var value: Double
  /// Closed interval of admissible values used by optimisers (positive bounds).
  public var bounds: ClosedRange<Double>
  /// When `true` the value is kept as is and does not appear in `theta`.
  public var isFixed: Bool

  /// Creates a hyperparameter.
  /// - Parameters:
  ///   - name: Name shown in messages and summaries.
  ///   - value: Current value.
  ///   - bounds: Optimisation bounds; default 1e-5…1e5 as in scikit-learn.
  ///   - isFixed: Whether optimisers leave it unchanged.
  public init(name: String, value: Double, bounds: ClosedRange<Double> = 1e-5...1e5, isFixed: Bool = false) {
    self.name = name
    self.value = value
    self.bounds = bounds
    self.isFixed = isFixed
  }

  /// The natural log of `value`.
  public var logValue: Double { log(value) }

  /// `"name = value"` with `(fixed)` when fixed.
  public var description: String { "\(name) = \(value)\(isFixed ? " (fixed)" : "")" }
}

extension Array where Element == Hyperparameter {
  /// Natural logs of the free hyperparameters' values (scikit-learn's `theta`).
  public var logFreeValues: [Double] { filter { !$0.isFixed }.map(\.logValue) }
  /// Bounds of the free hyperparameters in log space.
  public var logFreeBounds: [(lower: Double, upper: Double)] {
    filter { !$0.isFixed }.map { (log($0.bounds.lowerBound), log($0.bounds.upperBound)) }
  }
}

