// libFuzzer entry point for the CSV reader (`CSV.parse`, as `symscale fit` and `learning-curve
// --data` read files). Malformed input must throw `DatasetError`; anything else — a trap, an
// overflow, an address-sanitizer report, a table that does not survive being written and read
// back — is a bug.
import Datasets
import LinearAlgebra

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  // A small budget: every size taken from the input is checked against it before allocating.
  MemoryBudget.bytes = 64 << 20
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  guard let table = try? CSV.parse(text, file: "fuzz.csv") else { return 0 }
  // What the command-line tool does next: the label column, the inputs, the samples.
  if let j = try? table.index(ofColumn: CSV.labelColumnName) {
    let inputNames = table.columnNames.enumerated().filter { $0.offset != j }.map(\.element)
    if let inputs = try? table.columns(inputNames) {
      _ = try? Dataset(inputs: inputs, labels: table.values.column(j))
    }
  }
  // A table that was read must be written and read back unchanged (values are finite,
  // names are non-empty; a name with a comma or quote may be refused by the writer).
  if let written = try? CSV.format(table) {
    let back = try! CSV.parse(written, file: "fuzz-roundtrip.csv")
    if back != table { fatalError("CSV round trip changed the table \(table) into \(back), written as \(written.debugDescription)") }
  }
  return 0
}
