import Foundation
public import LinearAlgebra

/// Where the N × M kernel matrix K_nm between training rows and centres lives during a Nyström fit.
public enum KernelStorage: Sendable, Hashable, CustomStringConvertible {
  /// Keep K_nm (8 N M bytes per channel) when it fits the memory budget, recompute it otherwise.
  case automatic
  /// Keep K_nm in memory: one kernel evaluation per element for the whole fit.
  case kept
  /// Recompute K_nm block by block in every iteration: O(block) memory, one kernel evaluation per
  /// element and iteration.
  case recomputed
  /// Keep K_nm rounded to `Float` (4 N M bytes), widened to `Double` block by block for the products.
  /// CG then solves the normal equations of the rounded matrix — each entry perturbed by at most
  /// 6e-8 of itself — while predictions use exact kernel values. Never chosen by `.automatic`.
  case keptSinglePrecision

  /// `automatic`, `kept` or `recomputed`.
  public var description: String {
    switch self {
    case .automatic: "automatic"
    case .kept: "kept"
    case .recomputed: "recomputed"
    case .keptSinglePrecision: "keptSinglePrecision"
    }
  }
}

/// Nyström kernel ridge regression with M ≪ N centres, solved the Falkon way: a Cholesky
/// preconditioner built from the centres and conjugate gradients on the normal equations, with
/// the N × M kernel matrix visited in row blocks (never an N × N matrix).
///
/// The model is f(x) = Σⱼ αⱼ k(x, cⱼ) over centres c₁…c_M chosen among the training inputs
/// (``CentreSampling``). With the ridge added unscaled, as in ``KernelRidgeRegression``:
///
/// ```
/// min_α ‖K_nm α − y‖² + λ αᵀ K_mm α      ⇔      (K_nmᵀ K_nm + λ K_mm) α = K_nmᵀ y
/// per-sample ridges λᵢ:  (K_nmᵀ W K_nm + λ K_mm) α = K_nmᵀ W y,   wᵢ = λ / λᵢ,  λ = minᵢ λᵢ
/// M = N, centres = inputs:  K(K + λI) α = K y,  the dense KRR solution
/// ```
///
/// The preconditioned conjugate-gradient iteration stops when the relative residual of the
/// preconditioned system is below ``tolerance``; at ``maximumIterations`` it throws
/// ``RegressionError/Code/didNotConverge`` with the residual it reached. Each iteration costs one
/// pass over K_nm (two matrix–vector products per row block, the block still in cache) and four
/// triangular solves of order M.
///
/// Several ridges (``fit(_:_:ridges:)``) share the centres, K_mm's Cholesky factor, the right-hand
/// side and — since the systems run in lockstep — every pass over K_nm, which becomes one
/// matrix–matrix product for all ridges. What cannot be shared: the preconditioner's second
/// factor A (it depends on λ; M³/3 flops per ridge) and the Krylov spaces (the preconditioned
/// operators differ).
///
/// ```swift
/// let model = try NystromKernelRidge(kernel: GaussianKernel(lengthScale: 0.5), ridge: 1e-6, centres: 512)
///   .fit(inputs, labels)
/// model.report.iterations     // e.g. 14
/// try model.predict(test)
/// ```
///
/// - Complexity: centres O(M) (uniform); K_mm O(M² d) and its factors M³ flops (+ M³/3 per ridge);
///   per iteration O(N M) memory traffic (kept) or N M kernel evaluations (recomputed). Memory:
///   8 M² (2 + ridges) bytes, plus 8 N M when K_nm is kept, plus one block.
/// - References: Rudi, Carratino, Rosasco, "FALKON: An optimal large scale kernel method",
///   NeurIPS 2017, arXiv:1705.10958; Meanti, Carratino, Rosasco, Rudi, "Kernel methods through the
///   roof", NeurIPS 2020, arXiv:2006.10350; arXiv 2605.28238 (the package's science).
public struct NystromKernelRidge<K: Kernel>: Regressor {
  /// The kernel.
  public var kernel: K
  /// The ridge λ > 0 (the scalar ridge of ``KernelRidgeRegression``, not divided by N).
  public var ridge: Double
  /// The number of centres M, 1 ≤ M ≤ N.
  public var centreCount: Int
  /// How the centres are chosen.
  public var sampling: CentreSampling
  /// Seed of the centre sampling.
  public var seed: UInt64
  /// Relative residual of the preconditioned system at which CG stops, in (0, 1).
  public var tolerance: Double
  /// The iteration cap, ≥ 1.
  public var maximumIterations: Int
  /// Whether K_nm is kept or recomputed.
  public var storage: KernelStorage
  /// Memory budget in bytes; `nil` uses `MemoryBudget.bytes` (default half the physical memory).
  public var memoryBudget: Int?
  /// Bytes of one recomputed row block (default 8 MiB: it stays in the last-level cache).
  public var blockBytes: Int
  /// How the normal equations are solved: Falkon's conjugate gradients (default) or directly
  /// (``NystromSolveMethod/direct``: exact at any ridge, 2 N M² flops).
  public var method: NystromSolveMethod = .conjugateGradient
  /// Which of the M centres the solve keeps (default `.all`); ``CentreRank/numerical`` drops the
  /// centres whose kernel functions the others span to working precision (a pivoted Cholesky of
  /// K_mm), so an M far above the kernel's numerical rank costs N r² instead of N M².
  public var centreRank: CentreRank = .all

