/// The Cholesky factorisation with complete (diagonal) pivoting of a symmetric positive
/// semidefinite matrix, stopped at its numerical rank (LAPACK `dpstrf`).
///
/// ```
/// Pᵀ A P ≈ L Lᵀ,  L lower trapezoidal n × r
/// step j: pivot on the largest remaining diagonal dᵢ = Aᵢᵢ − Σ_{k<j} Lᵢₖ²;
///         stop when it is ≤ τ (then every dᵢ ≤ τ: each dropped row of A is a combination
///         of the r pivot rows up to a residual of at most τ on the diagonal)
/// ```
///
/// For a kernel matrix K on points c₁…cₙ, dᵢ is the squared distance, in the kernel's feature
/// space, from φ(cᵢ) to the span of the pivot points' φ: the first ``rank`` ``pivots`` are points
/// whose kernel functions span all the others to within √τ. Nyström solvers use it to drop
/// centres that add cost but no independent function.
///
/// ```swift
/// let k = try Matrix(rows: [[1, 1], [1, 1]])
/// let p = try PivotedCholesky(factoring: k)
/// p.rank      // 1
/// p.pivots    // [0, 1]
/// ```
///
/// - Complexity: about n² r flops and no memory beyond the matrix.
/// - References: Higham, "Analysis of the Cholesky decomposition of a semi-definite matrix" (1990);
///   Harbrecht, Peters, Schneider, "On the low-rank approximation by the pivoted Cholesky
///   decomposition", Appl. Numer. Math. 62 (2012) 428.
public struct PivotedCholesky: Sendable, Hashable {
  /// r, the number of pivots taken before the remaining diagonal fell to ``threshold``.
  public let rank: Int
  /// The pivot order: all n row indices (0-based), the first ``rank`` of them independent.
  public let pivots: [Int]
  /// τ, the absolute stopping threshold on the remaining diagonal.
  public let threshold: Double

  /// Factors a symmetric positive semidefinite matrix and reports its numerical rank.
  ///
  /// - Parameters:
  ///   - matrix: A square symmetric matrix (only its lower triangle is read); consumed.
  ///   - relativeTolerance: τ / max Aᵢᵢ, in [0, 1); `nil` for LAPACK's default n · u (u = 2⁻⁵³, the
  ///     unit roundoff), below which pivots are rounding noise.
  /// - Throws: ``LinearAlgebraError`` `.invalidParameter` for a matrix that is not square or a
  ///   tolerance outside [0, 1), `.nonFiniteMatrix` for NaN or infinite elements.
  /// - Complexity: about n² r flops.
  public init(factoring matrix: consuming Matrix, relativeTolerance: Double? = nil) throws(LinearAlgebraError) {
    let n = matrix.rows
    guard matrix.isSquare else {
      throw LinearAlgebraError(code: .invalidParameter, order: n, columns: matrix.columns, detail:
        "A pivoted Cholesky factorisation needs a square matrix, got \(n) × \(matrix.columns). Pass the "
        + "symmetric kernel matrix of one point set.")
    }
    if let t = relativeTolerance, !(t >= 0 && t < 1) {
      throw LinearAlgebraError(code: .invalidParameter, order: n, detail:
        "The relative tolerance of the pivoted Cholesky factorisation is \(t); it must be a number in [0, 1) "
        + "(the remaining diagonal at which to stop, relative to the largest diagonal). Use e.g. 1e-12, or "
        + "nil for n times the unit roundoff.")
    }
    var storage = (consume matrix).elements
    if !storage.allSatisfy(\.isFinite) { throw LinearAlgebraError(code: .nonFiniteMatrix, order: n) }
    let largest = (0..<n).reduce(0.0) { Swift.max($0, storage[$1 * n + $1]) }
    // LAPACK's own default when τ < 0: n · u · max Aᵢᵢ with u = dlamch('Epsilon') = 2⁻⁵³.
    let tau = (relativeTolerance ?? Double(n) * Double.ulpOfOne / 2) * largest
    guard n > 0, largest > 0 else {
      self.rank = 0
      self.pivots = Array(0..<n)
      self.threshold = tau
      return
    }
    let (rank, pivots) = storage.withUnsafeMutableBufferPointer { a in
      OpenBLAS.pstrfLower(n: n, a: a.baseAddress!, tolerance: tau)
    }
    self.rank = rank
    self.pivots = pivots
    self.threshold = tau
  }

  /// The first ``rank`` pivots in increasing order: the rows to keep.
  public var independentRows: [Int] { pivots.prefix(rank).sorted() }
}
