import LinearAlgebra
import Testing
import _TestSupport

@testable import Datasets

@Suite("Extended XYZ frame")
struct ExtendedXYZFrameTests {
  @Test("energy is stored in info with 17 significant digits and read back exactly")
  func energy() throws {
    var f = ExtendedXYZFrame(species: ["H"], positions: try Matrix(rows: [[0, 0, 0]]), energy: 0.1)
    #expect(f.info["energy"] == "0.10000000000000001")
    #expect(f.energy == 0.1)
    f.energy = -2078.9779188340294
    #expect(f.energy == -2078.9779188340294)
    f.energy = nil
    #expect(f.info["energy"] == nil && f.energy == nil)
  }

  @Test("numeric info values are read as numbers, others as nil")
  func numbers() throws {
    let f = ExtendedXYZFrame(species: ["H"], positions: try Matrix(rows: [[0, 0, 0]]),
                             info: ["energy_hartree": "-76.4", "comment": "frame 0", "step": "12"])
    #expect(f.number(forKey: "energy_hartree") == -76.4)
    #expect(f.number(forKey: "step") == 12)
    #expect(f.number(forKey: "comment") == nil)
    #expect(f.number(forKey: "absent") == nil)
    #expect(f.atomCount == 1)
  }
}
