import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("Symmetric Nyström kernel ridge regression")
struct SymmetricNystromKernelRidgeTests {
  /// Inputs in [−2, 2]³ and labels even in x₀ and x₁ (so Z2² sign flips of those are exact).
  static func evenData(_ n: Int, seed: UInt64) throws -> (Matrix, [Double]) {
    var g = SeededGenerator(seed: seed)
    let x = try g.uniformMatrix(rows: n, columns: 3, low: -2, high: 2)
    let y = (0..<n).map { i in cos(x[i, 0]) * exp(-0.3 * x[i, 1] * x[i, 1]) + 0.4 * x[i, 2] }
    return (x, y)
  }

  /// Labels with odd parts in every coordinate (an approximate reflection about the origin).
  static func unevenData(_ n: Int, seed: UInt64) throws -> (Matrix, [Double]) {
    let (x, _) = try evenData(n, seed: seed)
    let y = (0..<n).map { i in x[i, 0] * x[i, 0] + 2 * x[i, 1] * x[i, 1] + 0.5 * x[i, 2] * x[i, 2] + 0.2 * x[i, 0] * x[i, 1] * x[i, 2] + 0.3 * x[i, 0] }
    return (x, y)
  }

  static func scaledDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max()! / b.map(abs).max()!
  }

  static func settings(_ m: Int, ridge: Double = 1e-3) -> NystromKernelRidge<GaussianKernel> {
    NystromKernelRidge(kernel: GaussianKernel(lengthScale: 0.9), ridge: ridge, centres: m, seed: 4, tolerance: 1e-12,
                       maximumIterations: 2000)
  }

  @Test("exact symmetry: the sum-kernel, group-Fourier and augmentation routes agree to the CG tolerance")
  func exactRoutesAgree() throws {
    let (x, y) = try Self.evenData(160, seed: 1)
    let (xt, _) = try Self.evenData(30, seed: 2)
    let flips = try SignFlips(dimension: 3, coordinates: [0, 1])
    let predictions = try [SymmetryRoute.sumKernel, .fourier, .augment].map { route in
      let model = try SymmetricNystromKernelRidge(nystrom: Self.settings(24), symmetry: flips, route: route).fit(x, y)
      #expect(model.report.relativeResidual <= 1e-12)
      #expect(model.report.channelCount == (route == .fourier ? 4 : 1))
      return try model.predict(xt)
    }
    #expect(Self.scaledDifference(predictions[1], predictions[0]) <= 1e-8)
    #expect(Self.scaledDifference(predictions[2], predictions[0]) <= 1e-8)
  }

  @Test("per-copy ridge: the group-Fourier route equals explicit augmentation with closed centres")
  func copyRidgeRoutesAgree() throws {
    let (x, y) = try Self.unevenData(140, seed: 3)
    let (xt, _) = try Self.unevenData(25, seed: 4)
    let correction = try TaylorCorrection(hessian: .diagonal([2, 4, 1]))
    let reflection = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2], correction: correction)
    for copyRidge in [0.0, 0.05] {
      let fourier = try SymmetricNystromKernelRidge(nystrom: Self.settings(20), symmetry: reflection, route: .fourier,
                                                    trust: .copyRidge(copyRidge)).fit(x, y)
      let augmented = try SymmetricNystromKernelRidge(nystrom: Self.settings(20), symmetry: reflection, route: .augment,
                                                      trust: .copyRidge(copyRidge)).fit(x, y)
      #expect(Self.scaledDifference(try fourier.predict(xt), try augmented.predict(xt)) <= 1e-8, "ε² = \(copyRidge)")
    }
  }

  @Test("trust .none is plain Nyström on the originals, whatever the route")
  func trustNone() throws {
    let (x, y) = try Self.unevenData(80, seed: 7)
    let (xt, _) = try Self.unevenData(15, seed: 8)
    let plain = try Self.settings(20).fit(x, y).predict(xt)
    let flips = try SignFlips(dimension: 3, coordinates: [0, 2])
    for route in [SymmetryRoute.sumKernel, .fourier, .augment] {
      let none = try SymmetricNystromKernelRidge(nystrom: Self.settings(20), symmetry: flips, route: route, trust: .none)
      #expect(try none.fit(x, y).predict(xt) == plain, "route \(route)")
    }
  }

  @Test("with every sample a centre, the group-Fourier route equals dense KRR on the augmented set (per-copy ridges)")
  func fourierEqualsDenseAugmented() throws {
    let (x, y) = try Self.unevenData(50, seed: 5)
    let (xt, _) = try Self.unevenData(20, seed: 6)
    let reflection = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 2])
    let lambda = 1e-2, epsilon2 = 0.3
    let model = try SymmetricNystromKernelRidge(nystrom: Self.settings(50, ridge: lambda), symmetry: reflection,
                                                route: .fourier, trust: .copyRidge(epsilon2)).fit(x, y)
    let data = try Augmentation.augment(inputs: x, labels: y, by: reflection)
    let dense = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 0.9), ridge: lambda)
      .fit(data.inputs, data.labels, sampleRidges: data.elementIndex.map { $0 == 0 ? lambda : lambda + epsilon2 })
    #expect(Self.scaledDifference(try model.predict(xt), try dense.predict(xt)) <= 1e-8)
  }

  @Test("with every sample a centre, the sum-kernel and Haar routes equal their dense routes")
  func kernelRoutesEqualDense() throws {
    let (x, y) = try Self.evenData(70, seed: 7)
    let (xt, _) = try Self.evenData(20, seed: 8)
    let flips = try SignFlips(dimension: 3, coordinates: [0, 1])
    let sum = try SymmetricNystromKernelRidge(nystrom: Self.settings(70, ridge: 1e-2), symmetry: flips, route: .sumKernel)
      .fit(x, y)
    let denseSum = try SymmetricKernelRidge(kernel: GaussianKernel(lengthScale: 0.9), ridge: 1e-2, symmetry: flips,
                                            route: .sumKernel).fit(x, y)
    #expect(Self.scaledDifference(try sum.predict(xt), try denseSum.predict(xt)) <= 1e-8)
    let o3 = try Rotations(.o3)
    let haar = try SymmetricNystromKernelRidge(nystrom: Self.settings(70, ridge: 1e-2), symmetry: o3, route: .haarKernel)
      .fit(x, y)
    let denseHaar = try SymmetricKernelRidge(kernel: GaussianKernel(lengthScale: 0.9), ridge: 1e-2, symmetry: o3,
                                             route: .haarKernel).fit(x, y)
    #expect(Self.scaledDifference(try haar.predict(xt), try denseHaar.predict(xt)) <= 1e-8)
  }

  @Test("routes that do not apply are refused with the route to use, messages pinned")
  func refusals() throws {
    let flips = try SignFlips(dimension: 3, coordinates: [0])
    let o3 = try Rotations(.o3)
    func message(_ route: SymmetryRoute, _ s: any LabelSymmetry, copyRidge: Double = 0) -> String? {
      do { _ = try SymmetricNystromKernelRidge(nystrom: Self.settings(10), symmetry: s, route: route, trust: .copyRidge(copyRidge)) }
      catch { return error.message }
      return nil
    }
    #expect(message(.sumKernel, flips, copyRidge: 0.1) == "A per-copy ridge ε² = 0.1 needs the augmented copies, but "
      + "route .sumKernel solves on the N originals with one ridge; use route .fourier (Z2^m sign flips) or .augment, "
      + "or trust .full.")
    #expect(message(.augment, o3) == "Nyström augmentation needs centres closed under the group, which a continuous "
      + "group (O(3)) has no finite set of; use route .haarKernel (Gaussian kernel).")
    #expect(message(.augment, flips, copyRidge: -1) == "The extra copy ridge ε² is -1.0; it must be a finite number ≥ 0 "
      + "(0 trusts the symmetry fully; use trust .none to ignore the copies).")
    #expect(message(.fourier, flips, copyRidge: .infinity)?.contains("ε² is inf; it must be a finite number ≥ 0") == true)
    let weights = #expect(throws: SymmetryError.self) {
      try SymmetricNystromKernelRidge(nystrom: Self.settings(10), symmetry: flips, route: .sumKernel, trust: .sectorWeights([1, 0]))
    }
    #expect(weights?.message.contains("build a CharacterWeightedKernel and fit it with NystromKernelRidge") == true)
    #expect(message(.fourier, o3)?.contains("use .haarKernel") == true)
    #expect(message(.fourier, flips) == nil && message(.augment, flips) == nil)
    let (x, y) = try Self.evenData(20, seed: 9)
    let error = #expect(throws: RegressionError.self) {
      try SymmetricNystromKernelRidge(nystrom: Self.settings(10), symmetry: try SignFlips(dimension: 2, coordinates: [0]),
                                      route: .fourier).fit(x, y)
    }
    #expect(error?.description == "The inputs have 3 columns but Z2^1 sign flips on [0] acts on 2 coordinates; give one "
      + "column per coordinate of the symmetry.")
  }
}
