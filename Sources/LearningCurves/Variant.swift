import Datasets
import LinearAlgebra

/// One line of a learning-curve plot: a way to learn from N samples (regressor × symmetry ×
/// augmentation route × Taylor order), with the hyperparameter candidates to choose from.
///
/// A variant is data plus one closure, `fit`, which trains on a training set with one
/// candidate's hyperparameters and returns a prediction function. The study runner picks the
/// candidate with the lowest validation MAE on held-out samples from the pool and scores that
/// fitted model on the test set, so the test set never influences a choice.
///
/// ```swift
/// let plain = Variant(name: "none", summary: "KRR, no symmetry", groupOrder: 1,
///                     candidates: KernelRidgeGrid.default.candidates) { train, hyper in
///   let model = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: hyper["length_scale"]!),
///                                         ridge: hyper["ridge"]!).fit(train.inputs, train.labels)
///   return { try model.predict($0) }
/// }
/// ```
public struct Variant: Sendable {
  /// A trained model's prediction function.
  public typealias PredictFunction = @Sendable (Matrix) throws -> [Double]
  /// Trains on a data set with one hyperparameter candidate.
  public typealias FitFunction = @Sendable (Dataset, [String: Double]) throws -> FittedVariant

  /// Short machine name, used in reports and file contracts.
  public var name: String
  /// One line for people.
  public var summary: String
  /// |G| (1 for none; M for M Haar samples of a continuous group).
  public var groupOrder: Int
  /// Hyperparameter candidates (each a name → value map); at least one.
  public var candidates: [[String: Double]]
  /// The floor predicted before training by the symmetry diagnostics (label unit), if any.
  public var predictedFloor: Double?
  /// The mean augmented-label error from the diagnostics (label unit), if any.
  public var expectedLabelError: Double?
  /// Trains on a data set with one candidate.
  public var fit: FitFunction
  /// The input dimension the variant's symmetry acts on (`nil`: any); ``Study`` refuses a
  /// variant whose dimension differs from the data's.
  public var inputDimension: Int?

  public init(name: String, summary: String, groupOrder: Int, candidates: [[String: Double]],
              predictedFloor: Double? = nil, expectedLabelError: Double? = nil, inputDimension: Int? = nil,
              fit: @escaping FitFunction) {
    self.inputDimension = inputDimension
    self.name = name
    self.summary = summary
    self.groupOrder = groupOrder
    self.candidates = candidates
    self.predictedFloor = predictedFloor
    self.expectedLabelError = expectedLabelError
    self.fit = fit
  }
}

/// What a variant's `fit` returns: how many rows the regressor saw, and how to predict.
public struct FittedVariant: Sendable {
  /// Rows of the system actually solved (N·|G| for explicit augmentation; N otherwise).
  public var trainingRows: Int
  public var predict: Variant.PredictFunction

  public init(trainingRows: Int, predict: @escaping Variant.PredictFunction) {
    self.trainingRows = trainingRows
    self.predict = predict
  }
}

/// A (length scale × ridge) grid for kernel models.
public struct HyperparameterGrid: Sendable, Equatable {
  public var lengthScales: [Double]
  public var ridges: [Double]

  public init(lengthScales: [Double], ridges: [Double]) {
    self.lengthScales = lengthScales
    self.ridges = ridges
  }

  /// Every pair as `["length_scale": σ, "ridge": λ]`, length scale major.
  public var candidates: [[String: Double]] {
    lengthScales.flatMap { s in ridges.map { ["length_scale": s, "ridge": $0] } }
  }

  /// `count` values spaced evenly in log between `low` and `high`, both included.
  ///
  /// ```
  /// vₖ = low · (high/low)^(k/(count − 1)),   k = 0 … count − 1   (count = 1: [low])
  /// ```
  ///
  /// - Throws: ``LearningCurvesError`` `.invalidConfiguration` unless 0 < low ≤ high (both
  ///   finite) and 1 ≤ count ≤ 10 000.
  /// - Complexity: O(count).
  public static func logSpaced(_ low: Double, _ high: Double, count: Int) throws(LearningCurvesError) -> [Double] {
    guard low > 0, high >= low, high.isFinite, (1...10_000).contains(count) else {
      throw LearningCurvesError(.invalidConfiguration,
        "A log-spaced grid needs 0 < low ≤ high, both finite, and 1 to 10000 values; got low \(low), high \(high), count \(count).")
    }
    if count == 1 { return [low] }
    return (0..<count).map { low * _pow(high / low, Double($0) / Double(count - 1)) }
  }
}

import Foundation
private func _pow(_ a: Double, _ b: Double) -> Double { Foundation.pow(a, b) }
