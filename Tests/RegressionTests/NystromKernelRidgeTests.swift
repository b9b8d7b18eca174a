import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Nyström kernel ridge regression (Falkon)")
struct NystromKernelRidgeTests {
  static let data = KernelRidgeRegressionTests.data

  /// Independent truth for Nyström: the normal equations (K_nmᵀ W K_nm + λ K_mm) α = K_nmᵀ W y built
  /// from `Kernel.value` in double loops and solved by a symmetric eigendecomposition.
  static func normalEquations<K: Kernel>(_ k: K, _ x: Matrix, _ y: [Double], centres c: Matrix, ridge: Double,
                                         weights: [Double]? = nil) throws -> [Double] {
    let n = x.rows, m = c.rows
    let knm = (0..<n).map { i in (0..<m).map { j in k.value(x.row(i), c.row(j)) } }
    let w = weights ?? Array(repeating: 1, count: n)
    var h = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
    var b = [Double](repeating: 0, count: m)
    for a in 0..<m {
      for i in 0..<n { b[a] += knm[i][a] * w[i] * y[i] }
      for e in 0..<m {
        var s = ridge * k.value(c.row(a), c.row(e))
        for i in 0..<n { s += knm[i][a] * w[i] * knm[i][e] }
        h[a][e] = s
      }
    }
    return try SymmetricEigendecomposition(of: Matrix(rows: h)).solve(b)
  }

  static func predict<K: Kernel>(_ k: K, centres c: Matrix, _ alpha: [Double], _ xt: Matrix) -> [Double] {
    (0..<xt.rows).map { i in (0..<c.rows).reduce(0.0) { $0 + k.value(xt.row(i), c.row($1)) * alpha[$1] } }
  }

  @Test("M = N with the inputs as centres equals dense KRR to the CG tolerance", arguments: [0, 1, 2, 3])
  func equalsDenseKRR(kernelIndex: Int) throws {
    let (x, y) = try Self.data(120, 3, 31)
    let (xt, _) = try Self.data(40, 3, 32)
    func check<K: Kernel>(_ k: K) throws {
      let dense = try KernelRidgeRegression(kernel: k, ridge: 1e-2).fit(x, y).predict(xt)
      let nystrom = try NystromKernelRidge(kernel: k, ridge: 1e-2, centres: 120, tolerance: 1e-12).fit(x, y)
      #expect(nystrom.report.relativeResidual <= 1e-12)
      // With M = N the preconditioner is exact, B Bᵀ = H⁻¹ up to the jitter: CG needs one or two steps.
      #expect(nystrom.report.iterations <= 3, "\(nystrom.report.iterations) iterations")
      let scale = dense.map(abs).max()!
      expectClose(try nystrom.predict(xt), dense, absolute: 1e-8 * scale, "kernel \(kernelIndex)")
    }
    switch kernelIndex {
    case 0: try check(GaussianKernel(lengthScale: 0.8))
    case 1: try check(LaplacianKernel(lengthScale: 1.2))
    case 2: try check(Matern32Kernel(lengthScale: 1.0))
    default: try check(Matern52Kernel(lengthScale: 0.9))
    }
  }

  @Test("preconditioned CG reaches the solution of the Nyström normal equations (dense solve)")
  func convergesToNormalEquations() throws {
    let (x, y) = try Self.data(300, 2, 41)
    let (xt, _) = try Self.data(25, 2, 42)
    let k = GaussianKernel(lengthScale: 0.7)
    let regressor = NystromKernelRidge(kernel: k, ridge: 1e-3, centres: 40, seed: 5, tolerance: 1e-11)
    let model = try regressor.fit(x, y)
    let centres = x.rows(at: try regressor.selectCentres(x))
    #expect(model.centres == centres)
    let alpha = try Self.normalEquations(k, x, y, centres: centres, ridge: 1e-3)
    let truth = Self.predict(k, centres: centres, alpha, xt)
    expectClose(try model.predict(xt), truth, absolute: 1e-8 * truth.map(abs).max()!)
    #expect(model.report.relativeResidual <= 1e-11 && model.report.iterations < 200)
    #expect(model.report.keptKernelBlocks)
  }

