import Foundation

/// Bad input to the `SymmetryTesting` kit: a sample of the wrong width, non-finite sample
/// values, a non-positive number of Haar draws or a negative label bound.
///
/// Failures of the symmetry itself are not errors but ``SymmetryFinding``s in a
/// ``SymmetryCheckReport``; this error means the check could not be set up.
public struct SymmetryTestingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong; extensible.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    /// The raw name.
    public let rawValue: String
    /// A code from its raw name.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The sample's column count differs from the symmetry's dimension.
    public static let dimensionMismatch = Code("dimensionMismatch")
    /// The sample is empty or contains NaN or infinity.
    public static let invalidSample = Code("invalidSample")
    /// A count or bound is out of range.
    public static let invalidParameter = Code("invalidParameter")
    public var description: String { rawValue }
  }

  /// What went wrong.
  public let code: Code
  /// A sentence naming the bad value, the valid range and what to do next.
  public let message: String
  /// The offending value, when numeric.
  public let value: Double?

  /// An error.
  ///
  /// - Parameters:
  ///   - code: what went wrong.
  ///   - message: the explanation with the bad value and a next step.
  ///   - value: the offending value.
  public init(_ code: Code, _ message: String, value: Double? = nil) {
    self.code = code
    self.message = message
    self.value = value
  }

  public var description: String { message }
}
