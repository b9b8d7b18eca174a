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

  /// The first `count` formaldehyde frames (PySCF energies) in `dir`/frames.xyz, edited by `edit`.
  static func frames(_ count: Int, in dir: URL, name: String = "frames.xyz", edit: ([String]) -> [String] = { $0 }) throws -> String {
    let text = try String(contentsOf: fixtures.appendingPathComponent("formaldehyde_energies.xyz"), encoding: .utf8)
    let lines = Array(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(6 * count).map(String.init))
    try (edit(lines).joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    return dir.appendingPathComponent(name).path
  }

  @Test("learning-curve --data frames --molecule: none, the exact group and soft on formaldehyde's energies; exact beats none at N = 16")
  func learningCurve() throws {
    let dir = try Runner.scratchDirectory()
    let frames = try Self.frames(200, in: dir)
    let run = try Runner.run(["learning-curve", "--data", frames, "--molecule", Self.formaldehyde, "--coordinates", "normal",
                              "--energy-key", "energy_hartree", "--energy-unit", "hartree", "--symmetry", "exact",
                              "--symmetry", "soft", "--symmetry", "molecule:approximate", "--sizes", "16,32", "--repeats", "1",
                              "--seed", "3", "--output", "out"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    #expect(run.standardOutput.contains("frames — MAE in cm⁻¹"), "\(run.standardOutput)")
    let report = try LearningCurveCommandTests.readReport(dir.appendingPathComponent("out/frames.json"))
    #expect(report.variants.map(\.0) == ["none", "exact", "soft", "molecule-approximate"])
    // 200 frames: 40 test, 20 validation.
    #expect(report.json["test_count"] as? Int == 40 && report.json["pool_count"] as? Int == 160)
    let none = report.variants[0].1, exact = report.variants[1].1
    #expect(exact[0].1 < none[0].1, "MAE at N = 16: exact \(exact[0].1), none \(none[0].1) cm⁻¹")
    let variants = try #require(report.json["variants"] as? [[String: Any]])
    #expect(variants.map { $0["group_order"] as? Int } == [1, 4, 64, 32])
  }

  @Test("learning-curve --molecule refuses frames of other atoms (naming the frame), a preset without a molecule and a CSV")
  func learningCurveErrors() throws {
    let dir = try Runner.scratchDirectory()
    let permuted = try Self.frames(60, in: dir) { lines in
      var l = lines
      l.swapAt(5 * 6 + 3, 5 * 6 + 4)
      return l
    }
    let base = ["learning-curve", "--data", permuted, "--energy-key", "energy_hartree", "--energy-unit", "hartree", "--output", "out"]
    let wrong = try Runner.run(base + ["--molecule", Self.formaldehyde, "--symmetry", "exact"], in: dir)
    #expect(wrong.status != 0)
    #expect(wrong.standardError.contains("Frame 5 has the molecule's atoms in another order (C H O H; the molecule has C O H H)"), "stderr: \(wrong.standardError)")
    let clean = try Self.frames(60, in: dir, name: "clean.xyz")
    let preset = try Runner.run(["learning-curve", "--data", clean, "--energy-key", "energy_hartree", "--symmetry", "soft", "--output", "out"], in: dir)
    #expect(preset.status != 0)
    #expect(preset.standardError.contains("'soft' is a preset of molecule studies (exact, soft, delta+soft, sign-flips+taylor3); it needs a source of kind 'molecule', not 'extxyz'."), "stderr: \(preset.standardError)")
    let positions = try Runner.run(base + ["--molecule", Self.formaldehyde, "--symmetry", "exact", "--coordinates", "positions"], in: dir)
    #expect(positions.status != 0 && positions.standardError.contains("use --coordinates normal or leave it out, not 'positions'"))
    let unit = try Runner.run(base + ["--molecule", Self.formaldehyde, "--symmetry", "exact", "--energy-unit", "Ry"], in: dir)
    #expect(unit.status != 0 && unit.standardError.contains("Unknown energy unit 'Ry'; valid units are hartree, eV, kcal/mol, kJ/mol."))
    try "x,y\n1,2\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let csv = try Runner.run(["learning-curve", "--data", "d.csv", "--molecule", Self.formaldehyde, "--symmetry", "exact"], in: dir)
    #expect(csv.status != 0 && csv.standardError.contains("use an extended XYZ file (.xyz, .extxyz) of the molecule's frames"), "stderr: \(csv.standardError)")
  }
}
