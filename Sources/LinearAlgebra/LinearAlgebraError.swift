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
    public var description: String { rawValue }
  }

  /// What went wrong.
  public let code: Code
  /// The order of the matrix involved.
  public let order: Int
  /// For `.notPositiveDefinite`: the order of the leading minor that failed (1-based, as LAPACK reports it).
  public let failedMinor: Int?
  /// For `.notPositiveDefinite`: the diagonal jitters that were tried, in order (0 first).
  public let jittersTried: [Double]
  /// For `.exceedsMemoryBudget`: bytes needed and the budget.
  public let bytesNeeded: Int?
  public let bytesAvailable: Int?

  init(code: Code, order: Int, failedMinor: Int? = nil, jittersTried: [Double] = [],
       bytesNeeded: Int? = nil, bytesAvailable: Int? = nil) {
    self.code = code
    self.order = order
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
      return "A \(order) × \(order) matrix needs \(MemoryBudget.format(bytes: bytesNeeded ?? 0)) but the "
        + "memory budget is \(MemoryBudget.format(bytes: bytesAvailable ?? 0)). Use fewer samples, or raise "
        + "the budget with MemoryBudget.bytes (default: half the physical memory)."
    default:
      return "Linear-algebra error \(code) on a matrix of order \(order)."
    }
  }
}
