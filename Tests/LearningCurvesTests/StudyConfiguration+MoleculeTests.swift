import Datasets
import Foundation
@testable import LearningCurves
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

/// The formaldehyde fixtures of MoleculesTests (RHF/cc-pVDZ from PySCF), read in place.
private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("MoleculesTests/Fixtures")

/// A scratch folder holding `frames` (the first `count` fixture frames, or edited text) and a
/// copy of the molecule file (optionally edited), so that configs can name them relatively.
private func scratch(frames count: Int = 120, editFrames: (String) -> String = { $0 },
                     editMolecule: (inout [String: Any]) -> Void = { _ in }) throws -> URL {
  let dir = try BuiltProducts.temporaryFolder("molecule-source")
  let text = try String(contentsOf: fixtures.appendingPathComponent("formaldehyde_energies.xyz"), encoding: .utf8)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  let subset = lines.prefix(6 * count).joined(separator: "\n") + "\n"  // 6 lines per 4-atom frame
  try editFrames(subset).write(to: dir.appendingPathComponent("frames.xyz"), atomically: true, encoding: .utf8)
  var molecule = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("formaldehyde.json"))) as? [String: Any])
  editMolecule(&molecule)
  try JSONSerialization.data(withJSONObject: molecule).write(to: dir.appendingPathComponent("h2co.json"))
  return dir
}

/// A molecule study on the scratch folder's files with `variants` besides `none`.
private func configuration(_ variants: String, in dir: URL, source extra: String = "",
                           sizes: String = "[8, 16]") throws(LearningCurvesError) -> StudyConfiguration {
  try StudyConfiguration(json: Data("""
    {"name": "h2co", "seed": 4, "sizes": \(sizes), "repeats": 1, "validation": 20, "test": 40,
     "source": {"kind": "molecule", "molecule": "h2co.json", "frames": "frames.xyz",
                "energy_key": "energy_hartree", "energy_unit": "hartree"\(extra)},
     "grid": {"length_scales": [2, 4], "ridges": [1e-8, 1e-6]},
     "variants": [{"name": "none"}\(variants.isEmpty ? "" : ", " + variants)]}
    """.utf8), baseDirectory: dir)
}

private func message(_ body: () throws -> Void) -> String {
  do { try body() } catch let error as LearningCurvesError { return error.description } catch { return "unexpected \(error)" }
  return "no error"
}

