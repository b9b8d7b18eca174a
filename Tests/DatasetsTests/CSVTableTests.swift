import LinearAlgebra
import Testing
import _TestSupport

@testable import Datasets

@Suite("CSV table")
struct CSVTableTests {
  let table: CSVTable

  init() throws {
    table = try CSVTable(columnNames: ["a", "b", "c"], values: Matrix(rows: [[1, 2, 3], [4, 5, 6]]))
  }

  @Test("selects columns by name, in the requested order, repeats allowed")
  func selects() throws {
    #expect(try table.columns(["c", "a", "c"]) == Matrix(rows: [[3, 1, 3], [6, 4, 6]]))
    #expect(try table.column("b") == [2, 5])
    #expect(try table.index(ofColumn: "c") == 2)
    #expect(table.rowCount == 2)
    #expect(try table.columns([]) == Matrix(rows: 2, columns: 0))
  }

  @Test("equality ignores the source path")
  func equality() {
    var other = table
    other.source = "elsewhere.csv"
    #expect(other == table)
    other.values[0, 0] = 9
    #expect(other != table)
  }

  @Test("a missing column names the columns found, without a file for tables built in code")
  func missing() {
    let e = caughtDatasetError { _ = try table.column("y") }
    #expect(e?.code == .unknownName)
    #expect(e?.file == nil && e?.line == nil)
    #expect(e?.description == "missing required column 'y'; the header has columns 'a', 'b', 'c'. Add a column named 'y' to the header row or choose one of those")
  }
}
