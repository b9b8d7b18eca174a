import Foundation
import LinearAlgebra
import Testing
import _TestSupport
@testable import Datasets

/// V(x, y, z) = x²y + 3yz³ − x⁴/4 + 2xz: a quartic with closed-form derivatives.
struct Quartic: PotentialEnergySurface {
  var dimension: Int { 3 }
  func energy(at p: [Double]) throws(DatasetError) -> Double {
    let (x, y, z) = (p[0], p[1], p[2])
    return x * x * y + 3 * y * z * z * z - x * x * x * x / 4 + 2 * x * z
  }
  static func gradient(_ p: [Double]) -> [Double] {
    let (x, y, z) = (p[0], p[1], p[2])
    return [2 * x * y - x * x * x + 2 * z, x * x + 3 * z * z * z, 9 * y * z * z + 2 * x]
  }
  static func hessian(_ p: [Double]) throws -> Matrix {
    let (x, y, z) = (p[0], p[1], p[2])
    return try Matrix(rows: [[2 * y - 3 * x * x, 2 * x, 2], [2 * x, 0, 9 * z * z], [2, 9 * z * z, 18 * y * z]])
  }
}

/// A surface with an analytic gradient: the override must be used instead of the default.
struct AnalyticGradient: PotentialEnergySurface {
  var dimension: Int { 1 }
  func energy(at x: [Double]) throws(DatasetError) -> Double { x[0] * x[0] }
  func gradient(at x: [Double]) throws(DatasetError) -> [Double] { [42] }
}

@Suite("PotentialEnergySurface protocol and finite-difference defaults")
struct PotentialEnergySurfaceTests {
  @Test("five-point differences are exact for a quartic (up to rounding)", arguments: [1e-2, 1e-3])
  func quartic(step: Double) throws {
    var g = SeededGenerator(seed: 31)
    for _ in 0..<5 {
      let p = (0..<3).map { _ in g.uniform(-1.5, 1.5) }
      let rounding = 1e-13 / (step * step)
      expectClose(try Quartic().finiteDifferenceGradient(at: p, step: step), Quartic.gradient(p), absolute: rounding)
      expectClose(try Quartic().finiteDifferenceHessian(at: p, step: step), try Quartic.hessian(p), absolute: rounding)
    }
  }

  @Test("the default gradient and Hessian use the documented step")
  func defaults() throws {
    let p = [0.3, -0.7, 1.1]
    #expect(Quartic.defaultFiniteDifferenceStep == 1e-3)
    #expect(try Quartic().gradient(at: p) == Quartic().finiteDifferenceGradient(at: p, step: 1e-3))
    #expect(try Quartic().hessian(at: p) == Quartic().finiteDifferenceHessian(at: p, step: 1e-3))
  }

  @Test("a conformer's own derivative replaces the default")
  func override() throws {
    #expect(try AnalyticGradient().gradient(at: [1]) == [42])
    // Called through a generic context the override is still used (it is a requirement).
    func viaGeneric(_ s: some PotentialEnergySurface) throws -> [Double] { try s.gradient(at: [1]) }
    #expect(try viaGeneric(AnalyticGradient()) == [42])
    expectClose(try AnalyticGradient().hessian(at: [1])[0, 0], 2, absolute: 1e-8)
  }

  @Test("the water surface's Cartesian gradient matches the internal-coordinate chain rule")
  func waterGradient() throws {
    let pes = PartridgeSchwenke()
    let geometry = try WaterGeometry(r1: 1.9, r2: 1.7, theta: 1.7)
    let g = try pes.gradient(at: geometry.cartesian)
    let gi = try pes.internalCoordinates.gradient(at: [1.9, 1.7, 1.7])
    // H₁ sits at r₁ (sin θ/2, cos θ/2, 0): ∂V/∂(H₁ along its bond) = ∂V/∂r₁.
    let u = [sin(0.85), cos(0.85), 0]
    expectClose(g[3] * u[0] + g[4] * u[1] + g[5] * u[2], gi[0], absolute: 1e-9)
    // Translation invariance: the forces sum to zero.
    for a in 0..<3 { #expect(abs(g[a] + g[3 + a] + g[6 + a]) < 1e-9) }
  }

  @Test("errors of the surface and of the arguments surface as DatasetError")
  func errors() {
    let pes = PartridgeSchwenke()
    let bad = #expect(throws: DatasetError.self) { try pes.gradient(at: [0, 0, 0, 0, 0, 0, 0, 1.8, 0]) }
    #expect(bad?.code == .invalidGeometry)
    let step = #expect(throws: DatasetError.self) { try Quartic().finiteDifferenceGradient(at: [0, 0, 0], step: .nan) }
    #expect(step?.description == "Finite-difference step nan must be a positive finite number (typically 1e-4 … 1e-2 in the units of the coordinates).")
    let count = #expect(throws: DatasetError.self) { try Quartic().hessian(at: [0, 0]) }
    #expect(count?.code == .shapeMismatch)
    #expect(count?.description == "The surface takes 3 coordinates, got 2; pass one point as a flat array of 3 values.")
  }
}
