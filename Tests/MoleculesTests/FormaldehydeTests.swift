// Formaldehyde at RHF/cc-pVDZ from PySCF (Fixtures/make_formaldehyde_fixture.py): the molecule
// path against PySCF's own harmonic analysis and against finite differences of stored energies.
import Datasets
import Foundation
import LinearAlgebra
@testable import Molecules
import Testing
import _TestSupport

@Suite("Formaldehyde (PySCF fixture)")
struct FormaldehydeTests {
  static let analysis: Result<NormalModeAnalysis, any Error> = Result {
    try NormalModeAnalysis(try Molecule(contentsOf: MoleculeFileTests.fixture("formaldehyde.json")))
  }
  static var reference: [String: Any] {
    get throws {
      try JSONSerialization.jsonObject(with: Data(contentsOf: MoleculeFileTests.fixture("formaldehyde_reference.json"))) as! [String: Any]
    }
  }

  /// The check energies (hartree) keyed by their q on the grid of step t = 0.1, as integers.
  static func checkGrid(_ analysis: NormalModeAnalysis) throws -> [[Int]: Double] {
    let frames = try ExtendedXYZ.read(contentsOf: MoleculeFileTests.fixture("formaldehyde_checks.xyz"))
    let q = try analysis.normalCoordinates(of: frames)
    var grid: [[Int]: Double] = [:]
    for f in 0..<frames.count {
      let key = q.row(f).map { Int(($0 / 0.1).rounded()) }
      let offGrid = zip(q.row(f), key).map { abs($0 - 0.1 * Double($1)) }.max()!
      #expect(offGrid < 1e-8, "frame \(f) lies \(offGrid) off the grid")
      grid[key] = frames[f].number(forKey: "energy_hartree") ?? .nan
    }
    return grid
  }

  @Test("harmonic wavenumbers equal PySCF's harmonic_analysis to 0.1 cm⁻¹ (measured: 3e-6, PySCF's CODATA 2010 constants)")
  func wavenumbers() throws {
    let analysis = try Self.analysis.get()
    let pyscf = try #require(try Self.reference["pyscf_harmonic_wavenumbers_cm1"] as? [Double])
    expectClose(analysis.wavenumbers.sorted(), pyscf, absolute: 0.1)
    expectClose(analysis.wavenumbers.sorted(), pyscf, absolute: 1e-4)
  }

  @Test("C2v, modes 3A1 + B1 + 2B2; the exact group flips {q4}, {q5 q6}, {q4 q5 q6}; single A1 and B2 flips are approximate")
  func symmetry() throws {
    let analysis = try Self.analysis.get()
    #expect(analysis.pointGroup.name == "C2v")
    #expect(analysis.modeSymmetries.map(\.irrep) == ["A1", "A1", "A1", "B1", "B2", "B2"])
    #expect(try analysis.exactSymmetry().order == 4)
    #expect(analysis.exactSignFlips == [[], [3], [4, 5], [3, 4, 5]])
    #expect(analysis.exactlyFlippableModes == [3])
    #expect(analysis.approximatelyFlippableModes == [0, 1, 2, 4, 5])
  }

  @Test("on the ab initio energies, exact flips keep the energy (1e-9 hartree) and a single B2 flip does not")
  func exactVersusApproximate() throws {
    let analysis = try Self.analysis.get()
    let grid = try Self.checkGrid(analysis)
    var exactChecked = 0, worstExact = 0.0, largestBroken = 0.0
    for (q, e) in grid {
      for flips in analysis.exactSignFlips where !flips.isEmpty {
        var image = q
        for k in flips { image[k] = -image[k] }
        if let other = grid[image], image != q { worstExact = max(worstExact, abs(other - e)); exactChecked += 1 }
      }
      // A single B2 flip reverses the allowed cubic terms φ_{A1,5,6} q_A1 q5 q6.
      if q[4] != 0 && q[5] != 0 {
        var image = q
        image[4] = -image[4]
        if let other = grid[image] { largestBroken = max(largestBroken, abs(other - e)) }
      }
    }
    #expect(exactChecked > 100)
    #expect(worstExact < 1e-9, "largest energy change under an exact flip: \(worstExact) hartree")
    #expect(largestBroken > 1000 * 1e-9, "a single B2 flip changes the energy by up to \(largestBroken) hartree")
  }

