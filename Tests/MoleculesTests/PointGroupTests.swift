import LinearAlgebra
@testable import Molecules
import Testing
import _TestSupport

@Suite("PointGroup")
struct PointGroupTests {
  static func rotated(_ positions: [[Double]], seed: UInt64) throws -> Matrix  {
    // A random rotation (from a Gaussian quaternion) and shift, so no test relies on the input frame.
    var g = SeededGenerator(seed: seed)
    var q = (0..<4).map { _ in g.gaussian() }
    let norm = q.reduce(0) { $0 + $1 * $1 }.squareRoot()
    q = q.map { $0 / norm }
    let (w, x, y, z) = (q[0], q[1], q[2], q[3])
    let ww = w * w, xx = x * x, yy = y * y, zz = z * z
    let r00 = ww + xx - yy - zz, r11 = ww - xx + yy - zz, r22 = ww - xx - yy + zz
    let r01 = 2 * (x * y - w * z), r02 = 2 * (x * z + w * y), r10 = 2 * (x * y + w * z)
    let r12 = 2 * (y * z - w * x), r20 = 2 * (x * z - w * y), r21 = 2 * (y * z + w * x)
    let r: [Double] = [r00, r01, r02, r10, r11, r12, r20, r21, r22]
    let shift = [g.gaussian(), g.gaussian(), g.gaussian()]
    var rows: [[Double]] = []
    for p in positions {
      var row = shift
      for a in 0..<3 { for b in 0..<3 { row[a] += r[3 * a + b] * p[b] } }
      rows.append(row)
    }
    return try Matrix(rows: rows)
  }

  @Test("detects the point group of every test molecule, in any orientation", arguments: TestMolecule.all)
  func detection(molecule: TestMolecule) throws {
    let masses = try molecule.species.map { try IsotopeMasses.mass(of: $0) }
    let (group, symmetrized) = try PointGroup.detect(species: molecule.species, masses: masses,
                                                     positions: Self.rotated(molecule.positions, seed: 7))
    #expect(group.name == molecule.group)
    let orders = ["C1": 1, "Cs": 2, "C2": 2, "C2v": 4, "C2h": 4, "C3v": 6, "D2h": 8, "D3h": 12, "D3d": 12, "Td": 24, "C∞v": 4, "D∞h": 8]
    #expect(group.order == orders[molecule.group])
    #expect(group.operations.first?.isIdentity == true)
    #expect(group.symmetrizationDisplacement < 1e-12)
    // Every operation maps the structure onto itself with its permutation.
    let n = molecule.species.count
    for op in group.operations {
      for i in 0..<n {
        let r = (0..<3).map { symmetrized[i, $0] - group.centre[$0] }
        let image = op.matrix * r
        let target = (0..<3).map { symmetrized[op.permutation[i], $0] - group.centre[$0] }
        expectClose(image, target, absolute: 1e-10, "\(op.name) on atom \(i)")
      }
      expectClose(OrthogonalityCheck.defect(op.matrix), 0, absolute: 1e-12, "orthogonality of \(op.name)")
    }
  }

  @Test("a distortion beyond the tolerance lowers the group; within it the structure is symmetrised")
  func tolerance() throws {
    var positions = TestMolecule.ammonia.positions
    positions[1][0] += 0.01  // one N–H bond 0.01 bohr longer in x
    let masses = [14.00307400443, 1.00782503223, 1.00782503223, 1.00782503223]
    let strict = try PointGroup.detect(species: TestMolecule.ammonia.species, masses: masses, positions: Matrix(rows: positions))
    #expect(strict.group.name == "Cs")
    let loose = try PointGroup.detect(species: TestMolecule.ammonia.species, masses: masses, positions: Matrix(rows: positions), tolerance: 0.05)
    #expect(loose.group.name == "C3v")
    #expect(loose.group.symmetrizationDisplacement > 0.001 && loose.group.symmetrizationDisplacement < 0.01)
  }

  @Test("an isotope breaks the symmetry: HDO is Cs")
  func isotopes() throws {
    let water = TestMolecule.water
    let (group, _) = try PointGroup.detect(species: water.species, masses: [15.99491461957, 1.00782503223, 2.01410177812],
                                           positions: Matrix(rows: water.positions))
    #expect(group.name == "Cs")
  }

  @Test("Mulliken orientation: C2v classes with the molecular plane as σv'(yz); D2h with z along C=C")
  func orientation() throws {
    let water = TestMolecule.water
    let (group, _) = try PointGroup.detect(species: water.species, masses: [15.99491461957, 1.00782503223, 1.00782503223],
                                           positions: Matrix(rows: water.positions))
    let plane = try #require(group.operations.first { $0.name == "σv'(yz)" })
    // The molecular plane of this geometry is x = 0: its normal is ±x.
    expectClose(abs(try #require(plane.axis)[0]), 1, absolute: 1e-12)
    let ethylene = TestMolecule.ethylene
    let masses = try ethylene.species.map { try IsotopeMasses.mass(of: $0) }
    let d2h = try PointGroup.detect(species: ethylene.species, masses: masses, positions: Matrix(rows: ethylene.positions)).group
    let c2z = try #require(d2h.operations.first { $0.name == "C2(z)" })
    expectClose(abs(try #require(c2z.axis)[2]), 1, absolute: 1e-12, "C2(z) is the C=C axis")
    let c2x = try #require(d2h.operations.first { $0.name == "C2(x)" })
    expectClose(abs(try #require(c2x.axis)[0]), 1, absolute: 1e-12, "C2(x) is perpendicular to the molecular plane")
  }

  @Test("a tolerance outside (0, 0.5] bohr is refused with the valid range")
  func badTolerance() {
    let water = TestMolecule.water
    #expect {
      _ = try PointGroup.detect(species: water.species, masses: [16, 1, 1], positions: Matrix(rows: water.positions), tolerance: 0)
    } throws: { error in
      (error as? MoleculeError)?.code == .invalidParameter && "\(error)".contains("outside (0, 0.5] bohr")
    }
  }
}

/// ‖RᵀR − I‖_F for a 3 × 3 matrix.
enum OrthogonalityCheck {
  static func defect(_ r: Matrix) -> Double {
    let g = r.multiplied(by: r, transposingSelf: true)
    return (g - .identity(3)).frobeniusNorm
  }
}
