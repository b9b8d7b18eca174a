import LinearAlgebra

extension StationaryKernel {
  /// K(a, b) for b = g·a with g an involution that leaves the kernel invariant, in which case the
  /// cross matrix is symmetric: one squared-distance BLAS call, the profile applied to the lower
  /// triangle only, then mirrored. Under `SYMMETRYSCALING_INTERNAL_CHECKS` the squared distances
  /// are checked to be symmetric.
  ///
  /// - Complexity: one N × N × d gemm plus N²/2 profile evaluations.
  func symmetricCrossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.columns == b.columns,
                 "symmetricCrossMatrix needs equal shapes, got \(a.rows) × \(a.columns) and \(b.rows) × \(b.columns)")
    var m = PairwiseDistances.squared(a, b)
    let n = a.rows
    #if SYMMETRYSCALING_INTERNAL_CHECKS
    var worst = 0.0, scale = 0.0
    for i in 0..<n { for j in 0..<i {
      worst = Swift.max(worst, abs(m[i, j] - m[j, i]))
      scale = Swift.max(scale, abs(m[i, j]))
    } }
    precondition(worst <= 1e-9 * Swift.max(scale, 1), "K(X, g·X) is not symmetric (max |Δr²| = \(worst)): g is not an involution")
    #endif
    m.withUnsafeMutableBufferPointer { p in
      guard let base = p.baseAddress else { return }
      for i in 0..<n { applyProfile(UnsafeMutableBufferPointer(start: base + i * n, count: i + 1)) }
    }
    m.symmetrizeFromLower()
    return m
  }
}
