import Foundation
public import LinearAlgebra
public import Symmetries

/// Nyström kernel ridge regression that uses a label symmetry, by the same routes as
/// ``SymmetricKernelRidge``: the M centres stay M base centres, and the symmetry enters through the
/// kernel (sum kernel, Haar average) or through centres closed under the group (augmentation).
///
/// ```
/// sumKernel:  Nyström with k_G(x, c) = Σ_g k(x, g·c) and λ                       (|G| kernel calls per entry)
/// haarKernel: Nyström with ⟨k⟩(x, c) = ∫ k(x, R c) dR and λ                       (one closed-form call)
/// fourier:    augmented Nyström, centres {u·c_j} closed under Z2^m, per-copy ridge λ + ε² on g ≠ e:
///             K̂_s = Σ_u χ_s(u) K(X, u·C),  ŷ_s = Σ_g χ_s(g) y_g,  a = λ/(λ + ε²),  c = (1 − a)/|G|
///             Σ_s K̂_sᵀ [a (K̂_s β̂_s − ŷ_s) + c Σ_t (K̂_t β̂_t − ŷ_t)] + λ K̂_C,s β̂_s = 0   (one CG, |G| channels)
///             β_h = (1/|G|) Σ_s χ_s(h) β̂_s,   f(x*) = Σ_h K(x*, h·C) β_h
/// augment:    the augmented set (N|G| rows, ridges λ and λ + ε²) with the closed centres {g·c_j}
/// ```
///
/// Why closed centres: with the centre set invariant under G, the augmented kernel matrices are
/// block-circulant over the group on both sides, so the characters χ_s block-diagonalise them into
/// |G| Nyström problems of N rows and M centres each (the group-Fourier structure of
/// ``GroupFourierSolver``). With one ridge they decouple; a per-copy ridge λ + ε² re-couples them
/// only through the sum over sectors of each row's residual (the weight matrix is a multiple of the
/// identity plus a rank-one term), which the CG product applies row by row at no extra kernel cost.
/// Preconditioner: Falkon's, per sector, from K̂_C,s. Cost per iteration: |G| kernel blocks of N × M
/// (the explicit route needs |G|² of them: N|G| rows × M|G| centres); memory |G| (2 + ridges) M².
///
/// For an exact symmetry with invariant labels and ε² = 0, `sumKernel`, `fourier` and `augment` give
/// the same predictions (only sector 0 is non-zero and K̂_0 = K_G(X, C)), to the CG tolerance.
///
/// - References: arXiv 2605.28238 ("Using a symmetry in a model"); Rudi et al. 2017, arXiv:1705.10958.
public struct SymmetricNystromKernelRidge<K: Kernel>: Sendable {
  /// The Nyström settings: base kernel, ridge λ, M base centres, sampling, CG tolerance, storage, budget.
  public let nystrom: NystromKernelRidge<K>
  /// The symmetry.
  public let symmetry: any LabelSymmetry
  /// The route (`.sumKernel`, `.haarKernel`, `.fourier` or `.augment`).
  public let route: SymmetryRoute
  /// How far the symmetry is trusted: `.full`, `.copyRidge(ε²)` (finite ε² ≥ 0 on the non-identity
  /// copies; routes `.fourier` and `.augment`) or `.none` (plain Nyström on the originals), as
  /// ``SymmetricKernelRidge/trust``. Sector weights belong to a `CharacterWeightedKernel`.
  public let trust: SymmetryTrust

  /// ε² of ``trust`` (0 for `.full`; `.none` never reaches the copies).
  var copyRidge: Double { trust == .none ? 0 : trust.copyRidge ?? 0 }

