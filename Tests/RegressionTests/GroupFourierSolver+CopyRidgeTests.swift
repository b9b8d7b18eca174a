// The group-Fourier solve with a per-copy ridge ε² against the independent truth: KRR with
// per-sample ridges (λ on the originals, λ + ε² on the copies) on the explicitly augmented set,
// `KernelRidgeRegression.fit(_:_:sampleRidges:)` on `Augmentation.augment`'s output.
import Foundation
import LinearAlgebra
@testable import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("GroupFourierSolver+CopyRidge")
struct GroupFourierSolverCopyRidgeTests {
  let kernel = GaussianKernel(lengthScale: 1.2)
  let ridge = 1e-3

  /// ε² = 0, small, moderate, large and very large (→ plain KRR on the originals).
  static let copyRidges: [Double] = [0, 1e-6, 1e-3, 0.1, 10, 1e12]

  /// Dense predictions with per-copy ridges: λ on the copies whose element index is in
  /// `trusted`, λ + ε² on the others.
  func dense(_ data: AugmentedData, ridge: Double, copyRidge: Double, trusted: Set<Int> = [0],
             kernel: some Kernel, test: Matrix) throws -> [Double] {
    let ridges = data.elementIndex.map { trusted.contains($0) ? ridge : ridge + copyRidge }
    return try KernelRidgeRegression(kernel: kernel, ridge: ridge).fit(data.inputs, data.labels, sampleRidges: ridges)
      .predict(test)
  }

  func check(_ s: some FiniteLabelSymmetry, strategy: CopyRidgeStrategy,
             n: Int, seed: UInt64) throws {
    let (x, y) = try RouteData.sample(n: n, seed: seed)
    let test = try RouteData.test(seed: seed + 1)
    let data = try Augmentation.augment(inputs: x, labels: y, by: s)
    let solver = try GroupFourierSolver(kernel: kernel, ridge: ridge, symmetry: s)
    let grid = try solver.fitGrid(x, y, ridges: [ridge], copyRidges: Self.copyRidges, strategy: strategy)[0]
    for (e, epsilon2) in Self.copyRidges.enumerated() {
      let truth = try dense(data, ridge: ridge, copyRidge: epsilon2, kernel: kernel, test: test)
      let difference = RouteData.scaledDifference(try grid[e].predict(test), truth)
      #expect(difference <= 1e-8, "|G| = \(s.order), ε² = \(epsilon2), \(strategy): \(difference)")
    }
  }

  @Test("exact sign flips, |G| = 2, 4, 8: every ε² equals the dense per-copy-ridge solve to 1e-8 (both strategies)",
        arguments: [[2], [0, 2], [0, 1, 2]])
  func exactLabels(coordinates: [Int]) throws {
    let s = try SignFlips(dimension: 3, coordinates: coordinates, centre: [0.1, -0.2, 0.05])
    for strategy in [CopyRidgeStrategy.eigendecomposition, .cholesky] {
      try check(s, strategy: strategy, n: 30, seed: 101)
    }
  }

  @Test("Taylor-corrected reflections, |G| = 2, 4, 8: every ε² equals the dense solve to 1e-8 (both strategies)",
        arguments: [[1], [0, 2], [0, 1, 2]])
  func correctedLabels(coordinates: [Int]) throws {
    let s = try ApproximateReflection(equilibrium: [0.1, -0.2, 0.05], coordinates: coordinates,
                                      correction: RouteAgreementTests.taylor(order: 3))
    // The labels really differ across the orbit.
    let (x, y) = try RouteData.sample(n: 30, seed: 111)
    let labels = try Augmentation.augment(inputs: x, labels: y, by: s).labels
    #expect(labels[x.rows...].enumerated().contains { abs($0.element - y[$0.offset % x.rows]) > 1e-2 })
    for strategy in [CopyRidgeStrategy.eigendecomposition, .cholesky] {
      try check(s, strategy: strategy, n: 30, seed: 111)
    }
  }

