import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct SignFlipsTests {
  @Test("Z2^m has order 2^m and satisfies the group axioms", arguments: [[0], [2, 0], [0, 1, 2], [3, 1, 0, 2]])
  func groupAxioms(coordinates: [Int]) throws {
    let flips = try SignFlips(dimension: 4, coordinates: coordinates, centre: [0.5, -0.5, 1, 2])
    expectGroupAxioms(flips, order: 1 << coordinates.count)
    #expect(flips.signFlipCoordinates == coordinates)
  }

  @Test("bit i of the element index flips the i-th listed coordinate about the centre")
  func documentedOrder() throws {
    let flips = try SignFlips(dimension: 4, coordinates: [3, 1], centre: [0, 1, 0, 1])
    let x = [5.0, 3.0, 7.0, 4.0]  // d = x − c = (5, 2, 7, 3)
    expectClose(flips.elements[1].apply(to: x), [5, 3, 7, -2], absolute: 0)  // bit 0 → coordinate 3
    expectClose(flips.elements[2].apply(to: x), [5, -1, 7, 4], absolute: 0)  // bit 1 → coordinate 1
    expectClose(flips.elements[3].apply(to: x), [5, -1, 7, -2], absolute: 0)
    #expect(flips.flippedCoordinates(ofElement: 3) == [3, 1])
  }

  @Test("bad coordinate lists are refused, naming the indices and the valid range")
  func badCoordinates() {
    #expect {
      _ = try SignFlips(dimension: 3, coordinates: [0, 5, 0])
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .invalidCoordinates && e.indices == [5, 0]
        && e.description == "Sign-flip coordinate indices [5, 0] are out of range 0..<3 or repeated for 3-dimensional inputs; give distinct indices in 0..<3."
    }
    #expect {
      _ = try SignFlips(dimension: 3, coordinates: [])
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("1 to 20 coordinates, got 0")
    }
  }
}

extension SignFlipsTests {
  @Test("a dimension below 1 or more than 20 flipped coordinates is refused")
  func limits() {
    #expect {
      _ = try SignFlips(dimension: 0, coordinates: [0])
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("dimension ≥ 1, got 0")
    }
    #expect {
      _ = try SignFlips(dimension: 30, coordinates: Array(0..<21))
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("1 to 20 coordinates, got 21")
    }
  }
}
