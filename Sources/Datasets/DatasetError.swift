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
  /// gradients) would not fit in `MemoryBudget.bytes`: checked before a sampler allocates or
  /// loops, so a huge count is refused with the number instead of exhausting memory.
  static func checkSampleCount(_ count: Int, columns: Int) throws(DatasetError) {
    do { try MemoryBudget.check(rows: count, columns: columns) } catch {
      let needed = error.bytesNeeded == Int.max ? "more bytes than a 64-bit count holds" : MemoryBudget.format(bytes: error.bytesNeeded ?? 0)
      let most = (error.bytesAvailable ?? 0) / (8 * max(columns, 1))
      throw DatasetError(.invalidParameter, "Sample count \(count) needs \(needed) (\(columns) numbers per sample), above the memory budget of \(MemoryBudget.format(bytes: error.bytesAvailable ?? 0)) (MemoryBudget.bytes); ask for at most \(most) samples.")
    }
  }
}

import Foundation

/// Why a file cannot be read or written, in words a person can act on ("the folder
/// '/tmp/out' does not exist"), instead of Foundation's generic "The operation could not be
/// completed".
public enum FileProblem {
  /// Why `path` cannot be written: a missing folder, a folder in its place, no permission.
  ///
  /// - Returns: a clause without a final full stop, e.g. `the folder '/tmp/out' does not
  ///   exist; create it or write elsewhere`.
  public static func writing(_ path: String) -> String {
    let fm = FileManager.default
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      return "'\(path)' is a folder; give a file name inside it"
    }
    guard fm.fileExists(atPath: folder, isDirectory: &isDirectory) else {
      return "the folder '\(folder)' does not exist; create it or write elsewhere"
    }
    guard isDirectory.boolValue else { return "'\(folder)' is a file, not a folder; choose a path inside a folder" }
    guard fm.isWritableFile(atPath: folder) else {
      return "the folder '\(folder)' is not writable; choose a folder you can write to"
    }
    if fm.fileExists(atPath: path) && !fm.isWritableFile(atPath: path) {
      return "the file exists and is not writable; remove it or choose another name"
    }
    return "the file could not be written (the disk may be full or the name invalid); choose another path"
  }

  /// Why the folder `path` (and its missing parents) cannot be created: the nearest existing
  /// ancestor is a file, or a folder that is not writable.
  ///
  /// - Returns: a clause without a final full stop.
  public static func creatingFolder(_ path: String) -> String {
    let fm = FileManager.default
    var ancestor = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    while !fm.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) && ancestor.path != "/" {
      ancestor = ancestor.deletingLastPathComponent()
    }
    if !isDirectory.boolValue { return "'\(ancestor.path)' is a file, not a folder; choose another output folder" }
    if !fm.isWritableFile(atPath: ancestor.path) {
      return "the folder '\(ancestor.path)' is not writable; choose a folder you can write to"
    }
    return "the folder could not be created; choose another output folder"
  }

  /// Why `path` cannot be read: it does not exist, is a folder, or is not readable.
  ///
  /// - Returns: a clause without a final full stop.
  public static func reading(_ path: String) -> String {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return "no such file; check the path and the working directory"
    }
    if isDirectory.boolValue { return "it is a folder; give a file" }
    guard fm.isReadableFile(atPath: path) else { return "the file is not readable; check its permissions" }
    return "the file could not be read; check that it is a regular, readable file"
  }
}
