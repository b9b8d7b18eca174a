import Datasets
import Foundation
import LinearAlgebra
import Regression
import Symmetries

/// How a variant learns, as data: the regressor and its kernel families, the hyperparameter grid,
/// and the symmetry with the route it takes.
///
/// ``Variant/init(name:summary:model:diagnostics:)`` turns a model into a variant whose
/// candidates are every combination of kernel family × length scale × ridge (kernel ridge
/// regression), or one candidate per kernel family (a Gaussian process, whose length scale,
/// signal variance and noise are fitted by the marginal likelihood), and which fits them together,
/// sharing the kernel matrix of a length scale between its ridges.
///
/// ```swift
/// var model = VariantModel(grid: HyperparameterGrid(lengthScales: [0.2, 0.4, 0.8], ridges: [1e-8, 1e-6]))
/// model.kernels = [.gaussian, .laplacian]             // the family is chosen on validation too
/// model.symmetry = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
/// model.route = .sumKernel
/// let variant = try Variant(name: "sign-flips", summary: "Z2³, sum kernel", model: model)
/// variant.candidates.count                             // 2 families × 3 × 2 = 12
/// ```
public struct VariantModel: Sendable {
  /// The regressor.
  public enum Regressor: Sendable, Hashable {
    /// Kernel ridge regression; (family, ℓ, λ) chosen on validation.
    case kernelRidge
    /// An exact Gaussian process with signal variance, length scale and noise level fitted by the
    /// marginal likelihood (`restarts` extra seeded starts); the family is chosen on validation.
    case gaussianProcess(restarts: Int)
  }

  /// The regressor (kernel ridge regression by default).
  public var regressor: Regressor = .kernelRidge
  /// The kernel families to choose from (at least one; `[.gaussian]` by default).
  public var kernels: [RadialKernelFamily] = [.gaussian]
  /// Length scales and ridges (KRR: the candidates; GP: the geometric middles are the starting
  /// values of the optimisation).
  public var grid: HyperparameterGrid
  /// The label symmetry, or `nil` for none.
  public var symmetry: (any LabelSymmetry)?
  /// How the symmetry enters (ignored without one).
  public var route: SymmetryRoute = .sumKernel
  /// Copies (identity included) when augmenting by a continuous group.
  public var haarCopies: Int = 64
  /// Seed of Haar samples and Gaussian-process restarts.
  public var seed: UInt64 = 0

  /// A model with `grid`; everything else at its default (Gaussian-kernel KRR, no symmetry).
  public init(grid: HyperparameterGrid) {
    self.grid = grid
  }

  /// |G| for reports: 1 without a symmetry, the order of a finite group, the number of copies of
  /// a continuous group augmented by Haar samples, 0 for a continuous group used through a kernel.
  public var groupOrder: Int {
    switch symmetry {
    case nil: 1
    case let finite as any FiniteLabelSymmetry: finite.order
    default: route == .augment ? haarCopies : 0
    }
  }

  /// Rows the regressor solves per original sample.
  var rowsPerSample: Int { (route == .augment && symmetry != nil) ? max(groupOrder, 1) : 1 }

  /// Problems that make the model unusable, each a sentence naming the value and the next step.
  func problems() -> [String] {
    var problems: [String] = []
    if kernels.isEmpty {
      problems.append("the kernel list is empty; give at least one of \(RadialKernelFamily.names.joined(separator: ", "))")
    }
    if grid.lengthScales.isEmpty || grid.ridges.isEmpty {
      problems.append("the grid has \(grid.lengthScales.count) length scales and \(grid.ridges.count) ridges; give at least one of each")
    }
    if case .gaussianProcess(let restarts) = regressor {
      if restarts < 0 { problems.append("the Gaussian process has \(restarts) restarts; use 0 or more") }
      if symmetry != nil && (route == .augment || route == .fourier) {
        problems.append("a Gaussian process cannot use route \(route.configurationName) (its likelihood would count each sample |G| times); use the sum kernel ('kernel') or the Haar kernel ('haar')")
      }
    }
    return problems
  }

