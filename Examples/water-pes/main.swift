// water-pes: learning curves on water's full 3D potential energy surface (arXiv 2605.28238, study 3).
//
//   swift run -c release water-pes [--seed S] [--sizes 16,32,...] [--repeats R] [--output DIR] [--quick]
//
// Inputs are the three dimensionless normal coordinates q = (q₁, q₂, q₃) of H₂¹⁶O on the
// Partridge–Schwenke surface; labels are energies above the minimum in cm⁻¹. Nine variants:
//
//   none                KRR on the N samples
//   q3                  the exact q₃ → −q₃ symmetry (H–H exchange), |G| = 2, sum kernel
//   sign-flips          all Z2³ reflections q_k → −q_k, plain labels (approximate), |G| = 8, group-Fourier
//   sign-flips+taylor3  the same with labels corrected to third order (Hessian + cubic force constants)
//   delta               Δ-learning: KRR on V − T₃, T₃ added back (T₃ or not chosen on validation)
//   soft                q₃ exact in the kernel; q₁, q₂ reflections with Taylor-3 labels whose copies carry
//                       a ridge λ + ε², ε² chosen on validation (0 = trust fully, ∞ = ignore the copies)
//   delta+soft          the same on V − T₃ with plain reflected labels (Δ on or off chosen on validation)
//   gp                  a Gaussian process (signal variance, length scale and noise by the marginal likelihood,
//                       one seeded restart), no symmetry; run up to N = --gp-maximum-size (default 512)
//   gp+q3               the same with the exact q₃ reflection in the kernel (sum kernel), up to the same size
//
// Writes <output>/water-pes.json, .csv and .svg and prints slopes, efficiency factors and floors.
//
//   swift run -c release water-pes --large [--centres M] [--all-centres] [--time-budget S] [--sizes ...] [--output DIR]
//
// --large continues the curves of none, q3 and soft past the dense solver: N = 4096 … 131 072, one repeat,
// a fixed length scale (1.82, chosen at N = 2048 by the default run) and the ridges 1e-10, 1e-8, 1e-6
// on validation (with all four length scales, the 400 validation samples chose ℓ = 1 at N = 8192 to
// 65 536 and the test error was 5–10 times worse: Results.md).
// The solver is `auto`: per size the planner (Regression's SolverPlanner) takes dense KRR while its
// predicted time fits --time-budget seconds per fit (default 20), else Nyström with M = --centres
// (default 8192) solved directly, keeping the centres a pivoted Cholesky finds independent
// (CentreRank.numerical: about 700 of 8192 here, 2 N r² flops; --all-centres keeps all M, 2 N M²).
// The soft variant (as in the default study) runs by Nyström at every size, on the augmented rows
// with every (λ, ε²) from one pass (NystromKernelRidge.fitCopyRidgeGrid). Writes water-pes-large.*.
import ArgumentParser
import Datasets
import ExampleSupport
import Foundation
import LearningCurves
import LinearAlgebra
import Regression
import Symmetries

