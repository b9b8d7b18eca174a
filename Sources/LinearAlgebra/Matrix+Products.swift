extension Matrix {
  /// The matrix product op(A) op(B) through BLAS `dgemm`.
  ///
  /// - Parameters:
  ///   - other: B.
  ///   - transposeSelf: use Aᵀ instead of A (argument label `transposingSelf`).
  ///   - transposeOther: use Bᵀ instead of B (argument label `transposingOther`).
  /// - Complexity: O(m n k) floating-point operations.
  /// - Precondition: the inner dimensions agree.
  public func multiplied(by other: Matrix, transposingSelf transposeSelf: Bool = false, transposingOther transposeOther: Bool = false) -> Matrix {
    let m = transposeSelf ? columns : rows
    let k = transposeSelf ? rows : columns
    let k2 = transposeOther ? other.columns : other.rows
    let n = transposeOther ? other.rows : other.columns
    precondition(k == k2, "Inner dimensions differ in product: \(m) × \(k) times \(k2) × \(n)")
    var out = [Double](repeating: 0, count: m * n)
    if m > 0 && n > 0 && k > 0 {
      elements.withUnsafeBufferPointer { a in
        other.elements.withUnsafeBufferPointer { b in
          out.withUnsafeMutableBufferPointer { c in
            OpenBLAS.gemm(transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k,
                          alpha: 1, a: a.baseAddress!, lda: columns, b: b.baseAddress!, ldb: other.columns,
                          beta: 0, c: c.baseAddress!, ldc: n)
          }
        }
      }
    }
    return Matrix(rows: m, columns: n, elements: out)
  }

  /// The matrix product A B.
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.multiplied(by: rhs) }

  /// The matrix–vector product A x (or Aᵀ x) through BLAS `dgemv`.
  /// - Precondition: `x.count` equals the number of columns of op(A).
  public func multiplied(by x: [Double], transposingSelf transpose: Bool = false) -> [Double] {
    let (m, n) = transpose ? (columns, rows) : (rows, columns)
    precondition(x.count == n, "Vector of length \(x.count) cannot multiply a \(m) × \(n) matrix")
    var y = [Double](repeating: 0, count: m)
    guard m > 0 && n > 0 else { return y }
    elements.withUnsafeBufferPointer { a in
      x.withUnsafeBufferPointer { xp in
        y.withUnsafeMutableBufferPointer { yp in
          OpenBLAS.gemv(transpose: transpose, m: rows, n: columns, alpha: 1, a: a.baseAddress!, lda: columns,
                        x: xp.baseAddress!, beta: 0, y: yp.baseAddress!)
        }
      }
    }
    return y
  }

  /// The matrix–vector product A x.
  public static func * (lhs: Matrix, rhs: [Double]) -> [Double] { lhs.multiplied(by: rhs) }

  /// The Gram matrix A Aᵀ (n × n for an n × k matrix) through BLAS `dsyrk`; both triangles filled.
  /// - Complexity: O(n² k), half the work of `self * self.transposed()`.
  public func gram() -> Matrix {
    let n = rows
    var out = [Double](repeating: 0, count: n * n)
    if n > 0 && columns > 0 {
      elements.withUnsafeBufferPointer { a in
        out.withUnsafeMutableBufferPointer { c in
          OpenBLAS.syrkLower(n: n, k: columns, alpha: 1, a: a.baseAddress!, lda: columns, beta: 0,
                             c: c.baseAddress!, ldc: n)
        }
      }
    }
    var g = Matrix(rows: n, columns: n, elements: out)
    g.symmetrizeFromLower()
    return g
  }
}

/// The dot product of two vectors.
/// - Precondition: equal lengths.
@inlinable
public func dot(_ a: [Double], _ b: [Double]) -> Double {
  precondition(a.count == b.count, "dot of vectors of lengths \(a.count) and \(b.count)")
  var s = 0.0
  for i in a.indices { s += a[i] * b[i] }
  return s
}
