import Foundation
import LinearAlgebra
import Regression
import Symmetries
import SymmetryTesting
import Testing
import _TestSupport

/// A Z2² sign-flip group that claims the usual element order (bit i flips coordinate i) but lists
/// its elements in another order: the group is fine, the promise the Fourier route relies on is not.
private struct MisorderedSignFlips: FiniteLabelSymmetry {
  let dimension = 2
  let isExact = true
  let name = "misordered sign flips"
  let centre = [0.0, 0.0]
  var signFlipCoordinates: [Int]? { [0, 1] }
  let elements: [OrthogonalAction] = [
    .init(uncheckedMatrix: Matrix.diagonal([1, 1]), centre: [0, 0]),
    .init(uncheckedMatrix: Matrix.diagonal([1, -1]), centre: [0, 0]),  // should flip coordinate 0
    .init(uncheckedMatrix: Matrix.diagonal([-1, 1]), centre: [0, 0]),
    .init(uncheckedMatrix: Matrix.diagonal([-1, -1]), centre: [0, 0]),
  ]
}

@Suite struct RouteAgreementCheckTests {
  static let sample = TestInputs.sample(30, around: [0, 0, 0], radius: 1.5, seed: 4)
  static let even: @Sendable ([Double]) -> Double = { x in cos(x[0]) * cos(2 * x[1]) + x[2] * x[2] }

  @Test("sign flips: augmentation, the sum kernel and the group-Fourier solve agree, so the check passes")
  func signFlipsAgree() throws {
    let subject = try SymmetryCheckSubject(symmetry: try SignFlips(dimension: 3, coordinates: [0, 1, 2]), label: Self.even,
                                           sample: Self.sample, kernel: GaussianKernel(lengthScale: 0.8))
    let check = RouteAgreementCheck()
    #expect(check.isApplicable(to: subject))
    #expect(check.run(on: subject).isEmpty)
  }

  @Test("a Taylor-corrected approximate reflection: augmentation and Fourier agree (the sum kernel does not apply)")
  func approximateAgrees() throws {
    let taylor = try TaylorCorrection(hessian: .diagonal([2, 3, 1]))
    let z2 = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1], correction: taylor)
    let cubic: @Sendable ([Double]) -> Double = { x in x[0] * x[0] + 1.5 * x[1] * x[1] + 0.3 * x[0] * x[0] * x[0] + x[2] }
    let subject = try SymmetryCheckSubject(symmetry: z2, label: cubic, sample: Self.sample, kernel: GaussianKernel(lengthScale: 0.8))
    #expect(RouteAgreementCheck().run(on: subject).isEmpty)
  }

  @Test("elements listed out of the promised sign-flip order are caught: the Fourier route refuses them")
  func misordered() throws {
    let sample2 = TestInputs.sample(20, around: [0, 0], radius: 1, seed: 5)
    let report = try checkLabelSymmetry(MisorderedSignFlips(), label: { x in x[0] * x[0] + x[1] * x[1] },
                                        sample: sample2, kernel: GaussianKernel(lengthScale: 1), seed: 1)
    #expect(report.failedChecks == ["route agreement"])
    let finding = try #require(report.findings.first)
    #expect(finding.quantity == "route .fourier")
    #expect(finding.message.hasPrefix("The .fourier route refused or failed where it should apply:"))
  }
}
