import Datasets
import Foundation
import LinearAlgebra
import Regression
import Symmetries

/// How a variant learns, as data: the regressor and its kernel families, the hyperparameter grid,
/// the symmetry with the route it takes, how far the symmetry is trusted, and what is learned.
///
/// Three choices stay separate and compose (arXiv 2605.28238; the soft-symmetry design note):
/// the **route** (how the group enters the solve: `SymmetryRoute`), the **trust** (how strongly:
/// ``TrustSearch`` — fully, a per-copy ridge ε² or per-sector weights chosen on held-out data) and
/// the **baseline** (what is learned: the labels, or the residual after a known function such as
/// the Taylor polynomial T₃). An exact symmetry can sit inside the kernel (``exactSymmetry``, a sum
/// kernel) beside an approximate one on any route.
///
/// ``Variant/init(name:summary:model:diagnostics:)`` turns a model into a variant whose first-stage
/// candidates are every combination of kernel family × length scale × ridge × baseline on/off ×
/// the two extreme trusts (full symmetry, no symmetry); when the trust is searched, a second stage
/// tries the intermediate trusts at every ridge, at the (family, length scale, baseline) of the best
/// first-stage candidate. The grid therefore always holds
/// both extremes: a study can never be forced into a worse model than leaving the approximate
/// symmetry out.
///
/// ```swift
/// var model = VariantModel(grid: HyperparameterGrid(lengthScales: [1.5, 3], ridges: [1e-8, 1e-6]))
/// model.exactSymmetry = try SignFlips(dimension: 3, coordinates: [2])                 // q₃: exact
/// model.symmetry = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1], correction: taylor3)
/// model.route = .fourier
/// model.trust = .copyRidges([1e-6, 1e-4, 1e-2, 1])                                     // ε² chosen on validation
/// let soft = try Variant(name: "soft", summary: "q₃ exact, q₁/q₂ soft", model: model)
/// soft.candidates.count                    // 2 ℓ × 2 λ × {full, none} = 8, refined by 2 λ × 4 ε² more
/// ```
public struct VariantModel: Sendable {
  /// The regressor.
  public enum Regressor: Sendable, Hashable {
    /// Kernel ridge regression; (family, ℓ, λ, trust, baseline) chosen on validation.
    case kernelRidge
    /// An exact Gaussian process with signal variance, length scale and noise level (and free
    /// sector weights, with ``TrustSearch/sectorWeights(_:)``) fitted by the marginal likelihood,
    /// `restarts` extra seeded starts; the family and the baseline are chosen on validation.
    /// Routes: the sum kernel, the Haar kernel, and the group-Fourier route for sign flips (the
    /// process on the augmented set, full trust only; its likelihood counts each sample |G| times,
    /// see `GroupFourierSolver.fit(process:inputs:elementLabels:)`). Route `augment` is refused.
    case gaussianProcess(restarts: Int)
  }

  /// A known function learned around (Δ-learning), and the symmetry to use on the residual.
  public struct BaselineOption: Sendable {
    /// The baseline b; the model learns y − b(x) and predicts f(x) + b(x).
    public var baseline: any Baseline
    /// A short name for reports (`taylor3`).
    public var name: String
    /// The symmetry used with the residual (`nil`: the model's ``VariantModel/symmetry``). A Taylor
    /// baseline of order p leaves a residual whose Taylor polynomial vanishes through order p, so
    /// its reflected copies take *plain* labels: give the reflection without its correction here.
    public var residualSymmetry: (any LabelSymmetry)?
    /// Whether "no baseline" is a candidate too (default `true`: the data choose).
    public var isOptional: Bool

    public init(baseline: any Baseline, name: String, residualSymmetry: (any LabelSymmetry)? = nil, isOptional: Bool = true) {
      self.baseline = baseline
      self.name = name
      self.residualSymmetry = residualSymmetry
      self.isOptional = isOptional
    }
  }

  /// The regressor (kernel ridge regression by default).
  public var regressor: Regressor = .kernelRidge
  /// The kernel families to choose from (at least one; `[.gaussian]` by default).
  public var kernels: [RadialKernelFamily] = [.gaussian]
  /// Length scales and ridges (KRR: the candidates; GP: the geometric middles are the starting
  /// values of the optimisation).
  public var grid: HyperparameterGrid
  /// An exact finite symmetry used inside the kernel (the sum kernel Σ_h k(x, h·x′)), whatever
  /// the route and trust of ``symmetry``; `nil` for none.
  public var exactSymmetry: (any FiniteLabelSymmetry)?
  /// The label symmetry, or `nil` for none.
  public var symmetry: (any LabelSymmetry)?
  /// How the symmetry enters (ignored without one).
  public var route: SymmetryRoute = .sumKernel
  /// How far the symmetry is trusted.
  public var trust: TrustSearch = .full
  /// Δ-learning on a baseline, or `nil`.
  public var baseline: BaselineOption?
  /// Copies (identity included) when augmenting by a continuous group.
  public var haarCopies: Int = 64
  /// Seed of Haar samples, Gaussian-process restarts and Nyström centres.
  public var seed: UInt64 = 0
  /// The KRR solver: dense (default), Nyström with M centres, or `SolverRequest.automatic(centres:)`:
  /// ``planner`` chooses per training size (the exact solver while it fits the budgets, else
  /// Nyström). Nyström takes no symmetry, one through a symmetric kernel (`sumKernel`, `haarKernel`)
  /// at full trust, or a finite group's copies with a copy-ridge trust (`fourier`, `augment`; solved on
  /// the augmented rows, every (λ, ε²) from one pass); M is capped at N (`nil`: ⌈20√N⌉).
  public var solver: SolverRequest = .dense
  /// The planner that `.automatic` consults (calibration, memory and time budgets per fit): the
  /// exact solver while its estimate fits both budgets, else Nyström if it fits the memory budget
  /// (whatever its predicted time: the time budget steers the choice, it does not skip sizes).
  public var planner = SolverPlanner()
  /// How Nyström solves its normal equations. Default `NystromSolveMethod.direct`: exact at the
  /// small ridges (1e-8, 1e-10) that noise-free studies choose, where conjugate gradients stall.
  public var nystromMethod: NystromSolveMethod = .direct
  /// How Nyström chooses its centres (default uniform).
  public var centreSampling: CentreSampling = .uniform
  /// Which of the M centres Nyström keeps (`CentreRank`; default `.all`).
  public var centreRank: CentreRank = .all

