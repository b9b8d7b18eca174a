import Datasets
import Foundation
import LinearAlgebra
import Molecules
import Regression
import Symmetries

extension StudyConfiguration {
  /// The data, built-in physics and defaults of a source, ready to build variants on.
  struct PreparedSource {
    var pool: Dataset
    var test: Dataset
    var labelUnit: String
    var description: String
    /// The true label function (built-in sources), for the symmetry diagnostics.
    var label: (@Sendable ([Double]) -> Double)?
    /// H₀ and φ for `reflection:` Taylor corrections (water sources), in the label unit.
    var hessian: Matrix?
    var cubic: [Double]?
    var defaultGrid: HyperparameterGrid
    /// A `molecule` source's normal-mode analysis and file, for the `molecule:` symmetries.
    var molecule: (analysis: NormalModeAnalysis, path: String)? = nil
  }

  /// This configuration shrunk for a smoke test: sizes ≤ 64 (at most the three smallest; the
  /// smallest if none is ≤ 64), at most 2 repeats, 100 validation and 300 test samples.
  public func quick() -> StudyConfiguration {
    var c = self
    let small = sizes.sorted().filter { $0 <= 64 }
    c.sizes = Array((small.isEmpty ? [sizes.min() ?? 16] : small).prefix(3))
    c.repeats = min(repeats, 2)
    c.validation = min(validation, 100)
    c.test = min(test, 300)
    return c
  }

  /// Draws or reads the data, builds every variant and validates the study.
  ///
  /// Built-in sources draw a pool of max(sizes) + validation samples with `seed` and a test set
  /// with `seed + 1`. Data files are read whole; without a test file, `test` samples are split
  /// off with a generator seeded by `seed`. On a built-in source, every variant whose symmetry
  /// measurably breaks the labels (an approximate reflection, or a symmetry declared exact that
  /// is not) carries the floor predicted by `SymmetryDiagnostics` on up to 500 pool samples.
  ///
  /// - Throws: ``LearningCurvesError``: as ``checkLimits()`` (sizes, repeats and counts out of
  ///   range), `.invalidStudy` for a variant whose estimated cost exceeds
  ///   `SymmetryRoute.defaultOperationLimit` (see ``estimatedOperations(of:groupOrder:dimension:candidates:)``),
  ///   `.unreadableData` (a data file that cannot be read or
  ///   parsed), `.unknownName` (an unknown orbital), `.dimensionMismatch` (a symmetry, Hessian
  ///   or equilibrium that does not fit the data's dimension), `.invalidConfiguration` (a route
  ///   that does not apply to the symmetry, a Taylor order without constants, a test split
  ///   larger than the file), and as ``Study/init(name:summary:labelUnit:pool:test:sizes:repeats:validationCount:seed:variants:referenceVariant:)``
  ///   (sizes larger than the pool or the memory budget, overlapping test set).
  /// - Complexity: one sample draw (or file read) plus, per diagnosed variant, about 3·500·|G|
  ///   label evaluations.
  public func makeStudy() throws(LearningCurvesError) -> Study {
    try checkLimits()
    let prepared = try prepareSource()
    // Refuse a variant whose cost (e.g. |G| = 2²⁰) is out of reach before building its group.
    let candidates = (grid ?? prepared.defaultGrid).candidates.count
    for spec in variants { try checkCost(spec, dimension: prepared.pool.dimension, candidates: candidates) }
    var built: [Variant] = []
    for spec in variants { built.append(try makeVariant(spec, prepared)) }
    let names = built.map(\.name)
    let ref = reference ?? (names.contains("none") ? "none" : names.first ?? "none")
    return try Study(
      name: name, summary: summary ?? prepared.description, labelUnit: labelUnit ?? prepared.labelUnit,
      pool: prepared.pool, test: prepared.test, sizes: sizes, repeats: repeats, validationCount: validation,
      seed: seed, variants: built, referenceVariant: ref)
  }

  // MARK: - Sources

