import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct ApproximateReflectionTests {
  @Test("an approximate reflection is the Z2^m sign-flip group about the equilibrium, marked inexact")
  func groupAboutEquilibrium() throws {
    let s = try ApproximateReflection(equilibrium: [1, 2, 3], coordinates: [2, 0])
    expectGroupAxioms(s, order: 4)
    #expect(!s.isExact && s.centre == [1, 2, 3] && s.signFlipCoordinates == [2, 0])
    #expect(s.elements[1].apply(to: [2, 2, 5]) == [2, 2, 1])  // bit 0 flips coordinate 2 of d = (1, 0, 2)
    #expect(s.labelCorrection(for: s.elements[3], at: [2, 2, 5]) == 0)  // order 0: no correction
  }

  @Test("the correction is T_p(Rd) − T_p(d) with d = x − x_eq")
  func correctionValue() throws {
    // T3(d) = ½(d₀² + 3d₁²) + ⅙·6 d₀³ = ½d₀² + 1.5 d₁² + d₀³
    var phi = [Double](repeating: 0, count: 8)
    phi[0] = 6
    let t = try TaylorCorrection(hessian: .diagonal([1, 3]), cubicConstants: phi)
    let s = try ApproximateReflection(equilibrium: [1, -1], coordinates: [0], correction: t)
    // x = (1.5, 0): d = (0.5, 1), Rd = (−0.5, 1): T3(Rd) − T3(d) = −0.125 − 0.125
    expectClose(s.labelCorrection(for: s.elements[1], at: [1.5, 0]), -0.25, absolute: 1e-15)
    #expect(s.name.contains("Taylor order 3"))
  }

  @Test("a correction in other coordinates than the equilibrium's is refused")
  func dimensionMismatch() {
    #expect {
      _ = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0], correction: try TaylorCorrection(hessian: .identity(2)))
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .dimensionMismatch && e.expected == 3 && e.actual == 2
        && e.description.contains("The Taylor correction has dimension 2")
    }
  }
}