  /// A model with `grid` and, optionally, a symmetry with its route; everything else at its
  /// default (Gaussian-kernel KRR, full trust, no baseline).
  ///
  /// ```swift
  /// let c3Kernel = try Variant(name: "c3-kernel", summary: "C₃ by the sum kernel",
  ///                            model: VariantModel(grid: grid, symmetry: c3, route: .sumKernel))
  /// ```
  public init(grid: HyperparameterGrid, symmetry: (any LabelSymmetry)? = nil, route: SymmetryRoute = .sumKernel) {
    self.grid = grid
    self.symmetry = symmetry
    self.route = route
  }

  /// |G| for reports: 1 without a symmetry, the order of a finite group (times the exact group's),
  /// the number of copies of a continuous group augmented by Haar samples, 0 for a continuous group
  /// used through a kernel.
  public var groupOrder: Int {
    let exact = exactSymmetry?.order ?? 1
    switch symmetry {
    case nil: return exact
    case let finite as any FiniteLabelSymmetry: return finite.order * exact
    default: return route == .augment ? haarCopies * exact : 0
    }
  }

  /// Rows the regressor solves per original sample.
  var rowsPerSample: Int {
    guard route == .augment, let symmetry else { return 1 }
    return (symmetry as? any FiniteLabelSymmetry)?.order ?? haarCopies
  }

  /// Problems that make the model unusable, each a phrase naming the value and the next step.
  func problems() -> [String] {
    var problems: [String] = []
    if kernels.isEmpty {
      problems.append("the kernel list is empty; give at least one of \(RadialKernelFamily.names.joined(separator: ", "))")
    }
    if grid.lengthScales.isEmpty || grid.ridges.isEmpty {
      problems.append("the grid has \(grid.lengthScales.count) length scales and \(grid.ridges.count) ridges; give at least one of each")
    }
    if let exactSymmetry {
      if !exactSymmetry.isExact {
        problems.append("the exact symmetry \(exactSymmetry.name) is declared approximate; give it as the symmetry instead")
      }
      if let symmetry, symmetry.dimension != exactSymmetry.dimension {
        problems.append("the exact symmetry acts on \(exactSymmetry.dimension) coordinates but \(symmetry.name) on \(symmetry.dimension); build both for the data's coordinates")
      }
    }
    problems += trust.problems(symmetry: symmetry, route: route)
    if solver != .dense {
      if case .gaussianProcess = regressor {
        problems.append("a Gaussian process is solved densely; use solver 'dense' or the KRR regressor for Nyström")
      }
      let copies: Bool
      switch trust {
      case .full, .copyRidge, .copyRidges: copies = (route == .fourier || route == .augment) && symmetry is any FiniteLabelSymmetry
      case .sectorWeights: copies = false
      }
      if symmetry != nil && !copies && (trust != .full || (route != .sumKernel && route != .haarKernel)) {
        problems.append("solver Nyström takes a symmetry through a symmetric kernel at full trust (route 'kernel' or 'haar') or as copies with a copy ridge (route 'fourier' or 'augment', a finite group), not route '\(route.configurationName)'\(trust == .full ? "" : " with this trust"); use solver 'dense' for this variant")
      }
      switch solver {
      case .nystrom(let m?) where m < 1, .automatic(let m?) where m < 1:
        problems.append("the number of Nyström centres is \(m); use at least 1 (it is capped at N)")
      default: break
      }
    }
    if let baseline, let symmetry, baseline.baseline.dimension != symmetry.dimension {
      problems.append("the baseline acts on \(baseline.baseline.dimension) coordinates but \(symmetry.name) on \(symmetry.dimension)")
    }
    if case .gaussianProcess(let restarts) = regressor {
      if restarts < 0 { problems.append("the Gaussian process has \(restarts) restarts; use 0 or more") }
      if symmetry != nil && route == .augment {
        problems.append("a Gaussian process cannot use route augment; use 'fourier' for sign flips (the same augmented process by |G| solves of size N), the sum kernel ('kernel') or the Haar kernel ('haar')")
      }
      switch trust {
      case .copyRidge, .copyRidges:
        problems.append("a Gaussian process has no per-copy ridge: on route 'fourier' it trusts the symmetry fully; use full trust, sector weights on the kernel route ('kernel', fitted by the marginal likelihood), or KRR for a copy-ridge search")
      case .full, .sectorWeights:
        break
      }
    }
    return problems
  }

  /// The baseline settings to try: "none" and/or the baseline.
  var baselineChoices: [String] {
    guard let baseline else { return ["none"] }
    return baseline.isOptional ? ["none", baseline.name] : [baseline.name]
  }

