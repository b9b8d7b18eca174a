// Shared inputs of the SymmetryTestingTests suites (not a suite): seeded samples and the
// polynomial label with known Taylor coefficients used for the approximate reflection.
import Foundation
import LinearAlgebra
import Regression
import Symmetries

enum TestInputs {
  /// N seeded points uniform in [centre − r, centre + r]^d.
  /// (The draws of `uniformMatrix(rows:columns:low:high:)`, row by row, without its checks.)
  static func sample(_ n: Int, around centre: [Double], radius r: Double = 1, seed: UInt64) -> Matrix {
    var g = SeededGenerator(seed: seed)
    let d = centre.count
    let elements = (0..<(n * d)).map { k in g.uniform(-r, r) + centre[k % d] }
    return Matrix(rows: n, columns: d, elements: elements)
  }

  static let kernel = GaussianKernel(lengthScale: 0.8)

  /// d = x − centre.
  static func displacement(_ x: [Double], _ c: [Double]) -> [Double] { zip(x, c).map { $0 - $1 } }
}

/// A 2-D polynomial about x_eq with known quadratic, cubic and quartic parts:
///
///   V(x_eq + d) = d₀² + 0.3 d₀d₁ + 1.5 d₁² + 0.5 d₀³ + 0.4 d₀d₁² + κ d₀³d₁,   κ = 0.7.
///
/// Under the reflection d₀ ↦ −d₀ the error of the augmented label y + c_g(x) is, in closed form,
///
///   no correction:   |0.6 d₀d₁ + d₀³ + 0.8 d₀d₁² + 2κ d₀³d₁|
///   order 2 (H₀):    |d₀³ + 0.8 d₀d₁² + 2κ d₀³d₁|
///   order 3 (H₀, φ): |2κ d₀³d₁|
///
/// so on |dᵢ| ≤ r the bounds 0.6r² + 1.8r³ + 2κr⁴, 1.8r³ + 2κr⁴ and 2κr⁴ hold.
enum Polynomial {
  static let equilibrium = [0.4, -1.0]
  static let kappa = 0.7
  /// H₀ = ∇²V(x_eq).
  static let hessian = Matrix(rows: 2, columns: 2, elements: [2.0, 0.3, 0.3, 3.0])
  /// φ_ijk at (i·2 + j)·2 + k: φ₀₀₀ = 3, φ₀₁₁ = φ₁₀₁ = φ₁₁₀ = 0.8.
  static let cubic: [Double] = [3, 0, 0, 0.8, 0, 0.8, 0.8, 0]

  @Sendable static func value(_ x: [Double]) -> Double {
    let d0 = x[0] - equilibrium[0], d1 = x[1] - equilibrium[1]
    return d0 * d0 + 0.3 * d0 * d1 + 1.5 * d1 * d1 + 0.5 * d0 * d0 * d0 + 0.4 * d0 * d1 * d1 + kappa * d0 * d0 * d0 * d1
  }

  static func bound(order: Int, radius r: Double) -> Double {
    let quartic = 2 * kappa * pow(r, 4)
    let raw: Double
    switch order {
    case 0: raw = 0.6 * r * r + 1.8 * pow(r, 3) + quartic
    case 2: raw = 1.8 * pow(r, 3) + quartic
    default: raw = quartic
    }
    return raw * (1 + 1e-9) + 1e-14  // round-off allowance
  }
}
