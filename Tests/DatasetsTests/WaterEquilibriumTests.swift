import Foundation
import LinearAlgebra
import Testing
import _TestSupport
@testable import Datasets

@Suite("Water equilibrium by minimisation")
struct WaterEquilibriumTests {
  let modes = sharedModes
  let pes = PartridgeSchwenke()

  @Test("the minimum is symmetric at r ≈ 1.81005 bohr, θ ≈ 104.508° with gradient below 1e-10")
  func equilibrium() throws {
    let e = modes.equilibrium
    expectClose(e.bondLength, 1.81005, absolute: 5e-6)
    expectClose(e.angle * 180 / .pi, 104.508, absolute: 5e-4)
    expectClose(e.energy, -1.911e-6, absolute: 1e-9)
    #expect(e.gradientNorm < 1e-10)
    // Independent check: the internal-coordinate formula (no Cartesian round trip) is
    // stationary there, with a different finite-difference step than the search used.
    let g = try pes.internalCoordinates.finiteDifferenceGradient(at: [e.bondLength, e.bondLength, e.angle], step: 2e-3)
    #expect(g.allSatisfy { abs($0) < 1e-10 }, "∂V/∂(r1, r2, θ) = \(g)")
    // A perturbed start converges to the same minimum.
    let other = try WaterEquilibrium(surface: pes, bondLength: 1.75, angle: 1.7)
    expectClose(other.bondLength, e.bondLength, absolute: 1e-10)
    expectClose(other.angle, e.angle, absolute: 1e-10)
  }

  @Test("a surface with the wrong dimension or without a minimum is rejected by the minimiser")
  func equilibriumErrors() {
    let wrong = #expect(throws: DatasetError.self) { try WaterEquilibrium(surface: pes.internalCoordinates) }
    #expect(wrong?.code == .shapeMismatch)
    #expect(wrong?.description.hasPrefix("A water surface takes 9 Cartesian coordinates (O, H, H in bohr), this one takes 3") == true)
    let flat = #expect(throws: DatasetError.self) { try WaterEquilibrium(surface: Repulsive()) }
    #expect(flat?.code == DatasetError.Code("notConverged"))
    #expect(flat?.description.contains("did not converge from r = 1.81 bohr") == true)
  }
}

/// A surface with no minimum (pure O–H repulsion), to exercise the minimiser's failure path.
struct Repulsive: PotentialEnergySurface {
  var dimension: Int { 9 }
  func energy(at x: [Double]) throws(DatasetError) -> Double {
    let g = try WaterGeometry(cartesian: x)
    return 1 / g.r1 + 1 / g.r2
  }
}