  /// Creates the regressor.
  ///
  /// - Parameters:
  ///   - kernel: The kernel (any ``Kernel``; Gaussian blocks use a vectorised exp).
  ///   - ridge: λ > 0.
  ///   - centres: M, at least 1 and at most the number of training samples.
  ///   - sampling: Centre sampling, default `.uniform`.
  ///   - seed: Seed of the centre sampling.
  ///   - tolerance: CG tolerance on the relative residual, default 1e-6 (predictions move by about the
  ///     tolerance times the conditioning of the preconditioned system; test errors settle near 1e-4).
  ///   - maximumIterations: Iteration cap, default 200.
  ///   - storage: Kept or recomputed K_nm, default `.automatic`.
  ///   - memoryBudget: Bytes, `nil` for `MemoryBudget.bytes`.
  ///   - blockBytes: Bytes of one row block, default 8 MiB.
  public init(kernel: K, ridge: Double, centres: Int, sampling: CentreSampling = .uniform, seed: UInt64 = 0,
              tolerance: Double = 1e-6, maximumIterations: Int = 200, storage: KernelStorage = .automatic,
              memoryBudget: Int? = nil, blockBytes: Int = 8 << 20) {
    self.kernel = kernel
    self.ridge = ridge
    self.centreCount = centres
    self.sampling = sampling
    self.seed = seed
    self.tolerance = tolerance
    self.maximumIterations = maximumIterations
    self.storage = storage
    self.memoryBudget = memoryBudget
    self.blockBytes = blockBytes
  }

