import Datasets
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

/// `symscale normal-modes --molecule` and `symscale sample --molecule` on the formaldehyde
/// fixture of MoleculesTests (RHF/cc-pVDZ from PySCF).
@Suite("symscale molecule commands")
struct MoleculeCommandsTests {
  typealias Runner = SymscaleDatasetRunner

  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("MoleculesTests/Fixtures")
  static var formaldehyde: String { fixtures.appendingPathComponent("formaldehyde.json").path }

  @Test("normal-modes --molecule --json: point group, wavenumbers (PySCF's to 1e-4 cm⁻¹), symmetries, cubic constants")
  func normalModesJSON() throws {
    let dir = try Runner.scratchDirectory()
    let run = try Runner.run(["normal-modes", "--molecule", Self.formaldehyde, "--json"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    let group = try #require(json["point_group"] as? [String: Any])
    #expect(group["name"] as? String == "C2v")
    let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtures.appendingPathComponent("formaldehyde_reference.json"))) as! [String: Any]
    let wavenumbers = try #require(json["wavenumbers_cm1"] as? [Double])
    expectClose(wavenumbers.sorted(), reference["pyscf_harmonic_wavenumbers_cm1"] as! [Double], absolute: 1e-4)
    let modes = try #require(json["modes"] as? [[String: Any]])
    #expect(modes.map { $0["irrep"] as? String } == ["A1", "A1", "A1", "B1", "B2", "B2"])
    let exact = try #require(json["exact_symmetry"] as? [String: Any])
    #expect((exact["sign_flips"] as? [[Int]]) == [[], [4], [5, 6], [4, 5, 6]])
    #expect(json["exactly_flippable_modes"] as? [Int] == [4])
    #expect(json["approximately_flippable_modes"] as? [Int] == [1, 2, 3, 5, 6])
    let cubic = try #require(json["cubic_force_constants_cm1"] as? [String: Double])
    #expect(cubic["1,1,1"] != nil && cubic["1,1,4"] == nil)  // φ₁₁₄ (A1 A1 B1) is forbidden by symmetry
  }

  @Test("normal-modes --molecule prints the table; --write-displaced lists the 4m geometries")
  func normalModesTable() throws {
    let dir = try Runner.scratchDirectory()
    let run = try Runner.run(["normal-modes", "--molecule", Self.formaldehyde, "--write-displaced", "displaced.xyz"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    #expect(run.standardOutput.contains("Point group C2v, order 4"))
    #expect(run.standardOutput.contains("Single flips q_k -> -q_k: exact q4; approximate q1 q2 q3 q5 q6"))
    let frames = try ExtendedXYZ.read(contentsOf: dir.appendingPathComponent("displaced.xyz"))
    #expect(frames.count == 24)
    #expect(frames.allSatisfy { $0.species == ["C", "O", "H", "H"] })
    #expect(frames[0].info["mode"] == "1" && frames[0].number(forKey: "q") == -0.1)
  }

  @Test("sample --molecule: seeded extended XYZ geometries with their q; the same seed gives the same file")
  func sample() throws {
    let dir = try Runner.scratchDirectory()
    for name in ["a.xyz", "b.xyz"] {
      let run = try Runner.run(["sample", "--molecule", Self.formaldehyde, "--n", "40", "--seed", "5", "--sigma", "0.7071", "--output", name], in: dir)
      #expect(run.status == 0, "stderr: \(run.standardError)")
    }
    let a = try String(contentsOf: dir.appendingPathComponent("a.xyz"), encoding: .utf8)
    #expect(a == (try String(contentsOf: dir.appendingPathComponent("b.xyz"), encoding: .utf8)))
    let frames = try ExtendedXYZ.read(contentsOf: dir.appendingPathComponent("a.xyz"))
    #expect(frames.count == 40)
    #expect(frames.allSatisfy { $0.species == ["C", "O", "H", "H"] && ($0.info["q"]?.split(separator: " ").count == 6) })
  }

  @Test("conflicting or missing systems and a CSV request for a molecule are refused")
  func refused() throws {
    let dir = try Runner.scratchDirectory()
    let both = try Runner.run(["normal-modes", "water", "--molecule", Self.formaldehyde], in: dir)
    #expect(both.status != 0 && both.standardError.contains("Give either 'water' or --molecule FILE, not both."))
    let csv = try Runner.run(["sample", "--molecule", Self.formaldehyde, "--n", "3", "--seed", "1", "--format", "csv", "--output", "x.csv"], in: dir)
    #expect(csv.status != 0 && csv.standardError.contains("--molecule writes extended XYZ geometries"))
    let missing = try Runner.run(["normal-modes", "--molecule", "nope.json"], in: dir)
    #expect(missing.status != 0 && missing.standardError.contains("nope.json: cannot read the molecule file"))
  }
}
