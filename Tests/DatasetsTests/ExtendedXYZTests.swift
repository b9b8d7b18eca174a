import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Datasets

/// What ASE read from `ase_water.xyz` (written by `make_ase_fixture.py`).
private struct ASEFixture: Decodable {
  struct Frame: Decodable {
    var symbols: [String]
    var positions: [[Double]]
    var forces: [[Double]]
    var energy: Double
    var energy_hartree: Double
    var comment: String
    var cell: [[Double]]
    var pbc: [Bool]
  }
  var frames: [Frame]
}

private func fixtureURL(_ name: String, _ ext: String) throws -> URL {
  try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
}

@Suite("Extended XYZ")
struct ExtendedXYZTests {
  @Test("reads the ASE-written fixture with the values ASE reads")
  func readsASEFixture() throws {
    let frames = try ExtendedXYZ.read(contentsOf: try fixtureURL("ase_water", "xyz"))
    let expected = try JSONDecoder().decode(ASEFixture.self, from: Data(contentsOf: try fixtureURL("ase_water", "json")))
    try #require(frames.count == expected.frames.count)
    #expect(frames.count == 4)
    for (frame, e) in zip(frames, expected.frames) {
      #expect(frame.species == e.symbols)
      expectClose(frame.positions, try Matrix(rows: e.positions), relative: 1e-15)
      expectClose(try #require(frame.forces), try Matrix(rows: e.forces), relative: 1e-15)
      expectClose(try #require(frame.energy), e.energy, relative: 1e-15)
      expectClose(try #require(frame.number(forKey: "energy_hartree")), e.energy_hartree, relative: 1e-15)
      #expect(frame.info["comment"] == e.comment)
      if e.pbc == [false, false, false] {
        #expect(frame.lattice == nil)
      } else {
        expectClose(try #require(frame.lattice), try Matrix(rows: e.cell), relative: 1e-15)
      }
      #expect(frame.pbc == e.pbc)
    }
  }

  @Test("re-writes the ASE fixture and reads the same frames back bit for bit")
  func roundTripsFixture() throws {
    let frames = try ExtendedXYZ.read(contentsOf: try fixtureURL("ase_water", "xyz"))
    let url = try scratchFile("ours.xyz")
    try ExtendedXYZ.write(frames, to: url)
    let back = try ExtendedXYZ.read(contentsOf: url)
    #expect(back == frames)
    // For Fixtures/check_ase_reads.py: leave the written file where the caller asks.
    if let path = ProcessInfo.processInfo.environment["DATASETS_WRITE_EXTXYZ"] {
      try ExtendedXYZ.write(frames, to: URL(fileURLWithPath: path))
    }
  }

  @Test("round-trips random frames with forces, extra arrays, lattice, pbc and quoted info", arguments: [UInt64(5), 6])
  func roundTripsRandomFrames(seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    var frames: [ExtendedXYZFrame] = []
    for k in 0..<3 {
      let n = 1 + g.index(below: 5)
      var f = ExtendedXYZFrame(
        species: (0..<n).map { ["O", "H", "C", "Na"][($0 + k) % 4] },
        positions: try g.gaussianMatrix(rows: n, columns: 3),
        forces: k == 1 ? nil : try g.gaussianMatrix(rows: n, columns: 3),
        energy: g.gaussian() * 1e3,
        info: ["energy_hartree": CSV.formatSignificant17(g.gaussian()), "note": "say \"hi\" = a\\b", "flag": "T"])
      if k == 2 {
        f.lattice = try g.uniformMatrix(rows: 3, columns: 3)
        f.pbc = [true, false, true]
        f.arrays["charges"] = try g.gaussianMatrix(rows: n, columns: 1)
      }
      frames.append(f)
    }
    let text = try ExtendedXYZ.format(frames)
    let back = try ExtendedXYZ.parse(text)
    #expect(back == frames)
    #expect(back[0].info["note"] == "say \"hi\" = a\\b")
  }

  @Test("writes ASE's layout: count, Lattice, Properties, energy first, pbc, one line per atom")
  func writesASELayout() throws {
    let f = ExtendedXYZFrame(species: ["O", "H"], positions: try Matrix(rows: [[0, 0, 0.5], [1, -2, 0.25]]),
                             forces: try Matrix(rows: [[0.1, 0, 0], [0, 0, -1]]), energy: -2.5,
                             info: ["energy_hartree": "-0.0918", "comment": "a b"],
                             lattice: Matrix.identity(3), pbc: [false, false, false])
    let text = try ExtendedXYZ.format([f])
    #expect(text == """
      2
      Lattice="1 0 0 0 1 0 0 0 1" Properties=species:S:1:pos:R:3:forces:R:3 energy=-2.5 comment="a b" energy_hartree=-0.0918 pbc="F F F"
      O  0 0 0.5 0.10000000000000001 0 0
      H  1 -2 0.25 0 0 -1

      """)
  }

  @Test("reads plain XYZ (no Properties) and a key without a value")
  func readsPlainXYZ() throws {
    let frames = try ExtendedXYZ.parse("2\r\nwater fragment\r\nO 0 0 1\r\nH 1.5 0 0\r\n\r\n")
    #expect(frames.count == 1)
    #expect(frames[0].species == ["O", "H"])
    #expect(try frames[0].positions == Matrix(rows: [[0, 0, 1], [1.5, 0, 0]]))
    #expect(frames[0].info == ["water": "T", "fragment": "T"])
    #expect(frames[0].forces == nil && frames[0].energy == nil)
  }

  @Test("keeps a free-text comment line without Properties whole, as plain XYZ allows")
  func freeTextComment() throws {
    let f = try ExtendedXYZ.parse("1\n water molecule energy = 5 \nO 0 0 1\n")[0]
    #expect(f.info == ["comment": "water molecule energy = 5"])
    #expect(f.energy == nil)
    #expect(try f.positions == Matrix(rows: [[0, 0, 1]]))
  }

  @Test("reads integer and logical properties as numbers")
  func readsIntegerAndLogical() throws {
    let text = "2\nProperties=species:S:1:pos:R:3:tags:I:1:fixed:L:1 energy=1\nO 0 0 0 3 T\nH 0 0 1 -1 F\n"
    let f = try ExtendedXYZ.parse(text)[0]
    #expect(f.arrays["tags"] == Matrix(column: [3, -1]))
    #expect(f.arrays["fixed"] == Matrix(column: [1, 0]))
    #expect(f.energy == 1)
  }

  // MARK: - Errors

  private func error(_ text: String) -> DatasetError? {
    caughtDatasetError { _ = try ExtendedXYZ.parse(text, file: "w.xyz") }
  }

  @Test("reports a bad atom count")
  func badAtomCount() {
    let e = error("3\nenergy=1\nO 0 0 0\nH 0 0 1\nH 0 1 0\nthree\n")
    #expect(e?.code == .malformedFile)
    #expect(e?.description == "w.xyz:6:1: bad atom count 'three'; expected a non-negative integer on the first line of each frame")
  }

  @Test("reports a file that ends before the announced atoms")
  func truncated() {
    #expect(error("3\nenergy=1\nO 0 0 0\n")?.description == "w.xyz:4:1: the frame announces 3 atoms but the file ends after 1 atom line; expected 3 atom lines (fix the atom count on line 1)")
    #expect(error("3")?.description == "w.xyz:2:1: the file ends after the atom count; expected a comment line with key=value pairs (e.g. Properties=species:S:1:pos:R:3 energy=...)")
  }

  @Test("reports an atom line with the wrong number of columns")
  func wrongColumnCount() {
    let e = error("2\nProperties=species:S:1:pos:R:3:forces:R:3\nO 0 0 0 1 2 3\nH 0 0 1 1 2\n")
    #expect(e?.description == "w.xyz:4:12: atom line with 6 columns; expected 7 as declared by Properties=species:S:1:pos:R:3:forces:R:3 (2 atom lines follow the comment line)")
    let extra = error("1\n\nO 0 0 0 9\n")
    #expect(extra?.description == "w.xyz:3:9: atom line with 5 columns; expected 4 as declared by Properties=species:S:1:pos:R:3 (1 atom lines follow the comment line)")
  }

  @Test("reports an unknown property type and malformed Properties")
  func unknownPropertyType() {
    let e = error("1\nenergy=2 Properties=species:S:1:pos:R:3:forces:X:3\nO 0 0 0 1 2 3\n")
    #expect(e?.description == "w.xyz:2:10: unknown property type 'X' for 'forces' in Properties=species:S:1:pos:R:3:forces:X:3; expected S (string), R (real), I (integer) or L (logical)")
    #expect(error("1\nProperties=species:S:1:pos:R\nO 0 0 0\n")?.description == "w.xyz:2:1: Properties=species:S:1:pos:R does not consist of name:type:width triples; expected e.g. Properties=species:S:1:pos:R:3")
    #expect(error("1\nProperties=species:S:1:pos:R:three\nO 0 0 0\n")?.description == "w.xyz:2:1: property 'pos' has width 'three'; expected a non-empty name and a positive integer width, e.g. forces:R:3")
    #expect(error("1\nProperties=species:S:1:x:R:3\nO 0 0 0\n")?.description == "w.xyz:2: Properties lacks species:S:1 or pos:R:3; expected e.g. Properties=species:S:1:pos:R:3[:forces:R:3]")
  }

  @Test("reports non-numeric values in atom lines and in the comment line")
  func nonNumeric() {
    #expect(error("1\n\nO 0 zero 0\n")?.description == "w.xyz:3:5: 'zero' in property 'pos' is not a finite number; expected a real number as declared by pos:R:3")
    #expect(error("1\n\nO 0 nan 0\n")?.description == "w.xyz:3:5: 'nan' in property 'pos' is not a finite number; expected a real number as declared by pos:R:3")
    #expect(error("1\nProperties=species:S:1:pos:R:3:tags:I:1\nO 0 0 0 1.5\n")?.description == "w.xyz:3:9: '1.5' in property 'tags' is not an integer; expected an integer as declared by tags:I:1")
    #expect(error("1\nProperties=species:S:1:pos:R:3:fixed:L:1\nO 0 0 0 yes\n")?.description == "w.xyz:3:9: 'yes' in property 'fixed' is not a logical value; expected T or F")
    #expect(error("1\na=1  energy=-x\nO 0 0 0\n")?.description == "w.xyz:2:6: energy=-x is not a finite number; expected the energy in eV, e.g. energy=-2075.12")
    #expect(error("1\nLattice=\"1 0 0 0 1 0 0 0\"\nO 0 0 0\n")?.description == "w.xyz:2:1: Lattice=\"1 0 0 0 1 0 0 0\" is not nine finite numbers; expected the three cell vectors in ångström, e.g. Lattice=\"5 0 0 0 5 0 0 0 5\"")
    #expect(error("1\npbc=\"T F\"\nO 0 0 0\n")?.description == "w.xyz:2:1: pbc=\"T F\" is not three logical values; expected e.g. pbc=\"F F F\" or pbc=\"T T T\"")
    #expect(error("1\nProperties=species:S:1:pos:R:3 comment=\"open\nO 0 0 0\n")?.description == "w.xyz:2:40: the value of 'comment' opens a quote that is never closed; expected a closing \" on the same line")
  }

  @Test("reports a missing file")
  func missingFile() throws {
    let url = try scratchFile("absent.xyz")
    let e = caughtDatasetError { _ = try ExtendedXYZ.read(contentsOf: url) }
    #expect(e?.code == .unreadableFile)
    #expect(e?.description == "\(url.path): no such file; check the path and the working directory")
  }

  @Test("refuses to write frames with inconsistent shapes or unusable names")
  func writeErrors() {
    func message(_ f: ExtendedXYZFrame) -> String? {
      caughtDatasetError { _ = try ExtendedXYZ.format([f]) }?.description
    }
    let p = Matrix(rows: 2, columns: 3, elements: [0, 0, 0, 0, 0, 1])
    #expect(message(ExtendedXYZFrame(species: ["O"], positions: p)) == "frame 0: positions is 2 × 3 for 1 atoms; expected 1 × 3")
    #expect(message(ExtendedXYZFrame(species: ["O", "H"], positions: p, forces: Matrix(rows: 1, columns: 2, elements: [1, 2]))) == "frame 0: forces is 1 × 2 for 2 atoms; expected 2 × 3")
    #expect(message(ExtendedXYZFrame(species: ["O", "H"], positions: p, energy: .nan)) == "frame 0: energy 'nan' is not a finite number; set energy to the energy in eV")
    #expect(message(ExtendedXYZFrame(species: ["O", "H H"], positions: p)) == "frame 0: species 'H H' is empty or contains whitespace; use chemical symbols such as O or H")
    #expect(message(ExtendedXYZFrame(species: ["O", "H"], positions: p, info: ["a b": "1"])) == "frame 0: info key 'a b' is empty, reserved or contains whitespace, '=' or a quote; use a plain identifier such as energy_hartree (set lattice and pbc through their properties)")
    #expect(message(ExtendedXYZFrame(species: ["O", "H"], positions: p, lattice: Matrix.identity(2))) == "frame 0: lattice is 2 × 2; expected 3 × 3 (cell vectors as rows, Å)")
    #expect(message(ExtendedXYZFrame(species: ["O", "H"], positions: p, pbc: [true])) == "frame 0: pbc has 1 values; expected 3 (one per cell vector)")
  }

  @Test("an atom count of Int.max is compared with the lines present, without overflow")
  func hugeAtomCount() {
    let e = caughtDatasetError { _ = try ExtendedXYZ.parse("9223372036854775807\ncomment\nO 0 0 0\n", file: "big.xyz") }
    #expect(e?.description == "big.xyz:4:1: the frame announces 9223372036854775807 atoms but the file ends after 1 atom line; expected 9223372036854775807 atom lines (fix the atom count on line 1)")
  }

  @Test("property widths of 2⁶², Int.max or 2631527310311449734 are refused before any arithmetic or allocation",
        arguments: ["4611686018427387904", "9223372036854775807", "2631527310311449734"])
  func hugePropertyWidth(width: String) {
    let text = "1\nProperties=species:S:1:pos:R:3:f:R:\(width)\nO 0 0 0 1\n"
    let e = caughtDatasetError { _ = try ExtendedXYZ.parse(text, file: "w.xyz") }
    #expect(e?.code == .malformedFile)
    #expect(e?.description == "w.xyz:2:1: property 'f' has width \(width); the largest width read is 1048576 columns (a per-atom property such as forces:R:3 has a few)")
  }

  @Test("a wide but allowed width is checked against the tokens present")
  func wideWidthAgainstTokens() {
    let e = caughtDatasetError { _ = try ExtendedXYZ.parse("2\nProperties=species:S:1:pos:R:3:f:R:1048576\nO 0 0 0 1\nH 0 0 1 1\n", file: "w.xyz") }
    #expect(e?.description == "w.xyz:3:10: atom line with 5 columns; expected 1048580 as declared by Properties=species:S:1:pos:R:3:f:R:1048576 (2 atom lines follow the comment line)")
  }

  @Test("a UTF-8 byte-order mark is skipped, and CR-only line ends are read")
  func byteOrderMarkAndCR() throws {
    let frames = try ExtendedXYZ.parse("\u{FEFF}1\nenergy=1.5\nH 0 0 0.5\n")
    #expect(frames.count == 1 && frames[0].energy == 1.5)
    let url = try scratchFile("bom.xyz")
    try Data([0xEF, 0xBB, 0xBF] + Array("1\rx=1\rH 0 0 1\r".utf8)).write(to: url)
    let read = try ExtendedXYZ.read(contentsOf: url)
    #expect(read.count == 1 && read[0].positions == Matrix(rows: 1, columns: 3, elements: [0, 0, 1]))
  }

  @Test("frames without atoms read, but give no data set: samples need coordinates")
  func zeroAtomFrames() throws {
    let frames = try ExtendedXYZ.parse("0\nenergy=1\n0\nenergy=2\n")
    #expect(frames.count == 2 && frames.allSatisfy { $0.atomCount == 0 })
    let e = caughtDatasetError { _ = try ExtendedXYZ.dataset(frames) }
    #expect(e?.code == .invalidParameter)
    #expect(e?.description == "frame 0 has no atoms, which gives samples with no input coordinates; expected frames with at least one atom each")
  }

  @Test("a species with a combining mark is written whole and reads back (fuzz: padding cut the last letter)")
  func combiningMarkSpecies() throws {
    let frame = ExtendedXYZFrame(species: ["\u{FFFD}\u{07EB}xO", "H"], positions: Matrix(rows: 2, columns: 3, elements: [0, 0, 0, 0, 0, 1]))
    let back = try ExtendedXYZ.parse(ExtendedXYZ.format([frame]))
    #expect(back.map(\.species) == [["\u{FFFD}\u{07EB}xO", "H"]])
    #expect(back[0].positions == frame.positions)
  }

  @Test("info values that start with a brace or hide a space behind a combining mark are quoted and read back (fuzz)")
  func quotedInfoValues() throws {
    var frame = ExtendedXYZFrame(species: ["H"], positions: Matrix(rows: 1, columns: 3, elements: [0, 0, 0]))
    frame.info["note"] = "{a"
    frame.info["accent"] = "x \u{301}y"
    let back = try ExtendedXYZ.parse(ExtendedXYZ.format([frame]))
    #expect(back.first?.info == frame.info)
    frame.info["bad"] = "two\nlines"
    let e = caughtDatasetError { _ = try ExtendedXYZ.format([frame]) }
    #expect(e?.description == "frame 0: the value of info key 'bad' contains a line break, which would end the comment line; remove it")
    let spaced = ExtendedXYZFrame(species: [" \u{301}H"], positions: Matrix(rows: 1, columns: 3, elements: [0, 0, 0]))
    #expect(caughtDatasetError { _ = try ExtendedXYZ.format([spaced]) }?.code == .invalidParameter)
  }
}
