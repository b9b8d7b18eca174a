// All routes that apply to a case give the same predictions (arXiv 2605.28238, "Using a symmetry
// in a model"): explicit augmentation is the independent truth (a direct dense N|G| solve).
import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("Route agreement")
struct RouteAgreementTests {
  let kernel = GaussianKernel(lengthScale: 1.3)
  let ridge = 1e-3

  /// Predictions of plain KRR on the explicitly augmented set (the truth).
  func augmented(_ x: Matrix, _ y: [Double], _ s: some FiniteLabelSymmetry, test: Matrix) throws -> [Double] {
    let data = try Augmentation.augment(inputs: x, labels: y, by: s)
    return try KernelRidgeRegression(kernel: kernel, ridge: ridge).fit(data.inputs, data.labels).predict(test)
  }

  func route(_ route: SymmetryRoute, _ s: any LabelSymmetry, _ x: Matrix, _ y: [Double], test: Matrix) throws -> [Double] {
    try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: s, route: route).fit(x, y).predict(test)
  }

  @Test("exact sign flips: augmentation, sum kernel and Fourier agree to 1e-9", arguments: [[0, 1, 2], [1], [0, 2]])
  func signFlips(coordinates: [Int]) throws {
    let (x, y) = try RouteData.sample(n: 60, seed: 11)
    let test = try RouteData.test(seed: 12)
    let s = try SignFlips(dimension: 3, coordinates: coordinates, centre: [0.2, -0.1, 0.3])
    let truth = try augmented(x, y, s, test: test)
    for r in [SymmetryRoute.augment, .sumKernel, .fourier] {
      let p = try route(r, s, x, y, test: test)
      #expect(RouteData.scaledDifference(p, truth) <= 1e-9, "route \(r)")
    }
  }

  @Test("odd labels (χ from oddIn): augmentation, sum kernel, Fourier and the character-weighted kernel agree to 1e-9",
        arguments: [[2], [0, 1], [0, 1, 2]])
  func oddLabels(odd: [Int]) throws {
    let (x, y) = try RouteData.sample(n: 50, seed: 13)
    let test = try RouteData.test(seed: 14)
    let s = try SignedLabelSymmetry(try SignFlips(dimension: 3, coordinates: [0, 1, 2], centre: [0.2, -0.1, 0.3]), oddIn: odd)
    let truth = try augmented(x, y, s, test: test)
    for r in [SymmetryRoute.augment, .sumKernel, .fourier] {
      let p = try route(r, s, x, y, test: test)
      #expect(RouteData.scaledDifference(p, truth) <= 1e-9, "route \(r)")
    }
    let character = try CharacterWeightedKernel(kernel, labelCharacterOf: s)
    let p = try KernelRidgeRegression(kernel: character, ridge: ridge / 8).fit(x, y).predict(test)
    #expect(RouteData.scaledDifference(p, truth) <= 1e-9, "character-weighted kernel")
    // The signed copies really differ from the unsigned ones: the even-label fit is another model.
    let even = try augmented(x, y, try SignFlips(dimension: 3, coordinates: [0, 1, 2], centre: [0.2, -0.1, 0.3]), test: test)
    #expect(RouteData.scaledDifference(even, truth) > 1e-2)
  }

  @Test("inversion: augmentation and sum kernel agree to 1e-9")
  func inversion() throws {
    let (x, y) = try RouteData.sample(n: 50, seed: 21)
    let test = try RouteData.test(seed: 22)
    let s = try Inversion(dimension: 3, centre: [0.5, 0, -0.2])
    let truth = try augmented(x, y, s, test: test)
    let p = try route(.sumKernel, s, x, y, test: test)
    #expect(RouteData.scaledDifference(p, truth) <= 1e-9)
  }

  @Test("coordinate permutations (S3, isotropic kernel): augmentation and sum kernel agree to 1e-9")
  func permutations() throws {
    let (x, y) = try RouteData.sample(n: 40, seed: 31)
    let test = try RouteData.test(seed: 32)
    let s = try CoordinatePermutations(dimension: 3, generators: [[1, 0, 2], [1, 2, 0]])
    #expect(s.order == 6)
    let truth = try augmented(x, y, s, test: test)
    let p = try route(.sumKernel, s, x, y, test: test)
    #expect(RouteData.scaledDifference(p, truth) <= 1e-9)
  }

  static func taylor(order: Int) throws -> TaylorCorrection {
    var rng = SeededGenerator(seed: 41)
    let a = try rng.gaussianMatrix(rows: 3, columns: 3)
    var h = a.gram()
    h.addToDiagonal(1)
    guard order == 3 else { return try TaylorCorrection(hessian: h) }
    let raw = (0..<27).map { _ in 0.3 * rng.gaussian() }
    var phi = [Double](repeating: 0, count: 27)
    for i in 0..<3 { for j in 0..<3 { for k in 0..<3 {
      let perms = [(i, j, k), (i, k, j), (j, i, k), (j, k, i), (k, i, j), (k, j, i)]
      phi[9 * i + 3 * j + k] = perms.reduce(0) { $0 + raw[9 * $1.0 + 3 * $1.1 + $1.2] } / 6
    } } }
    return try TaylorCorrection(hessian: h, cubicConstants: phi)
  }

  @Test("corrected approximate reflection: augmentation and Fourier agree to 1e-9", arguments: [2, 3])
  func approximateReflection(order: Int) throws {
    let (x, y) = try RouteData.sample(n: 60, seed: 51)
    let test = try RouteData.test(seed: 52)
    let s = try ApproximateReflection(equilibrium: [0.1, 0.2, -0.3], coordinates: [0, 2],
                                      correction: Self.taylor(order: order))
    // The corrections are not zero: the labels differ across the orbit.
    let corrections = try Augmentation.augment(inputs: x, labels: y, by: s).labels[(x.rows)...]
    #expect(zip(corrections, y + y + y).contains { abs($0 - $1) > 1e-3 })
    let truth = try augmented(x, y, s, test: test)
    let p = try route(.fourier, s, x, y, test: test)
    #expect(RouteData.scaledDifference(p, truth) <= 1e-9)
  }

  @Test("augmented GP log marginal likelihood: Fourier equals the dense augmented value to 1e-9", arguments: [false, true])
  func logMarginalLikelihood(normalizes: Bool) throws {
    let (x, y) = try RouteData.sample(n: 40, seed: 61)
    let s = try ApproximateReflection(equilibrium: [0, 0.1, 0], coordinates: [0, 1, 2],
                                      correction: Self.taylor(order: 3))
    let gp = GaussianProcessRegression(kernel: kernel, signalVariance: 1.7, noiseLevel: 0.02,
                                       normalizesLabels: normalizes)
    let data = try Augmentation.augment(inputs: x, labels: y, by: s)
    let dense = try gp.logMarginalLikelihood(data.inputs, data.labels).value
    let solver = try GroupFourierSolver(kernel: kernel, ridge: 1, symmetry: s)
    let fourier = try solver.logMarginalLikelihood(process: gp, inputs: x, elementLabels: solver.elementLabels(x, y))
    expectClose(fourier, dense, relative: 1e-9)
  }

  // Augmenting by M random rotations with ridge M·λ converges to Haar-kernel KRR with λ (the
  // minimiser of the averaged objective is invariant and lies in the RKHS of ⟨k⟩), with Monte-Carlo
  // error O(1/√M): 20 → 800 copies should shrink the gap by about √40 ≈ 6; we ask for 2.
  @Test("Haar kernel KRR is the limit of augmentation by many Haar rotations (ridge × copies)")
  func haarLimit() throws {
    let (x, y) = try RouteData.sample(n: 4, seed: 71)
    let test = try RouteData.test(m: 10, seed: 72)
    let s = try Rotations(.o3)
    let haarRidge = 0.3
    let exact = try KernelRidgeRegression(kernel: HaarAveragedGaussianKernel(lengthScale: 1.3, symmetry: s),
                                          ridge: haarRidge).fit(x, y).predict(test)
    func viaAugmentation(copies: Int) throws -> Double {
      let model = try SymmetricKernelRidge(kernel: kernel, ridge: haarRidge * Double(copies), symmetry: s,
                                           route: .augment, haarCopies: copies, seed: 73)
      return RouteData.scaledDifference(try model.fit(x, y).predict(test), exact)
    }
    let coarse = try viaAugmentation(copies: 20)
    let fine = try viaAugmentation(copies: 800)
    #expect(fine < 0.15, "coarse \(coarse), fine \(fine)")
    #expect(fine < 0.5 * coarse, "coarse \(coarse), fine \(fine)")
  }
}
