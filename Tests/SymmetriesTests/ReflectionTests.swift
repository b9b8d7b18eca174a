import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct ReflectionTests {
  @Test("a reflection fixes its plane, reverses the normal and is a group of order 2")
  func planeAndNormal() throws {
    let point = [1.0, 0.0, -1.0]
    let mirror = try Reflection(normal: [1, 1, 0], point: point)
    expectGroupAxioms(mirror, order: 2)
    let g = mirror.elements[1]
    let inPlane = [1.0 + 2, 0.0 - 2, -1.0 + 5]  // point + (2, −2, 5), (2, −2, 5) ⟂ (1, 1, 0)
    expectClose(g.apply(to: inPlane), inPlane, absolute: 1e-14)
    let off = [1.0 + 3, 0.0 + 3, -1.0]  // point + 3·(1, 1, 0)
    expectClose(g.apply(to: off), [1.0 - 3, 0.0 - 3, -1.0], absolute: 1e-14)
    expectClose(g.determinant, -1, absolute: 1e-14)
    expectClose(mirror.normal, [1 / 2.0.squareRoot(), 1 / 2.0.squareRoot(), 0], absolute: 1e-15)
    #expect(mirror.signFlipCoordinates == nil)
  }

  @Test("a coordinate-plane reflection reports its sign-flip coordinate")
  func coordinatePlane() throws {
    #expect(try Reflection(normal: [0, 0, -2]).signFlipCoordinates == [2])
    #expect(try Reflection(normal: [0, 1e-3, 1]).signFlipCoordinates == nil)
  }

  @Test("a zero normal is refused with its length")
  func zeroNormal() {
    #expect {
      _ = try Reflection(normal: [0, 0, 0])
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("[0.0, 0.0, 0.0] (length 0.0)")
    }
  }
}
