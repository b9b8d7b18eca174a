import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Regressor and Predictor protocols")
struct RegressorTests {
  /// Generic code sees only the protocols: fit returns a model, the model predicts.
  static func fitAndPredict<R: Regressor>(_ regressor: R, _ x: Matrix, _ y: [Double], _ xt: Matrix) throws -> [Double] {
    let model = try regressor.fit(x, y)
    #expect(model.inputDimension == x.columns)
    return try model.predict(xt)
  }

  @Test("a Gaussian process mean with noise λ and c = 1 equals kernel ridge regression with ridge λ",
        arguments: [1e-4, 1e-2, 1.0])
  func gpMeanEqualsKRR(lambda: Double) throws {
    let (x, y) = try KernelRidgeRegressionTests.data(n: 70, d: 3, seed: 41)
    let (xt, _) = try KernelRidgeRegressionTests.data(n: 25, d: 3, seed: 42)
    let kernel = Matern32Kernel(lengthScale: 0.9)
    let krr = try Self.fitAndPredict(KernelRidgeRegression(kernel: kernel, ridge: lambda), x, y, xt)
    let gp = try Self.fitAndPredict(GaussianProcessRegression(kernel: kernel, signalVariance: 1, noiseLevel: lambda, alpha: 0,
                                                               optimizesHyperparameters: false), x, y, xt)
    expectClose(gp, krr, absolute: 1e-12, relative: 1e-9)
  }
}