  @Test("per-sample ridges solve the weighted normal equations")
  func sampleRidges() throws {
    let (x, y) = try Self.data(150, 3, 51)
    let (xt, _) = try Self.data(20, 3, 52)
    let k = Matern52Kernel(lengthScale: 1.1)
    let ridges = (0..<150).map { $0 % 3 == 0 ? 1e-3 : 5e-2 }
    let centres = x.rows(at: Array(stride(from: 0, to: 150, by: 5)))
    let model = try NystromKernelRidge(kernel: k, ridge: 1, centres: 1, tolerance: 1e-12)
      .fit(x, y, centres: centres, sampleRidges: ridges)
    let alpha = try Self.normalEquations(k, x, y, centres: centres, ridge: 1e-3, weights: ridges.map { 1e-3 / $0 })
    let truth = Self.predict(k, centres: centres, alpha, xt)
    expectClose(try model.predict(xt), truth, absolute: 1e-8 * truth.map(abs).max()!)
  }

  @Test("kept, recomputed and one-row blocks give the same products")
  func blocksAgree() throws {
    let (x, y) = try Self.data(200, 3, 61)
    let (xt, _) = try Self.data(30, 3, 62)
    let base = NystromKernelRidge(kernel: GaussianKernel(lengthScale: 0.9), ridge: 1e-3, centres: 37, seed: 3,
                                  tolerance: 1e-12)
    var recomputed = base
    recomputed.storage = .recomputed
    var tiny = recomputed
    tiny.blockBytes = 8 * 37  // one row per block
    var kept = base
    kept.storage = .kept
    kept.blockBytes = 1 << 30  // one block
    let reference = try kept.fit(x, y)
    #expect(reference.report.keptKernelBlocks && reference.report.blockRows == 200)
    let a = try recomputed.fit(x, y), b = try tiny.fit(x, y)
    #expect(!a.report.keptKernelBlocks && b.report.blockRows == 1)
    #expect(a.report.iterations == reference.report.iterations)
    let truth = try reference.predict(xt)
    expectClose(try a.predict(xt), truth, absolute: 1e-10 * truth.map(abs).max()!)
    expectClose(try b.predict(xt), truth, absolute: 1e-10 * truth.map(abs).max()!)
    // K_nm kept in single precision: the system of the rounded matrix, close to the exact one.
    var single = base
    single.storage = .keptSinglePrecision
    let c = try single.fit(x, y)
    #expect(c.report.keptKernelBlocks)
    let difference = zip(try c.predict(xt), truth).map { abs($0 - $1) }.max()! / truth.map(abs).max()!
    #expect(difference > 0 && difference <= 1e-4, "single precision moved the predictions by \(difference)")
  }

  @Test("predictions equal Σⱼ αⱼ k(x, cⱼ) from Kernel.value (the vectorised profile is exact to rounding)",
        arguments: [0, 1])
  func predictionsMatchKernelValue(kernelIndex: Int) throws {
    let (x, y) = try Self.data(90, 4, 71)
    var g = SeededGenerator(seed: 72)
    let xt = try g.uniformMatrix(rows: 33, columns: 4, low: -6, high: 6)  // far points too: tiny kernel values
    func check<K: Kernel>(_ k: K) throws {
      let model = try NystromKernelRidge(kernel: k, ridge: 1e-2, centres: 21).fit(x, y)
      let truth = Self.predict(k, centres: model.centres, model.coefficients, xt)
      expectClose(try model.predict(xt), truth, absolute: 1e-13 * model.coefficients.map(abs).reduce(0, +))
    }
    if kernelIndex == 0 { try check(GaussianKernel(lengthScale: 0.35)) } else { try check(LaplacianKernel(lengthScale: 0.7)) }
  }