  /// The trusts of the first stage.
  var extremeTrusts: [String] {
    switch (trust, regressor) {
    case (.full, _): ["full"]
    case (.copyRidge, _): ["soft"]
    case (.sectorWeights, .gaussianProcess): ["weights"]
    case (.copyRidges, _), (.sectorWeights, _): ["full", "none"]
    }
  }

  /// First-stage candidates. KRR: every (family, ℓ, λ, baseline, extreme trust); GP: every
  /// (family, baseline, trust).
  var candidates: [HyperparameterSet] {
    var all: [HyperparameterSet] = []
    for family in kernels {
      for base in baselineChoices {
        for trust in extremeTrusts {
          var choices = ["kernel": family.rawValue]
          if baseline != nil { choices["baseline"] = base }
          if self.trust != .full { choices["trust"] = trust }
          var fixed: [String: Double] = [:]
          if case .copyRidge(let e) = self.trust { fixed["copy_ridge"] = e }
          switch regressor {
          case .kernelRidge:
            for s in grid.lengthScales {
              for r in grid.ridges {
                all.append(HyperparameterSet(numbers: fixed.merging(["length_scale": s, "ridge": r]) { $1 }, choices: choices))
              }
            }
          case .gaussianProcess:
            all.append(HyperparameterSet(choices: choices))
          }
        }
      }
    }
    return all
  }

  /// The second stage: intermediate trusts at every ridge, at the (family, ℓ, baseline) of the best
  /// first-stage candidate.
  func refine(_ scored: [(candidate: HyperparameterSet, validationMAE: Double)]) -> [HyperparameterSet] {
    guard case .kernelRidge = regressor else { return [] }
    switch trust {
    case .full, .copyRidge: return []
    case .copyRidges, .sectorWeights: break
    }
    guard let anchor = scored.filter({ $0.validationMAE.isFinite }).min(by: { $0.validationMAE < $1.validationMAE })?.candidate
    else { return [] }
    var refined: [HyperparameterSet] = []
    for intermediate in trust.intermediateSettings(symmetry: symmetry) {
      for r in grid.ridges {
        var c = anchor
        c["ridge"] = r
        c.choices["trust"] = intermediate.name
        for (k, v) in intermediate.numbers { c[k] = v }
        refined.append(c)
      }
    }
    return refined
  }
}

/// How far a variant trusts its symmetry, searched on held-out data.
public enum TrustSearch: Sendable, Hashable {
  /// Trust the symmetry fully (the symmetry as given).
  case full
  /// A fixed copy ridge ε² > 0 on the non-identity copies (no search). Routes `.fourier` and
  /// `.augment`.
  case copyRidge(Double)
  /// Copies carry the ridge λ + ε²; ε² chosen among 0 (full), these intermediate values and +∞
  /// (none). Routes `.fourier` and `.augment`. Values are in kernel units, like λ: a copy-label
  /// error e on labels of amplitude A is about ε² = (e/A)².
  case copyRidges([Double])
  /// Character-weighted kernel over a sign-flip group: each flipped coordinate c gets a weight
  /// b_c among 0 (full), these intermediate values and 1 (none), and sector s the weight
  /// Π_{c odd in s} b_c (a product prior: independent evidence per coordinate). Route `.sumKernel`.
  /// With a Gaussian process the b_c are fitted by the marginal likelihood instead.
  case sectorWeights([Double])

  /// The default intermediate copy ridges (kernel units).
  public static let defaultCopyRidges: [Double] = [1e-6, 1e-4, 1e-2, 1]
  /// The default intermediate per-coordinate sector weights.
  public static let defaultSectorWeights: [Double] = [0.01, 0.1]

  func problems(symmetry: (any LabelSymmetry)?, route: SymmetryRoute) -> [String] {
    switch self {
    case .full: return []
    case .copyRidge(let e):
      var p: [String] = []
      if route != .fourier && route != .augment {
        p.append("a copy ridge needs the augmented copies (route 'fourier' or 'augment'), not route '\(route.configurationName)'")
      }
      if !(e.isFinite && e > 0) { p.append("the copy ridge \(e) is not a finite number > 0") }
      return p
    case .copyRidges(let values):
      var p: [String] = []
      if symmetry == nil { p.append("a copy-ridge search needs a symmetry") }
      if route != .fourier && route != .augment {
        p.append("a copy-ridge search needs the augmented copies (route 'fourier' or 'augment'), not route '\(route.configurationName)'")
      }
      if let bad = values.first(where: { !($0.isFinite && $0 > 0) }) {
        p.append("the intermediate copy ridge \(bad) is not a finite number > 0 (0 and ∞ are always tried)")
      }
      return p
    case .sectorWeights(let values):
      var p: [String] = []
      if symmetry?.signFlipCoordinates == nil || !(symmetry is any FiniteLabelSymmetry) {
        p.append("sector weights need a sign-flip symmetry ('signs:…' or 'reflection:…')")
      }
      if route != .sumKernel { p.append("sector weights use the kernel route ('kernel'), not '\(route.configurationName)'") }
      if let bad = values.first(where: { !($0.isFinite && $0 > 0 && $0 < 1) }) {
        p.append("the intermediate sector weight \(bad) is not in (0, 1) (0 and 1 are always tried)")
      }
      return p
    }
  }

