// Test helpers for DatasetCommandsTests: run the built `symscale` in a scratch directory.
import Foundation
import _TestSupport

enum SymscaleDatasetRunner {
  /// Runs `symscale` with `arguments` in `directory`.
  static func run(_ arguments: [String], in directory: URL) throws -> BuiltProducts.Outcome {
    try BuiltProducts.run("symscale", arguments, in: directory)
  }

  /// A fresh scratch directory.
  static func scratchDirectory() throws -> URL { try BuiltProducts.temporaryFolder("symscale-dataset-tests") }

  /// Reads a CSV file written by symscale: header names and rows of numbers.
  static func readCSV(_ url: URL) throws -> (names: [String], rows: [[Double]]) {
    let table = try TestData.readCSV(url)
    return (table.header, table.rows)
  }
}
