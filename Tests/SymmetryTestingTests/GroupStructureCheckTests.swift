import Foundation
import LinearAlgebra
import Symmetries
import SymmetryTesting
import Testing

@Suite struct GroupStructureCheckTests {
  @Test("a large group is checked on seeded random pairs: Z2⁹ passes, Z2⁹ minus one element does not")
  func sampledPairs() throws {
    let flips = try SignFlips(dimension: 9, coordinates: Array(0..<9))
    #expect(flips.order == 512)
    let check = GroupStructureCheck(sampledPairs: 3000)
    #expect(check.run(on: try SymmetryCheckSubject(symmetry: flips, seed: 3)).isEmpty)
    // Drop the element flipping every coordinate (−I): a random product hits it with probability 1/512.
    let missing = ListedElements(flips.elements.dropLast().map(\.matrix))
    let findings = check.run(on: try SymmetryCheckSubject(symmetry: missing, seed: 3))
    #expect(!findings.isEmpty)
    #expect(findings.allSatisfy { $0.message.contains("not closed") || $0.quantity == "the number of missing products" })
    // Each reported product is −I: at max-norm distance 2 from every listed element.
    #expect(findings.filter { $0.message.contains("not closed") }.allSatisfy { $0.observed == 2 })
  }

  @Test("only a finite group is checked")
  func applicability() throws {
    #expect(!GroupStructureCheck().isApplicable(to: try SymmetryCheckSubject(symmetry: try Rotations(.so3))))
    #expect(GroupStructureCheck().run(on: try SymmetryCheckSubject(symmetry: try Rotations(.so3))).isEmpty)
  }
}
