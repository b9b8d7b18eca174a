import ArgumentParser
import Datasets
import Foundation
import LearningCurves
import LinearAlgebra
import Molecules

/// `symscale normal-modes water`: equilibrium, harmonic wavenumbers, mode vectors and cubic
/// force constants of H₂¹⁶O on the Partridge–Schwenke surface. `symscale normal-modes --molecule
/// FILE`: the same for any molecule from its Hessian, with its point group and symmetries.
struct NormalModes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "normal-modes",
    abstract: "Normal modes of H2(16)O on the Partridge-Schwenke surface, or of any molecule from its Hessian (--molecule).",
    discussion: """
      --molecule FILE reads a molecule (symscale-molecule JSON or ASE VibrationsData JSON; see \
      Documentation/YourMolecule.md) and prints its harmonic wavenumbers, point group, each mode's \
      irreducible representation and characters, the exact symmetry group in normal coordinates \
      and which single-mode flips are exact or only approximate. Cubic and diagonal quartic force \
      constants (cm^-1) are added when displaced Hessians are given: in the molecule file \
      (displaced_hessians), in --displaced files (one geometry and Hessian each), or computed by \
      --hessian-command at the geometries --write-displaced lists.
      Water: modes are ordered q1 symmetric stretch, q2 bend, q3 antisymmetric stretch; +q1 lengthens \
      both bonds, +q2 opens the angle, +q3 lengthens r1 and shortens r2. Coordinates q are \
      dimensionless normal coordinates (q_k = sqrt(omega_k) Q_k in atomic units) and
      V = V_e + 1/2 sum_k omega_k q_k^2 + 1/6 sum_ijk phi_ijk q_i q_j q_k + ...
      --json prints an object with equilibrium (r_bohr, theta_rad, energy_hartree), \
      wavenumbers_cm1, cartesian_displacements (bohr per unit q, atoms O, H1, H2, x y z each, \
      in the equilibrium's standard frame: O at the origin, molecule in the xy-plane, bisector \
      along +y, H1 at x > 0) and cubic_force_constants_cm1 keyed "111" ... "333".
      """)

  @Argument(help: "The molecule: water (or use --molecule FILE).") var system: WaterSystem?
  @Flag(help: "Print JSON instead of a table.") var json = false
  @OptionGroup var moleculeOptions: MoleculeNormalModeOptions

  func validate() throws {
    switch (system, moleculeOptions.molecule) {
    case (nil, nil): throw ValidationError("Give the molecule: 'water', or --molecule FILE (a molecule JSON file).")
    case (.some, .some): throw ValidationError("Give either 'water' or --molecule FILE, not both.")
    default: break
    }
  }

  static let modeNames = ["symmetric stretch (A1)", "bend (A1)", "antisymmetric stretch (B2)"]
  static let atomLabels = ["O", "H1", "H2"]

  func run() throws {
    if moleculeOptions.molecule != nil {
      try moleculeOptions.run(json: json)
      return
    }
    let modes = try WaterNormalModes()
    let phi = try modes.cubicForceConstants()
    let keys = phi.keyed.keys.sorted()
    let eq = modes.equilibrium
    if json {
      let displacements: [(String, JSONValue)] = [
        ("unit", .string("bohr per unit dimensionless normal coordinate")),
        ("atom_order", .array(Self.atomLabels.map { .string($0) })),
        ("layout", .string("each mode: [O_x, O_y, O_z, H1_x, H1_y, H1_z, H2_x, H2_y, H2_z]")),
      ] + (0..<3).map { k in ("q\(k + 1)", .array(modes.cartesianDisplacements.row(k).map { .number($0) })) }
      let value = JSONValue.object([
        ("surface", .string("Partridge-Schwenke 1997, doi:10.1063/1.473987")),
        ("masses_u", .object([("O", .number(modes.masses[0])), ("H", .number(modes.masses[1]))])),
        ("equilibrium", .object([
          ("r_bohr", .number(eq.bondLength)),
          ("theta_rad", .number(eq.angle)),
          ("theta_deg", .number(eq.angle * 180 / Double.pi)),
          ("energy_hartree", .number(eq.energy)),
          ("max_gradient_hartree_per_bohr", .number(eq.gradientNorm)),
          ("cartesian_bohr", .array(eq.geometry.cartesian.map { .number($0) })),
        ])),
        ("modes", .array((0..<3).map { .string("q\($0 + 1) " + Self.modeNames[$0]) })),
        ("wavenumbers_cm1", .array(modes.wavenumbers.map { .number($0) })),
        ("cartesian_displacements", .object(displacements)),
        ("cubic_force_constants_cm1", .object(keys.map { ($0, .number(phi.keyed[$0]!)) })),
      ])
      print(value.rendered())
      return
    }
    var out = "H2(16)O on the Partridge-Schwenke (1997) surface (O \(modes.masses[0]) u, H \(modes.masses[1]) u)\n"
    out += "Equilibrium: r1 = r2 = \(fixed(eq.bondLength, 10)) bohr, theta = \(fixed(eq.angle, 10)) rad"
    out += " (\(fixed(eq.angle * 180 / Double.pi, 6)) deg), V = \(eq.energy) hartree\n\n"
    out += "mode  type                          wavenumber (cm^-1)\n"
    for k in 0..<3 {
      out += "q\(k + 1)    " + Self.modeNames[k].padding(toLength: 30, withPad: " ", startingAt: 0)
      out += leftPad(fixed(modes.wavenumbers[k], 6), 18) + "\n"
    }
    out += "\nCartesian displacement per unit q (bohr), standard frame (O at origin, xy-plane, bisector +y, H1 at x > 0)\n"
    out += "mode  atom            x            y            z\n"
    for k in 0..<3 {
      for a in 0..<3 {
        out += (a == 0 ? "q\(k + 1)    " : "      ") + Self.atomLabels[a].padding(toLength: 4, withPad: " ", startingAt: 0)
        for c in 0..<3 { out += leftPad(fixed(modes.cartesianDisplacements[k, 3 * a + c], 6), 13) }
        out += "\n"
      }
    }
    out += "\nCubic force constants phi_ijk (cm^-1), V = ... + 1/6 sum phi_ijk q_i q_j q_k\n"
    for key in keys { out += "phi_\(key)  " + leftPad(fixed(phi.keyed[key]!, 4), 14) + "\n" }
    print(out, terminator: "")
  }
}

/// `x` with `digits` digits after the point.
/// Values that would print as −0 print as 0.
func fixed(_ x: Double, _ digits: Int) -> String {
  let text = String(format: "%.\(digits)f", x)
  return text.allSatisfy({ $0 == "-" || $0 == "0" || $0 == "." }) ? String(text.drop(while: { $0 == "-" })) : text
}

/// `s` right-aligned in `width` characters.
func leftPad(_ s: String, _ width: Int) -> String {
  s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}