  func prepareSource() throws(LearningCurvesError) -> PreparedSource {
    let poolCount = (sizes.max() ?? 1) + validation
    do {
      switch source {
      case .hydrogen(let orbitalName, let radialScale):
        let orbital: HydrogenOrbital
        do { orbital = try HydrogenOrbital(name: orbitalName) } catch {
          throw LearningCurvesError(.unknownName,
            "Unknown orbital '\(orbitalName)'; valid orbitals are \(HydrogenOrbital.validNames.joined(separator: ", ")).")
        }
        let sampler = try OrbitalSampler(orbital: orbital, region: .radialWeighted(scale: radialScale))
        var g = SeededGenerator(seed: seed), h = SeededGenerator(seed: seed &+ 1)
        let pool = try sampler.sample(count: poolCount, using: &g)
        let test = try sampler.sample(count: self.test, using: &h)
        let scale = sampler.meanRadius
        return PreparedSource(
          pool: pool, test: test, labelUnit: "bohr⁻³",
          description: "Hydrogen \(orbital.name) density (bohr⁻³) at points with uniform directions and Gamma-distributed radii "
            + "(mean \(String(format: "%.2f", scale)) bohr); Gaussian-kernel KRR.",
          label: { x in orbital.density(at: SIMD3(x[0], x[1], x[2])) }, hessian: nil, cubic: nil,
          defaultGrid: HyperparameterGrid(lengthScales: try HyperparameterGrid.logSpaced(0.1 * scale, scale, count: 5),
                                          ridges: [1e-10, 1e-8, 1e-6]))
      case .waterMode(let mode, let range):
        let modes = try WaterNormalModes()
        let sampling = WaterSampling(modes: modes)
        let cm = WaterNormalModes.wavenumbersPerHartree
        let k = mode - 1
        func draw(_ count: Int, _ seed: UInt64) throws -> Dataset {
          var g = SeededGenerator(seed: seed)
          let scan = try sampling.randomScan(mode: mode, range: -range...range, count: count, using: &g)
          return try Dataset(inputs: Matrix(column: scan.inputs.column(k)), labels: scan.labels.map { $0 * cm })
        }
        let phi = try modes.cubicForceConstants()
        return PreparedSource(
          pool: try draw(poolCount, seed), test: try draw(self.test, seed &+ 1), labelUnit: "cm⁻¹",
          description: "H2O Partridge–Schwenke surface along q\(mode) (other modes at 0), q uniform in [−\(range), \(range)]; "
            + "energies above the minimum in cm⁻¹; Gaussian-kernel KRR.",
          label: { q in
            var full = [0.0, 0.0, 0.0]
            full[k] = q[0]
            return ((try? modes.energyAboveMinimum(normalCoordinates: full)) ?? .nan) * cm
          },
          hessian: .diagonal([modes.wavenumbers[k]]), cubic: [phi[k, k, k]],
          defaultGrid: HyperparameterGrid(lengthScales: try HyperparameterGrid.logSpaced(0.2, 2.0, count: 5),
                                          ridges: [1e-10, 1e-8, 1e-6]))
      case .waterPES(let sigma, let cutoff):
        let modes = try WaterNormalModes()
        let sampling = WaterSampling(modes: modes)
        let cm = WaterNormalModes.wavenumbersPerHartree
        func draw(_ count: Int, _ seed: UInt64) throws -> Dataset {
          var g = SeededGenerator(seed: seed)
          var d = try sampling.gaussian(count: count, standardDeviations: sigma, energyCutoff: cutoff / cm, using: &g)
          d.labels = d.labels.map { $0 * cm }
          return d
        }
        let phi = try modes.cubicForceConstants()
        return PreparedSource(
          pool: try draw(poolCount, seed), test: try draw(self.test, seed &+ 1), labelUnit: "cm⁻¹",
          description: "H2O Partridge–Schwenke surface in dimensionless normal coordinates; Gaussian sampling (σ = "
            + sigma.map { String(format: "%.3g", $0) }.joined(separator: ", ") + ", E ≤ \(String(format: "%.0f", cutoff)) cm⁻¹); "
            + "energies above the minimum in cm⁻¹; Gaussian-kernel KRR.",
          label: { q in ((try? modes.energyAboveMinimum(normalCoordinates: q)) ?? .nan) * cm },
          hessian: .diagonal(modes.wavenumbers), cubic: phi.values,
          defaultGrid: HyperparameterGrid(lengthScales: try HyperparameterGrid.logSpaced(0.6, 3.0, count: 5),
                                          ridges: [1e-8, 1e-6, 1e-4]))
      case .csv(let path, let labelColumn, let testPath):
        let data = try Self.readFile { () throws(DatasetError) in try CSV.readDataset(from: URL(fileURLWithPath: path), labelColumn: labelColumn) }
        let testData = try testPath.map { p throws(LearningCurvesError) in
          try Self.readFile { () throws(DatasetError) in try CSV.readDataset(from: URL(fileURLWithPath: p), labelColumn: labelColumn) }
        }
        return try userSource(data, testData, path: path, what: "CSV data")
      case .extendedXYZ(let path, let key, let coordinates, let testPath):
        let data = try Self.readXYZ(path, key: key, coordinates: coordinates)
        let testData = try testPath.map { p throws(LearningCurvesError) in try Self.readXYZ(p, key: key, coordinates: coordinates) }
        return try userSource(data, testData, path: path,
                              what: coordinates == .normal ? "water frames as normal coordinates" : "flattened positions (Å)")
      case .molecule(let molecule):
        return try prepareMolecule(molecule)
      }
    } catch let error as LearningCurvesError {
      throw error
    } catch {
      throw LearningCurvesError(.invalidConfiguration, "Study '\(name)': cannot draw the data: \(error)")
    }
  }

