/// What one process of a distributed Nyström fit holds: its rank, its rows, the input dimension and
/// the centres. Gathered from every process and checked with ``check(_:)`` before the iteration, so
/// that processes with different data shapes fail with a message instead of mismatched reductions.
public struct DistributedShape: Sendable, Hashable {
  /// The process's rank (0-based).
  public var rank: Int
  /// Rows this process holds (any number ≥ 0).
  public var rows: Int
  /// Input dimension d (must agree).
  public var dimension: Int
  /// Number of centres M (must agree).
  public var centres: Int
  /// Number of ridges solved at once (must agree).
  public var ridges: Int

  /// Creates a shape record.
  public init(rank: Int, rows: Int, dimension: Int, centres: Int, ridges: Int) {
    self.rank = rank
    self.rows = rows
    self.dimension = dimension
    self.centres = centres
    self.ridges = ridges
  }

  /// Checks that every process agrees on d, M and the number of ridges, and that N > 0 in total.
  ///
  /// - Parameter shapes: One record per process (any order).
  /// - Throws: ``RegressionError`` with code `dimensionMismatch` naming, for each quantity that
  ///   differs, the value on rank 0 and the ranks that hold another value; `emptyTrainingSet` when no
  ///   process holds a row.
  /// - Complexity: O(P) for P processes.
  public static func check(_ shapes: [DistributedShape]) throws(RegressionError) {
    let sorted = shapes.sorted { $0.rank < $1.rank }
    guard let first = sorted.first else { return }
    var problems: [RegressionError.Problem] = []
    func compare(_ name: String, _ value: (DistributedShape) -> Int, hint: String) {
      let odd = sorted.filter { value($0) != value(first) }
      guard !odd.isEmpty else { return }
      let list = odd.map { "rank \($0.rank): \(value($0))" }.joined(separator: ", ")
      problems.append(.init(code: .dimensionMismatch, message:
        "The processes disagree on the \(name): rank \(first.rank) has \(value(first)) but \(list). Every rank must "
        + "use the same \(name); \(hint)"))
    }
    compare("input dimension d", \.dimension, hint: "read the same columns of the data on every rank.")
    compare("number of centres M", \.centres, hint: "choose the centres once and broadcast them to every rank.")
    compare("number of ridges", \.ridges, hint: "pass the same ridge grid to every rank.")
    if sorted.allSatisfy({ $0.rows == 0 }) {
      problems.append(.init(code: .emptyTrainingSet, message:
        "No process holds a training row (\(sorted.count) ranks, 0 rows each); give at least one rank some samples."))
    }
    try Validation.throwIfAny(problems)
  }
}
