import LinearAlgebra
import Testing
import _TestSupport

@Suite("Cholesky")
struct CholeskyTests {
  @Test("factors a 3 × 3 matrix with a known factor")
  func knownFactor() throws {
    // A = L Lᵀ with L = [[2,0,0],[1,3,0],[-1,2,4]].
    let l = try Matrix(rows: [[2, 0, 0], [1, 3, 0], [-1, 2, 4]])
    let a = l.multiplied(by: l, transposingOther: true)
    let chol = try Cholesky(factoring: a)
    for i in 0..<3 { for j in 0...i { expectClose(chol.factor[i, j], l[i, j], absolute: 1e-14) } }
    #expect(chol.jitter == 0)
    // det A = (2·3·4)² = 576.
    expectClose(chol.logDeterminant, Foundation_log(576), relative: 1e-14)
  }

  @Test("solves a system with a known solution", arguments: [1, 5, 40, 200])
  func solveKnown(order n: Int) throws {
    let a = try TestData.spdMatrix(order: n, seed: UInt64(n))
    var g = SeededGenerator(seed: 99)
    let x = (0..<n).map { _ in g.gaussian() }
    let b = a * x
    let chol = try Cholesky(factoring: a)
    expectClose(chol.solve(b), x, absolute: 1e-11, relative: 1e-10)
  }

  @Test("solves many right-hand sides at once, matching column-by-column solves")
  func manyRightHandSides() throws {
    let n = 30, k = 4
    let a = try TestData.spdMatrix(order: n, seed: 3)
    var g = SeededGenerator(seed: 4)
    let x = try g.gaussianMatrix(rows: n, columns: k)
    let b = a * x
    let chol = try Cholesky(factoring: a)
    expectClose(chol.solve(b), x, absolute: 1e-11)
    for j in 0..<k { expectClose(chol.solve(b.column(j)), x.column(j), absolute: 1e-11) }
  }

  @Test("log-determinant equals the sum of log eigenvalues")
  func logDeterminantMatchesEigenvalues() throws {
    let a = try TestData.spdMatrix(order: 25, seed: 11)
    let chol = try Cholesky(factoring: a)
    let eig = try SymmetricEigendecomposition(of: a)
    let expected = eig.eigenvalues.reduce(0) { $0 + Foundation_log($1) }
    expectClose(chol.logDeterminant, expected, relative: 1e-12)
  }

  @Test("inverse times the matrix is the identity")
  func inverse() throws {
    let a = try TestData.spdMatrix(order: 20, seed: 5)
    let inv = try Cholesky(factoring: a).inverse()
    expectClose(inv * a, Matrix.identity(20), absolute: 1e-12)
    #expect(inv == inv.transposed())
  }

  @Test("solveLower gives ‖L⁻¹b‖² = bᵀA⁻¹b")
  func lowerSolve() throws {
    let a = try TestData.spdMatrix(order: 15, seed: 8)
    let chol = try Cholesky(factoring: a)
    var g = SeededGenerator(seed: 1)
    let b = (0..<15).map { _ in g.gaussian() }
    let v = chol.solveLower(Matrix(column: b)).elements
    expectClose(dot(v, v), dot(b, chol.solve(b)), relative: 1e-12)
  }

  @Test("a singular matrix throws, naming the failed minor, when jitter is off")
  func singularThrows() throws {
    // Rank one: the 2 × 2 leading minor vanishes.
    let a = try Matrix(rows: [[1, 1, 1], [1, 1, 1], [1, 1, 1]])
    let error = #expect(throws: LinearAlgebraError.self) { try Cholesky(factoring: a) }
    #expect(error?.code == .notPositiveDefinite)
    #expect(error?.failedMinor == 2)
    #expect(error?.jittersTried == [0])
    #expect(error?.description.contains("leading minor of order 2 is not positive definite") == true)
    #expect(error?.description.contains("increase the ridge") == true)
  }

  @Test("jitter escalation rescues a singular kernel-like matrix and reports the jitter")
  func jitterEscalation() throws {
    let a = try Matrix(rows: [[1, 1, 0.5], [1, 1, 0.5], [0.5, 0.5, 1]])  // two identical rows
    let chol = try Cholesky(factoring: a, jitter: .standard)
    #expect(chol.jitter > 0)
    #expect(chol.jitter <= 1e-6)
    // The factor reproduces A + jitter·I.
    var l = chol.factor
    for i in 0..<3 { for j in (i + 1)..<3 { l[i, j] = 0 } }
    var expected = a
    expected.addToDiagonal(chol.jitter)
    expectClose(l.multiplied(by: l, transposingOther: true), expected, absolute: 1e-12)
  }

  @Test("an indefinite matrix fails even after escalation and lists every jitter tried")
  func escalationExhausted() throws {
    let a = try Matrix(rows: [[1, 0], [0, -1]])
    let error = #expect(throws: LinearAlgebraError.self) {
      try Cholesky(factoring: a, jitter: .escalating(initial: 1e-8, maximum: 1e-6))
    }
    #expect(error?.failedMinor == 2)
    #expect(error?.jittersTried.count == 4)  // 0, 1e-8, 1e-7, 1e-6 (times the mean diagonal)
    #expect(error?.description.contains("diagonal jitter tried: 0,") == true)
  }

  @Test("a matrix with NaN throws nonFiniteMatrix")
  func nanThrows() throws {
    let a = try Matrix(rows: [[1, .nan], [.nan, 1]])
    #expect(throws: LinearAlgebraError.self) { try Cholesky(factoring: a) }
    let b = try Matrix(rows: [[.infinity, 0], [0, 1]])
    let error = #expect(throws: LinearAlgebraError.self) { try Cholesky(factoring: b) }
    #expect(error?.code == .nonFiniteMatrix)
  }
}
