// Shared test model (not a suite): a potential with known Taylor coefficients.
import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

/// A model potential about x_eq with known quadratic, cubic, quartic and quintic terms:
///
///   V(x_eq + d) = ½ dᵀHd + ⅙ Σ φ_ijk d_i d_j d_k + κ (d₀³d₁ + d₀d₂³ + d₀⁴) + μ d₀⁵
struct ModelPotential {
  let equilibrium: [Double]
  let h: Matrix
  let phi: [Double]
  let kappa: Double
  let mu: Double

  static let coupledHessian = Matrix(rows: 3, columns: 3, elements: [2.0, 0.3, 0.1, 0.3, 1.5, -0.2, 0.1, -0.2, 1.0])

  /// A seeded, fully symmetric cubic tensor.
  static func cubic(seed: UInt64) -> [Double] {
    var g = SeededGenerator(seed: seed)
    var phi = [Double](repeating: 0, count: 27)
    for i in 0..<3 { for j in i..<3 { for k in j..<3 {
      let v = g.uniform(-1, 1)
      for (a, b, c) in [(i, j, k), (i, k, j), (j, i, k), (j, k, i), (k, i, j), (k, j, i)] { phi[(a * 3 + b) * 3 + c] = v }
    } } }
    return phi
  }

  init(hessian: Matrix = coupledHessian, kappa: Double = 0.7, mu: Double = 0.5) {
    equilibrium = [0.4, -1.0, 2.0]
    h = hessian
    phi = Self.cubic(seed: 21)
    self.kappa = kappa
    self.mu = mu
  }

  func energy(_ x: [Double]) -> Double {
    let d = zip(x, equilibrium).map { $0 - $1 }
    var v = 0.0
    for i in 0..<3 { for j in 0..<3 {
      v += 0.5 * h[i, j] * d[i] * d[j]
      for k in 0..<3 { v += phi[(i * 3 + j) * 3 + k] * d[i] * d[j] * d[k] / 6 }
    } }
    return v + kappa * (pow(d[0], 3) * d[1] + d[0] * pow(d[2], 3) + pow(d[0], 4)) + mu * pow(d[0], 5)
  }

  func hessian(_ x: [Double]) -> Matrix {
    let d = zip(x, equilibrium).map { $0 - $1 }
    var m = h
    for i in 0..<3 { for j in 0..<3 { for k in 0..<3 { m[i, j] += phi[(i * 3 + j) * 3 + k] * d[k] } } }
    m[0, 0] += kappa * (6 * d[0] * d[1] + 12 * d[0] * d[0]) + 20 * mu * pow(d[0], 3)
    m[0, 1] += kappa * 3 * d[0] * d[0]; m[1, 0] += kappa * 3 * d[0] * d[0]
    m[0, 2] += kappa * 3 * d[2] * d[2]; m[2, 0] += kappa * 3 * d[2] * d[2]
    m[2, 2] += kappa * 6 * d[0] * d[2]
    return m
  }

  /// |ỹ(x_eq + Rd) − V(x_eq + Rd)| along d = t·u for each t.
  func labelErrors(symmetry: ApproximateReflection, element: Int, scales: [Double]) -> [Double] {
    let u = [0.6, -0.48, 0.64]
    let g = symmetry.elements[element]
    return scales.map { t in
      let x = zip(equilibrium, u).map { $0 + t * $1 }
      let augmented = energy(x) + symmetry.labelCorrection(for: g, at: x)
      return abs(augmented - energy(g.apply(to: x)))
    }
  }
}

extension ModelPotential {
  func gradient(_ x: [Double]) -> [Double] {
    let d = zip(x, equilibrium).map { $0 - $1 }
    var g = h * d
    for i in 0..<3 { for j in 0..<3 { for k in 0..<3 { g[i] += phi[(i * 3 + j) * 3 + k] * d[j] * d[k] / 2 } } }
    g[0] += kappa * (3 * d[0] * d[0] * d[1] + pow(d[2], 3) + 4 * pow(d[0], 3)) + 5 * mu * pow(d[0], 4)
    g[1] += kappa * pow(d[0], 3)
    g[2] += kappa * 3 * d[0] * d[2] * d[2]
    return g
  }
}
