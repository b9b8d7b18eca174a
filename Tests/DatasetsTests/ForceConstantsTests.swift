import Foundation
import LinearAlgebra
import Testing
import _TestSupport
@testable import Datasets

@Suite("Cubic force constants of water in dimensionless normal coordinates")
struct ForceConstantsTests {
  let modes = sharedModes

  @Test("C₂ᵥ zeros of the cubic force field hold to roundoff, the others do not vanish")
  func cubicZeros() throws {
    let phi = try modes.cubicForceConstants()
    let keyed = phi.keyed
    #expect(keyed.count == 10)
    for key in ["113", "123", "223", "333"] {
      #expect(abs(keyed[key]!) < 1e-9, "φ\(key) = \(keyed[key]!) cm⁻¹")
    }
    for key in ["111", "112", "122", "133", "222", "233"] {
      #expect(abs(keyed[key]!) > 10, "φ\(key) = \(keyed[key]!) cm⁻¹")
    }
    // Symmetric under permutation of the indices.
    expectClose(phi[0, 1, 2], phi[2, 1, 0], absolute: 1e-9)
    expectClose(phi[0, 0, 1], phi[1, 0, 0], absolute: 1e-9)
  }

  @Test("a smaller step gives the same cubic constants (finite differences converged)")
  func cubicConverged() throws {
    let a = try modes.cubicForceConstants(step: 0.02)
    let b = try modes.cubicForceConstants(step: 0.04)
    expectClose(a.values, b.values, absolute: 1e-4)
  }

  @Test("cubic constants agree with third differences of energies (an independent stencil)",
        arguments: [(0, 0, 0), (1, 1, 1), (0, 1, 1), (1, 0, 0), (0, 2, 2), (1, 2, 2)])
  func cubicFromEnergies(i: Int, j: Int, k: Int) throws {
    // φ_ijk with j == k: ∂ᵢ ∂ⱼ² V from energies on a small grid (second-order stencils),
    // φ_iii: [V(2h) − 2V(h) + 2V(−h) − V(−2h)] / (2h³).
    let h = 0.01
    func v(_ a: Double, _ b: Double) throws -> Double {
      var q = [0.0, 0, 0]
      q[i] += a * h
      q[j] += b * h
      return try modes.energyAboveMinimum(normalCoordinates: q) * WaterNormalModes.wavenumbersPerHartree
    }
    #expect(j == k)
    let estimate: Double
    if i == j {
      estimate = (try v(2, 0) - 2 * v(1, 0) + 2 * v(-1, 0) - v(-2, 0)) / (2 * h * h * h)
    } else {
      let plus = try v(1, 1) - 2 * v(1, 0) + v(1, -1)
      let minus = try v(-1, 1) - 2 * v(-1, 0) + v(-1, -1)
      estimate = (plus - minus) / (2 * h * h * h)
    }
    let phi = try modes.cubicForceConstants()
    // The stencil's truncation error is O(h²) (~1e-2 cm⁻¹ here) and its rounding ~1e-16/h³.
    expectClose(phi[i, j, k], estimate, absolute: 0.05)
  }

  @Test("Taylor check: V(q) − ½Σωq² − ⅙Σφqqq is O(|q|⁴)")
  func taylor() throws {
    let phi = try modes.cubicForceConstants()
    let omega = modes.wavenumbers
    let direction = [0.6, -0.5, 0.62]
    func residual(_ t: Double) throws -> Double {
      let q = direction.map { $0 * t }
      let v = try modes.energyAboveMinimum(normalCoordinates: q) * WaterNormalModes.wavenumbersPerHartree
      let quadratic = 0.5 * zip(omega, q).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
      return v - quadratic - phi.cubicEnergy(at: q)
    }
    let r1 = try residual(0.1), r2 = try residual(0.2), r4 = try residual(0.4)
    // Without the cubic term the remainder would scale as t³ (ratio 8); with it, as t⁴ (16).
    let ratio1 = r2 / r1, ratio2 = r4 / r2
    #expect(ratio1 > 13 && ratio1 < 19, "ratio \(ratio1) (r = \(r1), \(r2))")
    #expect(ratio2 > 13 && ratio2 < 19, "ratio \(ratio2) (r = \(r2), \(r4))")
  }
}
