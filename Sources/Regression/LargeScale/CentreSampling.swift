import Foundation
import LinearAlgebra

/// How a Nyström solver chooses its M centres among the N training inputs.
///
/// ```
/// uniform:         M distinct rows, each subset equally likely
/// leverageScores:  M distinct rows drawn with probability ∝ ℓ̃ᵢ(λ), the ridge leverage scores
///                  estimated from a uniform pilot set J of R rows:
///                  ℓ̃ᵢ(λ) = (k(xᵢ, xᵢ) − k_iJᵀ (K_JJ + (λR/N) I)⁻¹ k_iJ) / λ
/// ```
///
/// The estimate replaces the covariance Σᵢ φ(xᵢ)φ(xᵢ)ᵀ by (N/R) Σ_{j∈J} φ(x_j)φ(x_j)ᵀ (each pilot row
/// stands for N/R rows) and is exact when J holds every row. It favours rows far from the pilot's
/// span (sparse regions, tails of the sampling distribution); a row of the pilot itself is seen as a
/// cluster of N/R rows and gets a low score — a bias of the one-pass scheme that the multi-level
/// BLESS sampler removes (Rudi et al. 2018, arXiv:1810.13258). Sampling without replacement uses
/// Efraimidis–Spirakis keys log(u)/ℓ̃ᵢ.
///
/// - Complexity: uniform O(N); leverage scores O(N R d + R³/3 + N R²) and O(R² + block) memory.
public enum CentreSampling: Sendable, Hashable, CustomStringConvertible {
  /// M distinct rows chosen uniformly at random.
  case uniform
  /// M distinct rows chosen with probability proportional to approximate ridge leverage scores
  /// computed from a uniform pilot set of `pilot` rows (at most N).
  case leverageScores(pilot: Int)

  /// Leverage scores with a 512-row pilot set.
  public static let leverageScores = CentreSampling.leverageScores(pilot: 512)

  /// `uniform` or `leverageScores(pilot: R)`.
  public var description: String {
    switch self {
    case .uniform: "uniform"
    case .leverageScores(let p): "leverageScores(pilot: \(p))"
    }
  }
}

enum CentreSelection {
  /// M distinct indices below N, uniformly (partial Fisher–Yates), in draw order.
  static func uniform(count m: Int, from n: Int, using g: inout SeededGenerator) -> [Int] {
    var indices = Array(0..<n)
    for i in 0..<m {
      let j = i + g.index(below: n - i)
      indices.swapAt(i, j)
    }
    return Array(indices[0..<m])
  }

  /// Approximate ridge leverage scores ℓ̃ᵢ(λ) of every row, from the pilot rows `pilot`.
  static func leverageScores<K: Kernel>(kernel: K, inputs: Matrix, ridge: Double, pilot: [Int],
                                        blockRows: Int) throws(RegressionError) -> [Double] {
    let n = inputs.rows, r = pilot.count
    let pilotKernel = CentreKernel(kernel: kernel, centres: inputs.rows(at: pilot))
    var gram = pilotKernel.centreMatrix()
    gram.addToDiagonal(ridge * Double(r) / Double(n))
    let factor: Cholesky
    do { factor = try Cholesky(factoring: consume gram, jitter: .standard) } catch {
      throw RegressionError(wrapping: error, regularizer: "ridge λ = \(ridge)")
    }
    let diagonal = kernel.diagonal(inputs)
    var scores = [Double](repeating: 0, count: n)
    let b = max(1, min(blockRows, n))
    var block = [Double](repeating: 0, count: b * r)
    var start = 0
    while start < n {
      let end = min(start + b, n)
      let rows = end - start
      // Z = L⁻¹ K_Jb: fill K_bJ (rows × R), transpose to R × rows, solve in place.
      var kt = [Double](repeating: 0, count: r * rows)
      block.withUnsafeMutableBufferPointer { p in
        pilotKernel.fill(inputs, rows: start..<end, into: p.baseAddress!)
        for i in 0..<rows { for j in 0..<r { kt[j * rows + i] = p[i * r + j] } }
      }
      factor.factor.withUnsafeBufferPointer { l in
        kt.withUnsafeMutableBufferPointer { z in
          RowMajorBLAS.solveLower(l.baseAddress!, order: r, transpose: false, rightHandSides: z.baseAddress!, count: rows)
        }
      }
      for i in 0..<rows {
        var s = 0.0
        for j in 0..<r { s += kt[j * rows + i] * kt[j * rows + i] }
        scores[start + i] = max(0, diagonal[start + i] - s) / ridge
      }
      start = end
    }
    return scores
  }

  /// M distinct indices drawn with probability ∝ `weights` (Efraimidis–Spirakis), largest key first.
  /// Rows of weight 0 come last, in index order, only if fewer than M rows have positive weight.
  static func weighted(count m: Int, weights: [Double], using g: inout SeededGenerator) -> [Int] {
    var keys: [(key: Double, index: Int)] = weights.indices.map { i in
      let u = max(g.uniform(), Double.leastNormalMagnitude)
      return (weights[i] > 0 ? log(u) / weights[i] : -Double.infinity, i)
    }
    keys.sort { $0.key > $1.key || ($0.key == $1.key && $0.index < $1.index) }
    return keys[0..<m].map(\.index)
  }
}
