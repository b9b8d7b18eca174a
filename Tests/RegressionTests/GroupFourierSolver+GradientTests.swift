import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("GroupFourierSolver+Gradient")
struct GroupFourierSolverGradientTests {
  @Test("the Fourier LML gradient equals the dense augmented GP gradient to 1e-8", arguments: [false, true])
  func gradient(normalizes: Bool) throws {
    let (x, y) = try RouteData.sample(n: 30, seed: 13)
    let kernel = GaussianKernel(lengthScale: 0.9)
    let s = try ApproximateReflection(equilibrium: [0.1, 0, 0], coordinates: [0, 1],
                                      correction: try RouteAgreementTests.taylor(order: 2))
    let gp = GaussianProcessRegression(kernel: kernel, signalVariance: 1.4, noiseLevel: 0.03, normalizesLabels: normalizes)
    let data = try Augmentation.augment(inputs: x, labels: y, by: s)
    let dense = try gp.logMarginalLikelihood(data.inputs, data.labels)
    let solver = try GroupFourierSolver(kernel: kernel, ridge: 1, symmetry: s)
    let fourier = try solver.logMarginalLikelihoodWithGradient(process: gp, inputs: x,
                                                               elementLabels: solver.elementLabels(x, y))
    expectClose(fourier.value, dense.value, relative: 1e-9)
    #expect(fourier.gradient.count == 3)
    expectClose(fourier.gradient, dense.gradient, absolute: 1e-8, relative: 1e-8)
  }
}
