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
  ///
  /// The sums are scaled by the largest error, so MAE and RMSE are finite whenever every
  /// error |ŷᵢ − yᵢ| is (no overflow of Σ e² for errors above 1e154).
  ///
  /// - Throws: ``LearningCurvesError`` `.invalidStudy` when the counts differ or are zero.
  /// - Complexity: O(n).
  public init(predicted: [Double], truth: [Double]) throws(LearningCurvesError) {
    guard predicted.count == truth.count, !truth.isEmpty else {
      throw LearningCurvesError(.invalidStudy,
        "Error metrics need as many predictions as labels, at least one: got \(predicted.count) predictions and \(truth.count) labels.")
    }
    var maxAbs = 0.0
    for i in truth.indices {
      let e = Swift.abs(predicted[i] - truth[i])
      if e.isNaN { maxAbs = .nan; break }
      maxAbs = Swift.max(maxAbs, e)
    }
    let n = Double(truth.count)
    guard maxAbs.isFinite && maxAbs > 0 else {
      mae = maxAbs
      rmse = maxAbs
      maxError = maxAbs
      return
    }
    var sumAbs = 0.0, sumSq = 0.0
    for i in truth.indices {
      let e = Swift.abs(predicted[i] - truth[i]) / maxAbs
      sumAbs += e
      sumSq += e * e
    }
    mae = maxAbs * (sumAbs / n)
    rmse = maxAbs * (sumSq / n).squareRoot()
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
