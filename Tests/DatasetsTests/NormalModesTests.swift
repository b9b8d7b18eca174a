import Foundation
import LinearAlgebra
import Testing
import _TestSupport
@testable import Datasets

/// One analysis shared by the tests (computing it takes well under a second in debug).
let sharedModes: WaterNormalModes = try! WaterNormalModes()

@Suite("Water normal modes and dimensionless coordinates")
struct NormalModesTests {
  let modes = sharedModes
  let pes = PartridgeSchwenke()

  @Test("harmonic wavenumbers match the quadruple-precision reference to 1e-3 cm⁻¹")
  func wavenumbers() {
    let reference = ReferenceValues.waterWavenumbers
    expectClose(modes.wavenumbers, reference, absolute: 1e-3)
    // water-pes.md §7 expects ~4.5e-7 cm⁻¹ from a 5-point stencil with step 1e-3 bohr.
    expectClose(modes.wavenumbers, reference, absolute: 5e-6, "five-point stencil accuracy")
    expectClose(modes.frequencies.map { $0 * WaterNormalModes.wavenumbersPerHartree }, modes.wavenumbers, relative: 1e-15)
  }

  @Test("the whole analysis including the cubic force field takes well under a second")
  func timing() throws {
    let start = Date()
    let fresh = try WaterNormalModes()
    _ = try fresh.cubicForceConstants()
    let seconds = Date().timeIntervalSince(start)
    // About 0.03 s in a debug build on the development machine; the target is < 1 s in release.
    #expect(seconds < 1, "took \(seconds) s")
  }

  @Test("the three-point Cartesian Hessian with step 1e-4 bohr gives the same wavenumbers (within 1e-3)")
  func threePointHessianAgrees() throws {
    // Independent Hessian: 3-point central differences of the Cartesian energy.
    let x0 = modes.equilibrium.geometry.cartesian
    let h = 1e-4
    var hess = Matrix(rows: 9, columns: 9)
    let f0 = try pes.energy(at: x0)
    for i in 0..<9 {
      for j in 0...i {
        func f(_ a: Double, _ b: Double) throws -> Double {
          var x = x0; x[i] += a; x[j] += b; return try pes.energy(at: x)
        }
        let v = i == j ? (try f(h, 0) - 2 * f0 + f(-h, 0)) / (h * h)
                       : (try f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h)
        hess[i, j] = v; hess[j, i] = v
      }
    }
    let other = try WaterNormalModes(surface: pes, equilibrium: modes.equilibrium, cartesianHessian: hess)
    expectClose(other.wavenumbers, modes.wavenumbers, absolute: 1e-3)
  }

  @Test("D₂O obeys the Teller–Redlich product rule against H₂O (mass weighting and projection)")
  func tellerRedlich() throws {
    let deuterium = 2.01410177812
    let d2o = try WaterNormalModes(surface: pes, equilibrium: modes.equilibrium,
                                   cartesianHessian: modes.cartesianHessian, hydrogenMass: deuterium)
    // Π ω_D/ω_H = (m_H/m_D)^(3/2 · 2) (M_D/M_H)^(3/2) (det I_D / det I_H)^(1/2), exactly for
    // harmonic frequencies from one Hessian.
    func inertiaDeterminant(_ masses: [Double]) -> Double {
      let x = modes.equilibrium.geometry.cartesian
      let total = masses.reduce(0, +)
      let com = (0..<3).map { a in (0..<3).reduce(0.0) { $0 + masses[$1] * x[3 * $1 + a] } / total }
      var t = Matrix(rows: 3, columns: 3)
      for atom in 0..<3 {
        let p = (0..<3).map { x[3 * atom + $0] - com[$0] }
        let r2 = p.reduce(0) { $0 + $1 * $1 }
        for a in 0..<3 { for b in 0..<3 { t[a, b] += masses[atom] * ((a == b ? r2 : 0) - p[a] * p[b]) } }
      }
      return t[0, 0] * (t[1, 1] * t[2, 2] - t[1, 2] * t[2, 1]) - t[0, 1] * (t[1, 0] * t[2, 2] - t[1, 2] * t[2, 0])
        + t[0, 2] * (t[1, 0] * t[2, 1] - t[1, 1] * t[2, 0])
    }
    let h = WaterNormalModes.hydrogen1Mass, o = WaterNormalModes.oxygen16Mass
    let ratio = zip(d2o.wavenumbers, modes.wavenumbers).reduce(1.0) { $0 * $1.0 / $1.1 }
    let expected = pow(h / deuterium, 3) * pow((o + 2 * deuterium) / (o + 2 * h), 1.5)
      * (inertiaDeterminant([o, deuterium, deuterium]) / inertiaDeterminant([o, h, h])).squareRoot()
    expectClose(ratio, expected, relative: 1e-10)
    // And the isotope shifts have the familiar size (D₂O: about 2764, 1206, 2889 cm⁻¹).
    expectClose(d2o.wavenumbers, [2764, 1206, 2889], absolute: 10)
  }

