import Datasets
import Foundation
import LinearAlgebra
import Regression

/// A learning-curve study described in JSON: a data source, sizes, repeats, a hyperparameter grid
/// and the variants to compare — what `symscale learning-curve --config STUDY.json` runs.
///
/// ```json
/// {
///   "name": "my-study", "seed": 7, "sizes": [16, 32, 64, 128], "repeats": 3,
///   "validation": 200, "test": 1000, "label_unit": "cm⁻¹",
///   "source": {"kind": "water-pes", "standard_deviation": 0.7071, "energy_cutoff_cm1": 12000},
///   "grid": {"length_scales": [0.6, 1, 2], "ridges": [1e-8, 1e-6]},
///   "variants": [
///     {"name": "none"},
///     {"name": "q3", "symmetry": "signs:2", "route": "kernel"},
///     {"name": "z2-taylor3", "symmetry": "reflection:0,1,2", "taylor_order": 3, "route": "fourier"}
///   ]
/// }
/// ```
///
/// Top-level fields: `name` (required), `summary`, `seed` (default 260528238), `sizes` (default
/// 16, 32, 64, 128), `repeats` (3), `validation` (100: held-out pool samples for choosing
/// hyperparameters), `test` (500: test samples drawn, or split off a data file without
/// `test_path`), `label_unit` (the source's unit by default), `source` (required), `grid`
/// (default: per source), `variants` (required), `reference` (the variant others are compared
/// with; `none` if present, else the first).
///
/// Sources (`kind`):
/// - `hydrogen`: `orbital` (e.g. `1s`, `2p_z`, `3d_z2`), `radial_scale` (1). Inputs x, y, z
///   (bohr), labels the density (bohr⁻³); points as `symscale sample ORBITAL`.
/// - `water-mode`: `mode` (1–3), `range` (1.5). Inputs q_k uniform in [−range, range] (the other
///   modes at 0), labels the Partridge–Schwenke energy above the minimum (cm⁻¹).
/// - `water-pes`: `standard_deviation` (one number or three; 1/√2), `energy_cutoff_cm1` (12000).
///   Inputs q₁, q₂, q₃ ~ N(0, σ²), kept below the cut-off; labels in cm⁻¹.
/// - `csv`: `path`, `label_column` (`y`), `test_path` (optional; without it `test` samples are
///   split off `path` with the seed). Every other column is an input.
/// - `extxyz`: `path`, `energy_key` (`energy`), `coordinates` (`positions`: the flattened
///   positions in ångström; `normal`: water frames O, H, H as the dimensionless normal
///   coordinates q₁, q₂, q₃), `test_path` (optional).
/// - `molecule`: `molecule` (a molecule file: the equilibrium, its Hessian and energy, optionally
///   displaced Hessians — see `Molecules.Molecule`), `frames` (extended XYZ of that molecule, atoms
///   in its order, positions in Å), `energy_key` (`energy`), `energy_unit` (`eV`; `hartree`,
///   `kcal/mol`, `kJ/mol`), `reference_energy` (the zero of the labels in `energy_unit`; default the
///   molecule file's `energy`), `test_frames` (optional; without it `test` samples are split off
///   `frames`). Inputs are the dimensionless normal coordinates q₁ … q_m, labels the energy above
///   the file's equilibrium energy in cm⁻¹; H₀ = diag(ω) and, when the file has displaced Hessians,
///   the cubic force constants are built in (for `taylor_order` and `baseline`), and the symmetries
///   `molecule:exact` and `molecule:approximate` name the detected point group's exact group and
///   the approximate single-mode flips.
///
/// Model fields of a variant (each with a study-wide default where noted): `regressor` (`krr` or
/// `gp`; a Gaussian process fits its length scale, signal variance and noise by the marginal
/// likelihood, `restarts` extra seeded starts, default 2), `kernels` (families chosen on
/// validation: `gaussian`, `laplacian`, `matern32`, `matern52`; top-level `kernels` sets the study's
/// default, `["gaussian"]` if absent), `exact` (an exact finite symmetry used inside the kernel, e.g.
/// `signs:2`, beside `symmetry`), `soft` (`true`: the trust in `symmetry` is chosen on validation —
/// a copy ridge ε² among 0, `copy_ridges` (default 1e-6, 1e-4, 1e-2, 1) and ∞ on routes `fourier`
/// and `augment`, or per-coordinate sector weights among 0, `sector_weights` (default 0.01, 0.1)
/// and 1 on route `kernel`), `baseline` (`taylor2` or `taylor3`: Δ-learning on the Taylor
/// polynomial — the water sources' constants, or the variant's `hessian`/`cubic`/`equilibrium`;
/// with or without the baseline is chosen on validation; the reflected copies of the residual take
/// plain labels), `odd_in` (coordinates whose flip changes the label's sign: an exactly odd label).
///
/// Variants: `name` (required), `symmetry` (see ``SymmetrySpecification``; `none` by default),
/// `route` (`augment|kernel|fourier|haar`; default per symmetry), `taylor_order` (2 or 3, for
/// `reflection:` — built in for `water-mode` and `water-pes` (H₀ = diag ω and φ in cm⁻¹); for
/// other data, extended XYZ included, give `hessian`, d × d rows,
/// and for order 3 `cubic`, d³ values φ_ijk at (i·d + j)·d + k, in label units), `equilibrium`
/// (the reflection centre for user data; the origin by default), `copy_ridge` (ε², route
/// `augment`), `haar_copies` (copies of a continuous group with route `augment`; 64), `summary`,
/// `solver` (`dense` by default; `nystrom`: Nyström KRR solved directly; `auto`: the planner chooses
/// per size — see ``VariantModel/solver``; without a symmetry or with one on route `kernel`/`haar`
/// at full trust) and `centres` (M for `nystrom`/`auto`; ⌈20√N⌉ by default). Sizes above the
/// dense limit are allowed when no variant uses the dense solver.
///
/// Relative paths are resolved against the configuration file's folder.
public struct StudyConfiguration: Sendable, Equatable {
  /// Where the data come from.
  public enum Source: Sendable, Equatable {
    case hydrogen(orbital: String, radialScale: Double)
    case waterMode(mode: Int, range: Double)
    /// Standard deviations per normal coordinate, energy cut-off in cm⁻¹.
    case waterPES(standardDeviations: [Double], energyCutoff: Double)
    case csv(path: String, labelColumn: String, testPath: String?)
    case extendedXYZ(path: String, energyKey: String, coordinates: XYZCoordinates, testPath: String?)
    /// A molecule file and labelled frames of it, in the molecule's normal coordinates.
    case molecule(MoleculeSource)