  @Test("several ridges in lockstep equal separate fits")
  func multiRidge() throws {
    let (x, y) = try Self.data(250, 3, 81)
    let (xt, _) = try Self.data(20, 3, 82)
    let regressor = NystromKernelRidge(kernel: GaussianKernel(lengthScale: 1.0), ridge: 1e-3, centres: 50, seed: 9,
                                       tolerance: 1e-11)
    let ridges = [1e-1, 1e-3, 1e-5]
    let together = try regressor.fit(x, y, ridges: ridges)
    #expect(together.map(\.report.ridge) == ridges)
    for (r, model) in zip(ridges, together) {
      var single = regressor
      single.ridge = r
      let alone = try single.fit(x, y).predict(xt)
      expectClose(try model.predict(xt), alone, absolute: 1e-8 * alone.map(abs).max()!, "λ = \(r)")
    }
    // Smaller ridges need more iterations (worse conditioning).
    #expect(together[0].report.iterations <= together[2].report.iterations)
  }

  @Test("uniform centre sampling is reproducible, distinct, and depends on the seed")
  func uniformSampling() throws {
    let (x, _) = try Self.data(100, 2, 91)
    let r = NystromKernelRidge(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3, centres: 30, seed: 11)
    let a = try r.selectCentres(x), b = try r.selectCentres(x)
    #expect(a == b && Set(a).count == 30 && a.allSatisfy { (0..<100).contains($0) })
    var other = r
    other.seed = 12
    #expect(try other.selectCentres(x) != a)
  }

  @Test("leverage scores with the whole set as pilot equal the exact ridge leverage scores")
  func exactLeverage() throws {
    let (x, _) = try Self.data(60, 2, 101)
    let k = GaussianKernel(lengthScale: 0.6)
    let lambda = 1e-2
    let scores = try NystromKernelRidge(kernel: k, ridge: lambda, centres: 10).leverageScores(x, pilot: 60)
    // Exact: ℓᵢ = [K (K + λI)⁻¹]ᵢᵢ from the eigendecomposition of K.
    let exact = try SymmetricEigendecomposition(of: k.matrix(x)).reconstruct { max($0, 0) / (max($0, 0) + lambda) }.diagonal
    expectClose(scores, exact, absolute: 1e-9)
  }

  @Test("leverage sampling is reproducible and favours isolated points")
  func leverageFavoursIsolatedPoints() throws {
    // 990 points in a tight cluster, 10 isolated points far away from it and from each other.
    var g = SeededGenerator(seed: 111)
    var rows: [[Double]] = (0..<990).map { _ in [0.05 * g.gaussian(), 0.05 * g.gaussian()] }
    for i in 0..<10 { rows.append([4 + 3 * Double(i), -4 - 2 * Double(i % 3)]) }
    let x = try Matrix(rows: rows)
    let isolated = Set(990..<1000)
    var leverage = NystromKernelRidge(kernel: GaussianKernel(lengthScale: 0.5), ridge: 1e-3, centres: 20,
                                      sampling: .leverageScores(pilot: 40), seed: 7)
    let picked = try leverage.selectCentres(x)
    #expect(try leverage.selectCentres(x) == picked)
    let hits = picked.filter(isolated.contains).count
    #expect(hits >= 8, "leverage sampling picked \(hits) of the 10 isolated points")
    // Uniform sampling picks 20/1000 · 10 = 0.2 of them on average.
    let uniform = NystromKernelRidge(kernel: GaussianKernel(lengthScale: 0.5), ridge: 1e-3, centres: 20, seed: 7)
    #expect(try uniform.selectCentres(x).filter(isolated.contains).count <= 1)
    leverage.seed = 8
    #expect(try leverage.selectCentres(x) != picked)
  }

  // MARK: Errors

