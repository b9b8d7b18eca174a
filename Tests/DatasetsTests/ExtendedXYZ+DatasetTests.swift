import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Datasets

@Suite("Extended XYZ to data set")
struct ExtendedXYZDatasetTests {
  private func frames() throws -> [ExtendedXYZFrame] {
    let url = try #require(Bundle.module.url(forResource: "ase_water", withExtension: "xyz", subdirectory: "Fixtures"))
    return try ExtendedXYZ.read(contentsOf: url)
  }

  @Test("flattens positions, takes energies as labels and minus the forces as gradients")
  func converts() throws {
    let f = try frames()
    let d = try ExtendedXYZ.dataset(f)
    #expect(d.count == 4 && d.dimension == 9)
    for k in 0..<4 {
      #expect(d.inputs.row(k) == f[k].positions.elements)
      #expect(d.labels[k] == f[k].energy)
      #expect(d.gradients?.row(k) == f[k].forces?.elements.map { -$0 })
    }
    let h = try ExtendedXYZ.dataset(f, energyKey: "energy_hartree")
    expectClose(zip(d.labels, h.labels).map { $0 / $1 }, Array(repeating: 27.211386245988, count: 4), relative: 1e-12)
  }

  @Test("omits gradients unless every frame has forces")
  func gradientsOnlyWithForces() throws {
    var f = try frames()
    f[2].forces = nil
    #expect(try ExtendedXYZ.dataset(f).gradients == nil)
  }

  @Test("reports no frames, mixed molecules and a missing energy key")
  func errors() throws {
    #expect(caughtDatasetError { _ = try ExtendedXYZ.dataset([]) }?.description == "no frames; expected at least one frame to build a data set from")
    var f = try frames()
    f[1].species = ["H", "O", "H"]
    let mixed = caughtDatasetError { _ = try ExtendedXYZ.dataset(f) }
    #expect(mixed?.code == .shapeMismatch)
    #expect(mixed?.description == "frame 1 has atoms H O H but frame 0 has O H H; expected the same molecule, atoms in the same order, in every frame")
    let missing = caughtDatasetError { _ = try ExtendedXYZ.dataset(try frames(), energyKey: "free_energy") }
    #expect(missing?.code == .unknownName)
    #expect(missing?.description == "frame 0 has no finite 'free_energy' value (its keys: comment, energy, energy_hartree); choose the energy key with energyKey:")
  }
}
