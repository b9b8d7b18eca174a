import Foundation
import Testing
import _TestSupport

/// One study's JSON, reduced to what the output contract promises.
private struct StudyFile {
  var name: String
  var variants: [String: [(n: Int, maeMean: Double, maeStd: Double, rmseMean: Double)]]
  var variantOrder: [String]
  var predictedFloors: [String: Double]
  var raw: [String: Any]

  init(_ url: URL) throws {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    raw = object
    name = try #require(object["study"] as? String)
    let list = try #require(object["variants"] as? [[String: Any]])
    variantOrder = list.compactMap { $0["name"] as? String }
    variants = [:]
    predictedFloors = [:]
    for v in list {
      let vName = try #require(v["name"] as? String)
      let points = try #require(v["points"] as? [[String: Any]])
      variants[vName] = try points.map {
        (try #require($0["n"] as? Int), try #require($0["mae_mean"] as? Double),
         try #require($0["mae_std"] as? Double), try #require($0["rmse_mean"] as? Double))
      }
      if let floor = v["predicted_floor"] as? Double { predictedFloors[vName] = floor }
    }
  }

  func maeAtSmallest(_ variant: String) -> Double { variants[variant]?.first?.maeMean ?? .nan }

  /// Every run's `hyperparameters` object, all variants (optionally one variant).
  func runHyperparameters(_ variant: String? = nil) throws -> [[String: Any]] {
    try runs(variant).map { try #require($0["hyperparameters"] as? [String: Any]) }
  }

  /// Every run object, all variants (optionally one variant).
  func runs(_ variant: String? = nil) throws -> [[String: Any]] {
    let list = try #require(raw["variants"] as? [[String: Any]])
    return try list.filter { variant == nil || $0["name"] as? String == variant }
      .flatMap { try #require($0["runs"] as? [[String: Any]]) }
  }
  func maeAtLargest(_ variant: String) -> Double { variants[variant]?.last?.maeMean ?? .nan }
}

/// Runs an example with `--quick --seed 7` into a fresh folder; returns the folder.
private func runQuick(_ example: String, _ extra: [String] = []) throws -> URL {
  let folder = try BuiltProducts.temporaryFolder("example-\(example)")
  let outcome = try BuiltProducts.run(example, ["--quick", "--seed", "7", "--output", folder.path] + extra)
  #expect(outcome.status == 0, "\(example) failed: \(outcome.standardError)")
  return folder
}

private func checkContract(_ study: StudyFile, expectedVariants: [String], sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(study.variantOrder == expectedVariants, sourceLocation: sourceLocation)
  for (name, points) in study.variants {
    #expect(!points.isEmpty, "\(name) has no points", sourceLocation: sourceLocation)
    #expect(zip(points, points.dropFirst()).allSatisfy { $0.n < $1.n }, "\(name): n must increase", sourceLocation: sourceLocation)
    #expect(points.allSatisfy { $0.maeMean > 0 && $0.maeMean.isFinite && $0.rmseMean >= $0.maeMean }, sourceLocation: sourceLocation)
  }
}

@Suite("Examples (--quick, seed 7)")
struct ExampleTests {
  @Test("water-pes writes its three files; exact q3, Taylor-corrected and soft reflections beat none at the smallest size; soft is not worse than none at the largest")
  func waterPES() throws {
    let folder = try runQuick("water-pes")
    defer { try? FileManager.default.removeItem(at: folder) }
    for ext in ["json", "csv", "svg"] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("water-pes.\(ext)").path))
    }
    let study = try StudyFile(folder.appendingPathComponent("water-pes.json"))
    checkContract(study, expectedVariants: ["none", "q3", "sign-flips", "sign-flips+taylor3", "delta", "soft", "delta+soft",
                                            "gp", "gp+q3"])
    #expect(study.maeAtSmallest("q3") < study.maeAtSmallest("none"))
    #expect(study.maeAtSmallest("sign-flips+taylor3") < study.maeAtSmallest("none"))
    // A trust chosen on validation: much better than none at the smallest size, not worse at the largest.
    for soft in ["soft", "delta+soft"] {
      #expect(study.maeAtSmallest(soft) < 0.5 * study.maeAtSmallest("none"), "\(soft) at the smallest size")
      #expect(study.maeAtLargest(soft) <= 1.1 * study.maeAtLargest("none"), "\(soft) at the largest size")
    }
    // The Gaussian processes record their fitted hyperparameters and calibration in every run, and
    // the exact q₃ reflection helps the GP as it helps KRR.
    for gp in ["gp", "gp+q3"] {
      for run in try study.runs(gp) {
        let coverage = try #require(run["coverage_95"] as? Double), nlpd = try #require(run["mean_nlpd"] as? Double)
        #expect(coverage >= 0 && coverage <= 1 && nlpd.isFinite, "\(gp): coverage \(coverage), NLPD \(nlpd)")
        let h = try #require(run["hyperparameters"] as? [String: Any])
        #expect(h["signal_variance"] is Double && h["noise_level"] is Double && h["length_scale"] is Double)
      }
    }
    #expect(study.maeAtSmallest("gp+q3") < study.maeAtSmallest("gp"))
    #expect(try study.runs("none").allSatisfy { $0["coverage_95"] is NSNull })
    // The Taylor correction lowers the predicted floor of the approximate reflections.
    let plainFloor = try #require(study.predictedFloors["sign-flips"])
    let correctedFloor = try #require(study.predictedFloors["sign-flips+taylor3"])
    #expect(correctedFloor < plainFloor / 5)
    // Plain Z2³ augmentation sits near its predicted floor (within a factor 2 at the largest quick size).
    let plainLast = try #require(study.variants["sign-flips"]?.last?.maeMean)
    #expect(plainLast > plainFloor / 2 && plainLast < 2 * plainFloor)
  }

