import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("Nyström kernel ridge regression, direct solve")
struct NystromKernelRidgeDirectTests {
  static let data = KernelRidgeRegressionTests.data

  @Test("M = N with the inputs as centres equals dense KRR, small ridges included", arguments: [1e-2, 1e-6, 1e-8])
  func equalsDenseKRR(ridge: Double) throws {
    let (x, y) = try Self.data(150, 3, 51)
    let (xt, _) = try Self.data(40, 3, 52)
    let k = GaussianKernel(lengthScale: 0.9)
    let dense = try KernelRidgeRegression(kernel: k, ridge: ridge).fit(x, y).predict(xt)
    var settings = NystromKernelRidge(kernel: k, ridge: ridge, centres: 150)
    settings.method = .direct
    let model = try settings.fit(x, y, centres: x)
    #expect(model.report.iterations == 0 && !model.report.keptKernelBlocks)
    let scale = dense.map(abs).max()!
    // Both solves have condition number ‖K‖/λ; the direct one adds the jitter δ = M ε mean diag K_mm.
    expectClose(try model.predict(xt), dense, absolute: (ridge < 1e-7 ? 1e-5 : 1e-8) * scale, "λ = \(ridge)")
  }

  @Test("with M < N centres and per-sample ridges it solves the Nyström normal equations (double loops, eigensolve)")
  func solvesNormalEquations() throws {
    let (x, y) = try Self.data(200, 2, 53)
    let (xt, _) = try Self.data(30, 2, 54)
    let k = Matern52Kernel(lengthScale: 0.8)
    let centres = x.rows(at: Array(stride(from: 0, to: 200, by: 8)))
    let ridges = (0..<200).map { $0 % 3 == 0 ? 1e-3 : 1e-2 }
    let weights = ridges.map { 1e-3 / $0 }
    let truth = try NystromKernelRidgeTests.normalEquations(k, x, y, centres: centres, ridge: 1e-3, weights: weights)
    var settings = NystromKernelRidge(kernel: k, ridge: 1e-3, centres: 25)
    settings.method = .direct
    settings.blockBytes = 8 * 25 * 7  // blocks of 7 rows: the accumulation crosses many blocks
    let model = try settings.fit(x, y, centres: centres, sampleRidges: ridges)
    let expected = NystromKernelRidgeTests.predict(k, centres: centres, truth, xt)
    expectClose(try model.predict(xt), expected, absolute: 1e-8 * expected.map(abs).max()!)
  }

  @Test("several ridges at once equal one fit per ridge, and agree with converged conjugate gradients")
  func ridgesAndConjugateGradients() throws {
    let (x, y) = try Self.data(400, 3, 55)
    let (xt, _) = try Self.data(30, 3, 56)
    let k = GaussianKernel(lengthScale: 1.1)
    var direct = NystromKernelRidge(kernel: k, ridge: 1e-3, centres: 60, seed: 5)
    direct.method = .direct
    let ridges = [1e-1, 1e-2, 1e-3]
    let together = try direct.fit(x, y, ridges: ridges)
    for (ridge, model) in zip(ridges, together) {
      direct.ridge = ridge
      expectClose(try model.predict(xt), try direct.fit(x, y).predict(xt), relative: 1e-12, "λ = \(ridge)")
      let cg = try NystromKernelRidge(kernel: k, ridge: ridge, centres: 60, seed: 5, tolerance: 1e-11, maximumIterations: 500)
        .fit(x, y)
      let p = try cg.predict(xt)
      expectClose(try model.predict(xt), p, absolute: 1e-6 * p.map(abs).max()!, "λ = \(ridge)")
    }
  }