  /// Pool and test set from user data; the test set split off with the seed when no test file is given.
  func userSource(_ data: Dataset, _ testData: Dataset?, path: String, what: String) throws(LearningCurvesError) -> PreparedSource {
    var pool = data
    var test: Dataset
    if let testData {
      test = testData
    } else {
      guard self.test < data.count else {
        throw LearningCurvesError(.invalidConfiguration,
          "Study '\(name)': cannot split \(self.test) test samples off '\(path)', which has \(data.count); lower 'test' or give a 'test_path'.")
      }
      var g = SeededGenerator(seed: seed).derived(0x7E57)
      do { (test, pool) = try data.split(firstCount: self.test, using: &g) } catch {
        throw LearningCurvesError(.invalidConfiguration, "Study '\(name)': \(error.description)")
      }
    }
    let scale = Self.medianDistance(pool.inputs)
    return PreparedSource(
      pool: pool, test: test, labelUnit: "label units",
      description: "\(what) from \((path as NSString).lastPathComponent) (\(data.count) samples, dimension \(data.dimension)); "
        + "Gaussian-kernel KRR.",
      label: nil, hessian: nil, cubic: nil,
      defaultGrid: HyperparameterGrid(lengthScales: try HyperparameterGrid.logSpaced(0.1 * scale, 2 * scale, count: 5),
                                      ridges: [1e-10, 1e-8, 1e-6, 1e-4]))
  }

  static func readFile(_ body: () throws(DatasetError) -> Dataset) throws(LearningCurvesError) -> Dataset {
    do { return try body() } catch {
      throw LearningCurvesError(.unreadableData, "Cannot use the data file: \(error.description).")
    }
  }

  static func readXYZ(_ path: String, key: String, coordinates: XYZCoordinates) throws(LearningCurvesError) -> Dataset {
    try readFile { () throws(DatasetError) in
      let frames = try ExtendedXYZ.read(contentsOf: URL(fileURLWithPath: path))
      let positions = try ExtendedXYZ.dataset(frames, energyKey: key)
      guard coordinates == .normal else { return positions }
      let modes = try WaterNormalModes()
      var q: [Double] = []
      q.reserveCapacity(3 * frames.count)
      for (f, frame) in frames.enumerated() {
        guard frame.species == ["O", "H", "H"] else {
          throw DatasetError(.shapeMismatch, "frame \(f) has atoms \(frame.species.joined(separator: " ")); \"coordinates\": \"normal\" needs water frames O, H, H (oxygen first)", file: path)
        }
        let geometry = try WaterGeometry(cartesian: frame.positions.elements, unit: .angstrom)
        q += modes.normalCoordinates(of: geometry)
      }
      return try Dataset(inputs: Matrix(rows: frames.count, columns: 3, elements: q), labels: positions.labels)
    }
  }

