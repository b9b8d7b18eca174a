/// One fit of one variant at one training size on one random draw.
public struct RunRecord: Sendable, Equatable {
  /// Repeat index (0-based); repeat r draws its training set from its own derived generator.
  public var repeatIndex: Int
  /// Training-set size N (original samples, before any augmentation).
  public var n: Int
  /// Rows the regressor actually saw: N·|G| for explicit augmentation, N otherwise.
  public var trainingRows: Int
  /// Errors on the fixed test set.
  public var metrics: ErrorMetrics
  /// Calibration of the predictive distribution on the test set (probabilistic models only).
  public var calibration: PredictiveCalibration?
  /// The hyperparameters chosen on held-out data, with any the chosen fit settled on itself.
  public var hyperparameters: HyperparameterSet
  /// Wall-clock seconds of the chosen candidate's fit (an amortised share when the variant fits
  /// its candidates together), of predicting the test set, and of the whole selection (fitting
  /// every candidate and predicting the validation set). Kept apart from everything else: the
  /// only fields that differ between two runs with one seed.
  public var fitSeconds: Double
  public var predictSeconds: Double
  public var selectionSeconds: Double

  public init(repeatIndex: Int, n: Int, trainingRows: Int, metrics: ErrorMetrics,
              calibration: PredictiveCalibration? = nil, hyperparameters: HyperparameterSet, fitSeconds: Double, predictSeconds: Double,
              selectionSeconds: Double = 0) {
    self.repeatIndex = repeatIndex
    self.n = n
    self.trainingRows = trainingRows
    self.metrics = metrics
    self.calibration = calibration
    self.hyperparameters = hyperparameters
    self.fitSeconds = fitSeconds
    self.predictSeconds = predictSeconds
    self.selectionSeconds = selectionSeconds
  }
}

/// Mean and spread over repeats at one training size.
public struct SizeSummary: Sendable, Equatable {
  public var n: Int
  public var maeMean: Double
  public var maeStandardDeviation: Double
  public var rmseMean: Double
  public var rmseStandardDeviation: Double
  public var maxErrorMean: Double
  /// Smallest and largest MAE over the repeats (the spread the plot draws: always positive on a log axis).
  public var maeMinimum: Double
  public var maeMaximum: Double
  public var repeats: Int
  /// Mean over repeats of the 95 % interval coverage and of the NLPD (probabilistic models only).
  public var coverage95Mean: Double?
  public var meanNegativeLogPredictiveDensityMean: Double?
}

/// Everything measured for one variant.
public struct VariantResult: Sendable, Equatable {
  /// Short machine name (`none`, `sign-flips+taylor3`, …).
  public var name: String
  /// One line for people.
  public var summary: String
  /// Order of the symmetry group used (1 for none; the number of Haar samples for continuous groups).
  public var groupOrder: Int
  /// Every run, ordered by size then repeat.
  public var runs: [RunRecord]
  /// The floor predicted before training by the symmetry diagnostics (MAE, label unit), if any.
  public var predictedFloor: Double?
  /// Mean augmented-label error E|ỹ − V| from the diagnostics (label unit), if any.
  public var expectedLabelError: Double?
  /// The largest training size the variant was run at, when it was capped below the study's
  /// largest (``Variant/maximumSize``); `nil` otherwise.
  public var maximumSize: Int?

  public init(name: String, summary: String, groupOrder: Int, runs: [RunRecord],
              predictedFloor: Double? = nil, expectedLabelError: Double? = nil, maximumSize: Int? = nil) {
    self.name = name
    self.summary = summary
    self.groupOrder = groupOrder
    self.runs = runs
    self.predictedFloor = predictedFloor
    self.expectedLabelError = expectedLabelError
    self.maximumSize = maximumSize
  }

  /// Per-size means and sample standard deviations over repeats, increasing N.
  public var summaries: [SizeSummary] {
    let sizes = Set(runs.map(\.n)).sorted()
    return sizes.map { n in
      let at = runs.filter { $0.n == n }
      let mae = meanAndStandardDeviation(at.map(\.metrics.mae))
      let rmse = meanAndStandardDeviation(at.map(\.metrics.rmse))
      let mx = meanAndStandardDeviation(at.map(\.metrics.maxError))
      return SizeSummary(n: n, maeMean: mae.mean, maeStandardDeviation: mae.standardDeviation,
                         rmseMean: rmse.mean, rmseStandardDeviation: rmse.standardDeviation,
                         maxErrorMean: mx.mean, maeMinimum: at.map(\.metrics.mae).min() ?? .nan,
                         maeMaximum: at.map(\.metrics.mae).max() ?? .nan, repeats: at.count,
                         coverage95Mean: Self.meanIfAll(at.map { $0.calibration?.coverage95 }),
                         meanNegativeLogPredictiveDensityMean: Self.meanIfAll(at.map { $0.calibration?.meanNegativeLogPredictiveDensity }))
    }
  }

  /// The mean of `values` when every one is present.
  static func meanIfAll(_ values: [Double?]) -> Double? {
    let present = values.compactMap { $0 }
    guard !present.isEmpty, present.count == values.count else { return nil }
    return present.reduce(0, +) / Double(present.count)
  }

