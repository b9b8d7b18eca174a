import Datasets
import Foundation
import LinearAlgebra
import Regression

/// Runs a ``Study``: for every variant, size and repeat, chooses hyperparameters on held-out
/// samples from the pool and scores the chosen model on the test set.
///
/// Labels are centred on the training mean before fitting (and predictions shifted back), so
/// kernel models need not learn a constant offset.
///
/// - Complexity: Σ over variants, sizes, repeats of one fit per candidate.
public enum StudyRunner {
  /// Runs the study and returns every measurement.
  ///
  /// - Parameters:
  ///   - study: the validated study.
  ///   - progress: where progress lines go (stderr by default); silent for runs shorter
  ///     than two seconds.
  /// - Throws: ``LearningCurvesError`` `.fitFailed` when every candidate of a variant fails at
  ///   some size (the message carries the last underlying error).
  public static func run(_ study: Study, progress: ProgressReporter? = ProgressReporter()) throws(LearningCurvesError) -> StudyResult {
    let base = SeededGenerator(seed: study.seed)
    // One shuffle per repeat, shared by every variant and size: nested training sets.
    let orders: [[Int]] = (0..<study.repeats).map { r in
      var g = base.derived(UInt64(r))
      return g.permutation(study.pool.count)
    }
    let validationIndices = orders.map { Array($0[..<study.validationCount]) }
    let work = study.variants.reduce(0.0) { total, variant in
      total + Double(study.repeats) * study.sizes(for: variant).reduce(0.0) { $0 + cost($1) }
    }
    var done = 0.0
    let clock = ContinuousClock()
    let start = clock.now
    progress?.begin(study.name)

    var variantResults: [VariantResult] = []
    for variant in study.variants {
      var runs: [RunRecord] = []
      for n in study.sizes(for: variant) {
        for r in 0..<study.repeats {
          progress?.update(study: study.name, variant: variant.name, n: n, repeatIndex: r, repeats: study.repeats,
                           fractionDone: done / work, elapsed: seconds(clock.now - start))
          let trainIndices = Array(orders[r][study.validationCount..<(study.validationCount + n)])
          let train = study.pool.subset(trainIndices)
          let validation = study.pool.subset(validationIndices[r])
          let record = try runOne(variant: variant, train: train, validation: validation, test: study.test,
                                  n: n, repeatIndex: r, studyName: study.name)
          runs.append(record)
          done += cost(n)
        }
      }
      variantResults.append(VariantResult(name: variant.name, summary: variant.summary, groupOrder: variant.groupOrder,
                                          runs: runs, predictedFloor: variant.predictedFloor,
                                          expectedLabelError: variant.expectedLabelError,
                                          maximumSize: variant.maximumSize.flatMap { $0 < study.sizes.last! ? $0 : nil }))
    }
    progress?.finish(study: study.name, elapsed: seconds(clock.now - start))
    return StudyResult(name: study.name, summary: study.summary, seed: study.seed, sizes: study.sizes,
                       repeats: study.repeats, testCount: study.test.count, poolCount: study.pool.count,
                       labelUnit: study.labelUnit, variants: variantResults, referenceVariant: study.referenceVariant)
  }

