import Foundation
import LinearAlgebra

/// Throughput constants of a machine, for ``SolverPlanner``'s cost model.
///
/// Measured by `nystrom-benchmark --calibrate` (release build, one BLAS thread), which prints a
/// value of this type to paste or save as JSON. ``reference`` holds the constants of the project's
/// machine (2 vCPUs, AMD EPYC, Debian's OpenBLAS 0.3.21; see Documentation/Scaling.md).
public struct MachineCalibration: Sendable, Hashable, Codable {
  /// Level-3 BLAS/LAPACK rate (dpotrf, dlauum, dtrsm, dgemm), flop/s.
  public var blas3FlopsPerSecond: Double
  /// Gaussian kernel entries k(xᵢ, cⱼ) per second in d = 3, distances included.
  public var kernelEntriesPerSecond: Double
  /// Extra seconds per kernel entry and input coordinate beyond the third.
  public var secondsPerEntryAndCoordinate: Double
  /// Streaming bandwidth of a matrix–vector product over a matrix in memory, bytes/s.
  public var memoryBytesPerSecond: Double

  /// Creates a calibration.
  public init(blas3FlopsPerSecond: Double, kernelEntriesPerSecond: Double, secondsPerEntryAndCoordinate: Double,
              memoryBytesPerSecond: Double) {
    self.blas3FlopsPerSecond = blas3FlopsPerSecond
    self.kernelEntriesPerSecond = kernelEntriesPerSecond
    self.secondsPerEntryAndCoordinate = secondsPerEntryAndCoordinate
    self.memoryBytesPerSecond = memoryBytesPerSecond
  }

  /// The project's machine, one BLAS thread: `nystrom-benchmark --calibrate` on the quiet machine,
  /// 2026-12-01 (Scaling.md, "The cost planner").
  public static let reference = MachineCalibration(blas3FlopsPerSecond: 2.95e10, kernelEntriesPerSecond: 1.22e8,
                                                   secondsPerEntryAndCoordinate: 3.7e-10,
                                                   memoryBytesPerSecond: 1.32e10)

  /// Seconds for `entries` kernel entries in dimension `d`.
  func kernelSeconds(_ entries: Double, dimension d: Int) -> Double {
    entries * (1 / kernelEntriesPerSecond + Double(max(d - 3, 0)) * secondsPerEntryAndCoordinate)
  }
}

/// The solvers the planner compares.
public enum PlannedSolver: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Dense Cholesky on N (or N|G| for explicit augmentation) rows: exact.
  case dense
  /// |G| dense Cholesky factorisations of size N (Z2^m sign flips): exact.
  case groupFourier
  /// Nyström with M centres and Falkon's CG: approximate, O(N M) per iteration.
  case nystrom

  /// The raw value.
  public var description: String { rawValue }
}

/// What the user asks the planner for.
public enum SolverRequest: Sendable, Hashable {
  /// The exact solver of the route (dense, or group-Fourier for `.fourier`).
  case dense
  /// Nyström with M centres (`nil`: ``NystromKernelRidge/suggestedCentres(samples:)``).
  case nystrom(centres: Int?)
  /// The exact solver when it fits the budgets, else Nyström (M as in `.nystrom`).
  case automatic(centres: Int?)
}

/// The size of a regression problem as the planner sees it.
public struct PlanningProblem: Sendable, Hashable {
  /// N, training samples (before augmentation).
  public var samples: Int
  /// d, input dimension.
  public var dimension: Int
  /// |G| (1 without a symmetry).
  public var groupOrder: Int
  /// The symmetry route (`nil` without a symmetry).
  public var route: SymmetryRoute?
  /// Ridges fitted at once (multi-ridge).
  public var ridges: Int

  /// Creates a problem description.
  public init(samples: Int, dimension: Int, groupOrder: Int = 1, route: SymmetryRoute? = nil, ridges: Int = 1) {
    self.samples = samples
    self.dimension = dimension
    self.groupOrder = max(groupOrder, 1)
    self.route = route
    self.ridges = max(ridges, 1)
  }
}