  /// The second-stage settings: a trust name and its numbers.
  func intermediateSettings(symmetry: (any LabelSymmetry)?) -> [(name: String, numbers: [String: Double])] {
    switch self {
    case .full, .copyRidge: return []
    case .copyRidges(let values): return values.map { ("soft", ["copy_ridge": $0]) }
    case .sectorWeights(let values):
      let coordinates = symmetry?.signFlipCoordinates ?? []
      let levels = [0.0] + values + [1.0]
      var settings: [(String, [String: Double])] = []
      var index = [Int](repeating: 0, count: coordinates.count)
      while true {
        let b = index.map { levels[$0] }
        if !(b.allSatisfy { $0 == 0 } || b.allSatisfy { $0 == 1 }) {
          settings.append(("weights", Dictionary(uniqueKeysWithValues: zip(coordinates, b).map { ("weight_\($0)", $1) })))
        }
        var k = 0
        while k < index.count { index[k] += 1; if index[k] < levels.count { break }; index[k] = 0; k += 1 }
        if k == index.count { break }
      }
      return settings
    }
  }

  /// Per-sector weights of a sign-flip group with per-coordinate weights b_c (bit i of sector s
  /// odd in coordinate `coordinates[i]`).
  static func sectorWeights(coordinates: [Int], perCoordinate b: [Int: Double]) -> [Double] {
    (0..<(1 << coordinates.count)).map { s in
      coordinates.enumerated().reduce(1.0) { w, pair in (s >> pair.offset) & 1 == 1 ? w * (b[pair.element] ?? 1) : w }
    }
  }
}

extension Variant {
  /// A variant that learns as `model` says, choosing its hyperparameters on held-out data (in two
  /// stages when the trust is searched, see ``VariantModel``).
  ///
  /// - Parameters:
  ///   - name: Short machine name, used in reports.
  ///   - summary: One line for people.
  ///   - model: How the variant learns.
  ///   - diagnostics: the symmetry's label-error diagnostics, to report the predicted floor.
  /// - Throws: ``LearningCurvesError`` `.invalidConfiguration` listing every problem of the model
  ///   (an empty kernel list or grid, a route the regressor or trust cannot use, a symmetry the
  ///   route cannot take).
  public init(name: String, summary: String, model: VariantModel,
              diagnostics: SymmetryDiagnostics? = nil) throws(LearningCurvesError) {
    var problems = model.problems()
    if let symmetry = model.symmetry, problems.isEmpty {
      for family in model.kernels {
        do {
          try Self.checkRoute(family.kernel(lengthScale: model.grid.lengthScales[0]), model: model, symmetry: symmetry)
        } catch {
          problems.append("\(symmetry.name) cannot use route '\(model.route.configurationName)' with the \(family) kernel: \(error.message)")
        }
      }
    }
    if !problems.isEmpty {
      let phrases = problems.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
      throw LearningCurvesError(.invalidConfiguration,
        "Variant '\(name)' cannot be built: " + phrases.joined(separator: "; ") + ".")
    }
    var refine: (@Sendable ([(candidate: HyperparameterSet, validationMAE: Double)]) -> [HyperparameterSet])? = nil
    switch model.trust {
    case .full, .copyRidge: break
    case .copyRidges, .sectorWeights: refine = { scored in model.refine(scored) }
    }
    self.init(name: name, summary: summary, groupOrder: model.groupOrder, candidates: model.candidates,
              predictedFloor: diagnostics?.predictedFloor, expectedLabelError: diagnostics?.meanAbsoluteError,
              inputDimension: model.symmetry?.dimension ?? model.exactSymmetry?.dimension,
              refineCandidates: refine) { train, candidates in
      try ModelFitter(model: model).fit(train, candidates)
    }
    formsSquareKernelMatrices = model.solver == .dense
  }

  fileprivate static func checkRoute<K: Kernel>(_ kernel: K, model: VariantModel, symmetry: any LabelSymmetry) throws(SymmetryError) {
    if case .sectorWeights = model.trust { return }
    let trust: SymmetryTrust
    switch model.trust {
    case .full, .sectorWeights: trust = .full
    case .copyRidge(let e): trust = .copyRidge(e)
    case .copyRidges(let values): trust = .copyRidge(values.first ?? 1)
    }
    _ = try SymmetricKernelRidge(kernel: kernel, ridge: model.grid.ridges[0], symmetry: symmetry, route: model.route,
                                 trust: trust)
  }
}

/// Fits a ``VariantModel``'s candidates together: one group per (family, ℓ, baseline, trust kind),
/// sharing the kernel blocks and factorisations of a group between its ridges and copy ridges.
struct ModelFitter: Sendable {
  let model: VariantModel

  func fit(_ train: Dataset, _ candidates: [HyperparameterSet]) throws -> [Result<FittedVariant, any Error>] {
    var results = [Result<FittedVariant, any Error>?](repeating: nil, count: candidates.count)
    var groups: [String: [Int]] = [:]
    var order: [String] = []
    for (i, c) in candidates.enumerated() {
      var key = "\(c.choice("kernel") ?? "")|\(c["length_scale"] ?? .nan)|\(c.choice("baseline") ?? "none")"
      switch c.choice("trust") {
      case "weights"?: key += "|" + c.numbers.filter { $0.key.hasPrefix("weight_") }.sorted { $0.key < $1.key }.map { "\($0.value)" }.joined(separator: ",")
      case let t?: key += t == "soft" || t == "full" || t == "none" ? "|copies" : "|\(t)"
      case nil: break
      }
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(i)
    }
    for key in order {
      let members = groups[key]!
      do {
        let fitted = try fitGroup(train, members.map { candidates[$0] })
        for (m, r) in zip(members, fitted) { results[m] = r }
      } catch {
        for m in members { results[m] = .failure(error) }
      }
    }
    return results.map { $0! }
  }

