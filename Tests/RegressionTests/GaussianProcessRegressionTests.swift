import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Gaussian process regression")
struct GaussianProcessRegressionTests {
  @Test("with fixed hyperparameters, predictions, standard deviations and likelihood equal scikit-learn's",
        arguments: [("gpr_fixed", false), ("gpr_norm_fixed", true)])
  func fixedMatchesSklearn(fixture: String, normalize: Bool) throws {
    let train = try SklearnFixtures.data("train"), test = try SklearnFixtures.data("test")
    let ref = try SklearnFixtures.gpResult(fixture)
    let expected = try SklearnFixtures.columns(fixture + "_pred")
    let gp = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 0.5), signalVariance: 1, noiseLevel: 1e-3,
                                       normalizesLabels: normalize, optimizesHyperparameters: false)
    let model = try gp.fit(train.x, train.y)
    let (mean, std) = try model.predictWithStandardDeviation(test.x)
    expectClose(mean, expected["y_pred"]!, relative: 1e-8, "mean")
    expectClose(std, expected["y_std"]!, relative: 1e-8, "std")
    expectClose(try model.predict(test.x), mean, absolute: 1e-15, relative: 1e-12, "predict vs predictWithStandardDeviation")
    expectClose(model.logMarginalLikelihood, ref.lml, relative: 1e-8, "LML")
    #expect(model.functionEvaluations == 0)
  }

  @Test("with a tiny noise level and a large signal variance, the predictive std including noise never falls below the noise std")
  func predictiveStandardDeviationFloor() throws {
    // At the training inputs the latent variance c k(x, x) − ‖v‖² cancels to rounding error
    // (about c · 1e-16 · cond); the interval including noise must still have width ≥ √noise.
    let x = Matrix(column: (0..<200).map { Double($0) / 40 })
    let y = (0..<200).map { sin(3 * Double($0) / 40) }
    let noise = 1e-12
    let model = try GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 1.5), signalVariance: 1e4,
                                              noiseLevel: noise, optimizesHyperparameters: false).fit(x, y)
    let std = try model.predictWithStandardDeviation(x).standardDeviation
    let latent = try model.predictWithStandardDeviation(x, includingNoise: false).standardDeviation
    #expect(std.allSatisfy { $0 >= noise.squareRoot() * (1 - 1e-9) }, "smallest std \(std.min()!)")
    #expect(latent.allSatisfy { $0 >= 0 && $0.isFinite })
    // Where the data leave the function open (far from every input) the std approaches √c = 100.
    let far = try model.predictWithStandardDeviation(Matrix(column: [40])).standardDeviation[0]
    expectClose(far, 100, relative: 1e-6)
  }

  @Test("at scikit-learn's optimised hyperparameters, predictions equal scikit-learn's",
        arguments: [("gpr_opt", false), ("gpr_norm_opt", true)])
  func atSklearnOptimumMatches(fixture: String, normalize: Bool) throws {
    let train = try SklearnFixtures.data("train"), test = try SklearnFixtures.data("test")
    let ref = try SklearnFixtures.gpResult(fixture)
    let expected = try SklearnFixtures.columns(fixture + "_pred")
    let gp = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: ref.l), signalVariance: ref.c,
                                       noiseLevel: ref.noise, normalizesLabels: normalize, optimizesHyperparameters: false)
    let model = try gp.fit(train.x, train.y)
    let (mean, std) = try model.predictWithStandardDeviation(test.x)
    expectClose(mean, expected["y_pred"]!, relative: 1e-8, "mean")
    expectClose(std, expected["y_std"]!, relative: 1e-8, "std")
    expectClose(model.logMarginalLikelihood, ref.lml, relative: 1e-8, "LML")
  }

  @Test("optimised from σ = 0.5, noise 1e-3, the likelihood is at least scikit-learn's",
        arguments: [("gpr_opt", false), ("gpr_norm_opt", true)])
  func optimizedAtLeastSklearn(fixture: String, normalize: Bool) throws {
    let train = try SklearnFixtures.data("train")
    let ref = try SklearnFixtures.gpResult(fixture)
    let gp = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 0.5), signalVariance: 1, noiseLevel: 1e-3,
                                       normalizesLabels: normalize)
    let model = try gp.fit(train.x, train.y)
    #expect(model.logMarginalLikelihood >= ref.lml - 1e-6)
    expectClose(model.signalVariance, ref.c, relative: 1e-5, "signal variance")
    expectClose(model.kernel.lengthScale, ref.l, relative: 1e-5, "length scale")
    expectClose(model.noiseLevel, ref.noise, relative: 1e-5, "noise level")
    #expect(model.functionEvaluations > 0)
  }

  static func seededData(n: Int, d: Int, seed: UInt64) throws -> (Matrix, [Double]) {
    var g = SeededGenerator(seed: seed)
    let x = try g.uniformMatrix(rows: n, columns: d, low: -1, high: 1)
    let y = (0..<n).map { i in sin(3 * x[i, 0]) + 0.5 * x[i, d - 1] * x[i, d - 1] + 0.05 * g.gaussian() }
    return (x, y)
  }

  static func checkGradient<K: Kernel>(_ gp: GaussianProcessRegression<K>, _ x: Matrix, _ y: [Double]) throws {
    let (_, gradient) = try gp.logMarginalLikelihood(x, y)
    let theta = gp.logHyperparameters
    #expect(gradient.count == theta.count)
    let h = 1e-5
    for i in theta.indices {
      var plus = theta, minus = theta
      plus[i] += h
      minus[i] -= h
      let fp = try gp.withLogHyperparameters(plus).logMarginalLikelihood(x, y).value
      let fm = try gp.withLogHyperparameters(minus).logMarginalLikelihood(x, y).value
      expectClose(gradient[i], (fp - fm) / (2 * h), absolute: 1e-7, relative: 1e-6, "∂LML/∂θ\(i)")
    }
  }

  @Test("the likelihood gradient equals central finite differences in log space", arguments: [false, true])
  func gradientMatchesFiniteDifferences(normalize: Bool) throws {
    let (x, y) = try Self.seededData(n: 60, d: 3, seed: 11)
    try Self.checkGradient(GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 0.6), signalVariance: 0.7,
                                                     noiseLevel: 0.05, normalizesLabels: normalize), x, y)
    try Self.checkGradient(GaussianProcessRegression(kernel: Matern52Kernel(lengthScale: 0.4), signalVariance: 1.3,
                                                     noiseLevel: 0.01, normalizesLabels: normalize), x, y)
    try Self.checkGradient(GaussianProcessRegression(kernel: Matern32Kernel(lengthScale: 0.8) + LaplacianKernel(lengthScale: 0.3),
                                                     signalVariance: 0.5, noiseLevel: 0.02), x, y)
  }

  @Test("fixed hyperparameters are left out of θ and the gradient")
  func fixedHyperparametersAreExcluded() throws {
    let (x, y) = try Self.seededData(n: 40, d: 2, seed: 3)
    var gp = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 0.5, isFixed: true), signalVariance: 2, noiseLevel: 0.1)
    gp.signalVariance.isFixed = true
    #expect(gp.logHyperparameters.count == 1)
    try Self.checkGradient(gp, x, y)
    let model = try gp.fit(x, y)
    #expect(model.signalVariance == 2)
    #expect(model.kernel.lengthScale == 0.5)
    #expect(model.noiseLevel != 0.1)
  }

  @Test("restarts are reproducible from the seed and never lower the likelihood")
  func restartsAreSeededAndMonotone() throws {
    let (x, y) = try Self.seededData(n: 50, d: 2, seed: 5)
    let single = try GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 0.5), noiseLevel: 1e-3).fit(x, y)
    let gp = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 0.5), noiseLevel: 1e-3, restarts: 3, seed: 42)
    let a = try gp.fit(x, y), b = try gp.fit(x, y)
    #expect(a.logMarginalLikelihood >= single.logMarginalLikelihood - 1e-9)
    #expect(a.logMarginalLikelihood == b.logMarginalLikelihood)
    #expect(a.functionEvaluations > single.functionEvaluations)
    // The optimum is stationary: the gradient there is small.
    let at = GaussianProcessRegression(kernel: a.kernel, signalVariance: a.signalVariance, noiseLevel: a.noiseLevel)
    let grad = try at.logMarginalLikelihood(x, y).gradient
    #expect(grad.allSatisfy { abs($0) < 1e-4 }, "gradient at the optimum \(grad)")
  }

  @Test("invalid noise, variance, alpha and restarts are reported together")
  func invalidSettingsAreReported() throws {
    let (x, y) = try Self.seededData(n: 10, d: 2, seed: 1)
    var gp = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 0.5), signalVariance: .nan, noiseLevel: -1,
                                       alpha: -1, restarts: -2)
    let error = #expect(throws: RegressionError.self) { try gp.fit(x, y) }
    #expect(error?.code == .invalidHyperparameter)
    #expect(error?.problems.count == 4)
    let text = error?.description ?? ""
    #expect(text.contains("signalVariance is nan; it must be a finite number > 0"))
    #expect(text.contains("noiseLevel is -1.0; it must be a finite number > 0"))
    #expect(text.contains("alpha is -1.0; it must be a finite number ≥ 0"))
    #expect(text.contains("restarts is -2; it must be ≥ 0"))
    gp = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 0.5), bounds: 0...1)
    let boundsError = #expect(throws: RegressionError.self) { try gp.fit(x, y) }
    #expect(boundsError?.description.contains("bounds of Gaussian process hyperparameter signalVariance are 0.0…1.0") == true)
  }

  @Test("test inputs of the wrong dimension are refused by the fitted model")
  func predictDimensionMismatch() throws {
    let (x, y) = try Self.seededData(n: 10, d: 2, seed: 1)
    let model = try GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 0.5), optimizesHyperparameters: false).fit(x, y)
    let error = #expect(throws: RegressionError.self) { try model.predictWithStandardDeviation(Matrix(rows: 2, columns: 3)) }
    #expect(error?.code == .dimensionMismatch)
    #expect(error?.description.contains("test inputs have 3 columns but the model was trained on 2") == true)
  }
}
