// custom-symmetry: define a label symmetry of your own, check it, and measure what it buys.
//
//   swift run -c release custom-symmetry [--seed S] [--sizes ...] [--repeats R] [--output DIR] [--quick]
//
// The system: a particle on a plane in a potential with three-fold symmetry, like an atom above a
// triangular site,
//
//   V(x, y) = r² + cos(3φ)·exp(−r²),   r² = x² + y²,  φ = atan2(y, x),
//
// which is invariant under rotations by 120° about the origin — the cyclic group C₃, which the
// package does not ship (it is not a reflection group and its elements are not involutions).
// Steps: (1) conform to `FiniteLabelSymmetry`; (2) let SymmetryTesting check the contract;
// (3) run a learning-curve study: none, C₃ by the sum kernel, C₃ by explicit augmentation.
// Writes <output>/custom-c3.json, .csv and .svg.
import ArgumentParser
import Datasets
import ExampleSupport
import Foundation
import LearningCurves
import LinearAlgebra
import Regression
import Symmetries
import SymmetryTesting

// MARK: 1. The symmetry

/// The cyclic group C₃ of rotations by 0°, 120° and 240° about the origin of the plane.
///
/// A conformer lists its elements (identity first) as `OrthogonalAction`s — an orthogonal matrix
/// and the centre it fixes — and says whether the labels are exactly invariant. That is all the
/// routes need: explicit augmentation applies the elements to the data; the sum kernel adds
/// k(x, g·x′) over them.
struct ThreeFoldRotation: FiniteLabelSymmetry {
  let dimension = 2
  let isExact = true
  let name = "C3 rotations about the origin"
  let centre = [0.0, 0.0]
  let elements: [OrthogonalAction]

  init() throws {
    elements = try (0..<3).map { k in
      let a = 2 * Double.pi * Double(k) / 3
      return try OrthogonalAction(matrix: Matrix(rows: [[cos(a), -sin(a)], [sin(a), cos(a)]]), centre: [0, 0])
    }
  }
}

/// The potential: three-fold symmetric by construction.
func potential(_ p: [Double]) -> Double {
  let r2 = p[0] * p[0] + p[1] * p[1]
  return r2 + cos(3 * atan2(p[1], p[0])) * exp(-r2)
}

@main
struct CustomSymmetryExample: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "custom-symmetry",
    abstract: "Define a C₃ symmetry, check it with SymmetryTesting, and compare learning curves.")

  @OptionGroup var options: ExampleOptions

  func run() throws {
    let c3 = try ThreeFoldRotation()

    // MARK: 2. Check the contract before trusting it
    // `checkLabelSymmetry` runs every applicable check: identity first, closure, inverses, stated
    // order, orthogonal elements fixing the centre, label invariance on sample points, and the
    // kernel's invariance. A failure names the check, the element, the input and the numbers.
    var g = SeededGenerator(seed: options.seed)
    let probe = try g.uniformMatrix(rows: 50, columns: 2, low: -2, high: 2)
    let report = try checkLabelSymmetry(c3, label: potential, sample: probe, kernel: GaussianKernel(lengthScale: 1))
    print(report)
    guard report.passed else { throw ExitCode.failure }

    // MARK: 3. Data and study
    let sizes = try options.resolvedSizes(default: [8, 16, 32, 64, 128, 256, 512], quick: [8, 16, 32])
    let repeats = try options.resolvedRepeats(default: 5)
    let validationCount = options.quick ? 50 : 200
    func draw(_ count: Int, _ generator: inout SeededGenerator) throws -> Dataset {
      let x = try generator.uniformMatrix(rows: count, columns: 2, low: -2, high: 2)
      return try Dataset(inputs: x, labels: (0..<count).map { potential(x.row($0)) })
    }
    var poolGenerator = SeededGenerator(seed: options.seed &+ 1)
    var testGenerator = SeededGenerator(seed: options.seed &+ 2)
    let pool = try draw(sizes.max()! + validationCount, &poolGenerator)
    let test = try draw(options.quick ? 300 : 2000, &testGenerator)

    let grid = HyperparameterGrid(lengthScales: try HyperparameterGrid.logSpaced(0.2, 1.5, count: 5), ridges: [1e-10, 1e-8, 1e-6])
    let study = try Study(
      name: "custom-c3",
      summary: "V(x, y) = r² + cos(3φ) exp(−r²) on [−2, 2]², uniform sampling; a user-defined C₃ symmetry.",
      labelUnit: "energy units", pool: pool, test: test, sizes: sizes, repeats: repeats,
      validationCount: validationCount, seed: options.seed,
      variants: [
        try Variant(name: "none", summary: "KRR, no symmetry", model: VariantModel(grid: grid)),
        try Variant(name: "c3-kernel", summary: "C₃ by the sum kernel (|G| = 3)",
                    model: VariantModel(grid: grid, symmetry: c3, route: .sumKernel)),
        try Variant(name: "c3-augment", summary: "C₃ by explicit augmentation (3N rows)",
                    model: VariantModel(grid: grid, symmetry: c3, route: .augment)),
      ])
    try ExampleSupport.report(try StudyRunner.run(study), to: options.outputFolder)
  }
}
