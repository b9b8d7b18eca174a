import Foundation
import LinearAlgebra
import Testing
import _TestSupport
@testable import Datasets

@Suite("Water geometries")
struct WaterGeometryTests {
  @Test("internal coordinates place the atoms in the documented standard frame")
  func standardFrame() throws {
    let g = try WaterGeometry(r1: 2, r2: 1.5, theta: .pi / 2)
    let s = 0.5.squareRoot()
    expectClose(g.cartesian, [0, 0, 0, 2 * s, 2 * s, 0, -1.5 * s, 1.5 * s, 0], absolute: 1e-15)
    expectClose(g.r1, 2, relative: 1e-15)
    expectClose(g.r2, 1.5, relative: 1e-15)
    expectClose(g.theta, .pi / 2, absolute: 1e-15)
    #expect(g.internalCoordinates == (g.r1, g.r2, g.theta))
  }

  @Test("a symmetric geometry is mapped onto itself exactly by x → −x with H₁ ↔ H₂")
  func exactMirror() throws {
    let g = try WaterGeometry(r1: 1.81, r2: 1.81, theta: 1.824)
    #expect(WaterNormalModes.mirror(g.cartesian) == g.cartesian)
  }

  @Test("ångström input is converted with a = 0.529177249 Å/bohr")
  func angstrom() throws {
    let bohr = try WaterGeometry(r1: 1.8, r2: 1.9, theta: 1.9)
    let a = try WaterGeometry(cartesian: bohr.cartesianInAngstrom, unit: .angstrom)
    expectClose(a.cartesian, bohr.cartesian, absolute: 1e-15)
    expectClose(bohr.cartesianInAngstrom[3] / bohr.cartesian[3], 0.529177249, relative: 1e-15)
    #expect(WaterGeometry.angstromPerBohr == 0.529177249)
  }

  @Test("θ = π (linear) is accepted, θ = 0 and out-of-range values are not")
  func angleRange() throws {
    expectClose(try WaterGeometry(r1: 1.8, r2: 1.8, theta: .pi).cosTheta, -1, absolute: 1e-15)
    let error = #expect(throws: DatasetError.self) { try WaterGeometry(r1: 1.8, r2: -2, theta: -0.1) }
    #expect(error?.description == "Invalid water geometry: bond length r2 = -2.0 bohr is not positive; it must be > 0 bohr (about 1.81 at equilibrium; divide ångström by 0.529177249); angle theta = -0.1 rad is outside (0, π] = (0, 3.141592653589793] rad; pass the H–O–H angle in radians (degrees × π/180).")
  }

  @Test("both coincident hydrogens are reported at once")
  func bothBonds() {
    let error = #expect(throws: DatasetError.self) { try WaterGeometry(cartesian: [1, 1, 1, 1, 1, 1, 1, 1, 1]) }
    #expect(error?.code == .invalidGeometry)
    #expect(error?.description == "Invalid water geometry [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0] (bohr): bond length r1 = |H1 − O| is 0.0 bohr; it must be > 0 (is an H atom on top of the O, or are the atoms out of order? expected O, H, H); bond length r2 = |H2 − O| is 0.0 bohr; it must be > 0 (is an H atom on top of the O, or are the atoms out of order? expected O, H, H).")
  }
}