  /// The mean-MAE curve (sizes, errors).
  public var curve: (sizes: [Int], errors: [Double]) {
    let s = summaries
    return (s.map(\.n), s.map(\.maeMean))
  }

  /// Power-law fit of the mean MAE over all sizes.
  public var powerLaw: PowerLawFit? { LearningCurveFits.powerLaw(sizes: curve.sizes, errors: curve.errors) }

  /// Floor fit of the mean MAE.
  public var floorEstimate: FloorEstimate? { LearningCurveFits.floor(sizes: curve.sizes, errors: curve.errors) }
}

/// The outcome of a learning-curve study: its settings and every variant's results.
public struct StudyResult: Sendable, Equatable {
  /// Study name, used for file names (`water-pes` → `water-pes.json|.csv|.svg`).
  public var name: String
  /// One paragraph describing the data, the test set and the variants.
  public var summary: String
  /// The seed that reproduces the study.
  public var seed: UInt64
  public var sizes: [Int]
  public var repeats: Int
  public var testCount: Int
  public var poolCount: Int
  /// Unit of labels and errors (e.g. "cm⁻¹", "bohr⁻³").
  public var labelUnit: String
  public var variants: [VariantResult]
  /// Name of the variant the others are compared with (usually `none`).
  public var referenceVariant: String

  public init(name: String, summary: String, seed: UInt64, sizes: [Int], repeats: Int, testCount: Int,
              poolCount: Int, labelUnit: String, variants: [VariantResult], referenceVariant: String = "none") {
    self.name = name
    self.summary = summary
    self.seed = seed
    self.sizes = sizes
    self.repeats = repeats
    self.testCount = testCount
    self.poolCount = poolCount
    self.labelUnit = labelUnit
    self.variants = variants
    self.referenceVariant = referenceVariant
  }

  /// The variant named `name`.
  public func variant(_ name: String) -> VariantResult? { variants.first { $0.name == name } }

  /// Comparison of every variant with the reference: interpolated efficiency factors,
  /// MAE_G(N)/MAE_ref(|G|N) ratios, and the shared-slope factor.
  public var comparisons: [VariantComparison] {
    guard let ref = variant(referenceVariant) else { return [] }
    return variants.filter { $0.name != referenceVariant }.map { v in
      let factors = LearningCurveFits.efficiencyFactors(reference: ref.curve, improved: v.curve)
      let ratios = LearningCurveFits.ratiosAtScaledSize(reference: ref.curve, improved: v.curve, scale: v.groupOrder)
      let shared = LearningCurveFits.sharedSlope(curves: [ref.curve, v.curve])
      let sharedFactor = shared.map { exp(($0.offsets[0] - $0.offsets[1]) / $0.exponent) }
      var bound: Double? = nil
      if let refBest = ref.curve.errors.min(), let refLargest = ref.curve.sizes.max() {
        let beating = zip(v.curve.sizes, v.curve.errors).filter { $0.1 < refBest }.map(\.0)
        if let smallest = beating.min() { bound = Double(refLargest) / Double(smallest) }
      }
      return VariantComparison(variant: v.name, reference: ref.name, groupOrder: v.groupOrder,
                               efficiencyFactors: factors, ratiosAtScaledSize: ratios.map { .init(n: $0.n, ratio: $0.ratio) },
                               sharedSlopeExponent: shared?.exponent, sharedSlopeFactor: sharedFactor,
                               efficiencyLowerBound: bound)
    }
  }
}

/// How a variant compares with the reference variant.
public struct VariantComparison: Sendable, Equatable {
  public struct Ratio: Sendable, Equatable { public var n: Int; public var ratio: Double }
  public var variant: String
  public var reference: String
  public var groupOrder: Int
  /// N_ref/N at equal MAE for each N of the variant.
  public var efficiencyFactors: [EfficiencyFactor]
  /// MAE_variant(N) / MAE_ref(|G|·N) where both are measured.
  public var ratiosAtScaledSize: [Ratio]
  /// The slope shared by both curves, and exp(Δoffset / slope): the constant-factor gain.
  public var sharedSlopeExponent: Double?
  public var sharedSlopeFactor: Double?

  /// Median of the interpolated efficiency factors; `nil` when no point of the variant falls
  /// inside the reference curve's error range (see ``efficiencyLowerBound``).
  public var medianEfficiencyFactor: Double? {
    let pool = efficiencyFactors.filter { !$0.isExtrapolated }.map(\.factor).sorted()
    guard !pool.isEmpty else { return nil }
    return pool.count % 2 == 1 ? pool[pool.count / 2] : (pool[pool.count / 2 - 1] + pool[pool.count / 2]) / 2
  }

  /// When the variant beats the reference's best error already at some size N: the largest
  /// N_ref,max / N over those sizes, a lower bound on the efficiency factor that extrapolating
  /// the reference's power law would otherwise inflate (`nil` when no such size exists).
  public var efficiencyLowerBound: Double?
}

import Foundation