  /// Median pairwise distance over the first 300 rows: the scale of the default length-scale grid.
  static func medianDistance(_ x: Matrix) -> Double {
    let sub = x.rows(at: 0..<min(x.rows, 300))
    let d = PairwiseDistances.squared(sub)
    var values: [Double] = []
    for i in 0..<sub.rows { for j in 0..<i { values.append(max(d[i, j], 0).squareRoot()) } }
    values.sort()
    return values.isEmpty ? 1 : max(values[values.count / 2], 1e-12)
  }

  // MARK: - Variants

  func makeVariant(_ spec: VariantSpecification, _ source: PreparedSource) throws(LearningCurvesError) -> Variant {
    let d = source.pool.dimension
    let grid = self.grid ?? source.defaultGrid
    let context = "Variant '\(spec.name)' (symmetry \(spec.symmetry))"
    var symmetry = try makeSymmetry(spec.symmetry, spec, source, corrected: true, context: context)
    if let odd = spec.oddIn {
      guard let finite = symmetry as? any FiniteLabelSymmetry else {
        throw LearningCurvesError(.invalidConfiguration,
          "\(context): 'odd_in' needs a finite sign-flip symmetry ('inversion', 'signs:…' or 'reflection:…'), not \(spec.symmetry).")
      }
      symmetry = try Self.signed(finite, oddIn: odd, context: context)
    }
    let route = spec.resolvedRoute
    var model = VariantModel(grid: grid)
    model.symmetry = symmetry
    model.route = route
    model.kernels = spec.kernels ?? kernels ?? [.gaussian]
    model.haarCopies = spec.haarCopies
    model.seed = seed
    model.solver = spec.solver
    model.centreRank = spec.centreRank
    if spec.regressor == .gp { model.regressor = .gaussianProcess(restarts: spec.restarts) }
    if let exact = spec.exact {
      guard let finite = try makeSymmetry(exact, spec, source, corrected: false, context: context) as? any FiniteLabelSymmetry else {
        throw LearningCurvesError(.invalidConfiguration, "\(context): 'exact' must be a finite group.")
      }
      model.exactSymmetry = finite
    }
    if spec.soft {
      model.trust = route == .sumKernel ? .sectorWeights(spec.sectorWeights ?? TrustSearch.defaultSectorWeights)
                                        : .copyRidges(spec.copyRidges ?? TrustSearch.defaultCopyRidges)
    } else if spec.copyRidge > 0 {
      model.trust = .copyRidge(spec.copyRidge)
    }
    if let name = spec.baseline {
      let polynomial = try taylorPolynomial(spec, source, order: name.order, dimension: d, context: context)
      let equilibrium = spec.equilibrium ?? Array(repeating: 0, count: d)
      let baseline: TaylorBaseline
      do { baseline = try TaylorBaseline(polynomial, equilibrium: equilibrium) } catch {
        throw LearningCurvesError(.invalidConfiguration, "\(context): \(error.description)")
      }
      var residual: (any LabelSymmetry)? = nil
      if spec.symmetry.isReflection {
        residual = try makeSymmetry(spec.symmetry, spec, source, corrected: false, context: context)
      }
      model.baseline = .init(baseline: baseline, name: name.rawValue, residualSymmetry: residual)
    }
    var diagnostics: SymmetryDiagnostics? = nil
    if let symmetry, let label = source.label, !spec.soft, spec.baseline == nil {
      diagnostics = try Self.diagnose(symmetry, label: label, sample: source.pool.inputs.rows(at: 0..<min(source.pool.count, 500)),
                                      seed: seed, context: context)
    }
    let summary = spec.summary ?? Self.summary(spec, symmetry: symmetry, route: route)
    return try Variant(name: spec.name, summary: summary, model: model, diagnostics: diagnostics)
  }

  /// A generated one-line summary of a variant.
  static func summary(_ spec: VariantSpecification, symmetry: (any LabelSymmetry)?, route: SymmetryRoute) -> String {
    var parts = [spec.regressor == .gp ? "GP" : "KRR"]
    if let exact = spec.exact { parts.append("\(exact) exact in the kernel") }
    if let symmetry {
      parts.append("\(symmetry.name), route \(route.configurationName)" + (spec.soft ? ", trust chosen on validation" : ""))
    } else if spec.exact == nil {
      parts.append("no symmetry")
    }
    if let t = spec.taylorOrder, spec.symmetry != .none { parts.append("Taylor order \(t)") }
    if let b = spec.baseline { parts.append("Δ on \(b.rawValue) (chosen on validation)") }
    return parts.joined(separator: ", ")
  }

