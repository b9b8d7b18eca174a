import Foundation

/// An error thrown by a linear-algebra routine when the *data* makes it fail.
///
/// Modelled on a wrapped C result code: `code` says what failed, the stored context (the
/// failed leading minor, the jitter that was tried, the matrix order) is available to code
/// and spelled out in `description`, which also suggests what to do next.
///
/// Illegal arguments to BLAS or LAPACK (a negative LAPACK `info`) are bugs of this package,
/// not errors: they trap with a precondition failure.
public struct LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong. Extensible: switch with a `default` case.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    let rawValue: String
    /// A Cholesky factorisation found a leading minor that is not positive definite, even
    /// after the jitter escalation allowed by the policy.
    public static let notPositiveDefinite = Code(rawValue: "notPositiveDefinite")
    /// The symmetric eigensolver did not converge.
    public static let eigensolverDidNotConverge = Code(rawValue: "eigensolverDidNotConverge")
    /// A matrix with NaN or infinite elements was given to a factorisation.
    public static let nonFiniteMatrix = Code(rawValue: "nonFiniteMatrix")
    /// An allocation would exceed the memory budget.
    public static let exceedsMemoryBudget = Code(rawValue: "exceedsMemoryBudget")
    /// The rows given to ``Matrix/init(rows:)`` do not all have the same length.
    public static let raggedRows = Code(rawValue: "raggedRows")
    /// An argument outside its valid range (a negative size, bounds in the wrong order); the
    /// sentence naming it is ``LinearAlgebraError/detail``.
    public static let invalidParameter = Code(rawValue: "invalidParameter")
    public var description: String { rawValue }
  }

  /// What went wrong.
  public let code: Code
  /// The order of the matrix involved (its number of rows when it is not square).
  public let order: Int
  /// The number of columns when the matrix involved is not square (`nil` for a square matrix).
  public let columns: Int?
  /// For `.raggedRows`: the 0-based index of the first row whose length differs from row 0's.
  public let row: Int?
  /// For `.raggedRows`: that row's length.
  public let rowLength: Int?
  /// For `.invalidParameter`: the sentence naming the bad value, the valid range and the next step.
  public let detail: String?
  /// For `.notPositiveDefinite`: the order of the leading minor that failed (1-based, as LAPACK reports it).
  public let failedMinor: Int?
  /// For `.notPositiveDefinite`: the diagonal jitters that were tried, in order (0 first).
  public let jittersTried: [Double]
  /// For `.exceedsMemoryBudget`: bytes needed and the budget.
  public let bytesNeeded: Int?
  public let bytesAvailable: Int?

  init(code: Code, order: Int, columns: Int? = nil, failedMinor: Int? = nil, jittersTried: [Double] = [],
       bytesNeeded: Int? = nil, bytesAvailable: Int? = nil, row: Int? = nil, rowLength: Int? = nil,
       detail: String? = nil) {
    self.detail = detail
    self.code = code
    self.order = order
    self.columns = columns
    self.row = row
    self.rowLength = rowLength
    self.failedMinor = failedMinor
    self.jittersTried = jittersTried
    self.bytesNeeded = bytesNeeded
    self.bytesAvailable = bytesAvailable
  }

  public var description: String {
    switch code {
    case .notPositiveDefinite:
      let tried = jittersTried.map { $0 == 0 ? "0" : String(format: "%.3g", $0) }.joined(separator: ", ")
      return "Cholesky factorisation of the \(order) × \(order) matrix failed: the leading minor of order "
        + "\(failedMinor ?? 0) is not positive definite (diagonal jitter tried: \(tried)). "
        + "The kernel matrix is numerically singular: increase the ridge (λ) or noise level, "
        + "or remove duplicate inputs."
    case .eigensolverDidNotConverge:
      return "The symmetric eigensolver (dsyevd) did not converge on the \(order) × \(order) matrix "
        + "(\(failedMinor ?? 0) off-diagonal elements did not reach zero). Check the matrix for extreme values."
    case .nonFiniteMatrix:
      return "The \(order) × \(order) matrix contains NaN or infinite elements; check the inputs and "
        + "hyperparameters that built it."
    case .exceedsMemoryBudget:
      let needed = bytesNeeded == Int.max ? "more than \(MemoryBudget.format(bytes: Int.max))" : MemoryBudget.format(bytes: bytesNeeded ?? 0)
      return "A \(order) × \(columns ?? order) matrix needs \(needed) but the "
        + "memory budget is \(MemoryBudget.format(bytes: bytesAvailable ?? 0)). Use fewer samples, or raise "
        + "the budget with MemoryBudget.bytes (default: half the physical memory)."
    case .raggedRows:
      return "Row \(row ?? 0) has \(rowLength ?? 0) element\(rowLength == 1 ? "" : "s") but row 0 has \(columns ?? 0); "
        + "every row of a matrix must have the same length. Pad or drop the values of that row."
    case .invalidParameter:
      return detail ?? "Invalid parameter for a matrix of order \(order)."
    default:
      return "Linear-algebra error \(code) on a matrix of order \(order)."
    }
  }
}
