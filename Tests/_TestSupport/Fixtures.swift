// Internal test support: seeded random data and fixture loading for the package's tests.
import Foundation
import LinearAlgebra

/// Seeded random test data.
public enum TestData {
  /// A random symmetric positive-definite matrix A = B Bᵀ + n·I (well conditioned), seeded.
  public static func spdMatrix(order n: Int, seed: UInt64) throws -> Matrix {
    var g = SeededGenerator(seed: seed)
    let b = try g.gaussianMatrix(rows: n, columns: n)
    var a = b.gram()
    a.addToDiagonal(Double(n))
    return a
  }

  /// Reads a numeric CSV file with one header row into (header, rows). For fixtures only:
  /// user-facing CSV reading lives in `Datasets`.
  public static func readCSV(_ url: URL) throws -> (header: [String], rows: [[Double]]) {
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    guard !lines.isEmpty else { return ([], []) }
    let header = lines.removeFirst().split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    let rows = lines.filter { !$0.isEmpty }.map { line in
      line.split(separator: ",").map { Double(String($0).trimmingCharacters(in: .whitespaces))! }
    }
    return (header, rows)
  }
}
