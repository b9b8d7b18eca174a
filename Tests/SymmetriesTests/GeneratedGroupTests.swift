import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct GeneratedGroupTests {
  static let quarterTurn = Matrix(rows: 2, columns: 2, elements: [0, -1, 1, 0])
  static let mirror = Matrix(rows: 2, columns: 2, elements: [1, 0, 0, -1])

  @Test("a 90° rotation and a reflection generate D4 of order 8")
  func dihedralFour() throws {
    let d4 = try GeneratedGroup(generators: [Self.quarterTurn, Self.mirror], centre: [1, 2], name: "D4", expectedOrder: 8)
    expectGroupAxioms(d4, order: 8)
    #expect(d4.elements.filter { abs($0.determinant + 1) < 1e-12 }.count == 4)
  }

  @Test("quarter turns about x and z and the inversion generate the full octahedral group of order 48")
  func octahedral() throws {
    let rx = try Matrix(rows: [[1, 0, 0], [0, 0, -1], [0, 1, 0]])
    let rz = try Matrix(rows: [[0, -1, 0], [1, 0, 0], [0, 0, 1]])
    let rotations = try GeneratedGroup(generators: [rx, rz], expectedOrder: 24)
    #expect(rotations.elements.allSatisfy { abs($0.determinant - 1) < 1e-12 })
    let oh = try GeneratedGroup(generators: [rx, rz, -1 * Matrix.identity(3)], expectedOrder: 48)
    expectGroupAxioms(oh, order: 48)
  }

  @Test("a rotation of infinite order does not close and the error gives the order reached")
  func notClosing() throws {
    let angle = 1.0
    let r = try Matrix(rows: [[cos(angle), -sin(angle)], [sin(angle), cos(angle)]])
    #expect {
      _ = try GeneratedGroup(generators: [r], maximumOrder: 50)
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .groupNotClosed && e.orderReached == 51
        && e.description.contains("did not close within 50 elements (reached 51 distinct elements)")
        && e.description.contains("raise maximumOrder")
    }
  }

  @Test("a stated order that differs from the closure's is refused")
  func wrongStatedOrder() {
    #expect {
      _ = try GeneratedGroup(generators: [Self.quarterTurn], name: "C4", expectedOrder: 8)
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .orderMismatch && e.orderReached == 4
        && e.description == "The generators of C4 generate a group of order 4, but order 8 was stated; check the generators or the stated order."
    }
  }

  @Test("a non-orthogonal generator is refused with its index and ‖GᵀG − I‖_F")
  func nonOrthogonalGenerator() {
    #expect {
      _ = try GeneratedGroup(generators: [Self.mirror, Matrix(rows: [[2, 0], [0, 1]])])
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .nonOrthogonalElement && e.indices == [1] && e.value == 3
        && e.description.hasPrefix("Generator 1 is not orthogonal: ‖RᵀR − I‖_F = 3,")
    }
    #expect {
      _ = try GeneratedGroup(generators: [])
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("at least one generator")
    }
    #expect {
      _ = try GeneratedGroup(generators: [Self.mirror, Matrix.identity(3)])
    } throws: { error in
      (error as? SymmetryError)?.code == .dimensionMismatch && "\(error)".contains("Generator 1 is 3 × 3 but generator 0 is 2 × 2")
    }
  }
}

extension GeneratedGroupTests {
  @Test("a bound below 1 is refused")
  func badBound() {
    #expect {
      _ = try GeneratedGroup(generators: [Self.mirror], maximumOrder: 0)
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("maximumOrder must be ≥ 1, got 0")
    }
  }
}