  /// One group: same family, ℓ, baseline and trust kind.
  func fitGroup(_ train: Dataset, _ group: [HyperparameterSet]) throws -> [Result<FittedVariant, any Error>] {
    let first = group[0]
    let family = try RadialKernelFamily(name: first.choice("kernel") ?? "gaussian")
    var labels = train.labels
    var baseline: (any Baseline)? = nil
    var offset = 0.0
    var symmetry = model.symmetry
    if let option = model.baseline, first.choice("baseline") == option.name {
      // Learn the residual y − b(x), centred (a kernel model should not spend itself on a constant).
      baseline = option.baseline
      let b = try option.baseline.values(at: train.inputs)
      labels = zip(labels, b).map { $0 - $1 }
      offset = labels.reduce(0, +) / Double(max(labels.count, 1))
      labels = labels.map { $0 - offset }
      symmetry = option.residualSymmetry ?? model.symmetry
    }
    let residual = try Dataset(inputs: train.inputs, labels: labels)
    let fitted: [Result<FittedVariant, any Error>]
    switch model.regressor {
    case .kernelRidge:
      let kernel = family.kernel(lengthScale: first["length_scale"]!)
      fitted = try withExactKernel(kernel) { k in try fitKernelRidge(k, residual, group, symmetry: symmetry) }
    case .gaussianProcess(let restarts):
      let start = geometricMiddle(model.grid.lengthScales)
      fitted = group.map { _ in
        Result { try withExactKernel(family.kernel(lengthScale: start)) { k in try fitProcess(k, residual, symmetry: symmetry, restarts: restarts) } }
      }
    }
    guard let baseline else { return fitted }
    let residualMean = offset
    return fitted.map { result in
      result.map { f in
        var shifted = f
        let predict = f.predict
        shifted.predict = { x in zip(try predict(x), try baseline.values(at: x)).map { $0 + $1 + residualMean } }
        if let probabilistic = f.predictWithStandardDeviation {
          shifted.predictWithStandardDeviation = { x in
            let (m, s) = try probabilistic(x)
            return (zip(m, try baseline.values(at: x)).map { $0 + $1 + residualMean }, s)
          }
        }
        return shifted
      }
    }
  }

  // MARK: Kernels

  /// Calls `body` with the kernel, wrapped in the exact symmetry's sum kernel when there is one.
  func withExactKernel<K: Kernel, R>(_ kernel: K, _ body: (any Kernel) throws -> R) throws -> R {
    guard let exact = model.exactSymmetry else { return try body(kernel) }
    return try body(try symmetrized(kernel, exact))
  }

  private func symmetrized<K: Kernel, S: FiniteLabelSymmetry>(_ base: K, _ s: S) throws -> any Kernel {
    try SymmetrizedKernel(base, symmetry: s)
  }

  // MARK: Kernel ridge regression

  func fitKernelRidge(_ kernel: any Kernel, _ train: Dataset, _ group: [HyperparameterSet],
                      symmetry: (any LabelSymmetry)?) throws -> [Result<FittedVariant, any Error>] {
    try fitKernelRidgeOpened(kernel, train, group, symmetry: symmetry)
  }

