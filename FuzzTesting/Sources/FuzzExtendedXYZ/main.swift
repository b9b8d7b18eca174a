// libFuzzer entry point for the extended XYZ reader (`ExtendedXYZ.parse`, as `symscale pes
// --extxyz` and `learning-curve --data` read files). Malformed input must throw `DatasetError`;
// a trap, an overflow, an address-sanitizer report, or frames the writer accepts but the reader
// then refuses, is a bug.
import Datasets
import LinearAlgebra

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtendedXYZ(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  MemoryBudget.bytes = 64 << 20
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  guard let frames = try? ExtendedXYZ.parse(text, file: "fuzz.xyz") else { return 0 }
  // What the command-line tool does next: a data set of flattened positions.
  _ = try? ExtendedXYZ.dataset(frames)
  // Frames the writer accepts must read back with the same atoms and positions.
  if let written = try? ExtendedXYZ.format(frames) {
    let back = try! ExtendedXYZ.parse(written, file: "fuzz-roundtrip.xyz")
    if back.count != frames.count { fatalError("extended XYZ round trip changed the frame count: \(written.debugDescription)") }
    for (a, b) in zip(frames, back) where !(a.species == b.species && a.positions == b.positions && a.forces == b.forces) {
      fatalError("extended XYZ round trip changed a frame: \(a) became \(b), written as \(written.debugDescription)")
    }
  }
  return 0
}
