import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct CharacterTableTests {
  /// C_n: rotations by multiples of 2π/n about z in ℝ³ (closure order e, r, r², …).
  static func cyclic(_ n: Int) throws -> GeneratedGroup {
    try GeneratedGroup(generators: [Rotations.rotation(axis: [0, 0, 1], angle: 2 * .pi / Double(n))], name: "C\(n)",
                       expectedOrder: n)
  }

  /// P = Σ_g c_g R_g, the projector on ℝᵈ given by element coefficients.
  static func projector(_ c: [Double], _ elements: [OrthogonalAction]) -> Matrix {
    zip(c, elements).reduce(Matrix(rows: 3, columns: 3)) { $0 + $1.0 * $1.1.matrix }
  }

  static let z3Sectors: [CharacterTable.Sector] = [.init(name: "invariant", characters: [1, 1, 1]),
                                                   .init(name: "rotating", characters: [2, -1, -1], dimension: 2)]

  @Test("Z2^m: χ_s(u) = (−1)^popcount(s & u), orthogonal rows, sectors named by their odd coordinates")
  func signFlips() throws {
    let flips = try SignFlips(dimension: 4, coordinates: [0, 1, 3], centre: [1, 2, 3, 4])
    let table = try CharacterTable(signFlips: flips, coordinateNames: ["q1", "q2", "q3", "q4"])
    #expect(table.order == 8 && table.sectors.count == 8)
    for (s, sector) in table.sectors.enumerated() {
      #expect(sector.characters == (0..<8).map { u in (s & u).nonzeroBitCount % 2 == 0 ? 1.0 : -1.0 })
      #expect(sector.dimension == 1)
      for (t, other) in table.sectors.enumerated() {
        #expect(zip(sector.characters, other.characters).reduce(0) { $0 + $1.0 * $1.1 } == (s == t ? 8 : 0))
      }
    }
    #expect(table.sectorNames == ["even", "odd in q1", "odd in q2", "odd in q1,q2", "odd in q4", "odd in q1,q4",
                                  "odd in q2,q4", "odd in q1,q2,q4"])
    #expect(table.sectors[5].oddCoordinates == [0, 3] && table.sectors[5].isOdd(in: 3) && !table.sectors[5].isOdd(in: 1))
    #expect(table.sectorIndices { $0.isOdd(in: 3) } == [4, 5, 6, 7])
    #expect(table.sectorIndex(named: "odd in q2") == 2)
    #expect(try CharacterTable(signFlips: flips).sectorNames[3] == "odd in x0,x1")
  }

  @Test("weights all ones give the identity, e₀ the group average, e_χ the label's projector")
  func projectorCoefficients() throws {
    let flips = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
    let table = try CharacterTable(signFlips: flips)
    #expect(table.projectorCoefficients(sectorWeights: [Double](repeating: 1, count: 8)) == [1, 0, 0, 0, 0, 0, 0, 0])
    #expect(table.projectorCoefficients(sectorWeights: [1, 0, 0, 0, 0, 0, 0, 0]) == [Double](repeating: 0.125, count: 8))
    let pz = try SignedLabelSymmetry(flips, oddIn: [2])
    let s = try #require(table.sectorIndex(matching: pz.labelCharacter))
    #expect(s == 4 && table.sectors[s].name == "odd in x2")
    // P_s on ℝ³ (coordinates transform like the functions x, y, z) keeps exactly the z axis.
    let p = Self.projector(table.projectorCoefficients(sectorWeights: (0..<8).map { $0 == s ? 1 : 0 }), flips.elements)
    expectClose(p, .diagonal([0, 0, 1]), absolute: 1e-15)
  }

  @Test("a user's table for Z3 (120° rotations): (1, 1, 1) and (2, −1, −1), projectors with 1/|G|, not dim/|G|")
  func z3() throws {
    let c3 = try Self.cyclic(3)
    let table = try CharacterTable(symmetry: c3, sectors: Self.z3Sectors)
    #expect(table.order == 3 && table.sectorNames == ["invariant", "rotating"])
    // On ℝ³ with the rotation about z: the invariant projector keeps z, the rotating one the plane.
    let even = Self.projector(table.projectorCoefficients(sectorWeights: [1, 0]), c3.elements)
    let rotating = Self.projector(table.projectorCoefficients(sectorWeights: [0, 1]), c3.elements)
    expectClose(even, .diagonal([0, 0, 1]), absolute: 1e-15)
    expectClose(rotating, .diagonal([1, 1, 0]), absolute: 1e-15)
    expectClose(rotating * rotating, rotating, absolute: 1e-15)  // idempotent
    // The rotating sector is two-dimensional but has no one-dimensional character to match.
    #expect(table.sectorIndex(matching: [2, -1, -1]) == nil)
  }

  @Test("a user's table for C4: two one-dimensional sectors and one two-dimensional, projectors summing to 1")
  func c4() throws {
    let c4 = try Self.cyclic(4)
    let table = try CharacterTable(symmetry: c4, sectors: [
      .init(name: "invariant", characters: [1, 1, 1, 1]), .init(name: "alternating", characters: [1, -1, 1, -1]),
      .init(name: "rotating", characters: [2, 0, -2, 0], dimension: 2)])
    let projectors = (0..<3).map { s in
      Self.projector(table.projectorCoefficients(sectorWeights: (0..<3).map { $0 == s ? 1 : 0 }), c4.elements)
    }
    expectClose(projectors[0], .diagonal([0, 0, 1]), absolute: 1e-15)
    expectClose(projectors[1], Matrix(rows: 3, columns: 3), absolute: 1e-15)  // x, y, z never alternate under C4
    expectClose(projectors[2], .diagonal([1, 1, 0]), absolute: 1e-15)
  }

  @Test("an invalid table is refused with every problem listed")
  func invalidTables() throws {
    let c3 = try Self.cyclic(3)
    #expect {
      _ = try CharacterTable(symmetry: c3, sectors: [.init(name: "invariant", characters: [1, 1, 1]),
                                                     .init(name: "rotating", characters: [2, -1, -1])])
    } throws: { error in
      (error as? SymmetryError)?.description == "The character table of C3 is not valid: sector 1 (rotating) has χ(e) = 2.0 "
        + "at the identity (element 0), expected its dimension 1. Give one row per real irreducible representation of the "
        + "(abelian) group, in the symmetry's element order; for sign flips use CharacterTable(signFlips:)."
    }
    #expect {
      _ = try CharacterTable(symmetry: c3, sectors: [.init(name: "invariant", characters: [1, 1, 1])])
    } throws: { error in
      "\(error)".contains("the dimensions add up to 1, but a complete table of an abelian group of order 3 has Σ dim = 3 "
                            + "(sectors are missing)")
    }
    #expect {
      _ = try CharacterTable(symmetry: c3, sectors: [.init(name: "a", characters: [1, 1, 1]),
                                                     .init(name: "a", characters: [2, 1, 1], dimension: 3)])
    } throws: { error in
      let m = "\(error)"
      return m.contains("sector 1 has the repeated name \"a\"") && m.contains("sector 1 (a) has dimension 3")
    }
    #expect {
      _ = try CharacterTable(symmetry: c3, sectors: [.init(name: "a", characters: [1, 1])])
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .dimensionMismatch && e.expected == 3 && e.actual == 2
    }
  }

  @Test("orthonormal ±1 rows that are not characters are caught by the character identity")
  func notCharacters() throws {
    // The Walsh functions of Z2 × Z2 are orthogonal on four points, but C4 is cyclic: χ(r)² = χ(r²).
    let c4 = try Self.cyclic(4)
    #expect {
      _ = try CharacterTable(symmetry: c4, sectors: [
        .init(name: "a", characters: [1, 1, 1, 1]), .init(name: "b", characters: [1, -1, 1, -1]),
        .init(name: "c", characters: [1, 1, -1, -1]), .init(name: "d", characters: [1, -1, -1, 1])])
    } throws: { error in
      let m = "\(error)"
      return m.contains("sector 2 (c) is not a character: χ(g)χ(h) = 1.0 for elements 0 and 1, but (dim/2)(χ(gh) + χ(gh⁻¹)) = 0.0")
        && m.contains("sector 3 (d) is not a character")
    }
  }

  @Test("a group that is not sign flips needs an explicit table; a non-abelian group is refused")
  func notApplicable() throws {
    #expect {
      _ = try CharacterTable(signFlips: try Self.cyclic(3))
    } throws: { error in
      (error as? SymmetryError)?.code == .routeNotApplicable && "\(error)".contains("CharacterTable(symmetry:sectors:)")
    }
    // S3 permuting coordinates: four rows that pass the row conditions (χ(e) = dim, orthogonal, norms
    // |G| dim, Σ dim = 6) but cannot be characters of a non-abelian group; the abelian check names a pair.
    let s3 = try CoordinatePermutations(dimension: 3, generators: [[1, 0, 2], [1, 2, 0]])
    #expect {
      _ = try CharacterTable(symmetry: s3, sectors: [
        .init(name: "a", characters: [1, 1, 1, 1, 1, 1]), .init(name: "b", characters: [1, 1, 1, -1, -1, -1]),
        .init(name: "c", characters: [2, -1, -1, 1, 1, -2], dimension: 2),
        .init(name: "d", characters: [2, -1, -1, -1, -1, 2], dimension: 2)])
    } throws: { error in
      "\(error)".contains("do not commute, and character tables are supported for abelian groups only")
    }
    #expect {
      _ = try CharacterTable(signFlips: try SignFlips(dimension: 11, coordinates: Array(0..<11)))
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .invalidParameter && e.expected == 1024 && e.actual == 2048
    }
  }
}