/// One solver's predicted peak memory and time.
public struct SolverEstimate: Sendable, Hashable {
  /// The solver.
  public let solver: PlannedSolver
  /// M for Nyström (base centres), `nil` otherwise.
  public let centres: Int?
  /// Whether Nyström keeps K_nm in memory.
  public let keepsKernelBlocks: Bool
  /// Peak bytes of the solver's large buffers (kernel matrices, factors, blocks, data).
  public let peakBytes: Int
  /// Predicted seconds for one fit.
  public let seconds: Double
  /// Whether it fits the memory and time budgets.
  public let fits: Bool
  /// The formula, in words.
  public let formula: String
}

/// A plan: every applicable solver's estimate and the one chosen.
public struct SolverPlan: Sendable, CustomStringConvertible {
  /// The problem planned for.
  public let problem: PlanningProblem
  /// The estimates, exact solvers first.
  public let estimates: [SolverEstimate]
  /// The chosen estimate.
  public let chosen: SolverEstimate
  /// The memory budget used, in bytes.
  public let memoryBudget: Int
  /// The time budget used, in seconds (`nil`: none).
  public let timeBudget: Double?

  /// A table: solver, peak memory, time, fits, formula; the choice marked.
  public var description: String {
    var lines = ["plan for N = \(problem.samples), d = \(problem.dimension), |G| = \(problem.groupOrder)"
      + (problem.route.map { ", route \($0)" } ?? "") + ", \(problem.ridges) ridge(s); budget "
      + MemoryBudget.format(bytes: memoryBudget) + (timeBudget.map { String(format: ", %.0f s", $0) } ?? "")]
    for e in estimates {
      let name = e.solver.rawValue + (e.centres.map { " M=\($0)" + (e.keepsKernelBlocks ? " kept" : " recomputed") } ?? "")
      lines.append(String(format: "%@ %-28@ peak %10@  time %9.3g s  %@  [%@]", e == chosen ? "→" : " ", name as NSString,
                          MemoryBudget.format(bytes: e.peakBytes) as NSString, e.seconds,
                          (e.fits ? "fits" : "does not fit") as NSString, e.formula as NSString))
    }
    return lines.joined(separator: "\n")
  }
}

/// Predicts peak memory and time of the dense, group-Fourier and Nyström solvers for a problem
/// size, from a calibrated model of the machine, and chooses one.
///
/// With F the BLAS-3 rate, E(d) the kernel-entry rate, B the memory bandwidth, g the kernel calls
/// per entry (|G| for the sum kernel, 1 otherwise), I the expected CG iterations, k the ridges:
///
/// ```
/// dense:         bytes 8N²  (sum kernel: 16N²)      time g N²/2 / E + N³/(3F)
/// explicit aug.: as dense with N|G| rows
/// groupFourier:  bytes 8(|G|+1)N²                   time |G| N²/E + 24 |G| log₂|G| N²/B + |G| N³/(3F)
/// nystrom:       S channels (|G| for .fourier), R = N (N|G| for explicit augmentation), C = M (M|G|)
///                bytes 8 S C² (2 + k) + (kept ? 8 S R C : 8 MiB)
///                time  S g C²/E + S (2 + k) C³/(3F)                       (K_mm, L, LᵀL, A per ridge)
///                      + (kept ? 1 : I) · S g R C / E                        (kernel blocks)
///                      + I · 16 S R C k' / B + I · 48 S C² k / B             (passes over K_nm, triangular solves)
///                k' = 1 for kept blocks (read from memory), 0.25 recomputed (the block is in cache),
///                1.5 kept in single precision (read 4 bytes, widen into a cached block); kept bytes 4 S R C
/// direct:        (NystromSolveMethod.direct; not .fourier or .augment) bytes 24 M² + 16 b M (two blocks of b rows)
///                time  g (M² + N M)/E + (2 N M² + (1 + k) M³/3)/F               (one pass, no iterations)
/// ```
///
/// `.automatic` takes the exact solver when it fits both budgets, else Nyström when it fits, and
/// refuses with the numbers otherwise. The largest uncertainty is I: the benchmark prints the
/// estimate with the measured iteration count beside the measured time.
public struct SolverPlanner: Sendable {
  /// The machine's constants.
  public var calibration: MachineCalibration
  /// Memory budget in bytes.
  public var memoryBudget: Int
  /// Time budget per fit in seconds (`nil`: none).
  public var timeBudget: Double?
  /// CG iterations assumed for Nyström (default 30).
  public var expectedIterations: Int

