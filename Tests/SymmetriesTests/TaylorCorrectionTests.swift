import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct TaylorCorrectionTests {
  static let scales = [0.01, 0.014, 0.02, 0.028, 0.04, 0.056, 0.08]

  struct Case: CustomTestStringConvertible, Sendable {
    let title: String
    let order: Int
    let coupled: Bool
    let coordinates: [Int]
    let expectedSlope: Double
    var testDescription: String { title }
  }

  @Test("the corrected label error scales as |d|^(p+1)", arguments: [
    Case(title: "plain, reflection along a mode (odd cubic terms)", order: 0, coupled: false, coordinates: [0], expectedSlope: 3),
    Case(title: "plain, reflection mixing coupled coordinates", order: 0, coupled: true, coordinates: [0], expectedSlope: 2),
    Case(title: "order 2 (Hessian), partial reflection", order: 2, coupled: true, coordinates: [0], expectedSlope: 3),
    Case(title: "order 3 (cubic), partial reflection", order: 3, coupled: true, coordinates: [0], expectedSlope: 4),
    Case(title: "order 3 (cubic), full inversion", order: 3, coupled: true, coordinates: [0, 1, 2], expectedSlope: 5),
  ])
  func errorScaling(_ c: Case) throws {
    let v = ModelPotential(hessian: c.coupled ? ModelPotential.coupledHessian : .diagonal([2.0, 1.5, 1.0]))
    let correction: TaylorCorrection = switch c.order {
    case 2: try TaylorCorrection(hessian: v.h)
    case 3: try TaylorCorrection(hessian: v.h, cubicConstants: v.phi)
    default: .none
    }
    let s = try ApproximateReflection(equilibrium: v.equilibrium, coordinates: c.coordinates, correction: correction)
    let last = s.elements.count - 1  // flips every listed coordinate
    let errors = v.labelErrors(symmetry: s, element: last, scales: Self.scales)
    let slope = logLogSlope(Self.scales, errors)
    #expect(abs(slope - c.expectedSlope) <= 0.2, "slope \(slope), errors \(errors)")
  }

  @Test("T_p is ½dᵀHd (+ ⅙φddd) on a hand-computed case")
  func polynomialValue() throws {
    let h = Matrix(rows: 2, columns: 2, elements: [2, 1, 1, 4])
    var phi = [Double](repeating: 0, count: 8)
    phi[0] = 6  // φ_000
    for idx in [(0 * 2 + 1) * 2 + 1, (1 * 2 + 0) * 2 + 1, (1 * 2 + 1) * 2 + 0] { phi[idx] = 2 }  // φ_011
    let t2 = try TaylorCorrection(hessian: h), t3 = try TaylorCorrection(hessian: h, cubicConstants: phi)
    let d = [1.0, -2.0]
    // ½ (2·1 + 2·1·(1)(−2) + 4·4) = ½ (2 − 4 + 16) = 7
    expectClose(t2.value(at: d), 7, absolute: 1e-14)
    // ⅙ (6·1 + 3·2·1·4) = ⅙ (6 + 24) = 5
    expectClose(t3.value(at: d), 12, absolute: 1e-14)
    #expect(TaylorCorrection.none.value(at: d) == 0 && TaylorCorrection.none.order == 0)
    expectClose(t3.correction(displacement: d, image: [-1, -2]), t3.value(at: [-1, -2]) - 12, absolute: 1e-14)
  }

  @Test("a non-symmetric or mis-sized Hessian and asymmetric cubic constants are refused")
  func badInput() {
    #expect {
      _ = try TaylorCorrection(hessian: Matrix(rows: [[1, 0.5], [0.2, 1]]))
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .nonSymmetricHessian && e.value == 0.3
        && e.description.contains("max |H_ij − H_ji| = 0.3") && e.description.contains("(H + Hᵀ)/2")
    }
    #expect {
      _ = try TaylorCorrection(hessian: Matrix(rows: 2, columns: 3))
    } throws: { error in
      (error as? SymmetryError)?.code == .shapeMismatch && "\(error)".contains("got 2 × 3")
    }
    #expect {
      _ = try TaylorCorrection(hessian: .identity(2), cubicConstants: [1, 2, 3])
    } throws: { error in
      (error as? SymmetryError)?.code == .shapeMismatch && "\(error)".contains("have 3 entries") && "\(error)".contains("d³ = 8")
    }
    #expect {
      var phi = [Double](repeating: 0, count: 8)
      phi[1] = 1  // φ_001 without φ_010, φ_100
      _ = try TaylorCorrection(hessian: .identity(2), cubicConstants: phi)
    } throws: { error in
      (error as? SymmetryError)?.code == .nonSymmetricHessian && "\(error)".contains("index permutations")
    }
    #expect {
      _ = try TaylorCorrection(hessian: Matrix(rows: [[.nan]]))
    } throws: { error in
      (error as? SymmetryError)?.code == .nonFiniteValue
    }
  }
}