  @Test("mode phases: +q₁ lengthens both bonds, +q₂ opens the angle, +q₃ lengthens r₁ and shortens r₂")
  func phases() throws {
    let e = modes.equilibrium
    let g1 = try modes.geometry(normalCoordinates: [0.1, 0, 0])
    #expect(g1.r1 > e.bondLength && g1.r2 > e.bondLength)
    expectClose(g1.r1, g1.r2, absolute: 1e-14)
    let g2 = try modes.geometry(normalCoordinates: [0, 0.1, 0])
    #expect(g2.theta > e.angle)
    expectClose(g2.r1, g2.r2, absolute: 1e-14)
    let g3 = try modes.geometry(normalCoordinates: [0, 0, 0.1])
    #expect(g3.r1 > e.bondLength && g3.r2 < e.bondLength)
  }

  @Test("mode vectors are orthonormal in mass-weighted space and orthogonal to translations")
  func orthonormality() {
    let l = modes.massWeightedModes
    let gram = l.multiplied(by: l, transposingOther: true)
    expectClose(gram, Matrix.identity(3), absolute: 1e-12)
    // Zero total momentum: Σ m d = 0 for every mode and axis.
    for k in 0..<3 {
      for a in 0..<3 {
        let p = (0..<3).reduce(0.0) { $0 + modes.masses[$1] * modes.cartesianDisplacements[k, 3 * $1 + a] }
        #expect(abs(p) < 1e-14)
      }
    }
  }

