import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("GroupFourierSolver+GaussianProcess")
struct GroupFourierSolverGaussianProcessTests {
  /// A Z2² reflection about a shifted centre with Taylor-2 labels: the copies' labels differ from
  /// the originals', so nothing collapses to a sum kernel.
  static func corrected() throws -> ApproximateReflection {
    try ApproximateReflection(equilibrium: [0.1, 0, 0], coordinates: [0, 1],
                              correction: try RouteAgreementTests.taylor(order: 2))
  }

  @Test("at fixed hyperparameters the likelihood, means and standard deviations equal the dense GP on the augmented set to 1e-8",
        arguments: [false, true])
  func fixedMatchesDense(normalizes: Bool) throws {
    let (x, y) = try RouteData.sample(n: 30, seed: 13)
    let xTest = try RouteData.test(m: 40, seed: 14)
    let s = try Self.corrected()
    let gp = GaussianProcessRegression(kernel: Matern52Kernel(lengthScale: 0.9), signalVariance: 1.4, noiseLevel: 0.03,
                                       normalizesLabels: normalizes, optimizesHyperparameters: false)
    let data = try Augmentation.augment(inputs: x, labels: y, by: s)
    let dense = try gp.fit(data.inputs, data.labels)
    let solver = try GroupFourierSolver(kernel: gp.kernel, ridge: 1, symmetry: s)
    let fourier = try solver.fit(process: gp, inputs: x, labels: y)
    expectClose(fourier.logMarginalLikelihood, dense.logMarginalLikelihood, relative: 1e-9, "LML")
    let (dm, ds) = try dense.predictWithStandardDeviation(xTest)
    let (fm, fs) = try fourier.predictWithStandardDeviation(xTest)
    expectClose(fm, dm, absolute: 1e-8, relative: 1e-8, "mean")
    expectClose(fs, ds, absolute: 1e-8, relative: 1e-8, "std")
    expectClose(try fourier.predict(xTest), dm, absolute: 1e-8, relative: 1e-8, "predict")
    let latent = try fourier.predictWithStandardDeviation(xTest, includingNoise: false).standardDeviation
    expectClose(latent, try dense.predictWithStandardDeviation(xTest, includingNoise: false).standardDeviation,
                absolute: 1e-8, relative: 1e-8, "latent std")
    #expect(fourier.functionEvaluations == 0)
  }