  /// Fits with the ridge λ on every sample.
  /// - Throws: ``RegressionError`` for bad data or settings (all problems at once), a centre matrix
  ///   that is not positive definite, a plan above the memory budget, or a CG that does not converge.
  /// - Complexity: see the type.
  public func fit(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> FittedNystrom<K> {
    try fit(inputs, labels, ridges: [ridge])[0]
  }

  /// Fits one model per ridge, sharing the centres, K_mm's factor and every pass over K_nm.
  ///
  /// Leverage-score sampling uses ``ridge`` (not the grid) for the scores, so every model has the
  /// same centres.
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - labels: N labels.
  ///   - ridges: λ values, each finite and > 0.
  /// - Returns: One fitted model per ridge, in order.
  /// - Throws: As ``fit(_:_:)``; the first ridge that does not converge is named.
  /// - Complexity: as one fit plus M³/3 flops and O(N M) work per extra ridge per iteration
  ///   (one product with k columns instead of k products: K_nm is read once per iteration).
  public func fit(_ inputs: Matrix, _ labels: [Double], ridges: [Double]) throws(RegressionError) -> [FittedNystrom<K>] {
    var problems: [RegressionError.Problem] = []
    Validation.checkTraining(inputs, labels, into: &problems)
    checkSettings(rows: inputs.rows, ridges: ridges, into: &problems)
    try Validation.throwIfAny(problems)
    let centres = try selectCentres(inputs)
    return try solve(inputs, labels, centres: inputs.rows(at: centres), sampleRidges: nil, ridges: ridges,
                     reduction: LocalReduction())
  }

  /// Fits with explicit centres and optional per-sample ridges λᵢ.
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - labels: N labels.
  ///   - centres: M × d centres (any points; the preconditioner works best when they follow the
  ///     inputs' distribution). ``centreCount`` and ``sampling`` are not used.
  ///   - sampleRidges: N values λᵢ > 0, or `nil` for λ everywhere.
  /// - Returns: The fitted model.
  /// - Throws: As ``fit(_:_:)``, and for centres of the wrong dimension or ridges of the wrong count.
  /// - Complexity: as ``fit(_:_:)`` without the centre sampling.
  public func fit(_ inputs: Matrix, _ labels: [Double], centres: Matrix,
                  sampleRidges: [Double]? = nil) throws(RegressionError) -> FittedNystrom<K> {
    var problems: [RegressionError.Problem] = []
    Validation.checkTraining(inputs, labels, into: &problems)
    checkExplicitCentres(centres, dimension: inputs.columns, into: &problems)
    checkSettings(rows: nil, ridges: sampleRidges == nil ? [ridge] : [], into: &problems)
    if let rs = sampleRidges { checkSampleRidges(rs, rows: inputs.rows, into: &problems) }
    try Validation.throwIfAny(problems)
    return try solve(inputs, labels, centres: centres, sampleRidges: sampleRidges,
                     ridges: sampleRidges.map { [$0.min()!] } ?? [ridge], reduction: LocalReduction())[0]
  }

  /// Fits on rows split across processes: each process passes its own rows and the same centres,
  /// and `reduction` sums the M-vectors of the iteration over the processes (one reduction of
  /// M × ridges numbers per iteration, plus two at the start). Every process returns the same model.
  ///
  /// - Parameters:
  ///   - localInputs: This process's rows (may be empty), d columns.
  ///   - localLabels: Their labels.
  ///   - centres: M × d centres, identical on every process.
  ///   - ridges: λ values.
  ///   - reduction: Sums over processes (``LocalReduction`` for one process).
  /// - Returns: One model per ridge (identical on every process).
  /// - Throws: As ``fit(_:_:)``. A shape that differs between processes is the caller's to check
  ///   first (see ``DistributedShape/check(_:)``), or the reductions would not match.
  /// - Complexity: per process, as ``fit(_:_:ridges:)`` with its own N.
  public func fit(localInputs: Matrix, localLabels: [Double], centres: Matrix, ridges: [Double],
                  reduction: some NystromReduction) throws(RegressionError) -> [FittedNystrom<K>] {
    var problems: [RegressionError.Problem] = []
    if localInputs.rows != localLabels.count {
      problems.append(.init(code: .countMismatch, message:
        "This process's training inputs have \(localInputs.rows) rows but there are \(localLabels.count) labels; "
        + "the counts must be equal. Pass one label per input row."))
    }
    Validation.checkFinite(localInputs, what: "training inputs", into: &problems)
    Validation.checkFinite(localLabels, what: "training labels", into: &problems)
    checkExplicitCentres(centres, dimension: localInputs.columns, into: &problems)
    checkSettings(rows: nil, ridges: ridges, into: &problems)
    try Validation.throwIfAny(problems)
    return try solve(localInputs, localLabels, centres: centres, sampleRidges: nil, ridges: ridges, reduction: reduction)
  }

  /// The indices of the centres ``fit(_:_:)`` would use, in sampling order.
  ///
  /// - Parameter inputs: N × d training inputs.
  /// - Returns: M distinct row indices.
  /// - Throws: ``RegressionError`` for an M outside 1…N, a bad pilot size, or (leverage scores) a
  ///   pilot kernel matrix that cannot be factorised.
  /// - Complexity: see ``CentreSampling``.
  public func selectCentres(_ inputs: Matrix) throws(RegressionError) -> [Int] {
    var problems: [RegressionError.Problem] = []
    checkSettings(rows: inputs.rows, ridges: [ridge], into: &problems)
    try Validation.throwIfAny(problems)
    var g = SeededGenerator(seed: seed)
    switch sampling {
    case .uniform:
      return CentreSelection.uniform(count: centreCount, from: inputs.rows, using: &g)
    case .leverageScores(let pilotSize):
      let pilot = CentreSelection.uniform(count: min(pilotSize, inputs.rows), from: inputs.rows, using: &g)
      let scores = try CentreSelection.leverageScores(kernel: kernel, inputs: inputs, ridge: ridge, pilot: pilot,
                                                      blockRows: max(1, blockBytes / (8 * pilot.count)))
      return CentreSelection.weighted(count: centreCount, weights: scores, using: &g)
    }
  }

  /// Approximate ridge leverage scores ℓ̃ᵢ(λ) of every row from a uniform pilot set of `pilot`
  /// rows (seeded by ``seed``), as ``CentreSampling/leverageScores(pilot:)`` uses them.
  ///
  /// ```
  /// ℓ̃ᵢ(λ) = (k(xᵢ, xᵢ) − k_iJᵀ (K_JJ + (λR/N) I)⁻¹ k_iJ) / λ      (exact when J holds every row)
  /// ```
  ///
  /// - Parameters:
  ///   - inputs: N × d inputs.
  ///   - pilot: R, 1 ≤ R ≤ N.
  /// - Returns: N scores ≥ 0.
  /// - Throws: ``RegressionError`` for a bad R or ridge, or a pilot matrix that cannot be factorised.
  /// - Complexity: O(N R d + R³/3 + N R²).
  public func leverageScores(_ inputs: Matrix, pilot: Int) throws(RegressionError) -> [Double] {
    var problems: [RegressionError.Problem] = []
    Validation.checkPositive(ridge, name: "ridge λ", hint: "Use a small positive value such as 1e-6.", into: &problems)
    if pilot < 1 || pilot > inputs.rows {
      problems.append(.init(code: .invalidConfiguration, message:
        "The leverage-score pilot size is \(pilot); it must be between 1 and the number of samples N = \(inputs.rows). "
        + "Use e.g. \(min(512, max(inputs.rows, 1)))."))
    }
    try Validation.throwIfAny(problems)
    var g = SeededGenerator(seed: seed)
    let indices = CentreSelection.uniform(count: pilot, from: inputs.rows, using: &g)
    return try CentreSelection.leverageScores(kernel: kernel, inputs: inputs, ridge: ridge, pilot: indices,
                                              blockRows: max(1, blockBytes / (8 * pilot)))
  }

  // MARK: Checks

  func checkSettings(rows n: Int?, ridges: [Double], into problems: inout [RegressionError.Problem]) {
    Validation.checkHyperparameters(kernel.hyperparameters, owner: "kernel", into: &problems)
    for r in ridges {
      Validation.checkPositive(r, name: "ridge λ", hint:
        "It is added to λ K_mm in the normal equations (scikit-learn's alpha); use a small positive value such as "
        + "1e-6.", into: &problems)
    }
    if let n {
      if centreCount < 1 {
        problems.append(.init(code: .invalidConfiguration, message:
          "The number of centres M is \(centreCount); it must be at least 1 and at most the number of training "
          + "samples N = \(n). Use e.g. M = \(NystromKernelRidge.suggestedCentres(samples: n)) (about 20√N)."))
      } else if centreCount > n {
        problems.append(.init(code: .invalidConfiguration, message:
          "The number of centres M = \(centreCount) exceeds the number of training samples N = \(n); M must be at "
          + "most N. Use M ≤ \(n), or dense kernel ridge regression (KernelRidgeRegression), which Nyström with "
          + "M = N reproduces."))
      }
    }
    if case .leverageScores(let pilot) = sampling, pilot < 1 {
      problems.append(.init(code: .invalidConfiguration, message:
        "The leverage-score pilot size is \(pilot); it must be at least 1 (it is capped at N). Use e.g. 512."))
    }
    if !(tolerance > 0 && tolerance < 1) {
      problems.append(.init(code: .invalidConfiguration, message:
        "The CG tolerance is \(tolerance); it must be a number in (0, 1), the relative residual at which the "
        + "iteration stops. Use e.g. 1e-8."))
    }
    if maximumIterations < 1 {
      problems.append(.init(code: .invalidConfiguration, message:
        "maximumIterations is \(maximumIterations); it must be at least 1. Use e.g. 200."))
    }
    if case .tolerance(let t) = centreRank, !(t >= 0 && t < 1) {
      problems.append(.init(code: .invalidConfiguration, message:
        "The centre rank tolerance is \(t); it must be a number in [0, 1): the squared feature-space distance, "
        + "relative to the largest k(c, c), below which a centre counts as spanned by the others. Use e.g. 1e-12, "
        + "or CentreRank.numerical for 10 times the unit roundoff."))
    }
    if blockBytes < 8 {
      problems.append(.init(code: .invalidConfiguration, message:
        "blockBytes is \(blockBytes); a row block needs at least 8 bytes per centre. Use e.g. 8 MiB (8 << 20)."))
    }
  }

  func checkExplicitCentres(_ centres: Matrix, dimension: Int, into problems: inout [RegressionError.Problem]) {
    if centres.rows < 1 {
      problems.append(.init(code: .invalidConfiguration, message:
        "There are no centres (0 rows); give at least one centre (M ≥ 1), e.g. a subset of the training inputs."))
    } else if centres.columns != dimension {
      problems.append(.init(code: .dimensionMismatch, message:
        "The centres have \(centres.columns) columns but the training inputs have \(dimension); they must be equal. "
        + "Choose the centres among the training inputs."))
    }
    Validation.checkFinite(centres, what: "centres", into: &problems)
  }

  func checkSampleRidges(_ rs: [Double], rows: Int, into problems: inout [RegressionError.Problem]) {
    if rs.count != rows {
      problems.append(.init(code: .countMismatch, message:
        "There are \(rs.count) per-sample ridges for \(rows) training samples; the counts must be equal. Pass "
        + "one ridge per sample, or nil to use the scalar ridge."))
    }
    if let i = rs.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
      problems.append(.init(code: .invalidHyperparameter, message:
        "The per-sample ridge at row \(i) is \(rs[i]); every ridge must be a finite number > 0. Use a small "
        + "positive value such as 1e-6."))
    }
  }

