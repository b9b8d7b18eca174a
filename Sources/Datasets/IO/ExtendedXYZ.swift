import Foundation
import LinearAlgebra

/// Reading and writing extended XYZ files as ASE (the Atomic Simulation Environment) writes them.
///
/// A file is a sequence of frames. Each frame is
///
/// ```
/// 3
/// Lattice="5.0 0.0 0.0 0.0 5.0 0.0 0.0 0.0 5.0" Properties=species:S:1:pos:R:3:forces:R:3 energy=-2075.12 pbc="F F F"
/// O        0.00000000       0.00000000       0.11930000       0.1       0.2       0.3
/// H        0.00000000       0.76320000      -0.47700000       0.0      -2.0       3.0
/// H        0.00000000      -0.76320000      -0.47700000       4.0       5.0       6.1
/// ```
///
/// line 1 the atom count; line 2 `key=value` pairs (values may be double-quoted, with `\"`
/// escapes; a key without `=` means `T`); then one line per atom whose whitespace-separated
/// columns are described by `Properties=name:type:width:...` with types `S` (string),
/// `R` (real), `I` (integer) and `L` (logical `T`/`F`). Without `Properties` the columns are
/// `species:S:1:pos:R:3` (plain XYZ). Units are ASE's: ångström, eV, eV/Å.
///
/// Writing follows ASE's layout (`Lattice`, `Properties`, the info keys with `energy` first,
/// `pbc`) but prints every real with 17 significant digits so files round-trip exactly.
///
/// Reference: the extended XYZ specification, https://github.com/libAtoms/extxyz, and
/// `ase.io.extxyz`.
public enum ExtendedXYZ {
  // MARK: - Reading

  /// Reads every frame of an extended XYZ file.
  ///
  /// - Parameter url: A file URL.
  /// - Returns: The frames in file order.
  /// - Throws: `DatasetError` with file, line and column: `unreadableFile`; `malformedFile`
  ///   for a bad atom count, a missing comment line, too few atom lines, an atom line with the
  ///   wrong number of columns, an unknown property type, a malformed `Properties`, `Lattice`
  ///   or `pbc` value, or a non-numeric value where a number is expected.
  /// - Complexity: O(file size).
  public static func read(contentsOf url: URL) throws(DatasetError) -> [ExtendedXYZFrame] {
    let bytes = try CSV.readBytes(url)
    return try parse(String(decoding: bytes, as: UTF8.self), file: url.path)
  }

  /// Parses extended XYZ text (see ``read(contentsOf:)``); `file` names the source in errors.
  public static func parse(_ text: String, file: String = "<text>") throws(DatasetError) -> [ExtendedXYZFrame] {
    // A UTF-8 byte-order mark is skipped; lines end at LF, CRLF or a lone CR.
    let body = text.first == "\u{FEFF}" ? text.dropFirst() : Substring(text)
    var lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
    var frames: [ExtendedXYZFrame] = []
    var i = 0
    while i < lines.count {
      frames.append(try parseFrame(lines, at: &i, file: file))
    }
    return frames
  }

  /// One column group of the atom lines.
  struct Property {
    var name: String
    var type: Character
    var width: Int
  }

