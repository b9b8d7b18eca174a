import Foundation
import LinearAlgebra

/// Reading and writing numeric CSV files: one header row of column names, then one sample per
/// row, comma separated.
///
/// The conventions are those of the project's scikit-learn peer (`peers/sklearn_peer.py`): a
/// labelled file has the header `x0,...,x{d-1},y`; a file whose last column is not `y` holds
/// inputs only (a test set without labels). Values are written with 17 significant digits
/// (`%.17g`), which round-trips every `Double` bit for bit.
///
/// Reading tolerates LF, CRLF and CR-only line ends, a UTF-8 byte-order mark, a missing or
/// present trailing newline, blank lines, and spaces or tabs around cells; header names may be wrapped in double quotes. Every cell must
/// parse as a finite number.
///
/// ```swift
/// let d = try CSV.readDataset(from: URL(fileURLWithPath: "train.csv"))  // x0,x1,x2,y
/// try CSV.write(d, to: URL(fileURLWithPath: "copy.csv"))                // same bytes back
/// let g = try CSV.readColumns(["r1", "r2", "theta"], from: URL(fileURLWithPath: "geometries.csv"))
/// ```
///
/// Malformed files throw `DatasetError` whose description starts with `file:line:column`
/// (1-based; the column counts bytes from the start of the line to the offending cell).
public enum CSV {
  /// The conventional label column name.
  public static let labelColumnName = "y"

  // MARK: - Reading

  /// Reads a numeric CSV file with a header row.
  ///
  /// - Parameter url: A file URL.
  /// - Returns: The column names and an n × d matrix of values.
  /// - Throws: `DatasetError`: `unreadableFile` (missing or unreadable file), `malformedFile`
  ///   (empty file, empty or duplicate header names, ragged row, non-numeric cell, NaN or
  ///   infinite cell), each with file, line and column.
  /// - Complexity: O(file size).
  public static func read(contentsOf url: URL) throws(DatasetError) -> CSVTable {
    let bytes = try readBytes(url)
    return try parse(bytes: bytes, file: url.path)
  }

  /// Parses CSV text (see ``read(contentsOf:)``); `file` names the source in error messages.
  public static func parse(_ text: String, file: String = "<text>") throws(DatasetError) -> CSVTable {
    try parse(bytes: Array(text.utf8), file: file)
  }

  /// Reads the named columns of a CSV file, in the order given (e.g. `["r1", "r2", "theta"]`
  /// or `["x", "y", "z"]`). Other columns are ignored.
  ///
  /// - Returns: An n × `names.count` matrix.
  /// - Throws: `DatasetError` as ``read(contentsOf:)``, and `unknownName` for a missing
  ///   column, listing the columns found.
  public static func readColumns(_ names: [String], from url: URL) throws(DatasetError) -> Matrix {
    try read(contentsOf: url).columns(names)
  }

  /// Reads a labelled data set: the column `labelColumn` gives the labels, every other column
  /// (in file order) an input coordinate.
  ///
  /// - Parameters:
  ///   - url: A file URL.
  ///   - labelColumn: The label column's name; by default `y`, the peer convention.
  /// - Returns: A `Dataset` with n samples of dimension (columns − 1); n is 0 for a file with
  ///   a header and no data rows.
  /// - Throws: `DatasetError` as ``read(contentsOf:)``, `unknownName` when there is no
  ///   column `labelColumn` (the message lists the columns found), and `malformedFile` when
  ///   the label is the only column.
  public static func readDataset(from url: URL, labelColumn: String = labelColumnName) throws(DatasetError) -> Dataset {
    let table = try read(contentsOf: url)
    let j = try table.index(ofColumn: labelColumn)
    let inputNames = table.columnNames.enumerated().filter { $0.offset != j }.map(\.element)
    guard !inputNames.isEmpty else {
      throw DatasetError(.malformedFile, "the header has only the label column '\(labelColumn)'; expected input columns before it (e.g. x0,x1,\(labelColumn))", file: url.path, line: 1, column: 1)
    }
    return Dataset(checkedInputs: try table.columns(inputNames), labels: table.values.column(j))
  }

  /// Reads a file in the peer convention: when the last column is `y` it holds the labels and
  /// the others the inputs; otherwise every column is an input and `labels` is `nil`.
  ///
  /// - Returns: Inputs (n × d) and the labels if the file has them.
  /// - Throws: `DatasetError` as ``read(contentsOf:)``.
  public static func readSamples(from url: URL) throws(DatasetError) -> (inputs: Matrix, labels: [Double]?) {
    let table = try read(contentsOf: url)
    guard table.columnNames.last == labelColumnName, table.columnNames.count > 1 else { return (table.values, nil) }
    let inputNames = Array(table.columnNames.dropLast())
    return (try table.columns(inputNames), table.values.column(table.columnNames.count - 1))
  }

