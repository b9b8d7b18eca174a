import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Datasets

/// A fresh file path in the temporary directory, with `text` written to it if given.
func scratchFile(_ name: String, _ text: String? = nil) throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("symscale-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let url = dir.appendingPathComponent(name)
  if let text { try text.write(to: url, atomically: true, encoding: .utf8) }
  return url
}

/// The `DatasetError` thrown by `body`, or `nil` (also when it throws nothing or another error).
func caughtDatasetError(_ body: () throws -> Void) -> DatasetError? {
  do { try body() } catch let e as DatasetError { return e } catch { return nil }
  return nil
}

@Suite("CSV")
struct CSVTests {
  @Test("reads a peer-convention file into a labelled data set")
  func readsPeerConvention() throws {
    let url = try scratchFile("train.csv", "x0,x1,y\n1,2,3\n-4.5,6e-3,0.25\n")
    let d = try CSV.readDataset(from: url)
    #expect(try d.inputs == Matrix(rows: [[1, 2], [-4.5, 6e-3]]))
    #expect(d.labels == [3, 0.25])
    let (inputs, labels) = try CSV.readSamples(from: url)
    #expect(inputs == d.inputs)
    #expect(labels == d.labels)
  }

  @Test("treats a file whose last column is not y as unlabelled inputs")
  func readsUnlabelled() throws {
    let url = try scratchFile("test.csv", "x0,x1,x2\n1,2,3\n4,5,6\n")
    let (inputs, labels) = try CSV.readSamples(from: url)
    #expect(try inputs == Matrix(rows: [[1, 2, 3], [4, 5, 6]]))
    #expect(labels == nil)
  }

  @Test("uses a named label column and keeps the other columns in file order")
  func readsNamedLabel() throws {
    let url = try scratchFile("e.csv", "r1,energy,r2,theta\n1.8,-0.5,1.9,1.8\n")
    let d = try CSV.readDataset(from: url, labelColumn: "energy")
    #expect(try d.inputs == Matrix(rows: [[1.8, 1.9, 1.8]]))
    #expect(d.labels == [-0.5])
  }

  @Test("reads named columns in the requested order")
  func readsNamedColumns() throws {
    let url = try scratchFile("p.csv", "id,z,x,y\n7,3,1,2\n8,6,4,5\n")
    let m = try CSV.readColumns(["x", "y", "z"], from: url)
    #expect(try m == Matrix(rows: [[1, 2, 3], [4, 5, 6]]))
  }

  @Test("tolerates CRLF, spaces and tabs around cells, blank lines, quoted names and no final newline")
  func toleratesFormatting() throws {
    let t = try CSV.parse("\"x0\" , x1 ,y\r\n 1 ,\t2,3 \r\n\r\n4,5, 6")
    #expect(t.columnNames == ["x0", "x1", "y"])
    #expect(try t.values == Matrix(rows: [[1, 2, 3], [4, 5, 6]]))
  }

  @Test("formats with 17 significant digits like printf %.17g")
  func formatsSeventeenDigits() {
    #expect(CSV.formatSignificant17(0.1) == "0.10000000000000001")
    #expect(CSV.formatSignificant17(1) == "1")
    #expect(CSV.formatSignificant17(-2.5e-300) == "-2.5e-300")
    #expect(CSV.formatSignificant17(Double(sign: .plus, exponent: -1030, significand: 1.25)) == "1.0864618449742194e-310")
    #expect(CSV.formatSignificant17(1.0 / 3.0) == "0.33333333333333331")
  }

  @Test("round-trips doubles bit for bit through a file", arguments: [UInt64(1), 2, 3])
  func roundTripsBitExact(seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    var values: [Double] = [0, -0.0, .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude, 0.1, 0x1p-1030]
    while values.count < 300 {
      let x = Double(bitPattern: g.next())
      if x.isFinite { values.append(x) }
    }
    for _ in 0..<60 { values.append(g.gaussian()) }
    let table = try CSVTable(columnNames: ["a", "b", "c"], values: Matrix(rows: values.count / 3, columns: 3, elements: Array(values.prefix(values.count / 3 * 3))))
    let url = try scratchFile("round.csv")
    try CSV.write(table, to: url)
    let back = try CSV.read(contentsOf: url)
    #expect(back.columnNames == table.columnNames)
    #expect(back.values.elements.map(\.bitPattern) == table.values.elements.map(\.bitPattern))
  }

