// Shared data and a test-only anisotropic kernel for the symmetry-route tests.
import Foundation
import LinearAlgebra
import Regression
import Symmetries

enum RouteData {
  /// Seeded inputs (N × d, standard normal) and smooth labels that are not symmetric.
  static func sample(n: Int, d: Int = 3, seed: UInt64) throws -> (x: Matrix, y: [Double]) {
    var rng = SeededGenerator(seed: seed)
    let x = try rng.gaussianMatrix(rows: n, columns: d)
    let y = (0..<n).map { i -> Double in
      let r = x.row(i)
      return sin(r[0]) + 0.5 * r[1] * r[1] + 0.3 * r[0] * r[d - 1] + 0.2 * r[d - 1]
    }
    return (x, y)
  }

  /// Test points.
  static func test(m: Int = 25, d: Int = 3, seed: UInt64) throws -> Matrix {
    var rng = SeededGenerator(seed: seed)
    return try rng.gaussianMatrix(rows: m, columns: d)
  }

  /// Max |a − b| relative to the prediction scale max |b|.
  static func scaledDifference(_ a: [Double], _ b: [Double]) -> Double {
    let scale = b.map(abs).max() ?? 1
    return zip(a, b).map { abs($0 - $1) }.max()! / scale
  }
}

/// A Gaussian kernel with one length scale per axis: invariant under sign flips, not under
/// coordinate permutations (test-only).
struct AxisGaussianKernel: Kernel {
  var lengthScales: [Double]

  var hyperparameters: [Hyperparameter] { [] }
  func withLogHyperparameters(_ theta: [Double]) -> Self { self }

  func value(_ x: [Double], _ y: [Double]) -> Double {
    var s = 0.0
    for i in x.indices { let t = (x[i] - y[i]) / lengthScales[i]; s += t * t }
    return exp(-0.5 * s)
  }

  func matrix(_ x: Matrix) -> Matrix { crossMatrix(x, x) }

  func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    var m = Matrix(rows: a.rows, columns: b.rows)
    for i in 0..<a.rows { for j in 0..<b.rows { m[i, j] = value(a.row(i), b.row(j)) } }
    return m
  }

  func diagonal(_ x: Matrix) -> [Double] { Array(repeating: 1, count: x.rows) }
  func gradientMatrices(_ x: Matrix) -> [Matrix] { [] }
  var isStationary: Bool { true }
  var isIsotropic: Bool { false }
}