@main
struct WaterPESExample: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "water-pes",
    abstract: "Learning curves on water's 3D potential energy surface: none, exact q₃, Z2³ plain and Taylor-corrected, Δ, soft, GP.")

  @OptionGroup var options: ExampleOptions

  @Option(help: "Largest training size of the Gaussian-process variants (each fit costs tens of N³ likelihood evaluations).")
  var gpMaximumSize = 512

  @Flag(help: "Continue none, q3 and soft past the dense solver (N up to 131 072) with the planner choosing dense or Nyström per size (soft: Nyström at every size).")
  var large = false

  @Option(help: "Nyström centres M with --large (capped at N).")
  var centres = 8192

  @Flag(help: "With --large, keep all M centres (CentreRank.all) instead of the numerically independent ones.")
  var allCentres = false

  @Option(help: "Seconds per fit the planner allows the dense solver with --large before it takes Nyström.")
  var timeBudget = 20.0

  func validate() throws {
    if !large && (centres != 8192 || timeBudget != 20 || allCentres) {
      throw ValidationError("--centres, --all-centres and --time-budget are for --large.")
    }
    if centres < 1 { throw ValidationError("--centres is \(centres); use at least 1.") }
    if !(timeBudget > 0) { throw ValidationError("--time-budget is \(timeBudget); use a number of seconds > 0.") }
  }

  func run() throws {
    if large { return try runLarge() }
    let sizes = try options.resolvedSizes(default: [16, 32, 64, 128, 256, 512, 1024, 2048], quick: [16, 32, 64])
    let repeats = try options.resolvedRepeats(default: 5)
    let testCount = options.quick ? 300 : 2000
    let validationCount = options.quick ? 100 : 400

    // 1. The physics: equilibrium, harmonic wavenumbers ω_k and dimensionless normal coordinates of
    //    H₂¹⁶O on the Partridge–Schwenke surface (a Newton minimisation and a 9 × 9 Hessian).
    let modes = try WaterNormalModes()
    let cm = WaterNormalModes.wavenumbersPerHartree  // cm⁻¹ per hartree

    // 2. The data: pool and test set drawn independently (two seeds) from a Gaussian in q (see `draw`).
    func draw(_ count: Int, seed: UInt64) throws -> Dataset { try Self.draw(count, seed: seed, modes: modes) }
    let pool = try draw(sizes.max()! + validationCount, seed: options.seed)
    let test = try draw(testCount, seed: options.seed &+ 1)

    // 3. The symmetries, in q coordinates about the minimum q = 0.
    //    q₃ → −q₃ is exact: a sign flip of coordinate 2.
    let q3 = try SignFlips(dimension: 3, coordinates: [2])
    //    All eight reflections are only approximate for q₁ and q₂ (the surface has odd terms there).
    let plain = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2])
    //    The Taylor correction ỹ(Rq) = V(q) − T₃(q) + T₃(Rq) removes the quadratic and cubic terms'
    //    contribution to the symmetry breaking: T₃ uses the Hessian diag(ω) and the cubic force
    //    constants φ_ijk, both in cm⁻¹ in dimensionless normal coordinates.
    let phi = try modes.cubicForceConstants()
    let taylor3 = try TaylorCorrection(hessian: .diagonal(modes.wavenumbers), cubicConstants: phi.values)
    let corrected = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2], correction: taylor3)

    // 4. Before training: how wrong are the augmented labels, and where will each curve flatten?
    let energy: ([Double]) -> Double = { q in ((try? modes.energyAboveMinimum(normalCoordinates: q)) ?? .nan) * cm }
    let diagnosticSample = pool.inputs.rows(at: 0..<min(pool.count, 1000))
    let plainDiagnostics = try SymmetryDiagnostics(symmetry: plain, label: energy, sample: diagnosticSample)
    let correctedDiagnostics = try SymmetryDiagnostics(symmetry: corrected, label: energy, sample: diagnosticSample)
    print(String(format: "augmented-label error, mean over the pool: plain %.3g cm⁻¹ (predicted floor %.3g), "
                 + "Taylor order 3 %.3g cm⁻¹ (predicted floor %.3g)",
                 plainDiagnostics.meanAbsoluteError, plainDiagnostics.predictedFloor,
                 correctedDiagnostics.meanAbsoluteError, correctedDiagnostics.predictedFloor))

    // 5. The variants: Gaussian-kernel KRR, (length scale, ridge) chosen per size on held-out pool data.
    //    Exact symmetries keep the ridge small (noise-free labels); approximate ones get larger ridges
    //    to choose from, since augmented labels that are off by ε act like noise of size ε.
    let exactGrid = HyperparameterGrid(lengthScales: try HyperparameterGrid.logSpaced(1.0, 6.0, count: 4),
                                       ridges: [1e-10, 1e-8, 1e-6])
    let approximateGrid = HyperparameterGrid(lengthScales: [1.5, 3, 6], ridges: [1e-8, 1e-6, 1e-4, 1e-2])
    func model(_ grid: HyperparameterGrid, _ symmetry: (any LabelSymmetry)? = nil,
               route: SymmetryRoute = .sumKernel) -> VariantModel {
      var m = VariantModel(grid: grid)
      m.symmetry = symmetry
      m.route = route
      return m
    }

    //    Soft symmetries (the data choose how far to trust the broken reflections): q₃ stays exact,
    //    inside the kernel (the sum kernel over q₃ → −q₃); the reflections of q₁ and q₂ are augmented
    //    with Taylor-3 labels through the group-Fourier route, their copies carrying the ridge λ + ε²
    //    with ε² chosen on validation among 0 (full trust), 1e-6 … 1 and ∞ (q₃ alone).
    let q1q2Corrected = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1], correction: taylor3)
    let q1q2Plain = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1])
    //    Their grid is the exact one without ℓ = 1 and λ = 1e-6: in the 80 soft and Δ + soft runs of
    //    the default study on the full grid (seed 260528238) validation chose ℓ = 1 never and
    //    λ = 1e-6 twice; dropping them halves the cost of the two variants (each candidate is a
    //    group-Fourier solve, and Δ + soft fits every one with and without T₃) and keeps the study
    //    under 10 minutes.
    let softGrid = HyperparameterGrid(lengthScales: Array(exactGrid.lengthScales.dropFirst()), ridges: [1e-10, 1e-8])
    var soft = model(softGrid, q1q2Corrected, route: .fourier)
    soft.exactSymmetry = q3
    soft.trust = .copyRidges(TrustSearch.defaultCopyRidges)
    //    Δ-learning: learn V − T₃ and add T₃ back. The residual's Taylor polynomial vanishes through
    //    order 3, so its reflected copies take plain labels; whether to subtract T₃ at all is chosen
    //    on validation too.
    let t3 = try TaylorBaseline(taylor3, equilibrium: [0, 0, 0])
    var delta = model(exactGrid)
    delta.baseline = .init(baseline: t3, name: "taylor3")
    var deltaSoft = soft
    deltaSoft.baseline = .init(baseline: t3, name: "taylor3", residualSymmetry: q1q2Plain)
    let residualDiagnostics = try SymmetryDiagnostics(symmetry: plain, label: energy, baseline: t3, sample: diagnosticSample)
    print(String(format: "on the residual V − T₃, plain Z2³ labels err by %.3g cm⁻¹ (predicted floor of the hard symmetry %.3g)",
                 residualDiagnostics.meanAbsoluteError, residualDiagnostics.predictedFloor))

    var variants = [
      try Variant(name: "none", summary: "KRR, no symmetry", model: model(exactGrid)),
      try Variant(name: "q3", summary: "exact q₃ reflection, sum kernel (|G| = 2)", model: model(exactGrid, q3)),
      try Variant(name: "sign-flips", summary: "all Z2³ reflections, plain labels, group-Fourier (|G| = 8)",
                  model: model(approximateGrid, plain, route: .fourier), diagnostics: plainDiagnostics),
      try Variant(name: "sign-flips+taylor3", summary: "all Z2³ reflections, Taylor order 3 labels, group-Fourier",
                  model: model(approximateGrid, corrected, route: .fourier), diagnostics: correctedDiagnostics),
      try Variant(name: "delta", summary: "Δ-learning on T₃ (chosen on validation), no symmetry", model: delta),
      try Variant(name: "soft", summary: "q₃ exact; q₁, q₂ reflections with Taylor-3 labels and a copy ridge ε² chosen on validation",
                  model: soft),
      try Variant(name: "delta+soft", summary: "Δ on T₃; q₃ exact; q₁, q₂ reflections with a copy ridge ε² chosen on validation",
                  model: deltaSoft),
    ]
    //  Gaussian processes: (c, ℓ, noise) by the marginal likelihood on the N samples (one seeded restart
    //  besides the start at the grid's middle), calibration recorded. Capped in size: a fit is tens of
    //  likelihood evaluations, each a Cholesky factorisation and an inverse of size N.
    func gaussianProcess(_ name: String, _ symmetry: SignFlips?, _ what: String) throws -> Variant {
      var gp = model(exactGrid, symmetry)
      gp.regressor = .gaussianProcess(restarts: 1)
      gp.seed = options.seed
      let cap = gpMaximumSize < sizes.max()! ? "; run up to N = \(gpMaximumSize) (time)" : ""
      var variant = try Variant(name: name, summary: "GP, \(what); hyperparameters by the marginal likelihood" + cap,
                                model: gp)
      variant.maximumSize = gpMaximumSize
      return variant
    }
    variants += [try gaussianProcess("gp", nil, "no symmetry"),
                 try gaussianProcess("gp+q3", q3, "exact q₃ reflection, sum kernel (|G| = 2)")]

    // 6. The study: nested training sets per repeat, the same draws for every variant.
    let study = try Study(
      name: "water-pes",
      summary: "H2O Partridge–Schwenke surface in dimensionless normal coordinates; Gaussian sampling (σ = 1/√2 per mode, "
        + "E ≤ 12000 cm⁻¹); energies above the minimum in cm⁻¹; Gaussian-kernel KRR.",
      labelUnit: "cm⁻¹", pool: pool, test: test, sizes: sizes, repeats: repeats,
      validationCount: validationCount, seed: options.seed, variants: variants)
    let result = try StudyRunner.run(study)
    try report(result, to: options.outputFolder)
  }

  /// Samples from a Gaussian in q with standard deviation 1/√2 per mode — the spread of the
  /// vibrational ground state |ψ₀(q)|² ∝ exp(−q²), and a symmetric distribution, so reflections map it
  /// onto itself — keeping geometries up to 12 000 cm⁻¹ above the minimum. Labels in cm⁻¹.
  static func draw(_ count: Int, seed: UInt64, modes: WaterNormalModes) throws -> Dataset {
    let cm = WaterNormalModes.wavenumbersPerHartree
    var generator = SeededGenerator(seed: seed)
    var d = try WaterSampling(modes: modes).gaussian(count: count, standardDeviations: Array(repeating: 0.5.squareRoot(), count: 3),
                                                     energyCutoff: 12_000 / cm, using: &generator)
    d.labels = d.labels.map { $0 * cm }
    return d
  }

  /// `--large`: none and q3 past N = 2048, the solver chosen per size by the planner.
  func runLarge() throws {
    // Quick: two small sizes and a budget so small that the planner switches between them.
    let sizes = try options.resolvedSizes(default: [4096, 8192, 16_384, 32_768, 65_536, 131_072], quick: [256, 512])
    let repeats = try options.resolvedRepeats(default: 1)
    let (testCount, validationCount) = options.quick ? (300, 100) : (2000, 400)
    let modes = try WaterNormalModes()
    let pool = try Self.draw(sizes.max()! + validationCount, seed: options.seed, modes: modes)
    let test = try Self.draw(testCount, seed: options.seed &+ 1, modes: modes)
    let q3 = try SignFlips(dimension: 3, coordinates: [2])
    // One length scale (the one N = 2048 chose in the default run; see the header). The ridges cost
    // one r³/3 Cholesky each and share the pass over the rows (2 N r² flops with r kept centres).
    let grid = HyperparameterGrid(lengthScales: [try HyperparameterGrid.logSpaced(1.0, 6.0, count: 4)[1]],
                                  ridges: [1e-10, 1e-8, 1e-6])
    func model(_ symmetry: SignFlips?) -> VariantModel {
      var m = VariantModel(grid: grid)
      m.symmetry = symmetry
      m.solver = .automatic(centres: options.quick ? 128 : centres)
      m.planner = SolverPlanner(timeBudget: options.quick ? 0.002 : timeBudget)
      m.nystromMethod = .direct
      m.centreRank = allCentres ? .all : .numerical
      m.seed = options.seed
      return m
    }
    let what = "solver auto (dense while it fits \(options.quick ? 0.002 : timeBudget) s per fit, else Nyström, direct, "
      + (allCentres ? "all centres)" : "numerically independent centres)")
    // soft, as in the default study (q₃ exact in the kernel, q₁ and q₂ reflections with Taylor-3 labels
    // whose copies carry λ + ε², ε² chosen on validation), always by Nyström on the augmented rows:
    // every (λ, ε²) from one pass (NystromKernelRidge.fitCopyRidgeGrid). The dense group-Fourier solve
    // of the default study would cost |G| = 4 eigendecompositions of order N per length scale.
    let phi = try modes.cubicForceConstants()
    let taylor3 = try TaylorCorrection(hessian: .diagonal(modes.wavenumbers), cubicConstants: phi.values)
    let q1q2Corrected = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1], correction: taylor3)
    var soft = model(nil)
    soft.symmetry = q1q2Corrected
    soft.route = .fourier
    soft.exactSymmetry = q3
    soft.trust = .copyRidges(TrustSearch.defaultCopyRidges)
    soft.solver = .nystrom(centres: options.quick ? 128 : centres)
    let variants = [
      try Variant(name: "none", summary: "KRR, no symmetry; " + what, model: model(nil)),
      try Variant(name: "q3", summary: "exact q₃ reflection, sum kernel (|G| = 2); " + what, model: model(q3)),
      try Variant(name: "soft", summary: "q₃ exact; q₁, q₂ reflections with Taylor-3 labels and a copy ridge ε² chosen "
                    + "on validation; Nyström on the augmented rows at every size (M = \(options.quick ? 128 : centres), "
                    + (allCentres ? "all centres)" : "numerically independent centres)"), model: soft),
    ]
    let study = try Study(
      name: "water-pes-large",
      summary: "H2O Partridge–Schwenke surface as water-pes, past the dense solver: ℓ fixed, λ ∈ {1e-10, 1e-8, 1e-6} "
        + "on validation, \(repeats) repeat(s); per size the planner chooses dense KRR or Nyström (M = \(options.quick ? 128 : centres)).",
      labelUnit: "cm⁻¹", pool: pool, test: test, sizes: sizes, repeats: repeats,
      validationCount: validationCount, seed: options.seed, variants: variants)
    let result = try StudyRunner.run(study)
    try report(result, to: options.outputFolder)
    for v in result.variants {
      for run in v.runs {
        print(String(format: "%@ N = %6d: solver %@, MAE %.4g cm⁻¹, fit %.3g s per candidate, selection %.3g s",
                     v.name as NSString, run.n, (run.hyperparameters.choice("solver") ?? "dense") as NSString, run.metrics.mae,
                     run.fitSeconds, run.selectionSeconds))
      }
    }
  }
}
