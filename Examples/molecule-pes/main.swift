// molecule-pes: learning curves on a molecule's own ab initio surface — formaldehyde H₂CO at
// RHF/cc-pVDZ, 3000 PySCF energies (arXiv 2605.28238, study 4; Documentation/YourMolecule.md).
//
//   swift run -c release molecule-pes [--seed S] [--sizes 16,32,...] [--repeats R] [--output DIR] [--quick]
//
// Everything the study needs comes from a quantum-chemistry output: the equilibrium with its
// Hessian (normal modes, point group), the Hessians at 24 displaced geometries (cubic force
// constants) and energies at geometries sampled in the normal coordinates (Data/, copies of the
// MoleculesTests fixtures). Inputs are the six dimensionless normal coordinates q; labels are the
// energies above the minimum in cm⁻¹. The point group C2v is found automatically: its exact group
// in q flips {q4}, {q5 q6} and {q4 q5 q6} (q4 the out-of-plane B1 wag, q5/q6 the in-plane B2
// modes); every other single flip qₖ → −qₖ is approximate, broken by the odd anharmonic terms.
// Five variants (Gaussian-kernel KRR, hyperparameters chosen per size on held-out data):
//
//   none                 KRR on the N samples
//   exact                the exact group (order 4) in the kernel: the sum kernel Σ_h k(q, h·q′)
//   soft                 exact in the kernel; the approximate flips of q1, q2, q3, q5 (with the exact
//                        group: every single flip) with Taylor-3 labels, each copy carrying a ridge
//                        λ + ε², ε² chosen on validation (0 = trust fully, ∞ = exact alone)
//   delta+soft           the same on V − T₃ with plain reflected labels (T₃ subtracted or not:
//                        chosen on validation)
//   sign-flips+taylor3   all 64 single-flip combinations Z2⁶ with Taylor-3 labels, group-Fourier,
//                        trusted fully (the hard approximate symmetry, no exact kernel)
//
// Writes <output>/molecule-pes.json, .csv and .svg and prints slopes, efficiency factors and floors.
import ArgumentParser
import Datasets
import ExampleSupport
import Foundation
import LearningCurves
import LinearAlgebra
import Molecules
import Regression
import Symmetries

