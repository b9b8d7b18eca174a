import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite("Matrix")
struct MatrixTests {
  @Test("stores elements in row-major order")
  func rowMajor() throws {
    let a = Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
    #expect(a[1, 0] == 4)
    #expect(a.row(1) == [4, 5, 6])
    #expect(a.column(2) == [3, 6])
    #expect(try a.transposed() == Matrix(rows: [[1, 4], [2, 5], [3, 6]]))
    #expect(try a.rows(at: [1, 1, 0]) == Matrix(rows: [[4, 5, 6], [4, 5, 6], [1, 2, 3]]))
  }

  @Test("products through BLAS match naive triple loops", arguments: [(3, 4, 5), (1, 7, 2), (16, 9, 11)])
  func products(m: Int, k: Int, n: Int) throws {
    var g = SeededGenerator(seed: UInt64(m * 100 + k * 10 + n))
    let a = try g.gaussianMatrix(rows: m, columns: k)
    let b = try g.gaussianMatrix(rows: k, columns: n)
    var naive = Matrix(rows: m, columns: n)
    for i in 0..<m { for j in 0..<n { for l in 0..<k { naive[i, j] += a[i, l] * b[l, j] } } }
    expectClose(a * b, naive, absolute: 1e-13)
    expectClose(a.transposed().multiplied(by: b, transposingSelf: true), naive, absolute: 1e-13)
    expectClose(a.multiplied(by: b.transposed(), transposingOther: true), naive, absolute: 1e-13)
    let x = (0..<k).map { _ in g.gaussian() }
    expectClose(a * x, (0..<m).map { i in (0..<k).reduce(0) { $0 + a[i, $1] * x[$1] } }, absolute: 1e-13)
    let y = (0..<m).map { _ in g.gaussian() }
    expectClose(a.multiplied(by: y, transposingSelf: true), a.transposed() * y, absolute: 1e-13)
  }

  @Test("gram() equals A Aᵀ and is exactly symmetric")
  func gram() throws {
    var g = SeededGenerator(seed: 5)
    let a = try g.gaussianMatrix(rows: 6, columns: 4)
    let gram = a.gram()
    expectClose(gram, a.multiplied(by: a, transposingOther: true), absolute: 1e-13)
    #expect(gram == gram.transposed())
  }

  @Test("orthonormalColumns: QᵀQ = I and Q Qᵀ A = A (same column space), nested spans")
  func orthonormalColumns() throws {
    var g = SeededGenerator(seed: 16)
    let a = try g.gaussianMatrix(rows: 9, columns: 4)
    let q = a.orthonormalColumns()
    #expect(q.rows == 9 && q.columns == 4)
    expectClose(q.multiplied(by: q, transposingSelf: true), .identity(4), absolute: 1e-14)
    let projected = q * q.multiplied(by: a, transposingSelf: true)
    expectClose(projected, a, absolute: 1e-13)
    // The first column of Q is ± the normalised first column of A.
    let norm = (0..<9).reduce(0.0) { $0 + a[$1, 0] * a[$1, 0] }.squareRoot()
    let sign = q[0, 0] * a[0, 0] >= 0 ? 1.0 : -1.0
    for i in 0..<9 { expectClose(q[i, 0], sign * a[i, 0] / norm, absolute: 1e-14) }
  }

