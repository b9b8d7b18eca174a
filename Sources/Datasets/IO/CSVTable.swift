import LinearAlgebra

/// A numeric table read from or written to a CSV file: named columns over a matrix of values.
///
/// One row of `values` per data row of the file, one column per header cell, in file order.
///
/// ```swift
/// let t = try CSV.parse("r1,r2,theta\n1.8,1.8,1.82\n")
/// t.columnNames                          // ["r1", "r2", "theta"]
/// try t.columns(["theta", "r1"]).row(0)  // [1.82, 1.8]
/// ```
public struct CSVTable: Sendable, Equatable {
  /// Column names, from the header row.
  public var columnNames: [String]
  /// Values, one row per data row and one column per name.
  public var values: Matrix
  /// The path the table was read from, used in error messages (`nil` for tables built in code).
  public var source: String?

  /// A table from names and values.
  ///
  /// - Throws: ``DatasetError`` `.shapeMismatch` unless there is one name per column of `values`.
  public init(columnNames: [String], values: Matrix, source: String? = nil) throws(DatasetError) {
    guard columnNames.count == values.columns else {
      throw DatasetError(.shapeMismatch, "\(columnNames.count) column names (\(columnNames.joined(separator: ","))) for \(values.columns) columns of values; give one name per column")
    }
    self.columnNames = columnNames
    self.values = values
    self.source = source
  }

  /// Tables are equal when their names and values are; `source` is not compared.
  public static func == (a: CSVTable, b: CSVTable) -> Bool {
    a.columnNames == b.columnNames && a.values == b.values
  }

  /// Number of data rows.
  public var rowCount: Int { values.rows }

  /// The index of the column called `name`.
  ///
  /// - Throws: `DatasetError` with code `unknownName` when no column has that name; the
  ///   message lists the columns found.
  public func index(ofColumn name: String) throws(DatasetError) -> Int {
    guard let j = columnNames.firstIndex(of: name) else {
      throw DatasetError(
        .unknownName,
        "missing required column '\(name)'; the header has columns \(columnNames.map { "'\($0)'" }.joined(separator: ", ")). Add a column named '\(name)' to the header row or choose one of those",
        file: source, line: source == nil ? nil : 1)
    }
    return j
  }

  /// The column called `name`.
  /// - Throws: `DatasetError` (`unknownName`) listing the columns found.
  public func column(_ name: String) throws(DatasetError) -> [Double] {
    values.column(try index(ofColumn: name))
  }

  /// The columns called `names`, in that order, as an n × `names.count` matrix.
  ///
  /// - Throws: `DatasetError` (`unknownName`) for the first name not in the header,
  ///   listing the columns found.
  /// - Complexity: O(n · names.count).
  public func columns(_ names: [String]) throws(DatasetError) -> Matrix {
    var indices: [Int] = []
    for name in names { indices.append(try index(ofColumn: name)) }
    let n = values.rows, d = values.columns, k = indices.count
    var out = [Double](repeating: 0, count: n * k)
    values.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for i in 0..<n {
          for (c, j) in indices.enumerated() { dst[i * k + c] = src[i * d + j] }
        }
      }
    }
    return Matrix(rows: n, columns: k, elements: out)
  }
}