  /// Creates a planner.
  /// - Parameters:
  ///   - calibration: Machine constants (default ``MachineCalibration/reference``).
  ///   - memoryBudget: Bytes (default `MemoryBudget.bytes`).
  ///   - timeBudget: Seconds per fit, or `nil`.
  ///   - expectedIterations: CG iterations assumed.
  public init(calibration: MachineCalibration = .reference, memoryBudget: Int? = nil, timeBudget: Double? = nil,
              expectedIterations: Int = 30) {
    self.calibration = calibration
    self.memoryBudget = memoryBudget ?? MemoryBudget.bytes
    self.timeBudget = timeBudget
    self.expectedIterations = expectedIterations
  }

  private func fits(_ bytes: Int, _ seconds: Double) -> Bool {
    bytes <= memoryBudget && (timeBudget.map { seconds <= $0 } ?? true)
  }

  /// The exact solver's estimate for the route: dense, explicit augmentation, or group-Fourier.
  /// - Parameter p: The problem.
  /// - Returns: Its estimate.
  public func exactEstimate(_ p: PlanningProblem) -> SolverEstimate {
    let c = calibration
    let n = Double(p.samples), g = Double(p.groupOrder), f = c.blas3FlopsPerSecond
    let data = 8 * p.samples * (p.dimension + 2)
    switch p.route {
    case .fourier?:
      let bytes = 8 * (p.groupOrder + 1) * p.samples * p.samples + data
      let seconds = c.kernelSeconds(g * n * n, dimension: p.dimension) + 24 * g * log2(g) * n * n / c.memoryBytesPerSecond
        + g * n * n * n / (3 * f)
      return SolverEstimate(solver: .groupFourier, centres: nil, keepsKernelBlocks: false, peakBytes: bytes,
                            seconds: seconds, fits: fits(bytes, seconds),
                            formula: "|G| kernel blocks N², |G| Cholesky N³/3")
    case .augment?:
      let na = n * g
      let bytes = 8 * p.samples * p.groupOrder * p.samples * p.groupOrder + data * p.groupOrder
      let seconds = c.kernelSeconds(na * na / 2, dimension: p.dimension) + na * na * na / (3 * f)
      return SolverEstimate(solver: .dense, centres: nil, keepsKernelBlocks: false, peakBytes: bytes, seconds: seconds,
                            fits: fits(bytes, seconds), formula: "(N|G|)² kernel, Cholesky (N|G|)³/3")
    default:
      let calls = p.route == .sumKernel ? g : 1
      let bytes = (p.route == .sumKernel ? 16 : 8) * p.samples * p.samples + data
      let seconds = c.kernelSeconds(calls * n * n / 2, dimension: p.dimension) + n * n * n / (3 * f)
      return SolverEstimate(solver: .dense, centres: nil, keepsKernelBlocks: false, peakBytes: bytes, seconds: seconds,
                            fits: fits(bytes, seconds), formula: "N² kernel\(calls > 1 ? " × |G|" : ""), Cholesky N³/3")
    }
  }

