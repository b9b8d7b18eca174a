import LearningCurves
import Testing
import _TestSupport

@Suite("ErrorMetrics")
struct MetricsTests {
  @Test("MAE, RMSE and the largest error against hand-computed values")
  func values() throws {
    let m = try ErrorMetrics(predicted: [1, 2, 4], truth: [1, 0, 1])  // errors 0, 2, 3
    expectClose(m.mae, 5.0 / 3, relative: 1e-15)
    expectClose(m.rmse, (13.0 / 3).squareRoot(), relative: 1e-15)
    #expect(m.maxError == 3)
    #expect(try ErrorMetrics(predicted: [2, 2], truth: [2, 2]) == ErrorMetrics(mae: 0, rmse: 0, maxError: 0))
  }

  @Test("errors above 1e154 give a finite RMSE (the squares are scaled, not overflowed)")
  func noOverflow() throws {
    let m = try ErrorMetrics(predicted: [1e300, -1e300, 0], truth: [0, 0, 0])
    expectClose(m.rmse, 1e300 * (2.0 / 3).squareRoot(), relative: 1e-14)
    expectClose(m.mae, 2e300 / 3, relative: 1e-14)
    #expect(m.maxError == 1e300)
    #expect(try ErrorMetrics(predicted: [1, .nan], truth: [1, 2]).mae.isNaN)
  }

  @Test("no samples, or counts that differ, throw instead of trapping")
  func countsThrow() {
    #expect(throws: LearningCurvesError.self) { try ErrorMetrics(predicted: [], truth: []) }
    let e = #expect(throws: LearningCurvesError.self) { try ErrorMetrics(predicted: [1], truth: [1, 2]) }
    #expect(e?.description == "Error metrics need as many predictions as labels, at least one: got 1 predictions and 2 labels.")
  }
}