  @Test("addLowerGram adds α A Aᵀ to the lower triangle only, accumulating over calls")
  func addLowerGram() throws {
    var g = SeededGenerator(seed: 15)
    let a = try g.gaussianMatrix(rows: 5, columns: 3), b = try g.gaussianMatrix(rows: 5, columns: 7)
    var c = try g.gaussianMatrix(rows: 5, columns: 5)
    let start = c
    c.addLowerGram(of: a, scale: 0.5)
    c.addLowerGram(of: b)
    let expected = start + 0.5 * a.multiplied(by: a, transposingOther: true) + b.multiplied(by: b, transposingOther: true)
    for i in 0..<5 {
      for j in 0..<5 {
        if j <= i { expectClose(c[i, j], expected[i, j], absolute: 1e-13) } else { #expect(c[i, j] == start[i, j]) }
      }
    }
  }

  @Test("pairwise squared distances match the direct formula")
  func pairwiseDistances() throws {
    var g = SeededGenerator(seed: 6)
    let a = try g.gaussianMatrix(rows: 7, columns: 3)
    let b = try g.gaussianMatrix(rows: 5, columns: 3)
    let d = PairwiseDistances.squared(a, b)
    for i in 0..<7 {
      for j in 0..<5 {
        let direct = (0..<3).reduce(0.0) { $0 + (a[i, $1] - b[j, $1]) * (a[i, $1] - b[j, $1]) }
        expectClose(d[i, j], direct, absolute: 1e-13)
      }
    }
    let s = PairwiseDistances.squared(a)
    #expect(s.diagonal == Array(repeating: 0, count: 7))
    #expect(s == s.transposed())
    expectClose(s, PairwiseDistances.squared(a, a), absolute: 1e-13)
  }

  @Test("arithmetic, diagonal and norms")
  func arithmetic() throws {
    let a = try Matrix(rows: [[1, 2], [3, 4]])
    let b = try Matrix(rows: [[0.5, -1], [2, 0]])
    #expect(try a + b == Matrix(rows: [[1.5, 1], [5, 4]]))
    #expect(try a - b == Matrix(rows: [[0.5, 3], [1, 4]]))
    #expect(try 2 * a == Matrix(rows: [[2, 4], [6, 8]]))
    var c = a
    c.addToDiagonal(1)
    #expect(c.diagonal == [2, 5])
    expectClose(a.frobeniusNorm, 30.0.squareRoot(), relative: 1e-15)
    #expect(a.maxAbsoluteDifference(to: b) == 4)
    #expect(Matrix.identity(2) == Matrix.diagonal([1, 1]))
    #expect(Matrix.stacking(a, b).rows == 4)
    var d = a
    d.add(b, scaledBy: -2)  // daxpy
    #expect(try d == Matrix(rows: [[0, 4], [-1, 4]]))
  }
}

@Suite("Matrix.symmetrizeFromLower")
struct SymmetrizeFromLowerTests {
  @Test("the tiled mirror equals a naive element loop for sizes around the tile edge", arguments: [0, 1, 5, 63, 64, 65, 130])
  func tiledMirror(n: Int) throws {
    var g = SeededGenerator(seed: UInt64(n))
    var tiled = try g.gaussianMatrix(rows: n, columns: n)
    var naive = tiled
    tiled.symmetrizeFromLower()
    for i in 0..<n { for j in 0..<i { naive[j, i] = naive[i, j] } }
    #expect(tiled == naive)
    #expect(tiled == tiled.transposed())
  }

  @Test("symmetricMatrix(transformingRows:) equals the transform applied to squared distances")
  func fusedKernelBuild() throws {
    var g = SeededGenerator(seed: 9)
    let x = try g.gaussianMatrix(rows: 70, columns: 3)
    let fused = PairwiseDistances.symmetricMatrix(x) { row in for i in row.indices { row[i] = (-row[i]).exp() } }
    let reference = PairwiseDistances.squared(x).map { (-$0).exp() }
    expectClose(fused, reference, absolute: 1e-15)
    #expect(fused == fused.transposed())
  }

  @Test("rows of different lengths throw, naming the first short or long row")
  func raggedRows() throws {
    let error = #expect(throws: LinearAlgebraError.self) { try Matrix(rows: [[1, 2], [3, 4], [5]]) }
    #expect(error?.code == .raggedRows)
    #expect(error?.row == 2 && error?.rowLength == 1 && error?.columns == 2)
    #expect(error?.description == "Row 2 has 1 element but row 0 has 2; every row of a matrix must have the same length. Pad or drop the values of that row.")
    #expect(try Matrix(rows: []) == Matrix(rows: 0, columns: 0))
  }

  @Test("gathering rows of a matrix without columns keeps the row count")
  func gatherWithoutColumns() {
    let empty = Matrix(rows: 5, columns: 0, elements: [])
    #expect(empty.rows(at: [4, 0, 0]) == Matrix(rows: 3, columns: 0, elements: []))
  }

  @Test("a matrix prints −0 as 0")
  func printsNegativeZeroAsZero() {
    let m = Matrix(rows: 1, columns: 2, elements: [-0.0, -1])
    #expect(m.description == "Matrix 1 × 2\n  [0.0, -1.0]")
  }
}

private extension Double {
  func exp() -> Double { Foundation.exp(self) }
}
