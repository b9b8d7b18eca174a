import Foundation
import Regression
import Testing
import _TestSupport

@Suite("Hyperparameter")
struct HyperparameterTests {
  @Test("theta holds the logs of the free values and their log bounds, in order")
  func theta() {
    let hs = [Hyperparameter(name: "a", value: 2, bounds: 1...4),
              Hyperparameter(name: "b", value: 5, isFixed: true),
              Hyperparameter(name: "c", value: 0.5)]
    expectClose(hs.logFreeValues, [log(2.0), log(0.5)], relative: 1e-15)
    let b = hs.logFreeBounds
    expectClose(b.map(\.lower), [0, log(1e-5)], absolute: 1e-15, relative: 1e-15)
    expectClose(b.map(\.upper), [log(4.0), log(1e5)], relative: 1e-15)
    #expect(hs[1].description == "b = 5.0 (fixed)")
  }
}
