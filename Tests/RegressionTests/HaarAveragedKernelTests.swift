// The Haar-averaged Laplacian and Matérn kernels against Monte-Carlo Haar averages, against scipy
// quadrature and 60-digit closed forms (Fixtures/make_haar_averages.py), and as `Kernel`s.
import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("HaarAveragedKernel")
struct HaarAveragedKernelTests {
  static let families: [RadialKernelFamily] = [.laplacian, .matern32, .matern52]
  static let groups = ["o3", "so3", "o2", "so2"]

  static func base(_ family: RadialKernelFamily, _ sigma: Double) -> any HaarAverageableKernel {
    switch family {
    case .gaussian: GaussianKernel(lengthScale: sigma)
    case .laplacian: LaplacianKernel(lengthScale: sigma)
    case .matern32: Matern32Kernel(lengthScale: sigma)
    case .matern52: Matern52Kernel(lengthScale: sigma)
    }
  }

  static func average<B: HaarAverageableKernel>(_ base: B, _ s: some LabelSymmetry) throws -> any Kernel {
    try HaarAveragedKernel(base, symmetry: s)
  }

  static func haar(_ family: RadialKernelFamily, _ sigma: Double, _ s: some LabelSymmetry) throws -> any Kernel {
    try average(base(family, sigma), s)
  }

  static func group(_ kind: String, centre: [Double] = [0, 0, 0]) throws -> Rotations {
    switch kind {
    case "o3": try Rotations(.o3, centre: centre)
    case "so3": try Rotations(.so3, centre: centre)
    case "o2": try Rotations(.o2(axis: [1, 1, 0]), centre: centre)
    default: try Rotations(.so2(axis: [0, 0, 2]), centre: centre)
    }
  }

  // MARK: Monte Carlo

  /// Mean of k(x, R y) over `draws` seeded Haar draws, with its standard error.
  func monteCarlo(_ s: Rotations, _ k: some Kernel, _ x: [Double], _ y: [Double], draws: Int = 8000)
    -> (mean: Double, error: Double) {
    var rng = SeededGenerator(seed: 77)
    var sum = 0.0, sum2 = 0.0
    for _ in 0..<draws {
      let v = k.value(x, s.randomElement(using: &rng).apply(to: y))
      sum += v
      sum2 += v * v
    }
    let mean = sum / Double(draws)
    return (mean, (max(0, sum2 / Double(draws) - mean * mean) / Double(draws)).squareRoot())
  }