  private func fitKernelRidgeOpened<K: Kernel>(_ kernel: K, _ train: Dataset, _ group: [HyperparameterSet],
                                               symmetry: (any LabelSymmetry)?) throws -> [Result<FittedVariant, any Error>] {
    let ridges = unique(group.map { $0["ridge"]! })
    let trust = group[0].choice("trust")
    func wrap(_ model: any Predictor, rows: Int) -> FittedVariant {
      FittedVariant(trainingRows: rows) { try model.predict($0) }
    }
    // No symmetry used: plain KRR, one Gram matrix for every ridge, and one cross-kernel matrix per
    // set of inputs predicted (the validation set) shared by the ridges' models.
    if symmetry == nil || trust == "none" && !group.contains(where: { $0.choice("trust") != "none" }) {
      if let centres = try nystromCentres(train, ridges: ridges.count) {
        return try fitNystrom(kernel, train, group, ridges: ridges, centres: centres)
      }
      let fits = KernelRidgeRegression(kernel: kernel, ridge: ridges[0]).fit(train.inputs, train.labels, ridges: ridges)
      let shared = SharedCrossKernel(kernel: kernel, trainingInputs: train.inputs)
      return group.map { c in
        fits[ridges.firstIndex(of: c["ridge"]!)!].map { fitted in
          FittedVariant(trainingRows: train.count,
                        fittedHyperparameters: model.solver == .dense ? [:] : HyperparameterSet(choices: ["solver": "dense"])) { x in
            try shared.predict(x, fitted)
          }
        }.mapError { $0 as any Error }
      }
    }
    let symmetry = symmetry!
    if trust == nil && (model.route == .sumKernel || model.route == .haarKernel) {
      // Full trust through a symmetric kernel: the sum or Haar kernel is an ordinary kernel, so its
      // Gram matrix (|G| blocks, or a quadrature per entry about an axis) is built once for every ridge.
      return try fitKernelRidge(try symmetricKernel(kernel, symmetry), train, group, symmetry: nil)
    }
    if trust == "weights" {
      let coordinates = symmetry.signFlipCoordinates ?? []
      let perCoordinate = Dictionary(uniqueKeysWithValues: coordinates.map { ($0, group[0]["weight_\($0)"] ?? 1) })
      let weights = TrustSearch.sectorWeights(coordinates: coordinates, perCoordinate: perCoordinate)
      let weighted = try characterWeighted(kernel, symmetry, weights)
      return try fitKernelRidge(weighted, train, group, symmetry: nil)
    }
    if case .sectorWeights = model.trust {
      // The extremes of a sector-weight search: all weights 0 (full: the invariant kernel) or 1 (none).
      let full = group.filter { $0.choice("trust") == "full" }, none = group.filter { $0.choice("trust") == "none" }
      var byCandidate: [HyperparameterSet: Result<FittedVariant, any Error>] = [:]
      if !full.isEmpty {
        let coordinates = symmetry.signFlipCoordinates ?? []
        let weights = TrustSearch.sectorWeights(coordinates: coordinates, perCoordinate: Dictionary(uniqueKeysWithValues: coordinates.map { ($0, 0.0) }))
        for (c, r) in zip(full, try fitKernelRidge(try characterWeighted(kernel, symmetry, weights), train, full, symmetry: nil)) { byCandidate[c] = r }
      }
      if !none.isEmpty {
        for (c, r) in zip(none, try fitKernelRidge(kernel, train, none, symmetry: nil)) { byCandidate[c] = r }
      }
      return group.map { byCandidate[$0]! }
    }
    // Route with copies: every (λ, ε²) of the group in one grid.
    func copyRidge(_ c: HyperparameterSet) -> Double {
      switch c.choice("trust") {
      case "none"?: .infinity
      case "soft"?: c["copy_ridge"]!
      default: 0
      }
    }
    let copyRidges = unique(group.map(copyRidge))
    if let m = try nystromCentres(train, ridges: ridges.count * copyRidges.count),
       let finite = symmetry as? any FiniteLabelSymmetry {
      // Nyström on the augmented rows: every (λ, ε²) from one pass (NystromKernelRidge.fitCopyRidgeGrid).
      var settings = NystromKernelRidge(kernel: kernel, ridge: ridges.min()!, centres: m, sampling: model.centreSampling,
                                        seed: model.seed)
      settings.method = .direct
      settings.centreRank = model.centreRank
      let grid = try settings.fitCopyRidgeGrid(train.inputs, train.labels, symmetry: finite, ridges: ridges,
                                               copyRidges: copyRidges)
      return group.map { c in
        let e = copyRidge(c)
        let fitted = grid[ridges.firstIndex(of: c["ridge"]!)!][copyRidges.firstIndex(of: e)!]
        var values = HyperparameterSet(numbers: ["centres": Double(m)], choices: ["solver": "nystrom"])
        if fitted.report.centreCount < m { values["centres_kept"] = Double(fitted.report.centreCount) }
        return .success(FittedVariant(trainingRows: e == .infinity ? train.count : train.count * finite.order,
                                      fittedHyperparameters: values) { x in try fitted.predict(x) })
      }
    }
    let solver = try SymmetricKernelRidge(kernel: kernel, ridge: ridges[0], symmetry: symmetry, route: model.route,
                                          haarCopies: model.haarCopies, seed: model.seed)
    let grid = try solver.fitGrid(train.inputs, train.labels, ridges: ridges, copyRidges: copyRidges)
    return group.map { c in
      let e = copyRidge(c)
      let rows = e == .infinity ? train.count : train.count * model.rowsPerSample
      return .success(wrap(grid[ridges.firstIndex(of: c["ridge"]!)!][copyRidges.firstIndex(of: e)!], rows: rows))
    }
  }

  // MARK: Nyström

  /// M when the model's solver takes Nyström for `train` (the planner's choice under `.automatic`),
  /// `nil` for the dense solve.
  private func nystromCentres(_ train: Dataset, ridges: Int) throws -> Int? {
    let requested: Int?
    switch model.solver {
    case .dense: return nil
    case .nystrom(let m): requested = m
    case .automatic(let m): requested = m
    }
    let m = min(requested ?? NystromKernelRidge<GaussianKernel>.suggestedCentres(samples: train.count), train.count)
    guard case .automatic = model.solver else { return m }
    let calls = model.symmetry == nil || model.route == .sumKernel ? max(model.groupOrder, 1) : (model.exactSymmetry?.order ?? 1)
    let problem = PlanningProblem(samples: train.count, dimension: train.inputs.columns, groupOrder: calls,
                                  route: calls > 1 ? .sumKernel : nil, ridges: ridges)
    // The exact solver while it fits both budgets; else Nyström, which must fit the memory budget
    // (the time budget steers the choice only: a study runs every size).
    if model.planner.exactEstimate(problem).fits { return nil }
    let nystrom = model.planner.nystromEstimate(problem, centres: m, method: model.nystromMethod)
    if nystrom.peakBytes > model.planner.memoryBudget {
      _ = try model.planner.plan(problem, request: .nystrom(centres: m), method: model.nystromMethod)  // throws, with the numbers
    }
    return m
  }

