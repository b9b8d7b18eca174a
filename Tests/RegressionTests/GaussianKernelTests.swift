import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Gaussian kernel")
struct GaussianKernelTests {
  @Test("values equal the closed form exp(−r²/(2σ²)) at σ = 0.5 (reference values from Python's math module)",
        arguments: [
          ([0, 0], [0.3, 0.4], 0.6065306597126334),
          ([1, 2, 3], [1, 2, 3], 1.0),
          ([1], [-1], 0.00033546262790251185),
        ] as [([Double], [Double], Double)])
  func closedForm(x: [Double], y: [Double], expected: Double) throws {
    let k = GaussianKernel(lengthScale: 0.5)
    expectClose(k.value(x, y), expected, relative: 1e-14)
    expectClose(k.value(y, x), expected, relative: 1e-14)
    expectClose(k.matrix(try Matrix(rows: [x, y]))[1, 0], expected, absolute: 1e-15, relative: 1e-12)
  }

  @Test("the log-length-scale derivative equals its closed form", arguments: [0.0, 0.04, 0.5, 2.3])
  func derivativeClosedForm(r2: Double) {
    let sigma = 0.5
    let k = GaussianKernel(lengthScale: 0.5)
    var v = r2
    withUnsafeMutablePointer(to: &v) { k.applyLogDerivativeProfile(0, UnsafeMutableBufferPointer(start: $0, count: 1)) }
    expectClose(v, r2 / (sigma * sigma) * exp(-r2 / (2 * sigma * sigma)), absolute: 1e-300, relative: 1e-14)
  }

}
