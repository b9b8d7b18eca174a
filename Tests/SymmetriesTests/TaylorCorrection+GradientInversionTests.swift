import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct TaylorCorrectionGradientInversionTests {
  @Test("the gradient-based inversion label errs at order 5 with leading term 4c₅(q)")
  func orderFive() throws {
    let v = ModelPotential()
    let t2 = try TaylorCorrection(hessian: v.h)
    let u = [0.6, -0.48, 0.64]
    let scales = TaylorCorrectionTests.scales
    let errors = try scales.map { (s) throws -> Double in
      let q = u.map { s * $0 }
      let x = zip(v.equilibrium, q).map { $0 + $1 }
      let inverted = zip(v.equilibrium, q).map { $0 - $1 }
      return abs(try t2.invertedLabel(energy: v.energy(x), gradient: v.gradient(x), displacement: q) - v.energy(inverted))
    }
    let slope = logLogSlope(scales, errors)
    #expect(abs(slope - 5) <= 0.2, "slope \(slope), errors \(errors)")
    // the predicted leading error is 4 c₅(q) = 4 μ q₀⁵
    expectClose(errors[0], 4 * v.mu * pow(scales[0] * u[0], 5), relative: 0.05)
  }

  @Test("the gradient-based label needs H₀ and matching vectors")
  func badInput() {
    #expect {
      _ = try TaylorCorrection.none.invertedLabel(energy: 0, gradient: [0], displacement: [0])
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("needs the equilibrium Hessian H₀")
    }
    #expect {
      _ = try TaylorCorrection(hessian: .identity(2)).invertedLabel(energy: 0, gradient: [0], displacement: [0, 0])
    } throws: { error in
      (error as? SymmetryError)?.code == .dimensionMismatch && "\(error)".contains("The gradient has dimension 1")
    }
  }
}

extension TaylorCorrectionGradientInversionTests {
  @Test("a non-finite energy is refused")
  func nonFinite() {
    #expect {
      _ = try TaylorCorrection(hessian: .identity(1)).invertedLabel(energy: .nan, gradient: [0], displacement: [0])
    } throws: { error in
      (error as? SymmetryError)?.code == .nonFiniteValue && "\(error)".contains("the energy, gradient or displacement")
    }
  }
}
