/// The eigendecomposition A = V Λ Vᵀ of a symmetric matrix (LAPACK `dsyevd`).
///
/// Eigenvalues are in ascending order; column j of ``eigenvectors`` is the unit eigenvector
/// of `eigenvalues[j]`. One decomposition of a kernel matrix K serves every ridge λ:
/// (K + λI)⁻¹ y = V (Λ + λI)⁻¹ Vᵀ y, which is how hyperparameter grids reuse it.
///
/// ```swift
/// let e = try SymmetricEigendecomposition(of: Matrix(rows: [[2, 1], [1, 2]]))
/// e.eigenvalues     // [1.0, 3.0]
/// ```
///
/// - Complexity: about 4N³ flops (divide and conquer, with vectors).
public struct SymmetricEigendecomposition: Sendable {
  /// Eigenvalues, ascending.
  public let eigenvalues: [Double]
  /// Eigenvectors as columns (row-major N × N storage).
  public let eigenvectors: Matrix

  /// Decomposes a symmetric matrix. Only its lower triangle is read.
  /// - Throws: ``LinearAlgebraError`` `.nonFiniteMatrix` or `.eigensolverDidNotConverge`.
  public init(of matrix: consuming Matrix) throws(LinearAlgebraError) {
    precondition(matrix.isSquare, "Eigendecomposition needs a square matrix, got \(matrix.rows) × \(matrix.columns)")
    let n = matrix.rows
    var storage = (consume matrix).elements  // end the parameter's lifetime: storage is unique, no copy on write
    if !storage.allSatisfy(\.isFinite) { throw LinearAlgebraError(code: .nonFiniteMatrix, order: n) }
    var w = [Double](repeating: 0, count: n)
    if n > 0 {
      // Our lower row-major triangle is LAPACK's upper column-major triangle; dsyevd is called
      // with 'L' on the column-major view, i.e. it reads our row-major UPPER triangle. Mirror first.
      storage.withUnsafeMutableBufferPointer { a in
        for i in 0..<n { for j in 0..<i { a[j * n + i] = a[i * n + j] } }
      }
      let info = storage.withUnsafeMutableBufferPointer { a in
        w.withUnsafeMutableBufferPointer { wp in OpenBLAS.syevd(n: n, a: a.baseAddress!, eigenvalues: wp.baseAddress!) }
      }
      if info > 0 { throw LinearAlgebraError(code: .eigensolverDidNotConverge, order: n, failedMinor: info) }
    }
    eigenvalues = w
    // LAPACK left the eigenvectors as rows of our row-major buffer; transpose so they are columns.
    eigenvectors = Matrix(rows: n, columns: n, elements: storage).transposed()
  }

  /// The order N.
  public var order: Int { eigenvalues.count }

  /// Solves (A + shift·I) x = b as V (Λ + shift)⁻¹ Vᵀ b.
  /// - Precondition: no eigenvalue + shift is zero; `b.count == order`.
  public func solve(_ b: [Double], shift: Double = 0) -> [Double] {
    let projected = eigenvectors.multiplied(by: b, transposingSelf: true)
    let scaled = zip(projected, eigenvalues).map { $0 / ($1 + shift) }
    return eigenvectors * scaled
  }

  /// V f(Λ) Vᵀ for an element-wise function of the eigenvalues.
  public func reconstruct(applying f: (Double) -> Double = { $0 }) -> Matrix {
    let n = order
    var scaled = eigenvectors
    for j in 0..<n {
      let fj = f(eigenvalues[j])
      for i in 0..<n { scaled.elements[i * n + j] *= fj }
    }
    return scaled.multiplied(by: eigenvectors, transposingOther: true)
  }
}