  static func parseFrame(_ lines: [Substring], at i: inout Int, file: String) throws(DatasetError) -> ExtendedXYZFrame {
    let countLine = i + 1
    let countText = lines[i].trimmingCharacters(in: .whitespaces)
    guard let n = Int(countText), n >= 0 else {
      throw DatasetError(.malformedFile, "bad atom count '\(countText)'; expected a non-negative integer on the first line of each frame", file: file, line: countLine, column: 1)
    }
    guard i + 1 < lines.count else {
      throw DatasetError(.malformedFile, "the file ends after the atom count; expected a comment line with key=value pairs (e.g. Properties=species:S:1:pos:R:3 energy=...)", file: file, line: countLine + 1, column: 1)
    }
    let commentLine = i + 2
    // Compared with the lines present before any arithmetic on n (which may be Int.max).
    guard n <= lines.count - i - 2 else {
      let found = lines.count - i - 2
      throw DatasetError(.malformedFile, "the frame announces \(n) atoms but the file ends after \(found) atom line\(found == 1 ? "" : "s"); expected \(n) atom lines (fix the atom count on line \(countLine))", file: file, line: lines.count + 1, column: 1)
    }

    let comment = try interpretComment(lines[i + 1], file: file, line: commentLine)
    let (properties, info, lattice, pbc) = (comment.properties, comment.info, comment.lattice, comment.pbc)
    guard let speciesIndex = properties.firstIndex(where: { $0.name == "species" && $0.type == "S" && $0.width == 1 }),
          let posIndex = properties.firstIndex(where: { $0.name == "pos" && $0.type == "R" && $0.width == 3 }) else {
      throw DatasetError(.malformedFile, "Properties lacks species:S:1 or pos:R:3; expected e.g. Properties=species:S:1:pos:R:3[:forces:R:3]", file: file, line: commentLine)
    }
    // Widths are capped by parseProperties, so their sum cannot overflow; nothing is reserved
    // from the announced sizes: every atom line's tokens are counted against them first.
    var offsets: [Int] = []
    var columnCount = 0
    for p in properties { offsets.append(columnCount); columnCount += p.width }

    var species: [String] = []
    var numeric: [Int: [Double]] = [:]
    for (k, p) in properties.enumerated() where p.type != "S" { numeric[k] = [] }
    for a in 0..<n {
      let lineNumber = i + 3 + a
      let tokens = tokenize(lines[i + 2 + a])
      guard tokens.count == columnCount else {
        throw DatasetError(.malformedFile, "atom line with \(tokens.count) columns; expected \(columnCount) as declared by Properties=\(properties.map { "\($0.name):\($0.type):\($0.width)" }.joined(separator: ":")) (\(n) atom lines follow the comment line)", file: file, line: lineNumber, column: tokens.count > columnCount ? tokens[columnCount].column : lines[i + 2 + a].utf8.count + 1)
      }
      for (k, p) in properties.enumerated() {
        for c in 0..<p.width {
          let token = tokens[offsets[k] + c]
          switch p.type {
          case "S":
            if k == speciesIndex { species.append(token.text) }
          case "L":
            guard let b = logical(token.text) else {
              throw DatasetError(.malformedFile, "'\(token.text)' in property '\(p.name)' is not a logical value; expected T or F", file: file, line: lineNumber, column: token.column)
            }
            numeric[k]!.append(b ? 1 : 0)
          case "I":
            guard let x = Int(token.text) else {
              throw DatasetError(.malformedFile, "'\(token.text)' in property '\(p.name)' is not an integer; expected an integer as declared by \(p.name):I:\(p.width)", file: file, line: lineNumber, column: token.column)
            }
            numeric[k]!.append(Double(x))
          default:
            guard let x = Double(token.text), x.isFinite else {
              throw DatasetError(.malformedFile, "'\(token.text)' in property '\(p.name)' is not a finite number; expected a real number as declared by \(p.name):R:\(p.width)", file: file, line: lineNumber, column: token.column)
            }
            numeric[k]!.append(x)
          }
        }
      }
    }
    var frame = ExtendedXYZFrame(species: species, positions: Matrix(rows: n, columns: 3, elements: numeric[posIndex]!),
                                 info: info, lattice: lattice, pbc: pbc)
    for (k, p) in properties.enumerated() where p.type != "S" && k != posIndex {
      let m = Matrix(rows: n, columns: p.width, elements: numeric[k]!)
      if p.name == "forces" && p.type == "R" && p.width == 3 { frame.forces = m } else { frame.arrays[p.name] = m }
    }
    i += 2 + n
    return frame
  }

