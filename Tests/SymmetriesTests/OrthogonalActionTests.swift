import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct OrthogonalActionTests {
  /// A seeded random orthogonal 4 × 4 matrix (product of Householder reflections).
  static func randomOrthogonal(_ d: Int, seed: UInt64) -> Matrix {
    var g = SeededGenerator(seed: seed)
    var q = Matrix.identity(d)
    for _ in 0..<d {
      let v = (0..<d).map { _ in g.gaussian() }
      let n2 = v.reduce(0) { $0 + $1 * $1 }
      var h = Matrix.identity(d)
      for i in 0..<d { for j in 0..<d { h[i, j] -= 2 * v[i] * v[j] / n2 } }
      q = q * h
    }
    return q
  }

  @Test("applying to a point is c + R(x − c) and keeps distances to the centre")
  func applyToPoint() throws {
    let r = try Matrix(rows: [[0, -1], [1, 0]])  // 90° rotation
    let g = try OrthogonalAction(matrix: r, centre: [1, 1])
    expectClose(g.apply(to: [2, 1]), [1, 2], absolute: 1e-15)
    expectClose(g.apply(to: [1, 1]), [1, 1], absolute: 1e-15)
  }

  @Test("applying to a batch agrees with applying to each row")
  func batchMatchesPoints() throws {
    let r = Self.randomOrthogonal(4, seed: 3)
    let g = try OrthogonalAction(matrix: r, centre: [0.5, -1, 2, 0.25])
    var gen = SeededGenerator(seed: 4)
    let x = try gen.gaussianMatrix(rows: 7, columns: 4)
    let y = g.apply(to: x)
    for i in 0..<7 { expectClose(y.row(i), g.apply(to: x.row(i)), absolute: 1e-13) }
  }

  @Test("composition, inverse and identity behave as maps")
  func compositionInverseIdentity() throws {
    let c = [0.3, -0.2, 1.0, 0.0]
    let a = try OrthogonalAction(matrix: Self.randomOrthogonal(4, seed: 5), centre: c)
    let b = try OrthogonalAction(matrix: Self.randomOrthogonal(4, seed: 6), centre: c)
    let x = [1.0, 2.0, -0.5, 0.7]
    expectClose(a.composed(with: b).apply(to: x), a.apply(to: b.apply(to: x)), absolute: 1e-13)
    expectClose(a.inverse.apply(to: a.apply(to: x)), x, absolute: 1e-13)
    #expect(a.composed(with: a.inverse).isIdentity(tolerance: 1e-13))
    #expect(OrthogonalAction.identity(dimension: 4, centre: c).apply(to: x) == x)
  }

  @Test("determinant is ±1 and approximate equality and keys tolerate round-off")
  func determinantEqualityKeys() throws {
    let reflection = try OrthogonalAction(matrix: .diagonal([1, -1, 1]))
    expectClose(reflection.determinant, -1, absolute: 1e-15)
    let rotation = try OrthogonalAction(matrix: Matrix(rows: [[0, 0, 1], [1, 0, 0], [0, 1, 0]]))
    expectClose(rotation.determinant, 1, absolute: 1e-15)
    let nudged = OrthogonalAction(uncheckedMatrix: rotation.matrix + 1e-12 * Matrix.identity(3), centre: [0, 0, 0])
    #expect(nudged.isApproximatelyEqual(to: rotation))
    #expect(nudged.key() == rotation.key())
    #expect(reflection.key() != rotation.key())
    #expect(!reflection.isApproximatelyEqual(to: rotation))
  }

  @Test("a non-orthogonal matrix is refused with ‖RᵀR − I‖_F in the message")
  func nonOrthogonalIsRefused() {
    // RᵀR − I = [[0, 0.1], [0.1, 0.01]], Frobenius norm √0.0201 ≈ 0.142
    #expect {
      _ = try OrthogonalAction(matrix: Matrix(rows: [[1, 0.1], [0, 1]]))
    } throws: { error in
      guard let e = error as? SymmetryError, let v = e.value else { return false }
      return e.code == .nonOrthogonalElement && abs(v - 0.0201.squareRoot()) < 1e-12
        && e.description.contains("‖RᵀR − I‖_F = 0.142") && e.description.contains("at most 1e-08")
    }
    #expect {
      _ = try OrthogonalAction(matrix: Matrix(rows: 2, columns: 3))
    } throws: { error in
      (error as? SymmetryError)?.code == .dimensionMismatch && "\(error)".contains("got 2 × 3")
    }
  }
}

extension OrthogonalActionTests {
  @Test("a non-finite matrix or a centre of the wrong length is refused")
  func badMatrixOrCentre() {
    #expect {
      _ = try OrthogonalAction(matrix: Matrix(rows: [[.infinity]]))
    } throws: { error in
      "\(error)" == "NaN or infinity in the group element's matrix; remove or fix the non-finite entries first."
    }
    #expect {
      _ = try OrthogonalAction(matrix: .identity(2), centre: [1, 2, 3])
    } throws: { error in
      (error as? SymmetryError)?.code == .dimensionMismatch && "\(error)".contains("The centre has dimension 3")
    }
  }
}
