import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("HaarAveragedGaussianKernel")
struct HaarAveragedGaussianKernelTests {
  /// Monte-Carlo average of k(x, R x′) over Haar rotations, with its standard error.
  func monteCarlo(_ s: Rotations, _ x: [Double], _ y: [Double], lengthScale: Double, draws: Int = 20000)
    -> (mean: Double, error: Double) {
    var rng = SeededGenerator(seed: 99)
    let k = GaussianKernel(lengthScale: lengthScale)
    var sum = 0.0, sum2 = 0.0
    for _ in 0..<draws {
      let v = k.value(x, s.randomElement(using: &rng).apply(to: y))
      sum += v
      sum2 += v * v
    }
    let mean = sum / Double(draws)
    return (mean, ((sum2 / Double(draws) - mean * mean) / Double(draws)).squareRoot())
  }

  @Test("the closed form equals a 20000-draw Haar average within 4 standard errors",
        arguments: ["o3", "so3", "o2", "so2"])
  func haarAverage(kind: String) throws {
    let c = [0.2, -0.1, 0.4]
    let group: ContinuousGroupKind = switch kind {
    case "o3": .o3
    case "so3": .so3
    case "o2": .o2(axis: [1, 1, 0])
    default: .so2(axis: [0, 0, 2])
    }
    let s = try Rotations(group, centre: c)
    let k = try HaarAveragedGaussianKernel(lengthScale: 0.8, symmetry: s)
    for (x, y) in [([0.5, 0.3, -0.2], [0.1, 0.9, 0.6]), ([1.0, -0.4, 0.3], [0.4, 0.2, 1.1])] {
      let (mean, error) = monteCarlo(s, x, y, lengthScale: 0.8)
      let v = k.value(x, y)
      #expect(abs(v - mean) <= 4 * error + 1e-12, "\(kind): closed form \(v), Monte Carlo \(mean) ± \(error)")
    }
  }

  @Test("Gram matrices are positive semi-definite", arguments: ["o3", "o2"])
  func psd(kind: String) throws {
    let s = try Rotations(kind == "o3" ? .o3 : .o2(axis: [0, 0, 1]))
    let k = try HaarAveragedGaussianKernel(lengthScale: 0.7, symmetry: s)
    let (x, _) = try RouteData.sample(n: 40, seed: 5)
    let e = try SymmetricEigendecomposition(of: k.matrix(x))
    #expect(e.eigenvalues[0] >= -1e-12 * e.eigenvalues.last!)
  }

  @Test("a → 0 gives exp(−(r − r′)²/2s²) and large a does not overflow")
  func limits() throws {
    let k = try HaarAveragedGaussianKernel(lengthScale: 1, symmetry: try Rotations(.o3))
    // r′ = 0: exactly the Gaussian of r.
    #expect(k.value([0.3, 0.4, 0], [0, 0, 0]) == exp(-0.125))
    // Tiny a: the closed form approaches the limit with relative error O(a).
    let tiny = k.value([1e-9, 0, 0], [0, 2, 0])
    expectClose(tiny, exp(-0.5 * pow(2 - 1e-9, 2)), relative: 1e-8)
    // a = r r′ = 1e6: the sinh form would overflow; the value is exp(0)·1/(2a).
    let far = k.value([1000, 0, 0], [0, 0, 1000])
    expectClose(far, 1 / 2e6, relative: 1e-12)
    #expect(far.isFinite)
    let axis = try HaarAveragedGaussianKernel(lengthScale: 1, symmetry: try Rotations(.o2(axis: [0, 0, 1])))
    // I0e(b) ≈ 1/√(2πb) for large b.
    expectClose(axis.value([1000, 0, 0], [0, 1000, 0]), 1 / (2 * Double.pi * 1e6).squareRoot(), relative: 1e-6)
  }

  @Test("the length-scale gradient is the finite difference of the Gram matrix", arguments: ["o3", "o2"])
  func gradient(kind: String) throws {
    let s = try Rotations(kind == "o3" ? .o3 : .o2(axis: [0, 1, 0]))
    let k = try HaarAveragedGaussianKernel(lengthScale: 0.9, symmetry: s)
    let (x, _) = try RouteData.sample(n: 12, seed: 6)
    let g = try #require(k.gradientMatrices(x).first)
    let h = 1e-4, t = log(0.9)
    let fd = 1 / (2 * h) * (k.withLogHyperparameters([t + h]).matrix(x) - k.withLogHyperparameters([t - h]).matrix(x))
    expectClose(g, fd, absolute: 1e-7, relative: 1e-6)
  }

  @Test("a finite group is refused, naming what is supported")
  func refusal() throws {
    let e = try #require(throws: SymmetryError.self) {
      try HaarAveragedGaussianKernel(lengthScale: 1, symmetry: try Inversion(dimension: 3))
    }
    #expect(e.code == .routeNotApplicable && e.message.contains("O(3), SO(3)") && e.message.contains("O(2), SO(2)"))
    let bad = try #require(throws: SymmetryError.self) {
      try HaarAveragedGaussianKernel(lengthScale: -1, symmetry: try Rotations(.o3))
    }
    #expect(bad.code == .invalidParameter && bad.message.contains("-1"))
  }
}
