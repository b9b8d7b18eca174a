// The numerical eigenspace (eigenpairs above u·λ_max) against a full dsyevd of the same matrix.
import Foundation
import LinearAlgebra
@testable import Regression
import Testing
import _TestSupport

@Suite("NumericalEigenspace")
struct NumericalEigenspaceTests {
  /// A Gaussian-kernel Gram matrix of `n` points in 3D with spread `spread` (smooth: low numerical rank).
  func gram(n: Int, spread: Double, lengthScale: Double, seed: UInt64) throws -> Matrix  {
    var rng = SeededGenerator(seed: seed)
    return GaussianKernel(lengthScale: lengthScale).matrix(try rng.gaussianMatrix(rows: n, columns: 3).map { spread * $0 })
  }

  @Test("a smooth kernel matrix: randomized subspace iteration finds every eigenpair above u·λ_max")
  func randomized() throws {
    let m = try gram(n: 500, spread: 0.5, lengthScale: 3, seed: 1)
    let space = try NumericalEigenspace(of: m, seed: 2, initialWidth: 32)
    #expect(space.isRandomized && space.searchWidth >= 64, "width \(space.searchWidth)")
    let full = try SymmetricEigendecomposition(of: m)
    let lambdaMax = full.eigenvalues.last!
    let tau = Double.ulpOfOne * lambdaMax
    // Eigenvalues well above the noise agree to rounding; the count differs at most near τ.
    let clear = full.eigenvalues.filter { $0 > 1e6 * tau }
    expectClose(Array(space.values.suffix(clear.count)), clear, absolute: 1e3 * tau)
    #expect(space.rank < 166 && space.rank >= clear.count, "rank \(space.rank), clear \(clear.count)")
    let u = space.vectors
    expectClose(u.multiplied(by: u, transposingSelf: true), .identity(space.rank), absolute: 1e-13)
    // M − U diag(w) Uᵀ is at the noise level.
    var scaled = u
    for i in 0..<u.rows { for j in 0..<u.columns { scaled[i, j] *= space.values[j] } }
    let reconstructed = scaled.multiplied(by: u, transposingOther: true)
    #expect(m.maxAbsoluteDifference(to: reconstructed) <= 100 * tau)
  }

  @Test("a slowly decaying spectrum falls back to a full dsyevd and keeps every eigenvalue above τ")
  func fallback() throws {
    let m = try gram(n: 400, spread: 1, lengthScale: 0.2, seed: 3)
    let space = try NumericalEigenspace(of: m, seed: 4)
    #expect(!space.isRandomized)
    let full = try SymmetricEigendecomposition(of: m)
    let kept = full.eigenvalues.filter { $0 > Double.ulpOfOne * full.eigenvalues.last! }
    #expect(space.values == kept)
    #expect(space.vectors.rows == 400 && space.vectors.columns == kept.count)
  }

  @Test("the zero matrix has no numerical eigenpairs")
  func zero() throws {
    let space = try NumericalEigenspace(of: Matrix(rows: 50, columns: 50), seed: 5, initialWidth: 8)
    #expect(space.rank == 0 && space.vectors.columns == 0)
  }
}
