import Foundation
import LinearAlgebra

/// The error every throwing API of the `Regression` module reports.
///
/// One struct with an extensible ``Code`` (after apple/swift-subprocess `Error.swift`). A single
/// call reports all the problems it found at once in ``problems``; ``code`` is the first one's.
/// Each problem's message names the offending value, the valid range and what to do next, e.g.
///
/// ```
/// The ridge λ is -0.1; it must be a finite number > 0 (scikit-learn's `alpha`). Use a small
/// positive value such as 1e-6, or tune it with HyperparameterSearch.
/// ```
public struct RegressionError: Error, Sendable, CustomStringConvertible {
  /// What went wrong. Extensible: new codes may be added.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    let rawValue: String
    /// NaN or infinity in the inputs or labels.
    public static let nonFiniteInput = Code(rawValue: "nonFiniteInput")
    /// No training samples.
    public static let emptyTrainingSet = Code(rawValue: "emptyTrainingSet")
    /// The number of input rows differs from the number of labels (or per-sample ridges).
    public static let countMismatch = Code(rawValue: "countMismatch")
    /// Test inputs have a different dimension than the training inputs.
    public static let dimensionMismatch = Code(rawValue: "dimensionMismatch")
    /// A width, ridge, noise level, variance or bound that is non-positive or non-finite.
    public static let invalidHyperparameter = Code(rawValue: "invalidHyperparameter")
    /// The kernel matrix could not be factorised even after jitter escalation.
    public static let notPositiveDefinite = Code(rawValue: "notPositiveDefinite")
    /// The N × N buffers would exceed the memory budget.
    public static let exceedsMemoryBudget = Code(rawValue: "exceedsMemoryBudget")
    /// An inconsistent setting (empty grid, fold count, split fraction, …).
    public static let invalidConfiguration = Code(rawValue: "invalidConfiguration")
    /// A numerical failure inside linear algebra other than the above.
    public static let numericalFailure = Code(rawValue: "numericalFailure")
    public var description: String { rawValue }
  }

  /// One problem found by a call.
  public struct Problem: Sendable, CustomStringConvertible {
    /// Its kind.
    public let code: Code
    /// A full sentence naming the value, the valid range and a next step.
    public let message: String
    /// Creates a problem.
    /// - Parameters:
    ///   - code: Its kind.
    ///   - message: A full sentence naming the value, the valid range and a next step.
    public init(code: Code, message: String) {
      self.code = code
      self.message = message
    }
    public var description: String { message }
  }

  /// Every problem the call found, in the order checked (never empty).
  public let problems: [Problem]
  /// The linear-algebra error behind this one, if any.
  public let underlying: LinearAlgebraError?

  /// The first problem's code.
  public var code: Code { problems[0].code }

  /// Creates an error with a single problem.
  public init(_ code: Code, _ message: String, underlying: LinearAlgebraError? = nil) {
    self.problems = [Problem(code: code, message: message)]
    self.underlying = underlying
  }

  /// Creates an error reporting several problems at once.
  /// - Precondition: `problems` is not empty.
  public init(problems: [Problem], underlying: LinearAlgebraError? = nil) {
    precondition(!problems.isEmpty, "A RegressionError needs at least one problem")
    self.problems = problems
    self.underlying = underlying
  }

  /// Translates a linear-algebra failure on the kernel matrix into a regression error whose
  /// message says which leading minor failed, which jitter was tried, and suggests a larger
  /// ridge or noise level (or, for memory, gives the bytes needed).
  /// - Parameters:
  ///   - error: The error thrown by `Cholesky`, `SymmetricEigendecomposition` or `MemoryBudget`.
  ///   - regularizer: What the user can increase, e.g. `"ridge λ = 0.001"`.
  public init(wrapping error: LinearAlgebraError, regularizer: String) {
    let message: String
    let code: Code
    switch error.code {
    case .notPositiveDefinite:
      code = .notPositiveDefinite
      let tried = error.jittersTried.map { $0 == 0 ? "0" : String(format: "%.3g", $0) }.joined(separator: ", ")
      message = "The \(error.order) × \(error.order) kernel matrix (with \(regularizer)) is not positive "
        + "definite: Cholesky failed at the leading minor of order \(error.failedMinor ?? 0) even after "
        + "adding diagonal jitter \(tried). Increase the \(regularizer.split(separator: " ").first ?? "ridge") "
        + "(e.g. by a factor of 10), remove duplicate inputs, or check that the kernel is positive semi-definite."
    case .exceedsMemoryBudget:
      code = .exceedsMemoryBudget
      message = "\(error.order) training samples need \(error.bytesNeeded ?? 0) bytes "
        + "(\(MemoryBudget.format(bytes: error.bytesNeeded ?? 0))) for the \(error.order) × \(error.order) "
        + "kernel buffers, above the memory budget of \(error.bytesAvailable ?? 0) bytes "
        + "(\(MemoryBudget.format(bytes: error.bytesAvailable ?? 0))). Use fewer training samples "
        + "(subsample, or a symmetrized kernel instead of explicit augmentation) or raise the budget."
    case .nonFiniteMatrix:
      code = .numericalFailure
      message = "The \(error.order) × \(error.order) kernel matrix contains NaN or infinity (with \(regularizer)). "
        + "Check that the inputs are finite and the width is not extreme (valid: a finite number > 0)."
    default:
      code = .numericalFailure
      message = error.description
    }
    self.init(code, message, underlying: error)
  }

  /// All problem messages, one per line.
  public var description: String { problems.map(\.message).joined(separator: "\n") }
}