  @Test("ε² = 0 is the plain group-Fourier solve; ε² = ∞ is exactly plain KRR on the originals")
  func limits() throws {
    let (x, y) = try RouteData.sample(n: 40, seed: 121)
    let test = try RouteData.test(seed: 122)
    let s = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1],
                                      correction: RouteAgreementTests.taylor(order: 2))
    let solver = try GroupFourierSolver(kernel: kernel, ridge: ridge, symmetry: s)
    let plainFourier = try solver.fit(x, y).predict(test)
    let zero = try solver.fit(x, y, copyRidge: 0).predict(test)
    #expect(RouteData.scaledDifference(zero, plainFourier) <= 1e-10)
    let plainKRR = try KernelRidgeRegression(kernel: kernel, ridge: ridge).fit(x, y)
    let infinite = try solver.fit(x, y, copyRidge: .infinity)
    #expect(infinite.trainingInputs == x)
    #expect(try infinite.predict(test) == plainKRR.predict(test))
    // A very large finite ε² approaches it continuously: the copies' weight is O(1/ε²).
    let large = try solver.fit(x, y, copyRidge: 1e12).predict(test)
    let gap = RouteData.scaledDifference(large, try plainKRR.predict(test))
    #expect(gap <= 1e-8 && gap > 0, "gap \(gap)")
    let moderate = RouteData.scaledDifference(try solver.fit(x, y, copyRidge: 1e-2).predict(test),
                                              try plainKRR.predict(test))
    #expect(moderate > 1e-3, "a moderate ε² still uses the copies (\(moderate))")
  }

  @Test("the batch fit equals one fit per (λ, ε²) pair, and both strategies agree")
  func batch() throws {
    let (x, y) = try RouteData.sample(n: 36, seed: 131)
    let test = try RouteData.test(seed: 132)
    let s = try ApproximateReflection(equilibrium: [0, 0.1, 0], coordinates: [0, 1, 2],
                                      correction: RouteAgreementTests.taylor(order: 3))
    let ridges = [1e-5, 1e-3, 1e-1]
    let copyRidges = [0, 1e-4, 1e-2, .infinity]
    let solver = try GroupFourierSolver(kernel: kernel, ridge: 1, symmetry: s)
    let eigen = try solver.fitGrid(x, y, ridges: ridges, copyRidges: copyRidges, strategy: .eigendecomposition)
    let cholesky = try solver.fitGrid(x, y, ridges: ridges, copyRidges: copyRidges, strategy: .cholesky)
    let automatic = try solver.fitGrid(x, y, ridges: ridges, copyRidges: copyRidges)
    #expect(eigen.count == 3 && eigen.allSatisfy { $0.count == 4 })
    for (r, lambda) in ridges.enumerated() {
      let single = try GroupFourierSolver(kernel: kernel, ridge: lambda, symmetry: s)
      for (e, epsilon2) in copyRidges.enumerated() {
        let one = try single.fit(x, y, copyRidge: epsilon2).predict(test)
        for (name, grid) in [("eigendecomposition", eigen), ("cholesky", cholesky), ("automatic", automatic)] {
          let difference = RouteData.scaledDifference(try grid[r][e].predict(test), one)
          #expect(difference <= 1e-9, "\(name), λ = \(lambda), ε² = \(epsilon2): \(difference)")
        }
      }
    }
  }

  @Test("a tiny ridge with a huge ε²: the cancellation-free coupling matrix keeps 1e-8 agreement")
  func conditioning() throws {
    let (x, y) = try RouteData.sample(n: 30, seed: 141)
    let test = try RouteData.test(seed: 142)
    let s = try SignFlips(dimension: 3, coordinates: [0, 1])
    let data = try Augmentation.augment(inputs: x, labels: y, by: s)
    let lambda = 1e-6
    let solver = try GroupFourierSolver(kernel: kernel, ridge: lambda, symmetry: s)
    for epsilon2 in [1e3, 1e6, 1e9] {
      let truth = try dense(data, ridge: lambda, copyRidge: epsilon2, kernel: kernel, test: test)
      for strategy in [CopyRidgeStrategy.eigendecomposition, .cholesky] {
        let p = try solver.fitGrid(x, y, ridges: [lambda], copyRidges: [epsilon2], strategy: strategy)[0][0].predict(test)
        let difference = RouteData.scaledDifference(p, truth)
        #expect(difference <= 1e-8, "ε² = \(epsilon2), \(strategy): \(difference)")
      }
    }
  }

  @Test("a smooth kernel (numerical rank ≪ N, randomized eigenspaces): 1e-8 agreement with the dense solve")
  func lowRank() throws {
    var rng = SeededGenerator(seed: 181)
    let x = try rng.gaussianMatrix(rows: 400, columns: 3).map { 0.4 * $0 }
    let y = (0..<x.rows).map { i -> Double in
      let q = x.row(i)
      return q[0] * q[0] + 2 * q[1] * q[1] + 0.5 * q[0] * q[0] * q[0] + 0.3 * q[0] * q[1] * q[2]
    }
    let test = try rng.gaussianMatrix(rows: 40, columns: 3).map { 0.4 * $0 }
    let smooth = GaussianKernel(lengthScale: 2)
    let s = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1],
                                      correction: try TaylorCorrection(hessian: .diagonal([2, 4, 6])))
    let solver = try GroupFourierSolver(kernel: smooth, ridge: 1e-4, symmetry: s)
    let sectors = try CopyRidgeSectors(blocks: solver.transformedGramMatrices(x),
                                       labels: GroupFourierSolver<GaussianKernel, ApproximateReflection>
                                         .transformColumns(solver.elementLabels(x, y)))
    #expect(sectors.spaces.allSatisfy(\.isRandomized) && sectors.ranks.allSatisfy { $0 < 130 }, "ranks \(sectors.ranks) of 400")
    #expect(sectors.basis != nil, "the coupling is solved in the span of the eigenvectors (ranks \(sectors.ranks))")
    let data = try Augmentation.augment(inputs: x, labels: y, by: s)
    let copyRidges = [0, 1e-6, 1e-2, 1e6]
    let grid = try solver.fitGrid(x, y, ridges: [1e-4, 1e-2], copyRidges: copyRidges, strategy: .eigendecomposition)
    for (r, lambda) in [1e-4, 1e-2].enumerated() {
      for (e, epsilon2) in copyRidges.enumerated() {
        let truth = try dense(data, ridge: lambda, copyRidge: epsilon2, kernel: smooth, test: test)
        let difference = RouteData.scaledDifference(try grid[r][e].predict(test), truth)
        #expect(difference <= 1e-8, "λ = \(lambda), ε² = \(epsilon2): \(difference)")
      }
    }
  }

  /// A Taylor correction even in q₃ (no H₀ coupling of q₃ with q₁, q₂; φ_ijk = 0 for an odd number
  /// of indices equal to 2), as water's normal-mode constants are.
  static func evenInQ3() throws -> TaylorCorrection {
    var rng = SeededGenerator(seed: 151)
    var h = try Matrix(rows: [[2.0, 0.3, 0], [0.3, 1.5, 0], [0, 0, 1.2]])
    h.addToDiagonal(0.1)
    let raw = (0..<27).map { _ in 0.3 * rng.gaussian() }
    var phi = [Double](repeating: 0, count: 27)
    for i in 0..<3 { for j in 0..<3 { for k in 0..<3 where [i, j, k].filter({ $0 == 2 }).count % 2 == 0 {
      let perms = [(i, j, k), (i, k, j), (j, i, k), (j, k, i), (k, i, j), (k, j, i)]
      phi[9 * i + 3 * j + k] = perms.reduce(0) { $0 + raw[9 * $1.0 + 3 * $1.1 + $1.2] } / 6
    } } }
    return try TaylorCorrection(hessian: h, cubicConstants: phi)
  }

  @Test("q₃ exact in the kernel, ε² on the q₁/q₂ copies = the dense Z2³ solve with λ on {e, q₃} and λ + ε² elsewhere",
        arguments: [0, 1e-4, 1e-2, 1.0])
  func exactSubgroupInKernel(copyRidge epsilon2: Double) throws {
    var rng = SeededGenerator(seed: 161)
    let x = try rng.gaussianMatrix(rows: 24, columns: 3)
    // Labels even in q₃ (x[2]), not in q₁ or q₂.
    let y = (0..<x.rows).map { i -> Double in
      let q = x.row(i)
      return sin(q[0]) + 0.5 * q[1] * q[1] + 0.3 * q[0] * q[2] * q[2] + cos(q[2]) * q[1]
    }
    let test = try RouteData.test(seed: 162)
    let taylor = try Self.evenInQ3()
    let q3 = try SignFlips(dimension: 3, coordinates: [2])
    let soft = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1], correction: taylor)
    let solver = try GroupFourierSolver(kernel: SymmetrizedKernel(kernel, symmetry: q3), ridge: ridge, symmetry: soft)
    let p = try solver.fit(x, y, copyRidge: epsilon2).predict(test)
    // Truth: every element of Z2³ (bit 2 flips q₃), λ on the identity and on the q₃ flip (index 4).
    let full = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2], correction: taylor)
    let data = try Augmentation.augment(inputs: x, labels: y, by: full)
    let truth = try dense(data, ridge: ridge, copyRidge: epsilon2, trusted: [0, 4], kernel: kernel, test: test)
    #expect(RouteData.scaledDifference(p, truth) <= 1e-8)
    // ε² = ∞: the exact q₃ symmetry alone, i.e. the dense solve on the q₃ copies only.
    let q3Only = try Augmentation.augment(inputs: x, labels: y, by: q3)
    let q3Truth = try KernelRidgeRegression(kernel: kernel, ridge: ridge).fit(q3Only.inputs, q3Only.labels).predict(test)
    #expect(RouteData.scaledDifference(try solver.fit(x, y, copyRidge: .infinity).predict(test), q3Truth) <= 1e-8)
  }

  @Test("the automatic strategy: Cholesky for one pair, the eigendecomposition for a 3 × 4 grid")
  func strategyRule() {
    #expect(CopyRidgeStrategy.preferred(groupOrder: 4, coupledPairs: 1, fullTrustPairs: 0) == .cholesky)
    #expect(CopyRidgeStrategy.preferred(groupOrder: 8, coupledPairs: 1, fullTrustPairs: 0) == .cholesky)
    // 3 λ × {0, a, b, ∞}: 6 coupled pairs, 3 full-trust pairs.
    #expect(CopyRidgeStrategy.preferred(groupOrder: 4, coupledPairs: 6, fullTrustPairs: 3) == .eigendecomposition)
    #expect(CopyRidgeStrategy.preferred(groupOrder: 8, coupledPairs: 6, fullTrustPairs: 3) == .eigendecomposition)
    // Only full trust: an eigendecomposition pays once the λ grid is long.
    #expect(CopyRidgeStrategy.preferred(groupOrder: 4, coupledPairs: 0, fullTrustPairs: 3) == .cholesky)
    #expect(CopyRidgeStrategy.preferred(groupOrder: 4, coupledPairs: 0, fullTrustPairs: 12) == .eigendecomposition)
  }

  @Test("bad ε² and grids throw, naming the value, the valid range and the next step")
  func errors() throws {
    let (x, y) = try RouteData.sample(n: 10, seed: 171)
    let solver = try GroupFourierSolver(kernel: kernel, ridge: ridge, symmetry: try SignFlips(dimension: 3, coordinates: [0]))
    let negative = try #require(throws: RegressionError.self) { try solver.fit(x, y, copyRidge: -0.5) }
    #expect(negative.code == .invalidHyperparameter)
    #expect(negative.description == "The copy ridge ε² is -0.5; it must be a number ≥ 0 (0 trusts the symmetry fully, "
      + ".infinity ignores the augmented copies). Choose ε² on held-out data, or from the augmented-label error that "
      + "SymmetryDiagnostics reports.")
    let nan = try #require(throws: RegressionError.self) { try solver.fit(x, y, copyRidge: .nan) }
    #expect(nan.description.hasPrefix("The copy ridge ε² is nan; it must be a number ≥ 0"))
    let grid = try #require(throws: RegressionError.self) {
      try solver.fitGrid(x, y, ridges: [1e-3, 0], copyRidges: [0, -1, .nan])
    }
    #expect(grid.problems.map(\.message) == [
      "The ridge λ at index 1 is 0.0; it must be a finite number > 0. It is the ridge of the original samples; use a "
        + "small positive value such as 1e-6.",
      "The copy ridge ε² at index 1 is -1.0; it must be a number ≥ 0 (0 trusts the symmetry fully, .infinity ignores "
        + "the augmented copies). Choose ε² on held-out data, or from the augmented-label error that "
        + "SymmetryDiagnostics reports.",
      "The copy ridge ε² at index 2 is nan; it must be a number ≥ 0 (0 trusts the symmetry fully, .infinity ignores "
        + "the augmented copies). Choose ε² on held-out data, or from the augmented-label error that "
        + "SymmetryDiagnostics reports.",
    ])
    let empty = try #require(throws: RegressionError.self) { try solver.fitGrid(x, y, ridges: [], copyRidges: [0]) }
    #expect(empty.code == .invalidConfiguration)
    #expect(empty.description == "The grid has 0 ridges λ and 1 copy ridges ε²; each list needs at least 1 value. "
      + "Pass e.g. ridges [1e-8, 1e-6] and copy ridges [0, 1e-4, .infinity].")
  }
}
