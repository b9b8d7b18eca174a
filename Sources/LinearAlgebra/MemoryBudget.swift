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
  /// - Parameter copies: how many such matrices the caller will hold at once.
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

  /// "1.5 GiB"-style rendering of a byte count.
  public static func format(bytes: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
    return unit == 0 ? "\(bytes) bytes" : "\(String(format: "%.1f", value)) \(units[unit])"
  }
}