  @Test("cubic constants from displaced Hessians equal finite differences of the stored energies to 0.005 cm⁻¹ (measured: 6e-4)")
  func cubicConstants() throws {
    let analysis = try Self.analysis.get()
    let constants = try analysis.anharmonicConstants(from: analysis.molecule.displacedHessians)
    #expect(constants.cubicAsymmetry < 0.01)
    let grid = try Self.checkGrid(analysis)
    let m = analysis.modeCount, t = 0.1, cm = MolecularUnits.wavenumbersPerHartree
    func v(_ entries: [(Int, Int)]) throws -> Double {
      var key = [Int](repeating: 0, count: m)
      for (k, s) in entries { key[k] += s }
      return try #require(grid[key], "no check energy at \(key)") * cm
    }
    var worst = 0.0
    for i in 0..<m {
      // φᵢᵢᵢ: seven-point third derivative, O(t⁴).
      let f = try (-3...3).map { try v([(i, $0)]) }
      let third = (f[0] - 8 * f[1] + 13 * f[2] - 13 * f[4] + 8 * f[5] - f[6]) / (8 * t * t * t)
      expectClose(constants[i, i, i], third, absolute: 0.005, "φ\(i + 1)\(i + 1)\(i + 1)")
      worst = max(worst, abs(constants[i, i, i] - third))
      for j in 0..<m where j != i {
        // φᵢᵢⱼ = ∂ᵢ²∂ⱼV: central stencil at steps s t (s = 1, 2), Richardson-extrapolated, O(t⁴).
        func stencil(_ s: Int) throws -> Double {
          let plus = try v([(i, s), (j, s)]) - 2 * v([(j, s)]) + v([(i, -s), (j, s)])
          let minus = try v([(i, s), (j, -s)]) - 2 * v([(j, -s)]) + v([(i, -s), (j, -s)])
          let h = Double(s) * t
          return (plus - minus) / (2 * h * h * h)
        }
        let value = (4 * (try stencil(1)) - (try stencil(2))) / 3
        expectClose(constants[i, i, j], value, absolute: 0.005, "φ\(i + 1)\(i + 1)\(j + 1)")
        worst = max(worst, abs(constants[i, i, j] - value))
        for k in (j + 1)..<m where i < j && k != i {
          func corner(_ s: Int) throws -> Double {
            var sum = 0.0
            for a in [-1, 1] { for b in [-1, 1] { for c in [-1, 1] { sum += Double(a * b * c) * (try v([(i, a * s), (j, b * s), (k, c * s)])) } } }
            let h = Double(s) * t
            return sum / (8 * h * h * h)
          }
          let mixed = (4 * (try corner(1)) - (try corner(2))) / 3
          expectClose(constants[i, j, k], mixed, absolute: 0.005, "φ\(i + 1)\(j + 1)\(k + 1)")
          worst = max(worst, abs(constants[i, j, k] - mixed))
        }
      }
    }
    print("formaldehyde: largest |φ(Hessians) − φ(energies)| = \(worst) cm⁻¹")
  }

  @Test("the sampled energies as a data set in q (cm⁻¹ above the minimum); the cubic Taylor term brings the harmonic model closer")
  func energies() throws {
    let analysis = try Self.analysis.get()
    let frames = try ExtendedXYZ.read(contentsOf: MoleculeFileTests.fixture("formaldehyde_energies.xyz"))
    let reference = try Self.reference
    #expect(frames.count == reference["sample_count"] as? Int)
    let data = try analysis.dataset(frames: frames, energyKey: "energy_hartree", energyUnit: .hartree)
    #expect(data.inputs.columns == 6)
    #expect(data.labels.allSatisfy { $0 > 0 })
    let constants = try analysis.anharmonicConstants(from: analysis.molecule.displacedHessians)
    let t2 = try analysis.taylorCorrection(order: 2), t3 = try analysis.taylorCorrection(order: 3, constants: constants)
    var e2 = 0.0, e3 = 0.0
    for i in 0..<data.count {
      let q = data.inputs.row(i)
      e2 += abs(data.labels[i] - t2.value(at: q))
      e3 += abs(data.labels[i] - t3.value(at: q))
    }
    e2 /= Double(data.count); e3 /= Double(data.count)
    #expect(e3 < 0.5 * e2, "mean |V − T2| = \(e2) cm⁻¹, mean |V − T3| = \(e3) cm⁻¹")
    // The sampled q have the stated spread (σ = 1/√2; positions were rounded to 1e-8 Å).
    let sd = (data.inputs.elements.reduce(0) { $0 + $1 * $1 } / Double(data.inputs.elements.count)).squareRoot()
    expectClose(sd, 0.5.squareRoot(), absolute: 4 * 0.5.squareRoot() / (2.0 * Double(data.inputs.elements.count)).squareRoot())
  }
}
