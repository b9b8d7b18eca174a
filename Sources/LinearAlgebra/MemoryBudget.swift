import Foundation

/// How much memory the package's large allocations (kernel matrices, augmented systems) may use.
///
/// Every entry point that allocates an n × n matrix checks `8 n²` bytes against
/// ``MemoryBudget/bytes`` first and throws ``LinearAlgebraError/Code/exceedsMemoryBudget``
/// instead of letting the process be killed. The default is half the physical memory.
public enum MemoryBudget {
  /// The budget in bytes. Defaults to half of the machine's physical memory.
  nonisolated(unsafe) public static var bytes: Int = Int(ProcessInfo.processInfo.physicalMemory / 2)

  /// Throws when a square `order × order` matrix of `Double` would exceed the budget.
  /// - Parameters:
  ///   - order: the matrix order n (n × n).
  ///   - copies: how many such matrices the caller will hold at once.
  public static func checkSquare(order: Int, copies: Int = 1) throws(LinearAlgebraError) {
    let (squared, o1) = order.multipliedReportingOverflow(by: order)
    let (bytesPer, o2) = squared.multipliedReportingOverflow(by: 8)
    let (needed, o3) = bytesPer.multipliedReportingOverflow(by: max(copies, 1))
    let budget = bytes
    if o1 || o2 || o3 || needed > budget {
      throw LinearAlgebraError(code: .exceedsMemoryBudget, order: order,
                               bytesNeeded: (o1 || o2 || o3) ? Int.max : needed, bytesAvailable: budget)
    }
  }

  /// Throws when `copies` matrices of `rows × columns` `Double`s would exceed the budget (or
  /// when the byte count overflows `Int`). Negative sizes count as zero.
  ///
  /// Use it before allocating anything whose size comes from a user: a sample count, a number
  /// of repeats, a file's announced row count.
  ///
  /// ```swift
  /// try MemoryBudget.check(rows: 1_000_000_000_000, columns: 4)   // throws: needs 29.1 TiB
  /// ```
  ///
  /// - Throws: ``LinearAlgebraError`` `.exceedsMemoryBudget` with the bytes needed (`Int.max`
  ///   when the count overflows) and the budget.
  /// - Complexity: O(1).
  public static func check(rows: Int, columns: Int, copies: Int = 1) throws(LinearAlgebraError) {
    let (elements, o1) = max(rows, 0).multipliedReportingOverflow(by: max(columns, 0))
    let (bytesPer, o2) = elements.multipliedReportingOverflow(by: 8)
    let (needed, o3) = bytesPer.multipliedReportingOverflow(by: max(copies, 1))
    let budget = bytes
    if o1 || o2 || o3 || needed > budget {
      throw LinearAlgebraError(code: .exceedsMemoryBudget, order: rows, columns: columns,
                               bytesNeeded: (o1 || o2 || o3) ? Int.max : needed, bytesAvailable: budget)
    }
  }

  /// The largest order n whose `copies` n × n matrices of `Double` fit in the budget.
  ///
  /// - Complexity: O(1).
  public static func largestSquareOrder(copies: Int = 1) -> Int {
    Int((Double(bytes) / 8 / Double(max(copies, 1))).squareRoot())
  }

  /// "1.5 GiB"-style rendering of a byte count.
  public static func format(bytes: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
    return unit == 0 ? "\(bytes) bytes" : "\(String(format: "%.1f", value)) \(units[unit])"
  }
}
