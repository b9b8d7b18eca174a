// The O(2) quadrature's machinery: its Gauss–Legendre rules, its choice of rule, and — with the
// Gaussian profile, whose average has a closed form (Bessel I0e) — its accuracy.
import Foundation
import LinearAlgebra
@testable import Regression
import Testing
import _TestSupport

/// f(u) = exp(−u²/2), the Gaussian profile in scaled units (test-only), with |e^(−w/2)| = e^(−Re w/2).
struct GaussianCylinderProfile: CylinderProfile {
  func apply(squared buffer: UnsafeMutableBufferPointer<Double>) {
    for i in buffer.indices { buffer[i] = exp(-0.5 * buffer[i]) }
  }

  func modulusBound(maxAbsW: Double, minReW: Double, minReU: Double) -> Double { exp(-0.5 * minReW) }

  /// sup |d/du e^(−u²/2)| = e^(−1/2).
  var lipschitzConstant: Double { exp(-0.5) }
}

@Suite("CylinderQuadrature")
struct CylinderQuadratureTests {
  let rule = CylinderQuadrature.shared

  func average(_ f: some CylinderProfile, v0: Double, b: Double) -> Double {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: CylinderQuadrature.scratchCount) {
      rule.average(f, v0: v0, b: b, scratch: $0)
    }
  }

  @Test("the n-point Gauss–Legendre rules integrate x^k exactly for k ≤ 2n − 1", arguments: [1, 2, 7, 12, 25, 40])
  func gaussLegendre(n: Int) {
    let (x, w) = CylinderQuadrature.gaussLegendre(n)
    #expect(x.count == n && zip(x, x.dropFirst()).allSatisfy { $0 < $1 })
    for k in 0..<(2 * n) {
      let exact = k % 2 == 1 ? 0 : 2 / Double(k + 1)
      let rule = zip(x, w).reduce(0) { $0 + $1.1 * pow($1.0, Double(k)) }
      expectClose(rule, exact, absolute: 4e-15, "n = \(n), k = \(k)")
    }
  }

  @Test("the generic quadrature reproduces the Gaussian closed form exp(−v₀/2) I0e(b) to 1e-12")
  func gaussianClosedForm() {
    var plans = Set<String>()
    var worst = 0.0
    for v0 in [0, 1e-24, 1e-10, 1e-6, 1e-3, 0.05, 0.5, 2, 8, 30] {
      for b in [1e-8, 1e-3, 0.1, 0.7, 2, 5, 10] {
        let plan = CylinderQuadrature.plan(GaussianCylinderProfile(), v0: v0, b: b)
        switch plan {
        case .exact: plans.insert("exact")
        case .trapezoid: plans.insert("trapezoid")
        case .panels(_, let replaces, _, _): plans.insert(replaces ? "panels, replaced first" : "panels")
        }
        let closed = exp(-0.5 * v0) * besselI0e(b)
        let q = average(GaussianCylinderProfile(), v0: v0, b: b)
        worst = max(worst, abs(q - closed))
        expectClose(q, closed, absolute: 1e-12, "v₀ = \(v0), b = \(b), \(plan)")
      }
    }
    #expect(plans == ["trapezoid", "panels", "panels, replaced first"])
    #expect(worst <= 5e-14, "the documented bound 5e-14 holds here too; worst \(worst)")
  }

  @Test("the rule follows the geometry: a point orbit is exact, far pairs get the trapezoid, near pairs panels")
  func plans() {
    let f = RadialKernelFamily.laplacian.exponentialPolynomial!.profile
    #expect(CylinderQuadrature.plan(f, v0: 2, b: 0) == .exact)
    // y* = 2 asinh(√v₀/(2√b)) = 2 asinh(1) = 1.76: m = ⌈log(1 + 2·P(√(2v₀ + 4b))/1e-14)/y*⌉ = ⌈32.93/1.763⌉ = 19.
    #expect(CylinderQuadrature.plan(f, v0: 4, b: 1) == .trapezoid(nodes: 19))
    // Coincident (ρ, z): y* = 0; the first panel is [0, min(1/√b, π/2)] with v₀ = 0 (no error from the replacement).
    guard case .panels(let first, true, let count, _) = CylinderQuadrature.plan(f, v0: 0, b: 16) else {
      Issue.record("expected replaced first panel")
      return
    }
    #expect(first == 0.25 && count == 5)   // [0, ¼], [¼, ½], [½, 1], [1, 2] (2 ≥ π/2), then [2, π]
    // Nearly coincident: y* ≈ 1e-4 is wider than the replacement width π·1e-14/(2·L·√v₀) ≈ 1e-10.
    guard case .panels(let near, false, _, _) = CylinderQuadrature.plan(f, v0: 1e-8, b: 1) else {
      Issue.record("expected exact first panel")
      return
    }
    expectClose(near, 2 * asinh(1e-4 / 2), relative: 1e-15)
  }

  @Test("the node count grows with the profile's bound and stays within the tables")
  func nodeCounts() {
    let f = RadialKernelFamily.matern52.exponentialPolynomial!.profile.logLengthScaleDerivative
    var counts: [Int] = []
    for b in [1.0, 1e4, 1e8, 1e20] {
      if case .panels(_, _, _, let n) = CylinderQuadrature.plan(f, v0: 0, b: b) { counts.append(n) }
    }
    #expect(counts.count == 4 && counts == counts.sorted() && counts.last! <= CylinderQuadrature.maxGaussNodes)
  }
}