@Suite("StudyConfiguration: molecule sources")
struct StudyConfigurationMoleculeTests {
  @Test("the source decodes with its defaults; paths are relative to the config; the energy unit is checked")
  func decoding() throws {
    let base = URL(fileURLWithPath: "/data/study")
    func source(_ fields: String) throws(LearningCurvesError) -> StudyConfiguration.Source {
      try StudyConfiguration(json: Data(#"{"name": "m", "source": {"kind": "molecule", \#(fields)}, "variants": [{"name": "none"}]}"#.utf8),
                             baseDirectory: base).source
    }
    #expect(try source(#""molecule": "m.json", "frames": "f.xyz""#)
      == .molecule(.init(path: "/data/study/m.json", frames: "/data/study/f.xyz", energyKey: "energy", energyUnit: .electronvolt)))
    #expect(try source(#""molecule": "/m.json", "frames": "f.xyz", "energy_key": "e", "energy_unit": "kcal/mol", "reference_energy": -1.5, "test_frames": "t.xyz""#)
      == .molecule(.init(path: "/m.json", frames: "/data/study/f.xyz", energyKey: "e", energyUnit: .kilocaloriePerMole,
                         referenceEnergy: -1.5, testFrames: "/data/study/t.xyz")))
    #expect(message { _ = try source(#""molecule": "m.json", "frames": "f.xyz", "energy_unit": "Ry""#) }
      == "Unknown energy unit 'Ry'; valid units are hartree, eV, kcal/mol, kJ/mol.")
    #expect(message { _ = try source(#""frames": "f.xyz""#) }.contains("'molecule'"))
    #expect(message { _ = try source(#""molecule": "m.json", "frame": "f.xyz""#) }
      == "Unknown field 'frame' in source; valid fields are kind, molecule, frames, energy_key, energy_unit, reference_energy, test_frames; remove it or correct its spelling.")
  }

  @Test("frames become q (6 modes) and cm⁻¹ above the minimum; H₀ = diag(ω) and 216 cubic constants are built in")
  func preparedSource() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let prepared = try configuration("", in: dir).prepareSource()
    #expect(prepared.pool.dimension == 6 && prepared.pool.count == 80 && prepared.test.count == 40)
    #expect(prepared.labelUnit == "cm⁻¹" && prepared.pool.labels.allSatisfy { $0 > 0 && $0 < 20_000 })
    let analysis = try #require(prepared.molecule?.analysis)
    expectClose(try #require(prepared.hessian).diagonal, analysis.wavenumbers, relative: 1e-15)
    #expect(prepared.cubic?.count == 216)
    #expect(prepared.description.hasPrefix("CH2O (C2v) from h2co.json: 120 energies of frames.xyz"))
    // The labels are the frames' energies above the file's: frame 0 by hand.
    let frames = try ExtendedXYZ.read(contentsOf: dir.appendingPathComponent("frames.xyz"))
    let e0 = try #require(frames[0].number(forKey: "energy_hartree")), eq = try #require(analysis.molecule.energy)
    let q0 = try analysis.normalCoordinates(of: Matrix(rows: 4, columns: 3, elements: frames[0].positions.elements.map { $0 / 0.529177210903 }))
    let all = try Dataset(inputs: Matrix(rows: prepared.pool.count + prepared.test.count, columns: 6,
                                     elements: prepared.pool.inputs.elements + prepared.test.inputs.elements),
                      labels: prepared.pool.labels + prepared.test.labels)
    let row = try #require((0..<all.count).first { expectCloseRow(all.inputs.row($0), q0) })
    expectClose(all.labels[row], (e0 - eq) * 219474.6313632, relative: 1e-10)
  }

  @Test("molecule:exact is the order-4 group in the kernel; molecule:approximate flips q1 q2 q3 q5 beside it, all five alone")
  func symmetries() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let c = try configuration("""
      {"name": "exact", "symmetry": "molecule:exact"},
      {"name": "soft", "exact": "molecule:exact", "symmetry": "molecule:approximate", "taylor_order": 3, "soft": true},
      {"name": "approximate", "symmetry": "molecule:approximate"},
      {"name": "all-flips", "symmetry": "reflection:0,1,2,3,4,5", "taylor_order": 3}
      """, in: dir)
    let study = try c.makeStudy()
    #expect(study.variants.map(\.groupOrder) == [1, 4, 16 * 4, 32, 64])
    #expect(study.variants[1].summary.contains("C2v on 6 normal coordinates, route kernel"))
    let prepared = try c.prepareSource()
    let soft = c.variants[2]
    let beside = try #require(try c.makeSymmetry(soft.symmetry, soft, prepared, corrected: true, context: "") as? ApproximateReflection)
    #expect(beside.coordinates == [0, 1, 2, 4])
    let alone = try #require(try c.makeSymmetry(.moleculeApproximate, c.variants[3], prepared, corrected: false, context: "") as? ApproximateReflection)
    #expect(alone.coordinates == [0, 1, 2, 4, 5])
    // Taylor-3 labels: flipping q1 changes the label by T₃(Rq) − T₃(q) = ⅙ Σ φᵢⱼₖ [(Rq)ᵢ(Rq)ⱼ(Rq)ₖ − qᵢqⱼqₖ] (the harmonic part cancels).
    let q = [0.3, -0.2, 0.5, 0.1, 0.4, -0.6], r = [-0.3, -0.2, 0.5, 0.1, 0.4, -0.6]
    let cubic = try #require(prepared.cubic)
    var expected = 0.0
    for i in 0..<6 { for j in 0..<6 { for k in 0..<6 { expected += cubic[(i * 6 + j) * 6 + k] * (r[i] * r[j] * r[k] - q[i] * q[j] * q[k]) / 6 } } }
    let flipQ1 = try #require(beside.elements.firstIndex { $0.matrix.diagonal == [-1, 1, 1, 1, 1, 1] })
    expectClose(beside.labelCorrection(for: beside.elements[flipQ1], at: q), expected, absolute: 1e-9)
    #expect(abs(expected) > 1, "the q1 flip is broken by \(expected) cm⁻¹ at q")
  }

  @Test("a small molecule study runs: exact beats none at the smallest size, soft records its trust")
  func runs() throws {
    let dir = try scratch(frames: 160)
    defer { try? FileManager.default.removeItem(at: dir) }
    let c = try configuration("""
      {"name": "exact", "symmetry": "molecule:exact"},
      {"name": "soft", "exact": "molecule:exact", "symmetry": "molecule:approximate", "taylor_order": 3, "soft": true}
      """, in: dir, sizes: "[16, 64]")
    let result = try StudyRunner.run(try c.makeStudy(), progress: nil)
    let none = try #require(result.variant("none")), exact = try #require(result.variant("exact"))
    let soft = try #require(result.variant("soft"))
    #expect(exact.curve.errors[0] < none.curve.errors[0], "N = 16: exact \(exact.curve.errors[0]), none \(none.curve.errors[0]) cm⁻¹")
    #expect(soft.runs.allSatisfy { ["full", "soft", "none"].contains($0.hyperparameters.choice("trust") ?? "") })
    #expect(soft.curve.errors[0] < none.curve.errors[0], "N = 16: soft \(soft.curve.errors[0]), none \(none.curve.errors[0]) cm⁻¹")
  }

  @Test("bad input: an unknown molecule symmetry, molecule: on another source, frames of other atoms, no cubic constants, no energy")
  func badInput() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(message { _ = try configuration(#"{"name": "s", "symmetry": "molecule:soft"}"#, in: dir) }
      == "Unknown symmetry 'molecule:soft'; valid symmetries are none, inversion, signs:i,j,…, reflection:i,j,…, o3, o2:x|y|z, permutation:p0,p1,…[/q0,q1,…], molecule:exact, molecule:approximate.")
    #expect(message { _ = try configuration(#"{"name": "e", "exact": "molecule:approximate"}"#, in: dir) }
      .contains("'exact' in variants[1] is 'molecule:approximate'; the symmetry inside the kernel must be an exact finite group"))
    // molecule: symmetries on a CSV source.
    var csv = "x0,x1,y\n"
    for i in 0..<40 { csv += "\(Double(i) / 40),\(Double(i % 7) / 7),\(i)\n" }
    try csv.write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let onCSV = try StudyConfiguration(json: Data(#"{"name": "c", "sizes": [8], "repeats": 1, "validation": 5, "test": 10, "source": {"kind": "csv", "path": "d.csv"}, "variants": [{"name": "e", "symmetry": "molecule:exact"}]}"#.utf8), baseDirectory: dir)
    #expect(message { _ = try onCSV.makeStudy() }
      == "Variant 'e' (symmetry molecule:exact): 'molecule:exact' names a symmetry found from a molecule's point group; it needs a source of kind 'molecule', not 'csv'.")
    // Frame 2 with its hydrogens and oxygen swapped, frame 3 without its last atom.
    let swapped = try scratch(editFrames: { text in
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      lines.swapAt(2 * 6 + 3, 2 * 6 + 4)
      return lines.joined(separator: "\n")
    })
    defer { try? FileManager.default.removeItem(at: swapped) }
    #expect(message { _ = try configuration("", in: swapped).makeStudy() }
      == "Cannot use the frames '\(swapped.appendingPathComponent("frames.xyz").path)': Frame 2 has the molecule's atoms in another order (C H O H; the molecule has C O H H); normal coordinates need a fixed atom order: reorder the frame's atoms to C O H H.")
    let short = try scratch(editFrames: { text in
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      lines[3 * 6] = "3"
      lines.remove(at: 3 * 6 + 5)
      return lines.joined(separator: "\n")
    })
    defer { try? FileManager.default.removeItem(at: short) }
    #expect(message { _ = try configuration("", in: short).makeStudy() }.hasSuffix("Frame 3 has atoms C O H but the molecule has C O H H (4 atoms); every frame must be this molecule with its atoms in this order."))
    // Without displaced Hessians: Taylor order 2 works, order 3 (a baseline or a correction) says what is missing.
    let bare = try scratch(editMolecule: { $0["displaced_hessians"] = nil })
    defer { try? FileManager.default.removeItem(at: bare) }
    let path = bare.appendingPathComponent("h2co.json").path
    #expect(message { _ = try configuration(#"{"name": "d", "baseline": "taylor3"}"#, in: bare).makeStudy() }
      == "Variant 'd' (symmetry none): a Taylor polynomial of order 3 (taylor_order or baseline) needs the cubic force constants, but the molecule file '\(path)' has no \"displaced_hessians\"; add Hessians at the geometries of NormalModeAnalysis.displacements(step:) to it, or use order 2 (taylor_order 2, baseline taylor2).")
    #expect(message { _ = try configuration(#"{"name": "s", "exact": "molecule:exact", "symmetry": "molecule:approximate", "taylor_order": 3, "soft": true}"#, in: bare).makeStudy() }
      .contains("needs the cubic force constants, but the molecule file"))
    #expect(try configuration(#"{"name": "d", "baseline": "taylor2"}"#, in: bare).makeStudy().variants.count == 2)
    // Without an equilibrium energy, unless a reference energy is given.
    let noEnergy = try scratch(editMolecule: { $0["energy"] = nil })
    defer { try? FileManager.default.removeItem(at: noEnergy) }
    #expect(message { _ = try configuration("", in: noEnergy).makeStudy() }
      == "The molecule file '\(noEnergy.appendingPathComponent("h2co.json").path)' has no equilibrium \"energy\", the zero of the labels; add \"energy\" and \"energy_unit\" to it, or give the source a 'reference_energy' in hartree.")
    let referenced = try configuration("", in: noEnergy, source: #", "reference_energy": -113.87722271643693"#).prepareSource()
    #expect(referenced.pool.labels.allSatisfy { $0 > 0 })
  }

  @Test("Examples/configs/formaldehyde-small.json reads the example's data from a clone and builds the example's five variants")
  func exampleConfiguration() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Examples/configs/formaldehyde-small.json")
    let c = try StudyConfiguration(contentsOf: url)
    let study = try c.makeStudy()
    #expect(study.variants.map(\.name) == ["none", "exact", "soft", "delta+soft", "sign-flips+taylor3"])
    #expect(study.variants.map(\.groupOrder) == [1, 4, 64, 64, 64])
    #expect(study.pool.count == 2200 && study.test.count == 800 && study.labelUnit == "cm⁻¹")
    // The presets are the same variants.
    for name in ["exact", "soft", "delta+soft", "sign-flips+taylor3"] {
      let preset = try #require(try c.moleculePreset(name))
      #expect(c.variants.first { $0.name == name } == preset, "\(name)")
    }
  }

  @Test("presets: the variants of the molecule-pes example by name; a preset on another source is refused")
  func presets() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let c = try configuration("", in: dir)
    let soft = try #require(try c.moleculePreset("soft"))
    #expect(soft.exact == .moleculeExact && soft.symmetry == .moleculeApproximate && soft.taylorOrder == 3 && soft.soft && soft.baseline == nil)
    #expect(try c.moleculePreset("delta+soft")?.baseline == .taylor3)
    #expect(try c.moleculePreset("sign-flips+taylor3")?.symmetry == .reflection([0, 1, 2, 3, 4, 5]))
    #expect(try c.moleculePreset("exact")?.symmetry == .moleculeExact)
    #expect(try c.moleculePreset("signs:0") == nil)
    var onWater = c
    onWater.source = .waterPES(standardDeviations: [0.7, 0.7, 0.7], energyCutoff: 12_000)
    #expect(message { _ = try onWater.moleculePreset("soft") }.hasPrefix(
      "'soft' is a preset of molecule studies (exact, soft, delta+soft, sign-flips+taylor3); it needs a source of kind 'molecule', not 'water-pes'."))
  }
}

/// Whether two rows agree to 1e-9 (a helper for finding a frame among the shuffled splits).
private func expectCloseRow(_ a: [Double], _ b: [Double]) -> Bool {
  zip(a, b).allSatisfy { abs($0 - $1) < 1e-9 }
}