  /// The symmetry a specification names, for data of dimension d.
  func makeSymmetry(_ text: SymmetrySpecification, _ spec: VariantSpecification, _ source: PreparedSource, corrected: Bool,
                    context: String) throws(LearningCurvesError) -> (any LabelSymmetry)? {
    let d = source.pool.dimension
    func mismatch(_ what: String) -> LearningCurvesError {
      LearningCurvesError(.dimensionMismatch, "\(context): \(what), but the data have dimension \(d); fix the symmetry or the data.")
    }
    do {
      switch text {
      case .none: return nil
      case .inversion: return try Inversion(dimension: d)
      case .signs(let c):
        if let bad = c.first(where: { $0 >= d }) { throw mismatch("coordinate \(bad) is out of range 0..<\(d)") }
        return try SignFlips(dimension: d, coordinates: c)
      case .reflection(let c):
        if let bad = c.first(where: { $0 >= d }) { throw mismatch("coordinate \(bad) is out of range 0..<\(d)") }
        let equilibrium = spec.equilibrium ?? Array(repeating: 0, count: d)
        guard equilibrium.count == d else { throw mismatch("the equilibrium has \(equilibrium.count) entries") }
        let correction = corrected ? try taylorCorrection(spec, source, dimension: d, context: context) : .none
        return try ApproximateReflection(equilibrium: equilibrium, coordinates: c, correction: correction)
      case .o3:
        guard d == 3 else { throw mismatch("O(3) acts on 3D inputs") }
        return try Rotations(.o3)
      case .o2(let axis):
        guard d == 3 else { throw mismatch("O(2) acts on 3D inputs") }
        var a = [0.0, 0.0, 0.0]
        a[axis] = 1
        return try Rotations(.o2(axis: a))
      case .permutations(let generators):
        if let bad = generators.first(where: { $0.count != d }) { throw mismatch("the permutation \(bad) has \(bad.count) entries") }
        return try CoordinatePermutations(dimension: d, generators: generators)
      case .moleculeExact:
        return try moleculeAnalysis(source, text, context: context).exactSymmetry()
      case .moleculeApproximate:
        let analysis = try moleculeAnalysis(source, text, context: context)
        let modes = spec.exact == .moleculeExact ? analysis.complementaryFlippableModes : analysis.approximatelyFlippableModes
        guard !modes.isEmpty else {
          throw LearningCurvesError(.invalidConfiguration,
            "\(context): the molecule has no mode to flip approximately\(spec.exact == .moleculeExact ? " beside its exact group" : "") (every single flip of a non-degenerate mode is exact); use molecule:exact alone.")
        }
        let correction = corrected ? try taylorCorrection(spec, source, dimension: d, context: context) : .none
        return try analysis.approximateReflections(modes: modes, correction: correction)
      }
    } catch let error as LearningCurvesError {
      throw error
    } catch let error as SymmetryError {
      throw LearningCurvesError(error.code == .dimensionMismatch ? .dimensionMismatch : .invalidConfiguration,
                                "\(context): \(error.description)")
    } catch {
      throw LearningCurvesError(.invalidConfiguration, "\(context): \(error)")
    }
  }

  static func signed(_ s: any FiniteLabelSymmetry, oddIn: [Int], context: String) throws(LearningCurvesError) -> any FiniteLabelSymmetry {
    do { return try signedOpened(s, oddIn: oddIn) } catch {
      throw LearningCurvesError(.invalidConfiguration, "\(context): \(error.description)")
    }
  }

  private static func signedOpened<S: FiniteLabelSymmetry>(_ s: S, oddIn: [Int]) throws(SymmetryError) -> any FiniteLabelSymmetry {
    try SignedLabelSymmetry(s, oddIn: oddIn)
  }

  /// The Taylor correction of a `reflection:` variant: the water constants, or the variant's own.
  func taylorCorrection(_ spec: VariantSpecification, _ source: PreparedSource, dimension d: Int,
                        context: String) throws(LearningCurvesError) -> TaylorCorrection {
    let order = spec.taylorOrder ?? (spec.hessian == nil || spec.baseline != nil ? 0 : (spec.cubic == nil ? 2 : 3))
    guard order > 0 else { return .none }
    return try taylorPolynomial(spec, source, order: order, dimension: d, context: context)
  }