    /// The `kind` names, for messages.
    public static let kinds = ["hydrogen", "water-mode", "water-pes", "csv", "extxyz", "molecule"]

    /// Whether the label function is known (built-in sources), so that predicted floors exist.
    public var isBuiltIn: Bool {
      switch self {
      case .hydrogen, .waterMode, .waterPES: true
      case .csv, .extendedXYZ, .molecule: false
      }
    }
  }

  /// Inputs made from extended XYZ frames.
  public enum XYZCoordinates: String, Sendable, Equatable, CaseIterable {
    /// The flattened positions (3 × atoms values, ångström).
    case positions
    /// Water frames (O, H, H) as dimensionless normal coordinates q₁, q₂, q₃.
    case normal
  }

  /// One variant: a symmetry and how it is used.
  public struct VariantSpecification: Sendable, Equatable {
    /// Short machine name, used in reports (unique within a study).
    public var name: String
    /// One line for people; `nil`: generated from the symmetry and route.
    public var summary: String?
    /// The label symmetry (``SymmetrySpecification/none`` for plain KRR).
    public var symmetry: SymmetrySpecification
    /// `nil`: ``SymmetrySpecification/defaultRoute``.
    public var route: SymmetryRoute?
    /// 2 or 3 for a Taylor-corrected reflection; `nil` for none.
    public var taylorOrder: Int?
    /// H₀ row by row (user data), label units per coordinate unit².
    public var hessian: [[Double]]?
    /// φ_ijk at (i·d + j)·d + k (user data).
    public var cubic: [Double]?
    /// The reflection centre (user data); the origin by default.
    public var equilibrium: [Double]?
    /// ε² added to the ridge of every non-identity copy (routes `augment` and `fourier`; 0: full trust).
    public var copyRidge: Double
    /// Copies of a continuous group with route `augment` (identity included).
    public var haarCopies: Int
    /// `krr` (default) or `gp`.
    public var regressor: RegressorName
    /// Extra optimiser starts of a Gaussian process.
    public var restarts: Int
    /// Kernel families chosen on validation; `nil`: the study's.
    public var kernels: [RadialKernelFamily]?
    /// An exact finite symmetry inside the kernel, beside ``symmetry``.
    public var exact: SymmetrySpecification?
    /// Whether the trust in ``symmetry`` is chosen on validation.
    public var soft: Bool
    /// Intermediate copy ridges of a soft search (`nil`: ``TrustSearch/defaultCopyRidges``).
    public var copyRidges: [Double]?
    /// Intermediate per-coordinate sector weights of a soft search on the kernel route.
    public var sectorWeights: [Double]?
    /// Δ-learning on a Taylor polynomial, or `nil`.
    public var baseline: BaselineName?
    /// Coordinates whose flip changes the label's sign (an odd label), or `nil`.
    public var oddIn: [Int]?
    /// The KRR solver (``VariantModel/solver``): `dense` (default), `nystrom` or `auto`, with the
    /// number of centres M (`centres`; `nil`: ⌈20√N⌉).
    public var solver: SolverRequest = .dense
    /// Which Nyström centres to keep (``VariantModel/centreRank``; field `centre_rank`: `"all"`
    /// (default), `"numerical"` or a relative tolerance in [0, 1)).
    public var centreRank: CentreRank = .all