  /// The default M for N samples: ⌈20√N⌉, at most N (Falkon's theory asks for M ≳ √N log N).
  /// - Parameter n: N ≥ 1.
  /// - Returns: M.
  public static func suggestedCentres(samples n: Int) -> Int {
    max(1, min(n, Int((20 * Double(max(n, 1)).squareRoot()).rounded(.up))))
  }

  // MARK: Solve

  func solve(_ inputs: Matrix, _ labels: [Double], centres sampled: Matrix, sampleRidges: [Double]?, ridges: [Double],
             reduction: some NystromReduction) throws(RegressionError) -> [FittedNystrom<K>] {
    let centres = try independentCentres(sampled)
    let models = try solveWithCentres(inputs, labels, centres: centres, sampleRidges: sampleRidges, ridges: ridges,
                                      reduction: reduction)
    return models.map { $0.requested(centres: sampled.rows) }
  }

  /// The centres ``centreRank`` keeps: all, or the pivots of a pivoted Cholesky of K_mm up to its
  /// tolerance, in their original order (the same on every process: the centres are).
  func independentCentres(_ centres: Matrix) throws(RegressionError) -> Matrix {
    let relative: Double
    switch centreRank {
    case .all: return centres
    case .numerical: relative = CentreRank.numericalTolerance
    case .tolerance(let t): relative = t
    }
    let m = centres.rows
    let budget = memoryBudget ?? MemoryBudget.bytes
    let (bytes, overflow) = (8 &* m).multipliedReportingOverflow(by: m)
    if overflow || bytes > budget {
      throw RegressionError(.exceedsMemoryBudget,
        "Choosing the independent centres needs the \(m) × \(m) centre kernel matrix "
        + "(\(overflow ? "more than \(MemoryBudget.format(bytes: Int.max))" : MemoryBudget.format(bytes: bytes))), above the memory budget of "
        + "\(MemoryBudget.format(bytes: budget)). Use fewer centres M, or CentreRank.all.")
    }
    let pivoted: PivotedCholesky
    do {
      pivoted = try PivotedCholesky(factoring: CentreKernel(kernel: kernel, centres: centres).centreMatrix(),
                                    relativeTolerance: relative)
    } catch {
      throw RegressionError(wrapping: error, regularizer: "centre rank \(centreRank)")
    }
    guard pivoted.rank < m, pivoted.rank > 0 else { return centres }
    return centres.rows(at: pivoted.independentRows)
  }

