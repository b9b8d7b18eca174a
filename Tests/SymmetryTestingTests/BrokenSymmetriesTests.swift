import Foundation
import LinearAlgebra
import Regression
import Symmetries
import SymmetryTesting
import Testing
import _TestSupport

/// Each deliberately broken conformer is caught by the right check, with the numbers and
/// message text checked against independent values.
@Suite struct BrokenSymmetriesTests {
  static let sample2 = TestInputs.sample(20, around: [0, 0], seed: 11)
  static let sample3 = TestInputs.sample(20, around: [0, 0, 0], seed: 12)
  static let radial2: @Sendable ([Double]) -> Double = { x in x[0] * x[0] + x[1] * x[1] }

  func report(_ s: some LabelSymmetry, label: (@Sendable ([Double]) -> Double)? = radial2, sample: Matrix = sample2,
              kernel: (any Kernel)? = TestInputs.kernel) throws -> SymmetryCheckReport {
    try checkLabelSymmetry(s, label: label, sample: sample, kernel: kernel, seed: 1)
  }

  @Test("a set missing a product and an inverse is caught by the group-structure check")
  func notClosed() throws {
    // {I, R90}: R90∘R90 = −I and R90⁻¹ = R270 are missing.
    let r = try report(ListedElements([.identity(2), ListedElements.rotation90]))
    // The sum kernel over a set that is not a group is not explicit augmentation's kernel either.
    #expect(r.failedChecks == ["group structure", "route agreement"])
    let findings = r.findings(of: "group structure")
    #expect(findings.count == 2)
    let inverse = try #require(findings.first { $0.message.contains("inverse") })
    #expect(inverse.elementIndex == 1)
    #expect(inverse.observed == 1)  // R270 is at max-norm distance 1 from I, 2 from R90
    #expect(inverse.message == "The inverse of element 1 is not in the set; add it (its matrix is Rᵀ).")
    let product = try #require(findings.first { $0.message.contains("not closed") })
    #expect(product.elementIndex == 1 && product.observed == 1)  // −I: distance 1 from R90, 2 from I
    #expect(product.message.contains("element 1 composed with element 1 (R = [[-1, 0], [0, -1]]) is not listed"))
    #expect(product.description.hasPrefix("[group structure] element 1 (OrthogonalAction(R = [[0, -1], [1, 0]], centre = [0.0, 0.0])),"))
    #expect(product.description.contains("expected the distance from g∘h (h = element 1) to the nearest element = 0 within tolerance 1e-08, found it to differ: observed 1"))
    #expect(r.description.hasPrefix("listed elements: 3 issue(s) in group structure, route agreement"))
    // The route-agreement finding names the broken group as the cause, not the ridge.
    let route = try #require(r.findings(of: "route agreement").first)
    #expect(route.message == "The .sumKernel route failed because the elements do not form a group (the group-structure "
              + "check reports 2 problems, the first: the inverse of element 1 is not in the set; add it (its matrix is Rᵀ)); "
              + "the sum-kernel and group-Fourier routes equal explicit augmentation only for a group, so fix the group "
              + "first — a larger ridge will not help.")
    #expect(!route.message.contains("Increase the ridge"))
  }

  @Test("a set without the identity, or with it not first, is caught")
  func identity() throws {
    let missing = try report(ListedElements([-1 * Matrix.identity(2)])).findings(of: "group structure")
    let none = try #require(missing.first { $0.message.hasPrefix("No element is the identity") })
    #expect(none.observed == 2 && none.expected == 0)
    #expect(missing.contains { $0.message.contains("not closed") })  // (−I)² = I is missing too
    let late = try report(ListedElements([-1 * Matrix.identity(2), .identity(2)])).findings(of: "group structure")
    #expect(late.count == 1)
    #expect(late.first?.message == "The identity is listed at index 1, but the contract lists it first; move it to the front.")
  }

  @Test("a non-orthogonal element is caught with its defect ‖RᵀR − I‖_F")
  func nonOrthogonal() throws {
    let broken = ListedElements([.identity(2), .diagonal([2, 1])])
    let subject = try SymmetryCheckSubject(symmetry: broken, sample: Self.sample2)
    let findings = OrthogonalityCheck().run(on: subject)
    #expect(findings.count == 1)
    let f = try #require(findings.first)
    expectClose(f.observed, 3, relative: 1e-15)  // diag(4, 1) − I = diag(3, 0)
    #expect(f.elementIndex == 1 && f.quantity == "‖RᵀR − I‖_F")
    #expect(f.message.hasPrefix("Element 1 is not orthogonal"))
    // The full report also shows it breaks the kernel and the label.
    let r = try report(broken)
    #expect(r.failedChecks.contains("orthogonality") && r.failedChecks.contains("kernel invariance"))
  }

  @Test("a wrong stated order is caught with both numbers")
  func wrongOrder() throws {
    let flips = try SignFlips(dimension: 2, coordinates: [0, 1])
    var broken = ListedElements(flips.elements.map(\.matrix), statedOrder: 3)
    broken.name = "Z2² stated as order 3"
    let r = try report(broken)
    #expect(r.failedChecks == ["group structure"])
    let f = try #require(r.findings.first)
    #expect(f.expected == 3 && f.observed == 4)
    #expect(f.message.hasPrefix("The stated order 3 does not match the 4 listed elements"))
  }

  @Test("a symmetry the label does not have is caught at its worst sample point")
  func labelNotInvariant() throws {
    let flip = try SignFlips(dimension: 2, coordinates: [0])
    let label: @Sendable ([Double]) -> Double = { x in x[0] + x[1] * x[1] }  // odd in x₀
    let r = try report(flip, label: label)
    #expect(r.failedChecks == ["label invariance"])
    let f = try #require(r.findings.first)
    let x = try #require(f.inputs.first)
    #expect(f.elementIndex == 1)
    #expect(f.expected == -x[0] + x[1] * x[1])  // f(g·x)
    #expect(f.observed == x[0] + x[1] * x[1])   // f(x)
    // The worst point is the one furthest past its tolerance 1e-9·max(1, |f(x)|); the
    // difference there is 2|x₀|.
    let points = (0..<Self.sample2.rows).map { Self.sample2.row($0) }
    let worst = points.max { a, b in
      2 * abs(a[0]) / max(1, abs(a[0] + a[1] * a[1])) < 2 * abs(b[0]) / max(1, abs(b[0] + b[1] * b[1]))
    }!
    #expect(x == worst)
    expectClose(f.difference, 2 * abs(worst[0]), relative: 1e-12)
    expectClose(f.tolerance, 1e-9 * max(1, abs(worst[0] + worst[1] * worst[1])), relative: 1e-15)
    #expect(f.message.hasPrefix("20 of 20 sample points differ"))
    #expect(f.description.contains("expected f(x) = f(g·x) = "))
  }

  @Test("a correction on an exact symmetry, or on the identity, is caught, as is a correction that does not compose")
  func corrections() throws {
    var exact = ListedElements([.identity(2), -1 * Matrix.identity(2)])
    exact.constantCorrection = 0.5
    let e = try report(exact, label: nil, kernel: nil)
    #expect(e.failedChecks == ["correction consistency"])
    #expect(e.findings.count == 2)  // both elements, identity included
    #expect(e.findings.allSatisfy { $0.observed == 0.5 && $0.expected == 0 })
    var approximate = exact
    approximate.isExact = false
    let a = try report(approximate, label: nil, kernel: nil).findings(of: "correction consistency")
    #expect(a.first?.message == "The identity has a non-zero label correction; return 0 for the identity (c_e(x) = 0).")
    // c_{g∘h} = 0.5 but c_h + c_g(h·x) = 1: all four pairs fail.
    let composition = a.filter { $0.quantity.hasPrefix("c_h(x) + c_g(h·x)") }
    #expect(composition.count == 4)
    #expect(composition.allSatisfy { $0.expected == 0.5 && $0.observed == 1 })
  }

  @Test("an anisotropic kernel under a coordinate swap is caught with the kernel values")
  func anisotropicKernel() throws {
    let swap = try CoordinatePermutations(dimension: 2, generators: [[1, 0]])
    let kernel = AnisotropicGaussian(lengthScales: [0.5, 2])
    let r = try report(swap, label: { x in x[0] + x[1] }, kernel: kernel)
    // The sum-kernel route refuses the non-invariant kernel, so route agreement fails too.
    #expect(r.failedChecks == ["kernel invariance", "route agreement"])
    #expect(r.findings(of: "route agreement").first?.message.contains("The .sumKernel route refused") == true)
    let f = try #require(r.findings.first)
    let (x, y) = (f.inputs[0], f.inputs[1])
    let direct = exp(-0.5 * (pow((x[0] - y[0]) / 0.5, 2) + pow((x[1] - y[1]) / 2, 2)))
    let swapped = exp(-0.5 * (pow((x[1] - y[1]) / 0.5, 2) + pow((x[0] - y[0]) / 2, 2)))
    expectClose(f.expected, direct, relative: 1e-14)
    expectClose(f.observed, swapped, relative: 1e-14)
    #expect(f.message.contains("is it anisotropic"))
    // The isotropic Gaussian passes on the same data.
    #expect(try report(swap, label: { x in x[0] + x[1] }).passed)
  }

  @Test("a sampler drawing uniform Euler angles is caught by its second moments")
  func eulerAngles() throws {
    let r = try report(BiasedRotations(flaw: .uniformEulerAngles), label: nil, sample: Self.sample3)
    #expect(r.failedChecks == ["Haar sampling"])
    let f = try #require(r.findings.first { $0.quantity == "the mean of R[2,2]² over 4000 draws" })
    // R₂₂ = cos β with β uniform on [0, π]: E[cos² β] = 1/2, not the Haar 1/3.
    #expect(f.expected == 1.0 / 3)
    #expect(abs(f.observed - 0.5) < 5 * (1.0 / 8 / 4000).squareRoot())
    expectClose(f.tolerance, 5 * (4.0 / 45 / 4000).squareRoot(), relative: 1e-15)
    #expect(f.message.contains("not Haar-distributed"))
  }

  @Test("samplers with the wrong proper/improper mix or axis are caught")
  func membership() throws {
    let never = try report(BiasedRotations(flaw: .neverImproper), label: nil, sample: Self.sample3)
    #expect(never.failedChecks == ["Haar sampling"])
    let fraction = try #require(never.findings.first)
    #expect(fraction.expected == 0.5 && fraction.observed == 0)
    #expect(fraction.message.hasPrefix("Half the Haar measure of biased o3 is improper"))

    let reflecting = try report(BiasedRotations(flaw: .alwaysMayReflect), label: nil, sample: Self.sample3)
    let dets = reflecting.findings.filter { $0.quantity == "det R" }
    #expect(dets.count == 10)  // capped, then counted
    #expect(dets.allSatisfy { abs($0.observed + 1) < 1e-12 })
    #expect(reflecting.findings.contains { $0.quantity == "the number of draws that are not group members" && $0.observed > 1000 })
    let improper = try #require(reflecting.findings.first { $0.quantity.hasPrefix("the fraction of improper") })
    #expect(improper.expected == 0 && abs(improper.observed - 0.5) < 0.05)

    let axis = try report(BiasedRotations(flaw: .wrongAxis), label: nil, sample: Self.sample3)
    #expect(axis.findings(of: "Haar sampling").contains { $0.quantity == "max |R a − a|" && $0.message.contains("moves the axis [0, 0, 1]") })
  }

  @Test("the Swift Testing glue records one issue per finding")
  func glueRecordsEachFinding() throws {
    let broken = ListedElements([.identity(2), ListedElements.rotation90])
    let expected = try report(broken)
    let seen = Counter()
    withKnownIssue {
      expectLabelSymmetry(broken, label: Self.radial2, sample: Self.sample2, kernel: TestInputs.kernel, seed: 1)
    } matching: { issue in
      seen.increment()
      // The finding is the issue's title: recorded as an error whose description it is.
      return issue.error.map { "\($0)".hasPrefix("listed elements: [") } == true && issue.comments.isEmpty
    }
    #expect(seen.value == expected.findings.count)
  }

  @Test("the glue reports at the caller's source location")
  func glueSourceLocation() {
    let broken = ListedElements([.identity(2)], statedOrder: 2)
    let line = #line + 2
    withKnownIssue {
      expectLabelSymmetry(broken, label: nil, sample: Self.sample2)
    } matching: { issue in
      issue.sourceLocation?.line == line && issue.sourceLocation?.fileID == #fileID
    }
  }

  @Test("the glue records invalid input as an issue carrying the typed error")
  func glueRecordsErrors() {
    withKnownIssue {
      expectLabelSymmetry(try! Inversion(dimension: 3), label: nil, sample: Self.sample2)
    } matching: { issue in
      (issue.error as? SymmetryTestingError)?.code == .dimensionMismatch
    }
  }

  @Test("each check used alone records its findings through expectPasses")
  func checkAsCase() throws {
    let subject = try SymmetryCheckSubject(symmetry: ListedElements([.identity(2), .diagonal([2, 1])]), sample: Self.sample2)
    withKnownIssue {
      expectPasses(OrthogonalityCheck(), on: subject)
    } matching: { issue in
      issue.error.map { "\($0)".hasPrefix("[orthogonality] element 1") } == true
    }
  }
}

/// A thread-safe counter for issue matchers.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func increment() { lock.withLock { count += 1 } }
  var value: Int { lock.withLock { count } }
}
