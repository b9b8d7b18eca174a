import Foundation
import LinearAlgebra
import Regression
import Testing

@Suite("Regression error")
struct RegressionErrorTests {
  @Test("a memory-budget failure from LinearAlgebra is translated with the bytes needed")
  func wrapsMemory() {
    do {
      try MemoryBudget.checkSquare(order: 1 << 24)
      Issue.record("a 2^24 × 2^24 matrix fitted the budget")
    } catch {
      let e = RegressionError(wrapping: error, regularizer: "ridge λ = 1")
      #expect(e.code == .exceedsMemoryBudget)
      #expect(e.description.contains("16777216 training samples need 2251799813685248 bytes (2.0 PiB)"))
      #expect(e.description.contains("Use fewer training samples"))
      #expect(e.underlying == error)
    }
  }

  @Test("a Cholesky failure is translated with the minor, the jitter tried and a larger ridge")
  func wrapsCholesky() {
    do {
      _ = try Cholesky(factoring: Matrix(rows: [[1, 2], [2, 1]]), jitter: .escalating(initial: 1e-8, maximum: 1e-7))
      Issue.record("an indefinite matrix was factorised")
    } catch {
      let e = RegressionError(wrapping: error, regularizer: "noise level = 0.01")
      #expect(e.code == .notPositiveDefinite)
      #expect(e.description == "The 2 × 2 kernel matrix (with noise level = 0.01) is not positive definite: Cholesky failed at the leading minor of order 2 even after adding diagonal jitter 0, 1e-08, 1e-07. Increase the noise (e.g. by a factor of 10), remove duplicate inputs, or check that the kernel is positive semi-definite.")
    }
  }

  @Test("several problems are all kept, the first one giving the code")
  func severalProblems() {
    let e = RegressionError(problems: [.init(code: .countMismatch, message: "a"), .init(code: .nonFiniteInput, message: "b")])
    #expect(e.code == .countMismatch)
    #expect(e.description == "a\nb")
    #expect(RegressionError.Code.countMismatch.description == "countMismatch")
  }
}
