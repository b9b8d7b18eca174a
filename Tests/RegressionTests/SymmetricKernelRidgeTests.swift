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

  func refusal(_ route: SymmetryRoute, _ s: any LabelSymmetry, kernel: some Kernel, trust: SymmetryTrust = .full) -> SymmetryError? {
    do {
      _ = try SymmetricKernelRidge(kernel: kernel, ridge: 1e-3, symmetry: s, route: route, trust: trust)
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

  @Test("continuous groups: the Haar route takes the four radial families and names them when refusing; the sum kernel and Fourier refuse")
  func continuous() throws {
    let s = try Rotations(.o3)
    #expect(refusal(.haarKernel, s, kernel: kernel) == nil)
    #expect(refusal(.haarKernel, s, kernel: LaplacianKernel(lengthScale: 1)) == nil)
    #expect(refusal(.haarKernel, s, kernel: Matern32Kernel(lengthScale: 1)) == nil)
    #expect(refusal(.haarKernel, s, kernel: Matern52Kernel(lengthScale: 1)) == nil)
    let scaled = try #require(refusal(.haarKernel, s, kernel: 2.0 * LaplacianKernel(lengthScale: 1)))
    #expect(scaled.code == .routeNotApplicable)
    #expect(scaled.message == "The Haar-averaged kernel exists for the Gaussian, Laplacian, Matérn 3/2 and Matérn 5/2 "
              + "kernels (GaussianKernel, LaplacianKernel, Matern32Kernel, Matern52Kernel), got "
              + "ScaledKernel<LaplacianKernel>; use one of them, or route .augment with Haar samples.")
    #expect(try #require(refusal(.sumKernel, s, kernel: kernel)).message.contains(".haarKernel"))
    #expect(refusal(.fourier, s, kernel: kernel)?.code == .routeNotApplicable)
    let finite = try #require(refusal(.haarKernel, try Inversion(dimension: 3), kernel: kernel))
    #expect(finite.message.contains("supports O(3), SO(3)"))
  }

  @Test("bad ridges, bad trusts and a trust the route cannot carry are refused, naming the route to use")
  func parameters() throws {
    let s = try SignFlips(dimension: 3, coordinates: [0])
    #expect(throws: SymmetryError.self) { try SymmetricKernelRidge(kernel: kernel, ridge: 0, symmetry: s, route: .augment) }
    for route in [SymmetryRoute.augment, .fourier] {
      #expect(refusal(route, s, kernel: kernel, trust: .copyRidge(0.1)) == nil)
      #expect(refusal(route, s, kernel: kernel, trust: .copyRidge(.infinity)) == nil)
    }
    #expect(refusal(.sumKernel, s, kernel: kernel, trust: .copyRidge(0)) == nil)
    #expect(refusal(.sumKernel, s, kernel: kernel, trust: .none) == nil)
    let sum = try #require(refusal(.sumKernel, s, kernel: kernel, trust: .copyRidge(0.1)))
    #expect(sum.code == .routeNotApplicable)
    #expect(sum.message == "A copy ridge ε² = 0.1 needs the augmented copies, but route .sumKernel solves on the N "
      + "originals with one ridge; use route .fourier (Z2^m sign flips) or .augment, or trust .full or .none.")
    let haar = try #require(refusal(.haarKernel, try Rotations(.o3), kernel: kernel, trust: .copyRidge(.infinity)))
    #expect(haar.message.hasPrefix("A copy ridge ε² = inf needs the augmented copies, but route .haarKernel"))
    let weights = try #require(refusal(.fourier, s, kernel: kernel, trust: .sectorWeights([1, 0.5])))
    #expect(weights.code == .routeNotApplicable)
    #expect(weights.message == "Trust sectorWeights([1.0, 0.5]) is carried by a character-weighted kernel "
      + "k_w = Σ_s w_s k_s, which route .fourier does not build; use trust .full, .copyRidge(ε²) or .none with this route.")
    let negative = try #require(refusal(.augment, s, kernel: kernel, trust: .copyRidge(-1)))
    #expect(negative.code == .invalidParameter && negative.message.hasPrefix("The copy ridge ε² is -1.0; it must be a number ≥ 0"))
    let nan = try #require(refusal(.fourier, s, kernel: kernel, trust: .copyRidge(.nan)))
    #expect(nan.code == .invalidParameter && nan.message.hasPrefix("The copy ridge ε² is nan;"))
    let count = try #require(refusal(.fourier, s, kernel: kernel, trust: .sectorWeights([1, 1, 1])))
    #expect(count.code == .dimensionMismatch && count.message.hasPrefix("There are 3 sector weights for a group of order 2"))
  }

  @Test("a per-copy ridge ε² equals KRR on the augmented set with per-sample ridges λ and λ + ε²")
  func copyRidge() throws {
    let (x, y) = try RouteData.sample(n: 30, seed: 81)
    let test = try RouteData.test(seed: 82)
    let s = try SignFlips(dimension: 3, coordinates: [0, 2])
    let model = try SymmetricKernelRidge(kernel: kernel, ridge: 1e-3, symmetry: s, route: .augment, trust: .copyRidge(0.05))
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

  @Test("a copy ridge on Haar-sampled copies of O(3) equals the dense solve with per-sample ridges to 1e-8")
  func haarCopyRidge() throws {
    let (x, y) = try RouteData.sample(n: 12, seed: 91)
    let test = try RouteData.test(seed: 92)
    let s = try Rotations(.o3)
    for epsilon2 in [0, 1e-3, 0.3, 1e8] {
      let model = try SymmetricKernelRidge(kernel: kernel, ridge: 1e-3, symmetry: s, route: .augment,
                                           trust: .copyRidge(epsilon2), haarCopies: 6, seed: 93)
      let p = try model.fit(x, y).predict(test)
      // Truth: the same six draws (same seed), dense KRR with λ on the originals, λ + ε² on the rotated copies.
      var rng = SeededGenerator(seed: 93)
      let data = try Augmentation.augment(inputs: x, labels: y, by: s, copies: 6, using: &rng)
      #expect(Set(data.elementIndex) == Set(0..<6))
      let ridges = data.elementIndex.map { $0 == 0 ? 1e-3 : 1e-3 + epsilon2 }
      let truth = try KernelRidgeRegression(kernel: kernel, ridge: 1e-3).fit(data.inputs, data.labels, sampleRidges: ridges)
        .predict(test)
      #expect(RouteData.scaledDifference(p, truth) <= 1e-8, "ε² = \(epsilon2)")
    }
  }

  @Test("trust .none and .copyRidge(∞) are plain KRR on the originals, on every route")
  func noTrust() throws {
    let (x, y) = try RouteData.sample(n: 25, seed: 94)
    let test = try RouteData.test(seed: 95)
    let plain = try KernelRidgeRegression(kernel: kernel, ridge: 1e-3).fit(x, y).predict(test)
    let flips = try SignFlips(dimension: 3, coordinates: [0, 1])
    for route in [SymmetryRoute.augment, .fourier, .sumKernel] {
      let none = try SymmetricKernelRidge(kernel: kernel, ridge: 1e-3, symmetry: flips, route: route, trust: .none)
      #expect(try none.fit(x, y).predict(test) == plain, "route \(route)")
    }
    let infinite = try SymmetricKernelRidge(kernel: kernel, ridge: 1e-3, symmetry: flips, route: .fourier,
                                            trust: .copyRidge(.infinity))
    #expect(try infinite.fit(x, y).predict(test) == plain)
    let haar = try SymmetricKernelRidge(kernel: kernel, ridge: 1e-3, symmetry: try Rotations(.o3), route: .haarKernel,
                                        trust: .none)
    #expect(try haar.fit(x, y).predict(test) == plain)
  }

  @Test("fitGrid equals one fit per (λ, ε²) pair on the routes that carry ε², and refuses ε² > 0 on the others")
  func grid() throws {
    let (x, y) = try RouteData.sample(n: 20, seed: 96)
    let test = try RouteData.test(seed: 97)
    let s = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 2],
                                      correction: RouteAgreementTests.taylor(order: 3))
    let ridges = [1e-4, 1e-2], copyRidges = [0, 1e-3, .infinity]
    for route in [SymmetryRoute.augment, .fourier] {
      let model = try SymmetricKernelRidge(kernel: kernel, ridge: 1, symmetry: s, route: route)
      let grid = try model.fitGrid(x, y, ridges: ridges, copyRidges: copyRidges)
      for (r, lambda) in ridges.enumerated() {
        for (e, epsilon2) in copyRidges.enumerated() {
          let one = try SymmetricKernelRidge(kernel: kernel, ridge: lambda, symmetry: s, route: route,
                                             trust: .copyRidge(epsilon2)).fit(x, y).predict(test)
          #expect(RouteData.scaledDifference(try grid[r][e].predict(test), one) <= 1e-9,
                  "route \(route), λ = \(lambda), ε² = \(epsilon2)")
        }
      }
    }
    let exact = try SignFlips(dimension: 3, coordinates: [0])
    let sum = try SymmetricKernelRidge(kernel: kernel, ridge: 1, symmetry: exact, route: .sumKernel)
    let e = try #require(throws: RegressionError.self) { try sum.fitGrid(x, y, ridges: [1e-3], copyRidges: [0, 0.5]) }
    #expect(e.code == .invalidConfiguration)
    #expect(e.description == "A copy ridge ε² = 0.5 needs the augmented copies, but route .sumKernel solves on the N "
      + "originals with one ridge; use route .fourier (Z2^m sign flips) or .augment, or ε² = 0 or .infinity.")
  }
}
