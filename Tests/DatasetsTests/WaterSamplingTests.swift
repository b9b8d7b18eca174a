import Foundation
import LinearAlgebra
import Testing
import _TestSupport
@testable import Datasets

@Suite("Seeded water samplers in normal coordinates")
struct WaterSamplingTests {
  let sampling = WaterSampling(modes: sharedModes)

  @Test("a grid scan covers the range evenly along one mode with the energies of the surface", arguments: 1...3)
  func gridScan(mode: Int) throws {
    let d = try sampling.scan(mode: mode, range: -2...2, count: 9)
    #expect(d.count == 9 && d.dimension == 3)
    for i in 0..<9 {
      let q = d.inputs.row(i)
      expectClose(q[mode - 1], -2 + 0.5 * Double(i), absolute: 1e-15)
      for k in 0..<3 where k != mode - 1 { #expect(q[k] == 0) }
      // Labels: energy above the minimum from the surface itself (hartree).
      let geometry = try sharedModes.geometry(normalCoordinates: q)
      let expected = try PartridgeSchwenke().energy(r1: geometry.r1, r2: geometry.r2, theta: geometry.theta) - sharedModes.equilibrium.energy
      expectClose(d.labels[i], expected, absolute: 1e-13)
    }
    // The minimum is at the middle point; the even part of V at q = ±0.5 is harmonic, ω/8,
    // up to the quartic term (the cubic term cancels in the average).
    #expect(abs(d.labels[4]) < 1e-15)
    let harmonic = 0.5 * sharedModes.frequencies[mode - 1] * 0.25
    expectClose((d.labels[3] + d.labels[5]) / 2, harmonic, relative: 0.02)
  }

  @Test("a scan along q₃ is exactly symmetric, scans along q₁ and q₂ are not")
  func scanSymmetry() throws {
    let d3 = try sampling.scan(mode: 3, range: -1.5...1.5, count: 7)
    for i in 0..<3 { #expect(abs(d3.labels[i] - d3.labels[6 - i]) <= 1e-14) }
    let d1 = try sampling.scan(mode: 1, range: -1.5...1.5, count: 7)
    #expect(abs(d1.labels[0] - d1.labels[6]) > 1e-4)
    let d2 = try sampling.scan(mode: 2, range: -1.5...1.5, count: 7)
    #expect(abs(d2.labels[0] - d2.labels[6]) > 1e-5)
  }

  @Test("a single-point scan sits at the middle of the range")
  func singlePoint() throws {
    let d = try sampling.scan(mode: 2, range: 1...3, count: 1)
    #expect(d.inputs.row(0) == [0, 2, 0])
  }

  @Test("random scans are reproducible from the seed and stay in the range")
  func randomScan() throws {
    var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5), c = SeededGenerator(seed: 6)
    let d1 = try sampling.randomScan(mode: 2, range: -1...3, count: 20, using: &a)
    let d2 = try sampling.randomScan(mode: 2, range: -1...3, count: 20, using: &b)
    let d3 = try sampling.randomScan(mode: 2, range: -1...3, count: 20, using: &c)
    #expect(d1 == d2)
    #expect(d1 != d3)
    for i in 0..<20 {
      let q = d1.inputs.row(i)
      #expect(q[1] >= -1 && q[1] < 3 && q[0] == 0 && q[2] == 0)
      expectClose(d1.labels[i], try sharedModes.energyAboveMinimum(normalCoordinates: q), absolute: 0)
    }
  }

  @Test("Gaussian sampling is seeded, has the requested spread, and honours the cut-off")
  func gaussian() throws {
    var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
    let d = try sampling.gaussian(count: 400, standardDeviations: [0.5, 1, 0.25], using: &a)
    #expect(d == (try sampling.gaussian(count: 400, standardDeviations: [0.5, 1, 0.25], using: &b)))
    for (k, sigma) in [0.5, 1, 0.25].enumerated() {
      let column = d.inputs.column(k)
      let sd = (column.reduce(0) { $0 + $1 * $1 } / Double(column.count)).squareRoot()
      expectClose(sd, sigma, relative: 0.12, "standard deviation of q\(k + 1)")
    }
    var g = SeededGenerator(seed: 10)
    let cut = 0.01
    let kept = try sampling.gaussian(count: 50, standardDeviations: [1.5, 1.5, 1.5], energyCutoff: cut, using: &g)
    #expect(kept.count == 50)
    #expect(kept.labels.allSatisfy { $0 <= cut })
    for i in 0..<5 {
      expectClose(kept.labels[i], try sharedModes.energyAboveMinimum(normalCoordinates: kept.inputs.row(i)), absolute: 0)
    }
    // Without the cut-off the same draws exceed it sometimes (so the cut-off did reject).
    var h = SeededGenerator(seed: 10)
    let all = try sampling.gaussian(count: 50, standardDeviations: [1.5, 1.5, 1.5], using: &h)
    #expect(all.labels.contains { $0 > cut })
  }

  @Test("box sampling stays in the box and zero width fixes a coordinate")
  func box() throws {
    var g = SeededGenerator(seed: 11)
    let d = try sampling.box(count: 100, halfWidths: [1, 2, 0], energyCutoff: 0.05, using: &g)
    #expect(d.count == 100)
    for i in 0..<100 {
      let q = d.inputs.row(i)
      #expect(abs(q[0]) <= 1 && abs(q[1]) <= 2 && q[2] == 0)
      #expect(d.labels[i] <= 0.05)
    }
  }

  @Test("optional gradients are ∂V/∂q of the labels (checked by independent central differences)")
  func gradients() throws {
    var g = SeededGenerator(seed: 15)
    let d = try sampling.gaussian(count: 6, standardDeviations: [0.7, 0.7, 0.7], energyCutoff: 0.03,
                                  includeGradients: true, using: &g)
    let gradients = try #require(d.gradients)
    #expect(gradients.rows == 6 && gradients.columns == 3)
    let h = 1e-4
    for i in 0..<6 {
      for k in 0..<3 {
        var plus = d.inputs.row(i), minus = plus
        plus[k] += h
        minus[k] -= h
        let estimate = (try sharedModes.energyAboveMinimum(normalCoordinates: plus)
                        - sharedModes.energyAboveMinimum(normalCoordinates: minus)) / (2 * h)
        expectClose(gradients[i, k], estimate, absolute: 1e-9)
      }
    }
    #expect(try sampling.scan(mode: 1, range: 0...1, count: 2).gradients == nil)
    let scan = try sampling.scan(mode: 3, range: -1...1, count: 3, includeGradients: true)
    // At q = 0 the gradient vanishes; by the exact q₃ symmetry ∂V/∂q₁ is even in q₃ and
    // ∂V/∂q₃ is odd.
    expectClose(scan.gradients!.row(1), [0, 0, 0], absolute: 1e-10)
    expectClose(scan.gradients![0, 2], -scan.gradients![2, 2], absolute: 1e-12)
    expectClose(scan.gradients![0, 0], scan.gradients![2, 0], absolute: 1e-12)
  }

  // MARK: - Errors

  @Test("a cut-off that leaves no samples throws, naming the cut-off and the lowest energy seen")
  func cutoffRejectsAll() {
    var g = SeededGenerator(seed: 12)
    let error = #expect(throws: DatasetError.self) {
      try sampling.box(count: 5, halfWidths: [1, 1, 1], energyCutoff: -0.001, maximumAttempts: 50, using: &g)
    }
    #expect(error?.code == .samplingFailed)
    let text = error?.description ?? ""
    #expect(text.hasPrefix("The energy cut-off -0.001 hartree kept 0 of 5 samples wanted after 50 draws; the lowest energy seen was "))
    #expect(text.hasSuffix(" hartree above the minimum. Raise the cut-off, narrow the sampling widths, or allow more attempts."))
    // The lowest energy it names is a real, positive energy of one of the draws.
    let number = text.components(separatedBy: "lowest energy seen was ").last?.components(separatedBy: " ").first
    #expect((number.flatMap(Double.init) ?? -1) > 0)
  }