  /// Prepares a symmetric Nyström fit and checks that the route applies.
  ///
  /// - Parameters:
  ///   - nystrom: The settings (``NystromKernelRidge/centreCount`` counts base centres, at most N).
  ///   - symmetry: A finite or continuous label symmetry.
  ///   - route: `.sumKernel` (exact finite), `.haarKernel` (exact continuous, Gaussian kernel),
  ///     `.fourier` (Z2^m sign flips) or `.augment` (finite).
  ///   - trust: `.full` (default), `.copyRidge(ε²)` with a finite ε² ≥ 0 added to the ridge of every
  ///     non-identity copy (`.fourier`, `.augment`), or `.none`.
  /// - Throws: `SymmetryError.routeNotApplicable` naming the route to use instead (also for sector
  ///   weights); `.kernelNotInvariant`; `.invalidParameter` for a bad ε².
  /// - Complexity: as the checks of ``SymmetricKernelRidge``.
  public init(nystrom: NystromKernelRidge<K>, symmetry: any LabelSymmetry, route: SymmetryRoute,
              trust: SymmetryTrust = .full) throws(SymmetryError) {
    if case .sectorWeights = trust {
      throw SymmetryError(.routeNotApplicable,
                          "Sector weights are carried by a kernel, not by the Nyström solve; build a "
                            + "CharacterWeightedKernel and fit it with NystromKernelRidge, or use trust .full.")
    }
    let copyRidge = trust == .none ? 0 : trust.copyRidge ?? 0
    guard copyRidge.isFinite && copyRidge >= 0 else {
      throw SymmetryError(.invalidParameter,
                          "The extra copy ridge ε² is \(copyRidge); it must be a finite number ≥ 0 (0 trusts the "
                            + "symmetry fully; use trust .none to ignore the copies).", value: copyRidge)
    }
    if copyRidge > 0 && (route == .sumKernel || route == .haarKernel) {
      throw SymmetryError(.routeNotApplicable,
                          "A per-copy ridge ε² = \(copyRidge) needs the augmented copies, but route .\(route) solves on "
                            + "the N originals with one ridge; use route .fourier (Z2^m sign flips) or .augment, or "
                            + "trust .full.", value: copyRidge)
    }
    let finite = symmetry as? any FiniteLabelSymmetry
    switch route {
    case .sumKernel:
      guard let finite else {
        throw SymmetryError(.routeNotApplicable,
                            "The sum kernel needs a finite group, but \(symmetry.name) is continuous; use route "
                              + ".haarKernel (Gaussian kernel).")
      }
      try Self.checkSum(nystrom.kernel, finite)
    case .haarKernel:
      guard let gaussian = nystrom.kernel as? GaussianKernel else {
        throw SymmetryError(.routeNotApplicable,
                            "The Haar-averaged kernel exists in closed form for the Gaussian kernel only, got "
                              + "\(K.self); use a GaussianKernel.")
      }
      _ = try HaarAveragedGaussianKernel(lengthScale: gaussian.lengthScale, symmetry: symmetry)
    case .fourier:
      guard let finite else {
        throw SymmetryError(.routeNotApplicable,
                            "The group-Fourier route needs Z2^m sign flips, but \(symmetry.name) is continuous; use "
                              + ".haarKernel.")
      }
      try Self.checkFourier(nystrom.kernel, nystrom.ridge, finite)
    case .augment:
      guard finite != nil else {
        throw SymmetryError(.routeNotApplicable,
                            "Nyström augmentation needs centres closed under the group, which a continuous group "
                              + "(\(symmetry.name)) has no finite set of; use route .haarKernel (Gaussian kernel).")
      }
    }
    self.nystrom = nystrom
    self.symmetry = symmetry
    self.route = route
    self.trust = trust
  }

  private static func checkSum<S: FiniteLabelSymmetry>(_ kernel: K, _ s: S) throws(SymmetryError) {
    _ = try SymmetrizedKernel(kernel, symmetry: s)
  }

  private static func checkFourier<S: FiniteLabelSymmetry>(_ kernel: K, _ ridge: Double, _ s: S) throws(SymmetryError) {
    _ = try GroupFourierSolver(kernel: kernel, ridge: ridge, symmetry: s)
  }

