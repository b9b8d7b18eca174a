import Foundation
import LinearAlgebra
import Regression
import Symmetries
import SymmetryTesting
import Testing
import _TestSupport

/// A user-defined check (the extension point a route-agreement check will use): every element
/// is proper, det R = +1.
struct ProperElementsCheck: SymmetryCheck {
  var name: String { "proper elements" }
  var property: String { "Every element is a proper rotation, det R = +1." }
  var tolerance: SymmetryTolerancePolicy { .uniform(1e-12) }
  func isApplicable(to subject: SymmetryCheckSubject) -> Bool { subject.finite != nil }
  func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    subject.elementsUnderTest.enumerated().compactMap { k, g in
      let det = g.determinant
      return abs(det - 1) <= 1e-12 ? nil : SymmetryFinding(
        check: name, elementIndex: k, element: g, quantity: "det R", expected: 1, observed: det, tolerance: 1e-12,
        message: "Element \(k) is improper.")
    }
  }
}

@Suite struct SymmetryChecksTests {
  @Test("the standard suite lists nine named checks, each with a one-sentence property")
  func standardSuite() {
    #expect(SymmetryChecks.all.map(\.name) == ["group structure", "label character", "orthogonality", "Haar sampling",
                                               "correction consistency", "label invariance", "kernel invariance",
                                               "sector kernels", "route agreement"])
    for check in SymmetryChecks.all {
      #expect(check.property.hasSuffix("."))
      #expect(check.description == "\(check.name): \(check.property)")
    }
  }

  @Test("only the checks a subject can feed apply")
  func applicability() throws {
    let flips = try SignFlips(dimension: 2, coordinates: [0])
    let bare = try SymmetryCheckSubject(symmetry: flips)
    #expect(SymmetryChecks.all(for: bare).map(\.name) == ["group structure", "orthogonality"])
    let full = try SymmetryCheckSubject(symmetry: flips, label: { $0[1] }, sample: TestInputs.sample(5, around: [0, 0], seed: 1),
                                        kernel: TestInputs.kernel)
    #expect(SymmetryChecks.all(for: full).map(\.name) == ["group structure", "orthogonality", "correction consistency",
                                                          "label invariance", "kernel invariance", "route agreement"])
    let o2 = try SymmetryCheckSubject(symmetry: try Rotations(.o2(axis: [0, 0, 1])))
    #expect(SymmetryChecks.all(for: o2).map(\.name) == ["orthogonality", "Haar sampling"])
  }

  @Test("a report lists skipped checks and passes when nothing is found")
  func skippedChecks() throws {
    let report = try checkLabelSymmetry(try Inversion(dimension: 2), label: nil, sample: TestInputs.sample(5, around: [0, 0], seed: 2))
    #expect(report.passed)
    #expect(report.checksSkipped == ["label character", "Haar sampling", "label invariance", "kernel invariance",
                                     "sector kernels", "route agreement"])
    #expect(report.description == "inversion: all 3 checks passed (group structure, orthogonality, correction consistency); "
              + "skipped (not applicable): label character, Haar sampling, label invariance, kernel invariance, "
              + "sector kernels, route agreement.")
  }

  @Test("a user-defined check runs through the entry point and its findings appear in the report")
  func customCheck() throws {
    let sample = TestInputs.sample(5, around: [0, 0], seed: 3)
    let report = try checkLabelSymmetry(try Inversion(dimension: 3), label: nil, sample: TestInputs.sample(5, around: [0, 0, 0], seed: 3),
                                        checks: SymmetryChecks.all + [ProperElementsCheck()])
    #expect(report.failedChecks == ["proper elements"])
    let f = try #require(report.findings.first)
    #expect(f.elementIndex == 1 && f.observed == -1)  // −I in 3D
    #expect(report.description.hasPrefix("inversion: 1 issue(s) in proper elements"))
    // Matrices print 0, not -0 (the inversion's off-diagonal entries are −0).
    #expect(report.description.contains("\n  1. [proper elements] element 1 (OrthogonalAction(R = [[-1, 0, 0], [0, -1, 0], [0, 0, -1]], centre = [0.0, 0.0, 0.0]))"))
    #expect(!report.description.contains("-0"))
    // In 2D, −I = R(π) is proper.
    #expect(try checkLabelSymmetry(try Inversion(dimension: 2), label: nil, sample: sample,
                                   checks: [ProperElementsCheck()]).passed)
  }

  @Test("an approximate symmetry without a stated bound is held to 10 % of |f(g·x)|")
  func defaultApproximateBound() throws {
    // Uncorrected reflection of the test polynomial at r = 0.5: errors up to ~0.45, labels ~1.
    let mirror = try ApproximateReflection(equilibrium: Polynomial.equilibrium, coordinates: [0])
    let sample = TestInputs.sample(30, around: Polynomial.equilibrium, radius: 0.5, seed: 4)
    let report = try checkLabelSymmetry(mirror, label: Polynomial.value, sample: sample)
    let f = try #require(report.findings(of: "label invariance").first)
    expectClose(f.tolerance, 0.1 * max(1, abs(f.expected)), relative: 1e-15)
    #expect(f.difference > f.tolerance)
  }
}