  /// Selection on `validation`, then the chosen model on `test`. The test set enters only after the choice.
  static func runOne(variant: Variant, train: Dataset, validation: Dataset, test: Dataset,
                     n: Int, repeatIndex: Int, studyName: String) throws(LearningCurvesError) -> RunRecord {
    let mean = train.labels.reduce(0, +) / Double(train.count)
    var centred = train
    centred.labels = train.labels.map { $0 - mean }
    // Every candidate is fitted once, in one call so that the variant can share work between
    // them; the chosen one's model is kept, so the final scoring does not fit it a second time.
    // Fits are deterministic, so this is the model a refit would give. A variant that refines
    // its search gets the validation scores of the first stage and names more candidates.
    let clock = ContinuousClock()
    var best: (candidate: HyperparameterSet, mae: Double, fitted: FittedVariant)? = nil
    var lastError: (any Error)? = nil
    var scored: [(candidate: HyperparameterSet, validationMAE: Double)] = []
    var fittedCount = 0
    let t0 = clock.now
    var stage = variant.candidates
    var batchSeconds = 0.0
    for round in 0..<2 where !stage.isEmpty {
      let tb = clock.now
      let results: [Result<FittedVariant, any Error>]
      do {
        results = try variant.fitCandidates(centred, stage)
      } catch {
        results = stage.map { _ in .failure(error) }
      }
      batchSeconds += seconds(clock.now - tb)
      if results.count != stage.count {
        throw LearningCurvesError(.fitFailed,
          "Study '\(studyName)', variant '\(variant.name)': fitting \(stage.count) candidates returned \(results.count) results; a variant must return one result per candidate, in order.")
      }
      fittedCount += results.count
      for (candidate, result) in zip(stage, results) {
        do {
          let fitted = try result.get()
          let predicted = try fitted.predict(validation.inputs).map { $0 + mean }
          let mae = try ErrorMetrics(predicted: predicted, truth: validation.labels).mae
          scored.append((candidate, mae))
          if mae.isFinite, best == nil || mae < best!.mae { best = (candidate, mae, fitted) }
        } catch {
          lastError = error
          scored.append((candidate, .infinity))
        }
      }
      guard round == 0, let refine = variant.refineCandidates else { break }
      let seen = Set(scored.map(\.candidate))
      stage = refine(scored).filter { !seen.contains($0) }
    }
    let selectionSeconds = seconds(clock.now - t0)
    guard let chosen = best else {
      throw LearningCurvesError(.fitFailed,
        "Study '\(studyName)', variant '\(variant.name)', N = \(n), repeat \(repeatIndex): every one of \(fittedCount) hyperparameter candidates failed; the last error was: \(LearningCurvesError.clause(lastError.map { "\($0)" } ?? "none")). "
          + ((lastError as? RegressionError)?.code == .notPositiveDefinite ? "Widen the ridge grid towards larger ridges or check the data for duplicates." : "Check the data and the variant's settings."))
    }
    do {
      let t1 = clock.now
      var calibration: PredictiveCalibration? = nil
      let predicted: [Double]
      if let probabilistic = chosen.fitted.predictWithStandardDeviation {
        let (m, s) = try probabilistic(test.inputs)
        predicted = m.map { $0 + mean }
        calibration = PredictiveCalibration(mean: predicted, standardDeviation: s, truth: test.labels)
      } else {
        predicted = try chosen.fitted.predict(test.inputs).map { $0 + mean }
      }
      let predictSeconds = seconds(clock.now - t1)
      return RunRecord(repeatIndex: repeatIndex, n: n, trainingRows: chosen.fitted.trainingRows,
                       metrics: try ErrorMetrics(predicted: predicted, truth: test.labels), calibration: calibration,
                       hyperparameters: chosen.candidate.merging(chosen.fitted.fittedHyperparameters),
                       fitSeconds: chosen.fitted.fitSeconds ?? batchSeconds / Double(max(fittedCount, 1)),
                       predictSeconds: predictSeconds, selectionSeconds: selectionSeconds)
    } catch {
      throw LearningCurvesError(.fitFailed,
        "Study '\(studyName)', variant '\(variant.name)', N = \(n), repeat \(repeatIndex): predicting the test set with the chosen hyperparameters failed: \(LearningCurvesError.clause("\(error)")).")
    }
  }
}

func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Progress lines on standard error for runs longer than a couple of seconds: study, variant,
/// size, repeat, elapsed time and an estimate of the time left (work counted as Σ N^2.5).
public final class ProgressReporter: @unchecked Sendable {
  private let quietFor: Double
  private var lastPrinted = -Double.infinity
  private let write: (String) -> Void

  /// - Parameters:
  ///   - quietFor: seconds before the first line is printed.
  ///   - write: where lines go (standard error by default).
  public init(quietFor: Double = 2, write: @escaping (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
    self.quietFor = quietFor
    self.write = write
  }

  func begin(_ study: String) { lastPrinted = -Double.infinity }

  func update(study: String, variant: String, n: Int, repeatIndex: Int, repeats: Int, fractionDone: Double, elapsed: Double) {
    guard elapsed >= quietFor, elapsed - lastPrinted >= 2 else { return }
    lastPrinted = elapsed
    let remaining = fractionDone > 0.01 ? elapsed * (1 - fractionDone) / fractionDone : .nan
    write("[\(study)] \(variant) N=\(n) repeat \(repeatIndex + 1)/\(repeats) — \(duration(elapsed)) elapsed, "
          + (remaining.isFinite ? "~\(duration(remaining)) left" : "estimating time left"))
  }

  func finish(study: String, elapsed: Double) {
    if elapsed >= quietFor { write("[\(study)] done in \(duration(elapsed))") }
  }

  private func duration(_ s: Double) -> String {
    s < 60 ? String(format: "%.0f s", s) : String(format: "%d min %02d s", Int(s) / 60, Int(s) % 60)
  }
}

/// Relative cost of one fit at size n for the time-left estimate: kernel builds grow as n²,
/// factorisations as n³; n^2.5 tracks the mix seen between N = 16 and N = 2048.
func cost(_ n: Int) -> Double { pow(Double(n), 2.5) }