    /// The regressors a variant can name.
    public enum RegressorName: String, Sendable, Equatable, CaseIterable { case krr, gp }
    /// The baselines a variant can name.
    public enum BaselineName: String, Sendable, Equatable, CaseIterable {
      case taylor2, taylor3
      /// The Taylor order.
      public var order: Int { self == .taylor2 ? 2 : 3 }
    }

    /// A variant; the defaults give plain Gaussian-kernel KRR.
    public init(name: String, summary: String? = nil, symmetry: SymmetrySpecification = .none,
                route: SymmetryRoute? = nil, taylorOrder: Int? = nil, hessian: [[Double]]? = nil,
                cubic: [Double]? = nil, equilibrium: [Double]? = nil, copyRidge: Double = 0, haarCopies: Int = 64,
                regressor: RegressorName = .krr, restarts: Int = 2, kernels: [RadialKernelFamily]? = nil,
                exact: SymmetrySpecification? = nil, soft: Bool = false, copyRidges: [Double]? = nil,
                sectorWeights: [Double]? = nil, baseline: BaselineName? = nil, oddIn: [Int]? = nil) {
      self.regressor = regressor
      self.restarts = restarts
      self.kernels = kernels
      self.exact = exact
      self.soft = soft
      self.copyRidges = copyRidges
      self.sectorWeights = sectorWeights
      self.baseline = baseline
      self.oddIn = oddIn
      self.name = name
      self.summary = summary
      self.symmetry = symmetry
      self.route = route
      self.taylorOrder = taylorOrder
      self.hessian = hessian
      self.cubic = cubic
      self.equilibrium = equilibrium
      self.copyRidge = copyRidge
      self.haarCopies = haarCopies
    }

    /// The route actually used.
    public var resolvedRoute: SymmetryRoute { route ?? symmetry.defaultRoute }

    /// The trust in the symmetry: `.copyRidge(ε²)` for a positive `copy_ridge`, `.full` otherwise.
    public var trust: SymmetryTrust { copyRidge > 0 ? .copyRidge(copyRidge) : .full }
  }

  /// Study name, used for the output files `<name>.json|.csv|.svg`.
  public var name: String
  /// One paragraph for the reports; `nil`: a description of the source.
  public var summary: String?
  /// Seed of every random draw (pool, test set or split, repeats).
  public var seed: UInt64
  /// Training sizes N (sorted and deduplicated by ``Study``).
  public var sizes: [Int]
  /// Independent seeded draws per size, ≥ 1.
  public var repeats: Int
  /// Held-out pool samples on which hyperparameters are chosen.
  public var validation: Int
  /// Test samples drawn (built-in sources) or split off a data file without a test file.
  public var test: Int
  /// Unit of labels and errors in the reports; `nil`: the source's (cm⁻¹, bohr⁻³, "label units").
  public var labelUnit: String?
  /// Where the data come from.
  public var source: Source
  /// `nil`: the source's default grid.
  public var grid: HyperparameterGrid?
  public var variants: [VariantSpecification]
  /// `nil`: `none` if present, else the first variant.
  public var reference: String?
  /// Kernel families of the variants that name none; `nil`: `[.gaussian]`.
  public var kernels: [RadialKernelFamily]?

