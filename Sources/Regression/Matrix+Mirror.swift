import LinearAlgebra

extension Matrix {
  /// Copies the strict lower triangle onto the upper one, in 64 × 64 tiles so that both the
  /// reads (row-major) and the strided writes stay in cache.
  /// - Complexity: O(n²) memory traffic, no allocation.
  mutating func mirrorLowerTriangle() {
    precondition(isSquare, "mirrorLowerTriangle needs a square matrix, got \(rows) × \(columns)")
    let n = rows
    let tile = 64
    withUnsafeMutableBufferPointer { a in
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
