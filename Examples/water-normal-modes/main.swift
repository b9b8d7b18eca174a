// water-normal-modes: learning curves on 1D scans along water's three normal modes
// (arXiv 2605.28238, study 2).
//
//   swift run -c release water-normal-modes [--seed S] [--sizes ...] [--repeats R] [--output DIR] [--quick]
//
// Along each dimensionless normal coordinate q_k (the other two at 0) the energy V(q_k) is learned
// from N random points in [−1.5, 1.5]. The reflection q_k → −q_k is exact for the antisymmetric
// stretch q₃ (it exchanges the hydrogens) and approximate for q₁ and q₂, where odd force constants
// (φ₁₁₁, φ₂₂₂, …) break it. Variants (Gaussian-kernel KRR):
//
//   none                 no symmetry
//   reflection           q_k → −q_k with plain labels (exact for q₃: sum kernel; else group-Fourier)
//   reflection+taylor3   labels corrected by T₃(−q) − T₃(q) = −⅓ φ_kkk q³ (Hessian ω_k and φ_kkk)
//   delta                Δ-learning: KRR on V − T₃ (T₃ or not chosen on validation)
//   soft                 reflection+taylor3 with a copy ridge ε² chosen on validation
//   delta+soft           Δ on T₃ with the plain reflection, copy ridge chosen on validation
//
// Plain augmentation helps at small N and then flattens at a floor set by the odd terms; the
// Taylor correction lowers that floor. Writes <output>/water-mode-q1.*, -q2.*, -q3.*.
import ArgumentParser
import Datasets
import ExampleSupport
import Foundation
import LearningCurves
import LinearAlgebra
import Regression
import Symmetries

@main
struct WaterNormalModesExample: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "water-normal-modes",
    abstract: "Learning curves on 1D scans along water's normal modes: none, reflection, reflection + Taylor order 3.")

  @OptionGroup var options: ExampleOptions

  @Option(help: "Half-width of the scan interval in q (dimensionless).")
  var range = 1.5

  func run() throws {
    let sizes = try options.resolvedSizes(default: [4, 8, 16, 32, 64, 128, 256], quick: [4, 8, 16])
    let repeats = try options.resolvedRepeats(default: 5)
    let testCount = options.quick ? 200 : 1000
    let validationCount = options.quick ? 50 : 200

    // The surface, its normal modes (ω_k in cm⁻¹) and cubic force constants φ_ijk (cm⁻¹).
    let modes = try WaterNormalModes()
    let sampling = WaterSampling(modes: modes)
    let cm = WaterNormalModes.wavenumbersPerHartree
    let phi = try modes.cubicForceConstants()

    for mode in 1...3 {
      let k = mode - 1
      // 1D data: q_k uniform in [−range, range]; the other coordinates are 0. Labels in cm⁻¹.
      func draw(_ count: Int, seed: UInt64) throws -> Dataset {
        var g = SeededGenerator(seed: seed)
        let scan = try sampling.randomScan(mode: mode, range: -range...range, count: count, using: &g)
        return try Dataset(inputs: Matrix(column: scan.inputs.column(k)), labels: scan.labels.map { $0 * cm })
      }
      let seed = options.seed &+ UInt64(100 * mode)
      let pool = try draw(sizes.max()! + validationCount, seed: seed)
      let test = try draw(testCount, seed: seed &+ 1)

      // The reflection about q_k = 0, plain and with the third-order Taylor correction
      // (1 × 1 Hessian ω_k, one cubic constant φ_kkk).
      let plain: any FiniteLabelSymmetry = mode == 3
        ? try SignFlips(dimension: 1, coordinates: [0])
        : try ApproximateReflection(equilibrium: [0], coordinates: [0])
      let taylor3 = try TaylorCorrection(hessian: Matrix(rows: [[modes.wavenumbers[k]]]), cubicConstants: [phi[k, k, k]])
      let corrected = try ApproximateReflection(equilibrium: [0], coordinates: [0], correction: taylor3)

      // Diagnostics before training: the error of the augmented labels and the predicted floor.
      let energy: ([Double]) -> Double = { q in
        var full = [0.0, 0.0, 0.0]
        full[k] = q[0]
        return ((try? modes.energyAboveMinimum(normalCoordinates: full)) ?? .nan) * cm
      }
      let plainDiagnostics = try SymmetryDiagnostics(symmetry: plain, label: energy, sample: pool.inputs)
      let correctedDiagnostics = try SymmetryDiagnostics(symmetry: corrected, label: energy, sample: pool.inputs)

      let grid = HyperparameterGrid(lengthScales: try HyperparameterGrid.logSpaced(0.2, 2.0, count: 5),
                                    ridges: [1e-10, 1e-8, 1e-6])
      func model(_ symmetry: (any LabelSymmetry)? = nil, route: SymmetryRoute = .fourier) -> VariantModel {
        var m = VariantModel(grid: grid)
        m.symmetry = symmetry
        m.route = route
        return m
      }
      // Soft: the corrected reflection with a copy ridge ε² chosen on validation (0: full trust,
      // ∞: no symmetry). Δ: learn V − T₃ (plain reflected labels on the residual); T₃ or not, and the
      // copy ridge, chosen on validation.
      let t3 = try TaylorBaseline(taylor3, equilibrium: [0])
      var delta = model()
      delta.baseline = .init(baseline: t3, name: "taylor3")
      var soft = model(corrected)
      soft.trust = .copyRidges(TrustSearch.defaultCopyRidges)
      var deltaSoft = soft
      deltaSoft.baseline = .init(baseline: t3, name: "taylor3", residualSymmetry: try ApproximateReflection(equilibrium: [0], coordinates: [0]))
      let variants = [
        try Variant(name: "none", summary: "KRR, no symmetry", model: model()),
        try Variant(name: "reflection", summary: mode == 3 ? "exact reflection, sum kernel" : "approximate reflection, plain labels, group-Fourier",
                    model: model(plain, route: mode == 3 ? .sumKernel : .fourier), diagnostics: mode == 3 ? nil : plainDiagnostics),
        try Variant(name: "reflection+taylor3", summary: "reflection, Taylor order 3 labels, group-Fourier",
                    model: model(corrected), diagnostics: mode == 3 ? nil : correctedDiagnostics),
        try Variant(name: "delta", summary: "Δ-learning on T₃ (chosen on validation), no symmetry", model: delta),
        try Variant(name: "soft", summary: "reflection with Taylor-3 labels, copy ridge ε² chosen on validation", model: soft),
        try Variant(name: "delta+soft", summary: "Δ on T₃; reflection with plain labels, copy ridge ε² chosen on validation",
                    model: deltaSoft),
      ]
      let names = ["symmetric stretch", "bend", "antisymmetric stretch"]
      let study = try Study(
        name: "water-mode-q\(mode)",
        summary: "H2O Partridge–Schwenke surface along q\(mode) (\(names[k]), ω = \(String(format: "%.2f", modes.wavenumbers[k])) cm⁻¹), "
          + "q uniform in [−\(range), \(range)], other modes at 0; energies above the minimum in cm⁻¹; Gaussian-kernel KRR.",
        labelUnit: "cm⁻¹", pool: pool, test: test, sizes: sizes, repeats: repeats,
        validationCount: validationCount, seed: seed, variants: variants)
      try report(try StudyRunner.run(study), to: options.outputFolder)
    }
  }
}
