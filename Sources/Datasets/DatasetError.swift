/// An error thrown by `Datasets` for bad user data: malformed files, geometries outside a
/// surface's domain, unknown names, samplers that cannot produce what was asked.
///
/// `code` says what kind of problem it is; `description` is one sentence naming the bad
/// value, the valid range and what to do next, prefixed with `file:line:column` when the
/// problem is in a file.
public struct DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong. Extensible: switch with a `default` case.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// A file could not be opened, read or written.
    public static let unreadableFile = Code("unreadableFile")
    /// A file's content does not follow its format (ragged row, non-numeric cell, bad header…).
    public static let malformedFile = Code("malformedFile")
    /// A geometry or coordinate outside the valid domain (non-positive bond, NaN, angle out of range).
    public static let invalidGeometry = Code("invalidGeometry")
    /// An unknown name (orbital, surface, column).
    public static let unknownName = Code("unknownName")
    /// A parameter outside its valid range (quantum numbers, sample counts, scan ranges).
    public static let invalidParameter = Code("invalidParameter")
    /// A shape mismatch (Hessian size, number of atoms, columns).
    public static let shapeMismatch = Code("shapeMismatch")
    /// A sampler could not produce the requested samples (e.g. the energy cut-off rejects all).
    public static let samplingFailed = Code("samplingFailed")
    public var description: String { rawValue }
  }

  public let code: Code
  /// The full sentence: bad value, valid range, next step.
  public let message: String
  /// For file problems: the path, 1-based line and column where known.
  public let file: String?
  public let line: Int?
  public let column: Int?

  public init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
    self.code = code
    self.message = message
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String {
    guard let file else { return message }
    var location = file
    if let line { location += ":\(line)" }
    if let column { location += ":\(column)" }
    return "\(location): \(message)"
  }
}

import LinearAlgebra

extension DatasetError {
  /// Throws `.invalidParameter` when `count` samples of `columns` numbers each (inputs, label,
  /// gradients) would not fit in ``MemoryBudget/bytes``: checked before a sampler allocates or
  /// loops, so a huge count is refused with the number instead of exhausting memory.
  static func checkSampleCount(_ count: Int, columns: Int) throws(DatasetError) {
    do { try MemoryBudget.check(rows: count, columns: columns) } catch {
      let needed = error.bytesNeeded == Int.max ? "more bytes than a 64-bit count holds" : MemoryBudget.format(bytes: error.bytesNeeded ?? 0)
      let most = (error.bytesAvailable ?? 0) / (8 * max(columns, 1))
      throw DatasetError(.invalidParameter, "Sample count \(count) needs \(needed) (\(columns) numbers per sample), above the memory budget of \(MemoryBudget.format(bytes: error.bytesAvailable ?? 0)) (MemoryBudget.bytes); ask for at most \(most) samples.")
    }
  }
}
