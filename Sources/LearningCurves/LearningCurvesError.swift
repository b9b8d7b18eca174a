/// An error thrown by `LearningCurves` for a study that cannot run as described: an unknown
/// config field, source or symmetry; sizes larger than the pool or the memory budget; a test
/// set that overlaps the training pool; zero repeats; an output folder that cannot be written;
/// a symmetry whose dimension does not match the data.
///
/// `description` is one sentence naming the bad value, the valid range and what to do next.
public struct LearningCurvesError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong. Extensible: switch with a `default` case.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public static let invalidStudy = Code("invalidStudy")
    public static let invalidConfiguration = Code("invalidConfiguration")
    public static let unknownName = Code("unknownName")
    public static let overlappingTestSet = Code("overlappingTestSet")
    public static let unwritableOutput = Code("unwritableOutput")
    public static let dimensionMismatch = Code("dimensionMismatch")
    public static let fitFailed = Code("fitFailed")
    public var description: String { rawValue }
  }

  public let code: Code
  public let message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}

extension LearningCurvesError {
  /// `text` without its final full stop (and trailing spaces), to embed another error's
  /// sentence in a message that ends with its own full stop.
  static func clause(_ text: String) -> String {
    var t = Substring(text)
    while let last = t.last, last == "." || last == " " { t = t.dropLast() }
    return String(t)
  }
}
