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
    let failing = Variant(name: "none", summary: "always fails", groupOrder: 1, candidates: [["k": 1]]) { _, _ in throw Boom() }
    let error = #expect(throws: LearningCurvesError.self) {
      try StudyRunner.run(try study(test: sineData(count: 20, seed: 2), variants: [failing]), progress: nil)
    }
    #expect(error?.code == .fitFailed)
    #expect(error?.description.contains("boom at the solver") == true)
    #expect(error?.description.contains("N = 8, repeat 0") == true)
  }

  @Test("log-spaced sizes are distinct and span the range")
  func logSpacedSizes() throws {
    #expect(try Study.logSpacedSizes(from: 16, to: 1024, count: 7) == [16, 32, 64, 128, 256, 512, 1024])
    #expect(try Study.logSpacedSizes(from: 1, to: 3, count: 5) == [1, 2, 3])
  }
}
