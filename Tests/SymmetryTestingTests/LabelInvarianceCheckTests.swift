import Foundation
import LinearAlgebra
import Symmetries
import SymmetryTesting
import Testing

@Suite struct LabelInvarianceCheckTests {
  @Test("a label that returns NaN off the sample is a finding, not a pass")
  func nanLabel() throws {
    let flip = try SignFlips(dimension: 1, coordinates: [0])
    let subject = try SymmetryCheckSubject(symmetry: flip, label: { x in x[0] < 0 ? .nan : 1 },
                                           sample: Matrix(rows: [[0.5], [1.5]]))
    let findings = LabelInvarianceCheck().run(on: subject)
    #expect(findings.count == 1)
    #expect(findings.first?.expected.isNaN == true)
    #expect(findings.first?.message.hasPrefix("2 of 2 sample points differ") == true)
  }

  @Test("a stated bound replaces the default tolerance for approximate symmetries only")
  func statedBound() throws {
    let mirror = try ApproximateReflection(equilibrium: [0], coordinates: [0])
    let sample = try Matrix(rows: [[0.1], [0.2]])
    let label: @Sendable ([Double]) -> Double = { x in x[0] }  // error |x − (−x)| = 2|x| ≤ 0.4
    let check = LabelInvarianceCheck()
    #expect(check.run(on: try SymmetryCheckSubject(symmetry: mirror, label: label, sample: sample, labelBound: 0.4)).isEmpty)
    let tight = check.run(on: try SymmetryCheckSubject(symmetry: mirror, label: label, sample: sample, labelBound: 0.3))
    #expect(tight.count == 1 && tight.first?.tolerance == 0.3 && tight.first?.inputs == [[0.2]])
    #expect(tight.first?.message.hasPrefix("1 of 2 sample points differ (the worst is shown). The corrected label misses the bound") == true)
  }
}
