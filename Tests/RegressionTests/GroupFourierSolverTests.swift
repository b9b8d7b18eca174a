import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("GroupFourierSolver")
struct GroupFourierSolverTests {
  let kernel = GaussianKernel(lengthScale: 1.1)

  @Test("arbitrary per-element labels: the fit equals the dense augmented solve to 1e-9")
  func arbitraryLabels() throws {
    let (x, _) = try RouteData.sample(n: 30, seed: 7)
    let s = try SignFlips(dimension: 3, coordinates: [2, 0], centre: [0, 0.5, -0.5])
    let solver = try GroupFourierSolver(kernel: kernel, ridge: 1e-2, symmetry: s)
    var rng = SeededGenerator(seed: 8)
    let y = try rng.gaussianMatrix(rows: x.rows, columns: 4)
    let model = try solver.fit(x, elementLabels: y)
    // Truth: dense normal equations on the stacked copies, labels column g for copy g.
    let inputs = solver.augmentedInputs(x)
    let labels = (0..<4).flatMap { g in (0..<x.rows).map { y[$0, g] } }
    let alpha = try KernelRidgeRegression(kernel: kernel, ridge: 1e-2).fit(inputs, labels).dualCoefficients
    #expect(maxRelativeDifference(model.dualCoefficients, alpha, floor: 1e-3) <= 1e-9)
    let test = try RouteData.test(seed: 9)
    #expect(RouteData.scaledDifference(try model.predict(test), kernel.crossMatrix(test, inputs) * alpha) <= 1e-9)
  }

  @Test("element labels follow Augmentation's convention y_i + c_g(x_i)")
  func labels() throws {
    let (x, y) = try RouteData.sample(n: 10, seed: 10)
    let s = try ApproximateReflection(equilibrium: [0, 0, 0.1], coordinates: [1, 2],
                                      correction: try RouteAgreementTests.taylor(order: 2))
    let solver = try GroupFourierSolver(kernel: kernel, ridge: 1e-2, symmetry: s)
    let e = solver.elementLabels(x, y)
    let data = try Augmentation.augment(inputs: x, labels: y, by: s)
    for g in 0..<4 { for i in 0..<x.rows { #expect(e[i, g] == data.labels[g * x.rows + i]) } }
    #expect(solver.augmentedInputs(x) == data.inputs)
  }

  @Test("a group that is not sign flips is refused with the routes to use instead")
  func refusal() throws {
    let e = try #require(throws: SymmetryError.self) {
      try GroupFourierSolver(kernel: kernel, ridge: 1e-3, symmetry: try Inversion(dimension: 3))
    }
    #expect(e.code == .routeNotApplicable && e.message.contains("route .augment") && e.message.contains(".sumKernel"))
  }

  @Test("wrong label shapes and memory budget overruns throw with the sizes")
  func shapes() throws {
    let (x, y) = try RouteData.sample(n: 10, seed: 12)
    var solver = try GroupFourierSolver(kernel: kernel, ridge: 1e-3, symmetry: try SignFlips(dimension: 3, coordinates: [0]))
    let e = try #require(throws: RegressionError.self) {
      try solver.fit(x, elementLabels: Matrix(rows: 10, columns: 3))
    }
    #expect(e.code == .countMismatch && e.description.contains("10 × 2"))
    solver.memoryBudget = 1000
    let m = try #require(throws: RegressionError.self) { try solver.fit(x, y) }
    #expect(m.code == .exceedsMemoryBudget && m.description.contains("2400 bytes"))
  }
}
