// The only file of the package that touches COpenBLAS: pointer handling, Int32 conversion,
// LAPACK workspace queries and the column-major hand-off live here, behind Swift signatures.
internal import COpenBLAS

/// Row-major BLAS and LAPACK calls on raw buffers. Internal: the public API is on `Matrix`,
/// `Cholesky` and `SymmetricEigendecomposition`.
enum OpenBLAS {
  /// Converts a dimension to LAPACK's 32-bit integer. Dimensions above Int32.max cannot reach
  /// here: the memory-budget check of every public entry point refuses them first.
  @inline(__always)
  static func int32(_ n: Int) -> Int32 {
    precondition(n >= 0 && n <= Int(Int32.max), "Dimension \(n) exceeds LAPACK's 32-bit range")
    return Int32(n)
  }

  /// C ← α op(A) op(B) + β C, all row-major. op(A) is m × k, op(B) is k × n, C is m × n.
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Double, a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      int32(m), int32(n), int32(k), alpha, a, int32(lda), b, int32(ldb), beta, c, int32(ldc))
  }

  /// y ← α x + y over `count` contiguous doubles, in chunks of at most Int32.max (BLAS's range).
  static func axpy(count: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
    var start = 0
    while start < count {
      let chunk = min(count - start, Int(Int32.max))
      cblas_daxpy(Int32(chunk), alpha, x + start, 1, y + start, 1)
      start += chunk
    }
  }

  /// y ← α op(A) x + β y, A row-major m × n.
  static func gemv(
    transpose: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
  ) {
    cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, int32(m), int32(n), alpha, a,
                int32(lda), x, 1, beta, y, 1)
  }

  /// Lower triangle of C ← α A Aᵀ + β C (row-major; A is n × k, C is n × n).
  static func syrkLower(
    n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    cblas_dsyrk(CblasRowMajor, CblasLower, CblasNoTrans, int32(n), int32(k), alpha, a, int32(lda),
                beta, c, int32(ldc))
  }

  /// Solves op(L) X = B in place for a lower-triangular row-major L (n × n); B is n × nrhs.
  static func trsmLowerLeft(
    transpose: Bool, n: Int, nrhs: Int, l: UnsafePointer<Double>, b: UnsafeMutablePointer<Double>
  ) {
    cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, transpose ? CblasTrans : CblasNoTrans,
                CblasNonUnit, int32(n), int32(nrhs), 1.0, l, int32(n), b, int32(nrhs))
  }

  /// Cholesky factorisation in place. The row-major lower triangle of `a` receives L with
  /// A = L Lᵀ; the strict upper triangle is not touched (it keeps A's elements).
  ///
  /// Column-major hand-off: a row-major symmetric matrix read column-major is the same
  /// matrix. LAPACK's 'U' factor Uᵀ U, written into the column-major upper triangle, is in
  /// row-major terms the lower triangle L = Uᵀ. So "lower, row-major" = "upper, column-major".
  ///
  /// - Returns: LAPACK's `info`: 0 on success, k > 0 when the leading minor of order k is not
  ///   positive definite. A negative value (illegal argument) is a bug of this package and traps.
  static func potrfLower(n: Int, a: UnsafeMutablePointer<Double>) -> Int {
    var uplo = CChar(UInt8(ascii: "U"))
    var nn = int32(n)
    var lda = int32(max(n, 1))
    var info: Int32 = 0
    dpotrf_(&uplo, &nn, a, &lda, &info, 1)
    precondition(info >= 0, "dpotrf_ rejected argument \(-info): a bug in SymmetryScaling")
    return Int(info)
  }

  /// Inverse of A from its row-major lower Cholesky factor, in place; the lower triangle of
  /// the result is written (the strict upper triangle is left as it was).
  static func potriLower(n: Int, a: UnsafeMutablePointer<Double>) -> Int {
    var uplo = CChar(UInt8(ascii: "U"))
    var nn = int32(n)
    var lda = int32(max(n, 1))
    var info: Int32 = 0
    dpotri_(&uplo, &nn, a, &lda, &info, 1)
    precondition(info >= 0, "dpotri_ rejected argument \(-info): a bug in SymmetryScaling")
    return Int(info)
  }

  /// Cholesky factorisation with complete pivoting (LAPACK dpstrf) of a symmetric positive
  /// semidefinite row-major matrix, in place; stops when the largest remaining pivot is ≤ `tolerance`.
  /// Reads and overwrites the row-major lower triangle (column-major 'U', as ``potrfLower``).
  /// - Returns: the rank reached and the pivot order (0-based, all n indices).
  static func pstrfLower(n: Int, a: UnsafeMutablePointer<Double>, tolerance: Double) -> (rank: Int, pivots: [Int]) {
    var uplo = CChar(UInt8(ascii: "U"))
    var nn = int32(n)
    var lda = int32(max(n, 1))
    var info: Int32 = 0
    var rank: Int32 = 0
    var tol = tolerance
    var piv = [Int32](repeating: 0, count: max(n, 1))
    var work = [Double](repeating: 0, count: max(2 * n, 1))
    dpstrf_(&uplo, &nn, a, &lda, &piv, &rank, &tol, &work, &info, 1)
    precondition(info >= 0, "dpstrf_ rejected argument \(-info): a bug in SymmetryScaling")
    return (Int(rank), piv.prefix(n).map { Int($0) - 1 })
  }

  /// Eigenvalues (ascending) and eigenvectors of a symmetric matrix with dsyevd.
  ///
  /// On return `a` (row-major) holds the eigenvectors as ROWS: LAPACK writes eigenvector j
  /// into column j of its column-major view, which is row j of our row-major buffer.
  /// - Returns: LAPACK's `info` (0 on success, > 0 when the algorithm did not converge).
  static func syevd(n: Int, a: UnsafeMutablePointer<Double>, eigenvalues w: UnsafeMutablePointer<Double>) -> Int {
    var jobz = CChar(UInt8(ascii: "V"))
    var uplo = CChar(UInt8(ascii: "L"))
    var nn = int32(n)
    var lda = int32(max(n, 1))
    var info: Int32 = 0
    // Workspace query: lwork = liwork = -1.
    var lwork: Int32 = -1
    var liwork: Int32 = -1
    var workSize = 0.0
    var iworkSize: Int32 = 0
    dsyevd_(&jobz, &uplo, &nn, a, &lda, w, &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1)
    precondition(info == 0, "dsyevd_ workspace query failed with info \(info): a bug in SymmetryScaling")
    lwork = Int32(workSize.rounded(.up))
    liwork = iworkSize
    var work = [Double](repeating: 0, count: Int(max(lwork, 1)))
    var iwork = [Int32](repeating: 0, count: Int(max(liwork, 1)))
    work.withUnsafeMutableBufferPointer { wp in
      iwork.withUnsafeMutableBufferPointer { ip in
        dsyevd_(&jobz, &uplo, &nn, a, &lda, w, wp.baseAddress, &lwork, ip.baseAddress, &liwork, &info, 1, 1)
      }
    }
    precondition(info >= 0, "dsyevd_ rejected argument \(-info): a bug in SymmetryScaling")
    return Int(info)
  }

  /// Replaces the row-major n × k matrix `a` (k ≤ n) by an n × k matrix with orthonormal columns
  /// spanning the same space (the Q of a thin Householder QR).
  ///
  /// Column-major hand-off: our row-major n × k buffer is LAPACK's column-major k × n matrix Aᵀ.
  /// Its LQ factorisation Aᵀ = L Q̃ (dgelqf_, then dorglq_ to form the k × n Q̃ with orthonormal
  /// rows) gives A = Q̃ᵀ Lᵀ, and Q̃ stored column-major is Q̃ᵀ = Q row-major: no transposes.
  static func orthonormalizeColumns(n: Int, k: Int, a: UnsafeMutablePointer<Double>) {
    var m32 = int32(k), n32 = int32(n), lda = int32(max(k, 1))
    var info: Int32 = 0
    var tau = [Double](repeating: 0, count: max(k, 1))
    var query = 0.0
    var lwork: Int32 = -1
    dgelqf_(&m32, &n32, a, &lda, &tau, &query, &lwork, &info)
    precondition(info == 0, "dgelqf_ workspace query failed with info \(info): a bug in SymmetryScaling")
    var queryQ = 0.0
    var kk = int32(k)
    dorglq_(&m32, &n32, &kk, a, &lda, &tau, &queryQ, &lwork, &info)
    precondition(info == 0, "dorglq_ workspace query failed with info \(info): a bug in SymmetryScaling")
    lwork = Int32(max(query, queryQ, 1).rounded(.up))
    var work = [Double](repeating: 0, count: Int(lwork))
    dgelqf_(&m32, &n32, a, &lda, &tau, &work, &lwork, &info)
    precondition(info == 0, "dgelqf_ rejected argument \(-info): a bug in SymmetryScaling")
    dorglq_(&m32, &n32, &kk, a, &lda, &tau, &work, &lwork, &info)
    precondition(info == 0, "dorglq_ rejected argument \(-info): a bug in SymmetryScaling")
  }

  /// The number of threads OpenBLAS uses.
  static var threadCount: Int {
    get { Int(openblas_get_num_threads()) }
    set { openblas_set_num_threads(int32(newValue)) }
  }
}
