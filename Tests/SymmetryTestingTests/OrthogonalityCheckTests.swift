import Foundation
import LinearAlgebra
import Symmetries
import SymmetryTesting
import Testing

/// A symmetry whose second element acts about another point than the stated centre.
struct WrongCentre: FiniteLabelSymmetry {
  var elements: [OrthogonalAction] {
    [.identity(dimension: 2, centre: [1, 0]), OrthogonalAction(uncheckedMatrix: .diagonal([-1, -1]), centre: [0, 0])]
  }
  var dimension: Int { 2 }
  var centre: [Double] { [1, 0] }
  var isExact: Bool { true }
  var name: String { "inversion about the wrong point" }
}

@Suite struct OrthogonalityCheckTests {
  @Test("an element about another point is caught with the displaced centre")
  func wrongCentre() throws {
    let findings = OrthogonalityCheck().run(on: try SymmetryCheckSubject(symmetry: WrongCentre()))
    #expect(findings.count == 1)
    let f = try #require(findings.first)
    // −I about the origin sends (1, 0) to (−1, 0): displaced by 2; the element's centre is 1 away.
    #expect(f.elementIndex == 1 && f.observed == 2 && f.inputs == [[1, 0]])
    #expect(f.message.contains("moves the symmetry's centre [1, 0] to [-1, 0]"))
  }

  @Test("an element of the wrong size is reported, not a crash")
  func wrongSize() throws {
    let broken = ListedElements([.identity(2), .identity(3)])
    let findings = OrthogonalityCheck().run(on: try SymmetryCheckSubject(symmetry: broken))
    #expect(findings.count == 1)
    #expect(findings.first?.message.hasPrefix("Element 1 is 3 × 3 about a centre of length 3, but the symmetry acts on 2 coordinates") == true)
    // The other checks skip it instead of crashing.
    let report = try checkLabelSymmetry(broken, label: { $0[0] }, sample: Matrix(rows: [[1, 2]]), kernel: TestInputs.kernel)
    #expect(report.failedChecks == ["orthogonality"])
  }
}
