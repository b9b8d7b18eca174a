import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Product kernel")
struct ProductKernelTests {
  @Test("k₁ · k₂ multiplies values and concatenates hyperparameters")
  func product() throws {
    let k = Matern52Kernel(lengthScale: 1) * GaussianKernel(lengthScale: 0.5, isFixed: true)
    let u = 5.0.squareRoot() * 0.5
    expectClose(k.value([0, 0], [0.3, 0.4]), (1 + u + u * u / 3) * exp(-u) * exp(-0.5), relative: 1e-14)
    #expect(k.logHyperparameters == [0])
    #expect(try k.gradientMatrices(Matrix(rows: [[0, 0], [0.3, 0.4]])).count == 1)
  }
}
