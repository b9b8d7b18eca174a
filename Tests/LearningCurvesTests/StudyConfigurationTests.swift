import Datasets
import Foundation
import LearningCurves
import LinearAlgebra
import Regression
import Testing
import _TestSupport

/// A scratch folder with `files` (name → text) written into it.
private func scratch(_ files: [String: String] = [:]) throws -> URL {
  let dir = try BuiltProducts.temporaryFolder("study-configuration")
  for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
  return dir
}

/// CSV text of `count` seeded 2D samples, y = cos(x0) + x1² (even in both coordinates).
private func evenCSV(count: Int, seed: UInt64) -> String {
  var g = SeededGenerator(seed: seed)
  var text = "x0,x1,y\n"
  for _ in 0..<count {
    let a = g.uniform(-2, 2), b = g.uniform(-2, 2)
    text += "\(a),\(b),\(cos(a) + b * b)\n"
  }
  return text
}

private func decode(_ json: String, in dir: URL? = nil) throws(LearningCurvesError) -> StudyConfiguration {
  try StudyConfiguration(json: Data(json.utf8), baseDirectory: dir ?? URL(fileURLWithPath: "/nonexistent"))
}

/// The message of the `LearningCurvesError` that `body` throws (fails the test if it does not).
private func message(_ code: LearningCurvesError.Code, sourceLocation: SourceLocation = #_sourceLocation,
                     _ body: () throws -> Void) -> String {
  do {
    try body()
    Issue.record("expected a LearningCurvesError \(code)", sourceLocation: sourceLocation)
  } catch let error as LearningCurvesError {
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    return error.description
  } catch {
    Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
  }
  return ""
}

@Suite("StudyConfiguration")
struct StudyConfigurationTests {
  // MARK: - Decoding

  @Test("the documented example decodes field by field")
  func documentedExample() throws {
    let c = try decode("""
      {
        "name": "my-study", "seed": 7, "sizes": [16, 32, 64, 128], "repeats": 3,
        "validation": 200, "test": 1000, "label_unit": "cm⁻¹",
        "source": {"kind": "water-pes", "standard_deviation": 0.7071, "energy_cutoff_cm1": 12000},
        "grid": {"length_scales": [0.6, 1, 2], "ridges": [1e-8, 1e-6]},
        "variants": [
          {"name": "none"},
          {"name": "q3", "symmetry": "signs:2", "route": "kernel"},
          {"name": "z2-taylor3", "symmetry": "reflection:0,1,2", "taylor_order": 3, "route": "fourier"}
        ]
      }
      """)
    #expect(c.name == "my-study" && c.seed == 7 && c.sizes == [16, 32, 64, 128] && c.repeats == 3)
    #expect(c.validation == 200 && c.test == 1000 && c.labelUnit == "cm⁻¹")
    #expect(c.source == .waterPES(standardDeviations: [0.7071, 0.7071, 0.7071], energyCutoff: 12000))
    #expect(c.grid == HyperparameterGrid(lengthScales: [0.6, 1, 2], ridges: [1e-8, 1e-6]))
    #expect(c.variants.map(\.name) == ["none", "q3", "z2-taylor3"])
    #expect(c.variants[1].symmetry == .signs([2]) && c.variants[1].resolvedRoute == .sumKernel)
    #expect(c.variants[2].symmetry == .reflection([0, 1, 2]) && c.variants[2].taylorOrder == 3)
    #expect(c.variants[2].resolvedRoute == .fourier)
  }