  @Test("the average equals an 8000-draw Haar mean within 4 standard errors (O(n) and SO(n) alike)",
        arguments: families, groups)
  func monteCarloAgreement(family: RadialKernelFamily, kind: String) throws {
    let c = [0.2, -0.1, 0.4]
    let s = try Self.group(kind, centre: c)
    let sigma = 0.6
    let k = try Self.haar(family, sigma, s)
    let base = Self.base(family, sigma)
    // A fixed group element, to put y on x's orbit (r = r′, or the same (ρ, z)) or near it.
    var rng = SeededGenerator(seed: 5)
    let g = s.randomElement(using: &rng)
    let x0 = [0.5, 0.3, -0.2].enumerated().map { c[$0.offset] + $0.element }
    let onOrbit = g.apply(to: x0)
    let nearOrbit = zip(onOrbit, c).map { $1 + 1.0005 * ($0 - $1) }
    let axis = kind.hasPrefix("o2") ? [1.0, 1, 0].map { $0 / 2.0.squareRoot() } : [0.0, 0, 1]
    let pairs: [(String, [Double], [Double])] = [
      ("generic", x0, [0.3, 0.8, 1.0]),
      ("x at the centre", c, [0.5, -0.6, 0.7]),
      ("x on the axis", zip(c, axis).map { $0 + 0.7 * $1 }, [1.1, 0.2, 0.0]),
      ("on the orbit", x0, onOrbit),
      ("near the orbit", x0, nearOrbit),
      ("r r′/σ² ≈ 20", [2.7, 0.4, -0.6], [-1.7, 2.1, 1.3]),
    ]
    for (label, x, y) in pairs {
      let (mean, error) = monteCarlo(s, base, x, y)
      let v = k.value(x, y)
      #expect(abs(v - mean) <= 4 * error + 1e-12,
              "\(family), \(kind), \(label): average \(v), Monte Carlo \(mean) ± \(error)")
    }
  }

  // MARK: Fixtures

  static func rate(_ family: Int, _ sigma: Double) -> Double {
    [1.0, 3.0.squareRoot(), 5.0.squareRoot()][family - 1] / sigma
  }

  /// The value (derivative = 0) or ∂/∂log σ (derivative = 1) at (x, y).
  static func evaluate(_ family: Int, derivative: Bool, sigma: Double, _ s: Rotations, _ x: [Double], _ y: [Double]) throws
    -> Double {
    let k = try haar(families[family - 1], sigma, s)
    if !derivative { return k.value(x, y) }
    return try #require(k.gradientMatrices(Matrix(rows: [x, y])).first)[1, 0]
  }

  @Test("O(3): within (32 + 4u₊)·2⁻⁵³ of 60-digit closed forms and 1e-12 of scipy quadrature, values and derivatives")
  func sphereFixture() throws {
    let url = try #require(Bundle.module.url(forResource: "haar_sphere", withExtension: "csv", subdirectory: "Fixtures"))
    let (header, rows) = try TestData.readCSV(url)
    #expect(header == ["family", "derivative", "sigma", "r1", "r2", "exact", "quad", "quad_error"])
    #expect(rows.count == 96)
    let s = try Rotations(.o3)
    for row in rows {
      let family = Int(row[0]), sigma = row[2], r1 = row[3], r2 = row[4]
      let v = try Self.evaluate(family, derivative: row[1] == 1, sigma: sigma, s, [r1, 0, 0], [0, r2, 0])
      let uPlus = Self.rate(family, sigma) * (r1 + r2)
      let label = "family \(family), derivative \(row[1]), σ = \(sigma), r = \(r1), r′ = \(r2)"
      expectClose(v, row[5], relative: (32 + 4 * uPlus) * 0x1p-53, "\(label) (exact)")
      expectClose(v, row[6], relative: 1e-12, "\(label) (quad)")
    }
  }

  @Test("O(2): within the documented 5e-14 of scipy quadrature, values and derivatives")
  func cylinderFixture() throws {
    let url = try #require(Bundle.module.url(forResource: "haar_cylinder", withExtension: "csv", subdirectory: "Fixtures"))
    let (header, rows) = try TestData.readCSV(url)
    #expect(header == ["family", "derivative", "sigma", "rho1", "z1", "rho2", "z2", "quad", "quad_error"])
    #expect(rows.count == 96)
    let s = try Rotations(.so2(axis: [0, 0, 1]))
    var worst = 0.0
    for row in rows {
      let family = Int(row[0]), sigma = row[2]
      let v = try Self.evaluate(family, derivative: row[1] == 1, sigma: sigma, s, [row[3], 0, row[4]], [0, row[5], row[6]])
      worst = max(worst, abs(v - row[7]))
      expectClose(v, row[7], absolute: 5e-14,
                  "family \(family), derivative \(row[1]), σ = \(sigma), (ρ, z) = (\(row[3]), \(row[4])), (ρ′, z′) = (\(row[5]), \(row[6]))")
    }
    #expect(worst > 0, "the comparison is not vacuous")
  }

  @Test("r = 0 gives the base kernel at r′ exactly; large r r′/σ² neither overflows nor underflows early",
        arguments: families)
  func limits(family: RadialKernelFamily) throws {
    let base = Self.base(family, 0.5)
    let k = try Self.haar(family, 0.5, try Rotations(.o3))
    let kappa = base.value([0, 0, 0], [0.5, 0, 0])
    expectClose(k.value([0, 0, 0], [0, -0.5, 0]), kappa, relative: 4e-16)
    expectClose(k.value([0, 0, 0.5], [0, 0, 0]), kappa, relative: 4e-16)
    // r = r′ = 100σ: ⟨k⟩ = (1/(2 r r′)) ∫₀^{2r} κ(t) t dt → σ²/(2 r r′), since ∫₀^∞ κ(t) t dt = σ² for all
    // three families (∫ P(u) u e^(−u) du = 1, 3, 5 = rate² σ²); the tail beyond 2r is e^(−200).
    expectClose(k.value([50, 0, 0], [0, 0, 50]), 0.25 / 5000, relative: 1e-12)
    let axis = try Self.haar(family, 0.5, try Rotations(.o2(axis: [0, 0, 1])))
    // On the axis the orbit is a point.
    expectClose(axis.value([0, 0, 0.2], [0, 0.5, 0.2]), kappa, relative: 4e-16)
    let far = axis.value([50, 0, 0], [0, 50, 0])
    #expect(far.isFinite && far > 0)
  }

  @Test("the documented example: the O(2) Laplacian average on the orbit is (1/π) ∫₀^π e^(−5 sin(φ/2)) dφ")
  func documentedExample() throws {
    let o2 = try Rotations(.o2(axis: [0, 0, 1]))
    let k = try HaarAveragedKernel(LaplacianKernel(lengthScale: 0.4), symmetry: o2)
    // scipy.integrate.quad of the integral (ρρ′/σ² = 6.25, so u = 5 |sin(φ/2)|).
    expectClose(k.value([1, 0, 0.5], [0, 1, 0.5]), 0.13395469704630036, absolute: 5e-14)
  }

  // MARK: Kernel conformance

  @Test("Gram matrices are symmetric, positive semi-definite and agree with value, crossMatrix and diagonal",
        arguments: families, ["o3", "o2"])
  func gram(family: RadialKernelFamily, kind: String) throws {
    let s = try Self.group(kind, centre: [0.1, 0, -0.2])
    let k = try Self.haar(family, 0.7, s)
    let (x, _) = try RouteData.sample(n: 60, seed: 11)
    let m = k.matrix(x)
    let cross = k.crossMatrix(x, x)
    expectClose(cross, m, absolute: 1e-13, "crossMatrix(X, X) evaluates both triangles")
    expectClose(k.diagonal(x), (0..<x.rows).map { m[$0, $0] }, relative: 1e-15)
    for (i, j) in [(0, 1), (5, 17), (59, 3)] { expectClose(k.value(x.row(i), x.row(j)), m[i, j], relative: 1e-15) }
    let e = try SymmetricEigendecomposition(of: m)
    let tolerance = Double(x.rows) * 5e-14 + 1e-13 * e.eigenvalues.last!
    #expect(e.eigenvalues[0] >= -tolerance, "min eigenvalue \(e.eigenvalues[0])")
  }

  @Test("the length-scale gradient is the finite difference of the Gram matrix", arguments: families, ["o3", "o2"])
  func gradient(family: RadialKernelFamily, kind: String) throws {
    let s = try Self.group(kind)
    let k = try Self.haar(family, 0.9, s)
    #expect(k.hyperparameters.map(\.name) == ["lengthScale"] && k.hyperparameters[0].value == 0.9)
    let (x, _) = try RouteData.sample(n: 12, seed: 6)
    let g = try #require(k.gradientMatrices(x).first)
    let h = 1e-4, t = log(0.9)
    let fd = 1 / (2 * h) * (k.withLogHyperparameters([t + h]).matrix(x) - k.withLogHyperparameters([t - h]).matrix(x))
    expectClose(g, fd, absolute: 1e-8, relative: 1e-7)
    let fixed = try HaarAveragedKernel(LaplacianKernel(lengthScale: 0.9, isFixed: true), symmetry: s)
    #expect(fixed.gradientMatrices(x).isEmpty && fixed.hyperparameters[0].isFixed)
  }

  @Test("the .haarKernel route fits KRR with the averaged kernel", arguments: families)
  func route(family: RadialKernelFamily) throws {
    let s = try Rotations(.o2(axis: [0, 0, 1]))
    let (x, y) = try RouteData.sample(n: 40, seed: 3)
    let test = try RouteData.test(seed: 4)
    func routed<K: Kernel>(_ base: K) throws -> [Double] {
      try SymmetricKernelRidge(kernel: base, ridge: 1e-4, symmetry: s, route: .haarKernel).fit(x, y).predict(test)
    }
    let predicted = try routed(Self.base(family, 0.8))
    // Independent path: the averaged Gram matrix solved by an eigendecomposition.
    let k = try Self.haar(family, 0.8, s)
    let e = try SymmetricEigendecomposition(of: k.matrix(x))
    let alpha = e.solve(y, shift: 1e-4)
    let expected = k.crossMatrix(test, x) * alpha
    expectClose(predicted, expected, absolute: 1e-9)
  }

  // MARK: Refusals

  @Test("a finite group and a bad length scale are refused, naming what is supported")
  func refusals() throws {
    let e = try #require(throws: SymmetryError.self) {
      try HaarAveragedKernel(Matern32Kernel(lengthScale: 1), symmetry: try Inversion(dimension: 3))
    }
    #expect(e.code == .routeNotApplicable)
    #expect(e.message == "The Haar-averaged Matérn 3/2 kernel supports O(3), SO(3) about a centre and O(2), SO(2) about "
              + "an axis, in 3 dimensions; inversion (dimension 3) is not one of them. For a finite group use the sum "
              + "kernel (route .sumKernel) or explicit augmentation (route .augment).")
    let bad = try #require(throws: SymmetryError.self) {
      try HaarAveragedKernel(LaplacianKernel(lengthScale: .nan), symmetry: try Rotations(.o3))
    }
    #expect(bad.code == .invalidParameter)
    #expect(bad.message == "The length scale is nan; it must be a finite number > 0 (input units).")
  }
}