  @Test("where CG stops at its cap (λ = 1e-8) the direct solve equals scikit-learn's construction: features K_nm V Λ^(−1/2), ridge by eigensolve")
  func smallRidge() throws {
    let (x, y) = try Self.data(400, 3, 57)
    let (xt, _) = try Self.data(30, 3, 61)
    let k = GaussianKernel(lengthScale: 1.0)
    let centres = x.rows(at: Array(stride(from: 0, to: 400, by: 10)))
    let cg = NystromKernelRidge(kernel: k, ridge: 1e-8, centres: 40, maximumIterations: 20)
    let stalled = try #require(throws: RegressionError.self) { try cg.fit(x, y, centres: centres) }
    #expect(stalled.code == .didNotConverge)
    var direct = cg
    direct.method = .direct
    let observed = try direct.fit(x, y, centres: centres).predict(xt)
    // Independent truth (scikit-learn's Nystroem + Ridge): K_mm = V Λ Vᵀ, Φ = K_nm V Λ^(−1/2),
    // w = (ΦᵀΦ + λI)⁻¹ Φᵀ y by a symmetric eigendecomposition, f(x*) = k(x*, C) V Λ^(−1/2) w.
    let eigen = try SymmetricEigendecomposition(of: k.matrix(centres))
    #expect(eigen.eigenvalues.min()! > 1e-12)
    var map = eigen.eigenvectors
    for i in 0..<40 { for j in 0..<40 { map[i, j] /= eigen.eigenvalues[j].squareRoot() } }
    let phi = k.crossMatrix(x, centres) * map
    let gram = phi.transposed() * phi
    let w = try SymmetricEigendecomposition(of: gram).solve(phi.transposed() * y, shift: 1e-8)
    let expected = k.crossMatrix(xt, centres) * (map * w)
    expectClose(observed, expected, absolute: 1e-6 * expected.map(abs).max()!)
  }

  @Test("the sum-kernel route takes the direct solve: M = N equals dense symmetric KRR")
  func sumKernelRoute() throws {
    let (x, y) = try Self.data(120, 3, 58)
    let (xt, _) = try Self.data(30, 3, 59)
    let flip = try SignFlips(dimension: 3, coordinates: [2])
    let k = GaussianKernel(lengthScale: 0.9)
    var settings = NystromKernelRidge(kernel: k, ridge: 1e-4, centres: 120)
    settings.method = .direct
    let nystrom = try SymmetricNystromKernelRidge(nystrom: settings, symmetry: flip, route: .sumKernel).fit(x, y)
    let dense = try SymmetricKernelRidge(kernel: k, ridge: 1e-4, symmetry: flip, route: .sumKernel).fit(x, y).predict(xt)
    #expect(nystrom.report.iterations == 0)
    expectClose(try nystrom.predict(xt), dense, absolute: 1e-7 * dense.map(abs).max()!)
  }

  @Test("a budget below three M × M matrices is refused with the bytes needed and available")
  func memoryBudget() throws {
    let (x, y) = try Self.data(50, 2, 60)
    var settings = NystromKernelRidge(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3, centres: 40, memoryBudget: 10_000)
    settings.method = .direct
    let error = try #require(throws: RegressionError.self) { try settings.fit(x, y) }
    #expect(error.code == .exceedsMemoryBudget)
    #expect(error.problems[0].message.contains("three matrices of 40 × 40"), "\(error)")
    #expect(error.problems[0].message.contains("memory budget of 10000 bytes"), "\(error)")
  }

  @Test("CentreRank.numerical drops repeated centres: the model equals the one on the distinct centres")
  func repeatedCentres() throws {
    let (x, y) = try Self.data(200, 3, 62)
    let (xt, _) = try Self.data(30, 3, 63)
    var settings = NystromKernelRidge(kernel: GaussianKernel(lengthScale: 0.9), ridge: 1e-4, centres: 80)
    settings.method = .direct
    settings.centreRank = .numerical
    let pruned = try settings.fit(x, y, centres: x.rows(at: Array(0..<40) + Array(0..<40)))
    #expect(pruned.report.centreCount == 40 && pruned.report.requestedCentreCount == 80)
    settings.centreRank = .all
    let reference = try settings.fit(x, y, centres: x.rows(at: Array(0..<40)))
    #expect(reference.report.centreCount == 40 && reference.report.requestedCentreCount == 40)
    let p = try reference.predict(xt)
    expectClose(try pruned.predict(xt), p, absolute: 1e-9 * p.map(abs).max()!)
  }

