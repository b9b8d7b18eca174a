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

/// Which of the sampled centres a Nyström solve keeps.
///
/// ```
/// all:           the M sampled centres
/// numerical:     the r pivots of a pivoted Cholesky of K_mm stopped at 10 u · max k(c, c) (u = 2⁻⁵³)
/// tolerance(τ):  the same, stopped at τ·max k(c, c)
/// ```
///
/// A dropped centre c has k(·, c) within √τ (in the kernel's feature-space norm, relative to the
/// largest √k(c, c)) of the span of the kept ones. A smooth kernel on a compact region has a
/// numerical rank far below a large M: the Gaussian kernel with σ = 1.8 on 8192 water geometries
/// keeps about 650 centres under `.numerical`, and the direct solve then costs 2 N r² flops instead of
/// 2 N M² with the same test error (Scaling.md). Below 10 u the residual diagonal is rounding noise;
/// a coarser τ bounds the model's relative accuracy near √τ (LAPACK's default M u, 9e-13 at M = 8192,
/// kept 500 centres and cost 2.8× in test error at N = 131 072, λ = 1e-10). With few centres (M near
/// the rank) each one carries weight at small ridges and dropping them costs accuracy: keep `.all` there.
///
/// - Complexity: M² kernel entries and about M² r flops (LAPACK `dpstrf`), M² doubles of memory.
public enum CentreRank: Sendable, Hashable, CustomStringConvertible {
  /// Every sampled centre.
  case all
  /// The centres independent to working precision (relative threshold 10 u = 10 · 2⁻⁵³ ≈ 1.1e-15).
  case numerical
  /// The centres independent to the relative threshold τ in [0, 1).
  case tolerance(Double)

  /// The relative threshold of `.numerical`: 10 u.
  public static let numericalTolerance = 10 * Double.ulpOfOne / 2

  /// `all`, `numerical` or `tolerance(τ)`.
  public var description: String {
    switch self {
    case .all: "all"
    case .numerical: "numerical"
    case .tolerance(let t): "tolerance(\(t))"
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