  /// Nyström fits of one (family, ℓ) group, one per ridge, sharing the centres and the pass over
  /// K_nm; a ridge whose fit fails (CG at its cap) fails alone.
  private func fitNystrom<K: Kernel>(_ kernel: K, _ train: Dataset, _ group: [HyperparameterSet], ridges: [Double],
                                     centres m: Int) throws -> [Result<FittedVariant, any Error>] {
    var settings = NystromKernelRidge(kernel: kernel, ridge: ridges.min()!, centres: m, sampling: model.centreSampling,
                                      seed: model.seed)
    settings.method = model.nystromMethod
    settings.centreRank = model.centreRank
    var byRidge: [Double: Result<FittedNystrom<K>, any Error>] = [:]
    let together = Result { () throws(RegressionError) in try settings.fit(train.inputs, train.labels, ridges: ridges) }
    switch together {
    case .success(let fits):
      for (r, f) in zip(ridges, fits) { byRidge[r] = .success(f) }
    case .failure(let error):
      guard error.code == .didNotConverge && ridges.count > 1 else { throw error }
      for r in ridges {
        settings.ridge = r
        byRidge[r] = Result { try settings.fit(train.inputs, train.labels) }
      }
    }
    let record = HyperparameterSet(numbers: ["centres": Double(m)], choices: ["solver": "nystrom"])
    return group.map { c in
      byRidge[c["ridge"]!]!.map { fitted in
        var values = record
        if fitted.report.centreCount < m { values["centres_kept"] = Double(fitted.report.centreCount) }
        if fitted.report.iterations > 0 { values["cg_iterations"] = Double(fitted.report.iterations) }
        return FittedVariant(trainingRows: train.count, fittedHyperparameters: values) { x in try fitted.predict(x) }
      }
    }
  }

  /// The sum kernel (route `.sumKernel`) or the Haar-averaged kernel (route `.haarKernel`) of `kernel`.
  private func symmetricKernel<K: Kernel>(_ kernel: K, _ symmetry: any LabelSymmetry) throws -> any Kernel {
    switch (symmetry, model.route) {
    case (let finite as any FiniteLabelSymmetry, .sumKernel):
      return try symmetrized(kernel, finite)
    case (_, .haarKernel):
      guard let averageable = kernel as? any HaarAverageableKernel else {
        throw LearningCurvesError(.invalidConfiguration,
          "The Haar route needs a Gaussian, Laplacian or Matérn kernel, not one wrapped in an exact symmetry's sum kernel.")
      }
      return try haarAveraged(averageable, symmetry)
    default:
      throw LearningCurvesError(.invalidConfiguration,
        "\(symmetry.name) cannot use route \(model.route.configurationName) through a symmetric kernel.")
    }
  }

  private func haarAveraged<B: HaarAverageableKernel>(_ base: B, _ s: any LabelSymmetry) throws -> any Kernel {
    try HaarAveragedKernel(base, symmetry: s)
  }

  private func characterWeighted<K: Kernel>(_ kernel: K, _ symmetry: any LabelSymmetry, _ weights: [Double]) throws -> any Kernel {
    guard let finite = symmetry as? any FiniteLabelSymmetry else {
      throw LearningCurvesError(.invalidConfiguration, "Sector weights need a finite sign-flip symmetry, not \(symmetry.name).")
    }
    return try characterWeightedOpened(kernel, finite, weights)
  }

  private func characterWeightedOpened<K: Kernel, S: FiniteLabelSymmetry>(_ kernel: K, _ s: S, _ weights: [Double]) throws -> any Kernel {
    try CharacterWeightedKernel(kernel, symmetry: s, sectorWeights: weights)
  }

  // MARK: Gaussian process

  func fitProcess(_ kernel: any Kernel, _ train: Dataset, symmetry: (any LabelSymmetry)?, restarts: Int) throws -> FittedVariant {
    try fitProcessOpened(kernel, train, symmetry: symmetry, restarts: restarts)
  }

  private func fitProcessOpened<K: Kernel>(_ kernel: K, _ train: Dataset, symmetry: (any LabelSymmetry)?,
                                           restarts: Int) throws -> FittedVariant {
    let noise = geometricMiddle(model.grid.ridges)
    guard let symmetry else { return try process(kernel, train, noise: noise, restarts: restarts) }
    if case .sectorWeights(let values) = model.trust {
      let coordinates = symmetry.signFlipCoordinates ?? []
      let start = geometricMiddle(values.isEmpty ? [0.1] : values)
      var w = TrustSearch.sectorWeights(coordinates: coordinates, perCoordinate: Dictionary(uniqueKeysWithValues: coordinates.map { ($0, start) }))
      w[0] = 1
      return try processErased(try characterWeightedFree(kernel, symmetry, w), train, noise: noise, restarts: restarts)
    }
    switch (symmetry, model.route) {
    case (is any FiniteLabelSymmetry, .sumKernel):
      return try processErased(try symmetricKernel(kernel, symmetry), train, noise: noise, restarts: restarts)
    case (let finite as any FiniteLabelSymmetry, .fourier):
      return try fourierProcess(kernel, finite, train, noise: noise, restarts: restarts)
    case (_, .haarKernel):
      return try processErased(try symmetricKernel(kernel, symmetry), train, noise: noise, restarts: restarts)
    default:
      throw LearningCurvesError(.invalidConfiguration,
        "A Gaussian process cannot use \(symmetry.name) through route \(model.route.configurationName); use the sum kernel ('kernel'), the Haar kernel ('haar') or, for sign flips, 'fourier'.")
    }
  }

  /// The character-weighted kernel with the even sector fixed at 1 (so the weights do not repeat
  /// the signal variance) and the others free for the marginal likelihood.
  private func characterWeightedFree<K: Kernel>(_ kernel: K, _ symmetry: any LabelSymmetry, _ w: [Double]) throws -> any Kernel {
    guard let finite = symmetry as? any FiniteLabelSymmetry else {
      throw LearningCurvesError(.invalidConfiguration, "Sector weights need a finite sign-flip symmetry, not \(symmetry.name).")
    }
    return try characterWeightedFreeOpened(kernel, finite, w)
  }

