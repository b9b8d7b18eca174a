import Datasets
import Foundation
import LinearAlgebra
public import Molecules
import Symmetries

/// Studies on your own molecule: the `molecule` source, its symmetries and the variant presets.
///
/// A `molecule` source reads a molecule file (the equilibrium, its Hessian and energy; optionally
/// Hessians at displaced geometries) and extended XYZ frames of that molecule labelled with
/// energies, and turns them into a data set in the dimensionless normal coordinates:
///
/// ```
/// inputs  q = (q₁ … q_m)  of each frame (Eckart frame of the equilibrium, atoms in the file's order)
/// labels  y = (E − E_ref) in cm⁻¹     (E_ref: `reference_energy`, default the file's `energy`)
/// T₂(q) = ½ Σₖ ωₖ qₖ²,   T₃(q) = T₂(q) + ⅙ Σ φᵢⱼₖ qᵢ qⱼ qₖ        (cm⁻¹; φ from the displaced Hessians)
/// ```
///
/// T₂ and T₃ serve `taylor_order` (the label correction of `reflection:` and `molecule:approximate`)
/// and `baseline` (Δ-learning) exactly as the water sources' constants do. `molecule:exact` is the
/// detected point group acting on q (`NormalModeAnalysis.exactSymmetry()`, a `GeneratedGroup`, used
/// through the sum kernel), `molecule:approximate` the single flips qₖ → −qₖ that are only
/// approximate (`ApproximateReflection` about q = 0, through the group-Fourier route).
///
/// ```json
/// {"name": "h2co", "sizes": [16, 64, 256], "validation": 300, "test": 800,
///  "source": {"kind": "molecule", "molecule": "formaldehyde.json", "frames": "formaldehyde_energies.xyz",
///             "energy_key": "energy_hartree", "energy_unit": "hartree"},
///  "variants": [{"name": "none"},
///               {"name": "exact", "symmetry": "molecule:exact"},
///               {"name": "soft", "exact": "molecule:exact", "symmetry": "molecule:approximate",
///                "taylor_order": 3, "soft": true}]}
/// ```
///
/// Reference: arXiv 2605.28238; Documentation/YourMolecule.md.
extension StudyConfiguration {
  /// A `molecule` source: where the molecule and its labelled frames are, and the energies' key and unit.
  public struct MoleculeSource: Sendable, Equatable {
    /// The molecule file (symscale-molecule or ASE `VibrationsData` JSON).
    public var path: String
    /// Extended XYZ frames of the molecule, positions in Å, the energy under ``energyKey``.
    public var frames: String
    /// The info key of the energy.
    public var energyKey: String
    /// The unit of the energies in the frames (and of ``referenceEnergy``).
    public var energyUnit: MolecularUnits.Energy
    /// The zero of the labels in ``energyUnit``; `nil`: the molecule file's equilibrium energy.
    public var referenceEnergy: Double?
    /// Frames of a fixed test set; `nil`: the test set is split off ``frames`` with the seed.
    public var testFrames: String?

    /// A molecule source; the defaults read ASE's `energy` key in eV.
    public init(path: String, frames: String, energyKey: String = "energy", energyUnit: MolecularUnits.Energy = .electronvolt,
                referenceEnergy: Double? = nil, testFrames: String? = nil) {
      self.path = path
      self.frames = frames
      self.energyKey = energyKey
      self.energyUnit = energyUnit
      self.referenceEnergy = referenceEnergy
      self.testFrames = testFrames
    }
  }

  /// The energy units a molecule source accepts (cm⁻¹ is the labels' unit, not the frames').
  static let moleculeEnergyUnits = MolecularUnits.Energy.allCases.filter { $0 != .wavenumber }

