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
    var g = Matrix(rows: rows, columns: rows)
    g.addLowerGram(of: self)
    g.symmetrizeFromLower()
    return g
  }

  /// An orthonormal basis of the column space: the Q of a thin Householder QR factorisation
  /// (LAPACK `dgelqf` and `dorglq` on the transposed view), QᵀQ = I to rounding.
  ///
  /// ```swift
  /// let q = Matrix(rows: [[3, 1], [4, 2], [0, 5]]).orthonormalColumns()
  /// q.multiplied(by: q, transposingSelf: true)    // ≈ identity(2)
  /// ```
  ///
  /// - Returns: An n × k matrix with orthonormal columns whose first j columns span the first j
  ///   columns of this one (up to signs), for every j.
  /// - Precondition: `rows >= columns`.
  /// - Complexity: about 4nk² − 4k³/3 flops.
  public func orthonormalColumns() -> Matrix {
    precondition(rows >= columns, "orthonormalColumns needs rows ≥ columns, got \(rows) × \(columns)")
    var q = self
    if columns > 0 {
      q.elements.withUnsafeMutableBufferPointer { OpenBLAS.orthonormalizeColumns(n: rows, k: columns, a: $0.baseAddress!) }
    }
    return q
  }

  /// Adds α A Aᵀ to the lower triangle (diagonal included) of this n × n matrix, in place, through
  /// BLAS `dsyrk` with β = 1; the strict upper triangle is not touched (call
  /// ``symmetrizeFromLower()`` to fill it). Summing V_s diag(f_s) V_sᵀ over several s this way
  /// needs no n × n temporary beyond the scaled factor.
  ///
  /// - Parameters:
  ///   - a: An n × k matrix.
  ///   - alpha: The scale α.
  /// - Precondition: `self` is square with as many rows as `a`.
  /// - Complexity: O(n² k) flops.
  public mutating func addLowerGram(of a: Matrix, scale alpha: Double = 1) {
    precondition(isSquare && a.rows == rows, "addLowerGram: a \(a.rows) × \(a.columns) factor for a \(rows) × \(columns) matrix")
    let n = rows, k = a.columns
    guard n > 0 && k > 0 else { return }
    a.elements.withUnsafeBufferPointer { ap in
      elements.withUnsafeMutableBufferPointer { c in
        OpenBLAS.syrkLower(n: n, k: k, alpha: alpha, a: ap.baseAddress!, lda: k, beta: 1, c: c.baseAddress!, ldc: n)
      }
    }
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