  @Test("bad scan parameters are all reported at once")
  func scanErrors() {
    let error = #expect(throws: DatasetError.self) { try sampling.scan(mode: 4, range: -1...Double.infinity, count: 0) }
    #expect(error?.code == .invalidParameter)
    #expect(error?.description == "Invalid water scan: mode 4 is out of range 1...3 (1 symmetric stretch, 2 bend, 3 antisymmetric stretch); count 0 must be at least 1; range -1.0...inf must be finite (dimensionless q, e.g. -3...3).")
  }

  @Test("bad widths, counts and cut-offs throw with the value and the valid range")
  func samplerErrors() {
    var g = SeededGenerator(seed: 13)
    let count = #expect(throws: DatasetError.self) { try sampling.gaussian(count: 2, standardDeviations: [1, 1], using: &g) }
    #expect(count?.description == "Water sampling needs 3 standard deviations (q1, q2, q3), got 2.")
    let negative = #expect(throws: DatasetError.self) { try sampling.box(count: 2, halfWidths: [1, -1, 1], using: &g) }
    #expect(negative?.description == "The half widths [1.0, -1.0, 1.0] must be finite and non-negative (dimensionless q; 1 is the zero-point amplitude).")
    let zero = #expect(throws: DatasetError.self) { try sampling.box(count: 0, halfWidths: [1, 1, 1], using: &g) }
    #expect(zero?.description == "Sample count 0 must be at least 1.")
    let nan = #expect(throws: DatasetError.self) { try sampling.gaussian(count: 2, standardDeviations: [1, 1, 1], energyCutoff: .nan, using: &g) }
    #expect(nan?.description == "Energy cut-off is NaN; pass an energy above the minimum in hartree (e.g. 0.05 ≈ 11 000 cm⁻¹) or nil for no cut-off.")
    let attempts = #expect(throws: DatasetError.self) { try sampling.gaussian(count: 5, standardDeviations: [1, 1, 1], energyCutoff: 1, maximumAttempts: 2, using: &g) }
    #expect(attempts?.description == "maximumAttempts 2 must be at least the sample count 5.")
  }

  @Test("a count over the memory budget, up to Int.max, is refused before any draw or allocation",
        arguments: [1_000_000_000_000, Int.max])
  func hugeCounts(count: Int) {
    var g = SeededGenerator(seed: 1)
    let gaussian = caughtDatasetError { _ = try sampling.gaussian(count: count, standardDeviations: [1, 1, 1], using: &g) }
    #expect(gaussian?.code == .invalidParameter)
    #expect(gaussian?.description.hasPrefix("Sample count \(count) needs ") == true)
    #expect(gaussian?.description.contains("(4 numbers per sample), above the memory budget of ") == true)
    #expect(gaussian?.description.hasSuffix("(MemoryBudget.bytes); ask for at most \(MemoryBudget.bytes / 32) samples.") == true)
    let scan = caughtDatasetError { _ = try sampling.scan(mode: 1, range: -1...1, count: count) }
    #expect(scan?.description.hasPrefix("Invalid water scan: sample count \(count) needs ") == true)
  }
}
