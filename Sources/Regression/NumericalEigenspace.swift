import Foundation
import LinearAlgebra

/// The eigenpairs of a symmetric positive semi-definite matrix that rise above rounding noise:
/// M ≈ U diag(w) Uᵀ with every w > τ = u·λ_max (u = `Double.ulpOfOne`), U orthonormal, and the
/// rest of the spectrum treated as 0.
///
/// The eigenvalues of a computed PSD matrix below τ are rounding noise (`dsyevd`'s backward error is
/// a modest multiple of u‖M‖), so setting them to 0 perturbs M by no more than the eigensolver
/// itself does. Smooth kernels have few eigenvalues above τ (a Gaussian kernel with ℓ = 1.5 on 2048
/// points of the water-pes sampling: about 300), so the eigenspace is found by randomized subspace
/// iteration instead of a full `dsyevd`:
///
/// ```
/// Q = orth(M Ω),  Q ← orth(M Q) twice          (Ω: N × k Gaussian, seeded)
/// B = Qᵀ M Q = Z diag(θ) Zᵀ,   U = Q Z          (Rayleigh–Ritz)
/// accept when θ_min ≤ τ (the subspace reaches the noise floor) and, for 8 fresh Gaussian probes ω,
///   ‖(I − QQᵀ) M ω‖ ≤ 4√N τ                   (a posteriori check, Halko–Martinsson–Tropp §4.3)
/// otherwise widen k (to 1.25× the index where log θ, extrapolated linearly over the lower half of
/// the window, reaches τ, or twice); fall back to a full dsyevd when that index exceeds N/3 or k N/2
/// ```
///
/// Either way only the eigenpairs with w > τ are kept. Internal: used by the copy-ridge solve.
///
/// Reference: N. Halko, P.-G. Martinsson, J. A. Tropp, SIAM Rev. 53, 217 (2011),
/// doi:10.1137/090771806 (randomized range finder, subspace iteration, a posteriori estimate).
///
/// - Complexity: randomized, per attempt with k columns: 4 products N × N × k, 3 thin QR
///   factorisations (4Nk²) and a k × k eigendecomposition; fallback: one `dsyevd` of N × N.
struct NumericalEigenspace {
  /// The eigenvalues above τ, ascending.
  let values: [Double]
  /// Their orthonormal eigenvectors, N × r (column j for `values[j]`).
  let vectors: Matrix
  /// Whether randomized subspace iteration found them (false: a full `dsyevd`).
  let isRandomized: Bool
  /// The number of columns the randomized search ended with (its start for a similar matrix).
  let searchWidth: Int

  /// The number r of eigenvalues above τ.
  var rank: Int { values.count }

  /// Finds the eigenpairs of a symmetric PSD matrix above u·λ_max.
  ///
  /// - Parameters:
  ///   - m: An N × N symmetric positive semi-definite matrix (consumed).
  ///   - seed: Seed of the Gaussian test matrices.
  ///   - initialWidth: The first number of columns k to try.
  /// - Throws: `LinearAlgebraError` from the eigensolver (non-finite entries, no convergence).
  init(of m: consuming Matrix, seed: UInt64, initialWidth: Int = 128) throws(LinearAlgebraError) {
    let n = m.rows
    let u = Double.ulpOfOne
    var k = max(initialWidth, 8)
    var rng = SeededGenerator(seed: seed)
    while 2 * k <= n {
      var q = try (m * rng.gaussianMatrix(rows: n, columns: k)).orthonormalColumns()
      for _ in 0..<2 { q = (m * q).orthonormalColumns() }
      let b = q.multiplied(by: m * q, transposingSelf: true)
      let ritz = try SymmetricEigendecomposition(of: b)
      let largest = ritz.eigenvalues.last ?? 0
      let tau = u * largest
      guard largest > 0 else { break }
      if ritz.eigenvalues[0] <= tau {
        // A posteriori: fresh probes must leave nothing above the noise outside span(Q).
        let probes = try m * rng.gaussianMatrix(rows: n, columns: 8)
        let residual = probes - q * q.multiplied(by: probes, transposingSelf: true)
        let worst = (0..<8).map { j in (0..<n).reduce(0.0) { $0 + residual[$1, j] * residual[$1, j] }.squareRoot() }.max()!
        if worst <= 4 * Double(n).squareRoot() * tau {
          let kept = ritz.eigenvalues.indices.filter { ritz.eigenvalues[$0] > tau }
          let z = Matrix(rows: k, columns: kept.count, elements: (0..<k).flatMap { i in kept.map { ritz.eigenvectors[i, $0] } })
          values = kept.map { ritz.eigenvalues[$0] }
          vectors = q * z
          isRandomized = true
          searchWidth = k
          return
        }
      }
      // Extrapolate log θ linearly over the lower half of the window to the index where it reaches
      // τ. The subspace's smallest Ritz values underestimate the eigenvalues, so the estimate is
      // optimistic: fall back only when even it exceeds N/3.
      let smallest = ritz.eigenvalues[0], middle = ritz.eigenvalues[k / 2]
      if smallest > tau && middle > smallest {
        let slope = (log(middle) - log(smallest)) / Double(k / 2)  // decay of log θ per index
        let needed = Double(k) + (log(smallest) - log(tau)) / slope
        if needed > Double(n) / 3 { break }  // slow decay: the numerical rank is large, dsyevd is cheaper
        k = max(k + 16, min(Int((1.25 * needed).rounded(.up)), n / 2))
      } else {
        k *= 2
      }
    }
    let full = try SymmetricEigendecomposition(of: m)
    let tau = u * (full.eigenvalues.last ?? 0)
    let first = full.eigenvalues.firstIndex { $0 > tau } ?? n
    let r = n - first
    values = Array(full.eigenvalues[first...])
    var v = Matrix(rows: n, columns: r)
    full.eigenvectors.withUnsafeBufferPointer { e in
      v.withUnsafeMutableBufferPointer { p in
        for i in 0..<n { for j in 0..<r { p[i * r + j] = e[i * n + first + j] } }
      }
    }
    vectors = v
    isRandomized = false
    searchWidth = k
  }
}