  // MARK: - Writing

  /// Writes a table: the header row, then each row with 17 significant digits.
  ///
  /// - Throws: `DatasetError`: `invalidParameter` for a NaN or infinite value (the file
  ///   could not be read back) or a column name containing a comma, quote or line break;
  ///   `unreadableFile` when the file cannot be written.
  /// - Complexity: O(n · d).
  public static func write(_ table: CSVTable, to url: URL) throws(DatasetError) {
    let text = try format(table)
    do {
      try text.write(to: url, atomically: true, encoding: .utf8)
    } catch {
      throw DatasetError(.unreadableFile, "cannot write the CSV file: \(FileProblem.writing(url.path))", file: url.path)
    }
  }

  /// Writes a data set in the peer convention: columns `x0,...,x{d-1},y` (or the given
  /// names), labels last.
  ///
  /// - Parameters:
  ///   - dataset: The samples to write (gradients are not written).
  ///   - url: A file URL.
  ///   - inputNames: Names of the input columns; by default `x0` … `x{d-1}`.
  ///   - labelName: Name of the label column; by default `y`.
  /// - Throws: `DatasetError` as ``write(_:to:)-(CSVTable,_)``, and `shapeMismatch` when
  ///   `inputNames` does not have one name per input column.
  public static func write(_ dataset: Dataset, to url: URL, inputNames: [String]? = nil,
                           labelName: String = labelColumnName) throws(DatasetError) {
    try write(try table(dataset, inputNames: inputNames, labelName: labelName), to: url)
  }

  /// The table of a data set, inputs then labels (see ``write(_:to:inputNames:labelName:)``).
  public static func table(_ dataset: Dataset, inputNames: [String]? = nil,
                           labelName: String = labelColumnName) throws(DatasetError) -> CSVTable {
    let d = dataset.dimension
    let names = inputNames ?? (0..<d).map { "x\($0)" }
    guard names.count == d else {
      throw DatasetError(.shapeMismatch, "\(names.count) input column names for \(d) input columns; give exactly \(d) names or omit them for x0…x\(d - 1)")
    }
    var out = [Double](repeating: 0, count: dataset.count * (d + 1))
    for i in 0..<dataset.count {
      for j in 0..<d { out[i * (d + 1) + j] = dataset.inputs[i, j] }
      out[i * (d + 1) + d] = dataset.labels[i]
    }
    return try CSVTable(columnNames: names + [labelName], values: Matrix(rows: dataset.count, columns: d + 1, elements: out))
  }

