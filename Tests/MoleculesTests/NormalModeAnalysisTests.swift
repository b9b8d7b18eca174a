import Datasets
import LinearAlgebra
@testable import Molecules
import Testing
import _TestSupport

@Suite("NormalModeAnalysis")
struct NormalModeAnalysisTests {
  /// H₂¹⁶O on the Partridge–Schwenke surface through the molecule path.
  static func water() throws -> (builtIn: WaterNormalModes, analysis: NormalModeAnalysis) {
    let builtIn = try WaterNormalModes()
    let molecule = try Molecule(species: ["O", "H", "H"], masses: builtIn.masses,
                                positions: Matrix(rows: 3, columns: 3, elements: builtIn.equilibrium.geometry.cartesian),
                                hessian: builtIn.cartesianHessian)
    return (builtIn, try NormalModeAnalysis(molecule))
  }

  @Test("water through the molecule path reproduces WaterNormalModes: wavenumbers to 1e-3 cm⁻¹, modes up to sign")
  func waterWavenumbers() throws {
    let (builtIn, analysis) = try Self.water()
    #expect(analysis.pointGroup.name == "C2v")
    #expect(analysis.modeSymmetries.map(\.irrep) == ["A1", "A1", "B2"])
    expectClose(analysis.wavenumbers, builtIn.wavenumbers, absolute: 1e-3)
    expectClose(analysis.wavenumbers, ReferenceValues.waterWavenumbers, absolute: 1e-3)
    for k in 0..<3 {
      let overlap = dot(analysis.massWeightedModes.row(k), builtIn.massWeightedModes.row(k))
      expectClose(abs(overlap), 1, absolute: 1e-9, "mode \(k + 1) vector")
    }
  }

  @Test("water: q of random geometries (rotated, shifted) equals WaterNormalModes' q up to each mode's sign")
  func waterCoordinates() throws {
    let (builtIn, analysis) = try Self.water()
    let signs = (0..<3).map { dot(analysis.massWeightedModes.row($0), builtIn.massWeightedModes.row($0)) > 0 ? 1.0 : -1.0 }
    var g = SeededGenerator(seed: 11)
    for trial in 0..<20 {
      let geometry = try WaterGeometry(r1: g.uniform(1.6, 2.1), r2: g.uniform(1.6, 2.1), theta: g.uniform(1.5, 2.1))
      let moved = try PointGroupTests.rotated((0..<3).map { a in (0..<3).map { geometry.cartesian[3 * a + $0] } }, seed: UInt64(100 + trial))
      let expected = builtIn.normalCoordinates(of: try WaterGeometry(cartesian: moved.elements))
      let q = try analysis.normalCoordinates(of: moved)
      expectClose(zip(q, signs).map { $0 * $1 }, expected, absolute: 1e-9, "trial \(trial)")
    }
  }

  @Test("every test molecule: 3n − 6 modes (3n − 5 linear), the expected irreps, exact degeneracies", arguments: TestMolecule.all)
  func modes(molecule: TestMolecule) throws {
    let analysis = try NormalModeAnalysis(try molecule.modelMolecule)
    let n = molecule.species.count
    #expect(analysis.modeCount == 3 * n - (analysis.pointGroup.isLinear ? 5 : 6))
    #expect(analysis.modeSymmetries.map(\.irrep) == molecule.irreps)
    #expect(analysis.wavenumbers.allSatisfy { $0 > 10 })
    // Modes of one degenerate set share one wavenumber; the modes are orthonormal.
    for k in 0..<analysis.modeCount {
      let s = analysis.modeSymmetries[k]
      for j in 0..<analysis.modeCount where analysis.modeSymmetries[j].irrep == s.irrep && analysis.modeSymmetries[j].block == s.block {
        expectClose(analysis.wavenumbers[j], analysis.wavenumbers[k], relative: 1e-12)
      }
    }
    let l = analysis.massWeightedModes
    expectClose(l.multiplied(by: l, transposingOther: true), .identity(analysis.modeCount), absolute: 1e-10)
    // Characters of a block equal the table's for its label.
    if let table = analysis.pointGroup.characterTable, !analysis.pointGroup.isLinear {
      for s in analysis.modeSymmetries {
        let row = try #require(table.irreps.first { $0.label == s.irrep })
        for (g, c) in analysis.pointGroup.classOfOperation.enumerated() {
          expectClose(s.characters[g], row.characters[c], absolute: 1e-9, "\(s.irrep ?? "?") under \(analysis.pointGroup.operations[g].name)")
        }
      }
    }
  }

  @Test("the harmonic energy in q is ½ Σ ωₖ qₖ² (the dimensionless convention), checked on the model surface", arguments: [TestMolecule.formaldehyde, .methane, .carbonDioxide])
  func harmonicEnergy(molecule: TestMolecule) throws {
    let model = molecule.model
    let analysis = try NormalModeAnalysis(try molecule.modelMolecule)
    var g = SeededGenerator(seed: 3)
    let q = (0..<analysis.modeCount).map { _ in 1e-3 * g.gaussian() }
    let v = model.value(try analysis.geometry(normalCoordinates: q).elements)  // hartree
    let harmonic = zip(analysis.frequencies, q).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / 2
    expectClose(v, harmonic, relative: 2e-3)
  }

