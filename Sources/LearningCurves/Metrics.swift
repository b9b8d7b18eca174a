import Foundation

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

/// How well a probabilistic model's predictive distributions match the truth (Gaussian
/// processes), on the test set.
///
/// ```
/// coverage₉₅ = (1/n) #{ i : |yᵢ − μᵢ| ≤ 1.959964 σᵢ }          (0.95 for a calibrated model)
/// NLPD       = (1/n) Σ [ ½ log(2π σᵢ²) + (yᵢ − μᵢ)² / (2σᵢ²) ]   (nats; lower is better)
/// ```
///
/// A standard deviation below 1e-300 is raised to it, so a point predicted with σ = 0 scores a
/// huge but finite NLPD instead of ∞.
public struct PredictiveCalibration: Sendable, Equatable, Codable {
  /// Fraction of test points inside the central 95 % predictive interval.
  public var coverage95: Double
  /// Mean negative log predictive density, in nats (label units enter through log σ).
  public var meanNegativeLogPredictiveDensity: Double

  /// Calibration of means `mean` and standard deviations `standardDeviation` against `truth`.
  /// - Precondition: equal, non-zero lengths.
  public init(mean: [Double], standardDeviation: [Double], truth: [Double]) {
    precondition(mean.count == truth.count && standardDeviation.count == truth.count && !truth.isEmpty,
                 "Calibration of \(mean.count) means and \(standardDeviation.count) deviations against \(truth.count) labels")
    var inside = 0, nlpd = 0.0
    for i in truth.indices {
      let s = Swift.max(standardDeviation[i], 1e-300), e = truth[i] - mean[i]
      if Swift.abs(e) <= 1.959963984540054 * s { inside += 1 }
      nlpd += 0.5 * log(2 * Double.pi * s * s) + e * e / (2 * s * s)
    }
    coverage95 = Double(inside) / Double(truth.count)
    meanNegativeLogPredictiveDensity = nlpd / Double(truth.count)
  }

  public init(coverage95: Double, meanNegativeLogPredictiveDensity: Double) {
    self.coverage95 = coverage95
    self.meanNegativeLogPredictiveDensity = meanNegativeLogPredictiveDensity
  }
}
