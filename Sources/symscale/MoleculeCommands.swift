import ArgumentParser
import Datasets
import Foundation
import LearningCurves
import LinearAlgebra
import Molecules
import Symmetries

/// The `--molecule` options of `symscale normal-modes`.
struct MoleculeNormalModeOptions: ParsableArguments {
  @Option(help: "A molecule file: symscale-molecule JSON or ASE VibrationsData JSON.") var molecule: String?
  @Option(help: "Point-group tolerance (bohr): largest displacement of an atom under an operation.") var symmetryTolerance = PointGroup.defaultTolerance
  @Option(help: "Largest gradient component (hartree/bohr) accepted at the equilibrium, when the file has a gradient.") var gradientTolerance = NormalModeAnalysis.defaultGradientTolerance
  @Option(help: "A file with a displaced geometry and its Hessian (molecule layout); repeat for each.") var displaced: [String] = []
  @Option(help: "Write the displaced geometries where Hessians are needed (extended XYZ, angstrom) to this file.") var writeDisplaced: String?
  @Option(help: "Compute the displaced Hessians with this command (program and arguments; the XYZ file path is appended).") var hessianCommand: String?
  @Option(help: "Units the command prints: atomic (hartree, hartree/bohr^2) or ase (eV, eV/angstrom^2).") var commandUnits: CommandUnits = .atomic
  @Option(help: "Time-out per command call (seconds).") var timeout = 3600.0
  @Option(help: "Displacement step h along each mode (dimensionless q); Hessians at +-h, +-2h.") var step = NormalModeAnalysis.defaultDisplacementStep

  enum CommandUnits: String, ExpressibleByArgument, CaseIterable { case atomic, ase }

  func run(json: Bool) throws {
    guard let path = molecule else { return }
    let mol = try Molecule(contentsOf: fileURL(path))
    let analysis = try NormalModeAnalysis(mol, symmetryTolerance: symmetryTolerance, gradientTolerance: gradientTolerance)
    if let writeDisplaced {
      let frames = try analysis.displacements(step: step).map { d in
        ExtendedXYZFrame(species: mol.species, positions: MolecularUnits.angstromPerBohr * d.positions,
                         info: ["mode": "\(d.mode + 1)", "q": String(format: "%.17g", d.offset)], pbc: [false, false, false])
      }
      try ExtendedXYZ.write(frames, to: fileURL(writeDisplaced))
    }
    var hessians = mol.displacedHessians
    for file in displaced {
      let other = try Molecule(contentsOf: fileURL(file))
      guard other.species == mol.species else {
        throw MoleculeError(.frameMismatch, "the displaced geometry has atoms \(other.species.joined(separator: " ")); the molecule has \(mol.species.joined(separator: " ")) in that order", file: file)
      }
      hessians.append(try DisplacedHessian(positions: other.positions, hessian: other.hessian, energy: other.energy))
      hessians += other.displacedHessians
    }
    var constants: AnharmonicConstants? = nil
    if let hessianCommand {
      let words = hessianCommand.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      let command = try EnergyCommand(words, timeout: timeout, energyUnit: commandUnits == .ase ? .electronvolt : .hartree,
                                      hessianUnit: commandUnits == .ase ? .init(.electronvolt, per: .angstrom, power: 2) : .init(.hartree, per: .bohr, power: 2))
      constants = try analysis.anharmonicConstants(step: step) { (x: Matrix) throws(MoleculeError) -> Matrix in
        try command.hessian(species: mol.species, positions: x)
      }
    } else if !hessians.isEmpty {
      constants = try analysis.anharmonicConstants(from: hessians)
    }
    let exact = try analysis.exactSymmetry()
    if json {
      print(Self.json(analysis, exact: exact, constants: constants, file: path).rendered())
    } else {
      print(Self.table(analysis, exact: exact, constants: constants, file: path), terminator: "")
    }
  }

  static func modeName(_ k: Int) -> String { "q\(k + 1)" }

  static func flips(_ modes: [Int]) -> String { modes.isEmpty ? "none" : modes.map(modeName).joined(separator: " ") }

  /// Nonzero cubic constants φᵢⱼₖ, i ≤ j ≤ k (1-based keys "i,j,k").
  static func cubicEntries(_ c: AnharmonicConstants) -> [(String, Double)] {
    var out: [(String, Double)] = []
    for i in 0..<c.modeCount { for j in i..<c.modeCount { for k in j..<c.modeCount where abs(c[i, j, k]) > 1e-6 {
      out.append(("\(i + 1),\(j + 1),\(k + 1)", c[i, j, k]))
    } } }
    return out
  }

