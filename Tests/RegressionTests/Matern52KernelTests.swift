import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Matérn 5/2 kernel")
struct Matern52KernelTests {
  @Test("values equal the closed form (1 + √5 r/σ + 5r²/(3σ²)) exp(−√5 r/σ) at σ = 0.5 (reference values from Python's math module)",
        arguments: [
          ([0, 0], [0.3, 0.4], 0.5239941088318203),
          ([1, 2, 3], [1, 2, 3], 1.0),
          ([1], [-1], 0.004777084546698493),
        ] as [([Double], [Double], Double)])
  func closedForm(x: [Double], y: [Double], expected: Double) throws {
    let k = Matern52Kernel(lengthScale: 0.5)
    expectClose(k.value(x, y), expected, relative: 1e-14)
    expectClose(k.value(y, x), expected, relative: 1e-14)
    expectClose(k.matrix(try Matrix(rows: [x, y]))[1, 0], expected, absolute: 1e-15, relative: 1e-12)
  }

  @Test("the log-length-scale derivative equals its closed form", arguments: [0.0, 0.04, 0.5, 2.3])
  func derivativeClosedForm(r2: Double) {
    let sigma = 0.5
    let k = Matern52Kernel(lengthScale: 0.5)
    var v = r2
    withUnsafeMutablePointer(to: &v) { k.applyLogDerivativeProfile(0, UnsafeMutableBufferPointer(start: $0, count: 1)) }
    expectClose(v, { let u = 5.0.squareRoot() * r2.squareRoot() / sigma; return u * u / 3 * (1 + u) * exp(-u) }(), absolute: 1e-300, relative: 1e-14)
  }

}