// Top-level entry rather than @main: the target has a second source file (SwiftPM's generated
// accessor of the Data/ resources), and @main is not allowed beside a file named main.swift.
struct MoleculePESExample: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "molecule-pes",
    abstract: "Learning curves on formaldehyde's RHF/cc-pVDZ surface: none, exact, soft, delta+soft, Z2⁶ + Taylor order 3.")

  @OptionGroup var options: ExampleOptions

  /// A file of this example's data folder (a resource of the target, so `Tests/` is never read).
  static func data(_ name: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: "Data/" + name, withExtension: nil) else {
      throw ValidationError("The example's data file Data/\(name) is missing from its resource bundle; rebuild the package.")
    }
    return url
  }

  func run() throws {
    let sizes = try options.resolvedSizes(default: [16, 32, 64, 128, 256, 512, 1024], quick: [16, 32, 64])
    let repeats = try options.resolvedRepeats(default: 5)
    let testCount = options.quick ? 300 : 800
    let validationCount = options.quick ? 100 : 300

    // 1. The molecule: equilibrium, Hessian and energy from the quantum-chemistry output. The
    //    analysis projects out translations and rotations, finds the point group and the modes'
    //    irreducible representations, and defines the dimensionless normal coordinates q.
    let molecule = try Molecule(contentsOf: Self.data("formaldehyde.json"))
    let modes = try NormalModeAnalysis(molecule)
    print("\(molecule.species.joined(separator: " ")): point group \(modes.pointGroup.name), modes "
          + zip(modes.modeSymmetries, modes.wavenumbers).enumerated().map { k, m in
            "q\(k + 1) \(m.0.irrep ?? "?") \(String(format: "%.0f", m.1))"
          }.joined(separator: ", ") + " cm⁻¹")

    // 2. The data: 3000 energies at geometries drawn from qₖ ~ N(0, ½), turned into q (each frame
    //    put in the Eckart frame of the equilibrium) and energies above the minimum in cm⁻¹. The
    //    test set is split off with the seed; the rest is the pool of training and validation
    //    samples — the same split as `symscale learning-curve` on these files.
    let frames = try ExtendedXYZ.read(contentsOf: Self.data("formaldehyde_energies.xyz"))
    let data = try modes.dataset(frames: frames, energyKey: "energy_hartree", energyUnit: .hartree)
    var splitter = SeededGenerator(seed: options.seed).derived(0x7E57)
    let (test, pool) = try data.split(firstCount: testCount, using: &splitter)

    // 3. The symmetries in q, found from the point group.
    //    Exact: the point group acting on q, {I, flip q4, flip (q5, q6), flip (q4, q5, q6)}. Not a
    //    sign-flip group of single coordinates, so it goes inside the kernel (sum kernel).
    let exact = try modes.exactSymmetry()
    //    Approximate: single flips about the minimum. Beside the exact group, q6's flip is already
    //    flip q5 ∘ flip (q5, q6), so q1, q2, q3, q5 complete it to all of Z2⁶ without a duplicate copy.
    let softModes = modes.complementaryFlippableModes
    print("exact group in q: order \(exact.order), sign flips "
          + modes.exactSignFlips.map { "{" + $0.map { "q\($0 + 1)" }.joined(separator: " ") + "}" }.joined(separator: " ")
          + "; approximate flips beside it: " + softModes.map { "q\($0 + 1)" }.joined(separator: " "))
    //    The Taylor correction ỹ(Rq) = V(q) − T₃(q) + T₃(Rq), with T₃ from H₀ = diag(ω) and the cubic
    //    force constants φᵢⱼₖ, got by central differences of the displaced Hessians (cm⁻¹).
    let phi = try modes.anharmonicConstants(from: molecule.displacedHessians)
    let taylor2 = try modes.taylorCorrection(order: 2)
    let taylor3 = try modes.taylorCorrection(order: 3, constants: phi)
    let softCorrected = try modes.approximateReflections(modes: softModes, correction: taylor3)
    let softPlain = try modes.approximateReflections(modes: softModes)
    let allFlips = try modes.approximateReflections(modes: Array(0..<modes.modeCount), correction: taylor3)

    // 4. Before training: how far is the surface from its Taylor polynomials over the pool?
    var harmonicError = 0.0, cubicError = 0.0
    for i in 0..<pool.count {
      let q = pool.inputs.row(i)
      harmonicError += abs(pool.labels[i] - taylor2.value(at: q))
      cubicError += abs(pool.labels[i] - taylor3.value(at: q))
    }
    print(String(format: "pool: mean energy %.0f cm⁻¹, mean |V − T₂| %.1f cm⁻¹, mean |V − T₃| %.1f cm⁻¹",
                 pool.labels.reduce(0, +) / Double(pool.count), harmonicError / Double(pool.count),
                 cubicError / Double(pool.count)))

    // 5. The variants. q is dimensionless with spread 1/√2 per mode, and the surface is smooth over
    //    it: validation picks length scales of 3 to 24 (wide kernels, nearly polynomial) and, for
    //    these noise-free energies, ridges down to 1e-12 (with a full run on one repeat, ℓ = 1.5 and
    //    λ = 1e-4 were almost never chosen). The same grid is the `molecule` source's default in
    //    study configurations. Copy ridges ε² (the soft trust) are searched among 0, 1e-6 … 1 and ∞.
    let grid = HyperparameterGrid(lengthScales: [3, 6, 12, 24], ridges: [1e-12, 1e-10, 1e-8, 1e-6, 1e-4])
    func model(_ symmetry: (any LabelSymmetry)? = nil, route: SymmetryRoute = .sumKernel) -> VariantModel {
      var m = VariantModel(grid: grid)
      m.symmetry = symmetry
      m.route = route
      return m
    }
    var soft = model(softCorrected, route: .fourier)
    soft.exactSymmetry = exact
    soft.trust = .copyRidges(TrustSearch.defaultCopyRidges)
    //    Δ-learning: learn V − T₃ and add T₃ back; the residual's Taylor polynomial vanishes through
    //    order 3, so its reflected copies take plain labels.
    var deltaSoft = soft
    deltaSoft.baseline = .init(baseline: try TaylorBaseline(taylor3, equilibrium: Array(repeating: 0, count: modes.modeCount)),
                               name: "taylor3", residualSymmetry: softPlain)

    let variants = [
      try Variant(name: "none", summary: "KRR, no symmetry", model: model()),
      try Variant(name: "exact", summary: "the exact C2v group in q (order 4), sum kernel", model: model(exact)),
      try Variant(name: "soft", summary: "exact group in the kernel; flips of q1, q2, q3, q5 with Taylor-3 labels, copy ridge ε² chosen on validation",
                  model: soft),
      try Variant(name: "delta+soft", summary: "Δ on T₃ (chosen on validation); exact group in the kernel; plain flips, copy ridge chosen on validation",
                  model: deltaSoft),
      try Variant(name: "sign-flips+taylor3", summary: "all Z2⁶ single flips with Taylor-3 labels, group-Fourier, full trust (|G| = 64)",
                  model: model(allFlips, route: .fourier)),
    ]

    // 6. The study: nested training sets per repeat, the same draws for every variant.
    let study = try Study(
      name: "molecule-pes",
      summary: "H2CO at RHF/cc-pVDZ (PySCF): \(data.count) energies at geometries drawn from q_k ~ N(0, 1/2) in the "
        + "dimensionless normal coordinates, energies above the minimum in cm⁻¹; point group and symmetries found from "
        + "the Hessian, cubic constants from 24 displaced Hessians; Gaussian-kernel KRR.",
      labelUnit: "cm⁻¹", pool: pool, test: test, sizes: sizes, repeats: repeats,
      validationCount: validationCount, seed: options.seed, variants: variants)
    let result = try StudyRunner.run(study)
    try report(result, to: options.outputFolder)
  }
}

MoleculePESExample.main()
