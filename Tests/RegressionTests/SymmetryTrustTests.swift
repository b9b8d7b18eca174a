// SymmetryTrust: the copy ridge each case stands for, and payload validation with its messages.
import Regression
import Symmetries
import Testing

@Suite("SymmetryTrust")
struct SymmetryTrustTests {
  @Test("full is ε² = 0, none is ε² = ∞, sector weights are not a copy ridge")
  func copyRidges() {
    #expect(SymmetryTrust.full.copyRidge == 0)
    #expect(SymmetryTrust.none.copyRidge == .infinity)
    #expect(SymmetryTrust.copyRidge(0.25).copyRidge == 0.25)
    #expect(SymmetryTrust.sectorWeights([1, 0]).copyRidge == nil)
    #expect(SymmetryTrust.copyRidge(1e-4).description == "copyRidge(0.0001)")
    #expect(SymmetryTrust.sectorWeights([1, 0.5]).description == "sectorWeights([1.0, 0.5])")
  }

  @Test("valid payloads pass: ε² = 0, positive, +∞; non-negative weights, one per sector")
  func valid() throws {
    for trust in [SymmetryTrust.full, .none, .copyRidge(0), .copyRidge(3), .copyRidge(.infinity),
                  .sectorWeights([1, 0, 0.5, 2])] {
      try trust.validate(groupOrder: 4)
    }
    try SymmetryTrust.sectorWeights([1, 0.1]).validate(groupOrder: nil)
  }

  @Test("negative or NaN ε² and bad sector weights throw, naming the value, the valid range and a next step")
  func invalid() throws {
    let negative = try #require(throws: SymmetryError.self) { try SymmetryTrust.copyRidge(-2).validate(groupOrder: 4) }
    #expect(negative.code == .invalidParameter && negative.value == -2)
    #expect(negative.message == "The copy ridge ε² is -2.0; it must be a number ≥ 0 (0 trusts the symmetry fully, "
      + ".infinity ignores the augmented copies). Choose ε² on held-out data, or from the augmented-label error that "
      + "SymmetryDiagnostics reports.")
    let nan = try #require(throws: SymmetryError.self) { try SymmetryTrust.copyRidge(.nan).validate(groupOrder: nil) }
    #expect(nan.message.hasPrefix("The copy ridge ε² is nan; it must be a number ≥ 0"))
    let minusInfinity = try #require(throws: SymmetryError.self) {
      try SymmetryTrust.copyRidge(-.infinity).validate(groupOrder: nil)
    }
    #expect(minusInfinity.message.hasPrefix("The copy ridge ε² is -inf;"))
    let count = try #require(throws: SymmetryError.self) { try SymmetryTrust.sectorWeights([1, 1]).validate(groupOrder: 8) }
    #expect(count.code == .dimensionMismatch && count.expected == 8 && count.actual == 2)
    #expect(count.message == "There are 2 sector weights for a group of order 8; give one weight per character sector "
      + "(8 numbers ≥ 0).")
    let bad = try #require(throws: SymmetryError.self) { try SymmetryTrust.sectorWeights([1, -0.5]).validate(groupOrder: 2) }
    #expect(bad.indices == [1])
    #expect(bad.message == "Sector weight 1 is -0.5; every weight must be a finite number ≥ 0 (1 keeps the sector as in "
      + "the plain kernel, 0 removes it).")
    let infinite = try #require(throws: SymmetryError.self) {
      try SymmetryTrust.sectorWeights([.infinity, 1]).validate(groupOrder: 2)
    }
    #expect(infinite.message.hasPrefix("Sector weight 0 is inf;"))
    let zero = try #require(throws: SymmetryError.self) { try SymmetryTrust.sectorWeights([0, 0]).validate(groupOrder: 2) }
    #expect(zero.message == "All 2 sector weights are 0, which leaves a zero kernel; give at least one positive weight "
      + "(e.g. 1 for the invariant sector, index 0).")
    let empty = try #require(throws: SymmetryError.self) { try SymmetryTrust.sectorWeights([]).validate(groupOrder: nil) }
    #expect(empty.message == "There are no sector weights; give one weight ≥ 0 per character sector of the group.")
  }
}
