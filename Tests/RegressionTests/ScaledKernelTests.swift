import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Scaled kernel")
struct ScaledKernelTests {
  @Test("c · k equals c times k and lists the variance first")
  func valuesAndHyperparameters() {
    let k = 3.0 * GaussianKernel(lengthScale: 0.5)
    expectClose(k.value([0, 0], [0.3, 0.4]), 3 * exp(-0.5), relative: 1e-14)
    #expect(k.hyperparameters.map(\.name) == ["signalVariance", "lengthScale"])
    expectClose(k.logHyperparameters, [log(3.0), log(0.5)], relative: 1e-15)
    let changed = k.withLogHyperparameters([log(2.0), log(0.25)])
    expectClose(changed.variance, 2, relative: 1e-15)
    expectClose(changed.base.lengthScale, 0.25, relative: 1e-15)
  }

  @Test("a scaled stationary kernel is itself stationary and uses the bulk profile path")
  func forwardsStationarity() {
    func profileOf<K: StationaryKernel>(_ k: K, _ r2: Double) -> Double { k.profile(squaredDistance: r2) }
    let k = ScaledKernel(variance: 0.5, Matern32Kernel(lengthScale: 2))
    expectClose(profileOf(k, 4), 0.5 * (1 + 3.0.squareRoot()) * exp(-(3.0.squareRoot())), relative: 1e-14)
    #expect(k.isStationary && k.isIsotropic)
  }

  @Test("a fixed variance is left out of θ and of the gradients")
  func fixedVariance() throws {
    let k = ScaledKernel(variance: 2, GaussianKernel(lengthScale: 1), isFixed: true)
    #expect(k.logHyperparameters.count == 1)
    let x = try Matrix(rows: [[0, 0], [1, 0], [0, 2]])
    let g = k.gradientMatrices(x)
    #expect(g.count == 1)
    // ∂(c k)/∂log σ at r² = 1: c · e^{−1/2} · 1.
    expectClose(g[0][1, 0], 2 * exp(-0.5), relative: 1e-14)
  }
}
