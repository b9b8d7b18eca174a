import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Datasets

private func radii(_ d: Dataset) -> [Double] {
  (0..<d.count).map { i in (d.inputs[i, 0] * d.inputs[i, 0] + d.inputs[i, 1] * d.inputs[i, 1] + d.inputs[i, 2] * d.inputs[i, 2]).squareRoot() }
}

private func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

/// Expects `fraction` within 5 binomial standard deviations of `p` for `n` draws.
private func expectFraction(_ fraction: Double, _ p: Double, n: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let sigma = (p * (1 - p) / Double(n)).squareRoot()
  expectClose(fraction, p, absolute: 5 * sigma, "\(what)", sourceLocation: sourceLocation)
}

@Suite("Orbital sampling")
struct OrbitalSamplingTests {
  static let count = 4000

  @Test("labels are the orbital's density at the sampled points", arguments: ["1s", "2p_z", "3d_z2", "4f_xyz"])
  func labelsAreDensities(name: String) throws {
    let o = try HydrogenOrbital(name: name)
    for region in [OrbitalSampler.Region.ball(radius: 10), .cube(halfWidth: 5), .radialWeighted(scale: 1)] {
      var g = SeededGenerator(seed: 1)
      let d = try OrbitalSampler(orbital: o, region: region).sample(count: 200, using: &g)
      #expect(d.count == 200 && d.dimension == 3)
      #expect(d.labels == (try o.density(at: d.inputs)))
    }
  }

