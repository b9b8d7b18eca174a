import LinearAlgebra
import Testing
import _TestSupport

@Suite("SymmetricEigendecomposition")
struct SymmetricEigendecompositionTests {
  @Test("finds the eigenvalues of a matrix with a known spectrum")
  func knownSpectrum() throws {
    // [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors (1,−1)/√2 and (1,1)/√2.
    let e = try SymmetricEigendecomposition(of: Matrix(rows: [[2, 1], [1, 2]]))
    expectClose(e.eigenvalues, [1, 3], absolute: 1e-15)
    let v1 = e.eigenvectors.column(0), v3 = e.eigenvectors.column(1)
    expectClose(Swift.abs(v1[0] - v1[1]), 2.0.squareRoot(), absolute: 1e-15)
    expectClose(v3[0], v3[1], absolute: 1e-15)
  }

  @Test("reconstructs A = V Λ Vᵀ with orthonormal V, eigenvalues ascending", arguments: [3, 17, 64])
  func reconstruction(order n: Int) throws {
    var g = SeededGenerator(seed: UInt64(100 + n))
    let b = try g.gaussianMatrix(rows: n, columns: n)
    let a = b + b.transposed()  // symmetric, indefinite
    let e = try SymmetricEigendecomposition(of: a)
    #expect(zip(e.eigenvalues, e.eigenvalues.dropFirst()).allSatisfy { $0 <= $1 })
    expectClose(e.reconstruct(), a, absolute: 1e-11)
    expectClose(e.eigenvectors.multiplied(by: e.eigenvectors, transposingSelf: true), .identity(n), absolute: 1e-12)
    // Trace equals the sum of eigenvalues.
    expectClose(e.eigenvalues.reduce(0, +), a.diagonal.reduce(0, +), absolute: 1e-10)
  }

  @Test("a shifted solve matches a Cholesky solve of A + sI")
  func shiftedSolve() throws {
    let a = try TestData.spdMatrix(order: 30, seed: 21)
    var g = SeededGenerator(seed: 22)
    let b = (0..<30).map { _ in g.gaussian() }
    let e = try SymmetricEigendecomposition(of: a)
    for shift in [0.0, 1e-3, 10] {
      var shifted = a
      shifted.addToDiagonal(shift)
      expectClose(e.solve(b, shift: shift), try Cholesky(factoring: shifted).solve(b), absolute: 1e-12, relative: 1e-10)
    }
  }

  @Test("reads only the lower triangle")
  func lowerTriangleOnly() throws {
    var a = try Matrix(rows: [[4, 99], [1, 3]])  // upper element is garbage
    let e = try SymmetricEigendecomposition(of: a)
    a[0, 1] = 1
    let expected = try SymmetricEigendecomposition(of: a)
    expectClose(e.eigenvalues, expected.eigenvalues, absolute: 1e-15)
  }

  @Test("NaN input throws nonFiniteMatrix with the order in the message")
  func nanInput() {
    let error = #expect(throws: LinearAlgebraError.self) {
      try SymmetricEigendecomposition(of: Matrix(rows: [[1, 0], [.nan, 1]]))
    }
    #expect(error?.code == .nonFiniteMatrix)
    #expect(error?.description.contains("2 × 2 matrix contains NaN or infinite elements") == true)
  }
}