  @Test("M ≤ 0 and M > N are refused with the valid range")
  func centreCountErrors() throws {
    let (x, y) = try Self.data(50, 2, 121)
    let zero = #expect(throws: RegressionError.self) {
      try NystromKernelRidge(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3, centres: 0).fit(x, y)
    }
    #expect(zero?.code == .invalidConfiguration)
    #expect(zero?.description == "The number of centres M is 0; it must be at least 1 and at most the number of "
      + "training samples N = 50. Use e.g. M = 50 (about 20√N).")
    let many = #expect(throws: RegressionError.self) {
      try NystromKernelRidge(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3, centres: 51).fit(x, y)
    }
    #expect(many?.description == "The number of centres M = 51 exceeds the number of training samples N = 50; M "
      + "must be at most N. Use M ≤ 50, or dense kernel ridge regression (KernelRidgeRegression), which Nyström "
      + "with M = N reproduces.")
    #expect(NystromKernelRidge<GaussianKernel>.suggestedCentres(samples: 131_072) == 7241)
  }

  @Test("settings are checked all at once")
  func settingsErrors() throws {
    let (x, y) = try Self.data(50, 2, 122)
    let error = #expect(throws: RegressionError.self) {
      try NystromKernelRidge(kernel: GaussianKernel(lengthScale: -1), ridge: 0, centres: 10,
                             sampling: .leverageScores(pilot: 0), tolerance: 2, maximumIterations: 0).fit(x, y)
    }
    #expect(error?.problems.map(\.code) == [.invalidHyperparameter, .invalidHyperparameter, .invalidConfiguration,
                                            .invalidConfiguration, .invalidConfiguration])
    #expect(error?.description.contains("The CG tolerance is 2.0; it must be a number in (0, 1), the relative residual "
      + "at which the iteration stops. Use e.g. 1e-8.") == true)
    #expect(error?.description.contains("maximumIterations is 0; it must be at least 1. Use e.g. 200.") == true)
    #expect(error?.description.contains("The leverage-score pilot size is 0; it must be at least 1 (it is capped at "
      + "N). Use e.g. 512.") == true)
    let centresError = #expect(throws: RegressionError.self) {
      try NystromKernelRidge(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3, centres: 1)
        .fit(x, y, centres: Matrix(rows: 3, columns: 3))
    }
    #expect(centresError?.description == "The centres have 3 columns but the training inputs have 2; they must be "
      + "equal. Choose the centres among the training inputs.")
  }

  @Test("a CG that does not converge reports its residual and suggests a larger ridge or M")
  func didNotConverge() throws {
    let (x, y) = try Self.data(200, 3, 131)
    let error = #expect(throws: RegressionError.self) {
      try NystromKernelRidge(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-9, centres: 20, tolerance: 1e-14,
                             maximumIterations: 2).fit(x, y)
    }
    #expect(error?.code == .didNotConverge)
    let message = error?.description ?? ""
    #expect(message.hasPrefix("Conjugate gradients stopped after 2 iterations with relative residual "))
    #expect(message.hasSuffix(", above the tolerance 1e-14 (M = 20 centres, ridge λ = 1e-09). Increase the ridge λ "
      + "(e.g. tenfold) or the number of centres M, or allow more iterations (maximumIterations)."))
  }

  @Test("a fit above the memory budget is refused with the bytes needed and available")
  func memoryBudget() throws {
    let (x, y) = try Self.data(100, 2, 141)
    let error = #expect(throws: RegressionError.self) {
      try NystromKernelRidge(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3, centres: 50, storage: .kept,
                             memoryBudget: 99_999).fit(x, y)
    }
    #expect(error?.code == .exceedsMemoryBudget)
    #expect(error?.description == "The Nyström fit needs 100000 bytes (97.7 KiB): 3 matrices of 50 × 50 for the "
      + "preconditioner and the kept 100 × 50 kernel matrix, above the memory budget of 99999 bytes (97.7 KiB). Use "
      + "fewer centres M, storage .recomputed, fewer ridges at once, or raise the budget.")
    // .automatic falls back to recomputed blocks when the kept matrix does not fit.
    let model = try NystromKernelRidge(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3, centres: 50,
                                       memoryBudget: 99_999, blockBytes: 8 * 50 * 10).fit(x, y)
    #expect(!model.report.keptKernelBlocks)
  }
}
