import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite("Pivoted Cholesky and the row-major syrk")
struct PivotedCholeskyTests {
  @Test("a diagonal matrix pivots on its largest entries and stops at the relative tolerance")
  func diagonalPivots() throws {
    let a = try Matrix(rows: [[1, 0, 0], [0, 4, 0], [0, 0, 2]])
    let full = try PivotedCholesky(factoring: a, relativeTolerance: 0)
    #expect(full.rank == 3)
    #expect(full.pivots == [1, 2, 0])
    // τ = 0.3 · 4 = 1.2: after the pivots 4 and 2 the remaining diagonal 1 is below it.
    let cut = try PivotedCholesky(factoring: a, relativeTolerance: 0.3)
    #expect(cut.rank == 2)
    #expect(cut.independentRows == [1, 2])
    expectClose(cut.threshold, 1.2, relative: 1e-15)
  }

  @Test("the Gram matrix of 20 points in a 3-dimensional span has rank 3, and the kept rows span the rest",
        arguments: [UInt64(1), 2, 3])
  func lowRankGram(seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    let b = try g.gaussianMatrix(rows: 20, columns: 3)
    let p = try PivotedCholesky(factoring: b.multiplied(by: b, transposingOther: true))
    #expect(p.rank == 3)
    #expect(p.pivots.sorted() == Array(0..<20))
    // Every row of B is a combination of the three kept rows: solve the 3 × 3 system exactly.
    let kept = b.rows(at: p.independentRows)
    let basis = try Cholesky(factoring: kept.multiplied(by: kept, transposingOther: true))
    for i in 0..<20 {
      let coefficients = basis.solve(kept * b.row(i))
      let rebuilt = (0..<3).map { c in (0..<3).reduce(0.0) { $0 + coefficients[$1] * kept[$1, c] } }
      expectClose(rebuilt, b.row(i), absolute: 1e-10, "row \(i)")
    }
  }

  @Test("duplicated points are dropped: a Gaussian kernel matrix with 5 repeated rows has rank 25 of 30")
  func duplicates() throws {
    var g = SeededGenerator(seed: 7)
    let unique = try g.uniformMatrix(rows: 25, columns: 2, low: -3, high: 3)
    let points = try Matrix(rows: (0..<25).map { unique.row($0) } + (0..<5).map { unique.row(2 * $0) })
    let k = try Matrix(rows: (0..<30).map { i in
      (0..<30).map { j in
        let r2 = (0..<2).reduce(0.0) { $0 + (points[i, $1] - points[j, $1]) * (points[i, $1] - points[j, $1]) }
        return Foundation.exp(-r2 / (2 * 0.25))
      }
    })
    let p = try PivotedCholesky(factoring: k)
    #expect(p.rank == 25)
    // One of each duplicated pair is kept, never both.
    let kept = Set(p.independentRows)
    for j in 0..<5 { #expect(kept.contains(2 * j) != kept.contains(25 + j), "pair \(j)") }
  }

  @Test("bad input is refused with the value, the range and a next step")
  func badInput() throws {
    let rectangular = Matrix(rows: 2, columns: 3)
    let e1 = try #require(throws: LinearAlgebraError.self) { try PivotedCholesky(factoring: rectangular) }
    #expect(e1.code == .invalidParameter && e1.description.contains("square matrix, got 2 × 3"))
    let a = try Matrix(rows: [[2, 1], [1, 2]])
    for bad in [1.0, -1e-3, .nan] {
      let e = try #require(throws: LinearAlgebraError.self) { try PivotedCholesky(factoring: a, relativeTolerance: bad) }
      #expect(e.code == .invalidParameter && e.description.contains("must be a number in [0, 1)"), "\(bad)")
    }
    let e3 = try #require(throws: LinearAlgebraError.self) {
      try PivotedCholesky(factoring: Matrix(rows: [[1, .nan], [.nan, 1]]))
    }
    #expect(e3.code == .nonFiniteMatrix)
  }

  @Test("syrk writes the lower triangle of α A Aᵀ + β C, equal to gemm's, and leaves the upper triangle")
  func syrkMatchesGemm() throws {
    var g = SeededGenerator(seed: 11)
    let a = try g.gaussianMatrix(rows: 7, columns: 5)
    let c0 = try g.gaussianMatrix(rows: 7, columns: 7)
    var viaSyrk = c0.elements, viaGemm = c0.elements
    a.withUnsafeBufferPointer { ap in
      RowMajorBLAS.syrk(n: 7, k: 5, alpha: 2, a: ap.baseAddress!, lda: 5, beta: 0.5, c: &viaSyrk, ldc: 7)
      RowMajorBLAS.gemm(transposeB: true, m: 7, n: 7, k: 5, alpha: 2, a: ap.baseAddress!, lda: 5, b: ap.baseAddress!,
                        ldb: 5, beta: 0.5, c: &viaGemm, ldc: 7)
    }
    for i in 0..<7 {
      for j in 0..<7 {
        if j <= i { expectClose(viaSyrk[i * 7 + j], viaGemm[i * 7 + j], absolute: 1e-13, "(\(i), \(j))") }
        else { #expect(viaSyrk[i * 7 + j] == c0[i, j], "(\(i), \(j)) untouched") }
      }
    }
  }
}
