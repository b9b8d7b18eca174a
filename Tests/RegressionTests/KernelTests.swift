import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

/// A named kernel for parameterised tests.
struct KernelCase: Sendable, CustomTestStringConvertible {
  let name: String
  let kernel: any Kernel
  var testDescription: String { name }

  static let all: [KernelCase] = [
    KernelCase(name: "Gaussian", kernel: GaussianKernel(lengthScale: 0.7)),
    KernelCase(name: "Laplacian", kernel: LaplacianKernel(lengthScale: 1.3)),
    KernelCase(name: "Matérn 3/2", kernel: Matern32Kernel(lengthScale: 0.9)),
    KernelCase(name: "Matérn 5/2", kernel: Matern52Kernel(lengthScale: 0.5)),
    KernelCase(name: "2.5 · Gaussian", kernel: 2.5 * GaussianKernel(lengthScale: 0.8)),
    KernelCase(name: "Matérn 3/2 + Gaussian", kernel: Matern32Kernel(lengthScale: 0.6) + GaussianKernel(lengthScale: 1.7)),
    KernelCase(name: "Laplacian · Matérn 5/2", kernel: LaplacianKernel(lengthScale: 2) * Matern52Kernel(lengthScale: 0.7)),
    KernelCase(name: "0.3 · (Gaussian + 1.5 · Laplacian)",
               kernel: 0.3 * (GaussianKernel(lengthScale: 0.4) + 1.5 * LaplacianKernel(lengthScale: 0.9))),
  ]
}

@Suite("Kernel protocol contract")
struct KernelTests {
  static func points(_ n: Int, seed: UInt64, d: Int = 3) throws -> Matrix {
    var g = SeededGenerator(seed: seed)
    return try g.gaussianMatrix(rows: n, columns: d)
  }

  @Test("Gram matrices are symmetric and positive semi-definite", arguments: KernelCase.all)
  func gramIsSymmetricPSD(_ c: KernelCase) throws {
    let x = try Self.points(120, seed: 17)
    let k = c.kernel.matrix(x)
    #expect(k.maxAbsoluteDifference(to: k.transposed()) == 0)
    let eigen = try SymmetricEigendecomposition(of: k)
    #expect(eigen.eigenvalues[0] >= -1e-10 * 120, "smallest eigenvalue \(eigen.eigenvalues[0])")
  }

  @Test("matrix, crossMatrix and diagonal agree with value", arguments: KernelCase.all)
  func bulkAgreesWithValue(_ c: KernelCase) throws {
    let a = try Self.points(15, seed: 1), b = try Self.points(9, seed: 2)
    let k = c.kernel
    let naive = try Matrix(rows: (0..<15).map { i in (0..<15).map { j in k.value(a.row(i), a.row(j)) } })
    expectClose(k.matrix(a), naive, absolute: 1e-14, relative: 1e-12, "matrix")
    let naiveCross = try Matrix(rows: (0..<15).map { i in (0..<9).map { j in k.value(a.row(i), b.row(j)) } })
    expectClose(k.crossMatrix(a, b), naiveCross, absolute: 1e-14, relative: 1e-12, "crossMatrix")
    expectClose(k.diagonal(a), (0..<15).map { k.value(a.row($0), a.row($0)) }, relative: 1e-14, "diagonal")
  }

  @Test("gradientMatrices equal central finite differences of matrix in log space", arguments: KernelCase.all)
  func gradientsMatchFiniteDifferences(_ c: KernelCase) throws {
    let x = try Self.points(12, seed: 5)
    let k = c.kernel
    let theta = k.logHyperparameters
    let gradients = k.gradientMatrices(x)
    #expect(gradients.count == theta.count)
    let h = 1e-6
    for i in theta.indices {
      var plus = theta, minus = theta
      plus[i] += h
      minus[i] -= h
      let fd = (k.withLogHyperparameters(plus).matrix(x) - k.withLogHyperparameters(minus).matrix(x)).map { $0 / (2 * h) }
      expectClose(gradients[i], fd, absolute: 1e-8, relative: 1e-6, "\(c.name) ∂K/∂θ\(i)")
    }
  }

  @Test("withLogHyperparameters round-trips the free hyperparameters", arguments: KernelCase.all)
  func logHyperparametersRoundTrip(_ c: KernelCase) {
    let theta = c.kernel.logHyperparameters.map { $0 + 0.25 }
    let changed = c.kernel.withLogHyperparameters(theta)
    expectClose(changed.logHyperparameters, theta, relative: 1e-14)
    #expect(changed.hyperparameters.map(\.name) == c.kernel.hyperparameters.map(\.name))
  }

  @Test("stationary isotropic kernels are invariant under an orthogonal map", arguments: KernelCase.all)
  func orthogonalInvariance(_ c: KernelCase) throws {
    #expect(c.kernel.isStationary && c.kernel.isIsotropic)
    // A rotation about the z axis by 0.7 rad combined with a reflection of y.
    let (s, co) = (sin(0.7), cos(0.7))
    let q = try Matrix(rows: [[co, -s, 0], [-s, -co, 0], [0, 0, 1]])
    let x = try Self.points(10, seed: 9)
    let qx = x.multiplied(by: q, transposingOther: true)
    expectClose(c.kernel.matrix(qx), c.kernel.matrix(x), absolute: 1e-13, relative: 1e-12)
  }
}
