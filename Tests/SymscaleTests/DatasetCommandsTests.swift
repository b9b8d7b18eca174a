import Datasets
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

/// The data-set subcommands of `symscale` (`pes`, `normal-modes`, `orbital`, `sample`), run as
/// a child process on files in a scratch directory.
@Suite("symscale data-set commands")
struct DatasetCommandsTests {
  typealias Runner = SymscaleDatasetRunner

  static let checkValues = ReferenceValues.waterCheckValues

  func write(_ text: String, _ name: String, in dir: URL) throws -> URL {
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  // MARK: - pes

  @Test("pes water reproduces the five reference check values, also with the bonds swapped")
  func pesCheckValues() throws {
    let dir = try Runner.scratchDirectory()
    var text = "r1,r2,theta\n"
    for c in Self.checkValues { text += "\(c.r1),\(c.r2),\(c.theta)\n" }
    for c in Self.checkValues { text += "\(c.r2),\(c.r1),\(c.theta)\n" }
    _ = try write(text, "geometries.csv", in: dir)
    let run = try Runner.run(["pes", "water", "--input", "geometries.csv", "--output", "energies.csv"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let (names, rows) = try Runner.readCSV(dir.appendingPathComponent("energies.csv"))
    #expect(names == ["r1", "r2", "theta", "energy"])
    try #require(rows.count == 10)
    for (i, c) in (Self.checkValues + Self.checkValues).enumerated() {
      expectClose(rows[i][3], c.energy, absolute: 1e-12, "check value \(i % 5 + 1)\(i >= 5 ? " swapped" : "")")
    }
    // The geometry columns are repeated exactly (17 significant digits round-trip).
    #expect(rows[1][0] == 1.7 && rows[1][1] == 2.0 && rows[1][2] == 1.6)
    #expect(rows[6][0] == 2.0 && rows[6][1] == 1.7)
  }

  @Test("pes water --extxyz on a sampled extended XYZ file gives the energies of the CSV route")
  func pesExtendedXYZMatchesCSV() throws {
    let dir = try Runner.scratchDirectory()
    let common = ["sample", "water", "--n", "25", "--seed", "11"]
    var run = try Runner.run(common + ["--output", "sample.csv"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    run = try Runner.run(common + ["--format", "extxyz", "--output", "sample.xyz"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    run = try Runner.run(["pes", "water", "--extxyz", "sample.xyz", "--output", "from-xyz.csv"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    run = try Runner.run(["pes", "water", "--input", "sample.csv", "--output", "from-csv.csv"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")

    let sample = try Runner.readCSV(dir.appendingPathComponent("sample.csv"))
    let fromXYZ = try Runner.readCSV(dir.appendingPathComponent("from-xyz.csv"))
    let fromCSV = try Runner.readCSV(dir.appendingPathComponent("from-csv.csv"))
    #expect(fromXYZ.names == ["r1", "r2", "theta", "energy"])
    try #require(sample.rows.count == 25 && fromXYZ.rows.count == 25 && fromCSV.rows.count == 25)
    let energyColumn = try #require(sample.names.firstIndex(of: "energy"))
    for i in 0..<25 {
      expectClose(fromXYZ.rows[i][3], sample.rows[i][energyColumn], absolute: 1e-12, "frame \(i) vs sample CSV")
      expectClose(fromXYZ.rows[i][3], fromCSV.rows[i][3], absolute: 1e-12, "frame \(i) vs pes --input")
      expectClose(Array(fromXYZ.rows[i][0..<3]), Array(sample.rows[i][0..<3]), absolute: 1e-12, "frame \(i) geometry")
    }
    // Independent check: the extended XYZ energies (eV) agree with energy_hartree and the CSV.
    let frames = try ExtendedXYZ.read(contentsOf: dir.appendingPathComponent("sample.xyz"))
    #expect(frames.count == 25)
    for (i, frame) in frames.enumerated() {
      #expect(frame.species == ["O", "H", "H"])
      let hartree = try #require(frame.number(forKey: "energy_hartree"))
      expectClose(hartree, sample.rows[i][energyColumn], absolute: 0, "energy_hartree of frame \(i)")
      expectClose(try #require(frame.energy), hartree * 27.211386245988, relative: 1e-15, "energy (eV) of frame \(i)")
    }
  }

  @Test("pes water --extxyz rejects atoms out of the order O, H, H")
  func pesExtendedXYZWrongOrder() throws {
    let dir = try Runner.scratchDirectory()
    _ = try write("""
      3
      Properties=species:S:1:pos:R:3
      H 0.76 0.59 0
      O 0 0 0
      H -0.76 0.59 0

      """, "hoh.xyz", in: dir)
    let run = try Runner.run(["pes", "water", "--extxyz", "hoh.xyz", "--output", "e.csv"], in: dir)
    #expect(run.status != 0)
    #expect(run.standardError.contains("hoh.xyz: frame 0 has 3 atoms (H O H); expected 3 atoms in the order O, H, H"), "stderr: \(run.standardError)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("e.csv").path))
  }

  @Test("pes water --extxyz rejects a frame with two atoms")
  func pesExtendedXYZWrongCount() throws {
    let dir = try Runner.scratchDirectory()
    _ = try write("2\nProperties=species:S:1:pos:R:3\nO 0 0 0\nH 0.96 0 0\n", "oh.xyz", in: dir)
    let run = try Runner.run(["pes", "water", "--extxyz", "oh.xyz", "--output", "e.csv"], in: dir)
    #expect(run.status != 0)
    #expect(run.standardError.contains("frame 0 has 2 atoms (O H); expected 3 atoms in the order O, H, H"), "stderr: \(run.standardError)")
  }

  @Test("pes water stops at a bad geometry with the DatasetError message")
  func pesBadGeometry() throws {
    let dir = try Runner.scratchDirectory()
    _ = try write("r1,r2,theta\n1.8,1.8,1.8\n-1,1.8,1.8\n", "bad.csv", in: dir)
    let run = try Runner.run(["pes", "water", "--input", "bad.csv", "--output", "e.csv"], in: dir)
    #expect(run.status != 0)
    let expected = "bad.csv: data row 2: Invalid water geometry: bond length r1 = -1.0 bohr is not positive; it must be > 0 bohr"
    #expect(run.standardError.hasPrefix("Error: ") && run.standardError.contains(expected), "stderr: \(run.standardError)")
    #expect(run.standardError.split(separator: "\n").count == 1, "one line: \(run.standardError)")
  }

  @Test("pes water reports a missing input file and a missing column")
  func pesMissingFileAndColumn() throws {
    let dir = try Runner.scratchDirectory()
    var run = try Runner.run(["pes", "water", "--input", "nowhere.csv", "--output", "e.csv"], in: dir)
    #expect(run.status != 0)
    #expect(run.standardError.contains("nowhere.csv: no such file; check the path and the working directory"), "stderr: \(run.standardError)")
    _ = try write("r1,r2\n1.8,1.8\n", "two.csv", in: dir)
    run = try Runner.run(["pes", "water", "--input", "two.csv", "--output", "e.csv"], in: dir)
    #expect(run.status != 0)
    #expect(run.standardError.contains("missing required column 'theta'"), "stderr: \(run.standardError)")
  }

  // MARK: - normal-modes

  @Test("normal-modes water --json has the documented keys and the reference wavenumbers")
  func normalModesJSON() throws {
    let dir = try Runner.scratchDirectory()
    let run = try Runner.run(["normal-modes", "water", "--json"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    let equilibrium = try #require(object["equilibrium"] as? [String: Any])
    let r = try #require(equilibrium["r_bohr"] as? Double)
    let theta = try #require(equilibrium["theta_rad"] as? Double)
    let energy = try #require(equilibrium["energy_hartree"] as? Double)
    expectClose(r, 1.81005, absolute: 1e-5)
    expectClose(theta * 180 / Double.pi, 104.508, absolute: 1e-3)
    expectClose(energy, -1.911e-6, absolute: 1e-9)
    let omega = try #require(object["wavenumbers_cm1"] as? [Double])
    expectClose(omega, ReferenceValues.waterWavenumbers, absolute: 1e-3)

    let cubic = try #require(object["cubic_force_constants_cm1"] as? [String: Double])
    #expect(Set(cubic.keys) == ["111", "112", "113", "122", "123", "133", "222", "223", "233", "333"])
    // C2v: constants odd in the antisymmetric stretch q3 vanish.
    for key in ["113", "123", "223", "333"] { expectClose(cubic[key] ?? .nan, 0, absolute: 1e-3, "phi_\(key)") }
    #expect(abs(cubic["111"] ?? 0) > 100)

    // Displacements: bohr per unit q, so Σᵢ mᵢ dₖᵢ dₗᵢ = δₖₗ / ωₖ in atomic units.
    let displacements = try #require(object["cartesian_displacements"] as? [String: Any])
    #expect(displacements["atom_order"] as? [String] == ["O", "H1", "H2"])
    let d = try (1...3).map { k in try #require(displacements["q\(k)"] as? [Double]) }
    let masses = [15.99491461957, 1.00782503223, 1.00782503223].map { $0 * 1822.888486209 }
    for k in 0..<3 {
      try #require(d[k].count == 9)
      for l in 0..<3 {
        let s = (0..<9).reduce(0.0) { $0 + masses[$1 / 3] * d[k][$1] * d[l][$1] }
        let expected = k == l ? 219474.6313632 / omega[k] : 0
        expectClose(s, expected, absolute: 1e-9 * 219474.6313632 / omega[k], "mass-weighted product (q\(k + 1), q\(l + 1))")
      }
    }
  }

  @Test("normal-modes water without --json prints a table with the wavenumbers")
  func normalModesTable() throws {
    let run = try Runner.run(["normal-modes", "water"], in: try Runner.scratchDirectory())
    #expect(run.status == 0, "stderr: \(run.standardError)")
    for text in ["q1    symmetric stretch (A1)", "3832.7637", "1649.0715", "3944.3251", "phi_111", "phi_333"] {
      #expect(run.standardOutput.contains(text), "missing '\(text)' in:\n\(run.standardOutput)")
    }
  }

  // MARK: - orbital

  @Test("orbital 1s has density 1/π at the nucleus; 2p_z matches its closed form")
  func orbitalDensities() throws {
    let dir = try Runner.scratchDirectory()
    _ = try write("x,y,z\n0,0,0\n0,0,1\n1,0,0\n", "points.csv", in: dir)
    var run = try Runner.run(["orbital", "1s", "--input", "points.csv", "--output", "s.csv"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let s = try Runner.readCSV(dir.appendingPathComponent("s.csv"))
    #expect(s.names == ["x", "y", "z", "density"])
    try #require(s.rows.count == 3)
    expectClose(s.rows[0][3], 1 / Double.pi, relative: 1e-15)
    expectClose(s.rows[1][3], exp(-2) / Double.pi, relative: 1e-14)   // ρ₁ₛ = e^(−2r)/π
    run = try Runner.run(["orbital", "2p_z", "--input", "points.csv", "--output", "p.csv"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let p = try Runner.readCSV(dir.appendingPathComponent("p.csv"))
    try #require(p.rows.count == 3)
    expectClose(p.rows[0][3], 0, absolute: 0)
    expectClose(p.rows[1][3], exp(-1) / (32 * Double.pi), relative: 1e-14)  // z² e^(−r)/(32π)
    expectClose(p.rows[2][3], 0, absolute: 1e-300)
  }

  @Test("orbital with an unknown name lists the valid names")
  func orbitalUnknownName() throws {
    let dir = try Runner.scratchDirectory()
    _ = try write("x,y,z\n0,0,0\n", "points.csv", in: dir)
    let run = try Runner.run(["orbital", "5g", "--input", "points.csv", "--output", "d.csv"], in: dir)
    #expect(run.status != 0)
    #expect(run.standardError.contains("unknown orbital name '5g'; valid names are 1s 2s 2p_x 2p_y 2p_z 3s"), "stderr: \(run.standardError)")
    #expect(run.standardError.contains("4f_z3 4f_xz2 4f_yz2 4f_xyz 4f_z(x2-y2) 4f_x(x2-3y2) 4f_y(3x2-y2)"))
  }

  // MARK: - sample

  @Test("sample writes the same file for the same seed and a different one for another seed",
        arguments: [["water"], ["water", "--format", "extxyz"], ["3d_z2"]])
  func sampleReproducible(_ system: [String]) throws {
    let dir = try Runner.scratchDirectory()
    for (seed, name) in [("5", "a"), ("5", "b"), ("6", "c")] {
      let run = try Runner.run(["sample"] + system + ["--n", "12", "--seed", seed, "--output", name], in: dir)
      #expect(run.status == 0, "stderr: \(run.standardError)")
    }
    let a = try Data(contentsOf: dir.appendingPathComponent("a"))
    let b = try Data(contentsOf: dir.appendingPathComponent("b"))
    let c = try Data(contentsOf: dir.appendingPathComponent("c"))
    #expect(!a.isEmpty && a == b)
    #expect(a != c)
  }

  @Test("sample water CSV: documented columns, energies below the cut-off, V − (V − V_e) = V_e")
  func sampleWaterColumns() throws {
    let dir = try Runner.scratchDirectory()
    let run = try Runner.run(["sample", "water", "--n", "40", "--seed", "3", "--energy-cutoff", "0.02", "--output", "w.csv"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let w = try Runner.readCSV(dir.appendingPathComponent("w.csv"))
    #expect(w.names == ["r1", "r2", "theta", "q1", "q2", "q3", "energy", "energy_above_minimum"])
    try #require(w.rows.count == 40)
    let pes = PartridgeSchwenke()
    for row in w.rows {
      #expect(row[7] <= 0.02)
      expectClose(row[6] - row[7], -1.91093601120422e-06, absolute: 1e-12)
      // Independent evaluation of the written geometry.
      expectClose(try pes.energy(r1: row[0], r2: row[1], theta: row[2]), row[6], absolute: 1e-12)
    }
  }

  @Test("sample ORBITAL CSV: densities are the orbital's at the written points")
  func sampleOrbitalColumns() throws {
    let dir = try Runner.scratchDirectory()
    let run = try Runner.run(["sample", "4f_xyz", "--n", "30", "--seed", "9", "--output", "f.csv"], in: dir)
    #expect(run.status == 0, "stderr: \(run.standardError)")
    let f = try Runner.readCSV(dir.appendingPathComponent("f.csv"))
    #expect(f.names == ["x", "y", "z", "density"])
    try #require(f.rows.count == 30)
    let orbital = try HydrogenOrbital(name: "4f_xyz")
    for row in f.rows {
      expectClose(row[3], orbital.density(at: SIMD3(row[0], row[1], row[2])), relative: 1e-13)
    }
  }

  @Test("sample refuses extended XYZ for an orbital and unknown systems")
  func sampleErrors() throws {
    let dir = try Runner.scratchDirectory()
    var run = try Runner.run(["sample", "1s", "--n", "3", "--seed", "1", "--format", "extxyz", "--output", "o.xyz"], in: dir)
    #expect(run.status != 0)
    #expect(run.standardError.contains("--format extxyz is for water only: an orbital data set has no atoms; use --format csv"), "stderr: \(run.standardError)")
    run = try Runner.run(["sample", "ammonia", "--n", "3", "--seed", "1", "--output", "a.csv"], in: dir)
    #expect(run.status != 0)
    #expect(run.standardError.contains("unknown system 'ammonia'; use water or an orbital name: 1s 2s"), "stderr: \(run.standardError)")
    run = try Runner.run(["sample", "water", "--n", "3", "--seed", "1", "--energy-cutoff=-1", "--output", "w.csv"], in: dir)
    #expect(run.status != 0)
    #expect(run.standardError.contains("The energy cut-off -1.0 hartree kept 0 of 3 samples"), "stderr: \(run.standardError)")
  }

  // MARK: - Issue 9: finite inputs with non-finite results, huge counts

  @Test("pes water names the file, row and values when a finite geometry gives no finite energy")
  func pesOverflow() throws {
    let dir = try Runner.scratchDirectory()
    _ = try write("r1,r2,theta\n1.8,1.8,1.8\n1e300,1.8,1.8\n", "far.csv", in: dir)
    let run = try Runner.run(["pes", "water", "--input", "far.csv", "--output", "e.csv"], in: dir)
    #expect(run.status == 1)
    #expect(run.standardError == "Error: far.csv: data row 2: Invalid water geometry: at (r1, r2, theta) = (1e+300 bohr, 1.8 bohr, 1.8 rad) the surface's expansion does not give a finite energy (bond lengths far outside a molecule overflow it); pass bond lengths of a water molecule, about 1 to 10 bohr.\n")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("e.csv").path))
  }

  @Test("orbital names the file, row and values when a finite point gives no finite density")
  func orbitalOverflow() throws {
    let dir = try Runner.scratchDirectory()
    _ = try write("x,y,z\n1,1,1\n1e300,1e300,1e300\n", "far.csv", in: dir)
    let run = try Runner.run(["orbital", "4f_xyz", "--input", "far.csv", "--output", "d.csv"], in: dir)
    #expect(run.status == 1)
    #expect(run.standardError == "Error: far.csv: the point in row 2, (x, y, z) = (1e+300, 1e+300, 1e+300) bohr, gives no finite value of 4f_xyz: coordinates this large overflow the polynomial part; use points within about 1e100 bohr of the nucleus (the density is 0 to double precision beyond a few hundred bohr)\n")
    #expect(!run.standardError.contains("-nan") && !run.standardError.contains("CSV"))
  }

  @Test("sample refuses counts beyond the memory budget and negative counts, with the number",
        arguments: [("water", "9223372036854775807"), ("1s", "1000000000000"), ("water", "1000000000000")])
  func sampleHugeCount(system: String, n: String) throws {
    let dir = try Runner.scratchDirectory()
    let run = try Runner.run(["sample", system, "--n", n, "--seed", "1", "--output", "s.csv"], in: dir)
    #expect(run.status == 1)
    #expect(run.standardError.hasPrefix("Error: Sample count \(n) needs "), "stderr: \(run.standardError)")
    #expect(run.standardError.contains("(MemoryBudget.bytes); ask for at most "))
    let negative = try Runner.run(["sample", system, "--n", "-5", "--seed", "1", "--output", "s.csv"], in: dir)
    #expect(negative.standardError.hasPrefix("Error: --n is -5; ask for at least 1 sample."), "stderr: \(negative.standardError)")
  }
}
