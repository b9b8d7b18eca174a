import Datasets
import Foundation
import LearningCurves
import LinearAlgebra
import Synchronization
import Testing
import _TestSupport

/// A tiny regressor for runner tests: the mean label of the k nearest training points (1D).
private func nearestNeighbours(train: Dataset, k: Int) -> Variant.PredictFunction {
  let xs = train.inputs.elements, ys = train.labels
  return { inputs in
    inputs.elements.map { x in
      let order = xs.indices.sorted { abs(xs[$0] - x) < abs(xs[$1] - x) }
      let used = order.prefix(min(k, order.count))
      return used.reduce(0) { $0 + ys[$1] } / Double(used.count)
    }
  }
}

private func sineData(count: Int, seed: UInt64) throws -> Dataset {
  var g = SeededGenerator(seed: seed)
  let x = (0..<count).map { _ in g.uniform(-3, 3) }
  return try Dataset(inputs: Matrix(column: x), labels: x.map { sin($0) })
}

/// Records every input matrix a variant was asked to predict.
private final class PredictionLog: Sendable {
  let seen = Mutex<[Matrix]>([])
  let fits = Mutex(0)
}

private func knnVariant(log: PredictionLog? = nil) -> Variant {
  Variant(name: "none", summary: "k nearest neighbours", groupOrder: 1,
          candidates: [1, 2, 4, 8].map { ["k": Double($0)] }) { train, hyper in
    log?.fits.withLock { $0 += 1 }
    let predict = nearestNeighbours(train: train, k: Int(hyper["k"]!))
    return FittedVariant(trainingRows: train.count) { inputs in
      log?.seen.withLock { $0.append(inputs) }
      return try predict(inputs)
    }
  }
}

@Suite("StudyRunner")
struct StudyRunnerTests {
  func study(test: Dataset, variants: [Variant], seed: UInt64 = 5) throws -> Study {
    try Study(name: "toy", summary: "sine", labelUnit: "1", pool: sineData(count: 300, seed: 1), test: test,
              sizes: [8, 32, 128], repeats: 3, validationCount: 40, seed: seed, variants: variants)
  }

  @Test("the same seed gives byte-identical JSON and CSV, timings aside")
  func reproducible() throws {
    let test = try sineData(count: 100, seed: 2)
    let a = try StudyRunner.run(study(test: test, variants: [knnVariant()]), progress: nil)
    let b = try StudyRunner.run(study(test: test, variants: [knnVariant()]), progress: nil)
    func withoutTimings(_ r: StudyResult) -> String {
      guard case .object(let pairs) = r.jsonReport() else { return "" }
      return JSONValue.object(pairs.filter { $0.0 != "timings" }).rendered()
    }
    #expect(withoutTimings(a) == withoutTimings(b))
    let csvA = a.csvReport().split(separator: "\n").map { $0.split(separator: ",").prefix(10).joined(separator: ",") }
    let csvB = b.csvReport().split(separator: "\n").map { $0.split(separator: ",").prefix(10).joined(separator: ",") }
    #expect(csvA == csvB)
    let c = try StudyRunner.run(study(test: test, variants: [knnVariant()], seed: 6), progress: nil)
    #expect(withoutTimings(a) != withoutTimings(c))
    // Errors fall with N for a smooth function.
    let curve = a.variants[0].curve.errors
    #expect(curve[2] < curve[0])
  }

  @Test("the test set never influences a choice: garbage test labels leave every chosen hyperparameter unchanged")
  func testSetNeverUsedForSelection() throws {
    let test = try sineData(count: 100, seed: 2)
    var garbage = test
    garbage.labels = test.labels.map { 1000 - 37 * $0 }
    let log = PredictionLog()
    let a = try StudyRunner.run(study(test: test, variants: [knnVariant(log: log)]), progress: nil)
    let b = try StudyRunner.run(study(test: garbage, variants: [knnVariant()]), progress: nil)
    #expect(a.variants[0].runs.map(\.hyperparameters) == b.variants[0].runs.map(\.hyperparameters))
    #expect(a.variants[0].runs.map(\.metrics) != b.variants[0].runs.map(\.metrics))
    // The test inputs were predicted exactly once per (size, repeat): by the final refit only.
    let testPredictions = log.seen.withLock { $0.filter { $0 == test.inputs }.count }
    #expect(testPredictions == 3 * 3)
    let validationPredictions = log.seen.withLock { $0.filter { $0.rows == 40 }.count }
    #expect(validationPredictions == 3 * 3 * 4)
    // One fit per candidate, size and repeat: the chosen model is scored, not fitted again.
    #expect(log.fits.withLock { $0 } == 3 * 3 * 4)
  }

