import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Distributed shapes and reductions")
struct DistributedShapeTests {
  @Test("ranks that agree pass; every disagreement is named with its ranks")
  func shapeCheck() throws {
    try DistributedShape.check([DistributedShape(rank: 1, rows: 5, dimension: 3, centres: 8, ridges: 1),
                                DistributedShape(rank: 0, rows: 0, dimension: 3, centres: 8, ridges: 1)])
    let error = #expect(throws: RegressionError.self) {
      try DistributedShape.check([DistributedShape(rank: 0, rows: 5, dimension: 3, centres: 8, ridges: 1),
                                  DistributedShape(rank: 1, rows: 5, dimension: 2, centres: 8, ridges: 1),
                                  DistributedShape(rank: 2, rows: 5, dimension: 3, centres: 9, ridges: 2)])
    }
    #expect(error?.problems.map(\.code) == [.dimensionMismatch, .dimensionMismatch, .dimensionMismatch])
    #expect(error?.problems[0].message == "The processes disagree on the input dimension d: rank 0 has 3 but rank 1: 2. "
      + "Every rank must use the same input dimension d; read the same columns of the data on every rank.")
    #expect(error?.problems[1].message == "The processes disagree on the number of centres M: rank 0 has 8 but rank 2: 9. "
      + "Every rank must use the same number of centres M; choose the centres once and broadcast them to every rank.")
    let empty = #expect(throws: RegressionError.self) {
      try DistributedShape.check([DistributedShape(rank: 0, rows: 0, dimension: 3, centres: 8, ridges: 1)])
    }
    #expect(empty?.description == "No process holds a training row (1 ranks, 0 rows each); give at least one rank some samples.")
  }

  /// Two threads stand in for two processes: each holds half of the rows; the reduction waits for
  /// both contributions and hands both the same sum, as MPI_Reduce + MPI_Bcast would.
  final class ThreadReduction: NystromReduction, @unchecked Sendable {
    let condition = NSCondition()
    var pending: [Double]? = nil
    var arrived = 0
    var generation = 0
    var result: [Double] = []

    func sum(_ values: inout [Double]) {
      condition.lock()
      defer { condition.unlock() }
      let mine = generation
      if arrived == 0 { pending = values } else { pending = zip(pending!, values).map(+) }
      arrived += 1
      if arrived == 2 {
        result = pending!
        arrived = 0
        generation += 1
        condition.broadcast()
      } else {
        while generation == mine { condition.wait() }
      }
      values = result
    }
  }

  @Test("rows split over two workers give the single-process model to the CG tolerance")
  func splitRowsEqualOneProcess() throws {
    let (x, y) = try KernelRidgeRegressionTests.data(n: 240, d: 3, seed: 151)
    let (xt, _) = try KernelRidgeRegressionTests.data(n: 20, d: 3, seed: 152)
    let regressor = NystromKernelRidge(kernel: GaussianKernel(lengthScale: 0.9), ridge: 1e-3, centres: 30, seed: 2,
                                       tolerance: 1e-12)
    let centres = x.rows(at: try regressor.selectCentres(x))
    let single = try regressor.fit(localInputs: x, localLabels: y, centres: centres, ridges: [1e-3],
                                   reduction: LocalReduction())[0].predict(xt)
    let reduction = ThreadReduction()
    nonisolated(unsafe) var outputs: [[Double]?] = [nil, nil]
    let done = DispatchGroup()
    for part in 0..<2 {
      done.enter()
      let rows = (part * 120)..<((part + 1) * 120)
      Thread {
        outputs[part] = try? regressor.fit(localInputs: x.rows(at: rows), localLabels: Array(y[rows]), centres: centres,
                                           ridges: [1e-3], reduction: reduction)[0].predict(xt)
        done.leave()
      }.start()
    }
    done.wait()
    let a = try #require(outputs[0]), b = try #require(outputs[1])
    #expect(a == b)
    expectClose(a, single, absolute: 1e-8 * single.map(abs).max()!)
  }
}