  /// Nyström's estimate with M base centres.
  /// - Parameters:
  ///   - p: The problem.
  ///   - m: The number of centres M (argument label `centres`).
  ///   - storage: Kept, recomputed or automatic (kept when it fits the budget).
  ///   - iterations: CG iterations (default ``expectedIterations``).
  ///   - method: CG (the formula above) or ``NystromSolveMethod/direct`` (routes other than
  ///     `.fourier` and `.augment`): bytes 24 M² + a block, time g (M² + N M)/E + (2 N M² + (1 + k) M³/3)/F.
  ///   - keptCentres: r, the centres ``CentreRank`` keeps of the M sampled (`nil`: all M). The solve is
  ///     then planned with r centres, after the pivoted Cholesky of K_mm: g M²/E + 3 M² r/F seconds
  ///     (LAPACK's dpstrf runs near a third of the BLAS-3 rate at r ≪ M) and 8 M² bytes.
  /// - Returns: Its estimate.
  public func nystromEstimate(_ p: PlanningProblem, centres m: Int, storage: KernelStorage = .automatic,
                              iterations: Int? = nil, method: NystromSolveMethod = .conjugateGradient,
                              keptCentres: Int? = nil) -> SolverEstimate {
    if let r = keptCentres, r < m, r >= 1 {
      let solve = nystromEstimate(p, centres: r, storage: storage, iterations: iterations, method: method)
      let (mm, rr) = (Double(m), Double(r))
      let calls = Double(p.route == .sumKernel || p.route == .fourier ? p.groupOrder : 1)
      let seconds = solve.seconds + calibration.kernelSeconds(calls * mm * mm, dimension: p.dimension)
        + 3 * mm * mm * rr / calibration.blas3FlopsPerSecond
      let bytes = max(solve.peakBytes, 8 * m * m + 8 * p.samples * (p.dimension + 2))
      return SolverEstimate(solver: .nystrom, centres: r, keepsKernelBlocks: solve.keepsKernelBlocks, peakBytes: bytes,
                            seconds: seconds, fits: fits(bytes, seconds),
                            formula: solve.formula + ", \(r) of \(m) centres kept")
    }
    let c = calibration
    if method == .direct && p.route != .fourier && p.route != .augment {
      // One pass: kernel blocks once, Φ_bᵀ = L⁻¹K_bᵀ and G += Φ_bᵀΦ_b (trsm + syrk, 2 N M² flops), M³/3 per ridge.
      let (n, mm) = (Double(p.samples), Double(m))
      let calls = Double(p.route == .sumKernel ? p.groupOrder : 1)
      let block = max(1, min(p.samples, (8 << 20) / max(8 * m, 1)))
      let bytes = 24 * m * m + 16 * block * m + 8 * p.samples * (p.dimension + 2)
      let seconds = c.kernelSeconds(calls * (mm * mm + n * mm), dimension: p.dimension)
        + (2 * n * mm * mm + Double(1 + p.ridges) * mm * mm * mm / 3) / c.blas3FlopsPerSecond
      return SolverEstimate(solver: .nystrom, centres: m, keepsKernelBlocks: false, peakBytes: bytes, seconds: seconds,
                            fits: fits(bytes, seconds), formula: "direct: 2 N M² flops, M³/3 per ridge")
    }
    let iters = Double(iterations ?? expectedIterations)
    let explicit = p.route == .augment
    let s = p.route == .fourier ? p.groupOrder : 1
    let rows = explicit ? p.samples * p.groupOrder : p.samples
    let cols = explicit ? m * p.groupOrder : m
    let calls = Double(p.route == .sumKernel || p.route == .fourier ? p.groupOrder : 1)
    let k = p.ridges
    let fixed = 8 * s * cols * cols * (2 + k) + 8 * rows * (p.dimension + 2)
    let keptBytes = (storage == .keptSinglePrecision ? 4 : 8) * s * rows * cols
    let keep: Bool
    switch storage {
    case .kept, .keptSinglePrecision: keep = true
    case .recomputed: keep = false
    case .automatic: keep = fixed + keptBytes <= memoryBudget
    }
    let bytes = fixed + (keep ? keptBytes : 8 << 20)
    let (r, cc, ss) = (Double(rows), Double(cols), Double(s))
    let factor = ss * Double(2 + k) * cc * cc * cc / (3 * c.blas3FlopsPerSecond)
    let kernel = c.kernelSeconds(calls * ss * (cc * cc + (keep ? 1 : iters) * r * cc), dimension: p.dimension)
    let streamed = storage == .keptSinglePrecision ? 1.5 : (keep ? 1 : 0.25)  // single: read 4 bytes, write and read 8
    let passes = iters * (16 * ss * r * cc * streamed + 48 * ss * cc * cc * Double(k)) / c.memoryBytesPerSecond
    let seconds = factor + kernel + passes
    return SolverEstimate(solver: .nystrom, centres: m, keepsKernelBlocks: keep, peakBytes: bytes, seconds: seconds,
                          fits: fits(bytes, seconds),
                          formula: String(format: "%.0f CG iterations, %@ K_nm", iters, keep ? "kept" : "recomputed"))
  }