  @Test("water-pes --large writes water-pes-large.*: none and q3 dense at N = 256 and Nyström (M = 128) at 512 by the planner, soft by Nyström; q3 and soft beat none")
  func waterPESLarge() throws {
    let folder = try runQuick("water-pes", ["--large"])
    defer { try? FileManager.default.removeItem(at: folder) }
    for ext in ["json", "csv", "svg"] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("water-pes-large.\(ext)").path))
    }
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("water-pes.json").path))
    let study = try StudyFile(folder.appendingPathComponent("water-pes-large.json"))
    checkContract(study, expectedVariants: ["none", "q3", "soft"])
    for variant in ["none", "q3"] {
      for run in try study.runs(variant) {
        let h = try #require(run["hyperparameters"] as? [String: Any])
        let n = try #require(run["n"] as? Int)
        #expect(h["solver"] as? String == (n == 256 ? "dense" : "nystrom"), "\(variant) N = \(n): \(h)")
        if n == 512 { #expect((h["centres"] as? NSNumber)?.doubleValue == 128) }
      }
      #expect(study.variants[variant]?.map(\.n) == [256, 512])
    }
    #expect(study.maeAtSmallest("q3") < study.maeAtSmallest("none"))
    #expect(study.maeAtLargest("q3") < study.maeAtLargest("none"))
    // soft: Nyström at every size (M = 128, capped at N), its trust chosen on validation.
    for run in try study.runs("soft") {
      let h = try #require(run["hyperparameters"] as? [String: Any])
      #expect(h["solver"] as? String == "nystrom" && (h["centres"] as? NSNumber)?.doubleValue == 128, "\(h)")
      #expect(["full", "soft", "none"].contains(h["trust"] as? String ?? ""), "\(h)")
    }
    #expect(study.maeAtSmallest("soft") < study.maeAtSmallest("none"))
  }

  @Test("molecule-pes writes its three files on formaldehyde's PySCF energies; exact and soft beat none at the smallest size; soft is not worse than none at the largest")
  func moleculePES() throws {
    let folder = try runQuick("molecule-pes")
    defer { try? FileManager.default.removeItem(at: folder) }
    for ext in ["json", "csv", "svg"] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("molecule-pes.\(ext)").path))
    }
    let study = try StudyFile(folder.appendingPathComponent("molecule-pes.json"))
    checkContract(study, expectedVariants: ["none", "exact", "soft", "delta+soft", "sign-flips+taylor3"])
    #expect(study.variants["none"]?.map(\.n) == [16, 32, 64])
    #expect(study.maeAtSmallest("exact") < study.maeAtSmallest("none"))
    for soft in ["soft", "delta+soft"] {
      #expect(study.maeAtSmallest(soft) < study.maeAtSmallest("none"), "\(soft) at the smallest size")
      #expect(study.maeAtLargest(soft) <= 1.1 * study.maeAtLargest("none"), "\(soft) at the largest size")
    }
    // Δ-learning on T₃ starts far below none (the quick form of the ≥ 5× target).
    #expect(study.maeAtSmallest("delta+soft") < study.maeAtSmallest("none") / 5)
  }

  @Test("molecule-pes reads its own copies of the formaldehyde fixtures, byte for byte the same as the tests'")
  func moleculeData() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for name in ["formaldehyde.json", "formaldehyde_energies.xyz"] {
      let copy = try Data(contentsOf: root.appendingPathComponent("Examples/molecule-pes/Data/\(name)"))
      let fixture = try Data(contentsOf: root.appendingPathComponent("Tests/MoleculesTests/Fixtures/\(name)"))
      #expect(copy == fixture, "Examples/molecule-pes/Data/\(name) differs from the fixture; copy it again")
    }
  }

  @Test("hydrogen-orbitals: every exact symmetry beats none at the smallest size, for all four orbitals; the kernel family is chosen and recorded")
  func hydrogen() throws {
    let folder = try runQuick("hydrogen-orbitals")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (orbital, continuous) in [("1s", "o3"), ("2s", "o3"), ("2p_z", "o2"), ("3d_z2", "o2")] {
      let study = try StudyFile(folder.appendingPathComponent("hydrogen-\(orbital).json"))
      checkContract(study, expectedVariants: ["none", "inversion", "sign-flips", continuous])
      for v in ["inversion", "sign-flips", continuous] {
        #expect(study.maeAtSmallest(v) < study.maeAtSmallest("none"), "hydrogen-\(orbital): \(v) vs none")
      }
      // Every run records the family it chose among the default ones.
      let families = try study.runHyperparameters().compactMap { $0["kernel"] as? String }
      #expect(families.count == 4 * 3 * 2, "hydrogen-\(orbital): \(families.count) runs with a kernel")
      #expect(Set(families).isSubset(of: ["matern32", "matern52"]), "hydrogen-\(orbital): \(Set(families))")
    }
    // A study restricted to one family, and a bad family name.
    let laplacian = try runQuick("hydrogen-orbitals", ["--orbitals", "1s", "--kernels", "laplacian", "--sizes", "16"])
    defer { try? FileManager.default.removeItem(at: laplacian) }
    let study = try StudyFile(laplacian.appendingPathComponent("hydrogen-1s.json"))
    #expect(try study.runHyperparameters().allSatisfy { $0["kernel"] as? String == "laplacian" })
    let bad = try BuiltProducts.run("hydrogen-orbitals", ["--quick", "--kernels", "cauchy", "--output", "/tmp/unused"])
    #expect(bad.status != 0)
    #expect(bad.standardError.contains("--kernels: Unknown kernel family 'cauchy'; valid families are gaussian, laplacian, matern32, matern52."))
  }

  @Test("water-normal-modes: the exact q3 reflection beats none; Taylor order 3 lowers the floor for q1 and q2")
  func normalModes() throws {
    let folder = try runQuick("water-normal-modes")
    defer { try? FileManager.default.removeItem(at: folder) }
    let q3 = try StudyFile(folder.appendingPathComponent("water-mode-q3.json"))
    let variants = ["none", "reflection", "reflection+taylor3", "delta", "soft", "delta+soft"]
    checkContract(q3, expectedVariants: variants)
    #expect(q3.maeAtSmallest("reflection") < q3.maeAtSmallest("none"))
    for mode in ["q1", "q2"] {
      let study = try StudyFile(folder.appendingPathComponent("water-mode-\(mode).json"))
      checkContract(study, expectedVariants: variants)
      let plain = try #require(study.predictedFloors["reflection"])
      let corrected = try #require(study.predictedFloors["reflection+taylor3"])
      #expect(corrected < plain / 3, "\(mode): predicted floors \(corrected) vs \(plain)")
      #expect(study.maeAtSmallest("reflection+taylor3") < study.maeAtSmallest("reflection"))
      // Soft: better than none at the smallest size, not worse at the largest.
      #expect(study.maeAtSmallest("soft") < study.maeAtSmallest("none"), "\(mode): soft at the smallest size")
      #expect(study.maeAtLargest("soft") <= 1.1 * study.maeAtLargest("none"), "\(mode): soft at the largest size")
    }
  }

  @Test("custom-symmetry: the C3 check passes and the sum kernel equals explicit augmentation")
  func customSymmetry() throws {
    let folder = try BuiltProducts.temporaryFolder("example-custom")
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try BuiltProducts.run("custom-symmetry", ["--quick", "--seed", "7", "--output", folder.path])
    #expect(outcome.status == 0, "custom-symmetry failed: \(outcome.standardError)")
    #expect(outcome.standardOutput.contains("all 6 checks passed"))
    let study = try StudyFile(folder.appendingPathComponent("custom-c3.json"))
    checkContract(study, expectedVariants: ["none", "c3-kernel", "c3-augment"])
    let kernel = try #require(study.variants["c3-kernel"]), augment = try #require(study.variants["c3-augment"])
    for (a, b) in zip(kernel, augment) { expectClose(a.maeMean, b.maeMean, relative: 1e-6) }
    #expect(study.maeAtSmallest("c3-kernel") < study.maeAtSmallest("none"))
  }

  @Test("the same seed reproduces a study's JSON byte for byte, timings aside")
  func reproducible() throws {
    let a = try runQuick("water-normal-modes"), b = try runQuick("water-normal-modes")
    defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
    for mode in ["q1", "q2", "q3"] {
      let ja = try StudyFile(a.appendingPathComponent("water-mode-\(mode).json")).raw
      let jb = try StudyFile(b.appendingPathComponent("water-mode-\(mode).json")).raw
      func strip(_ j: [String: Any]) throws -> Data {
        var j = j
        j["timings"] = nil
        return try JSONSerialization.data(withJSONObject: j, options: [.sortedKeys])
      }
      #expect(try strip(ja) == strip(jb))
    }
  }

  @Test("bad options exit non-zero with one clear sentence")
  func badOptions() throws {
    let outcome = try BuiltProducts.run("water-pes", ["--sizes", "16,abc", "--output", "/tmp/unused"])
    #expect(outcome.status != 0)
    #expect(outcome.standardError.contains("--sizes '16,abc' is not a comma-separated list of positive integers"))
    let tooBig = try BuiltProducts.run("water-normal-modes", ["--quick", "--repeats", "0", "--output", "/tmp/unused"])
    #expect(tooBig.status != 0)
    #expect(tooBig.standardError.contains("--repeats is 0; it must be at least 1"))
  }
}
