// hydrogen-orbitals: learning curves on hydrogen orbital densities (arXiv 2605.28238, study 1).
//
//   swift run -c release hydrogen-orbitals [--seed S] [--sizes ...] [--repeats R] [--output DIR] [--quick]
//
// For the 1s, 2p_z and 3d_z² densities ρ(x, y, z) = |ψ|² (bohr⁻³) the exact symmetry groups are
// known: every real-orbital density is even in each coordinate, s densities are O(3) invariant and
// m = 0 densities are O(2) invariant about z. Variants, all exact (Gaussian-kernel KRR):
//
//   none        no symmetry
//   inversion   x → −x, |G| = 2                                (sum kernel)
//   sign-flips  Z2³: every coordinate sign flip, |G| = 8        (sum kernel)
//   o3 / o2     O(3) for 1s, O(2) about z for 2p_z and 3d_z²   (closed-form Haar-averaged kernel)
//
// An exact symmetry of order |G| should shift the log–log curve left by about log |G|.
// Writes <output>/hydrogen-1s.*, hydrogen-2p_z.*, hydrogen-3d_z2.* (JSON, CSV, SVG).
import ArgumentParser
import Datasets
import ExampleSupport
import Foundation
import LearningCurves
import LinearAlgebra
import Symmetries

@main
struct HydrogenOrbitalsExample: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hydrogen-orbitals",
    abstract: "Learning curves on the 1s, 2p_z and 3d_z² densities: none, inversion, Z2³, O(3)/O(2).")

  @OptionGroup var options: ExampleOptions

  @Option(help: "Orbitals to study, comma separated (names as in `symscale orbital`).")
  var orbitals = "1s,2p_z,3d_z2"

  func run() throws {
    let sizes = try options.resolvedSizes(default: [16, 32, 64, 128, 256, 512, 1024], quick: [16, 32, 64])
    let repeats = try options.resolvedRepeats(default: 5)
    let testCount = options.quick ? 300 : 2000
    let validationCount = options.quick ? 100 : 400

    for (index, name) in orbitals.split(separator: ",").map(String.init).enumerated() {
      // 1. The orbital and where its density lives. Points are drawn with uniform directions and
      //    radii from a Gamma law matched to the orbital's radial distribution (`.radialWeighted`).
      let orbital = try HydrogenOrbital(name: name)
      let sampler = try OrbitalSampler(orbital: orbital, region: .radialWeighted(scale: 1))
      let seed = options.seed &+ UInt64(1000 * index)
      var poolGenerator = SeededGenerator(seed: seed)
      var testGenerator = SeededGenerator(seed: seed &+ 1)
      let pool = try sampler.sample(count: sizes.max()! + validationCount, using: &poolGenerator)
      let test = try sampler.sample(count: testCount, using: &testGenerator)

      // 2. The orbital states its exact symmetries as data (Datasets knows nothing of Symmetries);
      //    here they become Symmetries values.
      let inversion = try Inversion(dimension: 3)
      let signFlips = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
      let continuous: (name: String, group: Rotations)
      switch orbital.symmetry.largestGroup {
      case .spherical: continuous = ("o3", try Rotations(.o3))
      case .axial(let axis):
        var a = [0.0, 0.0, 0.0]
        a[axis.rawValue] = 1
        continuous = ("o2", try Rotations(.o2(axis: a)))
      case .signFlips:
        throw ValidationError("\(name) has no continuous symmetry; choose an s orbital or one with m = 0.")
      }

      // 3. Variants. Length scales are set relative to the orbital's mean radius.
      let scale = sampler.meanRadius
      let grid = HyperparameterGrid(lengthScales: try HyperparameterGrid.logSpaced(0.1 * scale, 1.0 * scale, count: 5),
                                    ridges: [1e-10, 1e-8, 1e-6])
      let variants = [
        Variant.kernelRidge(name: "none", summary: "KRR, no symmetry", grid: grid),
        Variant.kernelRidge(name: "inversion", summary: "inversion x → −x (|G| = 2), sum kernel", grid: grid,
                            symmetry: inversion, route: .sumKernel),
        Variant.kernelRidge(name: "sign-flips", summary: "Z2³ sign flips (|G| = 8), sum kernel", grid: grid,
                            symmetry: signFlips, route: .sumKernel),
        Variant.kernelRidge(name: continuous.name, summary: "\(continuous.name == "o3" ? "O(3)" : "O(2) about z"), "
                              + "closed-form Haar-averaged Gaussian kernel", grid: grid,
                            symmetry: continuous.group, route: .haarKernel),
      ]
      let studyName = "hydrogen-" + name.replacingOccurrences(of: "²", with: "2")
      let study = try Study(
        name: studyName,
        summary: "Hydrogen \(orbital.name) density (bohr⁻³) at points with uniform directions and Gamma-distributed "
          + "radii (mean \(String(format: "%.2f", scale)) bohr); Gaussian-kernel KRR.",
        labelUnit: "bohr⁻³", pool: pool, test: test, sizes: sizes, repeats: repeats,
        validationCount: validationCount, seed: seed, variants: variants)
      try report(try StudyRunner.run(study), to: options.outputFolder)
    }
  }
}
