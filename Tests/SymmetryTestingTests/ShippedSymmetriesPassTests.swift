import Foundation
import LinearAlgebra
import Regression
import Symmetries
import SymmetryTesting
import Testing
import _TestSupport

/// Every shipped conformer passes the full suite with a Gaussian kernel and a label function
/// it is a symmetry of. Each test also checks which checks ran, so a pass cannot be vacuous.
@Suite struct ShippedSymmetriesPassTests {
  static let finiteChecks = ["group structure", "orthogonality", "correction consistency", "label invariance", "kernel invariance",
                             "route agreement"]
  static let continuousChecks = ["orthogonality", "Haar sampling", "correction consistency", "label invariance", "kernel invariance"]

  func expectPass(_ symmetry: some LabelSymmetry, label: @escaping @Sendable ([Double]) -> Double,
                  radius: Double = 1, labelBound: Double? = nil, seed: UInt64,
                  sourceLocation: SourceLocation = #_sourceLocation) throws {
    let sample = TestInputs.sample(30, around: symmetry.centre, radius: radius, seed: seed)
    let report = try checkLabelSymmetry(symmetry, label: label, sample: sample, kernel: TestInputs.kernel, seed: seed,
                                        labelBound: labelBound)
    #expect(report.passed, "\(report)", sourceLocation: sourceLocation)
    let expected = symmetry is any FiniteLabelSymmetry ? Self.finiteChecks : Self.continuousChecks
    #expect(Set(report.checksRun) == Set(expected), "\(report.checksRun)", sourceLocation: sourceLocation)
    #expect(report.description.contains("all \(expected.count) checks passed"), sourceLocation: sourceLocation)
  }

  @Test("inversion about a point passes with an even label")
  func inversion() throws {
    let c = [0.5, -0.2, 1.0]
    try expectPass(try Inversion(dimension: 3, centre: c), label: { x in
      let d = TestInputs.displacement(x, [0.5, -0.2, 1.0])
      return cos(d[0] + d[1]) + d[0] * d[2] + d[1] * d[1]
    }, seed: 1)
  }

  @Test("a reflection through an oblique plane passes with a label even in the normal component")
  func reflection() throws {
    let p = [1.0, 0.0, -1.0]
    try expectPass(try Reflection(normal: [1, 1, 0], point: p), label: { x in
      let d = TestInputs.displacement(x, [1.0, 0.0, -1.0])
      let normal = (d[0] + d[1]) / 2.0.squareRoot(), along = (d[0] - d[1]) / 2.0.squareRoot()
      return normal * normal + sin(along) + d[2] * along
    }, seed: 2)
  }

  @Test("Z2² sign flips pass with a label even in the flipped coordinates")
  func signFlips() throws {
    let c = [0.0, 1.0, 2.0]
    try expectPass(try SignFlips(dimension: 3, coordinates: [0, 2], centre: c), label: { x in
      let d = TestInputs.displacement(x, [0.0, 1.0, 2.0])
      return d[0] * d[0] * d[1] + cos(d[2]) + d[1]
    }, seed: 3)
  }

