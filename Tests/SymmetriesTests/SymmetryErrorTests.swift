import Symmetries
import Testing

@Suite struct SymmetryErrorTests {
  @Test("the description is the message and the context fields are kept")
  func descriptionAndContext() {
    let e = SymmetryError(.groupNotClosed, "did not close (reached 65)", orderReached: 65, expected: 64, indices: [1])
    #expect(e.description == "did not close (reached 65)")
    #expect(e.code == .groupNotClosed && e.orderReached == 65 && e.expected == 64 && e.indices == [1])
    #expect(e.code.description == "groupNotClosed")
  }

  @Test("codes are distinct and users can extend them")
  func codesAreDistinct() {
    let codes: [SymmetryError.Code] = [.nonOrthogonalElement, .groupNotClosed, .orderMismatch, .dimensionMismatch,
                                       .nonSymmetricHessian, .shapeMismatch, .invalidCoordinates, .invalidParameter,
                                       .nonFiniteValue, .exceedsMemoryBudget, .routeNotApplicable,
                                       .kernelNotInvariant, SymmetryError.Code("custom")]
    #expect(Set(codes).count == codes.count)
  }

  @Test("a bad centre is reported with both lengths")
  func badCentre() {
    #expect {
      _ = try SignFlips(dimension: 3, coordinates: [0], centre: [0, 0])
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .dimensionMismatch && e.expected == 3 && e.actual == 2
        && e.description.contains("The centre has dimension 2") && e.description.contains("3-dimensional")
    }
    #expect {
      _ = try Inversion(dimension: 2, centre: [0, .nan])
    } throws: { error in
      (error as? SymmetryError)?.code == .nonFiniteValue
        && "\(error)".contains("NaN or infinity in the centre; remove or fix")
    }
  }
}