  @Test("the same seed gives the same data set, another seed a different one")
  func seeded() throws {
    let s = try OrbitalSampler(orbital: HydrogenOrbital(name: "2s"), region: .radialWeighted(scale: 1))
    var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7), c = SeededGenerator(seed: 8)
    let (da, db, dc) = (try s.sample(count: 50, using: &a), try s.sample(count: 50, using: &b), try s.sample(count: 50, using: &c))
    #expect(da == db)
    #expect(da != dc)
  }

  @Test("ball samples are uniform in the ball")
  func ball() throws {
    var g = SeededGenerator(seed: 2)
    let radius = 6.0
    let s = try OrbitalSampler(orbital: HydrogenOrbital(name: "2p_x"), region: .ball(radius: radius))
    let d = try s.sample(count: Self.count, using: &g)
    let r = radii(d)
    #expect(r.allSatisfy { $0 <= radius })
    // P(r < R/2) = 1/8; P(x > 0) = 1/2; P(|z| < R/2) = 11/16 for a uniform ball.
    expectFraction(Double(r.filter { $0 < radius / 2 }.count) / Double(Self.count), 1.0 / 8, n: Self.count, "inner ball fraction")
    expectFraction(Double((0..<Self.count).filter { d.inputs[$0, 0] > 0 }.count) / Double(Self.count), 0.5, n: Self.count, "x > 0 fraction")
    expectFraction(Double((0..<Self.count).filter { abs(d.inputs[$0, 2]) < radius / 2 }.count) / Double(Self.count), 11.0 / 16, n: Self.count, "slab fraction")
    // E r = 3R/4, sd of r = R·√(3/80).
    expectClose(mean(r), s.meanRadius, absolute: 5 * radius * (3.0 / 80).squareRoot() / Double(Self.count).squareRoot())
  }

  @Test("cube samples are uniform in the cube")
  func cube() throws {
    var g = SeededGenerator(seed: 3)
    let h = 4.0
    let s = try OrbitalSampler(orbital: HydrogenOrbital(name: "3d_xy"), region: .cube(halfWidth: h))
    let d = try s.sample(count: Self.count, using: &g)
    #expect(d.inputs.elements.allSatisfy { abs($0) <= h })
    for k in 0..<3 {
      let c = d.inputs.column(k)
      expectFraction(Double(c.filter { $0 < -h / 2 }.count) / Double(Self.count), 0.25, n: Self.count, "coordinate \(k) below −h/2")
      expectClose(mean(c.map { $0 * $0 }), h * h / 3, absolute: 5 * h * h * (4.0 / 45).squareRoot() / Double(Self.count).squareRoot())
    }
    // Mean distance: sd of r is below h, so 5h/√n bounds the error.
    expectClose(mean(radii(d)), s.meanRadius, absolute: 5 * h / Double(Self.count).squareRoot())
  }

  @Test("radial-weighted 1s samples follow r² R₁₀² (Gamma(3, 1/2)) with uniform directions")
  func radialOneS() throws {
    var g = SeededGenerator(seed: 4)
    let d = try OrbitalSampler(orbital: HydrogenOrbital(name: "1s"), region: .radialWeighted(scale: 1)).sample(count: Self.count, using: &g)
    let r = radii(d)
    // Exact CDF of r² R₁₀(r)² = 4r² e^(−2r): 1 − e^(−2r)(1 + 2r + 2r²).
    for cut in [0.5, 1.0, 2.0, 3.0] {
      let p = 1 - exp(-2 * cut) * (1 + 2 * cut + 2 * cut * cut)
      expectFraction(Double(r.filter { $0 < cut }.count) / Double(Self.count), p, n: Self.count, "P(r < \(cut))")
    }
    // Directions: P(z > 0) = 1/2, P(|cos θ| < 1/2) = 1/2 for a uniform direction.
    expectFraction(Double((0..<Self.count).filter { d.inputs[$0, 2] > 0 }.count) / Double(Self.count), 0.5, n: Self.count, "z > 0")
    expectFraction(Double((0..<Self.count).filter { abs(d.inputs[$0, 2]) < r[$0] / 2 }.count) / Double(Self.count), 0.5, n: Self.count, "|cos θ| < 1/2")
  }

  @Test("radial-weighted samples have mean radius s·n(2n+1)/2", arguments: [("2s", 1.0), ("3d_z2", 1.0), ("4f_z3", 0.5), ("4s", 2.0)])
  func radialMean(name: String, scale: Double) throws {
    var g = SeededGenerator(seed: 5)
    let o = try HydrogenOrbital(name: name)
    let s = try OrbitalSampler(orbital: o, region: .radialWeighted(scale: scale))
    let r = radii(try s.sample(count: Self.count, using: &g))
    let k = Double(2 * o.n + 1), theta = scale * Double(o.n) / 2
    expectClose(s.meanRadius, k * theta, relative: 1e-15)
    expectClose(mean(r), k * theta, absolute: 5 * k.squareRoot() * theta / Double(Self.count).squareRoot(), "\(name)")
  }

  @Test("bad sizes and counts throw")
  func errors() throws {
    let o = try HydrogenOrbital(name: "1s")
    let radius = caughtDatasetError { _ = try OrbitalSampler(orbital: o, region: .ball(radius: 0)) }
    #expect(radius?.code == .invalidParameter)
    #expect(radius?.description == "ball radius 0.0 is not a positive finite number; expected a size > 0 (bohr for the ball and cube, a dimensionless factor for the radial scale, 1 by default)")
    #expect(caughtDatasetError { _ = try OrbitalSampler(orbital: o, region: .cube(halfWidth: .nan)) }?.message.hasPrefix("cube half-width nan is not a positive finite number") == true)
    #expect(caughtDatasetError { _ = try OrbitalSampler(orbital: o, region: .radialWeighted(scale: -1)) }?.message.hasPrefix("radial scale -1.0 is not a positive finite number") == true)
    var g = SeededGenerator(seed: 1)
    let s = try OrbitalSampler(orbital: o, region: .ball(radius: 1))
    let count = caughtDatasetError { _ = try s.sample(count: -3, using: &g) }
    #expect(count?.description == "sample count -3 is negative; expected a count ≥ 0")
    #expect(try s.sample(count: 0, using: &g).count == 0)
  }

  @Test("a count over the memory budget is refused with the number before allocating")
  func hugeCount() throws {
    let sampler = try OrbitalSampler(orbital: try HydrogenOrbital(name: "1s"), region: .radialWeighted(scale: 1))
    var g = SeededGenerator(seed: 1)
    let e = caughtDatasetError { _ = try sampler.sample(count: 1_000_000_000_000, using: &g) }
    #expect(e?.code == .invalidParameter)
    #expect(e?.description.hasPrefix("Sample count 1000000000000 needs 29.1 TiB (4 numbers per sample), above the memory budget of ") == true)
  }
}