  /// The comment line's meaning: `Properties` (default species:S:1:pos:R:3), info, lattice, pbc.
  ///
  /// A line without `Properties=` that is not valid key=value syntax (e.g. a free-text title
  /// such as `water molecule energy = 5`) is kept whole as `info["comment"]`, as plain XYZ
  /// allows. Valid syntax with bad values (a non-numeric energy, a malformed Lattice) throws.
  static func interpretComment(_ text: Substring, file: String, line commentLine: Int) throws(DatasetError)
    -> (properties: [Property], info: [String: String], lattice: Matrix?, pbc: [Bool]?) {
    let pairs: [(key: String, value: String, column: Int)]
    do {
      pairs = try keyValuePairs(text, file: file, line: commentLine)
    } catch {
      if text.contains("Properties=") { throw error }
      return ([Property(name: "species", type: "S", width: 1), Property(name: "pos", type: "R", width: 3)],
              ["comment": text.trimmingCharacters(in: .whitespaces)], nil, nil)
    }
    var properties = [Property(name: "species", type: "S", width: 1), Property(name: "pos", type: "R", width: 3)]
    var info: [String: String] = [:]
    var lattice: Matrix? = nil
    var pbc: [Bool]? = nil
    for pair in pairs {
      switch pair.key {
      case "Properties":
        properties = try parseProperties(pair.value, file: file, line: commentLine, column: pair.column)
      case "Lattice":
        let parts = pair.value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let numbers = parts.compactMap { Double($0) }
        guard parts.count == 9, numbers.count == 9, numbers.allSatisfy(\.isFinite) else {
          throw DatasetError(.malformedFile, "Lattice=\"\(pair.value)\" is not nine finite numbers; expected the three cell vectors in ångström, e.g. Lattice=\"5 0 0 0 5 0 0 0 5\"", file: file, line: commentLine, column: pair.column)
        }
        lattice = Matrix(rows: 3, columns: 3, elements: numbers)
      case "pbc":
        let flags = pair.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { logical(String($0)) }
        guard flags.count == 3, flags.allSatisfy({ $0 != nil }) else {
          throw DatasetError(.malformedFile, "pbc=\"\(pair.value)\" is not three logical values; expected e.g. pbc=\"F F F\" or pbc=\"T T T\"", file: file, line: commentLine, column: pair.column)
        }
        pbc = flags.map { $0! }
      default:
        if pair.key == "energy" {
          guard let e = Double(pair.value), e.isFinite else {
            throw DatasetError(.malformedFile, "energy=\(pair.value) is not a finite number; expected the energy in eV, e.g. energy=-2075.12", file: file, line: commentLine, column: pair.column)
          }
        }
        info[pair.key] = pair.value
      }
    }
    return (properties, info, lattice, pbc)
  }

  static func logical(_ s: String) -> Bool? {
    switch s {
    case "T", "True", "true", "TRUE": true
    case "F", "False", "false", "FALSE": false
    default: nil
    }
  }

  static func parseProperties(_ value: String, file: String, line: Int, column: Int) throws(DatasetError) -> [Property] {
    let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count % 3 == 0, !parts.isEmpty else {
      throw DatasetError(.malformedFile, "Properties=\(value) does not consist of name:type:width triples; expected e.g. Properties=species:S:1:pos:R:3", file: file, line: line, column: column)
    }
    var out: [Property] = []
    for t in stride(from: 0, to: parts.count, by: 3) {
      let name = parts[t], type = parts[t + 1], widthText = parts[t + 2]
      guard ["S", "R", "I", "L"].contains(type) else {
        throw DatasetError(.malformedFile, "unknown property type '\(type)' for '\(name)' in Properties=\(value); expected S (string), R (real), I (integer) or L (logical)", file: file, line: line, column: column)
      }
      guard let width = Int(widthText), width > 0, !name.isEmpty else {
        throw DatasetError(.malformedFile, "property '\(name)' has width '\(widthText)'; expected a non-empty name and a positive integer width, e.g. forces:R:3", file: file, line: line, column: column)
      }
      guard width <= maximumPropertyWidth else {
        throw DatasetError(.malformedFile, "property '\(name)' has width \(width); the largest width read is \(maximumPropertyWidth) columns (a per-atom property such as forces:R:3 has a few)", file: file, line: line, column: column)
      }
      out.append(Property(name: name, type: Character(type), width: width))
    }
    return out
  }

  /// The widest per-atom property read (`name:type:width` with width ≤ this): far more than
  /// any real property (forces have 3 columns, a 3 × 3 tensor 9), and small enough that the
  /// widths of one comment line cannot overflow when summed.
  public static let maximumPropertyWidth = 1 << 20

  /// Whitespace-separated tokens with their 1-based byte columns.
  static func tokenize(_ line: Substring) -> [(text: String, column: Int)] {
    var out: [(String, Int)] = []
    let bytes = Array(line.utf8)
    var k = 0
    while k < bytes.count {
      while k < bytes.count && (bytes[k] == 0x20 || bytes[k] == 0x09) { k += 1 }
      if k == bytes.count { break }
      let start = k
      while k < bytes.count && bytes[k] != 0x20 && bytes[k] != 0x09 { k += 1 }
      out.append((String(decoding: bytes[start..<k], as: UTF8.self), start + 1))
    }
    return out
  }