  private func characterWeightedFreeOpened<K: Kernel, S: FiniteLabelSymmetry>(_ kernel: K, _ s: S, _ w: [Double]) throws -> any Kernel {
    let table = try CharacterTable(signFlips: s)
    let weights = w.enumerated().map { i, value in
      SectorWeight(name: table.sectors[i].name, sectors: [i], value: value, bounds: 1e-6...1, isFixed: i == 0)
    }
    return try CharacterWeightedKernel(kernel, symmetry: s, table: table, weights: weights)
  }

  private func processErased(_ kernel: any Kernel, _ train: Dataset, noise: Double, restarts: Int) throws -> FittedVariant {
    try process(kernel, train, noise: noise, restarts: restarts)
  }

  /// The Gaussian process every GP variant starts from: c = 1, the noise level `noise` (bounds
  /// 1e-12…1 on normalised labels), labels normalised, the model's restarts and seed.
  private func processSettings<K: Kernel>(_ kernel: K, noise: Double, restarts: Int) -> GaussianProcessRegression<K> {
    var gp = GaussianProcessRegression(kernel: kernel, signalVariance: 1, noiseLevel: noise, normalizesLabels: true,
                                       restarts: restarts, seed: model.seed)
    gp.noiseLevel = Hyperparameter(name: "noiseLevel", value: noise, bounds: 1e-12...1)
    return gp
  }

  private func process<K: Kernel>(_ kernel: K, _ train: Dataset, noise: Double, restarts: Int) throws -> FittedVariant {
    let fitted = try processSettings(kernel, noise: noise, restarts: restarts).fit(train.inputs, train.labels)
    return Self.variant(rows: train.count, hyperparameters: fitted.hyperparameters, predict: { try fitted.predict($0) },
                        predictWithStandardDeviation: { try fitted.predictWithStandardDeviation($0) })
  }

  /// The Gaussian process on the sign-flip-augmented set by the group-Fourier solve (full trust):
  /// hyperparameters by the augmented likelihood, which counts each sample |G| times.
  private func fourierProcess<K: Kernel>(_ kernel: K, _ s: any FiniteLabelSymmetry, _ train: Dataset, noise: Double,
                                         restarts: Int) throws -> FittedVariant {
    try fourierProcessOpened(kernel, s, train, noise: noise, restarts: restarts)
  }

  private func fourierProcessOpened<K: Kernel, S: FiniteLabelSymmetry>(_ kernel: K, _ s: S, _ train: Dataset, noise: Double,
                                                                      restarts: Int) throws -> FittedVariant {
    let solver = try GroupFourierSolver(kernel: kernel, ridge: noise, symmetry: s)
    let fitted = try solver.fit(process: processSettings(kernel, noise: noise, restarts: restarts), inputs: train.inputs,
                                labels: train.labels)
    return Self.variant(rows: train.count, hyperparameters: fitted.hyperparameters, predict: { try fitted.predict($0) },
                        predictWithStandardDeviation: { try fitted.predictWithStandardDeviation($0) })
  }

  /// A fitted probabilistic model as a ``FittedVariant``, its hyperparameters in report names.
  private static func variant(rows: Int, hyperparameters: [Hyperparameter], predict: @escaping Variant.PredictFunction,
                              predictWithStandardDeviation: @escaping @Sendable (Matrix) throws -> (mean: [Double], standardDeviation: [Double]))
    -> FittedVariant {
    var values = HyperparameterSet()
    for h in hyperparameters { values[reportName(h.name)] = h.value }
    return FittedVariant(trainingRows: rows, fittedHyperparameters: values,
                         predictWithStandardDeviation: predictWithStandardDeviation, predict: predict)
  }

  /// `lengthScale` → `length_scale`, `weight[odd in q1]` → `weight[odd_in_q1]` (reports use snake case).
  static func reportName(_ name: String) -> String {
    name.reduce(into: "") { out, ch in
      if ch.isUppercase { out += "_" + ch.lowercased() } else if ch == " " { out += "_" } else { out.append(ch) }
    }
  }

  private func geometricMiddle(_ values: [Double]) -> Double {
    let logs = values.map { log($0) }.sorted()
    return exp((logs.first! + logs.last!) / 2)
  }

  private func unique(_ values: [Double]) -> [Double] {
    values.reduce(into: [Double]()) { if !$0.contains($1) { $0.append($1) } }
  }
}

/// The kernel ridge models of one (family, length scale) group — one per ridge, same kernel and
/// training inputs — predicting from one cross-kernel matrix: the matrix of the last inputs
/// predicted is kept, so the validation set costs one kernel evaluation per group instead of one per
/// ridge (a Haar kernel about an axis spends about 20 profile evaluations per entry).
final class SharedCrossKernel<K: Kernel>: @unchecked Sendable {
  let kernel: K
  let trainingInputs: Matrix
  private let lock = NSLock()
  private var last: (inputs: Matrix, cross: Matrix)?

  init(kernel: K, trainingInputs: Matrix) {
    self.kernel = kernel
    self.trainingInputs = trainingInputs
  }

  /// k(x, X) α for `fitted`, a model on ``trainingInputs`` with ``kernel``; inputs the model would
  /// refuse (another dimension, non-finite entries) go to its own `predict`, which throws.
  func predict(_ x: Matrix, _ fitted: FittedKernelRidge<K>) throws -> [Double] {
    guard x.columns == trainingInputs.columns, x.rows > 0, x.isFinite else { return try fitted.predict(x) }
    lock.lock()
    defer { lock.unlock() }
    if let last, last.inputs.rows == x.rows, last.inputs.elements == x.elements {
      return last.cross * fitted.dualCoefficients
    }
    let cross = kernel.crossMatrix(x, trainingInputs)
    last = (x, cross)
    return cross * fitted.dualCoefficients
  }
}