  func solveWithCentres(_ inputs: Matrix, _ labels: [Double], centres: Matrix, sampleRidges: [Double]?,
                        ridges: [Double], reduction: some NystromReduction) throws(RegressionError) -> [FittedNystrom<K>] {
    if method == .direct {
      return try solveDirect(inputs, labels, centres: centres, sampleRidges: sampleRidges, ridges: ridges,
                             reduction: reduction)
    }
    let centreKernel = CentreKernel(kernel: kernel, centres: centres)
    let n = inputs.rows, m = centres.rows
    let weights = sampleRidges.map { rs in rs.map { ridges[0] / $0 } }
    let layout = try NystromMemory.layout(rows: n, centres: m, channels: 1, systems: ridges.count,
                                          storage: storage, blockBytes: blockBytes,
                                          budget: memoryBudget ?? MemoryBudget.bytes)
    let blocks = KernelRowBlocks(rowCount: n, centreCount: m, channelCount: 1, blockRows: layout.blockRows,
                                 keep: layout.keep, singlePrecision: storage == .keptSinglePrecision) { rows, out in
      centreKernel.fill(inputs, rows: rows, into: out)
    }
    var solver = FalkonSolver(blocks: blocks, centreGrams: [centreKernel.centreMatrix()], rowWeights: weights,
                              tolerance: tolerance, maximumIterations: maximumIterations, reduction: reduction)
    if storage == .keptSinglePrecision { solver.minimumRelativeJitter = 1e-7 }
    let (solutions, jitter) = try solver.solve(data: labels, systems: ridges.map { FalkonSystem(ridge: $0) })
    return zip(ridges, solutions).map { ridge, solution in
      FittedNystrom(kernel: kernel, centres: centres, coefficients: solution.coefficients,
                    report: NystromReport(centreCount: m, channelCount: 1, ridge: ridge, iterations: solution.iterations,
                                          relativeResidual: solution.relativeResidual, keptKernelBlocks: layout.keep,
                                          blockRows: layout.blockRows, centreJitter: jitter))
    }
  }
}

