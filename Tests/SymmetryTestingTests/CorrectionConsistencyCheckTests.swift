import Foundation
import LinearAlgebra
import Symmetries
import SymmetryTesting
import Testing

/// f(x) = x₀ + b x₀²: odd under x₀ → −x₀ up to the even part, corrected exactly by
/// c(x) = f(−x) − χ f(x) = 2b x₀² (test-only). With `signed: false` the same correction is
/// stated for an even label, where it does not compose.
struct OddWithEvenBreaking: FiniteLabelSymmetry {
  static let b = 0.4
  let flip = try! SignFlips(dimension: 1, coordinates: [0])
  let signed: Bool
  var elements: [OrthogonalAction] { flip.elements }
  var dimension: Int { 1 }
  var centre: [Double] { [0] }
  var isExact: Bool { false }
  var name: String { "odd up to b x₀²" }
  var signFlipCoordinates: [Int]? { [0] }
  var labelCharacter: [Double] { signed ? [1, -1] : [1, 1] }
  func labelCorrection(for element: OrthogonalAction, at x: [Double]) -> Double {
    element.isIdentity() ? 0 : 2 * Self.b * x[0] * x[0]
  }
  @Sendable static func label(_ x: [Double]) -> Double { x[0] + b * x[0] * x[0] }
}

@Suite struct CorrectionConsistencyCheckTests {
  static let sample = Matrix(column: [0.3, -0.7, 1.1, 2.0])

  @Test("with an odd label the corrections compose as c_{g∘h}(x) = χ(g) c_h(x) + c_g(h·x), and the corrected label is exact")
  func signedCocycle() throws {
    let subject = try SymmetryCheckSubject(symmetry: OddWithEvenBreaking(signed: true), label: OddWithEvenBreaking.label,
                                           sample: Self.sample, labelBound: 1e-12)
    #expect(CorrectionConsistencyCheck().run(on: subject).isEmpty)
    #expect(LabelInvarianceCheck().run(on: subject).isEmpty)
  }

  @Test("the same correction for an even label breaks the composition rule, by 4b x₀² at the worst point")
  func unsignedFails() throws {
    let subject = try SymmetryCheckSubject(symmetry: OddWithEvenBreaking(signed: false), label: OddWithEvenBreaking.label,
                                           sample: Self.sample)
    let findings = CorrectionConsistencyCheck().run(on: subject)
    let f = try #require(findings.first { $0.elementIndex == 1 && $0.quantity.contains("h = element 1") })
    #expect(f.inputs == [[2.0]] && f.expected == 0)
    #expect(abs(f.observed - 4 * OddWithEvenBreaking.b * 4) < 1e-12)
    #expect(f.message.hasSuffix("write the correction as c_g(x) = F(g·x) − F(x) for one function F."))
  }
}