  /// T₂ or T₃ from the water sources' constants or the variant's own `hessian` and `cubic`.
  func taylorPolynomial(_ spec: VariantSpecification, _ source: PreparedSource, order: Int, dimension d: Int,
                        context: String) throws(LearningCurvesError) -> TaylorCorrection {
    let userHessian = spec.hessian
    let hessian: Matrix
    let cubic: [Double]?
    if let rows = userHessian {
      guard rows.count == d, rows.allSatisfy({ $0.count == d }) else {
        throw LearningCurvesError(.dimensionMismatch,
          "\(context): the Hessian must be \(d) × \(d) (one row per input coordinate) to match the data, got \(rows.count) rows of lengths \(Set(rows.map(\.count)).sorted()); fix 'hessian'.")
      }
      hessian = Matrix(rows: d, columns: d, elements: rows.flatMap { $0 })
      if order == 3 {
        guard let c = spec.cubic else {
          throw LearningCurvesError(.invalidConfiguration,
            "\(context): Taylor order 3 needs 'cubic', the \(d * d * d) constants φ_ijk; give them or use taylor_order 2.")
        }
        guard c.count == d * d * d else {
          throw LearningCurvesError(.dimensionMismatch,
            "\(context): 'cubic' has \(c.count) values but \(d)D data need d³ = \(d * d * d) (φ_ijk at (i·d + j)·d + k).")
        }
        cubic = c
      } else {
        cubic = nil
      }
    } else if let builtIn = source.hessian {
      hessian = builtIn
      cubic = order == 3 ? source.cubic : nil
      if order == 3 && cubic == nil, let molecule = source.molecule {
        throw LearningCurvesError(.invalidConfiguration,
          "\(context): a Taylor polynomial of order 3 (taylor_order or baseline) needs the cubic force constants, but the molecule file '\(molecule.path)' has no \"displaced_hessians\"; add Hessians at the geometries of NormalModeAnalysis.displacements(step:) to it, or use order 2 (taylor_order 2, baseline taylor2).")
      }
    } else {
      throw LearningCurvesError(.invalidConfiguration,
        "\(context): a Taylor polynomial of order \(order) (taylor_order or baseline) needs the Hessian at the equilibrium; the built-in constants exist only for the water and molecule sources, so give 'hessian' (and 'cubic' for order 3) in label units.")
    }
    do {
      if let cubic { return try TaylorCorrection(hessian: hessian, cubicConstants: cubic) }
      return try TaylorCorrection(hessian: hessian)
    } catch {
      throw LearningCurvesError(.invalidConfiguration, "\(context): \(error.description)")
    }
  }

  /// Diagnostics for the predicted floor, kept only when the symmetry measurably breaks the
  /// labels (mean augmented-label error above 1e-9 of the mean |label|): an exact symmetry —
  /// declared so or not, e.g. the reflection of q₃ — has no floor to draw.
  static func diagnose(_ symmetry: any LabelSymmetry, label: @escaping @Sendable ([Double]) -> Double, sample: Matrix,
                       seed: UInt64, context: String) throws(LearningCurvesError) -> SymmetryDiagnostics? {
    let result: SymmetryDiagnostics
    do {
      if let finite = symmetry as? any FiniteLabelSymmetry {
        result = try SymmetryDiagnostics(symmetry: finite, label: label, sample: sample)
      } else if let continuous = symmetry as? any ContinuousLabelSymmetry {
        var g = SeededGenerator(seed: seed).derived(0xD1A6)
        result = try SymmetryDiagnostics(symmetry: continuous, label: label, sample: sample, draws: 8, using: &g)
      } else {
        return nil
      }
    } catch {
      throw LearningCurvesError(.invalidConfiguration, "\(context): the symmetry diagnostics failed: \(error.description)")
    }
    var scale = 0.0
    for i in 0..<sample.rows { scale += abs(label(sample.row(i))) }
    scale /= Double(max(sample.rows, 1))
    return result.meanAbsoluteError <= 1e-9 * max(scale, .leastNormalMagnitude) ? nil : result
  }
}