  /// Defaults of the optional top-level fields.
  public static let defaultSeed: UInt64 = 2605_28238
  public static let defaultSizes = [16, 32, 64, 128]
  public static let defaultRepeats = 3
  public static let defaultValidation = 100
  public static let defaultTest = 500

  /// A configuration from values (the JSON initializers fill the same fields).
  public init(name: String, summary: String? = nil, seed: UInt64 = defaultSeed, sizes: [Int] = defaultSizes,
              repeats: Int = defaultRepeats, validation: Int = defaultValidation, test: Int = defaultTest,
              labelUnit: String? = nil, source: Source, grid: HyperparameterGrid? = nil,
              variants: [VariantSpecification], reference: String? = nil, kernels: [RadialKernelFamily]? = nil) {
    self.kernels = kernels
    self.name = name
    self.summary = summary
    self.seed = seed
    self.sizes = sizes
    self.repeats = repeats
    self.validation = validation
    self.test = test
    self.labelUnit = labelUnit
    self.source = source
    self.grid = grid
    self.variants = variants
    self.reference = reference
  }

  static let topLevelKeys = ["name", "summary", "seed", "sizes", "repeats", "validation", "test", "label_unit",
                             "source", "grid", "variants", "reference", "kernels"]
  static let gridKeys = ["length_scales", "ridges"]
  static let variantKeys = ["name", "summary", "symmetry", "route", "taylor_order", "hessian", "cubic", "equilibrium",
                            "copy_ridge", "haar_copies", "regressor", "restarts", "kernels", "exact", "soft", "copy_ridges",
                            "sector_weights", "baseline", "odd_in", "solver", "centres", "centre_rank"]
  static let sourceKeys: [String: [String]] = [
    "hydrogen": ["kind", "orbital", "radial_scale"],
    "water-mode": ["kind", "mode", "range"],
    "water-pes": ["kind", "standard_deviation", "energy_cutoff_cm1"],
    "csv": ["kind", "path", "label_column", "test_path"],
    "extxyz": ["kind", "path", "energy_key", "coordinates", "test_path"],
    "molecule": ["kind", "molecule", "frames", "energy_key", "energy_unit", "reference_energy", "test_frames"],
  ]

