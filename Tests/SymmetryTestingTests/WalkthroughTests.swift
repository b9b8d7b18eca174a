import Foundation
import LinearAlgebra
import Regression
import Symmetries
import SymmetryTesting
import Testing

/// The conformer of the "test your own symmetry" walkthrough in
/// `Sources/SymmetryTesting/Documentation.docc/SymmetryTesting.md`, kept compiling and checked here.
struct ThreefoldRotation: FiniteLabelSymmetry {
  let elements: [OrthogonalAction]
  var dimension: Int { 3 }
  var centre: [Double] { [0, 0, 0] }
  var isExact: Bool { true }
  var name: String { "C3 about z" }

  /// The rotations by 0, 120° and 240° about z (or only the first `count`, to show a failure).
  init(count: Int = 3) throws {
    elements = try (0..<count).map { k in
      try OrthogonalAction(matrix: Rotations.rotation(axis: [0, 0, 1], angle: 2 * Double.pi * Double(k) / 3))
    }
  }
}

@Suite struct WalkthroughTests {
  /// z + Re((x + iy)³) = z + x³ − 3xy², invariant under rotations by 120° about z.
  static let label: @Sendable ([Double]) -> Double = { p in p[2] + p[0] * p[0] * p[0] - 3 * p[0] * p[1] * p[1] }

  static var sample: Matrix {
    get throws {
      var generator = SeededGenerator(seed: 7)
      return try generator.uniformMatrix(rows: 20, columns: 3, low: -1, high: 1)
    }
  }

  @Test("the walkthrough's threefold rotation passes with its invariant label")
  func passes() throws {
    let report = try checkLabelSymmetry(try ThreefoldRotation(), label: Self.label, sample: Self.sample,
                                        kernel: GaussianKernel(lengthScale: 1), seed: 1)
    #expect(report.passed, "\(report)")
    #expect(report.description == "C3 about z: all 6 checks passed (group structure, orthogonality, correction "
              + "consistency, label invariance, kernel invariance, route agreement); skipped (not applicable): label character, "
              + "Haar sampling, sector kernels.")
  }

  @Test("the walkthrough's incomplete list fails closure and inverses, as printed there")
  func incomplete() throws {
    let report = try checkLabelSymmetry(try ThreefoldRotation(count: 2), label: Self.label, sample: Self.sample,
                                        kernel: GaussianKernel(lengthScale: 1), seed: 1)
    #expect(report.failedChecks == ["group structure", "route agreement"])
    #expect(report.findings.count == 3)
    #expect(report.description.hasPrefix("C3 about z: 3 issue(s) in group structure, route agreement"))
  }

  @Test("the walkthrough's Swift Testing usage records nothing for a good symmetry")
  func expectation() throws {
    let report = expectLabelSymmetry(try ThreefoldRotation(), label: Self.label, sample: try Self.sample,
                                     kernel: GaussianKernel(lengthScale: 1))
    #expect(report?.passed == true)
  }
}
