import Datasets
import LinearAlgebra
@testable import Molecules
import Testing
import _TestSupport

@Suite("AnharmonicConstants")
struct AnharmonicConstantsTests {
  @Test("water: cubic constants from displaced Partridge–Schwenke Hessians equal WaterNormalModes.cubicForceConstants()")
  func water() throws {
    let (builtIn, analysis) = try NormalModeAnalysisTests.water()
    let surface = PartridgeSchwenke()
    let constants = try analysis.anharmonicConstants(step: 0.02) { (x: Matrix) throws(MoleculeError) -> Matrix in
      do { return try surface.finiteDifferenceHessian(at: x.elements, step: 1e-3) } catch {
        throw MoleculeError(.invalidValue, "\(error)")
      }
    }
    let reference = try builtIn.cubicForceConstants()
    let signs = (0..<3).map { dot(analysis.massWeightedModes.row($0), builtIn.massWeightedModes.row($0)) > 0 ? 1.0 : -1.0 }
    for i in 0..<3 { for j in 0..<3 { for k in 0..<3 {
      expectClose(constants[i, j, k] * signs[i] * signs[j] * signs[k], reference[i, j, k], absolute: 0.05, "φ\(i + 1)\(j + 1)\(k + 1)")
    } } }
    // Symmetry-forbidden constants (odd in the B2 mode q3) vanish exactly after the group average.
    #expect(constants[0, 0, 2] == 0 && constants[2, 2, 2] == 0 && constants[0, 1, 2] == 0)
    #expect(constants.cubicAsymmetry < 0.05)
    expectClose(constants.steps, [0.02, 0.02, 0.02], relative: 1e-9)
  }

  @Test("model surface: cubic and diagonal quartic constants match fourth-order energy differences in q",
        arguments: [TestMolecule.water, .formaldehyde, .ammonia])
  func model(molecule: TestMolecule) throws {
    let model = molecule.model
    let analysis = try NormalModeAnalysis(try molecule.modelMolecule)
    let constants = try analysis.anharmonicConstants { (x: Matrix) throws(MoleculeError) -> Matrix in
      do { return try model.hessian(at: x) } catch { throw MoleculeError(.invalidValue, "\(error)") }
    }
    let cm = MolecularUnits.wavenumbersPerHartree
    func v(_ q: [Double]) throws -> Double { model.value(try analysis.geometry(normalCoordinates: q).elements) * cm }
    let h = 0.05
    for k in 0..<analysis.modeCount {
      func along(_ s: Double) throws -> Double { var q = [Double](repeating: 0, count: analysis.modeCount); q[k] = s * h; return try v(q) }
      // Seven-point third derivative and five-point fourth derivative of energies.
      let f = try (-3...3).map { try along(Double($0)) }  // f[s + 3] = V(s h eₖ)
      let third = (f[0] - 8 * f[1] + 13 * f[2] - 13 * f[4] + 8 * f[5] - f[6]) / (8 * h * h * h)
      let fourth = (-f[0] + 12 * f[1] - 39 * f[2] + 56 * f[3] - 39 * f[4] + 12 * f[5] - f[6]) / (6 * h * h * h * h)
      expectClose(constants[k, k, k], third, absolute: 0.5, relative: 1e-3, "φ\(k + 1)\(k + 1)\(k + 1)")
      expectClose(constants.quarticDiagonal[k], fourth, absolute: 2, relative: 1e-2, "φ\(k + 1)\(k + 1)\(k + 1)\(k + 1)")
    }
  }

  @Test("the cubic energy ⅙ Σ φ q q q matches the model's anharmonic energy to O(q⁴)")
  func cubicEnergy() throws {
    let model = TestMolecule.formaldehyde.model
    let analysis = try NormalModeAnalysis(try TestMolecule.formaldehyde.modelMolecule)
    let constants = try analysis.anharmonicConstants { (x: Matrix) throws(MoleculeError) -> Matrix in
      do { return try model.hessian(at: x) } catch { throw MoleculeError(.invalidValue, "\(error)") }
    }
    var g = SeededGenerator(seed: 8)
    let direction = (0..<6).map { _ in g.gaussian() }
    let cm = MolecularUnits.wavenumbersPerHartree
    var errors: [Double] = []
    for t in [0.1, 0.05] {
      let q = direction.map { $0 * t }
      let harmonic = zip(analysis.wavenumbers, q).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / 2
      let exact = model.value(try analysis.geometry(normalCoordinates: q).elements) * cm
      errors.append(abs(exact - harmonic - constants.cubicEnergy(at: q)))
    }
    // Halving q divides an O(q⁴) remainder by 16 (by 8 would mean the cubic term is wrong).
    #expect(errors[0] / errors[1] > 12)
  }

  @Test("displaced Hessians off the mode axes, or missing modes, are refused by name")
  func incomplete() throws {
    let analysis = try NormalModeAnalysis(try TestMolecule.water.modelMolecule)
    let displacements = try analysis.displacements(step: 0.05)
    #expect(displacements.count == 12)
    let h = analysis.molecule.hessian
    let some = try displacements.filter { $0.mode != 1 }.map { try DisplacedHessian(positions: $0.positions, hessian: h) }
    #expect {
      _ = try analysis.anharmonicConstants(from: some)
    } throws: { error in
      (error as? MoleculeError)?.message == "No displaced Hessians along mode q2 (of 3); every mode needs Hessians at ±h (and ±2h for the five-point stencil): use displacements(step:)."
    }
    let off = try DisplacedHessian(positions: try analysis.geometry(normalCoordinates: [0.05, 0.05, 0]), hessian: h)
    #expect {
      _ = try analysis.anharmonicConstants(from: some + [off])
    } throws: { error in
      (error as? MoleculeError)?.code == .incompleteDisplacements && "\(error)".contains("not along a single normal mode")
    }
  }
}