/// How a Nyström fit went: the CG iterations, the residual reached, and where K_nm lived.
public struct NystromReport: Sendable, Hashable {
  /// M, centres per channel.
  public let centreCount: Int
  /// Channels solved together: 1, or |G| sectors on the group-Fourier route.
  public let channelCount: Int
  /// The ridge λ of this model.
  public let ridge: Double
  /// CG iterations run.
  public let iterations: Int
  /// Relative residual of the preconditioned system at the end (≤ the tolerance).
  public let relativeResidual: Double
  /// Whether K_nm was kept in memory (otherwise recomputed every iteration).
  public let keptKernelBlocks: Bool
  /// Rows per block.
  public let blockRows: Int
  /// Diagonal jitter added to K_mm, relative to its mean diagonal (the largest over channels).
  public let centreJitter: Double
  /// The centres sampled before ``NystromKernelRidge/centreRank`` dropped the dependent ones
  /// (equal to ``centreCount`` under `.all`).
  public let requestedCentreCount: Int

  /// Creates a report (the solvers fill it in).
  public init(centreCount: Int, channelCount: Int, ridge: Double, iterations: Int, relativeResidual: Double,
              keptKernelBlocks: Bool, blockRows: Int, centreJitter: Double, requestedCentreCount: Int? = nil) {
    self.requestedCentreCount = requestedCentreCount ?? centreCount
    self.centreCount = centreCount
    self.channelCount = channelCount
    self.ridge = ridge
    self.iterations = iterations
    self.relativeResidual = relativeResidual
    self.keptKernelBlocks = keptKernelBlocks
    self.blockRows = blockRows
    self.centreJitter = centreJitter
  }
}

/// A fitted Nyström model: the centres and their coefficients.
///
/// ```
/// f(x*) = Σⱼ αⱼ k(x*, cⱼ)
/// ```
public struct FittedNystrom<K: Kernel>: Predictor {
  /// The kernel.
  public let kernel: K
  /// The M × d centres.
  public let centres: Matrix
  /// α, one per centre.
  public let coefficients: [Double]
  /// How the fit went.
  public let report: NystromReport

