import LearningCurves
import Testing
import _TestSupport

@Suite("Variant")
struct VariantTests {
  @Test("log-spaced grids include both ends and are geometric")
  func logSpaced() throws {
    let v = try HyperparameterGrid.logSpaced(0.1, 10, count: 3)
    expectClose(v[0], 0.1, relative: 1e-15)
    expectClose(v[1], 1, relative: 1e-15)
    expectClose(v[2], 10, relative: 1e-15)
    #expect(try HyperparameterGrid.logSpaced(2, 2, count: 1) == [2])
  }

  @Test("a count of 0, bounds in the wrong order or not positive throw with the values", arguments: [
    (1.0, 2.0, 0), (2.0, 1.0, 3), (0.0, 1.0, 3), (1.0, Double.infinity, 3),
  ])
  func logSpacedThrows(low: Double, high: Double, count: Int) {
    let e = #expect(throws: LearningCurvesError.self) { try HyperparameterGrid.logSpaced(low, high, count: count) }
    #expect(e?.description == "A log-spaced grid needs 0 < low ≤ high, both finite, and 1 to 10000 values; got low \(low), high \(high), count \(count).")
  }
}
