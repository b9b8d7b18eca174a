// water-pes: learning curves on water's full 3D potential energy surface (arXiv 2605.28238, study 3).
//
//   swift run -c release water-pes [--seed S] [--sizes 16,32,...] [--repeats R] [--output DIR] [--quick]
//
// Inputs are the three dimensionless normal coordinates q = (q₁, q₂, q₃) of H₂¹⁶O on the
// Partridge–Schwenke surface; labels are energies above the minimum in cm⁻¹. Four variants:
//
//   none                KRR on the N samples
//   q3                  the exact q₃ → −q₃ symmetry (H–H exchange), |G| = 2, sum kernel
//   sign-flips          all Z2³ reflections q_k → −q_k, plain labels (approximate), |G| = 8, group-Fourier
//   sign-flips+taylor3  the same with labels corrected to third order (Hessian + cubic force constants)
//
// Writes <output>/water-pes.json, .csv and .svg and prints slopes, efficiency factors and floors.
import ArgumentParser
import Datasets
import ExampleSupport
import Foundation
import LearningCurves
import LinearAlgebra
import Symmetries

@main
struct WaterPESExample: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "water-pes",
    abstract: "Learning curves on water's 3D potential energy surface: none, exact q₃, Z2³ plain, Z2³ + Taylor order 3.")

  @OptionGroup var options: ExampleOptions

  func run() throws {
    let sizes = try options.resolvedSizes(default: [16, 32, 64, 128, 256, 512, 1024, 2048], quick: [16, 32, 64])
    let repeats = try options.resolvedRepeats(default: 5)
    let testCount = options.quick ? 300 : 2000
    let validationCount = options.quick ? 100 : 400

    // 1. The physics: equilibrium, harmonic wavenumbers ω_k and dimensionless normal coordinates of
    //    H₂¹⁶O on the Partridge–Schwenke surface (a Newton minimisation and a 9 × 9 Hessian).
    let modes = try WaterNormalModes()
    let cm = WaterNormalModes.wavenumbersPerHartree  // cm⁻¹ per hartree
    let sampling = WaterSampling(modes: modes)

    // 2. The data: pool and test set drawn independently (two seeds) from a Gaussian in q with
    //    standard deviation 1/√2 per mode — the spread of the vibrational ground state |ψ₀(q)|² ∝ exp(−q²), and a symmetric distribution, so reflections map it onto itself —
    //    keeping geometries up to 12 000 cm⁻¹ above the minimum. Labels are converted to cm⁻¹.
    func draw(_ count: Int, seed: UInt64) throws -> Dataset {
      var generator = SeededGenerator(seed: seed)
      var d = try sampling.gaussian(count: count, standardDeviations: Array(repeating: 0.5.squareRoot(), count: 3), energyCutoff: 12_000 / cm,
                                    using: &generator)
      d.labels = d.labels.map { $0 * cm }
      return d
    }
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
    let variants = [
      Variant.kernelRidge(name: "none", summary: "KRR, no symmetry", grid: exactGrid),
      Variant.kernelRidge(name: "q3", summary: "exact q₃ reflection, sum kernel (|G| = 2)", grid: exactGrid,
                          symmetry: q3, route: .sumKernel),
      Variant.kernelRidge(name: "sign-flips", summary: "all Z2³ reflections, plain labels, group-Fourier (|G| = 8)",
                          grid: approximateGrid, symmetry: plain, route: .fourier, diagnostics: plainDiagnostics),
      Variant.kernelRidge(name: "sign-flips+taylor3", summary: "all Z2³ reflections, Taylor order 3 labels, group-Fourier",
                          grid: approximateGrid, symmetry: corrected, route: .fourier, diagnostics: correctedDiagnostics),
    ]

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
}
