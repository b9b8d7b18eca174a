import LinearAlgebra
import Testing

@Suite("MemoryBudget")
struct MemoryBudgetTests {
  @Test("a matrix over the budget throws with the bytes needed and the budget")
  func overBudget() {
    let error = #expect(throws: LinearAlgebraError.self) {
      try MemoryBudget.checkSquare(order: 1_000_000)  // 8e12 bytes: over any machine's half-memory budget
    }
    #expect(error?.code == .exceedsMemoryBudget)
    #expect(error?.bytesNeeded == 8_000_000_000_000)
    #expect(error?.description.contains("needs 7.3 TiB") == true)
    #expect(error?.description.contains("Use fewer samples") == true)
  }

  @Test("small matrices pass and overflow is caught")
  func smallAndOverflow() throws {
    try MemoryBudget.checkSquare(order: 100)
    #expect(throws: LinearAlgebraError.self) { try MemoryBudget.checkSquare(order: Int.max / 2) }
  }
}
