import Foundation
import LinearAlgebra
import Testing
import _TestSupport

/// `symscale learning-curve`, run as a child process on data written by the tests.
@Suite("symscale learning-curve")
struct LearningCurveCommandTests {
  /// 1D data with an even label y = cos(2x) + x², x uniform in [−2, 2] (seeded): the sign flip
  /// signs:0 is an exact symmetry, so it should beat `none` at the smallest size.
  static func evenCSV(count: Int, seed: UInt64) -> String {
    var g = SeededGenerator(seed: seed)
    var text = "x,y\n"
    for _ in 0..<count {
      let x = g.uniform(-2, 2)
      text += "\(x),\(cos(2 * x) + x * x)\n"
    }
    return text
  }

  /// Writes `files` into a fresh folder.
  static func folder(_ files: [String: String]) throws -> URL {
    let dir = try BuiltProducts.temporaryFolder("learning-curve")
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return dir
  }

  /// The `variants` of a report as (name, [(n, mae_mean, mae_std, rmse_mean)]).
  static func readReport(_ url: URL) throws -> (json: [String: Any], variants: [(String, [(Int, Double, Double, Double)])]) {
    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let variants = try #require(json["variants"] as? [[String: Any]])
    let parsed = try variants.map { v -> (String, [(Int, Double, Double, Double)]) in
      let points = try #require(v["points"] as? [[String: Any]])
      return (try #require(v["name"] as? String), try points.map { p in
        (try #require(p["n"] as? Int), try #require(p["mae_mean"] as? Double),
         try #require(p["mae_std"] as? Double), try #require(p["rmse_mean"] as? Double))
      })
    }
    return (json, parsed)
  }