  /// Parses an `energy_unit` (case-insensitive: `hartree`, `eV`, `kcal/mol`, `kJ/mol`).
  ///
  /// - Throws: ``LearningCurvesError`` `.unknownName` listing the valid units.
  public static func moleculeEnergyUnit(_ text: String) throws(LearningCurvesError) -> MolecularUnits.Energy {
    guard let unit = moleculeEnergyUnits.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
      throw LearningCurvesError(.unknownName,
        "Unknown energy unit '\(text)'; valid units are \(moleculeEnergyUnits.map(\.rawValue).joined(separator: ", ")).")
    }
    return unit
  }

  static func decodeMoleculeSource(_ o: ConfigurationObject, resolve: (String) -> String) throws(LearningCurvesError) -> Source {
    let molecule = try o.requiredString("molecule", hint: "give the molecule file (the equilibrium, its Hessian and energy; symscale-molecule or ASE VibrationsData JSON)")
    let frames = try o.requiredString("frames", hint: "give the extended XYZ file of labelled geometries of the molecule")
    let unit = try moleculeEnergyUnit(try o.string("energy_unit") ?? "eV")
    let reference = try o.double("reference_energy")
    if let reference, !reference.isFinite {
      throw LearningCurvesError(.invalidConfiguration, "'reference_energy' is \(reference); give a finite energy in the frames' energy_unit.")
    }
    return .molecule(MoleculeSource(path: resolve(molecule), frames: resolve(frames), energyKey: try o.string("energy_key") ?? "energy",
                                    energyUnit: unit, referenceEnergy: reference, testFrames: try o.string("test_frames").map(resolve)))
  }

  /// The normal-mode analysis of a molecule file.
  static func moleculeAnalysis(path: String) throws(LearningCurvesError) -> NormalModeAnalysis {
    let molecule: Molecule
    do { molecule = try Molecule(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw LearningCurvesError(.unreadableData, "Cannot use the molecule file: \(error.description).")
    }
    do { return try NormalModeAnalysis(molecule) } catch {
      throw LearningCurvesError(.invalidConfiguration, "The molecule in '\(path)' cannot be analysed: \(error.message)")
    }
  }

  /// Labelled frames of a molecule as a data set in q, labels in cm⁻¹ above `reference` (hartree).
  static func moleculeData(_ path: String, analysis: NormalModeAnalysis, source: MoleculeSource) throws(LearningCurvesError) -> Dataset {
    let frames: [ExtendedXYZFrame]
    do { frames = try ExtendedXYZ.read(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw LearningCurvesError(.unreadableData, "Cannot use the frames: \(error.description).")
    }
    guard let reference = source.referenceEnergy.map({ $0 * source.energyUnit.hartree }) ?? analysis.molecule.energy else {
      throw LearningCurvesError(.invalidConfiguration,
        "The molecule file '\(source.path)' has no equilibrium \"energy\", the zero of the labels; add \"energy\" and \"energy_unit\" to it, or give the source a 'reference_energy' in \(source.energyUnit.rawValue).")
    }
    do {
      return try analysis.dataset(frames: frames, energyKey: source.energyKey, energyUnit: source.energyUnit,
                                  referenceEnergy: reference, labelUnit: .wavenumber)
    } catch {
      throw LearningCurvesError(.unreadableData, "Cannot use the frames '\(path)': \(error.message)")
    }
  }

  /// Pool, test set, H₀ = diag(ω), the cubic constants (when the file has displaced Hessians) and
  /// the analysis of a `molecule` source.
  func prepareMolecule(_ source: MoleculeSource) throws(LearningCurvesError) -> PreparedSource {
    let analysis = try Self.moleculeAnalysis(path: source.path)
    let data = try Self.moleculeData(source.frames, analysis: analysis, source: source)
    let testData = try source.testFrames.map { p throws(LearningCurvesError) in try Self.moleculeData(p, analysis: analysis, source: source) }
    var cubic: [Double]? = nil
    if !analysis.molecule.displacedHessians.isEmpty {
      do { cubic = try analysis.anharmonicConstants(from: analysis.molecule.displacedHessians).cubic } catch {
        throw LearningCurvesError(.invalidConfiguration,
          "The displaced Hessians of the molecule file '\(source.path)' give no cubic force constants: \(error.message)")
      }
    }
    var prepared = try userSource(data, testData, path: source.frames, what: "")
    // The formula in Hill order (C, H, then alphabetical; alphabetical without carbon).
    let counts = Dictionary(analysis.molecule.species.map { ($0, 1) }, uniquingKeysWith: +)
    let hill = counts.keys.sorted { a, b in
      let rank = { (s: String) in counts["C"] != nil ? (s == "C" ? 0 : s == "H" ? 1 : 2) : 2 }
      return (rank(a), a) < (rank(b), b)
    }
    let formula = hill.map { counts[$0]! == 1 ? $0 : "\($0)\(counts[$0]!)" }.joined()
    let file = { (p: String) in (p as NSString).lastPathComponent }
    prepared.description = "\(formula) (\(analysis.pointGroup.name)) from \(file(source.path)): \(data.count) energies of \(file(source.frames)) "
      + "in dimensionless normal coordinates q1…q\(analysis.modeCount) (ω = "
      + analysis.wavenumbers.map { String(format: "%.0f", $0) }.joined(separator: ", ") + " cm⁻¹), energies above the minimum in cm⁻¹; "
      + "Gaussian-kernel KRR."
    prepared.labelUnit = "cm⁻¹"
    prepared.hessian = .diagonal(analysis.wavenumbers)
    prepared.cubic = cubic
    prepared.molecule = (analysis, source.path)
    prepared.defaultGrid = Self.moleculeGrid
    return prepared
  }

  /// The default grid of a `molecule` source (the `molecule-pes` example's): q is dimensionless,
  /// with spread ≈ 1/√2 per mode for data near the ground state, and smooth energies want wide
  /// kernels; ab initio energies are noise-free, so ridges go down to 1e-12.
  static let moleculeGrid = HyperparameterGrid(lengthScales: [3, 6, 12, 24], ridges: [1e-12, 1e-10, 1e-8, 1e-6, 1e-4])

  /// The analysis behind a `molecule:` symmetry, or an error naming the source it needs.
  func moleculeAnalysis(_ source: PreparedSource, _ text: SymmetrySpecification,
                        context: String) throws(LearningCurvesError) -> NormalModeAnalysis {
    guard let molecule = source.molecule else {
      throw LearningCurvesError(.invalidConfiguration,
        "\(context): '\(text)' names a symmetry found from a molecule's point group; it needs a source of kind 'molecule', not '\(self.source.kindName)'.")
    }
    return molecule.analysis
  }
}

extension StudyConfiguration.Source {
  /// The source's `kind` in a configuration.
  var kindName: String {
    switch self {
    case .hydrogen: "hydrogen"
    case .waterMode: "water-mode"
    case .waterPES: "water-pes"
    case .csv: "csv"
    case .extendedXYZ: "extxyz"
    case .molecule: "molecule"
    }
  }
}

extension SymmetrySpecification {
  /// Whether the symmetry is a reflection about the equilibrium that a Taylor correction applies to.
  var isReflection: Bool {
    switch self {
    case .reflection, .moleculeApproximate: true
    default: false
    }
  }
}

// MARK: - Presets

extension StudyConfiguration.VariantSpecification {
  /// The variants a molecule study names in one word (`symscale learning-curve --molecule FILE
  /// --symmetry NAME`), the ones of the `molecule-pes` example.
  public static let moleculePresetNames = ["exact", "soft", "delta+soft", "sign-flips+taylor3"]

  /// A preset variant for a `molecule` source of m normal modes, named as the preset.
  ///
  /// | name | the variant |
  /// |---|---|
  /// | `exact` | `molecule:exact`: the exact group in the kernel (sum kernel) |
  /// | `soft` | `molecule:exact` in the kernel and `molecule:approximate` with Taylor-3 labels, a copy ridge chosen on validation |
  /// | `delta+soft` | the same on V − T₃ with plain reflected labels; T₃ on or off chosen on validation |
  /// | `sign-flips+taylor3` | every single flip, `reflection:0,…,m−1`, Taylor-3 labels, group-Fourier, full trust |
  ///
  /// The Taylor-3 presets need cubic constants (displaced Hessians in the molecule file).
  ///
  /// - Parameters:
  ///   - name: one of ``moleculePresetNames``.
  ///   - modeCount: m, the number of normal modes (for `sign-flips+taylor3`).
  /// - Returns: the variant, or `nil` for another name.
  public static func moleculePreset(_ name: String, modeCount: Int) -> Self? {
    switch name {
    case "exact":
      return Self(name: name, symmetry: .moleculeExact)
    case "soft":
      return Self(name: name, symmetry: .moleculeApproximate, taylorOrder: 3, exact: .moleculeExact, soft: true)
    case "delta+soft":
      return Self(name: name, symmetry: .moleculeApproximate, taylorOrder: 3, exact: .moleculeExact, soft: true, baseline: .taylor3)
    case "sign-flips+taylor3":
      return Self(name: name, symmetry: .reflection(Array(0..<modeCount)), route: .fourier, taylorOrder: 3)
    default:
      return nil
    }
  }
}

extension StudyConfiguration {
  /// The preset variant `name` (``VariantSpecification/moleculePresetNames``) for this
  /// configuration's `molecule` source, or `nil` when `name` is no preset.
  ///
  /// - Throws: ``LearningCurvesError`` `.invalidConfiguration` when `name` is a preset but the
  ///   source is not a molecule; the errors of reading and analysing the molecule file.
  /// - Complexity: one normal-mode analysis of the molecule.
  public func moleculePreset(_ name: String) throws(LearningCurvesError) -> VariantSpecification? {
    guard VariantSpecification.moleculePresetNames.contains(name) else { return nil }
    guard case .molecule(let molecule) = source else {
      throw LearningCurvesError(.invalidConfiguration,
        "'\(name)' is a preset of molecule studies (\(VariantSpecification.moleculePresetNames.joined(separator: ", "))); it needs a source of kind 'molecule', not '\(source.kindName)'. Name a symmetry instead: \(SymmetrySpecification.validForms.joined(separator: ", ")).")
    }
    return VariantSpecification.moleculePreset(name, modeCount: try Self.moleculeAnalysis(path: molecule.path).modeCount)
  }
}
