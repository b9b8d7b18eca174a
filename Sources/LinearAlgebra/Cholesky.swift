import Foundation

/// The Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix, with
/// optional diagonal jitter escalation.
///
/// ```swift
/// let a = Matrix(rows: [[4, 2], [2, 3]])
/// let chol = try Cholesky(factoring: a)
/// chol.solve([2, 1])        // [0.5, 0.0]
/// chol.logDeterminant       // log 8 = 2.0794…
/// chol.jitter               // 0.0: no jitter was needed
/// ```
///
/// The factorisation runs in place on the matrix it is given (LAPACK `dpotrf`), so a kernel
/// matrix of order N costs one N × N buffer, not two. Pass the matrix with `consume` when you
/// no longer need it to avoid the copy-on-write copy.
///
/// ## Jitter escalation
///
/// When A is numerically singular (a leading minor is not positive), the policy
/// ``JitterPolicy`` decides what happens: with `.none` the first failure throws; with
/// `.escalating` the factorisation is retried with δ·mean(diag A) added to the diagonal,
/// δ growing tenfold from `initial` up to `maximum`. The jitter finally added is
/// reported in ``jitter`` (an absolute amount), so a caller can see it changed the problem.
/// The retry needs no second N × N buffer: `dpotrf` only writes the lower triangle, and the
/// untouched upper triangle still holds A.
///
/// - Complexity: N³/3 flops to factor; N² per right-hand side to solve.
public struct Cholesky: Sendable {
  /// The lower-triangular factor L (row-major). The strict upper triangle holds unspecified values.
  public let factor: Matrix
  /// The absolute amount that was added to every diagonal element before the factorisation succeeded (0 if none).
  public let jitter: Double

  /// How to react to a matrix that is not numerically positive definite.
  public enum JitterPolicy: Sendable, Equatable {
    /// Throw on the first failure.
    case none
    /// Retry with jitter δ·mean(diag A), δ = initial, 10·initial, … up to maximum.
    case escalating(initial: Double, maximum: Double)

    /// 1e-10 … 1e-6 relative to the mean diagonal: enough for a kernel matrix with duplicate
    /// points, too small to change a well-conditioned fit.
    public static let standard = JitterPolicy.escalating(initial: 1e-10, maximum: 1e-6)
  }

  /// Factors a symmetric positive-definite matrix.
  ///
  /// Only the lower triangle of `matrix` is read, plus its strict upper triangle when a
  /// retry with jitter is needed (so pass a fully symmetric matrix if the policy may retry).
  ///
  /// - Parameters:
  ///   - matrix: a square symmetric matrix; consumed.
  ///   - policy: what to do when a leading minor is not positive. Default `.none`.
  /// - Throws: ``LinearAlgebraError`` with code `.notPositiveDefinite` naming the failed
  ///   minor and the jitters tried, or `.nonFiniteMatrix`.
  public init(factoring matrix: consuming Matrix, jitter policy: JitterPolicy = .none) throws(LinearAlgebraError) {
    precondition(matrix.isSquare, "Cholesky needs a square matrix, got \(matrix.rows) × \(matrix.columns)")
    let n = matrix.rows
    var storage = (consume matrix).elements  // end the parameter's lifetime: storage is unique, no copy on write
    let originalDiagonal = (0..<n).map { storage[$0 * n + $0] }
    if !originalDiagonal.allSatisfy(\.isFinite) {
      throw LinearAlgebraError(code: .nonFiniteMatrix, order: n)
    }
    let meanDiagonal = n == 0 ? 0 : Swift.abs(originalDiagonal.reduce(0, +) / Double(n))
    var jitters: [Double] = [0]
    if case let .escalating(initial, maximum) = policy {
      var delta = initial
      while delta <= maximum * (1 + 1e-12) {
        jitters.append(delta * (meanDiagonal > 0 ? meanDiagonal : 1))
        delta *= 10
      }
    }
    var tried: [Double] = []
    var lastInfo = 0
    for (attempt, jitter) in jitters.enumerated() {
      if attempt > 0 {
        // Restore A's lower triangle from the untouched strict upper triangle, add jitter.
        storage.withUnsafeMutableBufferPointer { a in
          for i in 0..<n {
            for j in 0..<i { a[i * n + j] = a[j * n + i] }
            a[i * n + i] = originalDiagonal[i] + jitter
          }
        }
      }
      tried.append(jitter)
      lastInfo = storage.withUnsafeMutableBufferPointer { a in
        n == 0 ? 0 : OpenBLAS.potrfLower(n: n, a: a.baseAddress!)
      }
      if lastInfo == 0 {
        // NaNs in the off-diagonal can slip through dpotrf; check the factor's diagonal.
        let ok = storage.withUnsafeBufferPointer { a in (0..<n).allSatisfy { a[$0 * n + $0].isFinite } }
        if !ok { throw LinearAlgebraError(code: .nonFiniteMatrix, order: n) }
        self.factor = Matrix(rows: n, columns: n, elements: storage)
        self.jitter = jitter
        return
      }
    }
    throw LinearAlgebraError(code: .notPositiveDefinite, order: n, failedMinor: lastInfo, jittersTried: tried)
  }