  /// The comment line's `key=value` pairs, values unquoted, with the 1-based column of each key.
  static func keyValuePairs(_ line: Substring, file: String, line lineNumber: Int) throws(DatasetError) -> [(key: String, value: String, column: Int)] {
    let bytes = Array(line.utf8)
    var out: [(String, String, Int)] = []
    var k = 0
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    while k < bytes.count {
      while k < bytes.count && isSpace(bytes[k]) { k += 1 }
      if k == bytes.count { break }
      let keyStart = k
      while k < bytes.count && !isSpace(bytes[k]) && bytes[k] != UInt8(ascii: "=") { k += 1 }
      let key = String(decoding: bytes[keyStart..<k], as: UTF8.self)
      guard !key.isEmpty else {
        throw DatasetError(.malformedFile, "'=' without a key in the comment line; expected key=value pairs separated by spaces", file: file, line: lineNumber, column: keyStart + 1)
      }
      guard k < bytes.count && bytes[k] == UInt8(ascii: "=") else {
        out.append((key, "T", keyStart + 1))
        continue
      }
      k += 1
      var value: [UInt8] = []
      if k < bytes.count && (bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "{")) {
        let close = bytes[k] == UInt8(ascii: "\"") ? UInt8(ascii: "\"") : UInt8(ascii: "}")
        let open = k
        k += 1
        var closed = false
        while k < bytes.count {
          if close == UInt8(ascii: "\"") && bytes[k] == UInt8(ascii: "\\") && k + 1 < bytes.count {
            value.append(bytes[k + 1]); k += 2; continue
          }
          if bytes[k] == close { closed = true; k += 1; break }
          value.append(bytes[k]); k += 1
        }
        guard closed else {
          throw DatasetError(.malformedFile, "the value of '\(key)' opens a quote that is never closed; expected a closing \(close == UInt8(ascii: "\"") ? "\"" : "}") on the same line", file: file, line: lineNumber, column: open + 1)
        }
      } else {
        while k < bytes.count && !isSpace(bytes[k]) { value.append(bytes[k]); k += 1 }
      }
      out.append((key, String(decoding: value, as: UTF8.self), keyStart + 1))
    }
    return out
  }

  // MARK: - Writing

  /// Writes frames to an extended XYZ file that ASE reads (``format(_:)``).
  ///
  /// - Throws: `DatasetError`: `shapeMismatch` or `invalidParameter` as ``format(_:)``;
  ///   `unreadableFile` when the file cannot be written.
  public static func write(_ frames: [ExtendedXYZFrame], to url: URL) throws(DatasetError) {
    let text = try format(frames)
    do {
      try text.write(to: url, atomically: true, encoding: .utf8)
    } catch {
      throw DatasetError(.unreadableFile, "cannot write the extended XYZ file: \(FileProblem.writing(url.path))", file: url.path)
    }
  }

  /// The extended XYZ text of `frames`.
  ///
  /// - Throws: `DatasetError`: `shapeMismatch` when positions, forces or arrays are not
  ///   n × (3 or their width) for n species, or a lattice is not 3 × 3; `invalidParameter`
  ///   for a non-finite number, a species or key that is empty or contains whitespace, or
  ///   a `pbc` that is not three values.
  /// - Complexity: O(total atoms).
  public static func format(_ frames: [ExtendedXYZFrame]) throws(DatasetError) -> String {
    var text = ""
    for (f, frame) in frames.enumerated() {
      try validate(frame, index: f)
      let n = frame.atomCount
      text += "\(n)\n"
      var header: [String] = []
      if let lattice = frame.lattice {
        header.append("Lattice=\"" + lattice.elements.map(CSV.formatSignificant17).joined(separator: " ") + "\"")
      }
      var properties = "species:S:1:pos:R:3"
      if frame.forces != nil { properties += ":forces:R:3" }
      let arrayNames = frame.arrays.keys.sorted()
      for name in arrayNames { properties += ":\(name):R:\(frame.arrays[name]!.columns)" }
      header.append("Properties=" + properties)
      let keys = frame.info.keys.sorted { a, b in a == "energy" ? b != "energy" : (b == "energy" ? false : a < b) }
      for key in keys { header.append(key + "=" + quoted(frame.info[key]!)) }
      if let pbc = frame.pbc { header.append("pbc=\"" + pbc.map { $0 ? "T" : "F" }.joined(separator: " ") + "\"") }
      text += header.joined(separator: " ") + "\n"
      let width = max(frame.species.map(\.count).max() ?? 1, 2)
      for a in 0..<n {
        // Padded by characters (Foundation's padding counts UTF-16 units and would cut a
        // species with a combining mark).
        let symbol = frame.species[a]
        var line = symbol + String(repeating: " ", count: max(0, width - symbol.count))
        var columns = frame.positions.row(a)
        if let forces = frame.forces { columns += forces.row(a) }
        for name in arrayNames { columns += frame.arrays[name]!.row(a) }
        for x in columns { line += " " + CSV.formatSignificant17(x) }
        text += line + "\n"
      }
    }
    return text
  }

  static func quoted(_ value: String) -> String {
    // Scalars, not characters: a space followed by a combining mark is one Character but still
    // a space to the reader. A leading brace would open a {…} value on reading.
    let needsQuotes = value.isEmpty || value.hasPrefix("{")
      || value.unicodeScalars.contains { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "=" || $0 == "\\" }
    guard needsQuotes else { return value }
    let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return "\"" + escaped + "\""
  }

  static func validate(_ frame: ExtendedXYZFrame, index f: Int) throws(DatasetError) {
    let n = frame.atomCount
    func shape(_ what: String, _ m: Matrix, _ columns: Int) throws(DatasetError) {
      guard m.rows == n && m.columns == columns else {
        throw DatasetError(.shapeMismatch, "frame \(f): \(what) is \(m.rows) × \(m.columns) for \(n) atoms; expected \(n) × \(columns)")
      }
      guard m.isFinite else {
        throw DatasetError(.invalidParameter, "frame \(f): \(what) contains NaN or infinite values; remove them before writing")
      }
    }
    try shape("positions", frame.positions, 3)
    if let forces = frame.forces { try shape("forces", forces, 3) }
    for (name, m) in frame.arrays {
      guard !name.isEmpty, !name.unicodeScalars.contains(where: { $0 == ":" || $0.properties.isWhitespace }), name != "species", name != "pos", name != "forces" else {
        throw DatasetError(.invalidParameter, "frame \(f): array name '\(name)' is empty, reserved or contains ':' or whitespace; use a plain identifier")
      }
      try shape("array '\(name)'", m, max(m.columns, 1))
    }
    if let lattice = frame.lattice {
      guard lattice.rows == 3 && lattice.columns == 3 else {
        throw DatasetError(.shapeMismatch, "frame \(f): lattice is \(lattice.rows) × \(lattice.columns); expected 3 × 3 (cell vectors as rows, Å)")
      }
      guard lattice.isFinite else {
        throw DatasetError(.invalidParameter, "frame \(f): lattice contains NaN or infinite values; remove them before writing")
      }
    }
    if let pbc = frame.pbc, pbc.count != 3 {
      throw DatasetError(.invalidParameter, "frame \(f): pbc has \(pbc.count) values; expected 3 (one per cell vector)")
    }
    for s in frame.species where s.isEmpty || s.unicodeScalars.contains(where: \.properties.isWhitespace) {
      throw DatasetError(.invalidParameter, "frame \(f): species '\(s)' is empty or contains whitespace; use chemical symbols such as O or H")
    }
    for (key, value) in frame.info where value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
      throw DatasetError(.invalidParameter, "frame \(f): the value of info key '\(key)' contains a line break, which would end the comment line; remove it")
    }
    for key in frame.info.keys where key.isEmpty || key.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "=" || $0 == "\"" }) || ["Lattice", "Properties", "pbc"].contains(key) {
      throw DatasetError(.invalidParameter, "frame \(f): info key '\(key)' is empty, reserved or contains whitespace, '=' or a quote; use a plain identifier such as energy_hartree (set lattice and pbc through their properties)")
    }
    if let e = frame.info["energy"], Double(e)?.isFinite != true {
      throw DatasetError(.invalidParameter, "frame \(f): energy '\(e)' is not a finite number; set energy to the energy in eV")
    }
  }
}
