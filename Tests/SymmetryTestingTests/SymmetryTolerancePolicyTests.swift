import Foundation
import LinearAlgebra
import Symmetries
import SymmetryTesting
import Testing

@Suite struct SymmetryTolerancePolicyTests {
  @Test("the tolerance policy picks the exact or the approximate value")
  func tolerancePolicy() {
    let policy = SymmetryTolerancePolicy(exact: 1e-9, approximate: 0.1)
    #expect(policy.tolerance(isExact: true) == 1e-9 && policy.tolerance(isExact: false) == 0.1)
    #expect(SymmetryTolerancePolicy.uniform(2).tolerance(isExact: false) == 2)
    #expect(policy.description == "1e-09 (exact), 0.1 (approximate)")
  }
}