  @Test("invalid studies throw one error listing every problem")
  func invalidStudy() throws {
    let pool = try sineData(count: 50, seed: 1)
    let error = #expect(throws: LearningCurvesError.self) {
      try Study(name: "bad", summary: "", labelUnit: "1", pool: pool, test: sineData(count: 10, seed: 2),
                sizes: [8, 64], repeats: 0, validationCount: 10, seed: 1, variants: [knnVariant()])
    }
    #expect(error?.code == .invalidStudy)
    #expect(error?.description.contains("repeats is 0; it must be from 1 to 10000") == true)
    #expect(error?.description.contains("the largest training size 64 plus 10 validation samples needs 74 samples but the pool has 50; use sizes up to 40") == true)
  }

  @Test("a test set that overlaps the pool is refused, naming the samples")
  func overlap() throws {
    let pool = try sineData(count: 100, seed: 1)
    let test = pool.subset([3, 7])
    let error = #expect(throws: LearningCurvesError.self) {
      try Study(name: "leak", summary: "", labelUnit: "1", pool: pool, test: test, sizes: [8], repeats: 1,
                validationCount: 10, seed: 1, variants: [knnVariant()])
    }
    #expect(error?.code == .overlappingTestSet)
    #expect(error?.description.contains("test sample 0 equals pool sample 3") == true)
  }

  @Test("a variant whose every candidate fails stops the study with the underlying error")
  func failingVariant() throws {
    struct Boom: Error, CustomStringConvertible { var description: String { "boom at the solver" } }
    let failing = Variant(name: "none", summary: "always fails", groupOrder: 1, candidates: [["k": 1]]) { (_, _) throws -> FittedVariant in throw Boom() }
    let error = #expect(throws: LearningCurvesError.self) {
      try StudyRunner.run(try study(test: sineData(count: 20, seed: 2), variants: [failing]), progress: nil)
    }
    #expect(error?.code == .fitFailed)
    #expect(error?.description.contains("boom at the solver") == true)
    #expect(error?.description.contains("N = 8, repeat 0") == true)
  }

  @Test("a batch variant is called once per size and repeat with every candidate; a failed candidate is skipped and fitted hyperparameters are recorded")
  func batchVariant() throws {
    let calls = Mutex<[[HyperparameterSet]]>([])
    let candidates: [HyperparameterSet] = [1, 2, 4, 8].map { k in
      HyperparameterSet(numbers: ["k": Double(k)], choices: ["metric": k == 8 ? "broken" : "absolute"])
    }
    let batch = Variant(name: "none", summary: "k nearest neighbours, fitted together", groupOrder: 1,
                        candidates: candidates) { train, all in
      calls.withLock { $0.append(all) }
      return all.map { candidate -> Result<FittedVariant, any Error> in
        if candidate.choice("metric") == "broken" { return .failure(LearningCurvesError(.fitFailed, "broken metric")) }
        let k = Int(candidate["k"]!)
        return .success(FittedVariant(trainingRows: train.count, fittedHyperparameters: ["neighbours_used": Double(min(k, train.count))],
                                      fitSeconds: 0.5, predict: nearestNeighbours(train: train, k: k)))
      }
    }
    let result = try StudyRunner.run(study(test: sineData(count: 100, seed: 2), variants: [batch]), progress: nil)
    #expect(calls.withLock { $0.count } == 3 * 3)
    #expect(calls.withLock { $0.allSatisfy { $0 == candidates } })
    for run in result.variants[0].runs {
      #expect(run.hyperparameters.choice("metric") == "absolute")
      #expect(run.hyperparameters["neighbours_used"] == run.hyperparameters["k"])
      #expect(run.fitSeconds == 0.5)
      #expect(run.selectionSeconds >= 0)
    }
    // The same choices as fitting one candidate at a time (the k = 8 candidate never wins here
    // because it always fails).
    let single = try StudyRunner.run(study(test: sineData(count: 100, seed: 2), variants: [knnVariant()]), progress: nil)
    let chosenSingle = single.variants[0].runs.map { $0.hyperparameters["k"]! }
    let chosenBatch = result.variants[0].runs.map { $0.hyperparameters["k"]! }
    for (a, b) in zip(chosenSingle, chosenBatch) where a != 8 { #expect(a == b) }
  }

  @Test("a refining variant gets the first stage's validation scores and its second stage can win")
  func refinement() throws {
    let firstStage = Mutex<[[Double]]>([])
    let stageOne: [HyperparameterSet] = [["k": 1], ["k": 16]]
    var variant = knnVariant()
    variant.candidates = stageOne
    variant.refineCandidates = { scored in
      firstStage.withLock { $0.append(scored.map(\.validationMAE)) }
      // Every k between the two (k = 1 and 16 again are skipped by the runner).
      return (1...16).map { ["k": Double($0)] }
    }
    let refined = try StudyRunner.run(study(test: sineData(count: 100, seed: 2), variants: [variant]), progress: nil)
    #expect(firstStage.withLock { $0.count } == 3 * 3)
    #expect(firstStage.withLock { $0.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isFinite) } })
    let chosen = refined.variants[0].runs.map { $0.hyperparameters["k"]! }
    #expect(chosen.contains { $0 != 1 && $0 != 16 }, "chosen k: \(chosen)")
    // The refined search is never worse on validation than stage one alone, so it picks k ∈ {1, …, 16}.
    #expect(chosen.allSatisfy { (1...16).contains($0) })
  }

  @Test("a batch variant that returns the wrong number of results is reported")
  func batchVariantCount() throws {
    let wrong = Variant(name: "none", summary: "returns one model for two candidates", groupOrder: 1,
                        candidates: [["k": 1], ["k": 2]]) { train, _ in
      [.success(FittedVariant(trainingRows: train.count, predict: nearestNeighbours(train: train, k: 1)))]
    }
    let error = #expect(throws: LearningCurvesError.self) {
      try StudyRunner.run(try study(test: sineData(count: 20, seed: 2), variants: [wrong]), progress: nil)
    }
    #expect(error?.description.contains("fitting 2 candidates returned 1 results") == true)
  }

  @Test("a variant with a maximum size runs only the sizes up to it, and the JSON records the cap")
  func maximumSize() throws {
    let log = PredictionLog()
    var capped = knnVariant(log: log)
    capped.name = "capped"
    capped.maximumSize = 40
    let result = try StudyRunner.run(study(test: sineData(count: 100, seed: 2), variants: [knnVariant(), capped]),
                                     progress: nil)
    let run = try #require(result.variant("capped"))
    #expect(run.runs.map(\.n) == [8, 8, 8, 32, 32, 32])
    #expect(log.fits.withLock { $0 } == 2 * 3 * 4)   // 2 sizes × 3 repeats × 4 candidates
    #expect(result.variant("none")?.runs.count == 9)
    // The capped runs are those of the uncapped variant at the same sizes (same draws).
    #expect(run.runs.map(\.metrics) == result.variant("none")!.runs.prefix(6).map(\.metrics))
    let json = result.jsonReport().rendered()
    #expect(json.contains("\"maximum_size\": 40"))
    #expect(json.contains("\"maximum_size\": null"))
    #expect(result.csvReport().split(separator: "\n").filter { $0.hasPrefix("toy,capped,") }.count == 6)
    // A cap below the smallest size leaves nothing to run.
    capped.maximumSize = 4
    let error = #expect(throws: LearningCurvesError.self) {
      try study(test: sineData(count: 100, seed: 2), variants: [knnVariant(), capped])
    }
    #expect(error?.description == "Study 'toy' cannot run: variant 'capped' has maximum size 4, below the smallest training size 8; raise it to at least 8 or remove the variant.")
  }

  @Test("log-spaced sizes are distinct and span the range")
  func logSpacedSizes() throws {
    #expect(try Study.logSpacedSizes(from: 16, to: 1024, count: 7) == [16, 32, 64, 128, 256, 512, 1024])
    #expect(try Study.logSpacedSizes(from: 1, to: 3, count: 5) == [1, 2, 3])
  }
}