  /// The same model with ``NystromReport/requestedCentreCount`` set to `count`.
  func requested(centres count: Int) -> FittedNystrom {
    let r = report
    return FittedNystrom(kernel: kernel, centres: centres, coefficients: coefficients, report: NystromReport(
      centreCount: r.centreCount, channelCount: r.channelCount, ridge: r.ridge, iterations: r.iterations,
      relativeResidual: r.relativeResidual, keptKernelBlocks: r.keptKernelBlocks, blockRows: r.blockRows,
      centreJitter: r.centreJitter, requestedCentreCount: count))
  }

  /// Creates a fitted model from its parts.
  /// - Precondition: one coefficient per centre.
  public init(kernel: K, centres: Matrix, coefficients: [Double], report: NystromReport) {
    precondition(centres.rows == coefficients.count, "\(centres.rows) centres but \(coefficients.count) coefficients")
    self.kernel = kernel
    self.centres = centres
    self.coefficients = coefficients
    self.report = report
  }

  /// The input dimension d (the centres' columns).
  public var inputDimension: Int { centres.columns }

  /// Predictions k(x*, C) α, in row blocks of at most 8 MiB.
  /// - Throws: ``RegressionError`` on a dimension mismatch or non-finite inputs.
  /// - Complexity: O(N* M d) time, O(min(N*, block) M) memory.
  public func predict(_ inputs: Matrix) throws(RegressionError) -> [Double] {
    try Validation.checkTest(inputs, dimension: inputDimension)
    let n = inputs.rows, m = centres.rows
    guard n > 0 else { return [] }
    let centreKernel = CentreKernel(kernel: kernel, centres: centres)
    let b = max(1, min(n, (8 << 20) / (8 * m)))
    var out = [Double](repeating: 0, count: n)
    let block = UnsafeMutablePointer<Double>.allocate(capacity: b * m)
    defer { block.deallocate() }
    coefficients.withUnsafeBufferPointer { a in
      out.withUnsafeMutableBufferPointer { o in
        var start = 0
        while start < n {
          let end = min(start + b, n)
          centreKernel.fill(inputs, rows: start..<end, into: block)
          RowMajorBLAS.gemv(m: end - start, n: m, a: block, lda: m, x: a.baseAddress!, y: o.baseAddress! + start)
          start = end
        }
      }
    }
    return out
  }
}

/// Memory layout of a Nyström fit: whether K_nm is kept, and the rows per block.
enum NystromMemory {
  /// Bytes for the dense M × M matrices: per channel L, LᵀL and one A per system.
  static func fixedBytes(centres m: Int, channels: Int, systems: Int) -> Int {
    8 &* m &* m &* channels &* (2 &+ systems)
  }

  static func layout(rows n: Int, centres m: Int, channels: Int, systems: Int, storage: KernelStorage,
                     blockBytes: Int, budget: Int) throws(RegressionError) -> (keep: Bool, blockRows: Int) {
    let fixed = fixedBytes(centres: m, channels: channels, systems: systems)
    let blockRows = max(1, min(n, blockBytes / max(8 * m * channels, 1)))
    let block = 8 &* channels &* blockRows &* m
    let kept = KernelRowBlocks.storedBytes(rows: n, centres: m, channels: channels,
                                           singlePrecision: storage == .keptSinglePrecision)
    let keep: Bool
    switch storage {
    case .kept, .keptSinglePrecision: keep = true
    case .recomputed: keep = false
    case .automatic: keep = fixed &+ kept <= budget
    }
    let needed = fixed &+ (keep ? kept : block) &+ (storage == .keptSinglePrecision ? block : 0)
    if needed > budget || needed < 0 {
      throw RegressionError(.exceedsMemoryBudget,
        "The Nyström fit needs \(needed) bytes (\(MemoryBudget.format(bytes: needed))): \(channels * (2 + systems)) "
        + "matrices of \(m) × \(m) for the preconditioner"
        + (keep ? " and the kept \(channels > 1 ? "\(channels) × " : "")\(n) × \(m) kernel matrix" : " and a block of \(blockRows) rows")
        + ", above the memory budget of \(budget) bytes "
        + "(\(MemoryBudget.format(bytes: budget))). Use fewer centres M\(keep ? ", storage .recomputed" : ""), "
        + "fewer ridges at once, or raise the budget.")
    }
    return (keep, blockRows)
  }
}
