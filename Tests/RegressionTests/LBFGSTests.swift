import Foundation
@testable import Regression
import Testing
import _TestSupport

@Suite("Bounded L-BFGS")
struct LBFGSTests {
  @Test("finds the Rosenbrock minimum (1, 1) inside loose bounds")
  func rosenbrock() {
    let r = LBFGS().minimize([-1.2, 1], lower: [-5, -5], upper: [5, 5]) { x in
      let a = 1 - x[0], b = x[1] - x[0] * x[0]
      return (a * a + 100 * b * b, [-2 * a - 400 * x[0] * b, 200 * b])
    }
    expectClose(r.x, [1, 1], absolute: 1e-6)
    #expect(r.converged)
  }

  @Test("stops on the active bound when the unconstrained minimum lies outside")
  func activeBound() {
    // min (x−3)² + (y+1)² on [0, 2] × [0, 5]: the answer is (2, 0).
    let r = LBFGS().minimize([0.5, 4], lower: [0, 0], upper: [2, 5]) { x in
      ((x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1), [2 * (x[0] - 3), 2 * (x[1] + 1)])
    }
    #expect(r.x == [2, 0])
    expectClose(r.value, 2, relative: 1e-14)
  }

  @Test("backtracks over non-finite objective values")
  func nonFiniteRegion() {
    // f = (x − 1)² for x < 3 and +∞ beyond: a long first step lands in the infinite region.
    let r = LBFGS().minimize([-50], lower: [-100], upper: [100]) { x in
      x[0] < 3 ? ((x[0] - 1) * (x[0] - 1), [2 * (x[0] - 1)]) : (.infinity, [0])
    }
    expectClose(r.x[0], 1, absolute: 1e-6)
  }
}
