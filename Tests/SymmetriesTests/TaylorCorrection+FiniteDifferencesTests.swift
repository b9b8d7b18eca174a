import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct TaylorCorrectionFiniteDifferencesTests {
  @Test("finite-difference H₀ and φ from the energy agree with the analytic ones")
  func fromEnergy() throws {
    let v = ModelPotential()
    let t = try TaylorCorrection.fromEnergy(v.energy, at: v.equilibrium, order: 3)
    #expect(t.order == 3)
    expectClose(t.hessian!, v.h, absolute: 1e-7)
    expectClose(t.cubicConstants!, v.phi, absolute: 1e-5)
    let t2 = try TaylorCorrection.fromEnergy(v.energy, at: v.equilibrium, order: 2, step: 1e-2)
    #expect(t2.order == 2 && t2.cubicConstants == nil)
    expectClose(t2.hessian!, v.h, absolute: 1e-7)
  }

  @Test("finite-difference φ from Hessians agrees with the analytic one")
  func fromHessian() throws {
    let v = ModelPotential()
    let t = try TaylorCorrection.fromHessian(v.hessian, at: v.equilibrium, order: 3)
    expectClose(t.hessian!, v.h, absolute: 1e-14)
    expectClose(t.cubicConstants!, v.phi, absolute: 1e-9)
  }

  @Test("a finite-difference correction keeps the order-3 scaling of the analytic one")
  func finiteDifferenceKeepsOrder() throws {
    let v = ModelPotential()
    let t = try TaylorCorrection.fromHessian(v.hessian, at: v.equilibrium, order: 3)
    let s = try ApproximateReflection(equilibrium: v.equilibrium, coordinates: [0], correction: t)
    let slope = logLogSlope(TaylorCorrectionTests.scales, v.labelErrors(symmetry: s, element: 1, scales: TaylorCorrectionTests.scales))
    #expect(abs(slope - 4) <= 0.2, "slope \(slope)")
  }

  @Test("finite differences refuse a bad order, step, energy or Hessian shape")
  func badFiniteDifferences() {
    let v = ModelPotential()
    #expect {
      _ = try TaylorCorrection.fromEnergy(v.energy, at: v.equilibrium, order: 4)
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("order 2 or 3, got 4")
    }
    #expect {
      _ = try TaylorCorrection.fromEnergy(v.energy, at: v.equilibrium, order: 2, step: 0)
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("positive and finite, got 0.0")
    }
    #expect {
      _ = try TaylorCorrection.fromEnergy({ _ in .nan }, at: [0], order: 2)
    } throws: { error in
      (error as? SymmetryError)?.code == .nonFiniteValue && "\(error)".contains("energy near the equilibrium")
    }
    #expect {
      _ = try TaylorCorrection.fromHessian({ _ in .identity(2) }, at: [0, 0, 0], order: 3)
    } throws: { error in
      (error as? SymmetryError)?.code == .shapeMismatch && "\(error)".contains("returned a 2 × 2 matrix")
    }
  }
}

extension TaylorCorrectionFiniteDifferencesTests {
  @Test("an empty or non-finite equilibrium and a non-finite Hessian are refused")
  func badPoints() {
    #expect {
      _ = try TaylorCorrection.fromEnergy({ _ in 0 }, at: [], order: 2)
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("equilibrium point is empty")
    }
    #expect {
      _ = try TaylorCorrection.fromHessian({ _ in .identity(2) }, at: [0, .nan], order: 2)
    } throws: { error in
      "\(error)" == "NaN or infinity in the equilibrium point (at index 1); remove or fix the non-finite entries first."
    }
    #expect {
      _ = try TaylorCorrection.fromHessian({ x in x[0] > 0 ? Matrix(rows: 1, columns: 1, elements: [.nan]) : .identity(1) }, at: [0], order: 3)
    } throws: { error in
      (error as? SymmetryError)?.code == .nonFiniteValue && "\(error)".contains("the Hessian at [0.001]")
    }
  }
}
