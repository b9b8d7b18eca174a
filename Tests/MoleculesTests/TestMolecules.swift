// Test molecules: idealised geometries (bohr) and a model force field whose Hessians have each
// molecule's point-group symmetry by construction, so the tests need no quantum chemistry.
import Datasets
import Foundation
import LinearAlgebra
import Testing
@testable import Molecules

/// A smooth model potential that is exactly invariant under rotations, reflections and
/// permutations of identical atoms, with its minimum at the reference geometry `x0`:
///
/// ```
/// V = Σ_pairs  k (r − r⁰)² / 2 − k (r − r⁰)³ / 2                 (stretches, with cubic anharmonicity)
///   + Σ_triples κ₃ [(s − s⁰)² / 2 + [s⁰ = 0] s]                  s = |r_ij × r_ik|²   (bends; linear bends)
///   + Σ_quads   κ₄ [(v − v⁰)² / 2 + [v⁰ = 0] v]                  v = det(r_ij, r_ik, r_il)²   (torsions, wags)
/// ```
///
/// with k depending on the species pair and r⁰ only (hartree, bohr).
struct ModelForceField: PotentialEnergySurface {
  let species: [String]
  let x0: [Double]
  var dimension: Int { x0.count }

  func energy(at x: [Double]) throws(DatasetError) -> Double { value(x) }

  func value(_ x: [Double]) -> Double {
    let n = species.count
    func d(_ p: [Double], _ i: Int, _ j: Int) -> [Double] { [p[3 * j] - p[3 * i], p[3 * j + 1] - p[3 * i + 1], p[3 * j + 2] - p[3 * i + 2]] }
    func norm(_ v: [Double]) -> Double { (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).squareRoot() }
    func cross(_ a: [Double], _ b: [Double]) -> [Double] { [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]] }
    func dot(_ a: [Double], _ b: [Double]) -> Double { a[0] * b[0] + a[1] * b[1] + a[2] * b[2] }
    var v = 0.0
    for i in 0..<n {
      for j in (i + 1)..<n {
        let r0 = norm(d(x0, i, j)), r = norm(d(x, i, j))
        let mass = (try? IsotopeMasses.mass(of: species[i])) ?? 1, other = (try? IsotopeMasses.mass(of: species[j])) ?? 1
        let k = 0.3 * exp(-0.6 * (r0 - 2)) * (1 + 0.01 * (mass + other))
        v += k * (r - r0) * (r - r0) / 2 - k * (r - r0) * (r - r0) * (r - r0) / 2
        for l in (j + 1)..<n {
          let s0 = dot(cross(d(x0, i, j), d(x0, i, l)), cross(d(x0, i, j), d(x0, i, l)))
          let s = dot(cross(d(x, i, j), d(x, i, l)), cross(d(x, i, j), d(x, i, l)))
          v += 2e-4 * ((s - s0) * (s - s0) / 2 + (s0 < 1e-8 ? 50 * s : 0))
          for m in (l + 1)..<n {
            let w0 = dot(d(x0, i, j), cross(d(x0, i, l), d(x0, i, m))), w = dot(d(x, i, j), cross(d(x, i, l), d(x, i, m)))
            let q0 = w0 * w0, q = w * w
            v += 2e-5 * ((q - q0) * (q - q0) / 2 + (q0 < 1e-8 ? 50 * q : 0))
          }
        }
      }
    }
    return v
  }

  /// The molecule with the model's Hessian at its minimum (five-point differences, 1e-3 bohr).
  func molecule(masses: [Double?]? = nil) throws -> Molecule {
    let h = try finiteDifferenceHessian(at: x0, step: 1e-3)
    return try Molecule(species: species, masses: masses, positions: Matrix(rows: species.count, columns: 3, elements: x0),
                        hessian: h, energy: 0)
  }

  /// The model's Cartesian Hessian at positions (n × 3, bohr).
  func hessian(at positions: Matrix) throws -> Matrix {
    try finiteDifferenceHessian(at: positions.elements, step: 1e-3)
  }
}

/// One test molecule: atoms, an idealised geometry, its expected point group and mode irreps.
struct TestMolecule: Sendable, CustomTestStringConvertible {
  let name: String
  let species: [String]
  let positions: [[Double]]
  let group: String
  /// The expected irreps of the vibrations in mode order (Herzberg order of the table).
  let irreps: [String?]
  /// Modes whose single flip is exact (0-based).
  let exactlyFlippable: [Int]
  /// The order of the exact group in q-space.
  let exactOrder: Int

  var testDescription: String { name }
  var model: ModelForceField { ModelForceField(species: species, x0: positions.flatMap { $0 }) }

  /// The molecule with the model's Hessian, computed once per test run (finite differences are
  /// slow in debug builds).
  var modelMolecule: Molecule {
    get throws {
      guard let result = Self.cache[name] else { throw MoleculeError(.invalidParameter, "no cached test molecule \(name)") }
      return try result.get()
    }
  }

  static let cache: [String: Result<Molecule, any Error>] = Dictionary(uniqueKeysWithValues: all.map { m in
    (m.name, Result { try m.model.molecule() })
  })

  static func ring(_ r: Double, z: Double, count: Int, phase: Double = 0) -> [[Double]] {
    (0..<count).map { k in
      let a = phase + 2 * Double.pi * Double(k) / Double(count)
      return [r * cos(a), r * sin(a), z]
    }
  }

