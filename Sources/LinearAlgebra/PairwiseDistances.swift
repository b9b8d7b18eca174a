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
  ///
  /// - Parameter lowerOnly: fill only the lower triangle (and diagonal); the strict upper
  ///   triangle is left zero. Kernel-matrix builders use this to halve their element-wise work.
  public static func squared(_ a: Matrix, lowerOnly: Bool = false) -> Matrix {
    let n = a.rows, d = a.columns
    let na = rowSquaredNorms(a)
    var out = [Double](repeating: 0, count: n * n)
    if n > 0 && d > 0 {
      a.elements.withUnsafeBufferPointer { ap in
        out.withUnsafeMutableBufferPointer { c in
          OpenBLAS.syrkLower(n: n, k: d, alpha: -2, a: ap.baseAddress!, lda: d, beta: 0, c: c.baseAddress!, ldc: n)
        }
      }
    }
    out.withUnsafeMutableBufferPointer { c in
      for i in 0..<n {
        let base = i * n
        let ni = na[i]
        for j in 0..<i { c[base + j] = max(0, c[base + j] + ni + na[j]) }
        c[base + i] = 0
      }
    }
    var m = Matrix(rows: n, columns: n, elements: out)
    if !lowerOnly { m.symmetrizeFromLower() }
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
