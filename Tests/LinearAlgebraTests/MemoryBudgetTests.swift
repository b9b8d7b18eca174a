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

  @Test("a rows × columns allocation over the budget names its shape and size; overflow is caught")
  func rectangular() throws {
    try MemoryBudget.check(rows: 1000, columns: 3)
    let error = #expect(throws: LinearAlgebraError.self) { try MemoryBudget.check(rows: 1_000_000_000_000, columns: 4) }
    #expect(error?.code == .exceedsMemoryBudget)
    #expect(error?.bytesNeeded == 32_000_000_000_000)
    #expect(error?.description.hasPrefix("A 1000000000000 × 4 matrix needs 29.1 TiB but the memory budget is ") == true)
    let overflow = #expect(throws: LinearAlgebraError.self) { try MemoryBudget.check(rows: Int.max, columns: 3) }
    #expect(overflow?.bytesNeeded == Int.max)
    #expect(overflow?.description.contains("needs more than 8.0 EiB") == true)
  }

  @Test("the largest square order fits the budget and the next one does not")
  func largestSquareOrder() throws {
    let n = MemoryBudget.largestSquareOrder()
    try MemoryBudget.checkSquare(order: n)
    #expect(throws: LinearAlgebraError.self) { try MemoryBudget.checkSquare(order: n + 1) }
  }
}