  /// Reads a configuration file.
  ///
  /// - Parameter url: the JSON file; relative data paths in it are resolved against its folder.
  /// - Throws: ``LearningCurvesError`` `.unreadableData` when the file cannot be read, and as
  ///   ``init(json:baseDirectory:)``.
  public init(contentsOf url: URL) throws(LearningCurvesError) {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw LearningCurvesError(.unreadableData,
        "Cannot read the study configuration '\(url.path)': \(FileProblem.reading(url.path)).")
    }
    do { try self.init(json: data, baseDirectory: url.deletingLastPathComponent()) } catch {
      throw LearningCurvesError(error.code, "\(url.path): \(error.message)")
    }
  }

  /// Decodes a configuration, rejecting unknown fields in every object.
  ///
  /// - Parameters:
  ///   - json: UTF-8 JSON text.
  ///   - baseDirectory: the folder relative data paths are resolved against.
  /// - Throws: ``LearningCurvesError``: `.invalidConfiguration` for malformed JSON, an unknown
  ///   or missing field, a value of the wrong type or out of range (zero repeats, a mode
  ///   outside 1–3, …); `.unknownName` for an unknown source kind, symmetry or route (the
  ///   valid names are listed).
  public init(json: Data, baseDirectory: URL) throws(LearningCurvesError) {
    let top = try ConfigurationObject(try JSONValue(parsing: json), path: "the configuration")
    try top.rejectUnknownKeys(valid: Self.topLevelKeys)
    let name = try top.requiredString("name", hint: "give the study a name, used for the output files (e.g. \"my-study\")")
    if let problem = Study.fileNameProblem(name) {
      throw LearningCurvesError(.invalidConfiguration, "The study name '\(name)' \(problem).")
    }
    let seedValue = try top.integer("seed", in: 0...ConfigurationObject.largestWholeNumber,
                                    why: "larger whole numbers lose digits in JSON")
    // Sizes are bounded by the dense N × N matrix unless every variant plans its solver (Nyström, auto).
    let plannedOnly = (try? top.array("variants")).map { values in
      !values.isEmpty && values.enumerated().allSatisfy { i, value in
        let solver = try? ConfigurationObject(value, path: "variants[\(i)]").string("solver")
        return solver.map { ["nystrom", "auto"].contains($0.lowercased()) } ?? false
      }
    } ?? false
    let sizes = try top.integers("sizes", in: 1...(plannedOnly ? 1 << 31 : MemoryBudget.largestSquareOrder()),
                                 why: plannedOnly ? "the largest size a Nyström study takes"
                                   : "the largest N whose N × N kernel matrix fits the memory budget of \(MemoryBudget.format(bytes: MemoryBudget.bytes))") ?? Self.defaultSizes
    let repeats = try top.integer("repeats", in: 1...Study.maximumRepeats) ?? Self.defaultRepeats
    let validation = try top.integer("validation", in: 1...ConfigurationObject.largestWholeNumber) ?? Self.defaultValidation
    let test = try top.integer("test", in: 1...ConfigurationObject.largestWholeNumber) ?? Self.defaultTest
    if sizes.isEmpty {
      throw LearningCurvesError(.invalidConfiguration, "'sizes' is empty; give at least one training size, e.g. [16, 32, 64].")
    }

    guard let sourceObject = try top.object("source") else {
      throw top.missing("source", hint: "give a data source, e.g. {\"kind\": \"csv\", \"path\": \"train.csv\"}; kinds are \(Source.kinds.joined(separator: ", "))")
    }
    let source = try Self.decodeSource(sourceObject, baseDirectory: baseDirectory)

    var grid: HyperparameterGrid? = nil
    if let g = try top.object("grid") {
      try g.rejectUnknownKeys(valid: Self.gridKeys)
      let scales = try g.doubles("length_scales") ?? []
      let ridges = try g.doubles("ridges") ?? []
      guard !scales.isEmpty, scales.allSatisfy({ $0 > 0 }) else {
        throw LearningCurvesError(.invalidConfiguration,
          "'grid.length_scales' must be a non-empty array of positive numbers (in input units), e.g. [0.5, 1, 2].")
      }
      guard !ridges.isEmpty, ridges.allSatisfy({ $0 > 0 }) else {
        throw LearningCurvesError(.invalidConfiguration,
          "'grid.ridges' must be a non-empty array of positive numbers, e.g. [1e-8, 1e-6, 1e-4].")
      }
      grid = HyperparameterGrid(lengthScales: scales, ridges: ridges)
    }

    guard let variantValues = try top.array("variants"), !variantValues.isEmpty else {
      throw top.missing("variants", hint: "give a non-empty array such as [{\"name\": \"none\"}, {\"name\": \"signs\", \"symmetry\": \"signs:0\"}]")
    }
    var variants: [VariantSpecification] = []
    for (i, value) in variantValues.enumerated() {
      variants.append(try Self.decodeVariant(try ConfigurationObject(value, path: "variants[\(i)]")))
    }
    self.init(name: name, summary: try top.string("summary"), seed: UInt64(seedValue ?? Int(Self.defaultSeed)),
              sizes: sizes, repeats: repeats, validation: validation, test: test,
              labelUnit: try top.string("label_unit"), source: source, grid: grid, variants: variants,
              reference: try top.string("reference"), kernels: try Self.decodeKernels(top))
  }

  static func decodeSource(_ o: ConfigurationObject, baseDirectory: URL) throws(LearningCurvesError) -> Source {
    let kind = try o.requiredString("kind", hint: "say which data to use: \(Source.kinds.joined(separator: ", "))")
    guard let valid = sourceKeys[kind] else {
      throw LearningCurvesError(.unknownName,
        "Unknown source kind '\(kind)'; valid kinds are \(Source.kinds.joined(separator: ", ")).")
    }
    try o.rejectUnknownKeys(valid: valid)
    func resolve(_ path: String) -> String {
      path.hasPrefix("/") ? path : baseDirectory.appendingPathComponent(path).standardizedFileURL.path
    }
    switch kind {
    case "hydrogen":
      let orbital = try o.requiredString("orbital", hint: "name the orbital, e.g. \"1s\", \"2p_z\" or \"3d_z2\"")
      let scale = try o.double("radial_scale") ?? 1
      guard scale > 0 else {
        throw LearningCurvesError(.invalidConfiguration, "'radial_scale' is \(scale); it must be positive (1 by default).")
      }
      return .hydrogen(orbital: orbital, radialScale: scale)
    case "water-mode":
      guard let mode = try o.integer("mode", in: 1...3, why: "water has normal modes 1 (symmetric stretch), 2 (bend) and 3 (antisymmetric stretch)") else {
        throw o.missing("mode", hint: "give the normal mode 1, 2 or 3")
      }
      let range = try o.double("range") ?? 1.5
      guard range > 0 else {
        throw LearningCurvesError(.invalidConfiguration, "'range' is \(range); give a positive half-width in q (1.5 by default).")
      }
      return .waterMode(mode: mode, range: range)
    case "water-pes":
      var sigma = [(0.5).squareRoot()]
      if let one = try? o.double("standard_deviation") {
        sigma = [one]
      } else if let three = try o.doubles("standard_deviation") {
        sigma = three
      }
      guard sigma.count == 1 || sigma.count == 3, sigma.allSatisfy({ $0 > 0 }) else {
        throw LearningCurvesError(.invalidConfiguration,
          "'standard_deviation' must be one positive number or three (one per normal coordinate), e.g. 0.7071.")
      }
      let cutoff = try o.double("energy_cutoff_cm1") ?? 12_000
      guard cutoff > 0 else {
        throw LearningCurvesError(.invalidConfiguration, "'energy_cutoff_cm1' is \(cutoff); give a positive energy in cm⁻¹ (12000 by default).")
      }
      return .waterPES(standardDeviations: sigma.count == 1 ? Array(repeating: sigma[0], count: 3) : sigma, energyCutoff: cutoff)
    case "csv":
      let path = try o.requiredString("path", hint: "give the CSV file (header row, one sample per row)")
      return .csv(path: resolve(path), labelColumn: try o.string("label_column") ?? "y",
                  testPath: try o.string("test_path").map(resolve))
    case "molecule":
      return try decodeMoleculeSource(o, resolve: resolve)
    default:  // extxyz
      let path = try o.requiredString("path", hint: "give the extended XYZ file")
      let text = try o.string("coordinates") ?? "positions"
      guard let coordinates = XYZCoordinates(rawValue: text) else {
        throw LearningCurvesError(.unknownName,
          "Unknown coordinates '\(text)' in source; valid values are \(XYZCoordinates.allCases.map(\.rawValue).joined(separator: ", ")).")
      }
      return .extendedXYZ(path: resolve(path), energyKey: try o.string("energy_key") ?? "energy",
                          coordinates: coordinates, testPath: try o.string("test_path").map(resolve))
    }
  }

  static func decodeVariant(_ o: ConfigurationObject) throws(LearningCurvesError) -> VariantSpecification {
    try o.rejectUnknownKeys(valid: variantKeys)
    let name = try o.requiredString("name", hint: "name the variant, e.g. \"none\" or \"sign-flips\"")
    if name.isEmpty || name.contains(where: { ",\"\n\r".contains($0) }) {
      throw LearningCurvesError(.invalidConfiguration,
        "The variant name '\(name)' in \(o.path) is empty or contains a comma, quote or line break, which the CSV report cannot hold; use e.g. \"sign-flips\".")
    }
    let symmetry = try SymmetrySpecification(parsing: try o.string("symmetry") ?? "none")
    let route = try o.string("route").map { (r: String) throws(LearningCurvesError) in try SymmetryRoute(configurationName: r) }
    let order = try o.integer("taylor_order", in: 2...3, why: "2: the Hessian; 3: the Hessian and cubic constants; leave it out for none")
    if order != nil || ((o.has("hessian") || o.has("cubic") || o.has("equilibrium")) && !o.has("baseline")) {
      guard symmetry.isReflection else {
        throw LearningCurvesError(.invalidConfiguration,
          "\(o.path) ('\(name)') gives a Taylor correction or equilibrium, which only applies to 'reflection:…' and 'molecule:approximate' symmetries, not '\(symmetry)'.")
      }
    }
    let copyRidge = try o.double("copy_ridge") ?? 0
    guard copyRidge >= 0 else {
      throw LearningCurvesError(.invalidConfiguration, "'copy_ridge' in \(o.path) is \(copyRidge); it must be ≥ 0.")
    }
    let haarCopies = try o.integer("haar_copies", in: 1...MemoryBudget.largestSquareOrder(),
                                   why: "even one training sample has haar_copies augmented rows, whose kernel matrix must fit the memory budget") ?? 64
    let regressorText = try o.string("regressor") ?? "krr"
    guard let regressor = VariantSpecification.RegressorName(rawValue: regressorText.lowercased()) else {
      throw LearningCurvesError(.unknownName,
        "Unknown regressor '\(regressorText)' in \(o.path); valid regressors are krr, gp.")
    }
    let restarts = try o.integer("restarts", in: 0...100, why: "extra optimiser starts of the marginal likelihood") ?? 2
    let exact = try o.string("exact").map { (t: String) throws(LearningCurvesError) in try SymmetrySpecification(parsing: t) }
    if let exact {
      switch exact {
      case .inversion, .signs, .permutations, .moleculeExact: break
      default:
        throw LearningCurvesError(.invalidConfiguration,
          "'exact' in \(o.path) is '\(exact)'; the symmetry inside the kernel must be an exact finite group: inversion, signs:i,j, permutation:… or molecule:exact.")
      }
    }
    let soft = try o.bool("soft") ?? false
    let copyRidges = try o.doubles("copy_ridges")
    let sectorWeights = try o.doubles("sector_weights")
    if !soft && (copyRidges != nil || sectorWeights != nil) {
      throw LearningCurvesError(.invalidConfiguration,
        "\(o.path) ('\(name)') gives \(copyRidges != nil ? "'copy_ridges'" : "'sector_weights'") without \"soft\": true; add it, or remove the grid.")
    }
    if let bad = copyRidges?.first(where: { !($0 > 0) }) {
      throw LearningCurvesError(.invalidConfiguration,
        "'copy_ridges' in \(o.path) contains \(bad); give intermediate ε² values > 0 (0 and ∞ are always tried), e.g. [1e-6, 1e-4, 1e-2].")
    }
    if let bad = sectorWeights?.first(where: { !($0 > 0 && $0 < 1) }) {
      throw LearningCurvesError(.invalidConfiguration,
        "'sector_weights' in \(o.path) contains \(bad); give intermediate weights in (0, 1) (0 and 1 are always tried), e.g. [0.01, 0.1].")
    }
    if soft && symmetry == .none {
      throw LearningCurvesError(.invalidConfiguration,
        "\(o.path) ('\(name)') says \"soft\": true but has no symmetry to trust; give 'symmetry', or remove 'soft'.")
    }
    if soft && copyRidge > 0 {
      throw LearningCurvesError(.invalidConfiguration,
        "\(o.path) ('\(name)') gives both 'copy_ridge' (a fixed ε²) and \"soft\": true (ε² chosen on validation); keep one.")
    }
    let baselineText = try o.string("baseline")
    let baseline = try baselineText.map { (t: String) throws(LearningCurvesError) -> VariantSpecification.BaselineName in
      guard let b = VariantSpecification.BaselineName(rawValue: t.lowercased()) else {
        throw LearningCurvesError(.unknownName, "Unknown baseline '\(t)' in \(o.path); valid baselines are taylor2, taylor3.")
      }
      return b
    }
    let oddIn = try o.integers("odd_in")
    if let oddIn, oddIn.isEmpty || oddIn.contains(where: { $0 < 0 }) {
      throw LearningCurvesError(.invalidConfiguration,
        "'odd_in' in \(o.path) must list 0-based coordinates whose flip changes the label's sign, e.g. [2].")
    }
    var spec = VariantSpecification(name: name, summary: try o.string("summary"), symmetry: symmetry, route: route,
                                    taylorOrder: order, hessian: try o.rows("hessian"), cubic: try o.doubles("cubic"),
                                    equilibrium: try o.doubles("equilibrium"), copyRidge: copyRidge, haarCopies: haarCopies,
                                    regressor: regressor, restarts: restarts, kernels: try decodeKernels(o), exact: exact,
                                    soft: soft, copyRidges: copyRidges, sectorWeights: sectorWeights, baseline: baseline,
                                    oddIn: oddIn)
    spec.solver = try decodeSolver(o, name: name)
    spec.centreRank = try decodeCentreRank(o, name: name, solver: spec.solver)
    return spec
  }

  /// The `centre_rank` field: `"all"`, `"numerical"` or a relative tolerance in [0, 1), with `nystrom` or `auto`.
  static func decodeCentreRank(_ o: ConfigurationObject, name: String,
                               solver: SolverRequest) throws(LearningCurvesError) -> CentreRank {
    guard o.has("centre_rank") else { return .all }
    let rank: CentreRank
    if case .number(let t) = o.fields["centre_rank"]! {
      guard t >= 0 && t < 1 else {
        throw LearningCurvesError(.invalidConfiguration,
          "'centre_rank' in \(o.path) ('\(name)') is \(t); a tolerance must be in [0, 1) (e.g. 1e-12), or use \"numerical\" or \"all\".")
      }
      rank = .tolerance(t)
    } else {
      switch try o.string("centre_rank")?.lowercased() {
      case "all": rank = .all
      case "numerical": rank = .numerical
      case let other:
        throw LearningCurvesError(.unknownName,
          "Unknown centre_rank '\(other ?? "")' in \(o.path); give \"all\", \"numerical\" or a relative tolerance in [0, 1) such as 1e-12.")
      }
    }
    if solver == .dense && rank != .all {
      throw LearningCurvesError(.invalidConfiguration,
        "\(o.path) ('\(name)') gives 'centre_rank' with the dense solver; add \"solver\": \"nystrom\" or \"auto\", or remove 'centre_rank'.")
    }
    return rank
  }

  /// The `solver` (`dense`, `nystrom`, `auto`) and `centres` (M ≥ 1, with `nystrom` or `auto`) fields.
  static func decodeSolver(_ o: ConfigurationObject, name: String) throws(LearningCurvesError) -> SolverRequest {
    let text = try o.string("solver") ?? "dense"
    let centres = try o.integer("centres", in: 1...(1 << 40), why: "the number of Nyström centres M (capped at N)")
    switch text.lowercased() {
    case "dense":
      if centres != nil {
        throw LearningCurvesError(.invalidConfiguration,
          "\(o.path) ('\(name)') gives 'centres' with the dense solver; add \"solver\": \"nystrom\" or \"auto\", or remove 'centres'.")
      }
      return .dense
    case "nystrom": return .nystrom(centres: centres)
    case "auto": return .automatic(centres: centres)
    default:
      throw LearningCurvesError(.unknownName, "Unknown solver '\(text)' in \(o.path); valid solvers are dense, nystrom, auto.")
    }
  }

  /// The `kernels` field: a non-empty list of known families.
  static func decodeKernels(_ o: ConfigurationObject) throws(LearningCurvesError) -> [RadialKernelFamily]? {
    guard let names = try o.strings("kernels") else { return nil }
    guard !names.isEmpty else {
      throw LearningCurvesError(.invalidConfiguration,
        "'kernels' in \(o.path) is empty; list at least one of \(RadialKernelFamily.names.joined(separator: ", ")).")
    }
    var families: [RadialKernelFamily] = []
    for n in names {
      guard let f = RadialKernelFamily(rawValue: n.lowercased()) else {
        throw LearningCurvesError(.unknownName,
          "Unknown kernel '\(n)' in \(o.path); valid kernels are \(RadialKernelFamily.names.joined(separator: ", ")).")
      }
      if !families.contains(f) { families.append(f) }
    }
    return families
  }
}

extension LearningCurvesError.Code {
  /// A data or configuration file that cannot be read or parsed.
  public static let unreadableData = LearningCurvesError.Code("unreadableData")
}