  /// Plans a fit: estimates every applicable solver and chooses per `request`.
  ///
  /// - Parameters:
  ///   - problem: N, d, |G|, route, ridges.
  ///   - request: `.dense`, `.nystrom(centres:)` or `.automatic(centres:)`.
  ///   - storage: Nyström's K_nm storage.
  ///   - method: How Nyström would solve (``NystromSolveMethod``; CG by default).
  /// - Returns: The plan (estimates and choice).
  /// - Throws: ``RegressionError`` `.exceedsMemoryBudget` when the requested solver (or, for
  ///   `.automatic`, every solver) does not fit, naming each solver's bytes and seconds and the
  ///   budgets; `.invalidConfiguration` for N < 1, d < 1 or M outside 1…N.
  /// - Complexity: O(1).
  public func plan(_ problem: PlanningProblem, request: SolverRequest, storage: KernelStorage = .automatic,
                   method: NystromSolveMethod = .conjugateGradient) throws(RegressionError) -> SolverPlan {
    var problems: [RegressionError.Problem] = []
    if problem.samples < 1 || problem.dimension < 1 {
      problems.append(.init(code: .invalidConfiguration, message:
        "The problem has N = \(problem.samples) samples in d = \(problem.dimension) dimensions; both must be at least 1."))
    }
    let requested: Int?
    switch request {
    case .dense: requested = nil
    case .nystrom(let m), .automatic(let m): requested = m
    }
    let m = requested ?? NystromKernelRidge<GaussianKernel>.suggestedCentres(samples: max(problem.samples, 1))
    if requested != nil && (m < 1 || m > problem.samples) {
      problems.append(.init(code: .invalidConfiguration, message:
        "The number of centres M is \(m); it must be between 1 and the number of samples N = \(problem.samples)."))
    }
    try Validation.throwIfAny(problems)
    let exact = exactEstimate(problem)
    let nystrom = nystromEstimate(problem, centres: m, storage: storage, method: method)
    let estimates = [exact, nystrom]
    let chosen: SolverEstimate?
    switch request {
    case .dense: chosen = exact.fits ? exact : nil
    case .nystrom: chosen = nystrom.fits ? nystrom : nil
    case .automatic: chosen = exact.fits ? exact : (nystrom.fits ? nystrom : nil)
    }
    guard let chosen else {
      let considered = request == .dense ? [exact] : (request == .nystrom(centres: requested) ? [nystrom] : estimates)
      let list = considered.map { e in
        "\(e.solver)\(e.centres.map { " with M = \($0)" } ?? "") needs \(e.peakBytes) bytes "
          + "(\(MemoryBudget.format(bytes: e.peakBytes))) and about \(String(format: "%.3g", e.seconds)) s"
      }.joined(separator: "; ")
      throw RegressionError(.exceedsMemoryBudget,
        "No solver fits the budget for N = \(problem.samples), d = \(problem.dimension), |G| = \(problem.groupOrder): "
        + "\(list); available: \(memoryBudget) bytes (\(MemoryBudget.format(bytes: memoryBudget)))"
        + (timeBudget.map { String(format: " and %.3g s", $0) } ?? "") + ". Use fewer samples or centres M, "
        + "recomputed kernel blocks, or raise the budget.")
    }
    return SolverPlan(problem: problem, estimates: estimates, chosen: chosen, memoryBudget: memoryBudget,
                      timeBudget: timeBudget)
  }
}
