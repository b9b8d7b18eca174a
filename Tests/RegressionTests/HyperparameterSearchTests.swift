import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Hyperparameter search")
struct HyperparameterSearchTests {
  static let widths = [0.3, 0.8, 2.0]
  static let ridges = [1e-6, 1e-3, 1e-1]

  /// Independent truth: refit KRR (Cholesky) on every fold for every pair, pooled RMSE.
  static func bruteForce(_ x: Matrix, _ y: [Double], folds: [[Int]]) throws -> [[Double]] {
    var table: [[Double]] = []
    for w in widths {
      var row: [Double] = []
      for r in ridges {
        var sse = 0.0, count = 0
        for fold in folds {
          let held = Set(fold)
          let train = (0..<x.rows).filter { !held.contains($0) }
          let model = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: w), ridge: r, jitter: .none)
            .fit(x.rows(at: train), train.map { y[$0] })
          let p = try model.predict(x.rows(at: fold))
          for (i, j) in fold.enumerated() { sse += (p[i] - y[j]) * (p[i] - y[j]) }
          count += fold.count
        }
        row.append((sse / Double(count)).squareRoot())
      }
      table.append(row)
    }
    return table
  }

  @Test("k-fold scores equal refitting every pair with Cholesky, and the best pair is the argmin")
  func kFoldMatchesBruteForce() throws {
    let (x, y) = try KernelRidgeRegressionTests.data(n: 60, d: 2, seed: 31)
    let search = HyperparameterSearch(kernel: { GaussianKernel(lengthScale: $0) }, widths: Self.widths,
                                      ridges: Self.ridges, validation: .kFold(4))
    var g = SeededGenerator(seed: 99)
    let result = try search.run(x, y, using: &g)
    // Rebuild the same folds: one permutation, 4 contiguous chunks of 15.
    var g2 = SeededGenerator(seed: 99)
    let p = g2.permutation(60)
    let folds = (0..<4).map { Array(p[($0 * 15)..<(($0 + 1) * 15)]) }
    let truth = try Self.bruteForce(x, y, folds: folds)
    for w in Self.widths.indices { expectClose(result.scores[w], truth[w], relative: 1e-6, "width \(Self.widths[w])") }
    let flat = truth.flatMap { $0 }
    let best = flat.firstIndex(of: flat.min()!)!
    #expect(result.width == Self.widths[best / 3] && result.ridge == Self.ridges[best % 3])
    expectClose(result.bestScore, flat.min()!, relative: 1e-6)
    let direct = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: result.width), ridge: result.ridge).fit(x, y)
    expectClose(result.model.dualCoefficients, direct.dualCoefficients, relative: 1e-12)
  }

  @Test("a validation split scores the held-out fraction and is reproducible from the seed")
  func splitIsSeeded() throws {
    let (x, y) = try KernelRidgeRegressionTests.data(n: 50, d: 2, seed: 32)
    let search = HyperparameterSearch(kernel: { Matern52Kernel(lengthScale: $0) }, widths: Self.widths,
                                      ridges: Self.ridges, validation: .split(fraction: 0.2))
    var g1 = SeededGenerator(seed: 7), g2 = SeededGenerator(seed: 7)
    let a = try search.run(x, y, using: &g1), b = try search.run(x, y, using: &g2)
    #expect(a.scores == b.scores)
    var g3 = SeededGenerator(seed: 7)
    let held = Array(g3.permutation(50)[..<10])
    let train = (0..<50).filter { !held.contains($0) }
    let model = try KernelRidgeRegression(kernel: Matern52Kernel(lengthScale: 0.8), ridge: 1e-3).fit(x.rows(at: train), train.map { y[$0] })
    let p = try model.predict(x.rows(at: held))
    let rmse = (zip(p, held.map { y[$0] }).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 10).squareRoot()
    expectClose(a.scores[1][1], rmse, relative: 1e-6)
  }

  @Test("an empty grid, bad candidates and a bad fold count are reported together")
  func invalidConfiguration() throws {
    let (x, y) = try KernelRidgeRegressionTests.data(n: 10, d: 2, seed: 1)
    var g = SeededGenerator(seed: 1)
    let search = HyperparameterSearch(kernel: { GaussianKernel(lengthScale: $0) }, widths: [-1], ridges: [], validation: .kFold(11))
    let error = #expect(throws: RegressionError.self) { try search.run(x, y, using: &g) }
    #expect(error?.problems.map(\.code) == [.invalidConfiguration, .invalidHyperparameter, .invalidConfiguration])
    let text = error?.description ?? ""
    #expect(text.contains("search grid has 1 widths and 0 ridges; each list needs at least 1 value"))
    #expect(text.contains("candidate width is -1.0; it must be a finite number > 0. Remove it from the grid."))
    #expect(text.contains("fold count is 11; it must be between 2 and the number of samples (10)"))
    let split = HyperparameterSearch(kernel: { GaussianKernel(lengthScale: $0) }, widths: [1], ridges: [1], validation: .split(fraction: 1.5))
    let splitError = #expect(throws: RegressionError.self) { try split.run(x, y, using: &g) }
    #expect(splitError?.description.contains("validation fraction is 1.5 for 10 samples; it must lie in (0, 1)") == true)
  }
}
