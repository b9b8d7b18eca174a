import Datasets

/// Units of the quantities a molecule file states, and the constants that convert them to the
/// atomic units every computation in `Molecules` uses (bohr, hartree, electron masses).
///
/// Constants are CODATA 2018, the values the rest of the package uses:
///
/// ```
/// 1 bohr    = 0.529177210903 Å
/// 1 hartree = 27.211386245988 eV = 627.5094740631 kcal/mol = 2625.4996394799 kJ/mol
///           = 219474.6313632 cm⁻¹
/// 1 u       = 1822.888486209 mₑ
/// ```
///
/// ASE (3.29) converts with CODATA 2014 (`ase.units.Bohr` = 0.52917721067 Å); the relative
/// difference, ~1e-9, moves a wavenumber by less than 1e-5 cm⁻¹.
public enum MolecularUnits {
  /// Ångström per bohr (CODATA 2018).
  public static let angstromPerBohr = 0.529177210903
  /// Electronvolts per hartree (CODATA 2018).
  public static let electronvoltsPerHartree = 27.211386245988
  /// kcal/mol per hartree (CODATA 2018).
  public static let kilocaloriesPerMolePerHartree = 627.5094740631
  /// kJ/mol per hartree (CODATA 2018).
  public static let kilojoulesPerMolePerHartree = 2625.4996394799
  /// cm⁻¹ per hartree (CODATA 2018), as `Datasets/WaterNormalModes/wavenumbersPerHartree`.
  public static let wavenumbersPerHartree = WaterNormalModes.wavenumbersPerHartree
  /// Electron masses per unified atomic mass unit (CODATA 2018), as
  /// `Datasets/WaterNormalModes/electronMassesPerDalton`.
  public static let electronMassesPerDalton = WaterNormalModes.electronMassesPerDalton

  /// A unit of length.
  public enum Length: String, Sendable, CaseIterable {
    /// Atomic unit of length.
    case bohr
    /// Ångström (0.529177210903 Å = 1 bohr).
    case angstrom
    /// Bohr per unit of this length.
    public var bohr: Double { self == .bohr ? 1 : 1 / MolecularUnits.angstromPerBohr }
  }

  /// A unit of energy.
  public enum Energy: String, Sendable, CaseIterable {
    /// Atomic unit of energy.
    case hartree
    /// Electronvolt (ASE's unit).
    case electronvolt = "eV"
    /// Kilocalorie per mole.
    case kilocaloriePerMole = "kcal/mol"
    /// Kilojoule per mole.
    case kilojoulePerMole = "kJ/mol"
    /// Wavenumber (cm⁻¹), for energies above a minimum and force constants.
    case wavenumber = "cm^-1"
    /// Hartree per unit of this energy.
    public var hartree: Double {
      switch self {
      case .hartree: 1
      case .electronvolt: 1 / MolecularUnits.electronvoltsPerHartree
      case .kilocaloriePerMole: 1 / MolecularUnits.kilocaloriesPerMolePerHartree
      case .kilojoulePerMole: 1 / MolecularUnits.kilojoulesPerMolePerHartree
      case .wavenumber: 1 / MolecularUnits.wavenumbersPerHartree
      }
    }
  }

  /// A unit of a derivative of the energy: energy per lengthᵖ, written `energy/length` (p = 1)
  /// or `energy/length^2` (p = 2), e.g. `hartree/bohr^2`, `eV/angstrom^2`, `kcal/mol/angstrom`.
  public struct Derivative: Sendable, Hashable, CustomStringConvertible {
    /// The energy unit.
    public let energy: Energy
    /// The length unit.
    public let length: Length
    /// The power p of the length (1 for gradients, 2 for Hessians).
    public let power: Int

    /// The unit energy/lengthᵖ.
    public init(_ energy: Energy, per length: Length, power: Int) {
      precondition(power == 1 || power == 2, "Derivative units have power 1 or 2, got \(power)")
      self.energy = energy
      self.length = length
      self.power = power
    }

    /// hartree/bohrᵖ per unit of this derivative.
    public var atomicUnits: Double {
      var factor = energy.hartree
      for _ in 0..<power { factor /= length.bohr }
      return factor
    }

    /// The spelling used in files: `hartree/bohr^2`, `eV/angstrom`, …
    public var description: String { "\(energy.rawValue)/\(length.rawValue)" + (power == 2 ? "^2" : "") }

    /// Every spelling accepted for power p, e.g. `hartree/bohr^2`, `eV/angstrom^2`.
    public static func spellings(power: Int) -> [String] {
      Energy.allCases.filter { $0 != .wavenumber }.flatMap { e in
        Length.allCases.map { Derivative(e, per: $0, power: power).description }
      }
    }

    /// Parses a spelling from ``spellings(power:)``; `nil` for anything else.
    public init?(parsing text: String, power: Int) {
      for e in Energy.allCases where e != .wavenumber {
        for l in Length.allCases where Derivative(e, per: l, power: power).description == text {
          self.init(e, per: l, power: power)
          return
        }
      }
      return nil
    }
  }
}