  /// The candidates: KRR every (family, ℓ, λ); GP one per family.
  var candidates: [HyperparameterSet] {
    switch regressor {
    case .kernelRidge:
      kernels.flatMap { family in
        grid.lengthScales.flatMap { s in
          grid.ridges.map { HyperparameterSet(numbers: ["length_scale": s, "ridge": $0], choices: ["kernel": family.rawValue]) }
        }
      }
    case .gaussianProcess:
      kernels.map { HyperparameterSet(choices: ["kernel": $0.rawValue]) }
    }
  }
}

extension Variant {
  /// A variant that learns as `model` says, choosing its hyperparameters on held-out data.
  ///
  /// - Parameters:
  ///   - diagnostics: the symmetry's label-error diagnostics, to report the predicted floor.
  /// - Throws: ``LearningCurvesError`` `.invalidConfiguration` listing every problem of the model
  ///   (an empty kernel list or grid, a route the regressor cannot use, a symmetry the route
  ///   cannot take).
  public init(name: String, summary: String, model: VariantModel,
              diagnostics: SymmetryDiagnostics? = nil) throws(LearningCurvesError) {
    var problems = model.problems()
    if let symmetry = model.symmetry, problems.isEmpty {
      for family in model.kernels {
        do {
          try Self.checkRoute(family.kernel(lengthScale: model.grid.lengthScales[0]), model: model, symmetry: symmetry)
        } catch {
          problems.append("kernel \(family) with \(symmetry.name) on route \(model.route.configurationName): \(error.message)")
        }
      }
    }
    if !problems.isEmpty {
      throw LearningCurvesError(.invalidConfiguration,
        "Variant '\(name)' cannot be built: " + problems.joined(separator: "; ") + ".")
    }
    self.init(name: name, summary: summary, groupOrder: model.groupOrder, candidates: model.candidates,
              predictedFloor: diagnostics?.predictedFloor, expectedLabelError: diagnostics?.meanAbsoluteError) { train, candidates in
      try ModelFitter(model: model).fit(train, candidates)
    }
  }
}

extension Variant {
  fileprivate static func checkRoute<K: Kernel>(_ kernel: K, model: VariantModel, symmetry: any LabelSymmetry) throws(SymmetryError) {
    _ = try SymmetricKernelRidge(kernel: kernel, ridge: model.grid.ridges[0], symmetry: symmetry, route: model.route)
  }
}

/// Fits a ``VariantModel``'s candidates together.
struct ModelFitter: Sendable {
  let model: VariantModel

  func fit(_ train: Dataset, _ candidates: [HyperparameterSet]) throws -> [Result<FittedVariant, any Error>] {
    switch model.regressor {
    case .kernelRidge: return fitKernelRidge(train, candidates)
    case .gaussianProcess(let restarts): return candidates.map { c in Result { try fitProcess(train, c, restarts: restarts) } }
    }
  }

  // MARK: Kernel ridge regression

  /// Groups the candidates by (family, ℓ) so that one Gram matrix serves every ridge.
  func fitKernelRidge(_ train: Dataset, _ candidates: [HyperparameterSet]) -> [Result<FittedVariant, any Error>] {
    var results = [Result<FittedVariant, any Error>?](repeating: nil, count: candidates.count)
    var groups: [String: [Int]] = [:]
    var order: [String] = []
    for (i, c) in candidates.enumerated() {
      let key = "\(c.choice("kernel") ?? "")|\(c["length_scale"] ?? .nan)"
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(i)
    }
    for key in order {
      let members = groups[key]!
      let first = candidates[members[0]]
      do {
        let family = try RadialKernelFamily(name: first.choice("kernel") ?? "gaussian")
        let kernel = family.kernel(lengthScale: first["length_scale"]!)
        let ridges = members.map { candidates[$0]["ridge"]! }
        let fitted = try fitRidges(kernel, train, ridges: ridges)
        for (m, r) in zip(members, fitted) { results[m] = r }
      } catch {
        for m in members { results[m] = .failure(error) }
      }
    }
    return results.map { $0! }
  }