  @Test("writes a data set with the peer header and reads it back")
  func writesDataset() throws {
    var g = SeededGenerator(seed: 9)
    let d = try Dataset(inputs: try g.gaussianMatrix(rows: 5, columns: 3), labels: (0..<5).map { _ in g.gaussian() })
    let url = try scratchFile("d.csv")
    try CSV.write(d, to: url)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.hasPrefix("x0,x1,x2,y\n"))
    #expect(try CSV.readDataset(from: url) == d)
  }

  @Test("reads the peer's files and writes the same bytes back")
  func peerFiles() throws {
    struct Expected: Decodable { var inputs: [[Double]]; var labels: [Double] }
    let train = try #require(Bundle.module.url(forResource: "peer_train", withExtension: "csv", subdirectory: "Fixtures"))
    let json = try #require(Bundle.module.url(forResource: "peer_train", withExtension: "json", subdirectory: "Fixtures"))
    let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: json))
    let d = try CSV.readDataset(from: train)
    #expect(try d.inputs == Matrix(rows: expected.inputs))
    #expect(d.labels == expected.labels)
    let out = try scratchFile("train.csv")
    try CSV.write(d, to: out)
    #expect(try Data(contentsOf: out) == Data(contentsOf: train))

    let inputsURL = try #require(Bundle.module.url(forResource: "peer_inputs", withExtension: "csv", subdirectory: "Fixtures"))
    let (inputs, labels) = try CSV.readSamples(from: inputsURL)
    #expect(labels == nil)
    #expect(inputs.rows == 10 && inputs.columns == 3)
    let out2 = try scratchFile("inputs.csv")
    try CSV.write(CSVTable(columnNames: ["x0", "x1", "x2"], values: inputs), to: out2)
    #expect(try Data(contentsOf: out2) == Data(contentsOf: inputsURL))
  }

  // MARK: - Errors

  @Test("reports a missing file with its path")
  func missingFile() throws {
    let url = try scratchFile("absent.csv")
    let e = caughtDatasetError { _ = try CSV.read(contentsOf: url) }
    #expect(e?.code == .unreadableFile)
    #expect(e?.description == "\(url.path): no such file; check the path and the working directory")
  }

  @Test("reports a directory as unreadable")
  func directory() throws {
    let url = try scratchFile("x.csv").deletingLastPathComponent()
    #expect(throws: DatasetError.self) { try CSV.read(contentsOf: url) }
    let e = caughtDatasetError { _ = try CSV.read(contentsOf: url) }
    #expect(e?.code == .unreadableFile)
    #expect(e?.description == "\(url.path): it is a folder; give a file")
  }

  @Test("reports an empty file", arguments: ["", "\n\n", "  \r\n"])
  func emptyFile(text: String) {
    #expect(throws: DatasetError.self) { try CSV.parse(text, file: "e.csv") }
    let e = caughtDatasetError { _ = try CSV.parse(text, file: "e.csv") }
    #expect(e?.code == .malformedFile)
    #expect(e?.description.hasPrefix("e.csv:1:1: empty file; expected a header row") == true)
  }

  @Test("reports a ragged row with file, line and column")
  func raggedRow() {
    let long = caughtDatasetError { _ = try CSV.parse("x0,x1,y\n1,2,3\n\n1,2,3,4\n", file: "r.csv") }
    #expect(long?.description == "r.csv:4:7: ragged row: 4 cells, expected 3 as in the header (x0,x1,y); fix the row or the header")
    let short = caughtDatasetError { _ = try CSV.parse("x0,x1,y\r\n1,2\r\n", file: "r.csv") }
    #expect(short?.description == "r.csv:2:4: ragged row: 2 cells, expected 3 as in the header (x0,x1,y); fix the row or the header")
    #expect(short?.line == 2 && short?.column == 4 && short?.file == "r.csv")
  }

  @Test("reports a non-numeric cell, quoting it")
  func nonNumeric() {
    let e = caughtDatasetError { _ = try CSV.parse("x0,x1,y\n1, abc ,3\n", file: "n.csv") }
    #expect(e?.code == .malformedFile)
    #expect(e?.description == "n.csv:2:4: cell 'abc' in column 'x1' is not a number; expected a decimal number such as 1.5 or -2e-3")
    let empty = caughtDatasetError { _ = try CSV.parse("x0,y\n1,\n", file: "n.csv") }
    #expect(empty?.description == "n.csv:2:3: cell '' in column 'y' is not a number; expected a decimal number such as 1.5 or -2e-3")
  }

  @Test("reports NaN and infinite cells", arguments: ["nan", "NaN", "inf", "-infinity"])
  func nonFinite(cell: String) {
    let e = caughtDatasetError { _ = try CSV.parse("x0,y\n1,2\n\(cell),3\n", file: "f.csv") }
    #expect(e?.code == .malformedFile)
    #expect(e?.description == "f.csv:3:1: cell '\(cell)' in column 'x0' is not finite; expected a finite number (remove or replace NaN and infinite values)")
  }

  @Test("reports a missing required column, listing the columns found")
  func missingColumn() throws {
    let url = try scratchFile("m.csv", "a,b\n1,2\n")
    let e = caughtDatasetError { _ = try CSV.readColumns(["x", "y", "z"], from: url) }
    #expect(e?.code == .unknownName)
    #expect(e?.description == "\(url.path):1: missing required column 'x'; the header has columns 'a', 'b'. Add a column named 'x' to the header row or choose one of those")
    let noLabel = caughtDatasetError { _ = try CSV.readDataset(from: url) }
    #expect(noLabel?.message.hasPrefix("missing required column 'y'") == true)
  }

  @Test("reports duplicate and empty header names")
  func badHeader() {
    let dup = caughtDatasetError { _ = try CSV.parse("x,y,x\n1,2,3\n", file: "h.csv") }
    #expect(dup?.description == "h.csv:1:5: the header names column 'x' twice; expected distinct column names")
    let empty = caughtDatasetError { _ = try CSV.parse("x,,y\n1,2,3\n", file: "h.csv") }
    #expect(empty?.description == "h.csv:1:3: header cell 2 is empty; expected a column name in every header cell (e.g. x0,x1,y)")
  }

  @Test("refuses to write non-finite values and bad names")
  func writeErrors() throws {
    let url = try scratchFile("w.csv")
    let nan = try CSVTable(columnNames: ["a", "b"], values: try Matrix(rows: [[1, 2], [3, .nan]]))
    let e = caughtDatasetError { try CSV.write(nan, to: url) }
    #expect(e?.code == .invalidParameter)
    #expect(e?.description == "value nan in row 2, column 'b' is not finite and could not be read back; remove or replace non-finite values before writing")
    let comma = try CSVTable(columnNames: ["a,b"], values: try Matrix(rows: [[1]]))
    let c = caughtDatasetError { try CSV.write(comma, to: url) }
    #expect(c?.description == "column 1 has the name 'a,b', which is empty or contains a comma, quote or line break; use a plain name such as 'x0'")
    let d = try Dataset(inputs: try Matrix(rows: [[1, 2]]), labels: [3])
    let s = caughtDatasetError { try CSV.write(d, to: url, inputNames: ["r"]) }
    #expect(s?.code == .shapeMismatch)
    #expect(s?.description == "1 input column names for 2 input columns; give exactly 2 names or omit them for x0…x1")
    let missingDir = url.deletingLastPathComponent().appendingPathComponent("no/such/dir/w.csv")
    let u = caughtDatasetError { try CSV.write(d, to: missingDir) }
    #expect(u?.code == .unreadableFile)
    #expect(u?.description.hasPrefix("\(missingDir.path): cannot write the CSV file") == true)
  }

  @Test("reads CR-only line ends (classic Mac OS) as lines, and CRLF and LF mixed")
  func crOnlyLineEnds() throws {
    let table = try CSV.parse("x0,y\r1,2\r3,4\r")
    #expect(table.columnNames == ["x0", "y"])
    #expect(try table.values == Matrix(rows: [[1, 2], [3, 4]]))
    let mixed = try CSV.parse("x0,y\r\n1,2\n3,4\r5,6")
    #expect(mixed.rowCount == 3)
    let e = caughtDatasetError { _ = try CSV.parse("x0,y\r1,2\r3\r", file: "c.csv") }
    #expect(e?.description == "c.csv:3:2: ragged row: 1 cells, expected 2 as in the header (x0,y); fix the row or the header")
  }

  @Test("a header without data rows reads as zero samples with the header's columns")
  func headerOnly() throws {
    let url = try scratchFile("empty.csv", "x0,x1,y\n\n")
    let d = try CSV.readDataset(from: url)
    #expect(d.count == 0 && d.dimension == 2)
    let unlabelled = try CSV.readSamples(from: try scratchFile("t.csv", "x0,x1\n"))
    #expect(unlabelled.inputs.rows == 0 && unlabelled.inputs.columns == 2 && unlabelled.labels == nil)
  }

  @Test("a file with only the label column is refused: its samples would have no inputs")
  func onlyLabelColumn() throws {
    let url = try scratchFile("y.csv", "y\n1\n2\n")
    let e = caughtDatasetError { _ = try CSV.readDataset(from: url) }
    #expect(e?.code == .malformedFile)
    #expect(e?.description == "\(url.path):1:1: the header has only the label column 'y'; expected input columns before it (e.g. x0,x1,y)")
    #expect(try CSV.readSamples(from: url).labels == nil)
  }

  @Test("a table needs one name per column")
  func tableShape() {
    let e = caughtDatasetError { _ = try CSVTable(columnNames: ["a"], values: Matrix(rows: 0, columns: 0)) }
    #expect(e?.description == "1 column names (a) for 0 columns of values; give one name per column")
  }

  @Test("names the reader would change are written in quotes and read back unchanged (fuzz: a quoted byte-order mark)",
        arguments: ["\u{FEFF}", " a", "b\t", "\u{FEFF}x0"])
  func quotedNamesRoundTrip(name: String) throws {
    let table = try CSVTable(columnNames: [name, "y"], values: Matrix(rows: 1, columns: 2, elements: [1, 2]))
    #expect(try CSV.parse(CSV.format(table)) == table)
    #expect(try CSV.parse("\"\u{FEFF}\"\n1\n").columnNames == ["\u{FEFF}"])
  }

  @Test("a column name whose comma hides behind a combining mark is refused, not written unreadable")
  func combiningComma() throws {
    let table = try CSVTable(columnNames: ["a,\u{301}b", "y"], values: Matrix(rows: 1, columns: 2, elements: [1, 2]))
    let e = caughtDatasetError { _ = try CSV.format(table) }
    #expect(e?.code == .invalidParameter)
  }
}
