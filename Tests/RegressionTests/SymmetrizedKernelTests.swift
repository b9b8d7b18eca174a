import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("SymmetrizedKernel")
struct SymmetrizedKernelTests {
  let base = GaussianKernel(lengthScale: 0.9)

  @Test("the Gram matrix is Σ_g k(x_i, g·x_j) element by element, symmetric, for involutive and non-involutive groups")
  func gram() throws {
    let (x, _) = try RouteData.sample(n: 15, seed: 1)
    // S3 contains 3-cycles, whose inverses are other elements (pairing path).
    try check(x, try CoordinatePermutations(dimension: 3, generators: [[1, 2, 0], [1, 0, 2]]))
    try check(x, try SignFlips(dimension: 3, coordinates: [0, 1], centre: [0.3, 0, 0]))
  }

  func check(_ x: Matrix, _ g: some FiniteLabelSymmetry) throws {
    do {
      let k = try SymmetrizedKernel(base, symmetry: g)
      let m = k.matrix(x)
      for i in 0..<x.rows { for j in 0..<x.rows {
        let truth = g.elements.reduce(0.0) { $0 + base.value(x.row(i), $1.apply(to: x.row(j))) }
        expectClose(m[i, j], truth, absolute: 1e-14, relative: 1e-12)
        #expect(m[i, j] == m[j, i])
      } }
      let y = try RouteData.test(m: 6, seed: 2)
      let c = k.crossMatrix(y, x)
      expectClose(c[3, 4], k.value(y.row(3), x.row(4)), relative: 1e-12)
      expectClose(k.diagonal(x), m.diagonal, relative: 1e-12)
    }
  }

  @Test("with an odd label the terms are signed, Σ_g χ(g) k(x_i, g·x_j): |G| times the character-weighted kernel of χ")
  func signedTerms() throws {
    let (x, _) = try RouteData.sample(n: 12, seed: 4)
    let s = try SignedLabelSymmetry(try SignFlips(dimension: 3, coordinates: [0, 1, 2]), oddIn: [0, 2])
    let k = try SymmetrizedKernel(base, symmetry: s)
    let m = k.matrix(x)
    for i in 0..<x.rows { for j in 0..<x.rows {
      let truth = s.elements.indices.reduce(0.0) { $0 + s.labelCharacter[$1] * base.value(x.row(i), s.elements[$1].apply(to: x.row(j))) }
      expectClose(m[i, j], truth, absolute: 1e-14, relative: 1e-12)
    } }
    expectClose(m, 8 * (try CharacterWeightedKernel(base, labelCharacterOf: s)).matrix(x), absolute: 1e-12)
    expectClose(k.value(x.row(0), x.row(1)), m[0, 1], relative: 1e-12)
    expectClose(k.diagonal(x), (0..<x.rows).map { m[$0, $0] }, absolute: 1e-14)
    // k_G(g·x, x′) = χ(g) k_G(x, x′): the kernel itself is odd.
    expectClose(k.crossMatrix(s.elements[1].apply(to: x), x), -1 * m, absolute: 1e-13)
  }

  @Test("the gradient matrix is the finite difference of the Gram matrix in log length scale")
  func gradient() throws {
    let (x, _) = try RouteData.sample(n: 10, seed: 3)
    let k = try SymmetrizedKernel(base, symmetry: try SignFlips(dimension: 3, coordinates: [0, 2]))
    let g = try #require(k.gradientMatrices(x).first)
    let h = 1e-5, t = log(0.9)
    let fd = 1 / (2 * h) * (k.withLogHyperparameters([t + h]).matrix(x) - k.withLogHyperparameters([t - h]).matrix(x))
    expectClose(g, fd, absolute: 1e-8, relative: 1e-7)
    #expect(k.hyperparameters == base.hyperparameters)
  }

  @Test("an approximate symmetry is refused with the routes to use instead")
  func approximate() throws {
    let s = try ApproximateReflection(equilibrium: [0, 0], coordinates: [1])
    let e = try #require(throws: SymmetryError.self) { try SymmetrizedKernel(base, symmetry: s) }
    #expect(e.code == .routeNotApplicable && e.message.contains("explicit augmentation"))
  }

  @Test("a kernel with one length scale per axis is refused for permutations, with the values")
  func notInvariant() throws {
    let s = try CoordinatePermutations(dimension: 3, generators: [[0, 2, 1]])
    let e = try #require(throws: SymmetryError.self) {
      try SymmetrizedKernel(AxisGaussianKernel(lengthScales: [1, 1, 3]), symmetry: s)
    }
    #expect(e.code == .kernelNotInvariant && e.message.contains("k(x, x′) =") && e.indices == [1])
  }
}

/// An involution that is not orthogonal: a user's broken conformer.
private struct ObliqueFlip: FiniteLabelSymmetry {
  let dimension = 2
  let isExact = true
  let name = "oblique flip"
  let centre = [0.0, 0.0]
  let elements: [OrthogonalAction] = [
    .init(uncheckedMatrix: Matrix.identity(2), centre: [0, 0]),
    .init(uncheckedMatrix: Matrix(rows: 2, columns: 2, elements: [1, 0.5, 0, -1]), centre: [0, 0]),  // g² = I, gᵀg ≠ I
  ]
}

@Suite("SymmetrizedKernel refusals")
struct SymmetrizedKernelRefusalTests {
  @Test("a non-orthogonal element is refused with its defect, not trusted (no crash, no wrong kernel)")
  func nonOrthogonal() {
    let error = #expect(throws: SymmetryError.self) {
      try SymmetrizedKernel(GaussianKernel(lengthScale: 1), symmetry: ObliqueFlip())
    }
    #expect(error?.code == .nonOrthogonalElement)
    #expect(error?.message.contains("Element 1 of oblique flip is not orthogonal (‖RᵀR − I‖ = ") == true)
    #expect(error?.message.contains("check the symmetry with SymmetryTesting") == true)
  }
}