  /// Fits every ridge with one kernel; plain KRR shares the Gram matrix.
  func fitRidges<K: Kernel>(_ kernel: K, _ train: Dataset, ridges: [Double]) throws -> [Result<FittedVariant, any Error>] {
    let rows = train.count * model.rowsPerSample
    guard let symmetry = model.symmetry else {
      return KernelRidgeRegression(kernel: kernel, ridge: ridges[0]).fit(train.inputs, train.labels, ridges: ridges).map { r in
        r.map { m in FittedVariant(trainingRows: rows) { try m.predict($0) } }.mapError { $0 as any Error }
      }
    }
    return ridges.map { ridge in
      Result {
        let m = try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: symmetry, route: model.route,
                                         haarCopies: model.haarCopies, seed: model.seed)
          .fit(train.inputs, train.labels)
        return FittedVariant(trainingRows: rows) { try m.predict($0) }
      }
    }
  }

  // MARK: Gaussian process

  func fitProcess(_ train: Dataset, _ candidate: HyperparameterSet, restarts: Int) throws -> FittedVariant {
    let family = try RadialKernelFamily(name: candidate.choice("kernel") ?? "gaussian")
    let start = geometricMiddle(model.grid.lengthScales)
    let noise = geometricMiddle(model.grid.ridges)
    let base = family.kernel(lengthScale: start)
    switch (model.symmetry, model.route) {
    case (nil, _):
      return try process(base, train, noise: noise, restarts: restarts)
    case (let finite as any FiniteLabelSymmetry, .sumKernel):
      return try symmetrizedProcess(base, finite, train, noise: noise, restarts: restarts)
    case (let symmetry?, .haarKernel):
      return try haarProcess(base, symmetry, train, noise: noise, restarts: restarts)
    case (let symmetry?, let route):
      throw LearningCurvesError(.invalidConfiguration,
        "A Gaussian process cannot use \(symmetry.name) through route \(route.configurationName); use the sum kernel ('kernel') or the Haar kernel ('haar').")
    }
  }

  private func haarProcess<K: HaarAverageableKernel>(_ base: K, _ s: any LabelSymmetry, _ train: Dataset, noise: Double,
                                                     restarts: Int) throws -> FittedVariant {
    try process(try HaarAveragedKernel(base, symmetry: s), train, noise: noise, restarts: restarts)
  }

  private func symmetrizedProcess<K: Kernel, S: FiniteLabelSymmetry>(_ base: K, _ s: S, _ train: Dataset, noise: Double,
                                                                    restarts: Int) throws -> FittedVariant {
    try process(try SymmetrizedKernel(base, symmetry: s), train, noise: noise, restarts: restarts)
  }

  private func process<K: Kernel>(_ kernel: K, _ train: Dataset, noise: Double, restarts: Int) throws -> FittedVariant {
    var gp = GaussianProcessRegression(kernel: kernel, signalVariance: 1, noiseLevel: noise, normalizesLabels: true,
                                       restarts: restarts, seed: model.seed)
    gp.noiseLevel = Hyperparameter(name: "noiseLevel", value: noise, bounds: 1e-12...1)
    let fitted = try gp.fit(train.inputs, train.labels)
    var values = HyperparameterSet()
    for h in fitted.hyperparameters { values[Self.reportName(h.name)] = h.value }
    let probabilistic: @Sendable (Matrix) throws -> (mean: [Double], standardDeviation: [Double]) = { x in
      try fitted.predictWithStandardDeviation(x)
    }
    return FittedVariant(trainingRows: train.count, fittedHyperparameters: values,
                         predictWithStandardDeviation: probabilistic) { try fitted.predict($0) }
  }

  /// `lengthScale` → `length_scale` (reports use snake case).
  static func reportName(_ name: String) -> String {
    name.reduce(into: "") { out, ch in
      if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
    }
  }

  private func geometricMiddle(_ values: [Double]) -> Double {
    let logs = values.map { log($0) }.sorted()
    return exp((logs.first! + logs.last!) / 2)
  }
}
