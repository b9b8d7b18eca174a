import Foundation
import LinearAlgebra
import Regression
import Testing

/// One case per kernel with a single length scale: a kernel at σ = 0.5 (bounds 0.1…10, fixed or free).
private func kernels(fixed: Bool) -> [(name: String, kernel: any LengthScaleKernel)] {
  [("Gaussian", GaussianKernel(lengthScale: 0.5, bounds: 0.1...10, isFixed: fixed)),
   ("Laplacian", LaplacianKernel(lengthScale: 0.5, bounds: 0.1...10, isFixed: fixed)),
   ("Matérn 3/2", Matern32Kernel(lengthScale: 0.5, bounds: 0.1...10, isFixed: fixed)),
   ("Matérn 5/2", Matern52Kernel(lengthScale: 0.5, bounds: 0.1...10, isFixed: fixed))]
}

@Suite("LengthScaleKernel")
struct LengthScaleKernelTests {
  @Test("a fixed length scale has no free hyperparameter, for every length-scale kernel")
  func fixedLengthScale() {
    for (name, k) in kernels(fixed: true) {
      #expect(k.hyperparameters == [Hyperparameter(name: "lengthScale", value: 0.5, bounds: 0.1...10, isFixed: true)], "\(name)")
      #expect(k.logHyperparameters.isEmpty, "\(name)")
      #expect(k.gradientMatrices(Matrix(rows: 3, columns: 2)).isEmpty, "\(name)")
      #expect(k.withLogHyperparameters([]).lengthScale == 0.5, "\(name)")
    }
  }

  @Test("a free length scale is θ = log σ and updates from θ, for every length-scale kernel")
  func freeLengthScale() {
    for (name, k) in kernels(fixed: false) {
      #expect(k.logHyperparameters == [log(0.5)], "\(name)")
      #expect(abs(k.withLogHyperparameters([log(2.0)]).lengthScale - 2) <= 2e-15, "\(name)")
      #expect(k.gradientMatrices(Matrix(rows: 3, columns: 2)).count == 1, "\(name)")
    }
  }
}