  /// The order N of the factored matrix.
  public var order: Int { factor.rows }

  /// log det A = 2 Σ log Lᵢᵢ (of the jittered matrix, if jitter was added).
  public var logDeterminant: Double {
    let n = order
    return factor.elements.withUnsafeBufferPointer { l in
      var s = 0.0
      for i in 0..<n { s += log(l[i * n + i]) }
      return 2 * s
    }
  }

  /// Solves A x = b.
  /// - Precondition: `b.count == order`.
  public func solve(_ b: [Double]) -> [Double] {
    precondition(b.count == order, "Right-hand side of length \(b.count) for a system of order \(order)")
    return solve(Matrix(column: b)).elements
  }

  /// Solves A X = B for many right-hand sides at once (B is N × k) with two triangular
  /// solves (`dtrsm`).
  /// - Precondition: `b.rows == order`.
  public func solve(_ b: Matrix) -> Matrix {
    precondition(b.rows == order, "Right-hand side with \(b.rows) rows for a system of order \(order)")
    var x = b
    guard order > 0 && b.columns > 0 else { return x }
    factor.elements.withUnsafeBufferPointer { l in
      x.elements.withUnsafeMutableBufferPointer { xb in
        OpenBLAS.trsmLowerLeft(transpose: false, n: order, nrhs: b.columns, l: l.baseAddress!, b: xb.baseAddress!)
        OpenBLAS.trsmLowerLeft(transpose: true, n: order, nrhs: b.columns, l: l.baseAddress!, b: xb.baseAddress!)
      }
    }
    return x
  }

  /// Solves L Y = B (the forward half of a solve). Used for predictive variances:
  /// ‖L⁻¹ k*‖² = k*ᵀ A⁻¹ k*.
  public func solveLower(_ b: Matrix) -> Matrix {
    precondition(b.rows == order, "Right-hand side with \(b.rows) rows for a system of order \(order)")
    var x = b
    guard order > 0 && b.columns > 0 else { return x }
    factor.elements.withUnsafeBufferPointer { l in
      x.elements.withUnsafeMutableBufferPointer { xb in
        OpenBLAS.trsmLowerLeft(transpose: false, n: order, nrhs: b.columns, l: l.baseAddress!, b: xb.baseAddress!)
      }
    }
    return x
  }

  /// A⁻¹ (symmetric, both triangles filled), from the factor with LAPACK `dpotri`.
  /// - Complexity: 2N³/3 flops. Prefer ``solve(_:)-(Matrix)`` unless the whole inverse is needed
  ///   (as for the gradient of a GP marginal likelihood).
  public func inverse() -> Matrix {
    let n = order
    var inv = factor
    if n > 0 {
      let info = inv.elements.withUnsafeMutableBufferPointer { OpenBLAS.potriLower(n: n, a: $0.baseAddress!) }
      precondition(info == 0, "dpotri_ failed on a factor that dpotrf_ accepted (info \(info))")
    }
    inv.symmetrizeFromLower()
    return inv
  }
}
