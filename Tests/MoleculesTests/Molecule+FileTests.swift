import Foundation
import LinearAlgebra
@testable import Molecules
import Testing
import _TestSupport

@Suite("Molecule+File")
struct MoleculeFileTests {
  static func fixture(_ name: String) throws -> URL {
    try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
  }

  @Test("ASE's VibrationsData JSON (NH3, RHF/6-31G*): atoms, masses, Hessian in eV/Å²; wavenumbers equal ASE's")
  func ase() throws {
    let molecule = try Molecule(contentsOf: Self.fixture("ammonia_ase_vibrations.json"))
    #expect(molecule.species == ["N", "H", "H", "H"])
    let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture("ammonia_reference.json"))) as! [String: Any]
    expectClose(molecule.masses, reference["masses_u"] as! [Double], relative: 1e-15)
    let analysis = try NormalModeAnalysis(molecule)
    #expect(analysis.pointGroup.name == "C3v")
    #expect(analysis.modeSymmetries.map(\.irrep) == ["A1", "A1", "E", "E", "E", "E"])
    // ASE diagonalises without projecting translations and rotations; its six near-zero values come first.
    let ase = Array((reference["ase_frequencies_cm1"] as! [Double]).suffix(6))
    expectClose(analysis.wavenumbers.sorted(), ase, absolute: 0.01)
  }

  @Test("the symscale-molecule layout round-trips, and units are converted")
  func layout() throws {
    let water = try TestMolecule.water.modelMolecule
    let text = water.jsonText(comment: "model water")
    let back = try Molecule(json: Data(text.utf8))
    #expect(back == water)
    // The same molecule in ångström and eV.
    let a = MolecularUnits.angstromPerBohr, ev = MolecularUnits.electronvoltsPerHartree
    let rows = (0..<3).map { i in "[" + water.positions.row(i).map { "\($0 * a)" }.joined(separator: ",") + "]" }.joined(separator: ",")
    let hessian = (0..<9).map { i in "[" + water.hessian.row(i).map { "\($0 * ev / (a * a))" }.joined(separator: ",") + "]" }.joined(separator: ",")
    let json = """
      {"species": ["O", "H", "H"], "position_unit": "angstrom", "positions": [\(rows)],
       "hessian_unit": "eV/angstrom^2", "hessian": [\(hessian)], "energy_unit": "eV", "energy": 2.0}
      """
    let converted = try Molecule(json: Data(json.utf8))
    expectClose(converted.positions, water.positions, relative: 1e-14)
    expectClose(converted.hessian, water.hessian, absolute: 1e-16, relative: 1e-12)
    expectClose(try #require(converted.energy), 2.0 / ev, relative: 1e-15)
  }

  @Test("bad files are refused with the value and the next step", arguments: [
    (#"{"species": ["O"], "position_unit": "bohr", "positions": [[0,0,0]], "hessian_unit": "hartree/bohr^2", "hessian": [[1,0,0],[0,1,0],[0,0,1]], "temperature": 3}"#,
     "unknown key 'temperature'; the symscale-molecule layout has format, version, comment, species, masses, position_unit, positions, hessian_unit, hessian, energy_unit, energy, gradient_unit, gradient, displaced_hessians"),
    (#"{"species": ["O", "H"], "position_unit": "nm", "positions": [[0,0,0],[0,0,1]], "hessian_unit": "hartree/bohr^2", "hessian": [[1]]}"#,
     "\"position_unit\" is \"nm\"; expected one of \"bohr\", \"angstrom\""),
    (#"{"species": ["O", "H"], "position_unit": "bohr", "positions": [[0,0,0],[0,0,1.8]], "hessian": [[1]]}"#,
     "missing or non-string \"hessian_unit\"; state the unit explicitly, one of \"hartree/bohr^2\", \"hartree/angstrom^2\", \"eV/bohr^2\", \"eV/angstrom^2\", \"kcal/mol/bohr^2\", \"kcal/mol/angstrom^2\", \"kJ/mol/bohr^2\", \"kJ/mol/angstrom^2\""),
    (#"{"species": ["O", "Hx"], "position_unit": "bohr", "positions": [[0,0,0],[0,0,1.8]], "hessian_unit": "hartree/bohr^2", "hessian": [[1,0,0,0,0,0],[0,1,0,0,0,0],[0,0,1,0,0,0],[0,0,0,1,0,0],[0,0,0,0,1,0],[0,0,0,0,0,1]]}"#,
     "Invalid molecule: atom 1: Unknown element symbol 'Hx'"),
    (#"{"species": ["O", "H"], "position_unit": "bohr", "positions": [[0,0,0],[0,0,1.8]], "hessian_unit": "hartree/bohr^2", "hessian": [[1,0,0],[0,1,0],[0,0,1]]}"#,
     "Invalid molecule: the Hessian is 3 × 3 (the Hessian of 1 atom), but the molecule has 2 atoms; give the 6 × 6 Cartesian Hessian"),
    (#"{"species": ["O", "H"], "position_unit": "bohr", "positions": [[0,0,0],[0,0,1.8]], "hessian_unit": "hartree/bohr^2", "hessian": [[1,0,0,0,0,0],[0,1,0,0,0,0],[0,0,1,0,0,0],[0,0,0,1,0,0],[0,0,0,0,1,0],[0,0,0,0,0,1],[0,0,0,0,0,0]]}"#,
     "Invalid molecule: the Hessian is 7 × 6, not square"),
    (#"{"species": ["O", "H"], "position_unit": "bohr", "positions": [[0,0,0],[0,0,1.8]], "hessian_unit": "hartree/bohr^2", "hessian": [[1,0.5,0,0,0,0],[0,1,0,0,0,0],[0,0,1,0,0,0],[0,0,0,1,0,0],[0,0,0,0,1,0],[0,0,0,0,0,1]]}"#,
     "Invalid molecule: the Hessian is not symmetric: H[1][0] = 0.0 but H[0][1] = 0.5"),
  ])
  func badFiles(json: String, message: String) {
    #expect {
      _ = try Molecule(json: Data(json.utf8))
    } throws: { error in
      "\(error)".hasPrefix(message)
    }
  }

  @Test("an unknown element is accepted when its mass is given (e.g. deuterium as D)")
  func customSpecies() throws {
    let water = try TestMolecule.water.modelMolecule
    let heavy = try Molecule(species: ["O", "D", "D"], masses: [nil, 2.01410177812, 2.01410177812], positions: water.positions, hessian: water.hessian)
    let light = try NormalModeAnalysis(water), d2o = try NormalModeAnalysis(heavy)
    // Heavier hydrogens lower every wavenumber.
    #expect(zip(d2o.wavenumbers, light.wavenumbers).allSatisfy { $0 < $1 })
    #expect(d2o.pointGroup.name == "C2v")
  }
}
