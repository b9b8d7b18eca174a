import Datasets
import LinearAlgebra

/// One line of a learning-curve plot: a way to learn from N samples (regressor × symmetry ×
/// route × trust × baseline), with the hyperparameter candidates to choose from.
///
/// A variant is data plus one closure, ``fitCandidates``, which trains on a training set once per
/// candidate and returns one fitted model (or the error) per candidate. The study runner picks the
/// candidate with the lowest validation MAE on held-out samples from the pool and scores that
/// fitted model on the test set, so the test set never influences a choice.
///
/// Fitting all candidates in one call lets a variant share work between them — one kernel matrix
/// per length scale, one set of per-sector factorisations for every (λ, ε²) pair — while the
/// runner stays ignorant of how. A variant that fits each candidate on its own is built with
/// ``init(name:summary:groupOrder:candidates:predictedFloor:expectedLabelError:inputDimension:fit:)``:
///
/// ```swift
/// let plain = Variant(name: "none", summary: "KRR, no symmetry", groupOrder: 1,
///                     candidates: KernelRidgeGrid.default.candidates) { train, hyper in
///   let model = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: hyper["length_scale"]!),
///                                         ridge: hyper["ridge"]!).fit(train.inputs, train.labels)
///   return FittedVariant(trainingRows: train.count) { try model.predict($0) }
/// }
/// ```
public struct Variant: Sendable {
  /// A trained model's prediction function.
  public typealias PredictFunction = @Sendable (Matrix) throws -> [Double]
  /// Trains on a data set with one hyperparameter candidate.
  public typealias FitFunction = @Sendable (Dataset, HyperparameterSet) throws -> FittedVariant
  /// Trains on a data set once per candidate, in the candidates' order; one result per candidate.
  public typealias BatchFitFunction = @Sendable (Dataset, [HyperparameterSet]) throws -> [Result<FittedVariant, any Error>]

  /// Short machine name, used in reports and file contracts.
  public var name: String
  /// One line for people.
  public var summary: String
  /// |G| (1 for none; M for M Haar samples of a continuous group).
  public var groupOrder: Int
  /// Hyperparameter candidates; at least one.
  public var candidates: [HyperparameterSet]
  /// The floor predicted before training by the symmetry diagnostics (label unit), if any.
  public var predictedFloor: Double?
  /// The mean augmented-label error from the diagnostics (label unit), if any.
  public var expectedLabelError: Double?
  /// Trains once per candidate. A thrown error counts as a failure of every candidate.
  public var fitCandidates: BatchFitFunction
  /// A second search stage: given every first-stage candidate with its validation MAE (∞ or NaN
  /// for a failed fit), the candidates to fit next (those already fitted are skipped). `nil`: one
  /// stage. Lets a variant search a coarse grid and refine around its best point — e.g. the
  /// extremes of a trust grid for every length scale, then the intermediate trusts at the best
  /// one — without ever seeing the test set.
  public var refineCandidates: (@Sendable ([(candidate: HyperparameterSet, validationMAE: Double)]) -> [HyperparameterSet])?
  /// The largest training size this variant is run at (`nil`: every size of the study). The runner
  /// skips larger sizes for this variant only — for a model whose fit at the study's largest sizes
  /// would not fit the time budget (a Gaussian process spends tens of N³ likelihood evaluations per
  /// fit) — and the reports record it as `maximum_size`; say so in the ``summary``. Curves and
  /// comparisons then use the sizes that were run. `Study` refuses a value below its smallest size.
  public var maximumSize: Int? = nil
  /// The input dimension the variant's symmetry acts on (`nil`: any); ``Study`` refuses a
  /// variant whose dimension differs from the data's.
  public var inputDimension: Int?
  /// Whether a fit may form N × N kernel matrices (a dense solve; the default). ``Study`` checks
  /// that the largest size's N × N matrix fits the memory budget only when some variant says so;
  /// a variant whose solver is planned per fit (Nyström or `auto`, ``VariantModel/solver``) does not.
  public var formsSquareKernelMatrices = true

  /// A variant whose candidates are fitted together (work shared between them).
  public init(name: String, summary: String, groupOrder: Int, candidates: [HyperparameterSet],
              predictedFloor: Double? = nil, expectedLabelError: Double? = nil, inputDimension: Int? = nil,
              refineCandidates: (@Sendable ([(candidate: HyperparameterSet, validationMAE: Double)]) -> [HyperparameterSet])? = nil,
              fitCandidates: @escaping BatchFitFunction) {
    self.refineCandidates = refineCandidates
    self.inputDimension = inputDimension
    self.name = name
    self.summary = summary
    self.groupOrder = groupOrder
    self.candidates = candidates
    self.predictedFloor = predictedFloor
    self.expectedLabelError = expectedLabelError
    self.fitCandidates = fitCandidates
  }

  /// A variant whose candidates are fitted one at a time by `fit`.
  public init(name: String, summary: String, groupOrder: Int, candidates: [HyperparameterSet],
              predictedFloor: Double? = nil, expectedLabelError: Double? = nil, inputDimension: Int? = nil,
              fit: @escaping FitFunction) {
    self.init(name: name, summary: summary, groupOrder: groupOrder, candidates: candidates,
              predictedFloor: predictedFloor, expectedLabelError: expectedLabelError, inputDimension: inputDimension) { train, candidates in
      candidates.map { candidate in Result { try fit(train, candidate) } }
    }
  }

  /// Fits one candidate (through ``fitCandidates``).
  /// - Throws: the candidate's error.
  public func fit(_ train: Dataset, _ candidate: HyperparameterSet) throws -> FittedVariant {
    guard let result = try fitCandidates(train, [candidate]).first else {
      throw LearningCurvesError(.fitFailed, "Variant '\(name)' returned no model for candidate \(candidate).")
    }
    return try result.get()
  }
}

/// What a variant's fit returns for one candidate: how many rows the regressor saw, how to
/// predict, and any hyperparameters the fit chose itself.
public struct FittedVariant: Sendable {
  /// Rows of the system actually solved (N·|G| for explicit augmentation; N otherwise).
  public var trainingRows: Int
  public var predict: Variant.PredictFunction
  /// Predictive means and standard deviations (probabilistic models); the runner scores their
  /// calibration on the test set. The means equal ``predict``'s.
  public var predictWithStandardDeviation: (@Sendable (Matrix) throws -> (mean: [Double], standardDeviation: [Double]))?
  /// Hyperparameters the fit settled on by itself (e.g. a Gaussian process's marginal-likelihood
  /// optimum); the runner records them with the candidate's.
  public var fittedHyperparameters: HyperparameterSet
  /// Seconds this candidate's fit took when the variant can say (a batch that shares work may
  /// report an amortised share); `nil`: the runner measures.
  public var fitSeconds: Double?

  public init(trainingRows: Int, fittedHyperparameters: HyperparameterSet = [:], fitSeconds: Double? = nil,
              predictWithStandardDeviation: (@Sendable (Matrix) throws -> (mean: [Double], standardDeviation: [Double]))? = nil,
              predict: @escaping Variant.PredictFunction) {
    self.trainingRows = trainingRows
    self.predictWithStandardDeviation = predictWithStandardDeviation
    self.fittedHyperparameters = fittedHyperparameters
    self.fitSeconds = fitSeconds
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
  public var candidates: [HyperparameterSet] {
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
