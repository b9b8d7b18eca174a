import LinearAlgebra
@testable import Molecules
import Symmetries
import SymmetryTesting
import Testing
import _TestSupport

@Suite("NormalModeAnalysis+Symmetries")
struct NormalModeAnalysisSymmetriesTests {
  @Test("the exact group in q-space and the exact/approximate split of single flips", arguments: TestMolecule.all)
  func split(molecule: TestMolecule) throws {
    let analysis = try NormalModeAnalysis(try molecule.modelMolecule)
    let exact = try analysis.exactSymmetry()
    #expect(exact.order == molecule.exactOrder)
    #expect(exact.isExact)
    #expect(analysis.exactlyFlippableModes == molecule.exactlyFlippable)
    #expect(analysis.approximatelyFlippableModes == (0..<analysis.modeCount).filter { !molecule.exactlyFlippable.contains($0) })
    let approximate = try analysis.approximateReflections()
    #expect(!approximate.isExact)
    #expect(approximate.coordinates == analysis.approximatelyFlippableModes)
  }

  @Test("H2CO: the joint flip of the two B2 modes is exact, a single B2 flip is not")
  func formaldehyde() throws {
    let analysis = try NormalModeAnalysis(try TestMolecule.formaldehyde.modelMolecule)
    #expect(analysis.modeSymmetries.map(\.irrep) == ["A1", "A1", "A1", "B1", "B2", "B2"])
    #expect(analysis.exactSignFlips == [[], [3], [4, 5], [3, 4, 5]])
    #expect(analysis.exactlyFlippableModes == [3])
    #expect(analysis.approximatelyFlippableModes == [0, 1, 2, 4, 5])
  }

  @Test("the exact group passes SymmetryTesting on the model surface in q (labels invariant, group closed, orthogonal)",
        arguments: [TestMolecule.formaldehyde, .ammonia, .methane, .carbonDioxide, .boronTrifluoride])
  func symmetryTesting(molecule: TestMolecule) throws {
    let model = molecule.model
    let analysis = try NormalModeAnalysis(try molecule.modelMolecule)
    let exact = try analysis.exactSymmetry()
    let label: @Sendable ([Double]) -> Double = { q in model.value((try? analysis.geometry(normalCoordinates: q).elements) ?? []) * 219474.6313632 }
    var g = SeededGenerator(seed: 21)
    let sample = Matrix(rows: 20, columns: analysis.modeCount, elements: (0..<(20 * analysis.modeCount)).map { _ in 0.6 * g.gaussian() })
    let report = try #require(expectLabelSymmetry(exact, label: label, sample: sample))
    #expect(report.passed)
    #expect(report.checksRun.contains("label invariance"))
  }

  @Test("a single flip of an approximately symmetric mode changes the model energy; an exact one does not")
  func approximateIsApproximate() throws {
    let model = TestMolecule.formaldehyde.model
    let analysis = try NormalModeAnalysis(try TestMolecule.formaldehyde.modelMolecule)
    func energy(_ q: [Double]) throws -> Double { model.value(try analysis.geometry(normalCoordinates: q).elements) }
    let q = [0.5, -0.4, 0.3, 0.6, 0.7, -0.5]
    var b1 = q; b1[3] = -b1[3]
    var b2 = q; b2[4] = -b2[4]
    var both = q; both[4] = -both[4]; both[5] = -both[5]
    expectClose(try energy(b1), try energy(q), relative: 1e-12, "B1 flip")
    expectClose(try energy(both), try energy(q), relative: 1e-12, "joint B2 flip")
    #expect(abs(try energy(b2) - energy(q)) > 1e-6 * abs(try energy(q)), "single B2 flip is only approximate")
  }

  @Test("the Taylor correction: diag(ω) in the chosen unit, cubic constants for order 3; bad orders refused")
  func taylor() throws {
    let analysis = try NormalModeAnalysis(try TestMolecule.water.modelMolecule)
    let t2 = try analysis.taylorCorrection(order: 2)
    expectClose(try #require(t2.hessian).diagonal, analysis.wavenumbers, relative: 1e-14)
    let t2h = try analysis.taylorCorrection(order: 2, unit: .hartree)
    expectClose(try #require(t2h.hessian).diagonal, analysis.frequencies, relative: 1e-14)
    #expect(throws: MoleculeError.self) { _ = try analysis.taylorCorrection(order: 3) }
    #expect(throws: MoleculeError.self) { _ = try analysis.taylorCorrection(order: 4) }
  }
}
