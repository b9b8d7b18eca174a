extension Matrix {
  /// Element-wise sum. - Precondition: equal shapes.
  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns,
                 "Shape mismatch in +: \(lhs.rows) × \(lhs.columns) vs \(rhs.rows) × \(rhs.columns)")
    return Matrix(rows: lhs.rows, columns: lhs.columns, elements: zip(lhs.elements, rhs.elements).map(+))
  }

  /// Element-wise difference. - Precondition: equal shapes.
  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns,
                 "Shape mismatch in -: \(lhs.rows) × \(lhs.columns) vs \(rhs.rows) × \(rhs.columns)")
    return Matrix(rows: lhs.rows, columns: lhs.columns, elements: zip(lhs.elements, rhs.elements).map(-))
  }

  /// Scalar multiple.
  public static func * (scalar: Double, matrix: Matrix) -> Matrix {
    Matrix(rows: matrix.rows, columns: matrix.columns, elements: matrix.elements.map { scalar * $0 })
  }

  /// A matrix of the same shape with `transform` applied to every element.
  public func map(_ transform: (Double) throws -> Double) rethrows -> Matrix {
    Matrix(rows: rows, columns: columns, elements: try elements.map(transform))
  }

  /// Adds a multiple of another matrix in place (BLAS `daxpy`):
  ///
  /// ```
  /// A ← A + α B
  /// ```
  ///
  /// - Parameters:
  ///   - other: B, of the same shape.
  ///   - alpha: α.
  /// - Precondition: equal shapes.
  /// - Complexity: O(rows · columns), one BLAS call; nothing is allocated.
  public mutating func add(_ other: Matrix, scaledBy alpha: Double) {
    precondition(rows == other.rows && columns == other.columns,
                 "Shape mismatch in add(_:scaledBy:): \(rows) × \(columns) vs \(other.rows) × \(other.columns)")
    other.elements.withUnsafeBufferPointer { b in
      elements.withUnsafeMutableBufferPointer { a in
        guard let x = b.baseAddress, let y = a.baseAddress else { return }
        OpenBLAS.axpy(count: a.count, alpha: alpha, x: x, y: y)
      }
    }
  }

  /// Adds `value` to every diagonal element of a square matrix, in place.
  public mutating func addToDiagonal(_ value: Double) {
    precondition(isSquare, "addToDiagonal needs a square matrix, got \(rows) × \(columns)")
    let n = rows
    elements.withUnsafeMutableBufferPointer { buf in
      for i in 0..<n { buf[i * n + i] += value }
    }
  }

  /// The largest absolute element-wise difference to `other` (∞-norm of the difference).
  public func maxAbsoluteDifference(to other: Matrix) -> Double {
    precondition(rows == other.rows && columns == other.columns,
                 "Shape mismatch: \(rows) × \(columns) vs \(other.rows) × \(other.columns)")
    return zip(elements, other.elements).reduce(0) { max($0, abs($1.0 - $1.1)) }
  }

  /// The Frobenius norm ‖A‖_F.
  public var frobeniusNorm: Double {
    elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }

  /// Copies the strict lower triangle of a square matrix onto its upper triangle
  /// (A ← tril(A) + tril(A, −1)ᵀ), in 64 × 64 tiles so that both the row-major reads and the
  /// strided writes stay in cache.
  /// - Complexity: O(n²) memory traffic, no allocation.
  public mutating func symmetrizeFromLower() {
    precondition(isSquare, "symmetrizeFromLower needs a square matrix, got \(rows) × \(columns)")
    let n = rows
    let tile = 64
    elements.withUnsafeMutableBufferPointer { a in
      var ib = 0
      while ib < n {
        let iEnd = Swift.min(ib + tile, n)
        var jb = 0
        while jb <= ib {
          let jEnd = Swift.min(jb + tile, n)
          for i in ib..<iEnd {
            let row = i * n
            for j in jb..<Swift.min(jEnd, i) { a[j * n + i] = a[row + j] }
          }
          jb += tile
        }
        ib += tile
      }
    }
  }
}