  @Test("coordinate permutations S3 pass with a symmetric label")
  func permutations() throws {
    let s3 = try CoordinatePermutations(dimension: 3, generators: [[1, 2, 0], [1, 0, 2]])
    #expect(s3.order == 6)
    try expectPass(s3, label: { x in x[0] + x[1] + x[2] + x[0] * x[1] * x[2] + exp(-(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])) },
                   seed: 4)
  }

  @Test("the generated dihedral group D4 passes with a D4-invariant label")
  func dihedral() throws {
    let d4 = try GeneratedGroup(generators: [Matrix(rows: [[0, -1], [1, 0]]), .diagonal([1, -1])], name: "D4",
                                expectedOrder: 8)
    try expectPass(d4, label: { x in pow(x[0], 4) + pow(x[1], 4) + 0.5 * x[0] * x[0] * x[1] * x[1] }, seed: 5)
  }

  @Test("a product of a sign flip and a swap passes with a label invariant under both")
  func product() throws {
    let product = try ProductSymmetry(try SignFlips(dimension: 1, coordinates: [0]),
                                      try CoordinatePermutations(dimension: 2, generators: [[1, 0]]))
    #expect(product.order == 4)
    try expectPass(product, label: { x in x[0] * x[0] + x[1] + x[2] + x[1] * x[2] * x[0] * x[0] }, seed: 6)
  }

  @Test("rotation groups pass with radial or axial labels", arguments: [0, 1, 2, 3])
  func rotations(_ which: Int) throws {
    let axis = [1.0, 2.0, 2.0].map { $0 / 3 }
    let centre = [0.3, -0.4, 0.5]
    let kinds: [ContinuousGroupKind] = [.o3, .so3, .o2(axis: axis), .so2(axis: axis)]
    let group = try Rotations(kinds[which], centre: centre)
    if which < 2 {
      try expectPass(group, label: { x in
        let d = TestInputs.displacement(x, [0.3, -0.4, 0.5])
        return exp(-(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]))
      }, seed: 7)
    } else {
      // Invariants of rotations about a and reflections through planes containing a:
      // the axial component a·d and the perpendicular length |d − (a·d)a|.
      try expectPass(group, label: { x in
        let d = TestInputs.displacement(x, [0.3, -0.4, 0.5])
        let a = [1.0, 2.0, 2.0].map { $0 / 3 }
        let along = d[0] * a[0] + d[1] * a[1] + d[2] * a[2]
        let perpendicular = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] - along * along
        return along + sin(along) * perpendicular + perpendicular
      }, seed: 8)
    }
  }

  @Test("an approximate reflection passes within the closed-form bound of each Taylor order", arguments: [0, 2, 3])
  func approximateReflection(_ order: Int) throws {
    let correction: TaylorCorrection = switch order {
    case 0: .none
    case 2: try TaylorCorrection(hessian: Polynomial.hessian)
    default: try TaylorCorrection(hessian: Polynomial.hessian, cubicConstants: Polynomial.cubic)
    }
    let mirror = try ApproximateReflection(equilibrium: Polynomial.equilibrium, coordinates: [0], correction: correction)
    let r = 0.1
    try expectPass(mirror, label: Polynomial.value, radius: r, labelBound: Polynomial.bound(order: order, radius: r), seed: 9)
  }

  @Test("each Taylor order is needed: the next order's bound is missed without it", arguments: [0, 2])
  func boundsAreTight(_ order: Int) throws {
    let correction: TaylorCorrection = order == 0 ? .none : try TaylorCorrection(hessian: Polynomial.hessian)
    let mirror = try ApproximateReflection(equilibrium: Polynomial.equilibrium, coordinates: [0], correction: correction)
    let r = 0.1
    let sample = TestInputs.sample(30, around: Polynomial.equilibrium, radius: r, seed: 9)
    let tighter = Polynomial.bound(order: order == 0 ? 2 : 3, radius: r)
    let report = try checkLabelSymmetry(mirror, label: Polynomial.value, sample: sample, seed: 9, labelBound: tighter)
    #expect(report.failedChecks == ["label invariance"])
    let finding = try #require(report.findings.first)
    #expect(finding.elementIndex == 1)
    // Independent truth: the closed-form error at the reported input.
    let x = try #require(finding.inputs.first)
    let d0 = x[0] - Polynomial.equilibrium[0], d1 = x[1] - Polynomial.equilibrium[1]
    let k = Polynomial.kappa
    let error = order == 0 ? abs(0.6 * d0 * d1 + pow(d0, 3) + 0.8 * d0 * d1 * d1 + 2 * k * pow(d0, 3) * d1)
      : abs(pow(d0, 3) + 0.8 * d0 * d1 * d1 + 2 * k * pow(d0, 3) * d1)
    expectClose(finding.difference, error, relative: 1e-9)
    expectClose(finding.expected, Polynomial.value([Polynomial.equilibrium[0] - d0, x[1]]), relative: 1e-12)
  }

  static func haarAveraged<B: HaarAverageableKernel>(_ base: B, _ group: Rotations) throws -> any Kernel {
    try HaarAveragedKernel(base, symmetry: group)
  }

  @Test("the Haar-averaged Laplacian and Matérn kernels pass the kernel-invariance check of their group",
        arguments: [0, 1, 2], [0, 1, 2, 3])
  func haarKernelInvariance(family: Int, group which: Int) throws {
    let axis = [1.0, 2.0, 2.0].map { $0 / 3 }
    let centre = [0.3, -0.4, 0.5]
    let kinds: [ContinuousGroupKind] = [.o3, .so3, .o2(axis: axis), .so2(axis: axis)]
    let group = try Rotations(kinds[which], centre: centre)
    let bases: [any HaarAverageableKernel] = [LaplacianKernel(lengthScale: 0.6), Matern32Kernel(lengthScale: 0.6),
                                              Matern52Kernel(lengthScale: 0.6)]
    let kernel = try Self.haarAveraged(bases[family], group)
    let subject = try SymmetryCheckSubject(symmetry: group, sample: TestInputs.sample(20, around: centre, seed: 12),
                                           kernel: kernel, seed: 12)
    let check = KernelInvarianceCheck()
    #expect(check.isApplicable(to: subject))
    #expect(expectPasses(check, on: subject).isEmpty)
    // Not vacuous: the averaged kernel is not invariant under rotations about another centre.
    let shifted = try Rotations(kinds[which], centre: [1.3, 0.6, -0.5])
    let broken = try SymmetryCheckSubject(symmetry: shifted, sample: TestInputs.sample(20, around: centre, seed: 12),
                                          kernel: kernel, seed: 12)
    #expect(!check.run(on: broken).isEmpty)
  }

  static let o3Subject: SymmetryCheckSubject = {
    let group = try! Rotations(.o3)
    return try! SymmetryCheckSubject(symmetry: group, label: { x in exp(-(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])) },
                                     sample: TestInputs.sample(20, around: [0, 0, 0], seed: 10),
                                     kernel: TestInputs.kernel, seed: 10)
  }()

  @Test("each shipped check passes on O(3) as a parameterized case", arguments: SymmetryChecks.all)
  func eachCheck(_ check: any SymmetryCheck) {
    let subject = Self.o3Subject
    if check.isApplicable(to: subject) {
      #expect(expectPasses(check, on: subject).isEmpty)
    } else {
      // Only the finite-group checks (and the sector-kernel check, which needs a character-weighted
      // kernel) have nothing to say about a continuous group.
      #expect(["group structure", "label character", "sector kernels", "route agreement"].contains(check.name))
    }
  }
}