  @Test("a smooth kernel with M = N keeps far fewer centres under CentreRank.numerical and predicts as dense KRR",
        arguments: [NystromSolveMethod.direct, .conjugateGradient])
  func smoothKernelRank(method: NystromSolveMethod) throws {
    let (x, y) = try Self.data(300, 1, 64)
    let (xt, _) = try Self.data(40, 1, 65)
    let k = GaussianKernel(lengthScale: 1.5)
    let dense = try KernelRidgeRegression(kernel: k, ridge: 1e-3).fit(x, y).predict(xt)
    var settings = NystromKernelRidge(kernel: k, ridge: 1e-3, centres: 300, tolerance: 1e-10, maximumIterations: 300)
    settings.method = method
    settings.centreRank = .numerical
    let model = try settings.fit(x, y)
    #expect(model.report.requestedCentreCount == 300)
    #expect(model.report.centreCount < 40, "kept \(model.report.centreCount)")
    expectClose(try model.predict(xt), dense, absolute: 1e-6 * dense.map(abs).max()!)
    // A coarser tolerance keeps fewer centres still.
    settings.centreRank = .tolerance(1e-6)
    #expect(try settings.fit(x, y).report.centreCount < model.report.centreCount)
  }

  @Test("a centre rank tolerance outside [0, 1) and a budget below K_mm are refused with the value and a next step")
  func centreRankInput() throws {
    let (x, y) = try Self.data(50, 2, 66)
    var settings = NystromKernelRidge(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3, centres: 40)
    for bad in [1.5, -0.1, Double.nan] {
      settings.centreRank = .tolerance(bad)
      let error = try #require(throws: RegressionError.self) { try settings.fit(x, y) }
      #expect(error.code == .invalidConfiguration)
      #expect(error.problems[0].message.contains("centre rank tolerance is \(bad); it must be a number in [0, 1)"),
              "\(error)")
    }
    settings.centreRank = .numerical
    settings.memoryBudget = 10_000
    let error = try #require(throws: RegressionError.self) { try settings.fit(x, y) }
    #expect(error.code == .exceedsMemoryBudget)
    #expect(error.problems[0].message.contains("the 40 × 40 centre kernel matrix"), "\(error)")
  }

  @Test("the copy-ridge grid equals the weighted normal equations on the augmented rows for every (λ, ε²), from one pass")
  func copyRidgeGrid() throws {
    let (x, y) = try Self.data(120, 3, 67)
    let (xt, _) = try Self.data(25, 3, 68)
    let k = GaussianKernel(lengthScale: 1.0)
    let symmetry = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 2])
    var settings = NystromKernelRidge(kernel: k, ridge: 1e-3, centres: 30, seed: 9)
    settings.method = .direct
    settings.blockBytes = 8 * 30 * 11  // blocks of 11 rows: classes mixed within blocks
    let ridges = [1e-3, 1e-2], copyRidges = [0, 1e-2, Double.infinity]
    let grid = try settings.fitCopyRidgeGrid(x, y, symmetry: symmetry, ridges: ridges, copyRidges: copyRidges)
    #expect(grid.count == 2 && grid.allSatisfy { $0.count == 3 })
    let centres = x.rows(at: try settings.selectCentres(x))
    let augmented = try Augmentation.augment(inputs: x, labels: y, by: symmetry)
    for (i, ridge) in ridges.enumerated() {
      for (j, e) in copyRidges.enumerated() {
        // Independent truth: (Σ wᵢ k_iᵀ k_i + λ K_mm) α = Σ wᵢ k_iᵀ yᵢ by an eigendecomposition, wᵢ = λ/ρᵢ.
        let truth: [Double]
        if e == .infinity {
          truth = try NystromKernelRidgeTests.normalEquations(k, x, y, centres: centres, ridge: ridge)
        } else {
          let weights = augmented.elementIndex.map { $0 == 0 ? 1 : ridge / (ridge + e) }
          truth = try NystromKernelRidgeTests.normalEquations(k, augmented.inputs, augmented.labels, centres: centres,
                                                              ridge: ridge, weights: weights)
        }
        let expected = NystromKernelRidgeTests.predict(k, centres: centres, truth, xt)
        expectClose(try grid[i][j].predict(xt), expected, absolute: 1e-7 * expected.map(abs).max()!, "λ = \(ridge), ε² = \(e)")
      }
    }
    let bad = try #require(throws: RegressionError.self) {
      try settings.fitCopyRidgeGrid(x, y, symmetry: symmetry, ridges: [1e-3], copyRidges: [-1])
    }
    #expect(bad.problems[0].message.contains("A copy ridge ε² is -1.0; it must be ≥ 0 (0: full trust) or infinity"))
  }
}