  static let water = TestMolecule(name: "H2O", species: ["O", "H", "H"],
                                  positions: [[0, 0, 0], [0, 1.43, 1.11], [0, -1.43, 1.11]],
                                  group: "C2v", irreps: ["A1", "A1", "B2"], exactlyFlippable: [2], exactOrder: 2)
  static let formaldehyde = TestMolecule(name: "H2CO", species: ["C", "O", "H", "H"],
                                         positions: [[0, 0, 0], [0, 0, 2.27], [0, 1.77, -1.1], [0, -1.77, -1.1]],
                                         group: "C2v", irreps: ["A1", "A1", "A1", "B1", "B2", "B2"], exactlyFlippable: [3], exactOrder: 4)
  static let ammonia = TestMolecule(name: "NH3", species: ["N", "H", "H", "H"],
                                    positions: [[0, 0, 0.13]] + ring(1.77, z: -0.6, count: 3),
                                    group: "C3v", irreps: ["A1", "A1", "E", "E", "E", "E"], exactlyFlippable: [], exactOrder: 6)
  static let methane = TestMolecule(name: "CH4", species: ["C", "H", "H", "H", "H"],
                                    positions: [[0, 0, 0], [1.19, 1.19, 1.19], [1.19, -1.19, -1.19], [-1.19, 1.19, -1.19], [-1.19, -1.19, 1.19]],
                                    group: "Td", irreps: ["A1", "E", "E", "T2", "T2", "T2", "T2", "T2", "T2"], exactlyFlippable: [], exactOrder: 24)
  static let carbonDioxide = TestMolecule(name: "CO2", species: ["C", "O", "O"], positions: [[0, 0, 0], [0, 0, 2.2], [0, 0, -2.2]],
                                          group: "D∞h", irreps: ["Σg+", "Σu+", "Πu", "Πu"], exactlyFlippable: [1, 2, 3], exactOrder: 8)
  static let hydrogenCyanide = TestMolecule(name: "HCN", species: ["H", "C", "N"], positions: [[0, 0, -2.0], [0, 0, 0], [0, 0, 2.19]],
                                            group: "C∞v", irreps: ["Σ+", "Σ+", "Π", "Π"], exactlyFlippable: [2, 3], exactOrder: 4)
  static let ethylene = TestMolecule(name: "C2H4", species: ["C", "C", "H", "H", "H", "H"],
                                     positions: [[0, 0, 1.26], [0, 0, -1.26], [0, 1.75, 2.33], [0, -1.75, 2.33], [0, 1.75, -2.33], [0, -1.75, -2.33]],
                                     group: "D2h", irreps: ["Ag", "Ag", "Ag", "B2g", "B3g", "B3g", "Au", "B1u", "B1u", "B2u", "B2u", "B3u"],
                                     exactlyFlippable: [], exactOrder: 8)
  static let boronTrifluoride = TestMolecule(name: "BF3", species: ["B", "F", "F", "F"], positions: [[0, 0, 0]] + ring(2.46, z: 0, count: 3),
                                             group: "D3h", irreps: ["A1'", "E'", "E'", "E'", "E'", "A2''"], exactlyFlippable: [5], exactOrder: 12)
  static let ethane = TestMolecule(name: "C2H6", species: ["C", "C", "H", "H", "H", "H", "H", "H"],
                                   positions: [[0, 0, 1.45], [0, 0, -1.45]] + ring(1.94, z: 2.17, count: 3) + ring(1.94, z: -2.17, count: 3, phase: Double.pi / 3),
                                   group: "D3d", irreps: ["A1g", "A1g", "A1g"] + Array(repeating: "Eg", count: 6) + ["A1u", "A2u", "A2u"] + Array(repeating: "Eu", count: 6),
                                   exactlyFlippable: [], exactOrder: 12)
  static let diazene = TestMolecule(name: "trans-N2H2", species: ["N", "N", "H", "H"],
                                    positions: [[1.17, 0, 0], [-1.17, 0, 0], [1.6, 1.85, 0], [-1.6, -1.85, 0]],
                                    group: "C2h", irreps: ["Ag", "Ag", "Ag", "Au", "Bu", "Bu"], exactlyFlippable: [3], exactOrder: 4)
  static let hydrogenPeroxide = TestMolecule(name: "H2O2", species: ["O", "O", "H", "H"],
                                             positions: [[1.37, 0, 0], [-1.37, 0, 0], [1.6, 1.8, 0.9], [-1.6, 1.8, -0.9]],
                                             group: "C2", irreps: ["A", "A", "A", "A", "B", "B"], exactlyFlippable: [], exactOrder: 2)
  static let hypochlorousAcid = TestMolecule(name: "HOCl", species: ["O", "H", "Cl"], positions: [[0, 0, 0], [1.8, 0, 0], [-0.7, 3.0, 0]],
                                             group: "Cs", irreps: ["A'", "A'", "A'"], exactlyFlippable: [], exactOrder: 1)
  static let bromochlorofluoromethane = TestMolecule(name: "CHFClBr", species: ["C", "H", "F", "Cl", "Br"],
                                                     positions: [[0, 0, 0], [1.2, 1.2, 1.2], [1.5, -1.5, -1.5], [-1.9, 1.9, -1.9], [-2.1, -2.1, 2.1]],
                                                     group: "C1", irreps: Array(repeating: "A", count: 9), exactlyFlippable: [], exactOrder: 1)

  static let nitrogen = TestMolecule(name: "N2", species: ["N", "N"], positions: [[0, 0, 1.04], [0, 0, -1.04]],
                                     group: "D∞h", irreps: ["Σg+"], exactlyFlippable: [], exactOrder: 1)

  static let all: [TestMolecule] = [nitrogen, water, formaldehyde, ammonia, methane, carbonDioxide, hydrogenCyanide, ethylene,
                                    boronTrifluoride, ethane, diazene, hydrogenPeroxide, hypochlorousAcid, bromochlorofluoromethane]
}