  @Test("optimised, the Fourier GP reaches the dense augmented GP's optimum: hyperparameters, likelihood, gradient, predictions")
  func optimizedMatchesDense() throws {
    let (x, y) = try RouteData.sample(n: 24, seed: 5)
    let xTest = try RouteData.test(m: 30, seed: 6)
    let s = try Self.corrected()
    let gp = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 1), signalVariance: 1, noiseLevel: 1e-2,
                                       normalizesLabels: true, restarts: 1, seed: 4)
    let data = try Augmentation.augment(inputs: x, labels: y, by: s)
    let dense = try gp.fit(data.inputs, data.labels)
    let solver = try GroupFourierSolver(kernel: gp.kernel, ridge: 1, symmetry: s)
    let fourier = try solver.fit(process: gp, inputs: x, labels: y)
    expectClose(fourier.logMarginalLikelihood, dense.logMarginalLikelihood, relative: 1e-8, "LML at the optimum")
    expectClose(fourier.hyperparameters.map(\.value), dense.hyperparameters.map(\.value), relative: 1e-4, "hyperparameters")
    // At the Fourier optimum, the Fourier gradient equals the dense one there (and both are small).
    var at = gp
    at.signalVariance.value = fourier.signalVariance
    at.kernel = fourier.kernel
    at.noiseLevel.value = fourier.noiseLevel
    let fg = try solver.logMarginalLikelihoodWithGradient(process: at, inputs: x, elementLabels: solver.elementLabels(x, y))
    let dg = try at.logMarginalLikelihood(data.inputs, data.labels)
    expectClose(fg.gradient, dg.gradient, absolute: 1e-8, relative: 1e-8, "gradient at the optimum")
    // Noise-free labels: the noise level ends at its lower bound 1e-5 with the likelihood still rising
    // toward it; c and ℓ are interior, with a vanishing gradient.
    #expect(fg.gradient[0..<2].allSatisfy { abs($0) < 1e-3 }, "gradient at the optimum \(fg.gradient)")
    expectClose(fourier.noiseLevel, 1e-5, relative: 1e-9, "noise level at its bound")
    #expect(fg.gradient[2] < 0)
    let (dm, ds) = try dense.predictWithStandardDeviation(xTest)
    let (fm, fs) = try fourier.predictWithStandardDeviation(xTest)
    expectClose(fm, dm, absolute: 1e-5, relative: 1e-5, "mean")
    expectClose(fs, ds, absolute: 1e-5, relative: 1e-5, "std")
  }

  @Test("the optimisation is reproducible with a seed, and restarts never lower the likelihood")
  func reproducible() throws {
    let (x, y) = try RouteData.sample(n: 20, seed: 8)
    let s = try SignFlips(dimension: 3, coordinates: [0, 2])
    let solver = try GroupFourierSolver(kernel: LaplacianKernel(lengthScale: 1), ridge: 1, symmetry: s)
    func fit(restarts: Int, seed: UInt64) throws -> FittedGroupFourierProcess<LaplacianKernel, SignFlips> {
      try solver.fit(process: GaussianProcessRegression(kernel: LaplacianKernel(lengthScale: 1), noiseLevel: 1e-2,
                                                        normalizesLabels: true, restarts: restarts, seed: seed),
                     inputs: x, labels: y)
    }
    let a = try fit(restarts: 2, seed: 9), b = try fit(restarts: 2, seed: 9)
    #expect(a.hyperparameters.map(\.value) == b.hyperparameters.map(\.value))
    #expect(a.functionEvaluations == b.functionEvaluations && a.functionEvaluations > 0)
    #expect(try a.predict(x) == b.predict(x))
    let single = try fit(restarts: 0, seed: 9)
    #expect(a.logMarginalLikelihood >= single.logMarginalLikelihood - 1e-9)
  }

  @Test("with an exact symmetry and invariant labels the mean equals the sum-kernel GP's at the same hyperparameters")
  func exactMeanEqualsSumKernel() throws {
    let s = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
    var g = SeededGenerator(seed: 31)
    let x = try g.gaussianMatrix(rows: 25, columns: 3)
    let y = (0..<25).map { i in cos(x[i, 0] * x[i, 0]) + x[i, 1] * x[i, 1] * x[i, 2] * x[i, 2] }
    let xTest = try g.gaussianMatrix(rows: 30, columns: 3)
    let kernel = GaussianKernel(lengthScale: 0.8)
    let fourier = try GroupFourierSolver(kernel: kernel, ridge: 1, symmetry: s).fit(
      process: GaussianProcessRegression(kernel: kernel, signalVariance: 2, noiseLevel: 1e-3, optimizesHyperparameters: false),
      inputs: x, labels: y)
    let sum = try GaussianProcessRegression(kernel: try SymmetrizedKernel(kernel, symmetry: s), signalVariance: 2,
                                            noiseLevel: 1e-3, optimizesHyperparameters: false).fit(x, y)
    expectClose(try fourier.predict(xTest), try sum.predict(xTest), absolute: 1e-8, relative: 1e-8)
  }

  @Test("bad settings and shapes are reported together")
  func errors() throws {
    let (x, y) = try RouteData.sample(n: 10, seed: 1)
    let s = try SignFlips(dimension: 3, coordinates: [0])
    let solver = try GroupFourierSolver(kernel: GaussianKernel(lengthScale: 1), ridge: 1, symmetry: s)
    var gp = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 1), alpha: -1, restarts: -2)
    gp.noiseLevel.bounds = 0...1
    let error = #expect(throws: RegressionError.self) {
      try solver.fit(process: gp, inputs: x, elementLabels: Matrix(rows: 10, columns: 3))
    }
    #expect(error?.problems.map(\.message) == [
      "The bounds of Gaussian process hyperparameter noiseLevel are 0.0…1.0; both must be finite and > 0 (they are searched in log space). Use e.g. 1e-5…1e5.",
      "The jitter alpha is -1.0; it must be a finite number ≥ 0. Use the default 1e-10.",
      "The number of restarts is -2; it must be ≥ 0. Use 0 for a single optimiser run.",
      "The per-element labels are 10 × 3 but need to be 10 × 2 (one row per sample, one column per group element in the symmetry's order); build them with elementLabels(_:_:).",
    ])
    let short = #expect(throws: RegressionError.self) {
      try solver.fit(process: GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 1)), inputs: x,
                     labels: Array(y.dropLast()))
    }
    #expect(short?.problems.map(\.message) == [
      "The training inputs have 10 rows but there are 9 labels; the counts must be equal. Pass one label per input row.",
    ])
  }
}
