import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

/// A model potential about x_eq with known quadratic, cubic, quartic and quintic terms:
///
///   V(x_eq + d) = ½ dᵀHd + ⅙ Σ φ_ijk d_i d_j d_k + κ (d₀³d₁ + d₀d₂³ + d₀⁴) + μ d₀⁵
struct ModelPotential {
  let equilibrium: [Double]
  let h: Matrix
  let phi: [Double]
  let kappa: Double
  let mu: Double

  static let coupledHessian = Matrix(rows: [[2.0, 0.3, 0.1], [0.3, 1.5, -0.2], [0.1, -0.2, 1.0]])

  /// A seeded, fully symmetric cubic tensor.
  static func cubic(seed: UInt64) -> [Double] {
    var g = SeededGenerator(seed: seed)
    var phi = [Double](repeating: 0, count: 27)
    for i in 0..<3 { for j in i..<3 { for k in j..<3 {
      let v = g.uniform(-1, 1)
      for (a, b, c) in [(i, j, k), (i, k, j), (j, i, k), (j, k, i), (k, i, j), (k, j, i)] { phi[(a * 3 + b) * 3 + c] = v }
    } } }
    return phi
  }

  init(hessian: Matrix = coupledHessian, kappa: Double = 0.7, mu: Double = 0.5) {
    equilibrium = [0.4, -1.0, 2.0]
    h = hessian
    phi = Self.cubic(seed: 21)
    self.kappa = kappa
    self.mu = mu
  }

  func energy(_ x: [Double]) -> Double {
    let d = zip(x, equilibrium).map { $0 - $1 }
    var v = 0.0
    for i in 0..<3 { for j in 0..<3 {
      v += 0.5 * h[i, j] * d[i] * d[j]
      for k in 0..<3 { v += phi[(i * 3 + j) * 3 + k] * d[i] * d[j] * d[k] / 6 }
    } }
    return v + kappa * (pow(d[0], 3) * d[1] + d[0] * pow(d[2], 3) + pow(d[0], 4)) + mu * pow(d[0], 5)
  }

  func hessian(_ x: [Double]) -> Matrix {
    let d = zip(x, equilibrium).map { $0 - $1 }
    var m = h
    for i in 0..<3 { for j in 0..<3 { for k in 0..<3 { m[i, j] += phi[(i * 3 + j) * 3 + k] * d[k] } } }
    m[0, 0] += kappa * (6 * d[0] * d[1] + 12 * d[0] * d[0]) + 20 * mu * pow(d[0], 3)
    m[0, 1] += kappa * 3 * d[0] * d[0]; m[1, 0] += kappa * 3 * d[0] * d[0]
    m[0, 2] += kappa * 3 * d[2] * d[2]; m[2, 0] += kappa * 3 * d[2] * d[2]
    m[2, 2] += kappa * 6 * d[0] * d[2]
    return m
  }

  /// |ỹ(x_eq + Rd) − V(x_eq + Rd)| along d = t·u for each t.
  func labelErrors(symmetry: ApproximateReflection, element: Int, scales: [Double]) -> [Double] {
    let u = [0.6, -0.48, 0.64]
    let g = symmetry.elements[element]
    return scales.map { t in
      let x = zip(equilibrium, u).map { $0 + t * $1 }
      let augmented = energy(x) + symmetry.labelCorrection(for: g, at: x)
      return abs(augmented - energy(g.apply(to: x)))
    }
  }
}

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
    let h = Matrix(rows: [[2, 1], [1, 4]])
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
    let slope = logLogSlope(Self.scales, v.labelErrors(symmetry: s, element: 1, scales: Self.scales))
    #expect(abs(slope - 4) <= 0.2, "slope \(slope)")
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
