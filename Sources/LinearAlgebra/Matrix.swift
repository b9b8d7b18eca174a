/// A dense matrix of `Double`, stored contiguously in row-major order.
///
/// `Matrix` is the one array type of SymmetryScaling: a data set's inputs are a matrix with
/// one sample per row, kernel matrices are square matrices, and every BLAS or LAPACK call
/// goes through it. Storage is a single `[Double]` (value semantics, copy on write), so a
/// matrix can be handed to BLAS without copying.
///
/// ```swift
/// let a = Matrix(rows: 2, columns: 3, elements: [1, 2, 3,
///                                                 4, 5, 6])
/// a[1, 2]          // 6.0
/// a.row(0)         // [1.0, 2.0, 3.0]
/// a.transposed()   // 3 × 2
/// ```
///
/// Shapes are checked with preconditions: a shape mismatch between two matrices built by
/// the package is a programming error. Data that comes from a user is validated by the
/// module that receives it and reported as a thrown error instead; ``init(rows:)``, the
/// initializer for data given row by row, throws for rows of different lengths.
public struct Matrix: Sendable, Hashable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The elements in row-major order: element (i, j) is `elements[i * columns + j]`.
  public internal(set) var elements: [Double]

  /// A matrix from its elements in row-major order.
  ///
  /// - Precondition: `elements.count == rows * columns`, both dimensions non-negative.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative, got \(rows) × \(columns)")
    precondition(
      elements.count == rows * columns,
      "Matrix \(rows) × \(columns) needs \(rows * columns) elements, got \(elements.count)")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix with every element equal to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
  }

  /// A matrix whose rows are the given arrays.
  ///
  /// ```swift
  /// let a = try Matrix(rows: [[1, 2], [3, 4], [5, 6]])   // 3 × 2
  /// try Matrix(rows: [[1, 2], [3]])                       // throws: row 1 has 1 element, row 0 has 2
  /// ```
  ///
  /// No rows give the 0 × 0 matrix.
  ///
  /// - Parameter rowArrays: The rows, all of one length.
  /// - Throws: ``LinearAlgebraError`` with code ``LinearAlgebraError/Code/raggedRows`` naming the
  ///   first row whose length differs from row 0's.
  /// - Complexity: O(rows · columns).
  public init(rows rowArrays: [[Double]]) throws(LinearAlgebraError) {
    let columns = rowArrays.first?.count ?? 0
    if let i = rowArrays.firstIndex(where: { $0.count != columns }) {
      throw LinearAlgebraError(code: .raggedRows, order: rowArrays.count, columns: columns,
                               row: i, rowLength: rowArrays[i].count)
    }
    var elements: [Double] = []
    elements.reserveCapacity(rowArrays.count * columns)
    for row in rowArrays { elements.append(contentsOf: row) }
    self.init(rows: rowArrays.count, columns: columns, elements: elements)
  }

  /// A column vector (n × 1).
  public init(column: [Double]) {
    self.init(rows: column.count, columns: 1, elements: column)
  }

  /// The n × n identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i * n + i] = 1 }
    return m
  }

  /// A square matrix with `diagonal` on its diagonal and zeros elsewhere.
  public static func diagonal(_ diagonal: [Double]) -> Matrix {
    let n = diagonal.count
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i * n + i] = diagonal[i] }
    return m
  }

  /// Element (i, j).
  public subscript(row: Int, column: Int) -> Double {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                   "Index (\(row), \(column)) out of range 0..<\(rows) × 0..<\(columns)")
      return elements[row * columns + column]
    }
    set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                   "Index (\(row), \(column)) out of range 0..<\(rows) × 0..<\(columns)")
      elements[row * columns + column] = newValue
    }
  }

  /// Calls `body` with the row-major storage, for hot loops and BLAS-style code in other modules.
  public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Double>) throws(E) -> R) throws(E) -> R {
    try elements.withUnsafeBufferPointer { (p) throws(E) -> R in try body(p) }
  }

  /// Calls `body` with mutable row-major storage. The shape cannot change.
  public mutating func withUnsafeMutableBufferPointer<R, E: Error>(_ body: (UnsafeMutableBufferPointer<Double>) throws(E) -> R) throws(E) -> R {
    try elements.withUnsafeMutableBufferPointer { (p: inout UnsafeMutableBufferPointer<Double>) throws(E) -> R in try body(p) }
  }

  /// `true` when the matrix is square.
  public var isSquare: Bool { rows == columns }

  /// Row `i` as an array.
  public func row(_ i: Int) -> [Double] {
    precondition(i >= 0 && i < rows, "Row \(i) out of range 0..<\(rows)")
    return Array(elements[(i * columns)..<((i + 1) * columns)])
  }

  /// Column `j` as an array.
  public func column(_ j: Int) -> [Double] {
    precondition(j >= 0 && j < columns, "Column \(j) out of range 0..<\(columns)")
    return (0..<rows).map { elements[$0 * columns + j] }
  }

  /// The rows at `indices`, in that order (a gather; indices may repeat).
  ///
  /// - Precondition: every index is in `0..<rows`.
  public func rows(at indices: some Sequence<Int>) -> Matrix {
    var out: [Double] = []
    var count = 0
    for i in indices {
      precondition(i >= 0 && i < rows, "Row \(i) out of range 0..<\(rows)")
      out.append(contentsOf: elements[(i * columns)..<((i + 1) * columns)])
      count += 1
    }
    return Matrix(rows: count, columns: columns, elements: out)
  }

  /// The diagonal of a square matrix.
  public var diagonal: [Double] {
    precondition(isSquare, "diagonal needs a square matrix, got \(rows) × \(columns)")
    return (0..<rows).map { elements[$0 * columns + $0] }
  }

  /// The transpose.
  public func transposed() -> Matrix {
    var out = [Double](repeating: 0, count: rows * columns)
    elements.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for i in 0..<rows {
          for j in 0..<columns { dst[j * rows + i] = src[i * columns + j] }
        }
      }
    }
    return Matrix(rows: columns, columns: rows, elements: out)
  }

  /// The rows of `top` followed by the rows of `bottom`.
  public static func stacking(_ top: Matrix, _ bottom: Matrix) -> Matrix {
    precondition(top.columns == bottom.columns || top.rows == 0 || bottom.rows == 0,
                 "Cannot stack \(top.rows) × \(top.columns) on \(bottom.rows) × \(bottom.columns)")
    let columns = top.rows == 0 ? bottom.columns : top.columns
    return Matrix(rows: top.rows + bottom.rows, columns: columns, elements: top.elements + bottom.elements)
  }

  /// `true` when every element is finite (no NaN, no infinity).
  public var isFinite: Bool { elements.allSatisfy(\.isFinite) }
}

extension Matrix: CustomStringConvertible {
  public var description: String {
    var lines = ["Matrix \(rows) × \(columns)"]
    for i in 0..<min(rows, 8) {
      // + 0.0 turns −0 into 0, so a matrix never prints "-0.0".
      let shown = (0..<min(columns, 8)).map { String(elements[i * columns + $0] + 0.0) }
      lines.append("  [" + shown.joined(separator: ", ") + (columns > 8 ? ", …]" : "]"))
    }
    if rows > 8 { lines.append("  …") }
    return lines.joined(separator: "\n")
  }
}
