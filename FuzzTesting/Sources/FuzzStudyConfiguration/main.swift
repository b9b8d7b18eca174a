// libFuzzer entry point for the study-configuration parser (`StudyConfiguration(json:)`, as
// `symscale learning-curve --config` reads files). Malformed or out-of-range input must throw
// `LearningCurvesError`; a trap, an overflow or an address-sanitizer report is a bug.
import Foundation
import LearningCurves
import LinearAlgebra

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStudyConfiguration(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  MemoryBudget.bytes = 64 << 20
  let data = Data(bytes: start, count: count)
  guard let configuration = try? StudyConfiguration(json: data, baseDirectory: URL(fileURLWithPath: "/nonexistent")) else {
    return 0
  }
  // The command line's --quick shrinks a parsed configuration; the names it holds print.
  let quick = configuration.quick()
  for variant in quick.variants { _ = variant.symmetry.description + variant.symmetry.variantName }
  return 0
}
