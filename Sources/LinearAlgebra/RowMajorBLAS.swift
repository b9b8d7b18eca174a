internal import COpenBLAS

/// Row-major BLAS and LAPACK calls on caller-owned buffers, for blocked algorithms in other
/// modules that must not allocate per block (the Nyström solver's kernel blocks, for example).
///
/// Everything here is *unchecked* beyond preconditions on the dimensions: the caller guarantees
/// that each buffer holds at least the elements the leading dimensions imply. Prefer the
/// allocating API on ``Matrix`` and ``Cholesky`` unless a hot loop needs to reuse buffers.
///
/// ```
/// gemm:          C ← α op(A) op(B) + β C
/// gemv:          y ← α op(A) x + β y
/// syrk:          lower triangle of C ← α A Aᵀ + β C
/// solveLower:    B ← op(L)⁻¹ B           (L lower triangular, n × n)
/// lowerGram:     lower triangle of A ← Lᵀ L   (L lower triangular, in place; LAPACK dlauum)
/// ```
public enum RowMajorBLAS {
  /// C ← α op(A) op(B) + β C with op(A) m × k, op(B) k × n and C m × n, all row-major.
  ///
  /// - Parameters:
  ///   - transposeA: Use Aᵀ.
  ///   - transposeB: Use Bᵀ.
  ///   - m: Rows of op(A) and C.
  ///   - n: Columns of op(B) and C.
  ///   - k: Inner dimension.
  ///   - alpha: α.
  ///   - a: A's storage; `lda` elements between rows.
  ///   - lda: Leading dimension of A (its number of columns as stored).
  ///   - b: B's storage.
  ///   - ldb: Leading dimension of B.
  ///   - beta: β (0 ignores C's old contents, NaN included).
  ///   - c: C's storage.
  ///   - ldc: Leading dimension of C.
  /// - Complexity: 2 m n k flops.
  public static func gemm(
    transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Double = 1,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    guard m > 0 && n > 0 else { return }
    OpenBLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                  b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
  }

  /// y ← α op(A) x + β y for a row-major m × n matrix A (stored with leading dimension `lda`).
  ///
  /// - Parameters:
  ///   - transpose: Use Aᵀ (then x has m elements and y has n).
  ///   - m: Rows of A.
  ///   - n: Columns of A.
  ///   - alpha: α.
  ///   - a: A's storage.
  ///   - lda: Leading dimension of A.
  ///   - x: The vector multiplied.
  ///   - beta: β.
  ///   - y: The result, accumulated into.
  /// - Complexity: 2 m n flops.
  public static func gemv(
    transpose: Bool = false, m: Int, n: Int, alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
    x: UnsafePointer<Double>, beta: Double = 0, y: UnsafeMutablePointer<Double>
  ) {
    guard m > 0 && n > 0 else { return }
    OpenBLAS.gemv(transpose: transpose, m: m, n: n, alpha: alpha, a: a, lda: lda, x: x, beta: beta, y: y)
  }

  /// The lower triangle of C ← α A Aᵀ + β C for a row-major n × k matrix A and n × n matrix C;
  /// the strict upper triangle of C is not touched. Half the flops of `gemm` for the same product.
  ///
  /// - Parameters:
  ///   - n: Rows of A, order of C.
  ///   - k: Columns of A.
  ///   - alpha: α.
  ///   - a: A's storage.
  ///   - lda: Leading dimension of A.
  ///   - beta: β (0 ignores C's old lower triangle).
  ///   - c: C's storage.
  ///   - ldc: Leading dimension of C.
  /// - Complexity: n² k flops.
  public static func syrk(
    n: Int, k: Int, alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
    beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    guard n > 0 else { return }
    OpenBLAS.syrkLower(n: n, k: k, alpha: alpha, a: a, lda: max(lda, 1), beta: beta, c: c, ldc: ldc)
  }

  /// B ← op(L)⁻¹ B in place, for a row-major lower-triangular n × n matrix L (only its lower
  /// triangle is read) and a row-major n × nrhs matrix B.
  ///
  /// - Parameters:
  ///   - lower: L's storage (n × n, leading dimension n).
  ///   - n: The order of L (argument label `order`).
  ///   - transpose: Solve with Lᵀ instead of L.
  ///   - b: B's storage (n × nrhs, leading dimension nrhs; argument label `rightHandSides`).
  ///   - nrhs: The number of right-hand sides (argument label `count`).
  /// - Complexity: n² nrhs flops.
  public static func solveLower(
    _ lower: UnsafePointer<Double>, order n: Int, transpose: Bool,
    rightHandSides b: UnsafeMutablePointer<Double>, count nrhs: Int
  ) {
    guard n > 0 && nrhs > 0 else { return }
    OpenBLAS.trsmLowerLeft(transpose: transpose, n: n, nrhs: nrhs, l: lower, b: b)
  }

  /// Replaces the lower triangle of a row-major lower-triangular n × n matrix L by that of
  /// Lᵀ L (LAPACK `dlauum`); the strict upper triangle is not touched.
  ///
  /// Column-major hand-off: the row-major lower triangle is LAPACK's column-major upper
  /// triangle U = Lᵀ, and `dlauum('U')` forms U Uᵀ = Lᵀ L there.
  ///
  /// - Parameters:
  ///   - lower: L's storage, overwritten.
  ///   - n: The order of L (argument label `order`).
  /// - Complexity: n³/3 flops, no allocation.
  public static func lowerGram(_ lower: UnsafeMutablePointer<Double>, order n: Int) {
    guard n > 0 else { return }
    var uplo = CChar(UInt8(ascii: "U"))
    var nn = OpenBLAS.int32(n)
    var lda = OpenBLAS.int32(n)
    var info: Int32 = 0
    dlauum_(&uplo, &nn, lower, &lda, &info, 1)
    precondition(info == 0, "dlauum_ rejected argument \(-info): a bug in SymmetryScaling")
  }
}
