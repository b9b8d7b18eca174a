public import LinearAlgebra

/// A molecule at a stationary point: atoms, masses, positions, and the Cartesian Hessian there —
/// what a quantum-chemistry frequency calculation produces.
///
/// Everything is stored in atomic units: positions in bohr, energies in hartree, the gradient in
/// hartree/bohr, the Hessian in hartree/bohr², masses in u. Coordinates are atom-major:
///
/// ```
/// x = (x₁, y₁, z₁, x₂, …, z_n),   H_ab = ∂²V/∂x_a∂x_b   (a, b = 3·atom + component)
/// ```
///
/// Read one from a file (``init(contentsOf:)``: the symscale-molecule JSON layout or ASE's
/// `VibrationsData.write` JSON), or build it in code. ``NormalModeAnalysis`` turns it into
/// normal modes, the point group and the symmetries in normal coordinates.
///
/// ```swift
/// let water = try Molecule(species: ["O", "H", "H"],
///                          positions: Matrix(rows: [[0, 0, 0], [1.43, 1.11, 0], [-1.43, 1.11, 0]]),
///                          hessian: h)                       // 9 × 9, hartree/bohr²
/// water.masses                                               // [15.99491461957, 1.00782503223, 1.00782503223]
/// ```
public struct Molecule: Sendable, Equatable {
  /// Chemical symbols, one per atom.
  public let species: [String]
  /// Atomic masses (u), one per atom.
  public let masses: [Double]
  /// Positions, n × 3 (bohr).
  public let positions: Matrix
  /// The Cartesian Hessian, 3n × 3n (hartree/bohr²), symmetric.
  public let hessian: Matrix
  /// The energy at the positions (hartree), when known.
  public let energy: Double?
  /// The gradient at the positions, n × 3 (hartree/bohr), when known.
  public let gradient: Matrix?
  /// Hessians at displaced geometries (for cubic force constants), when the file has them.
  public let displacedHessians: [DisplacedHessian]

  /// The relative asymmetry of a Hessian that is accepted and averaged away:
  /// max |H_ab − H_ba| ≤ 1e-6 · max |H|.
  public static let hessianSymmetryTolerance = 1e-6

  /// Number of atoms.
  public var atomCount: Int { species.count }

  /// The positions in ångström, n × 3.
  public var positionsInAngstrom: Matrix { (MolecularUnits.angstromPerBohr) * positions }

