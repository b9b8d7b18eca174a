import Foundation

/// An error thrown by `Symmetries` when a user-supplied symmetry, correction or data set is
/// unusable.
///
/// `code` says what kind of problem it is; the context fields carry the measured values
/// (the orthogonality defect ‖RᵀR − I‖_F, the order the closure reached, the expected and
/// actual dimensions, the offending indices); `description` is one sentence naming the bad
/// value, the valid range and what to do next.
///
/// ```swift
/// do { _ = try SignFlips(dimension: 3, coordinates: [0, 5]) }
/// catch { print(error) }
/// // Sign-flip coordinate indices [5] are out of range 0..<3 for 3-dimensional inputs; …
/// ```
public struct SymmetryError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong. Extensible: switch with a `default` case.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    /// The code's name, as printed.
    public let rawValue: String
    /// A code; define your own as `static let` in an extension for custom symmetries.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// A matrix given as a group element is not orthogonal (‖RᵀR − I‖_F above tolerance).
    public static let nonOrthogonalElement = Code("nonOrthogonalElement")
    /// The closure of the generators did not close within the allowed number of elements.
    public static let groupNotClosed = Code("groupNotClosed")
    /// The closure closed, but with an order different from the stated one.
    public static let orderMismatch = Code("orderMismatch")
    /// The symmetry's dimension differs from the data's (or a centre/axis has the wrong length).
    public static let dimensionMismatch = Code("dimensionMismatch")
    /// A Taylor correction's Hessian (or cubic constants) is not symmetric.
    public static let nonSymmetricHessian = Code("nonSymmetricHessian")
    /// A Taylor correction's Hessian or cubic constants have the wrong size.
    public static let shapeMismatch = Code("shapeMismatch")
    /// Coordinate indices out of range, repeated, or not a permutation.
    public static let invalidCoordinates = Code("invalidCoordinates")
    /// A parameter outside its valid range (order, step, sample count, zero normal…).
    public static let invalidParameter = Code("invalidParameter")
    /// NaN or infinity in an input, label, Hessian or energy.
    public static let nonFiniteValue = Code("nonFiniteValue")
    /// The augmented data would exceed `MemoryBudget.bytes`.
    public static let exceedsMemoryBudget = Code("exceedsMemoryBudget")
    /// An augmentation route was asked for a symmetry it does not apply to (the group-Fourier
    /// route for a group that is not Z2^m sign flips, the sum-kernel route for an approximate
    /// symmetry). For the routes built on this module; the message should name the route to use.
    public static let routeNotApplicable = Code("routeNotApplicable")
    /// A kernel is not invariant under the group, k(g·x, g·x′) ≠ k(x, x′).
    public static let kernelNotInvariant = Code("kernelNotInvariant")
    public var description: String { rawValue }
  }

  /// What went wrong.
  public let code: Code
  /// The full sentence: bad value, valid range, next step.
  public let message: String
  /// The measured quantity that failed a check: ‖RᵀR − I‖_F, the largest asymmetry, a step…
  public let value: Double?
  /// For `.groupNotClosed` and `.orderMismatch`: the number of distinct elements reached.
  public let orderReached: Int?
  /// For size problems: the expected size (or the bound that was exceeded).
  public let expected: Int?
  /// For size problems: the actual size.
  public let actual: Int?
  /// Offending indices (coordinates, generators, rows).
  public let indices: [Int]

  /// An error with a code, a full message (bad value, valid range, next step) and context.
  public init(_ code: Code, _ message: String, value: Double? = nil, orderReached: Int? = nil,
              expected: Int? = nil, actual: Int? = nil, indices: [Int] = []) {
    self.code = code
    self.message = message
    self.value = value
    self.orderReached = orderReached
    self.expected = expected
    self.actual = actual
    self.indices = indices
  }

  public var description: String { message }
}

extension SymmetryError {
  static func format(_ x: Double) -> String { String(format: "%.3g", x) }

  static func nonOrthogonal(defect: Double, tolerance: Double, what: String, index: Int? = nil) -> SymmetryError {
    SymmetryError(
      .nonOrthogonalElement,
      "\(what) is not orthogonal: ‖RᵀR − I‖_F = \(format(defect)), allowed at most \(format(tolerance)). "
        + "Group elements must be orthogonal matrices (rotations, reflections, permutations); "
        + "re-orthogonalize the matrix (e.g. from its polar decomposition) or check its entries.",
      value: defect, indices: index.map { [$0] } ?? [])
  }

  static func dimension(_ what: String, expected: Int, actual: Int, hint: String) -> SymmetryError {
    SymmetryError(
      .dimensionMismatch,
      "\(what) has dimension \(actual), but the symmetry acts on \(expected)-dimensional inputs. \(hint)",
      expected: expected, actual: actual)
  }

  static func coordinates(_ bad: [Int], dimension: Int, what: String) -> SymmetryError {
    SymmetryError(
      .invalidCoordinates,
      "\(what) \(bad) are out of range 0..<\(dimension) or repeated for \(dimension)-dimensional inputs; "
        + "give distinct indices in 0..<\(dimension).",
      expected: dimension, indices: bad)
  }

  static func nonFinite(_ what: String, index: Int? = nil, indexName: String = "index") -> SymmetryError {
    SymmetryError(
      .nonFiniteValue,
      "NaN or infinity in \(what)\(index.map { " (at \(indexName) \($0))" } ?? ""); "
        + "remove or fix the non-finite entries first.",
      indices: index.map { [$0] } ?? [])
  }
}
