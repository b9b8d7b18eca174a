// Exact odd labels on hydrogen wavefunctions: the kit passes the true characters and catches a
// wrong one, naming the element, the input, χ(g) f(x) and the f(g·x) observed.
import Datasets
import Foundation
import LinearAlgebra
import Regression
import Symmetries
import SymmetryTesting
import Testing

@Suite struct OddLabelSymmetriesTests {
  static let flips = try! SignFlips(dimension: 3, coordinates: [0, 1, 2])

  /// ψ of a named orbital at a point (bohr → bohr^(−3/2)).
  static func wavefunction(_ name: String) throws -> @Sendable ([Double]) -> Double {
    let orbital = try HydrogenOrbital(name: name)
    return { x in orbital.value(at: SIMD3(x[0], x[1], x[2])) }
  }

  static let sample = TestInputs.sample(30, around: [0, 0, 0], radius: 4, seed: 21)

  @Test("2p_z is odd under z → −z and 3d_xy under x → −x and y → −y: every check passes, including the character-weighted kernel",
        arguments: [("2p_z", [2]), ("3d_xy", [0, 1]), ("2p_x", [0]), ("3d_xz", [0, 2])])
  func truePasses(orbital: String, odd: [Int]) throws {
    let symmetry = try SignedLabelSymmetry(Self.flips, oddIn: odd)
    let label = try Self.wavefunction(orbital)
    let base = GaussianKernel(lengthScale: 1.5)
    let plain = try checkLabelSymmetry(symmetry, label: label, sample: Self.sample, kernel: base, seed: 3)
    #expect(plain.passed, "\(plain)")
    #expect(plain.checksRun == ["group structure", "label character", "orthogonality", "correction consistency",
                                "label invariance", "kernel invariance", "route agreement"])
    let weighted = try CharacterWeightedKernel(base, symmetry: symmetry, sectorWeights: [1, 0.2, 0.3, 0.1, 0.5, 0, 0.4, 1])
    let report = try checkLabelSymmetry(symmetry, label: label, sample: Self.sample, kernel: weighted, seed: 3)
    #expect(report.passed, "\(report)")
    #expect(report.checksRun.contains("sector kernels") && report.checksRun.contains("kernel invariance"))
  }

  @Test("claiming 2p_z is odd in x instead of z is caught: the message names χ(g) f(x) and the f(g·x) observed")
  func wrongCharacterCaught() throws {
    let wrong = try SignedLabelSymmetry(Self.flips, oddIn: [0])
    let psi = try Self.wavefunction("2p_z")
    let report = try checkLabelSymmetry(wrong, label: psi, sample: Self.sample, seed: 3)
    #expect(!report.passed)
    #expect(report.failedChecks == ["label invariance"])
    // Every element whose x-parity and z-parity differ fails: u ∈ {1, 3, 4, 6}.
    let findings = report.findings(of: "label invariance")
    #expect(findings.compactMap(\.elementIndex) == [1, 3, 4, 6])
    let f = try #require(findings.first)
    let x = try #require(f.inputs.first)
    // Independent truth: ψ(g·x) = ψ(x) for the x flip (2p_z is even in x), and χ(g) = −1 was claimed.
    let fx = psi(x)
    #expect(f.quantity == "χ(g) f(x) = f(g·x)")
    #expect(f.expected == psi([-x[0], x[1], x[2]]) && f.expected == fx)
    #expect(f.observed == -fx)
    #expect(f.message == "30 of 30 sample points differ (the worst is shown). The label character χ(g) = -1 predicts "
              + "f(g·x) = χ(g) f(x) = -1 × \(String(format: "%.6g", fx)) = \(String(format: "%.6g", -fx)), but f(g·x) = "
              + "\(String(format: "%.6g", fx)) was observed: check which elements the label is odd under (the character), or the element.")
    #expect(f.description.contains("[label invariance] element 1 (OrthogonalAction(R = [[-1, 0, 0], [0, 1, 0], [0, 0, 1]]"))
    // Read as an even label (no character), the odd wavefunction fails under the z flip too.
    let even = try checkLabelSymmetry(Self.flips, label: psi, sample: Self.sample, seed: 3)
    #expect(even.findings(of: "label invariance").compactMap(\.elementIndex) == [4, 5, 6, 7])
  }

  @Test("the route-agreement check runs every route with the signed labels, the character-weighted kernel included")
  func routes() throws {
    let symmetry = try SignedLabelSymmetry(Self.flips, oddIn: [2])
    let subject = try SymmetryCheckSubject(symmetry: symmetry, label: try Self.wavefunction("2p_z"), sample: Self.sample,
                                           kernel: GaussianKernel(lengthScale: 1.5))
    #expect(RouteAgreementCheck().run(on: subject).isEmpty)
    // A kernel that is not invariant under the flips breaks the fast routes, and the check says which.
    let broken = try SymmetryCheckSubject(symmetry: symmetry, label: try Self.wavefunction("2p_z"), sample: Self.sample,
                                          kernel: OffsetLinearKernel())
    let findings = RouteAgreementCheck().run(on: broken)
    #expect(findings.map(\.quantity) == ["route .sumKernel", "route .fourier", "route character-weighted kernel (w = e_χ, λ/|G|)"])
    #expect(findings.allSatisfy { $0.message.contains("is not invariant") })
  }
}

/// k(x, x′) = exp(−‖x − x′‖²/2) + (1 + x₀)(1 + x′₀): positive semi-definite, but not invariant
/// under the flip of x₀ (test-only).
struct OffsetLinearKernel: Kernel {
  var hyperparameters: [Hyperparameter] { [] }
  func withLogHyperparameters(_ theta: [Double]) -> Self { self }
  func value(_ x: [Double], _ y: [Double]) -> Double {
    let d0 = x[0] - y[0], d1 = x[1] - y[1], d2 = x[2] - y[2]
    return exp(-0.5 * (d0 * d0 + d1 * d1 + d2 * d2)) + (1 + x[0]) * (1 + y[0])
  }
  func matrix(_ x: Matrix) -> Matrix { crossMatrix(x, x) }
  func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    var m = Matrix(rows: a.rows, columns: b.rows)
    for i in 0..<a.rows { for j in 0..<b.rows { m[i, j] = value(a.row(i), b.row(j)) } }
    return m
  }
  func diagonal(_ x: Matrix) -> [Double] { (0..<x.rows).map { value(x.row($0), x.row($0)) } }
  func gradientMatrices(_ x: Matrix) -> [Matrix] { [] }
  var isStationary: Bool { false }
  var isIsotropic: Bool { false }
}
