import Foundation
import LinearAlgebra
import Symmetries
import SymmetryTesting
import Testing

/// A continuous conformer that states a 3-D group kind but acts on two coordinates.
struct FlatRotations: ContinuousLabelSymmetry {
  var kind: ContinuousGroupKind { .so3 }
  var dimension: Int { 2 }
  var centre: [Double] { [0, 0] }
  var isExact: Bool { true }
  var name: String { "flat" }
  func randomElement(using generator: inout some RandomNumberGenerator) -> OrthogonalAction {
    .identity(dimension: 2)
  }
}

@Suite struct HaarSamplingCheckTests {
  @Test("a group kind that does not match the dimension is one finding")
  func dimension() throws {
    let findings = HaarSamplingCheck().run(on: try SymmetryCheckSubject(symmetry: FlatRotations()))
    #expect(findings.count == 1)
    #expect(findings.first?.expected == 3 && findings.first?.observed == 2)
  }

  @Test("moment tolerances are 5 Haar standard errors of the number of draws", arguments: [400, 4000])
  func tolerances(_ draws: Int) throws {
    // SO(3) never reflects, so its O(3)-labelled copy fails only the improper fraction,
    // whose tolerance is 5·√(¼ / M).
    let findings = HaarSamplingCheck().run(on: try SymmetryCheckSubject(symmetry: BiasedRotations(flaw: .neverImproper),
                                                                          haarDraws: draws))
    #expect(findings.count == 1)
    #expect(findings.first?.tolerance == 5 * (0.25 / Double(draws)).squareRoot())
  }
}