  @Test("omitted fields take the documented defaults")
  func defaults() throws {
    let c = try decode(#"{"name": "d", "source": {"kind": "hydrogen", "orbital": "1s"}, "variants": [{"name": "none"}]}"#)
    #expect(c.seed == StudyConfiguration.defaultSeed && c.sizes == [16, 32, 64, 128] && c.repeats == 3)
    #expect(c.validation == 100 && c.test == 500 && c.grid == nil && c.labelUnit == nil && c.reference == nil)
    #expect(c.source == .hydrogen(orbital: "1s", radialScale: 1))
    #expect(c.variants[0].symmetry == .none)
  }

  @Test("symmetry texts parse and print back", arguments: [
    ("none", SymmetrySpecification.none), ("inversion", .inversion), ("signs:0,2", .signs([0, 2])),
    ("reflection:1", .reflection([1])), ("o3", .o3), ("o2:z", .o2(axis: 2)), ("o2:x", .o2(axis: 0)),
    ("permutation:1,0,2", .permutations([[1, 0, 2]])), ("permutation:1,0,2/0,2,1", .permutations([[1, 0, 2], [0, 2, 1]])),
    ("molecule:exact", .moleculeExact), ("Molecule:Approximate", .moleculeApproximate),
  ])
  func symmetryTexts(text: String, expected: SymmetrySpecification) throws {
    let parsed = try SymmetrySpecification(parsing: text)
    #expect(parsed == expected)
    #expect(try SymmetrySpecification(parsing: parsed.description) == expected)
    #expect(!parsed.variantName.contains(",") && !parsed.variantName.contains(":"))
  }

  @Test("route names map to SymmetryRoute", arguments: [
    ("augment", SymmetryRoute.augment), ("kernel", .sumKernel), ("fourier", .fourier), ("haar", .haarKernel),
  ])
  func routeNames(name: String, route: SymmetryRoute) throws {
    #expect(try SymmetryRoute(configurationName: name) == route)
    #expect(route.configurationName == name)
  }

  @Test("quick keeps at most three sizes up to 64, two repeats, 100 validation and 300 test samples")
  func quick() {
    let c = StudyConfiguration(name: "q", sizes: [16, 32, 64, 128, 256], repeats: 5, validation: 400, test: 2000,
                               source: .waterMode(mode: 1, range: 1), variants: [.init(name: "none")]).quick()
    #expect(c.sizes == [16, 32, 64] && c.repeats == 2 && c.validation == 100 && c.test == 300)
    let big = StudyConfiguration(name: "q", sizes: [128, 256], repeats: 1, source: .waterMode(mode: 1, range: 1),
                                 variants: [.init(name: "none")]).quick()
    #expect(big.sizes == [128] && big.repeats == 1)
  }

  // MARK: - Building studies from every source kind

  @Test("hydrogen: the pool is labelled by the orbital's density, exact symmetries get their group orders and no floor")
  func hydrogen() throws {
    let c = try decode("""
      {"name": "h", "sizes": [8, 16], "repeats": 1, "validation": 10, "test": 20,
       "source": {"kind": "hydrogen", "orbital": "2p_z"},
       "variants": [{"name": "none"}, {"name": "inv", "symmetry": "inversion"},
                    {"name": "z2", "symmetry": "signs:0,1,2"}, {"name": "o2", "symmetry": "o2:z"},
                    {"name": "xy", "symmetry": "permutation:1,0,2"}]}
      """)
    let study = try c.makeStudy()
    #expect(study.pool.count == 26 && study.test.count == 20 && study.pool.dimension == 3)
    #expect(study.labelUnit == "bohr⁻³")
    let orbital = try HydrogenOrbital(name: "2p_z")
    expectClose(study.pool.labels, try orbital.density(at: study.pool.inputs), relative: 1e-14)
    #expect(study.variants.map(\.groupOrder) == [1, 2, 8, 0, 2])
    #expect(study.variants.allSatisfy { $0.predictedFloor == nil })
    #expect(study.referenceVariant == "none")
  }

  @Test("water-mode: 1D inputs in the range; the Taylor correction lowers the predicted floor")
  func waterMode() throws {
    let c = try decode("""
      {"name": "w", "sizes": [8], "repeats": 1, "validation": 40, "test": 10,
       "source": {"kind": "water-mode", "mode": 1, "range": 1.2},
       "variants": [{"name": "none"}, {"name": "plain", "symmetry": "reflection:0"},
                    {"name": "t3", "symmetry": "reflection:0", "taylor_order": 3}]}
      """)
    let study = try c.makeStudy()
    #expect(study.pool.dimension == 1 && study.pool.count == 48)
    #expect(study.pool.inputs.elements.allSatisfy { abs($0) <= 1.2 })
    let modes = try WaterNormalModes()
    let q = study.pool.inputs[0, 0]
    expectClose(study.pool.labels[0], try modes.energyAboveMinimum(normalCoordinates: [q, 0, 0]) * WaterNormalModes.wavenumbersPerHartree,
                relative: 1e-10)
    let plain = try #require(study.variants[1].predictedFloor), corrected = try #require(study.variants[2].predictedFloor)
    #expect(plain > 0 && corrected < plain / 3, "plain \(plain), Taylor 3 \(corrected)")
  }

  @Test("water-mode 3: the reflection of the antisymmetric stretch is exact, so no floor is predicted")
  func waterModeThree() throws {
    let study = try decode("""
      {"name": "w", "sizes": [8], "repeats": 1, "validation": 20, "test": 10,
       "source": {"kind": "water-mode", "mode": 3},
       "variants": [{"name": "none"}, {"name": "plain", "symmetry": "reflection:0"}, {"name": "q1", "symmetry": "reflection:0", "taylor_order": 2}]}
      """).makeStudy()
    #expect(study.variants.map(\.predictedFloor) == [nil, nil, nil])
  }

  @Test("water-pes: a declared-exact flip of q1 is caught by the diagnostics, q3 is not; Taylor 3 beats plain")
  func waterPES() throws {
    let c = try decode("""
      {"name": "p", "sizes": [8], "repeats": 1, "validation": 30, "test": 10,
       "source": {"kind": "water-pes", "standard_deviation": [0.7, 0.6, 0.5], "energy_cutoff_cm1": 10000},
       "variants": [{"name": "none"}, {"name": "q1", "symmetry": "signs:0"}, {"name": "q3", "symmetry": "signs:2"},
                    {"name": "plain", "symmetry": "reflection:0,1,2"},
                    {"name": "t2", "symmetry": "reflection:0,1,2", "taylor_order": 2},
                    {"name": "t3", "symmetry": "reflection:0,1,2", "taylor_order": 3}]}
      """)
    #expect(c.source == .waterPES(standardDeviations: [0.7, 0.6, 0.5], energyCutoff: 10000))
    let study = try c.makeStudy()
    #expect(study.pool.dimension == 3 && study.pool.labels.allSatisfy { $0 >= 0 && $0 <= 10000 })
    let floors = study.variants.map(\.predictedFloor)
    #expect(floors[0] == nil && floors[2] == nil)
    let q1 = try #require(floors[1]), plain = try #require(floors[3]), t3 = try #require(floors[5])
    #expect(q1 > 1, "q1 flip floor \(q1) cm⁻¹")
    #expect(t3 < plain / 3, "plain \(plain), Taylor 3 \(t3)")
    #expect(floors[4] != nil)
  }

  @Test("csv without a test file: a seeded split into disjoint pool and test sets; the path is relative to the config")
  func csvSplit() throws {
    let dir = try scratch(["data.csv": evenCSV(count: 60, seed: 3)])
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = """
      {"name": "c", "seed": 4, "sizes": [8, 16], "repeats": 1, "validation": 10, "test": 15,
       "source": {"kind": "csv", "path": "data.csv"},
       "variants": [{"name": "none"}, {"name": "x0", "symmetry": "signs:0"}]}
      """
    let c = try decode(json, in: dir)
    #expect(c.source == .csv(path: dir.appendingPathComponent("data.csv").standardizedFileURL.path, labelColumn: "y", testPath: nil))
    let a = try c.makeStudy(), b = try decode(json, in: dir).makeStudy()
    #expect(a.pool.count == 45 && a.test.count == 15 && a.pool.dimension == 2)
    #expect(a.pool == b.pool && a.test == b.test)
    let all = try CSV.readDataset(from: dir.appendingPathComponent("data.csv"))
    #expect(Set(a.pool.labels + a.test.labels) == Set(all.labels))
    #expect(a.variants.allSatisfy { $0.predictedFloor == nil })
  }

  @Test("csv with a test file and another label column")
  func csvTestFile() throws {
    let train = evenCSV(count: 40, seed: 1).replacingOccurrences(of: ",y\n", with: ",energy\n")
    let test = evenCSV(count: 12, seed: 2).replacingOccurrences(of: ",y\n", with: ",energy\n")
    let dir = try scratch(["train.csv": train, "test.csv": test])
    defer { try? FileManager.default.removeItem(at: dir) }
    let study = try decode("""
      {"name": "c", "sizes": [8], "repeats": 1, "validation": 5,
       "source": {"kind": "csv", "path": "train.csv", "test_path": "test.csv", "label_column": "energy"},
       "variants": [{"name": "none"}]}
      """, in: dir).makeStudy()
    #expect(study.pool.count == 40 && study.test.count == 12)
    #expect(study.test == (try CSV.readDataset(from: dir.appendingPathComponent("test.csv"), labelColumn: "energy")))
  }

  @Test("extxyz: flattened positions, or water frames as the normal coordinates they were made from")
  func extendedXYZ() throws {
    let modes = try WaterNormalModes()
    var g = SeededGenerator(seed: 9)
    var qs: [[Double]] = []
    var frames: [ExtendedXYZFrame] = []
    for i in 0..<40 {
      let q = [g.uniform(-0.5, 0.5), g.uniform(-0.5, 0.5), g.uniform(-0.5, 0.5)]
      qs.append(q)
      let geometry = try modes.geometry(normalCoordinates: q)
      frames.append(ExtendedXYZFrame(species: ["O", "H", "H"], positions: Matrix(rows: 3, columns: 3, elements: geometry.cartesianInAngstrom),
                                     energy: Double(i)))
    }
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    try ExtendedXYZ.write(frames, to: dir.appendingPathComponent("water.xyz"))
    func study(_ coordinates: String) throws -> Study {
      try decode("""
        {"name": "x", "sizes": [8], "repeats": 1, "validation": 5, "test": 10,
         "source": {"kind": "extxyz", "path": "water.xyz", "coordinates": "\(coordinates)"},
         "variants": [{"name": "none"}]}
        """, in: dir).makeStudy()
    }
    let positions = try study("positions")
    #expect(positions.pool.dimension == 9 && positions.pool.count + positions.test.count == 40)
    let normal = try study("normal")
    #expect(normal.pool.dimension == 3)
    for (i, label) in normal.pool.labels.enumerated() {
      expectClose(normal.pool.inputs.row(i), qs[Int(label)], absolute: 1e-7)
    }
  }

  @Test("user data: a reflection with its own Hessian and cubic constants builds; wrong sizes are dimension errors")
  func userTaylor() throws {
    var text = "x,y\n"
    for i in 0..<50 { let x = -1 + 2 * Double(i) / 49; text += "\(x),\(x * x + x * x * x)\n" }
    let dir = try scratch(["cubic.csv": text])
    defer { try? FileManager.default.removeItem(at: dir) }
    func config(_ variant: String) -> String {
      """
      {"name": "u", "sizes": [8], "repeats": 1, "validation": 5, "test": 10,
       "source": {"kind": "csv", "path": "cubic.csv"}, "variants": [{"name": "none"}, \(variant)]}
      """
    }
    let ok = try decode(config(#"{"name": "t3", "symmetry": "reflection:0", "hessian": [[2]], "cubic": [6], "route": "augment"}"#), in: dir).makeStudy()
    #expect(ok.variants[1].groupOrder == 2 && ok.variants[1].summary.contains("Taylor order 3"))
    let m = message(.dimensionMismatch) {
      _ = try decode(config(#"{"name": "t3", "symmetry": "reflection:0", "hessian": [[2, 0], [0, 2]]}"#), in: dir).makeStudy()
    }
    #expect(m.contains("Hessian must be 1 × 1"))
    let m2 = message(.invalidConfiguration) {
      _ = try decode(config(#"{"name": "t", "symmetry": "reflection:0", "taylor_order": 2}"#), in: dir).makeStudy()
    }
    #expect(m2.contains("built-in constants exist only for the water and molecule sources"))
  }

  // MARK: - Errors

  @Test("unknown fields are rejected in every object, listing the valid fields", arguments: [
    (#"{"name": "a", "sizez": [8], "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "Unknown field 'sizez' in the configuration; valid fields are name, summary, seed, sizes, repeats"),
    (#"{"name": "a", "source": {"kind": "csv", "path": "x.csv", "label": "y"}, "variants": [{"name": "none"}]}"#,
     "Unknown field 'label' in source; valid fields are kind, path, label_column, test_path"),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 1}, "grid": {"lengths": [1]}, "variants": [{"name": "none"}]}"#,
     "Unknown field 'lengths' in grid; valid fields are length_scales, ridges"),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}, {"name": "r", "taylor": 3}]}"#,
     "Unknown field 'taylor' in variants[1]; valid fields are name, summary, symmetry, route, taylor_order"),
    (#"{"name": "a", "source": {"kind": "hydrogen", "orbital": "1s", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "Unknown field 'mode' in source; valid fields are kind, orbital, radial_scale"),
  ])
  func unknownFields(json: String, expected: String) {
    let m = message(.invalidConfiguration) { _ = try decode(json) }
    #expect(m.contains(expected), "\(m)")
  }

  @Test("unknown source kinds, symmetries, routes and coordinates list the valid names", arguments: [
    (#"{"name": "a", "source": {"kind": "water"}, "variants": [{"name": "none"}]}"#,
     "Unknown source kind 'water'; valid kinds are hydrogen, water-mode, water-pes, csv, extxyz, molecule."),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "r", "symmetry": "mirror:0"}]}"#,
     "Unknown symmetry 'mirror:0'; valid symmetries are none, inversion, signs:i,j,…, reflection:i,j,…, o3, o2:x|y|z"),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "r", "symmetry": "signs:0", "route": "sum"}]}"#,
     "Unknown route 'sum'; valid routes are augment, kernel, fourier, haar."),
    (#"{"name": "a", "source": {"kind": "extxyz", "path": "a.xyz", "coordinates": "internal"}, "variants": [{"name": "none"}]}"#,
     "Unknown coordinates 'internal' in source; valid values are positions, normal."),
  ])
  func unknownNames(json: String, expected: String) {
    let m = message(.unknownName) { _ = try decode(json) }
    #expect(m.contains(expected), "\(m)")
  }

  @Test("bad values say what is wrong and what is allowed", arguments: [
    (#"{"name": "a", "repeats": 0, "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "Field 'repeats' in the configuration is the number 0; it must be a whole number from 1 to 10000."),
    (#"{"name": "a", "repeats": 8e15, "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "Field 'repeats' in the configuration is the number 8000000000000000; it must be a whole number from 1 to 10000."),
    (#"{"name": "a", "repeats": 1e300, "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "Field 'repeats' in the configuration is the number 1e+300; it must be a whole number from 1 to 10000."),
    (#"{"name": "a", "seed": 1e19, "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "Field 'seed' in the configuration is the number 1e+19; it must be a whole number from 0 to 9007199254740992 (larger whole numbers lose digits in JSON)."),
    (#"{"name": "a", "test": 1e300, "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "Field 'test' in the configuration is the number 1e+300; it must be a whole number from 1 to 9007199254740992."),
    (#"{"name": "..", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "The study name '..' is '..', which names a folder, not a file; give a plain name such as \"my-study\"."),
    (#"{"name": "a/b", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "The study name 'a/b' contains '/' or a NUL character, which cannot be part of a file name"),
    (#"{"name": "a", "sizes": [16, 0], "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "Field 'sizes' in the configuration is an array holding the number 0; it must be a whole number from 1 to "),
    (#"{"name": "a", "sizes": [16, 8e15], "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "(the largest N whose N × N kernel matrix fits the memory budget of "),
    (#"{"name": "a", "sizes": "16,32", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "Field 'sizes' in the configuration is the string \"16,32\"; it must be an array of numbers."),
    (#"{"name": "a", "repeats": true, "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "Field 'repeats' in the configuration is the boolean true; it must be a whole number."),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 4}, "variants": [{"name": "none"}]}"#,
     "Field 'mode' in source is the number 4; it must be a whole number from 1 to 3 (water has normal modes 1 (symmetric stretch), 2 (bend) and 3 (antisymmetric stretch))."),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 1}, "variants": []}"#,
     "The configuration has no 'variants' field"),
    (#"{"source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}]}"#,
     "The configuration has no 'name' field"),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "r", "symmetry": "signs:0", "taylor_order": 3}]}"#,
     "only applies to 'reflection:…' and 'molecule:approximate' symmetries, not 'signs:0'"),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "r", "symmetry": "reflection:0", "taylor_order": 4}]}"#,
     "Field 'taylor_order' in variants[0] is the number 4; it must be a whole number from 2 to 3 (2: the Hessian; 3: the Hessian and cubic constants; leave it out for none)."),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "r", "symmetry": "signs:"}]}"#,
     "Symmetry 'signs:' needs a comma-separated list of 0-based coordinate indices"),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "signs:0,1"}]}"#,
     "The variant name 'signs:0,1' in variants[0] is empty or contains a comma"),
    (#"{"name": "a", "source": ["csv"], "variants": [{"name": "none"}]}"#,
     "Source must be a JSON object"),
    (#"{"name": "a", "source": {"kind": "water-mode", "mode": 1}, "variants": [{"name": "none"}],"#,
     "The study configuration is not valid JSON: line 1, column 91: expected a key in double quotes after ',' in an object, found the end of the text."),
    ("{\n  \"name\": \"a\",\n  \"sizes\": [1, 2,\n}\n",
     "The study configuration is not valid JSON: line 4, column 1: expected a value after ',' in an array, found '}'."),
    (#"{"name": "a", "name": "b"}"#,
     "The study configuration is not valid JSON: line 1, column 15: the key \"name\" appears twice in one object; keep one."),
    (#"{"a": tru}"#, "The study configuration is not valid JSON: line 1, column 7: expected true, found 'tru'."),
    (#"{"a": 1e999}"#, "line 1, column 7: the number 1e999 is too large for a double-precision number (at most about 1.8e308)."),
    (String(repeating: "[", count: 100), "line 1, column 65: arrays and objects nest more than 64 deep; a study configuration needs 4."),
  ])
  func badValues(json: String, expected: String) {
    let m = message(.invalidConfiguration) { _ = try decode(json) }
    #expect(m.contains(expected), "\(m)")
  }

  @Test("a symmetry that does not fit the data's dimension is a dimension error", arguments: [
    ("signs:0,3", "coordinate 3 is out of range 0..<2"),
    ("reflection:2", "coordinate 2 is out of range 0..<2"),
    ("o3", "O(3) acts on 3D inputs"),
    ("o2:z", "O(2) acts on 3D inputs"),
    ("permutation:1,0,2", "the permutation [1, 0, 2] has 3 entries"),
  ])
  func dimensionMismatch(symmetry: String, expected: String) throws {
    let dir = try scratch(["data.csv": evenCSV(count: 40, seed: 5)])
    defer { try? FileManager.default.removeItem(at: dir) }
    let m = message(.dimensionMismatch) {
      _ = try decode("""
        {"name": "a", "sizes": [8], "repeats": 1, "validation": 5, "test": 10,
         "source": {"kind": "csv", "path": "data.csv"}, "variants": [{"name": "s", "symmetry": "\(symmetry)"}]}
        """, in: dir).makeStudy()
    }
    #expect(m.contains("Variant 's' (symmetry \(symmetry))") && m.contains(expected) && m.contains("dimension 2"), "\(m)")
  }

  @Test("sizes larger than the pool, a test split larger than the file, an unreadable file, a route that does not apply")
  func studyErrors() throws {
    let dir = try scratch(["data.csv": evenCSV(count: 40, seed: 6), "bad.csv": "x0,y\n1,2\n3\n"])
    defer { try? FileManager.default.removeItem(at: dir) }
    func config(sizes: String = "[8]", test: Int = 10, path: String = "data.csv", variant: String = #"{"name": "none"}"#) -> String {
      """
      {"name": "a", "sizes": \(sizes), "repeats": 1, "validation": 5, "test": \(test),
       "source": {"kind": "csv", "path": "\(path)"}, "variants": [\(variant)]}
      """
    }
    let big = message(.invalidStudy) { _ = try decode(config(sizes: "[8, 64]"), in: dir).makeStudy() }
    #expect(big.contains("the largest training size 64 plus 5 validation samples needs 69 samples but the pool has 30"), "\(big)")
    let split = message(.invalidConfiguration) { _ = try decode(config(test: 40), in: dir).makeStudy() }
    #expect(split.contains("cannot split 40 test samples off") && split.contains("which has 40"), "\(split)")
    let missing = message(.unreadableData) { _ = try decode(config(path: "nope.csv"), in: dir).makeStudy() }
    #expect(missing.contains("Cannot use the data file") && missing.contains("nope.csv"), "\(missing)")
    let ragged = message(.unreadableData) { _ = try decode(config(path: "bad.csv"), in: dir).makeStudy() }
    #expect(ragged.contains("bad.csv:3"), "\(ragged)")
    let route = message(.invalidConfiguration) {
      _ = try decode(config(variant: #"{"name": "s", "symmetry": "signs:0", "route": "haar"}"#), in: dir).makeStudy()
    }
    #expect(route.hasPrefix("Variant 's' cannot be built: Z2^1 sign flips on [0] cannot use route 'haar' with the Gaussian kernel: The Haar-averaged"), "\(route)")
    #expect(!route.contains(".."), "\(route)")
    let orbital = message(.unknownName) {
      _ = try decode(#"{"name": "h", "source": {"kind": "hydrogen", "orbital": "9z"}, "variants": [{"name": "none"}]}"#).makeStudy()
    }
    #expect(orbital.contains("Unknown orbital '9z'; valid orbitals are 1s"), "\(orbital)")
    let file = message(.unreadableData) { _ = try StudyConfiguration(contentsOf: dir.appendingPathComponent("missing.json")) }
    #expect(file.contains("Cannot read the study configuration") && file.contains("missing.json"), "\(file)")
  }

  @Test("a data file alone: named after the file, 20 % test, 10 % validation, powers of two from 8")
  func dataFile() throws {
    let dir = try scratch(["train.csv": evenCSV(count: 100, seed: 8), "notes.txt": "x"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let c = try StudyConfiguration.dataFile(dir.appendingPathComponent("train.csv"))
    #expect(c.name == "train" && c.test == 20 && c.validation == 10 && c.sizes == [8, 16, 32, 64] && c.repeats == 3)
    #expect(c.variants.map(\.name) == ["none"])
    let m = message(.invalidConfiguration) { _ = try StudyConfiguration.dataFile(dir.appendingPathComponent("notes.txt")) }
    #expect(m.contains("has extension '.txt'; use a .csv file"), "\(m)")
  }

  @Test("sizes, repeats and counts beyond their limits are refused before any data are drawn")
  func limitsBeforeDrawing() throws {
    var c = StudyConfiguration(name: "a", source: .waterMode(mode: 1, range: 1), variants: [.init(name: "none")])
    c.sizes = [8, Int.max]
    let sizes = message(.invalidConfiguration) { _ = try c.makeStudy() }
    #expect(sizes.hasPrefix("Training size 9223372036854775807 is outside 1…\(MemoryBudget.largestSquareOrder()); sizes must be ≥ 1"), "\(sizes)")
    c.sizes = [8]
    c.repeats = 8_000_000_000_000_000
    #expect(message(.invalidConfiguration) { _ = try c.makeStudy() } == "repeats is 8000000000000000; it must be from 1 to 10000 (e.g. 3).")
    c.repeats = 1
    c.test = 8_000_000_000_000_000
    let test = message(.invalidConfiguration) { _ = try c.makeStudy() }
    #expect(test.hasPrefix("'test' is 8000000000000000: predicting 8000000000000000 samples at the largest size 8 needs a 8000000000000000 × 8 kernel matrix, above the memory budget of "), "\(test)")
    #expect(test.hasSuffix("; use at most \(MemoryBudget.bytes / 64)."))
  }

  @Test("a variant whose group would cost more than the limit is refused with |G| and the estimate")
  func costRefusal() throws {
    let dir = try scratch(["d.csv": evenCSV(count: 60, seed: 3)])
    let wide = (0..<30).map { "x\($0)" }.joined(separator: ",") + ",y\n"
      + (0..<60).map { i in (0..<31).map { j in "\(Double((i * 31 + j) % 17) / 17)" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
    try wide.write(to: dir.appendingPathComponent("wide.csv"), atomically: true, encoding: .utf8)
    let signs = "signs:" + (0..<20).map(String.init).joined(separator: ",")
    let json = #"{"name": "w", "sizes": [8, 16], "test": 10, "validation": 10, "source": {"kind": "csv", "path": "wide.csv"}, "variants": [{"name": "none"}, {"name": "big", "symmetry": "\#(signs)"}]}"#
    let m = message(.invalidStudy) { _ = try decode(json, in: dir).makeStudy() }
    #expect(m.hasPrefix("Variant 'big' (symmetry \(signs), |G| = 1048576, route kernel) would need about "), "\(m)")
    #expect(m.hasSuffix(" floating-point operations over the study (3 repeats, sizes up to 16, 20 hyperparameter candidates, dimension 30), above the limit of 1e+13. Use a smaller group (fewer coordinates), smaller sizes or fewer repeats."))
    // The estimate itself: |G|²d³ per fit dominates for this group.
    let spec = try decode(json, in: dir).variants[1]
    let c = try decode(json, in: dir)
    let ops = c.estimatedOperations(of: spec, groupOrder: 1_048_576, dimension: 30, candidates: 20)
    #expect(ops > 3 * 2 * 20 * pow(1_048_576.0, 2) * 27_000)
    #expect(c.estimatedOperations(of: c.variants[0], groupOrder: 1, dimension: 30, candidates: 20) < 1e9)
  }
}
