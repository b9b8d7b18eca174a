import Foundation
import LinearAlgebra
import Regression
import Symmetries
import SymmetryTesting
import Testing
import _TestSupport

@Suite struct SymmetryCheckSubjectTests {
  static let flips = try! SignFlips(dimension: 2, coordinates: [0])

  @Test("a sample of the wrong width is refused with both widths")
  func dimensionMismatch() {
    #expect {
      _ = try SymmetryCheckSubject(symmetry: Self.flips, sample: Matrix(rows: 3, columns: 3))
    } throws: { error in
      let e = error as! SymmetryTestingError
      return e.code == .dimensionMismatch && e.value == 3
        && e.description == "The sample has 3 columns but Z2^1 sign flips on [0] acts on 2 coordinates; give one sample "
          + "point per row with 2 entries."
    }
  }

  @Test("an empty or non-finite sample is refused, naming the row")
  func invalidSample() {
    #expect {
      _ = try SymmetryCheckSubject(symmetry: Self.flips, sample: Matrix(rows: 0, columns: 2))
    } throws: { error in
      let e = error as! SymmetryTestingError
      return e.code == .invalidSample && e.description.hasPrefix("The sample has no rows")
    }
    var sample = Matrix(rows: 4, columns: 2)
    sample[2, 1] = .nan
    #expect {
      _ = try SymmetryCheckSubject(symmetry: Self.flips, sample: sample)
    } throws: { error in
      let e = error as! SymmetryTestingError
      return e.code == .invalidSample && e.description == "The sample has a non-finite value nan in row 2; give finite sample points."
    }
  }

  @Test("a negative or non-finite label bound is refused", arguments: [-1.0, .nan, .infinity])
  func badBound(_ bound: Double) {
    #expect {
      _ = try SymmetryCheckSubject(symmetry: Self.flips, labelBound: bound)
    } throws: { error in
      let e = error as! SymmetryTestingError
      return e.code == .invalidParameter && e.description.hasPrefix("The label bound must be finite and ≥ 0, got \(bound)")
    }
  }

  @Test("too few draws are refused with the count and the default")
  func badDraws() {
    #expect {
      _ = try SymmetryCheckSubject(symmetry: Self.flips, elementDraws: 0)
    } throws: { error in
      (error as! SymmetryTestingError).description == "elementDraws must be ≥ 1, got 0; 16 is the default."
    }
    #expect {
      _ = try SymmetryCheckSubject(symmetry: Self.flips, haarDraws: 50)
    } throws: { error in
      (error as! SymmetryTestingError).description == "haarDraws must be ≥ 100 for meaningful moments, got 50; 4000 is the default."
    }
  }

  @Test("a finite group is tested on its listed elements")
  func finiteElements() throws {
    let subject = try SymmetryCheckSubject(symmetry: Self.flips)
    #expect(subject.elementsUnderTest == Self.flips.elements)
    #expect(subject.finite != nil && subject.continuous == nil)
  }

  @Test("a continuous group is tested on the identity and seeded, reproducible Haar draws")
  func continuousElements() throws {
    let o3 = try Rotations(.o3, centre: [1, 2, 3])
    let subject = try SymmetryCheckSubject(symmetry: o3, seed: 42, elementDraws: 5)
    let elements = subject.elementsUnderTest
    #expect(elements.count == 6)
    #expect(elements[0] == .identity(dimension: 3, centre: [1, 2, 3]))
    var generator = SeededGenerator(seed: 42)
    let direct = (0..<5).map { _ in o3.randomElement(using: &generator) }
    #expect(Array(elements.dropFirst()) == direct)
    #expect(subject.continuous != nil && subject.finite == nil)
  }
}