  /// Fits on the original samples by the chosen route.
  ///
  /// - Parameters:
  ///   - inputs: N × d inputs.
  ///   - labels: N labels (augmented labels come from the symmetry's label corrections).
  /// - Returns: The fitted model and its CG report.
  /// - Throws: ``RegressionError`` as ``NystromKernelRidge/fit(_:_:)`` (M counts base centres).
  /// - Complexity: see the type.
  public func fit(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> FittedSymmetricNystrom {
    if inputs.columns != symmetry.dimension {
      throw RegressionError(.dimensionMismatch,
                            "The inputs have \(inputs.columns) columns but \(symmetry.name) acts on "
                              + "\(symmetry.dimension) coordinates; give one column per coordinate of the symmetry.")
    }
    do {
      if trust == .none {
        let model = try nystrom.fit(inputs, labels)
        return FittedSymmetricNystrom(route: route, report: model.report, model: model)
      }
      switch route {
      case .sumKernel:
        let finite = symmetry as! any FiniteLabelSymmetry
        return try fitSum(finite, inputs, labels)
      case .haarKernel:
        let gaussian = nystrom.kernel as! GaussianKernel
        let haar = try HaarAveragedGaussianKernel(lengthScale: gaussian.lengthScale, symmetry: symmetry)
        let model = try nystrom.with(kernel: haar).fit(inputs, labels)
        return FittedSymmetricNystrom(route: route, report: model.report, model: model)
      case .fourier:
        let finite = symmetry as! any FiniteLabelSymmetry
        return try fitFourier(finite, inputs, labels)
      case .augment:
        let finite = symmetry as! any FiniteLabelSymmetry
        return try fitAugmented(finite, inputs, labels)
      }
    } catch let error as SymmetryError {
      throw RegressionError(error.code == .dimensionMismatch ? .dimensionMismatch : .invalidConfiguration, error.message)
    } catch let error as RegressionError {
      throw error
    } catch {
      throw RegressionError(.numericalFailure, "\(error)")
    }
  }

  private func fitSum<S: FiniteLabelSymmetry>(_ s: S, _ inputs: Matrix, _ labels: [Double]) throws -> FittedSymmetricNystrom {
    let model = try nystrom.with(kernel: try SymmetrizedKernel(nystrom.kernel, symmetry: s)).fit(inputs, labels)
    return FittedSymmetricNystrom(route: route, report: model.report, model: model)
  }

  /// Centres g·C for every element g, stacked element-major (identity first).
  private func closedCentres<S: FiniteLabelSymmetry>(_ s: S, _ base: Matrix) -> Matrix {
    var all: [Double] = []
    for (g, element) in s.elements.enumerated() {
      all.append(contentsOf: g == 0 ? base.elements : element.apply(to: base).elements)
    }
    return Matrix(rows: base.rows * s.elements.count, columns: base.columns, elements: all)
  }

  private func fitAugmented<S: FiniteLabelSymmetry>(_ s: S, _ inputs: Matrix, _ labels: [Double]) throws -> FittedSymmetricNystrom {
    var problems: [RegressionError.Problem] = []
    Validation.checkTraining(inputs, labels, into: &problems)
    try Validation.throwIfAny(problems)
    let base = inputs.rows(at: try nystrom.selectCentres(inputs))
    let data = try Augmentation.augment(inputs: inputs, labels: labels, by: s)
    let lambda = nystrom.ridge
    let ridges = copyRidge > 0 ? data.elementIndex.map { $0 == 0 ? lambda : lambda + copyRidge } : nil
    let model = try nystrom.fit(data.inputs, data.labels, centres: closedCentres(s, base), sampleRidges: ridges)
    return FittedSymmetricNystrom(route: route, report: model.report, model: model)
  }

  private func fitFourier<S: FiniteLabelSymmetry>(_ s: S, _ inputs: Matrix, _ labels: [Double]) throws -> FittedSymmetricNystrom {
    var problems: [RegressionError.Problem] = []
    Validation.checkTraining(inputs, labels, into: &problems)
    nystrom.checkSettings(rows: inputs.rows, ridges: [nystrom.ridge], into: &problems)
    try Validation.throwIfAny(problems)
    let fourier = try GroupFourierSolver(kernel: nystrom.kernel, ridge: nystrom.ridge, symmetry: s)
    let order = fourier.order, n = inputs.rows
    let base = inputs.rows(at: try nystrom.selectCentres(inputs))
    let m = base.rows
    let copies = s.elements.map { CentreKernel(kernel: nystrom.kernel, centres: $0.apply(to: base)) }
    // Per-sector data ŷ_s = Σ_g χ_s(g) y_g, channel-major.
    let yHat = GroupFourierSolver<K, S>.transformColumns(fourier.elementLabels(inputs, labels))
    var data = [Double](repeating: 0, count: order * n)
    for i in 0..<n { for c in 0..<order { data[c * n + i] = yHat[i, c] } }
    // Sector Gram matrices K̂_C,s = Σ_u χ_s(u) K(C, u·C).
    var slots = [Double](repeating: 0, count: order * m * m)
    slots.withUnsafeMutableBufferPointer { p in
      for (u, copy) in copies.enumerated() { copy.fill(base, rows: 0..<m, into: p.baseAddress! + u * m * m) }
      walshHadamardSlots(p.baseAddress!, count: order, length: m * m)
    }
    let grams: [Matrix] = (0..<order).map { c in
      var g = Matrix(rows: m, columns: m, elements: Array(slots[(c * m * m)..<((c + 1) * m * m)]))
      g.symmetrizeFromLower()
      return g
    }
    slots = []
    let layout = try NystromMemory.layout(rows: n, centres: m, channels: order, systems: 1, storage: nystrom.storage,
                                          blockBytes: nystrom.blockBytes,
                                          budget: nystrom.memoryBudget ?? MemoryBudget.bytes)
    let blocks = KernelRowBlocks(rowCount: n, centreCount: m, channelCount: order, blockRows: layout.blockRows,
                                 keep: layout.keep, singlePrecision: nystrom.storage == .keptSinglePrecision) { rows, out in
      let b = rows.count
      for (u, copy) in copies.enumerated() { copy.fill(inputs, rows: rows, into: out + u * b * m) }
      walshHadamardSlots(out, count: order, length: b * m)
    }
    let a = nystrom.ridge / (nystrom.ridge + copyRidge)
    let system = FalkonSystem(ridge: nystrom.ridge, selfWeight: a, coupling: (1 - a) / Double(order))
    var solver = FalkonSolver(blocks: blocks, centreGrams: grams, rowWeights: nil, tolerance: nystrom.tolerance,
                              maximumIterations: nystrom.maximumIterations, reduction: LocalReduction())
    if nystrom.storage == .keptSinglePrecision { solver.minimumRelativeJitter = 1e-7 }
    let (solutions, jitter) = try solver.solve(data: data, systems: [system])
    // β_h = (1/|G|) Σ_s χ_s(h) β̂_s, element-major like the closed centres.
    var beta = solutions[0].coefficients
    beta.withUnsafeMutableBufferPointer { walshHadamardSlots($0.baseAddress!, count: order, length: m) }
    let report = NystromReport(centreCount: m, channelCount: order, ridge: nystrom.ridge,
                               iterations: solutions[0].iterations, relativeResidual: solutions[0].relativeResidual,
                               keptKernelBlocks: layout.keep, blockRows: layout.blockRows, centreJitter: jitter)
    let model = FittedNystrom(kernel: nystrom.kernel, centres: closedCentres(s, base),
                              coefficients: beta.map { $0 / Double(order) }, report: report)
    return FittedSymmetricNystrom(route: route, report: report, model: model)
  }
}

/// A Nyström model fitted through a symmetry route.
public struct FittedSymmetricNystrom: Predictor {
  /// The route used.
  public let route: SymmetryRoute
  /// How the CG went (for `.fourier`, ``NystromReport/channelCount`` is |G|).
  public let report: NystromReport
  /// The underlying fitted Nyström model (base kernel with closed centres, or the symmetrised kernel).
  public let model: any Predictor

  /// The input dimension d the model was trained on.
  public var inputDimension: Int { model.inputDimension }

  /// Predictions for new inputs.
  /// - Throws: ``RegressionError`` on a dimension mismatch or non-finite inputs.
  public func predict(_ inputs: Matrix) throws(RegressionError) -> [Double] { try model.predict(inputs) }
}

extension NystromKernelRidge {
  /// The same settings with another kernel.
  func with<K2: Kernel>(kernel: K2) -> NystromKernelRidge<K2> {
    var settings = NystromKernelRidge<K2>(kernel: kernel, ridge: ridge, centres: centreCount, sampling: sampling,
                                          seed: seed, tolerance: tolerance, maximumIterations: maximumIterations,
                                          storage: storage, memoryBudget: memoryBudget, blockBytes: blockBytes)
    settings.method = method
    settings.centreRank = centreRank
    return settings
  }
}
