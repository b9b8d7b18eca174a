import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct CoordinatePermutationsTests {
  @Test("exchanging two hydrogen atoms swaps their xyz blocks and has order 2")
  func hydrogenExchange() throws {
    let hh = try CoordinatePermutations(blockSize: 3, blockCount: 3, blockGenerators: [[0, 2, 1]])
    expectGroupAxioms(hh, order: 2)
    let x = [0.0, 0, 0.1, 0.75, 0, -0.5, -0.75, 0, -0.5]
    #expect(hh.elements[1].apply(to: x) == [0.0, 0, 0.1, -0.75, 0, -0.5, 0.75, 0, -0.5])
  }

  @Test("two transpositions generate S3 of order 6, on blocks plus fixed extra coordinates")
  func symmetricGroup() throws {
    let s3 = try CoordinatePermutations(blockSize: 2, blockCount: 3, blockGenerators: [[1, 0, 2], [0, 2, 1]],
                                        extraCoordinates: 1)
    expectGroupAxioms(s3, order: 6)
    #expect(s3.dimension == 7)
    #expect(Set(s3.permutations).count == 6)
    // the extra coordinate is never moved
    for g in s3.elements { #expect(g.apply(to: [1, 2, 3, 4, 5, 6, 7])[6] == 7) }
  }

  @Test("a permutation moves coordinate i to position p[i]")
  func actionConvention() throws {
    let cycle = try CoordinatePermutations(dimension: 3, generators: [[1, 2, 0]])
    expectGroupAxioms(cycle, order: 3)
    #expect(cycle.elements[1].apply(to: [10, 20, 30]) == [30, 10, 20])
  }

  @Test("generators that are not permutations are refused")
  func badGenerators() {
    #expect {
      _ = try CoordinatePermutations(dimension: 3, generators: [[0, 1]])
    } throws: { error in
      (error as? SymmetryError)?.code == .dimensionMismatch && "\(error)".contains("has 2 entries, but the inputs have 3")
    }
    #expect {
      _ = try CoordinatePermutations(dimension: 3, generators: [[0, 1, 1]])
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidCoordinates && "\(error)".contains("[1]")
    }
    #expect {
      _ = try CoordinatePermutations(blockSize: 3, blockCount: 2, blockGenerators: [[0, 0]])
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidCoordinates && "\(error)".contains("not a permutation of 0..<2")
    }
  }
}

extension CoordinatePermutationsTests {
  @Test("a group larger than the bound, no generators, or bad block sizes are refused")
  func boundsAndParameters() {
    #expect {
      _ = try CoordinatePermutations(dimension: 3, generators: [[1, 0, 2], [0, 2, 1]], maximumOrder: 4)
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .groupNotClosed && e.orderReached == 5 && e.description.contains("within 4 elements (reached 5)")
    }
    #expect {
      _ = try CoordinatePermutations(dimension: 3, generators: [])
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("at least one generator, got dimension 3 and 0 generators")
    }
    #expect {
      _ = try CoordinatePermutations(blockSize: 0, blockCount: 2, blockGenerators: [[1, 0]])
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("got 0, 2, 0")
    }
  }
}