  /// A molecule from its atoms, positions and Hessian, checked.
  ///
  /// - Parameters:
  ///   - species: chemical symbols, one per atom (at least two atoms).
  ///   - masses: masses (u), one per atom; `nil` entries (or no array) take the most abundant
  ///     isotope (``IsotopeMasses``). An unknown symbol needs its mass here.
  ///   - positions: n × 3 (bohr).
  ///   - hessian: 3n × 3n (hartree/bohr²); symmetrised as (H + Hᵀ)/2.
  ///   - energy: the energy at `positions` (hartree).
  ///   - gradient: n × 3 (hartree/bohr); checked for stationarity by ``NormalModeAnalysis``.
  ///   - displacedHessians: Hessians at displaced geometries of the same atoms.
  /// - Throws: ``MoleculeError`` listing every problem at once: `.unknownElement` (a symbol
  ///   without a mass), `.shapeMismatch` (positions not n × 3, a Hessian not 3n × 3n or not
  ///   square, a gradient or mass list of the wrong size), `.asymmetricHessian`
  ///   (max |H_ab − H_ba| above 1e-6 · max |H|), `.invalidValue` (NaN or infinity, a mass ≤ 0,
  ///   two atoms closer than 0.1 bohr, fewer than two atoms). The first problem's code is used.
  /// - Complexity: O(n²).
  public init(species: [String], masses: [Double?]? = nil, positions: Matrix, hessian: Matrix,
              energy: Double? = nil, gradient: Matrix? = nil,
              displacedHessians: [DisplacedHessian] = []) throws(MoleculeError) {
    let n = species.count
    var problems: [(MoleculeError.Code, String)] = []
    if n < 2 {
      problems.append((.invalidValue, "a molecule needs at least two atoms for vibrations, got \(n) (\(species.joined(separator: " ")))"))
    }
    if let masses, masses.count != n {
      problems.append((.shapeMismatch, "\(masses.count) masses for \(n) atoms; give one mass (u) per atom, or null for the most abundant isotope"))
    }
    var resolved: [Double] = []
    for (a, s) in species.enumerated() {
      if let masses, a < masses.count, let m = masses[a] {
        if !(m > 0 && m.isFinite) {
          problems.append((.invalidValue, "mass \(m) of atom \(a) (\(s)) is not a positive finite number of u"))
        }
        resolved.append(m)
      } else {
        do { resolved.append(try IsotopeMasses.mass(of: s)) } catch {
          problems.append((.unknownElement, "atom \(a): " + error.message))
          resolved.append(.nan)
        }
      }
    }
    if positions.rows != n || positions.columns != 3 {
      problems.append((.shapeMismatch, "positions are \(positions.rows) × \(positions.columns) for \(n) atoms; give n × 3 = \(n) × 3 (x, y, z per atom)"))
    } else if !positions.isFinite {
      problems.append((.invalidValue, "positions contain NaN or infinity; every coordinate must be a finite number"))
    } else {
      for a in 0..<n {
        for b in 0..<a {
          let d = (0..<3).reduce(0.0) { $0 + (positions[a, $1] - positions[b, $1]) * (positions[a, $1] - positions[b, $1]) }.squareRoot()
          if d < 0.1 {
            problems.append((.invalidValue, "atoms \(b) (\(species[b])) and \(a) (\(species[a])) are \(d) bohr apart; atoms must be at least 0.1 bohr apart (check the position unit and the atom order)"))
          }
        }
      }
    }
    if !hessian.isSquare {
      problems.append((.shapeMismatch, "the Hessian is \(hessian.rows) × \(hessian.columns), not square; give the 3n × 3n matrix of second derivatives"))
    } else if hessian.rows != 3 * n {
      let fits = hessian.rows % 3 == 0 ? "the Hessian of \(hessian.rows / 3) atom\(hessian.rows == 3 ? "" : "s")" : "not a multiple of 3"
      problems.append((.shapeMismatch, "the Hessian is \(hessian.rows) × \(hessian.columns) (\(fits)), but the molecule has \(n) atoms; give the \(3 * n) × \(3 * n) Cartesian Hessian (atom-major: x, y, z of atom 1, then atom 2, …)"))
    } else if !hessian.isFinite {
      problems.append((.invalidValue, "the Hessian contains NaN or infinity; recompute it"))
    } else {
      let scale = hessian.elements.map(abs).max() ?? 0
      let asymmetry = hessian.maxAbsoluteDifference(to: hessian.transposed())
      if asymmetry > Self.hessianSymmetryTolerance * scale {
        var worst = (0, 1)
        for a in 0..<hessian.rows { for b in 0..<a where abs(hessian[a, b] - hessian[b, a]) == asymmetry { worst = (a, b) } }
        problems.append((.asymmetricHessian, "the Hessian is not symmetric: H[\(worst.0)][\(worst.1)] = \(hessian[worst.0, worst.1]) but H[\(worst.1)][\(worst.0)] = \(hessian[worst.1, worst.0]) (max |H_ab − H_ba| = \(asymmetry), allowed \(Self.hessianSymmetryTolerance) × max |H| = \(Self.hessianSymmetryTolerance * scale)); check that rows and columns use the same atom order, or symmetrise it as (H + Hᵀ)/2"))
      }
    }
    if let gradient {
      if gradient.rows != n || gradient.columns != 3 {
        problems.append((.shapeMismatch, "the gradient is \(gradient.rows) × \(gradient.columns) for \(n) atoms; give n × 3"))
      } else if !gradient.isFinite {
        problems.append((.invalidValue, "the gradient contains NaN or infinity"))
      }
    }
    if let energy, !energy.isFinite {
      problems.append((.invalidValue, "the energy \(energy) is not finite"))
    }
    for (k, d) in displacedHessians.enumerated() where d.positions.rows != n || d.hessian.rows != 3 * n {
      problems.append((.shapeMismatch, "displaced Hessian \(k) has \(d.positions.rows) atoms and a \(d.hessian.rows) × \(d.hessian.columns) Hessian; the molecule has \(n) atoms (\(3 * n) × \(3 * n))"))
    }
    if let first = problems.first {
      throw MoleculeError(first.0, "Invalid molecule: " + problems.map(\.1).joined(separator: "; ") + ".")
    }
    self.species = species
    self.masses = resolved
    self.positions = positions
    self.hessian = 0.5 * (hessian + hessian.transposed())
    self.energy = energy
    self.gradient = gradient
    self.displacedHessians = displacedHessians
  }
}

/// A Cartesian Hessian at a geometry displaced from the equilibrium, for cubic and quartic force
/// constants (``NormalModeAnalysis/anharmonicConstants(from:)``).
public struct DisplacedHessian: Sendable, Equatable {
  /// Positions, n × 3 (bohr), same atoms in the same order as the molecule.
  public let positions: Matrix
  /// The Cartesian Hessian there, 3n × 3n (hartree/bohr²).
  public let hessian: Matrix
  /// The energy there (hartree), when known.
  public let energy: Double?

  /// A displaced Hessian, checked.
  ///
  /// - Throws: ``MoleculeError`` `.shapeMismatch` unless positions are n × 3 and the Hessian
  ///   3n × 3n; `.invalidValue` for NaN or infinity; `.asymmetricHessian` as ``Molecule``.
  public init(positions: Matrix, hessian: Matrix, energy: Double? = nil) throws(MoleculeError) {
    guard positions.columns == 3, hessian.isSquare, hessian.rows == 3 * positions.rows else {
      throw MoleculeError(.shapeMismatch, "A displaced Hessian needs n × 3 positions and a 3n × 3n Hessian, got \(positions.rows) × \(positions.columns) and \(hessian.rows) × \(hessian.columns).")
    }
    guard positions.isFinite, hessian.isFinite, energy?.isFinite ?? true else {
      throw MoleculeError(.invalidValue, "A displaced Hessian contains NaN or infinity (positions, Hessian or energy); recompute it.")
    }
    let asymmetry = hessian.maxAbsoluteDifference(to: hessian.transposed())
    let scale = hessian.elements.map(abs).max() ?? 0
    guard asymmetry <= Molecule.hessianSymmetryTolerance * scale else {
      throw MoleculeError(.asymmetricHessian, "A displaced Hessian is not symmetric (max |H_ab − H_ba| = \(asymmetry), allowed \(Molecule.hessianSymmetryTolerance * scale)); check its atom order.")
    }
    self.positions = positions
    self.hessian = 0.5 * (hessian + hessian.transposed())
    self.energy = energy
  }
}