  @Test("the Hessian in normal coordinates is diag(ω) (cm⁻¹)")
  func hessianInQ() throws {
    let h = try modes.hessianInNormalCoordinates()
    // Computed from energies in q, independently of the Cartesian Hessian that defined q.
    expectClose(h.diagonal, modes.wavenumbers, absolute: 1e-5)
    for i in 0..<3 { for j in 0..<3 where i != j { #expect(abs(h[i, j]) < 1e-5, "H[\(i),\(j)] = \(h[i, j])") } }
  }

  @Test("q → Cartesian → q is the identity, also after a rotation and translation")
  func roundTrip() throws {
    var g = SeededGenerator(seed: 21)
    for _ in 0..<10 {
      let q = (0..<3).map { _ in g.uniform(-1.5, 1.5) }
      let geometry = try modes.geometry(normalCoordinates: q)
      expectClose(modes.normalCoordinates(of: geometry), q, absolute: 1e-12)
      // Rotate about a random axis and translate: the Eckart alignment undoes it.
      let angle = g.uniform(0, 2 * .pi)
      let (c, s) = (cos(angle), sin(angle))
      var moved = geometry.cartesian
      for atom in 0..<3 {
        let x = moved[3 * atom], z = moved[3 * atom + 2], y = moved[3 * atom + 1]
        moved[3 * atom] = c * x - s * z + 3.0
        moved[3 * atom + 2] = s * x + c * z - 1.0
        moved[3 * atom + 1] = y + 0.5
      }
      expectClose(modes.normalCoordinates(of: try WaterGeometry(cartesian: moved)), q, absolute: 1e-10)
    }
  }

  @Test("q₃ → −q₃ is exact to 1e-14 hartree; q₁ → −q₁ and q₂ → −q₂ are not")
  func reflections() throws {
    var g = SeededGenerator(seed: 22)
    var worst1 = 0.0, worst2 = 0.0
    for _ in 0..<20 {
      let q = (0..<3).map { _ in g.uniform(-1, 1) }
      let v = try modes.energyAboveMinimum(normalCoordinates: q)
      let v3 = try modes.energyAboveMinimum(normalCoordinates: [q[0], q[1], -q[2]])
      #expect(abs(v - v3) <= 1e-14, "q = \(q): \(v) vs \(v3)")
      worst1 = max(worst1, abs(v - (try modes.energyAboveMinimum(normalCoordinates: [-q[0], q[1], q[2]]))))
      worst2 = max(worst2, abs(v - (try modes.energyAboveMinimum(normalCoordinates: [q[0], -q[1], q[2]]))))
    }
    // The odd terms of the surface make the q₁ and q₂ reflections change the energy by up to
    // 7.4e-3 and 6.8e-4 hartree (about 1600 and 150 cm⁻¹) for |qₖ| ≤ 1 with this seed: ten
    // orders of magnitude above the q₃ asymmetry.
    #expect(worst1 > 1e-3, "largest change under q1 → −q1: \(worst1)")
    #expect(worst2 > 1e-4, "largest change under q2 → −q2: \(worst2)")
  }

  @Test("the normal-coordinate surface is the energy above the minimum")
  func normalCoordinateSurface() throws {
    let s = modes.normalCoordinateSurface
    #expect(s.dimension == 3)
    expectClose(try s.energy(at: [0, 0, 0]), 0, absolute: 1e-15)
    let q = [0.3, -0.2, 0.4]
    let direct = try pes.energy(cartesian: try modes.geometry(normalCoordinates: q).cartesian) - modes.equilibrium.energy
    expectClose(try s.energy(at: q), direct, absolute: 0)
  }

  // MARK: - Errors

  @Test("a Hessian of the wrong shape throws")
  func wrongHessianShape() {
    let error = #expect(throws: DatasetError.self) {
      try WaterNormalModes(surface: pes, equilibrium: modes.equilibrium, cartesianHessian: Matrix.identity(6))
    }
    #expect(error?.code == .shapeMismatch)
    #expect(error?.description == "The Cartesian Hessian of water must be 9 × 9 (atoms O, H, H; x, y, z each), got 6 × 6; pass the Hessian of the nine coordinates in bohr.")
  }

  @Test("a Hessian that is not of a minimum throws")
  func notAMinimum() {
    var h = Matrix.identity(9)
    h.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] = -p[i] } }
    let error = #expect(throws: DatasetError.self) {
      try WaterNormalModes(surface: pes, equilibrium: modes.equilibrium, cartesianHessian: h)
    }
    #expect(error?.code == DatasetError.Code("notAMinimum"))
    #expect(error?.description.hasPrefix("The mass-weighted Hessian of water has only 0 clearly positive vibrational eigenvalues (need 3; eigenvalues [") == true)
    #expect(error?.description.hasSuffix("the geometry is not a minimum. Minimise first (WaterEquilibrium) and pass the Hessian there.") == true)
  }

  @Test("bad masses, wrong-length q, non-finite q and bad steps throw")
  func parameterErrors() {
    let mass = #expect(throws: DatasetError.self) { try WaterNormalModes(surface: pes, oxygenMass: -1) }
    #expect(mass?.description == "Atomic masses must be positive and finite (in u, e.g. O 15.99491461957, H 1.00782503223), got O -1.0, H 1.00782503223.")
    let count = #expect(throws: DatasetError.self) { try modes.geometry(normalCoordinates: [1, 2]) }
    #expect(count?.code == .shapeMismatch)
    #expect(count?.description == "Normal coordinates of water are 3 values (q1 symmetric stretch, q2 bend, q3 antisymmetric stretch), got 2.")
    let nan = #expect(throws: DatasetError.self) { try modes.energy(normalCoordinates: [0, .nan, 0]) }
    #expect(nan?.code == .invalidGeometry)
    #expect(nan?.description == "Normal coordinates [0.0, nan, 0.0] are not finite; pass finite dimensionless values (|q| of a few units covers the low vibrational states).")
    let step = #expect(throws: DatasetError.self) { try modes.cubicForceConstants(step: 0) }
    #expect(step?.description == "Finite-difference step 0.0 for cubic force constants must be positive and finite (dimensionless q; 0.005 … 0.05 works well).")
    let fdStep = #expect(throws: DatasetError.self) { try pes.finiteDifferenceHessian(at: modes.equilibrium.geometry.cartesian, step: -1) }
    #expect(fdStep?.description == "Finite-difference step -1.0 must be a positive finite number (typically 1e-4 … 1e-2 in the units of the coordinates).")
    let fdCount = #expect(throws: DatasetError.self) { try pes.gradient(at: [1, 2, 3]) }
    #expect(fdCount?.description == "The surface takes 9 coordinates, got 3; pass one point as a flat array of 9 values.")
  }
}
