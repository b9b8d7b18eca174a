import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite struct AnyPredictorTests {
  @Test("forwards predictions, the input dimension and errors; wrapping twice keeps one layer")
  func forwards() throws {
    let (x, y) = try RouteData.sample(n: 12, seed: 71)
    let test = try RouteData.test(m: 5, seed: 72)
    let model = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-6).fit(x, y)
    let erased = AnyPredictor(model)
    #expect(try erased.predict(test) == model.predict(test))
    #expect(erased.inputDimension == 3)
    #expect(AnyPredictor(erased).base is FittedKernelRidge<GaussianKernel>)
    #expect {
      _ = try erased.predict(Matrix(rows: 1, columns: 2))
    } throws: { error in
      (error as! RegressionError).description ==
        "The test inputs have 2 columns but the model was trained on 3; they must be equal. Pass test inputs with the "
        + "same 3 features, in the same order."
    }
  }
}
