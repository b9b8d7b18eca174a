import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Sum kernel")
struct SumKernelTests {
  @Test("k₁ + k₂ adds values and concatenates hyperparameters")
  func sum() {
    let k = GaussianKernel(lengthScale: 0.5) + LaplacianKernel(lengthScale: 2)
    expectClose(k.value([0, 0], [0.3, 0.4]), exp(-0.5) + exp(-0.25), relative: 1e-14)
    #expect(k.hyperparameters.map(\.value) == [0.5, 2])
    let changed = k.withLogHyperparameters([0, log(3.0)])
    expectClose([changed.first.lengthScale, changed.second.lengthScale], [1, 3], relative: 1e-15)
    #expect(k.isStationary && k.isIsotropic)
  }
}
