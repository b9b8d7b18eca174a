/// Error metrics of a prediction against the truth, in the unit of the labels.
///
/// ```
/// MAE  = (1/n) Σ |ŷᵢ − yᵢ|
/// RMSE = √((1/n) Σ (ŷᵢ − yᵢ)²)
/// max  = maxᵢ |ŷᵢ − yᵢ|
/// ```
public struct ErrorMetrics: Sendable, Equatable, Codable {
  /// Mean absolute error.
  public var mae: Double
  /// Root-mean-square error.
  public var rmse: Double
  /// Largest absolute error.
  public var maxError: Double

  /// Metrics of `predicted` against `truth`.
  /// - Precondition: equal, non-zero lengths.
  public init(predicted: [Double], truth: [Double]) {
    precondition(predicted.count == truth.count && !truth.isEmpty,
                 "Metrics of \(predicted.count) predictions against \(truth.count) labels")
    var sumAbs = 0.0, sumSq = 0.0, maxAbs = 0.0
    for i in truth.indices {
      let e = predicted[i] - truth[i]
      sumAbs += Swift.abs(e)
      sumSq += e * e
      maxAbs = Swift.max(maxAbs, Swift.abs(e))
    }
    let n = Double(truth.count)
    mae = sumAbs / n
    rmse = (sumSq / n).squareRoot()
    maxError = maxAbs
  }

  public init(mae: Double, rmse: Double, maxError: Double) {
    self.mae = mae
    self.rmse = rmse
    self.maxError = maxError
  }
}

/// Mean and sample standard deviation (n − 1 in the denominator; 0 for a single value).
public func meanAndStandardDeviation(_ values: [Double]) -> (mean: Double, standardDeviation: Double) {
  guard !values.isEmpty else { return (.nan, .nan) }
  let n = Double(values.count)
  let mean = values.reduce(0, +) / n
  guard values.count > 1 else { return (mean, 0) }
  let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
  return (mean, variance.squareRoot())
}
