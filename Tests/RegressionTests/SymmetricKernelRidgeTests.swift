// Route refusals of the one entry point, with their messages.
import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("SymmetricKernelRidge")
struct SymmetricKernelRidgeTests {
  let kernel = GaussianKernel(lengthScale: 1)

  func refusal(_ route: SymmetryRoute, _ s: any LabelSymmetry, kernel: some Kernel, copyRidge: Double = 0) -> SymmetryError? {
    do {
      _ = try SymmetricKernelRidge(kernel: kernel, ridge: 1e-3, symmetry: s, route: route, copyRidge: copyRidge)
      return nil
    } catch { return error }
  }

  @Test("an approximate symmetry with the sum kernel is refused: use .augment or .fourier")
  func approximateSumKernel() throws {
    let s = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0])
    let e = try #require(refusal(.sumKernel, s, kernel: kernel))
    #expect(e.code == .routeNotApplicable)
    #expect(e.message.contains(".augment") && e.message.contains(".fourier") && e.message.contains("approximate"))
  }

  @Test("a group that is not sign flips with Fourier is refused: use .augment or .sumKernel")
  func nonSignFlipFourier() throws {
    let s = try CoordinatePermutations(dimension: 3, generators: [[1, 0, 2]])
    let e = try #require(refusal(.fourier, s, kernel: kernel))
    #expect(e.code == .routeNotApplicable)
    #expect(e.message.contains(".augment") && e.message.contains(".sumKernel"))
    let inversion = try Inversion(dimension: 3)
    #expect(refusal(.fourier, inversion, kernel: kernel)?.code == .routeNotApplicable)
  }

  @Test("a kernel that is not invariant under the group is refused, naming the element and values")
  func nonInvariantKernel() throws {
    let s = try CoordinatePermutations(dimension: 3, generators: [[1, 0, 2]])
    let anisotropic = AxisGaussianKernel(lengthScales: [0.5, 2, 1])
    let e = try #require(refusal(.sumKernel, s, kernel: anisotropic))
    #expect(e.code == .kernelNotInvariant)
    #expect(e.message.contains("element 1") && e.message.contains("k(g·x, g·x′) ="))
    // The same kernel is invariant under sign flips: accepted by both kernel routes.
    let flips = try SignFlips(dimension: 3, coordinates: [0, 1])
    #expect(refusal(.sumKernel, flips, kernel: anisotropic) == nil)
    #expect(refusal(.fourier, flips, kernel: anisotropic) == nil)
  }

  @Test("continuous groups: the Haar route needs a Gaussian kernel; the sum kernel and Fourier refuse")
  func continuous() throws {
    let s = try Rotations(.o3)
    #expect(refusal(.haarKernel, s, kernel: kernel) == nil)
    let laplace = try #require(refusal(.haarKernel, s, kernel: LaplacianKernel(lengthScale: 1)))
    #expect(laplace.code == .routeNotApplicable && laplace.message.contains("GaussianKernel"))
    #expect(try #require(refusal(.sumKernel, s, kernel: kernel)).message.contains(".haarKernel"))
    #expect(refusal(.fourier, s, kernel: kernel)?.code == .routeNotApplicable)
    let finite = try #require(refusal(.haarKernel, try Inversion(dimension: 3), kernel: kernel))
    #expect(finite.message.contains("supports O(3), SO(3)"))
  }

  @Test("bad ridges and a per-copy ridge outside augmentation are refused")
  func parameters() throws {
    let s = try SignFlips(dimension: 3, coordinates: [0])
    #expect(throws: SymmetryError.self) { try SymmetricKernelRidge(kernel: kernel, ridge: 0, symmetry: s, route: .augment) }
    let e = try #require(refusal(.fourier, s, kernel: kernel, copyRidge: 0.1))
    #expect(e.message.contains("needs explicit augmentation"))
    let negative = try #require(refusal(.augment, s, kernel: kernel, copyRidge: -1))
    #expect(negative.code == .invalidParameter && negative.message.contains("-1"))
  }

  @Test("a per-copy ridge ε² equals KRR on the augmented set with per-sample ridges λ and λ + ε²")
  func copyRidge() throws {
    let (x, y) = try RouteData.sample(n: 30, seed: 81)
    let test = try RouteData.test(seed: 82)
    let s = try SignFlips(dimension: 3, coordinates: [0, 2])
    let model = try SymmetricKernelRidge(kernel: kernel, ridge: 1e-3, symmetry: s, route: .augment, copyRidge: 0.05)
    let p = try model.fit(x, y).predict(test)
    // Independent truth: the dense normal equations (K + diag(λ_i)) α = y by an eigendecomposition.
    let data = try Augmentation.augment(inputs: x, labels: y, by: s)
    var k = kernel.matrix(data.inputs)
    for i in 0..<k.rows { k[i, i] += i < x.rows ? 1e-3 : 1e-3 + 0.05 }
    let alpha = try SymmetricEigendecomposition(of: k).solve(data.labels, shift: 0)
    let truth = kernel.crossMatrix(test, data.inputs) * alpha
    #expect(RouteData.scaledDifference(p, truth) <= 1e-9)
    // And it differs from plain augmentation (the copies are down-weighted).
    let plain = try SymmetricKernelRidge(kernel: kernel, ridge: 1e-3, symmetry: s, route: .augment).fit(x, y).predict(test)
    #expect(RouteData.scaledDifference(plain, truth) > 1e-4)
  }

  @Test("inputs with the wrong number of columns throw dimensionMismatch")
  func dimension() throws {
    let s = try SignFlips(dimension: 3, coordinates: [0])
    let model = try SymmetricKernelRidge(kernel: kernel, ridge: 1e-3, symmetry: s, route: .fourier)
    let x = Matrix(rows: 4, columns: 2, repeating: 0.5)
    let e = try #require(throws: RegressionError.self) { try model.fit(x, [1, 2, 3, 4]) }
    #expect(e.code == .dimensionMismatch && e.description.contains("2 columns"))
  }
}
