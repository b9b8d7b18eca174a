import Foundation
@testable import Molecules
import Testing
import _TestSupport

@Suite("IsotopeMasses")
struct IsotopeMassesTests {
  @Test("every mass equals ASE's most-abundant-isotope table (ase.data.atomic_masses_common)")
  func againstASE() throws {
    let url = try MoleculeFileTests.fixture("ase_isotope_masses.json")
    let ase = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Double]
    #expect(ase.count == IsotopeMasses.table.count)
    for (symbol, mass) in ase { #expect(try IsotopeMasses.mass(of: symbol) == mass, "\(symbol)") }
    #expect(try IsotopeMasses.symbol(atomicNumber: 8) == "O")
    #expect(try IsotopeMasses.symbol(atomicNumber: 53) == "I")
  }

  @Test("unknown symbols and atomic numbers are refused with the known ones")
  func unknown() {
    #expect { _ = try IsotopeMasses.mass(of: "Xx") } throws: { error in
      "\(error)".hasPrefix("Unknown element symbol 'Xx'; use a chemical symbol with its usual capitalisation (known: H He Li")
    }
    #expect(throws: MoleculeError.self) { _ = try IsotopeMasses.symbol(atomicNumber: 92) }
  }
}
