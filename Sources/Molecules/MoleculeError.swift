/// An error thrown by `Molecules` for bad user data: a malformed molecule file, an unknown
/// element, a Hessian of the wrong shape or not symmetric, a geometry that is not a minimum, a
/// frame whose atoms differ from the molecule's, an energy/Hessian command that fails.
///
/// `code` says what kind of problem it is; `message` is one sentence naming the bad value, the
/// valid range and what to do next; `file` (with `line` where known) says where the problem is.
///
/// ```swift
/// do { _ = try IsotopeMasses.mass(of: "Xx") } catch { print(error) }
/// // Unknown element symbol 'Xx'; use a chemical symbol such as H, C, N, O (known: H He Li …), …
/// ```
public struct MoleculeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong. Extensible: switch with a `default` case.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    /// The code's name, as printed.
    public let rawValue: String
    /// A code; define your own as `static let` in an extension.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// A file could not be opened, read or written.
    public static let unreadableFile = Code("unreadableFile")
    /// A file's content does not follow its format (not JSON, a missing or unknown key, a unit not known).
    public static let malformedFile = Code("malformedFile")
    /// An element symbol without a known mass.
    public static let unknownElement = Code("unknownElement")
    /// Sizes that do not fit: a non-square Hessian, a Hessian for another number of atoms, a
    /// gradient or mass list of the wrong length, normal coordinates of the wrong count.
    public static let shapeMismatch = Code("shapeMismatch")
    /// The Hessian is not symmetric.
    public static let asymmetricHessian = Code("asymmetricHessian")
    /// NaN, infinity, a non-positive mass, atoms on top of each other.
    public static let invalidValue = Code("invalidValue")
    /// The gradient given with the equilibrium is too large for a stationary point.
    public static let notStationary = Code("notStationary")
    /// The Hessian has imaginary (or zero) vibrational frequencies: not a minimum.
    public static let notAMinimum = Code("notAMinimum")
    /// A geometry whose atoms (species, count, order) differ from the molecule's.
    public static let frameMismatch = Code("frameMismatch")
    /// Displaced Hessians that do not form a central-difference stencil along every normal mode.
    public static let incompleteDisplacements = Code("incompleteDisplacements")
    /// The point group could not be settled (operations that do not close within the tolerance).
    public static let symmetryUndetermined = Code("symmetryUndetermined")
    /// An energy/Hessian command exited with a non-zero status or could not be started.
    public static let commandFailed = Code("commandFailed")
    /// An energy/Hessian command ran longer than its time-out and was stopped.
    public static let commandTimedOut = Code("commandTimedOut")
    /// An energy/Hessian command printed something that is not the documented list of numbers.
    public static let commandOutputMalformed = Code("commandOutputMalformed")
    /// A parameter outside its valid range (a step, a tolerance, a count, a mode index).
    public static let invalidParameter = Code("invalidParameter")
    public var description: String { rawValue }
  }

  /// What went wrong.
  public let code: Code
  /// The full sentence: bad value, valid range, next step.
  public let message: String
  /// The file the problem is in, when there is one.
  public let file: String?

  /// An error with a code, a full message and optionally the file it concerns.
  public init(_ code: Code, _ message: String, file: String? = nil) {
    self.code = code
    self.message = message
    self.file = file
  }

  public var description: String { file.map { "\($0): \(message)" } ?? message }
}
