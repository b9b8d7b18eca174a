/// Squared Euclidean distances between the rows of two matrices, with one BLAS call.
///
/// ```
/// D[i, j] = ‖aᵢ − bⱼ‖² = ‖aᵢ‖² + ‖bⱼ‖² − 2 aᵢ·bⱼ
/// ```
///
/// The cross term is a single `dgemm` (or `dsyrk` when `b` is `a`), written straight into
/// the output buffer, so no intermediate n × m array is allocated. Cancellation can make
/// a computed distance slightly negative for (nearly) coincident points; results are clamped
/// at zero and the diagonal of `squaredDistances(a)` is exactly zero.
///
/// - Complexity: O(n m d) for n rows in `a`, m in `b` and d columns; O(n m) memory.
public enum PairwiseDistances {
  /// D with D[i, j] = ‖aᵢ − bⱼ‖² (n × m).
  /// - Precondition: `a.columns == b.columns`.
  public static func squared(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.columns, "Rows of dimension \(a.columns) and \(b.columns) have no distance")
    let n = a.rows, m = b.rows, d = a.columns
    let na = rowSquaredNorms(a), nb = rowSquaredNorms(b)
    var out = [Double](repeating: 0, count: n * m)
    if n > 0 && m > 0 && d > 0 {
      a.elements.withUnsafeBufferPointer { ap in
        b.elements.withUnsafeBufferPointer { bp in
          out.withUnsafeMutableBufferPointer { c in
            OpenBLAS.gemm(transposeA: false, transposeB: true, m: n, n: m, k: d, alpha: -2,
                          a: ap.baseAddress!, lda: d, b: bp.baseAddress!, ldb: d, beta: 0,
                          c: c.baseAddress!, ldc: m)
          }
        }
      }
    }
    out.withUnsafeMutableBufferPointer { c in
      for i in 0..<n {
        let base = i * m
        let ni = na[i]
        for j in 0..<m { c[base + j] = max(0, c[base + j] + ni + nb[j]) }
      }
    }
    return Matrix(rows: n, columns: m, elements: out)
  }

  /// D with D[i, j] = ‖aᵢ − aⱼ‖² (n × n, symmetric, zero diagonal), via `dsyrk`.
  public static func squared(_ a: Matrix) -> Matrix {
    symmetricMatrix(a) { _ in }
  }

  /// A symmetric matrix f(D) built from the squared distances D[i, j] = ‖aᵢ − aⱼ‖² in one pass:
  /// `dsyrk` writes −2 aᵢ·aⱼ into the lower triangle, then each row's lower part (diagonal
  /// included) gets its norms added and is handed to `transformRow` while it is still in cache,
  /// and finally the lower triangle is mirrored. This is how stationary kernels build Gram
  /// matrices: one N × N buffer, no zero-fill, two passes over memory.
  ///
  /// - Parameters:
  ///   - a: n × d points, one per row.
  ///   - transformRow: replaces each squared distance of the row slice in place
  ///     (e.g. r² ↦ exp(−r²/2σ²)); argument label `transformingRows`.
  /// - Complexity: O(n² d) for the product plus O(n²) element-wise work.
  public static func symmetricMatrix(
    _ a: Matrix, transformingRows transformRow: (UnsafeMutableBufferPointer<Double>) -> Void
  ) -> Matrix {
    let n = a.rows, d = a.columns
    let na = rowSquaredNorms(a)
    let out = [Double](unsafeUninitializedCapacity: n * n) { buffer, initialized in
      guard let c = buffer.baseAddress else { initialized = 0; return }
      if d > 0 {
        a.elements.withUnsafeBufferPointer { ap in
          OpenBLAS.syrkLower(n: n, k: d, alpha: -2, a: ap.baseAddress!, lda: d, beta: 0, c: c, ldc: n)
        }
      }
      for i in 0..<n {
        let row = c + i * n
        let ni = na[i]
        if d > 0 {
          for j in 0..<i { row[j] = Swift.max(0, row[j] + ni + na[j]) }
        } else {
          for j in 0..<i { row[j] = 0 }
        }
        row[i] = 0
        transformRow(UnsafeMutableBufferPointer(start: row, count: i + 1))
      }
      // The strict upper triangle is still uninitialised here; the mirror below writes all of it.
      initialized = n * n
    }
    var m = Matrix(rows: n, columns: n, elements: out)
    m.symmetrizeFromLower()
    return m
  }

  /// ‖aᵢ‖² for every row.
  public static func rowSquaredNorms(_ a: Matrix) -> [Double] {
    let d = a.columns
    return a.elements.withUnsafeBufferPointer { p in
      (0..<a.rows).map { i in
        var s = 0.0
        for j in 0..<d { let v = p[i * d + j]; s += v * v }
        return s
      }
    }
  }
}