  @Test("a config on a CSV file writes the JSON, CSV and SVG; the exact sign flip beats none at the smallest size")
  func configRun() throws {
    let dir = try Self.folder([
      "train.csv": Self.evenCSV(count: 160, seed: 11),
      "study.json": """
        {"name": "even", "seed": 3, "sizes": [8, 16, 32], "repeats": 2, "validation": 30, "test": 60,
         "label_unit": "arb.", "source": {"kind": "csv", "path": "train.csv"},
         "grid": {"length_scales": [0.25, 0.5, 1, 2], "ridges": [1e-10, 1e-8, 1e-6]},
         "variants": [{"name": "none"}, {"name": "flip", "symmetry": "signs:0"}]}
        """,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    let run = try BuiltProducts.run("symscale", ["learning-curve", "--config", dir.appendingPathComponent("study.json").path,
                                                 "--output", out.path])
    #expect(run.status == 0, "stderr: \(run.standardError)")
    #expect(run.standardOutput.contains("even — MAE in arb., 2 repeats, 60 test samples"))
    #expect(run.standardOutput.contains("flip "))
    let report = try Self.readReport(out.appendingPathComponent("even.json"))
    #expect(report.variants.map(\.0) == ["none", "flip"])
    for (_, points) in report.variants { #expect(points.map(\.0) == [8, 16, 32]) }
    let none = report.variants[0].1, flip = report.variants[1].1
    #expect(flip[0].1 < none[0].1, "MAE at N = 8: flip \(flip[0].1), none \(none[0].1)")
    #expect(report.json["seed"] as? String == "3")
    #expect(report.json["test_count"] as? Int == 60 && report.json["pool_count"] as? Int == 100)
    // The CSV: a header and one row per variant × size × repeat, agreeing with the JSON means.
    let csv = try String(contentsOf: out.appendingPathComponent("even.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(rows[0].prefix(6) == ["study", "variant", "n", "repeat", "training_rows", "mae"])
    #expect(rows.count == 1 + 2 * 3 * 2)
    #expect(rows.allSatisfy { $0.count == 15 })
    let flipAt8 = rows.dropFirst().filter { $0[1] == "flip" && $0[2] == "8" }.compactMap { Double($0[5]) }
    try #require(flipAt8.count == 2)
    expectClose((flipAt8[0] + flipAt8[1]) / 2, flip[0].1, relative: 1e-12)
    let svg = try String(contentsOf: out.appendingPathComponent("even.svg"), encoding: .utf8)
    #expect(svg.contains("<svg") && svg.contains("</svg>") && svg.contains("flip"))
  }

  @Test("--data FILE --symmetry runs none against the symmetry without a config; overrides apply")
  func dataRun() throws {
    let dir = try Self.folder(["train.csv": Self.evenCSV(count: 120, seed: 12)])
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    let run = try BuiltProducts.run("symscale", [
      "learning-curve", "--data", dir.appendingPathComponent("train.csv").path, "--symmetry", "signs:0",
      "--sizes", "8,16", "--repeats", "2", "--seed", "5", "--output", out.path,
    ])
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let report = try Self.readReport(out.appendingPathComponent("train.json"))
    #expect(report.variants.map(\.0) == ["none", "signs-0"])
    #expect(report.variants.allSatisfy { $0.1.map(\.0) == [8, 16] })
    #expect(report.json["seed"] as? String == "5" && report.json["repeats"] as? Int == 2)
    // 120 samples: 24 test, 12 validation.
    #expect(report.json["test_count"] as? Int == 24 && report.json["pool_count"] as? Int == 96)
    #expect(report.variants[1].1[0].1 < report.variants[0].1[0].1)
    for ext in ["csv", "svg"] { #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("train.\(ext)").path)) }
  }

  @Test("--symmetry with --route adds a variant to a config; --quick shrinks it")
  func addVariantQuick() throws {
    let dir = try Self.folder([
      "train.csv": Self.evenCSV(count: 200, seed: 13),
      "study.json": """
        {"name": "q", "sizes": [8, 16, 128], "repeats": 3, "validation": 30, "test": 40,
         "source": {"kind": "csv", "path": "train.csv"}, "variants": [{"name": "none"}]}
        """,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try BuiltProducts.run("symscale", [
      "learning-curve", "--config", dir.appendingPathComponent("study.json").path, "--symmetry", "reflection:0",
      "--route", "augment", "--quick", "--output", dir.path,
    ])
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let report = try Self.readReport(dir.appendingPathComponent("q.json"))
    #expect(report.variants.map(\.0) == ["none", "reflection-0+augment"])
    #expect(report.json["sizes"] as? [Int] == [8, 16] && report.json["repeats"] as? Int == 2)
    let runs = try #require((report.json["variants"] as? [[String: Any]])?[1]["runs"] as? [[String: Any]])
    #expect(runs.first?["training_rows"] as? Int == 16)  // explicit augmentation: 2N rows
  }

  @Test("bad input exits non-zero with one clear sentence", arguments: [
    (["--config", "CONFIG"], "Unknown field 'sizez' in the configuration; valid fields are"),
    (["--config", "MISSING"], "Cannot read the study configuration"),
    (["--data", "DATA", "--symmetry", "mirror:0"], "Unknown symmetry 'mirror:0'; valid symmetries are"),
    (["--data", "DATA", "--symmetry", "signs:3"], "coordinate 3 is out of range 0..<1"),
    (["--data", "DATA", "--symmetry", "signs:0", "--route", "sum"], "Unknown route 'sum'; valid routes are augment, kernel, fourier, haar."),
    (["--data", "DATA", "--symmetry", "signs:0", "--sizes", "8,500"], "the largest training size 500"),
    (["--data", "DATA"], "--data needs --symmetry SPEC"),
    ([], "Give --config STUDY.json, or --data FILE with --symmetry SPEC."),
    // Issue 9: sizes, repeats and counts are bounded before anything is allocated.
    (["--data", "DATA", "--symmetry", "signs:0", "--sizes", "9223372036854775807"],
     "Error: Training size 9223372036854775807 is outside 1…"),
    (["--data", "DATA", "--symmetry", "signs:0", "--sizes", "16,8"],
     "the training sizes [16, 8] are not strictly increasing; give each size once, smallest first ([8, 16])."),
    (["--data", "DATA", "--symmetry", "signs:0", "--repeats", "8000000000000000"],
     "Error: repeats is 8000000000000000; it must be from 1 to 10000 (e.g. 3)."),
    (["--data", "DATA", "--symmetry", "signs:0", "--repeats", "-3"], "Error: --repeats is -3; it must be at least 1."),
    (["--config", "REPEATS"], "Field 'repeats' in the configuration is the number 8000000000000000; it must be a whole number from 1 to 10000."),
    (["--config", "BROKEN"], "broken.json: The study configuration is not valid JSON: line 3, column 1: expected a value after ',' in an array, found '}'."),
    (["--config", "DOTS"], "The study name '..' is '..', which names a folder, not a file"),
    (["--data", "EMPTYFRAMES", "--symmetry", "inversion"],
     "Cannot use the data file: frame 0 has no atoms, which gives samples with no input coordinates; expected frames with at least one atom each."),
  ])
  func badInput(arguments: [String], expected: String) throws {
    let dir = try Self.folder([
      "train.csv": Self.evenCSV(count: 50, seed: 14),
      "study.json": #"{"name": "a", "sizez": [8], "source": {"kind": "csv", "path": "train.csv"}, "variants": [{"name": "none"}]}"#,
      "repeats.json": #"{"name": "a", "repeats": 8e15, "source": {"kind": "csv", "path": "train.csv"}, "variants": [{"name": "none"}]}"#,
      "broken.json": "{\"name\": \"a\",\n \"sizes\": [8,\n}\n",
      "dots.json": #"{"name": "..", "test": 10, "validation": 5, "sizes": [8], "source": {"kind": "csv", "path": "train.csv"}, "variants": [{"name": "none"}]}"#,
      "empty.xyz": String(repeating: "0\nenergy=1\n", count: 12),
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let substituted = arguments.map {
      switch $0 {
      case "CONFIG": dir.appendingPathComponent("study.json").path
      case "MISSING": dir.appendingPathComponent("missing.json").path
      case "DATA": dir.appendingPathComponent("train.csv").path
      case "REPEATS": dir.appendingPathComponent("repeats.json").path
      case "BROKEN": dir.appendingPathComponent("broken.json").path
      case "DOTS": dir.appendingPathComponent("dots.json").path
      case "EMPTYFRAMES": dir.appendingPathComponent("empty.xyz").path
      default: $0
      }
    }
    let run = try BuiltProducts.run("symscale", ["learning-curve"] + substituted + ["--output", dir.appendingPathComponent("out").path])
    #expect(run.status != 0)
    #expect(run.standardError.contains(expected), "stderr: \(run.standardError)")
    #expect(!run.standardError.contains("Fatal error") && !run.standardError.hasSuffix("..\n"), "stderr: \(run.standardError)")
  }

  @Test("an output folder that cannot be created is reported with the path and what to do")
  func unwritableOutput() throws {
    let dir = try Self.folder(["train.csv": Self.evenCSV(count: 60, seed: 15)])
    defer { try? FileManager.default.removeItem(at: dir) }
    let blocked = dir.appendingPathComponent("train.csv").appendingPathComponent("out")
    let run = try BuiltProducts.run("symscale", [
      "learning-curve", "--data", dir.appendingPathComponent("train.csv").path, "--symmetry", "signs:0",
      "--sizes", "8", "--repeats", "1", "--output", blocked.path,
    ])
    #expect(run.status != 0)
    #expect(run.standardError.contains("Cannot create the output folder '\(blocked.path)': '\(dir.appendingPathComponent("train.csv").path)' is a file, not a folder; choose another output folder."),
            "stderr: \(run.standardError)")
    #expect(!run.standardError.contains("--output") && !run.standardError.contains("Usage:"), "stderr: \(run.standardError)")
  }

  @Test("the same config and seed give the same JSON and CSV, timings aside; another seed changes them")
  func reproducible() throws {
    let dir = try Self.folder(["train.csv": Self.evenCSV(count: 80, seed: 16)])
    defer { try? FileManager.default.removeItem(at: dir) }
    func run(_ seed: String, _ folder: String) throws -> (json: String, csv: String) {
      let out = dir.appendingPathComponent(folder)
      let r = try BuiltProducts.run("symscale", [
        "learning-curve", "--data", dir.appendingPathComponent("train.csv").path, "--symmetry", "signs:0",
        "--sizes", "8,16", "--repeats", "2", "--seed", seed, "--output", out.path,
      ])
      #expect(r.status == 0, "stderr: \(r.standardError)")
      var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("train.json"))) as? [String: Any])
      json["timings"] = nil
      let csv = try String(contentsOf: out.appendingPathComponent("train.csv"), encoding: .utf8)
        .split(separator: "\n").map { $0.split(separator: ",").prefix(10).joined(separator: ",") }.joined(separator: "\n")
      let text = String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
      return (text, csv)
    }
    let a = try run("21", "a"), b = try run("21", "b"), c = try run("22", "c")
    #expect(a.json == b.json && a.csv == b.csv)
    #expect(a.csv != c.csv)
  }

  @Test("--data on water frames from `symscale sample` in normal coordinates: the exact q3 flip beats none")
  func extendedXYZData() throws {
    let dir = try Self.folder([:])
    defer { try? FileManager.default.removeItem(at: dir) }
    let xyz = dir.appendingPathComponent("water.xyz")
    let sample = try BuiltProducts.run("symscale", ["sample", "water", "--n", "150", "--seed", "4", "--std", "0.5",
                                                    "--format", "extxyz", "--output", xyz.path])
    try #require(sample.status == 0, "stderr: \(sample.standardError)")
    let out = dir.appendingPathComponent("out")
    let run = try BuiltProducts.run("symscale", [
      "learning-curve", "--data", xyz.path, "--coordinates", "normal", "--symmetry", "signs:2",
      "--sizes", "8,16", "--repeats", "2", "--output", out.path,
    ])
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let report = try Self.readReport(out.appendingPathComponent("water.json"))
    #expect(report.variants.map(\.0) == ["none", "signs-2"])
    #expect(report.json["test_count"] as? Int == 30 && report.json["pool_count"] as? Int == 120)
    #expect(report.variants[1].1[0].1 < report.variants[0].1[0].1,
            "MAE at N = 8 (eV): q3 \(report.variants[1].1[0].1), none \(report.variants[0].1[0].1)")
  }

  @Test("signs on 20 coordinates of 20-dimensional data are refused before the group is built, with the estimate")
  func hugeGroup() throws {
    var text = (0..<20).map { "x\($0)" }.joined(separator: ",") + ",y\n"
    var g = SeededGenerator(seed: 3)
    for _ in 0..<100 { text += (0..<21).map { _ in "\(g.uniform(-1, 1))" }.joined(separator: ",") + "\n" }
    let dir = try Self.folder(["d20.csv": text])
    defer { try? FileManager.default.removeItem(at: dir) }
    let signs = "signs:" + (0..<20).map(String.init).joined(separator: ",")
    let run = try BuiltProducts.run("symscale", ["learning-curve", "--data", dir.appendingPathComponent("d20.csv").path,
                                                 "--symmetry", signs, "--output", dir.appendingPathComponent("out").path])
    #expect(run.status == 1)
    #expect(run.standardError.contains("(symmetry \(signs), |G| = 1048576, route kernel) would need about "), "stderr: \(run.standardError)")
    #expect(run.standardError.contains("above the limit of 1e+13. Use a smaller group (fewer coordinates), smaller sizes or fewer repeats."))
  }
}