  static func table(_ a: NormalModeAnalysis, exact: GeneratedGroup, constants: AnharmonicConstants?, file: String) -> String {
    let g = a.pointGroup
    let mol = a.molecule
    var out = "\(mol.species.joined(separator: " ")) from \(file) (masses \(mol.masses.map { fixed($0, 6) }.joined(separator: ", ")) u)\n"
    out += "Point group \(g.name)\(g.isLinear ? " (operations of its subgroup \(g.order == 8 ? "D2h" : "C2v"))" : ""), order \(g.order), "
    out += "tolerance \(g.tolerance) bohr, atoms moved by at most \(String(format: "%.2g", g.symmetrizationDisplacement)) bohr to symmetrise\n"
    out += "Operations: \(g.operations.map(\.name).joined(separator: ", "))\n\n"
    out += "mode  irrep  wavenumber (cm^-1)  characters\n"
    for k in 0..<a.modeCount {
      let s = a.modeSymmetries[k]
      out += modeName(k).padding(toLength: 6, withPad: " ", startingAt: 0)
      out += (s.irrep ?? "-").padding(toLength: 6, withPad: " ", startingAt: 0)
      out += leftPad(fixed(a.wavenumbers[k], 4), 19) + "  " + s.characters.map { fixed($0, 0) }.joined(separator: " ") + "\n"
    }
    out += "\nExact symmetry in q: \(g.name) acting on \(a.modeCount) normal coordinates, \(exact.order) distinct elements"
    let signFlips = a.exactSignFlips
    out += signFlips.count == exact.order ? ", all sign flips: " + signFlips.map { "{" + $0.map(modeName).joined(separator: " ") + "}" }.joined(separator: " ") + "\n"
      : " (some mix degenerate modes)\n"
    out += "Single flips q_k -> -q_k: exact \(flips(a.exactlyFlippableModes)); approximate \(flips(a.approximatelyFlippableModes))\n"
    if let c = constants {
      out += "\nCubic force constants phi_ijk (cm^-1), V = ... + 1/6 sum phi_ijk q_i q_j q_k; nonzero, i <= j <= k\n"
      for (key, value) in cubicEntries(c) { out += "phi(\(key))".padding(toLength: 14, withPad: " ", startingAt: 0) + leftPad(fixed(value, 4), 14) + "\n" }
      out += "Diagonal quartic phi_kkkk (cm^-1): " + c.quarticDiagonal.map { fixed($0, 3) }.joined(separator: " ") + "\n"
      out += "Finite-difference consistency max |d_k H_ij - d_i H_kj| = \(String(format: "%.2g", c.cubicAsymmetry)) cm^-1, steps \(c.steps.map { String(format: "%.3g", $0) }.joined(separator: " "))\n"
    }
    return out
  }

  static func json(_ a: NormalModeAnalysis, exact: GeneratedGroup, constants: AnharmonicConstants?, file: String) -> JSONValue {
    let g = a.pointGroup
    let modes: [JSONValue] = (0..<a.modeCount).map { k in
      .object([("mode", .string(modeName(k))), ("irrep", a.modeSymmetries[k].irrep.map(JSONValue.string) ?? .null),
               ("wavenumber_cm1", .number(a.wavenumbers[k])), ("degeneracy", .number(Double(a.modeSymmetries[k].degeneracy))),
               ("characters", .array(a.modeSymmetries[k].characters.map { .number($0) }))])
    }
    var fields: [(String, JSONValue)] = [
      ("file", .string(file)),
      ("species", .array(a.molecule.species.map { .string($0) })),
      ("masses_u", .array(a.masses.map { .number($0) })),
      ("point_group", .object([("name", .string(g.name)), ("order", .number(Double(g.order))), ("linear", .bool(g.isLinear)),
                               ("tolerance_bohr", .number(g.tolerance)),
                               ("symmetrization_displacement_bohr", .number(g.symmetrizationDisplacement)),
                               ("operations", .array(g.operations.map { .string($0.name) }))])),
      ("equilibrium_bohr", .array((0..<a.equilibrium.rows).map { i in .array(a.equilibrium.row(i).map { .number($0) }) })),
      ("wavenumbers_cm1", .array(a.wavenumbers.map { .number($0) })),
      ("modes", .array(modes)),
      ("cartesian_displacements_bohr", .array((0..<a.modeCount).map { k in .array(a.cartesianDisplacements.row(k).map { .number($0) }) })),
      ("exact_symmetry", .object([("order", .number(Double(exact.order))),
                                  ("sign_flips", .array(a.exactSignFlips.map { .array($0.map { .number(Double($0 + 1)) }) }))])),
      ("exactly_flippable_modes", .array(a.exactlyFlippableModes.map { .number(Double($0 + 1)) })),
      ("approximately_flippable_modes", .array(a.approximatelyFlippableModes.map { .number(Double($0 + 1)) })),
    ]
    if let c = constants {
      fields.append(("cubic_force_constants_cm1", .object(cubicEntries(c).map { ($0.0, .number($0.1)) })))
      fields.append(("quartic_diagonal_cm1", .array(c.quarticDiagonal.map { .number($0) })))
      fields.append(("cubic_asymmetry_cm1", .number(c.cubicAsymmetry)))
    }
    return .object(fields)
  }
}