  /// The CSV text of a table (header row, then `%.17g` values, `\n` line ends).
  /// - Throws: `DatasetError` (`invalidParameter`) for non-finite values or unusable names.
  public static func format(_ table: CSVTable) throws(DatasetError) -> String {
    for (j, name) in table.columnNames.enumerated()
    where name.isEmpty || name.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      throw DatasetError(.invalidParameter, "column \(j + 1) has the name '\(name)', which is empty or contains a comma, quote or line break; use a plain name such as 'x\(j)'")
    }
    // A name the reader would change (blanks at its ends are trimmed, a leading byte-order
    // mark is skipped) is written in double quotes, which the reader removes.
    var text = table.columnNames.map { name in
      let first = name.unicodeScalars.first!, last = name.unicodeScalars.last!
      let quoted = [" ", "\t", "\u{FEFF}"].contains(first) || [" ", "\t"].contains(last)
      return quoted ? "\"" + name + "\"" : name
    }.joined(separator: ",")
    text += "\n"
    let d = table.values.columns
    var failure: DatasetError? = nil
    table.values.withUnsafeBufferPointer { v in
      for i in 0..<table.values.rows {
        for j in 0..<d {
          let x = v[i * d + j]
          guard x.isFinite else {
            failure = DatasetError(.invalidParameter, "value \(describe(x)) in row \(i + 1), column '\(table.columnNames[j])' is not finite and could not be read back; remove or replace non-finite values before writing")
            return
          }
          if j > 0 { text += "," }
          text += formatSignificant17(x)
        }
        text += "\n"
      }
    }
    if let failure { throw failure }
    return text
  }

  /// A number for a message: `nan` (never `-nan`), `inf`, `-inf`, or the shortest digits that
  /// read back to `x`, with `-0` printed as `0`.
  static func describe(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    return "\(x + 0.0)"
  }

  /// `x` printed with `%.17g`.
  static func formatSignificant17(_ x: Double) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
      _ = withVaList([x]) { vsnprintf(buffer.baseAddress!, 40, "%.17g", $0) }
      return String(cString: buffer.baseAddress!)
    }
  }

  // MARK: - Parsing

  static func readBytes(_ url: URL) throws(DatasetError) -> [UInt8] {
    let path = url.path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
          let data = FileManager.default.contents(atPath: path) else {
      throw DatasetError(.unreadableFile, FileProblem.reading(path), file: path)
    }
    return [UInt8](data)
  }

  static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

  /// One line's fields as trimmed byte ranges, with the 1-based column of each field start.
  static func fields(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [(range: Range<Int>, column: Int)] {
    var out: [(Range<Int>, Int)] = []
    var cellStart = start
    var k = start
    while true {
      if k == end || bytes[k] == UInt8(ascii: ",") {
        var a = cellStart, b = k
        while a < b && isBlank(bytes[a]) { a += 1 }
        while b > a && isBlank(bytes[b - 1]) { b -= 1 }
        out.append((a..<b, a - start + 1))
        if k == end { break }
        cellStart = k + 1
      }
      k += 1
    }
    return out
  }

  static func parse(bytes: [UInt8], file: String) throws(DatasetError) -> CSVTable {
    var names: [String] = []
    var values: [Double] = []
    var rowCount = 0
    var lineNumber = 0
    var position = 0
    // Skip a UTF-8 byte-order mark.
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
    while position < bytes.count {
      lineNumber += 1
      // A line ends at LF, CRLF or a lone CR (classic Mac OS files).
      var end = position
      while end < bytes.count && bytes[end] != UInt8(ascii: "\n") && bytes[end] != UInt8(ascii: "\r") { end += 1 }
      var next = end + 1
      if end < bytes.count && bytes[end] == UInt8(ascii: "\r") && end + 1 < bytes.count && bytes[end + 1] == UInt8(ascii: "\n") { next += 1 }
      defer { position = next }
      var blank = true
      for k in position..<end where !isBlank(bytes[k]) { blank = false; break }
      if blank { continue }
      let cells = fields(bytes, position, end)
      if names.isEmpty {
        for cell in cells {
          var a = cell.range.lowerBound, b = cell.range.upperBound
          if b - a >= 2 && bytes[a] == UInt8(ascii: "\"") && bytes[b - 1] == UInt8(ascii: "\"") { a += 1; b -= 1 }
          let name = String(decoding: bytes[a..<b], as: UTF8.self)
          guard !name.isEmpty else {
            throw DatasetError(.malformedFile, "header cell \(names.count + 1) is empty; expected a column name in every header cell (e.g. x0,x1,y)", file: file, line: lineNumber, column: cell.column)
          }
          if names.contains(name) {
            throw DatasetError(.malformedFile, "the header names column '\(name)' twice; expected distinct column names", file: file, line: lineNumber, column: cell.column)
          }
          names.append(name)
        }
        continue
      }
      guard cells.count == names.count else {
        let column = cells.count > names.count ? cells[names.count].column : end - position + 1
        throw DatasetError(.malformedFile, "ragged row: \(cells.count) cells, expected \(names.count) as in the header (\(names.joined(separator: ","))); fix the row or the header", file: file, line: lineNumber, column: column)
      }
      for (j, cell) in cells.enumerated() {
        let text = String(decoding: bytes[cell.range], as: UTF8.self)
        guard let x = Double(text) else {
          throw DatasetError(.malformedFile, "cell '\(text)' in column '\(names[j])' is not a number; expected a decimal number such as 1.5 or -2e-3", file: file, line: lineNumber, column: cell.column)
        }
        guard x.isFinite else {
          throw DatasetError(.malformedFile, "cell '\(text)' in column '\(names[j])' is not finite; expected a finite number (remove or replace NaN and infinite values)", file: file, line: lineNumber, column: cell.column)
        }
        values.append(x)
      }
      rowCount += 1
    }
    guard !names.isEmpty else {
      throw DatasetError(.malformedFile, "empty file; expected a header row of column names (e.g. x0,x1,y) followed by numeric rows", file: file, line: 1, column: 1)
    }
    return try CSVTable(columnNames: names, values: Matrix(rows: rowCount, columns: names.count, elements: values), source: file)
  }
}
