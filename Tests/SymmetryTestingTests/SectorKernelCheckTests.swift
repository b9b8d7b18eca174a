import Foundation
import LinearAlgebra
import Regression
import Symmetries
import SymmetryTesting
import Testing

/// A character-weighted kernel that misreports its parts (test-only).
struct MisreportingSectorKernel: SectorWeightedKernel {
  enum Lie: Sendable { case weights, indefiniteSector }
  let kernel: CharacterWeightedKernel<GaussianKernel, SignFlips>
  let lie: Lie
  var characterTable: CharacterTable { kernel.characterTable }
  var sectorWeights: [Double] { lie == .weights ? kernel.sectorWeights.map { $0 + 0.5 } : kernel.sectorWeights }
  func sectorMatrices(_ x: Matrix) -> [Matrix] {
    var m = kernel.sectorMatrices(x)
    if lie == .indefiniteSector { m[1] = -1 * m[1] }
    return m
  }
  var hyperparameters: [Hyperparameter] { kernel.hyperparameters }
  func withLogHyperparameters(_ theta: [Double]) -> Self { self }
  func value(_ x: [Double], _ y: [Double]) -> Double { kernel.value(x, y) }
  func matrix(_ x: Matrix) -> Matrix { kernel.matrix(x) }
  func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix { kernel.crossMatrix(a, b) }
  func diagonal(_ x: Matrix) -> [Double] { kernel.diagonal(x) }
  func gradientMatrices(_ x: Matrix) -> [Matrix] { kernel.gradientMatrices(x) }
  var isStationary: Bool { false }
  var isIsotropic: Bool { false }
}

@Suite struct SectorKernelCheckTests {
  static let flips = try! SignFlips(dimension: 3, coordinates: [0, 2])
  static let sample = TestInputs.sample(25, around: [0, 0, 0], radius: 2, seed: 31)
  static let kernel = try! CharacterWeightedKernel(GaussianKernel(lengthScale: 0.8), symmetry: flips,
                                                   sectorWeights: [1, 0.3, 0, 0.7])

  @Test("a character-weighted kernel passes: PSD sectors that add up to it; plain kernels are not applicable")
  func passes() throws {
    let subject = try SymmetryCheckSubject(symmetry: Self.flips, sample: Self.sample, kernel: Self.kernel)
    #expect(SectorKernelCheck().isApplicable(to: subject))
    #expect(SectorKernelCheck().run(on: subject).isEmpty)
    #expect(KernelInvarianceCheck().run(on: subject).isEmpty)
    let plain = try SymmetryCheckSubject(symmetry: Self.flips, sample: Self.sample, kernel: GaussianKernel(lengthScale: 1))
    #expect(!SectorKernelCheck().isApplicable(to: plain))
  }

  @Test("misreported weights and an indefinite sector are caught, with the gap and the eigenvalue")
  func misreports() throws {
    let weights = try SymmetryCheckSubject(symmetry: Self.flips, sample: Self.sample,
                                           kernel: MisreportingSectorKernel(kernel: Self.kernel, lie: .weights))
    let gap = SectorKernelCheck().run(on: weights)
    #expect(gap.map(\.quantity) == ["max |Σ_s w_s K_s − K|"])
    // Independent truth: adding 0.5 to every weight adds 0.5 Σ_s K_s = 0.5 K_base, whose largest entry is 0.5.
    #expect(abs(gap[0].observed - 0.5) < 1e-12)
    let indefinite = SectorKernelCheck().run(on: try SymmetryCheckSubject(
      symmetry: Self.flips, sample: Self.sample, kernel: MisreportingSectorKernel(kernel: Self.kernel, lie: .indefiniteSector)))
    #expect(indefinite.first?.quantity == "the smallest eigenvalue of K_s for sector 1 (odd in x0)")
    #expect((indefinite.first?.observed ?? 0) < -1e-3)
    #expect(indefinite.first?.message.hasPrefix("Sector 1's kernel is not positive semi-definite") == true)
  }

  @Test("a kernel built for another group is reported with both orders")
  func otherGroup() throws {
    let subject = try SymmetryCheckSubject(symmetry: try SignFlips(dimension: 3, coordinates: [0, 1, 2]),
                                           sample: Self.sample, kernel: Self.kernel)
    let findings = SectorKernelCheck().run(on: subject)
    #expect(findings.count == 1 && findings[0].expected == 8 && findings[0].observed == 4)
  }
}
