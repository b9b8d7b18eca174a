import Foundation
import LinearAlgebra
import Symmetries
import SymmetryTesting
import Testing

@Suite struct SymmetryFindingTests {
  @Test("a finding renders check, element, inputs, expected, observed and tolerance")
  func findingDescription() {
    let g = OrthogonalAction(uncheckedMatrix: .diagonal([-1, 1]), centre: [0, 0])
    let f = SymmetryFinding(check: "label invariance", elementIndex: 1, element: g, inputs: [[0.5, 0.25]],
                            quantity: "f(x) = f(g·x)", expected: 0.25, observed: 0.75, tolerance: 1e-9, message: "Fix it.")
    #expect(f.difference == 0.5)
    #expect(f.description == "[label invariance] element 1 (OrthogonalAction(R = [[-1, 0], [0, 1]], centre = [0.0, 0.0])), "
              + "input [0.5, 0.25]: expected f(x) = f(g·x) = 0.25 within tolerance 1e-09, found it to differ: observed 0.75 "
              + "(|difference| 0.5). Fix it.")
    let bare = SymmetryFinding(check: "c", quantity: "q", expected: 1, observed: .nan, tolerance: 0, message: "m")
    #expect(bare.difference.isNaN)
    #expect(bare.description == "[c] expected q = 1 within tolerance 0, found it to differ: observed nan (|difference| nan). m")
  }
}