  @Test("geometry(q) and normalCoordinates are inverse in any frame (for a linear molecule up to the turn of the bends about the axis)", arguments: [TestMolecule.ammonia, .ethylene, .hydrogenCyanide])
  func roundTrip(molecule: TestMolecule) throws {
    let analysis = try NormalModeAnalysis(try molecule.modelMolecule)
    var g = SeededGenerator(seed: 5)
    for trial in 0..<5 {
      let q = (0..<analysis.modeCount).map { _ in 0.7 * g.gaussian() }
      let x = try analysis.geometry(normalCoordinates: q)
      let moved = try PointGroupTests.rotated((0..<x.rows).map { x.row($0) }, seed: UInt64(trial))
      var expected = q
      if analysis.pointGroup.isLinear {
        // The bend pair is turned about the axis until its second coordinate is 0.
        let pair = try #require(analysis.modeSymmetries.firstIndex { $0.degeneracy == 2 })
        expected[pair] = (q[pair] * q[pair] + q[pair + 1] * q[pair + 1]).squareRoot()
        expected[pair + 1] = 0
      }
      expectClose(try analysis.normalCoordinates(of: moved), expected, absolute: 1e-9, "trial \(trial)")
    }
  }

  @Test("a saddle point is refused, naming how many imaginary frequencies and how large")
  func imaginary() throws {
    let minimum = try NormalModeAnalysis(try TestMolecule.water.modelMolecule)
    // Turn the bend (q2) into a downhill direction: H′ = H − 2 ω₂² M^½ l₂ l₂ᵀ M^½.
    let l = minimum.massWeightedModes.row(1)
    let sqrtM = (0..<9).map { (minimum.masses[$0 / 3] * MolecularUnits.electronMassesPerDalton).squareRoot() }
    var h = minimum.molecule.hessian
    let w2 = minimum.frequencies[1] * minimum.frequencies[1]
    for a in 0..<9 { for b in 0..<9 { h[a, b] -= 2 * w2 * sqrtM[a] * l[a] * l[b] * sqrtM[b] } }
    let saddle = try Molecule(species: ["O", "H", "H"], positions: minimum.molecule.positions, hessian: h)
    let bend = String(format: "%.1fi", minimum.wavenumbers[1])
    #expect {
      _ = try NormalModeAnalysis(saddle)
    } throws: { error in
      guard let e = error as? MoleculeError, e.code == .notAMinimum else { return false }
      return e.message.contains("1 imaginary or zero vibrational frequency (\(bend) cm⁻¹)") && e.message.contains("6 translations and rotations projected out")
    }
  }

  @Test("a geometry with a large gradient is refused as not stationary")
  func notStationary() throws {
    let m = try TestMolecule.water.modelMolecule
    var gradient = Matrix(rows: 3, columns: 3)
    gradient[1, 2] = 0.003
    let moved = try Molecule(species: m.species, positions: m.positions, hessian: m.hessian, gradient: gradient)
    #expect {
      _ = try NormalModeAnalysis(moved)
    } throws: { error in
      guard let e = error as? MoleculeError, e.code == .notStationary else { return false }
      return e.message.hasPrefix("The gradient at the equilibrium is 0.003 hartree/bohr (atom 1, H, component z), larger than the 0.0001 hartree/bohr")
    }
    _ = try NormalModeAnalysis(moved, gradientTolerance: 0.01)
  }

  @Test("frames with other atoms, or the atoms in another order, are refused by name")
  func frameMismatch() throws {
    let analysis = try NormalModeAnalysis(try TestMolecule.formaldehyde.modelMolecule)
    let x = MolecularUnits.angstromPerBohr * analysis.equilibrium
    let permuted = ExtendedXYZFrame(species: ["O", "C", "H", "H"], positions: x)
    #expect {
      _ = try analysis.normalCoordinates(of: [ExtendedXYZFrame(species: ["C", "O", "H", "H"], positions: x), permuted])
    } throws: { error in
      (error as? MoleculeError)?.message == "Frame 1 has the molecule's atoms in another order (O C H H; the molecule has C O H H); normal coordinates need a fixed atom order: reorder the frame's atoms to C O H H."
    }
    #expect {
      _ = try analysis.normalCoordinates(of: [ExtendedXYZFrame(species: ["C", "S", "H", "H"], positions: x)])
    } throws: { error in
      (error as? MoleculeError)?.message == "Frame 0 has atoms C S H H but the molecule has C O H H (4 atoms); every frame must be this molecule with its atoms in this order."
    }
    #expect(throws: MoleculeError.self) { _ = try analysis.geometry(normalCoordinates: [0, 0, 0]) }
  }

  @Test("sampling: seeded Gaussian q, frames whose q is the drawn q")
  func sampling() throws {
    let analysis = try NormalModeAnalysis(try TestMolecule.formaldehyde.modelMolecule)
    var g1 = SeededGenerator(seed: 9), g2 = SeededGenerator(seed: 9)
    let a = try analysis.sample(count: 2000, standardDeviations: [0.5], using: &g1)
    let b = try analysis.sample(count: 2000, standardDeviations: [0.5], using: &g2)
    #expect(a.normalCoordinates == b.normalCoordinates)
    expectClose(try analysis.normalCoordinates(of: a.frames), a.normalCoordinates, absolute: 1e-9)
    // Standard deviation per mode: 0.5 within 4 standard errors (0.5/√(2·2000) ≈ 0.0079).
    for k in 0..<analysis.modeCount {
      let column = a.normalCoordinates.column(k)
      let sd = (column.reduce(0) { $0 + $1 * $1 } / Double(column.count)).squareRoot()
      expectClose(sd, 0.5, absolute: 4 * 0.5 / (2.0 * 2000).squareRoot(), "mode \(k + 1)")
    }
    #expect(throws: MoleculeError.self) { _ = try analysis.sample(count: 5, standardDeviations: [1, 1], using: &g1) }
  }
}
