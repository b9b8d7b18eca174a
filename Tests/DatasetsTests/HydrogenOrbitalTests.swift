import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@testable import Datasets

// MARK: - Quadrature (Golub–Welsch) for the integrals

/// Gauss rule from the Jacobi matrix (diagonal `a`, off-diagonal `b`) and the weight's total mass.
private func golubWelsch(diagonal a: [Double], offDiagonal b: [Double], mass: Double) throws -> (nodes: [Double], weights: [Double]) {
  let n = a.count
  var j = Matrix(rows: n, columns: n)
  for i in 0..<n { j[i, i] = a[i] }
  for i in 0..<(n - 1) { j[i, i + 1] = b[i]; j[i + 1, i] = b[i] }
  let e = try SymmetricEigendecomposition(of: j)
  let weights = (0..<n).map { k in mass * e.eigenvectors[0, k] * e.eigenvectors[0, k] }
  return (e.eigenvalues, weights)
}

/// Gauss–Laguerre: ∫₀^∞ f(u) e^(−u) du ≈ Σ wᵢ f(uᵢ), exact for polynomials of degree < 2n.
private func gaussLaguerre(_ n: Int) throws -> (nodes: [Double], weights: [Double]) {
  try golubWelsch(diagonal: (0..<n).map { Double(2 * $0 + 1) }, offDiagonal: (1..<n).map(Double.init), mass: 1)
}

/// Gauss–Legendre on [−1, 1], exact for polynomials of degree < 2n.
private func gaussLegendre(_ n: Int) throws -> (nodes: [Double], weights: [Double]) {
  try golubWelsch(diagonal: Array(repeating: 0, count: n),
                  offDiagonal: (1..<n).map { k in Double(k) / (4 * Double(k * k) - 1).squareRoot() }, mass: 2)
}

/// A product rule for ∫ f d³r when f decays like e^(−αr) times a polynomial: Gauss–Laguerre in
/// αr (10 nodes), Gauss–Legendre in cos θ (8 nodes), 16 equally spaced φ. Exact (to rounding)
/// for r²·f a polynomial of degree < 20 in r times e^(−αr), and angular degree < 16.
private struct ProductQuadrature {
  var points: Matrix
  var weights: [Double]

  init(decay alpha: Double) throws {
    let (u, wu) = try gaussLaguerre(10)
    let (mu, wmu) = try gaussLegendre(8)
    let nPhi = 16
    var p: [Double] = []
    var w: [Double] = []
    for i in u.indices {
      let r = u[i] / alpha
      let radialWeight = wu[i] * exp(u[i]) * r * r / alpha
      for j in mu.indices {
        let s = (1 - mu[j] * mu[j]).squareRoot()
        for k in 0..<nPhi {
          let phi = 2 * Double.pi * (Double(k) + 0.5) / Double(nPhi)
          p += [r * s * cos(phi), r * s * sin(phi), r * mu[j]]
          w.append(radialWeight * wmu[j] * 2 * Double.pi / Double(nPhi))
        }
      }
    }
    points = Matrix(rows: w.count, columns: 3, elements: p)
    weights = w
  }

  func integrate(_ values: [Double]) -> Double {
    zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
  }
}

// MARK: - Helpers

/// A Haar-random rotation or reflection (Gram–Schmidt on a Gaussian 3 × 3), as rows.
private func randomOrthogonal(_ g: inout SeededGenerator) -> [SIMD3<Double>] {
  var a = SIMD3(g.gaussian(), g.gaussian(), g.gaussian())
  a /= (a * a).sum().squareRoot()
  var b = SIMD3(g.gaussian(), g.gaussian(), g.gaussian())
  b -= (a * b).sum() * a
  b /= (b * b).sum().squareRoot()
  let c = SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
  return g.uniform() < 0.5 ? [a, b, c] : [a, b, -c]
}

private func apply(_ q: [SIMD3<Double>], _ p: SIMD3<Double>) -> SIMD3<Double> {
  SIMD3((q[0] * p).sum(), (q[1] * p).sum(), (q[2] * p).sum())
}

/// A rotation by `angle` about `axis`, composed with the reflection through a plane containing
/// the axis when `reflect` (an element of O(2) about the axis).
private func axial(_ axis: OrbitalSymmetry.Axis, angle: Double, reflect: Bool, _ p: SIMD3<Double>) -> SIMD3<Double> {
  let i = (axis.rawValue + 1) % 3, j = (axis.rawValue + 2) % 3
  var out = p
  let (c, s) = (cos(angle), sin(angle))
  out[i] = c * p[i] - s * p[j]
  out[j] = s * p[i] + c * p[j]
  if reflect { out[j] = -out[j] }
  return out
}

private func randomPoint(_ g: inout SeededGenerator, scale: Double) -> SIMD3<Double> {
  SIMD3(g.gaussian(), g.gaussian(), g.gaussian()) * scale
}

/// The Cartesian angular polynomial each name promises (up to a positive factor).
private func namedPolynomial(_ name: String, _ p: SIMD3<Double>) -> Double {
  let (x, y, z) = (p.x, p.y, p.z)
  let r2 = x * x + y * y + z * z
  let suffix = name.drop { $0 != "_" }
  switch suffix {
  case "": return 1
  case "_x": return x
  case "_y": return y
  case "_z": return z
  case "_xy": return x * y
  case "_xz": return x * z
  case "_yz": return y * z
  case "_z2": return 3 * z * z - r2
  case "_x2-y2": return x * x - y * y
  case "_z3": return z * (5 * z * z - 3 * r2)
  case "_xz2": return x * (5 * z * z - r2)
  case "_yz2": return y * (5 * z * z - r2)
  case "_xyz": return x * y * z
  case "_z(x2-y2)": return z * (x * x - y * y)
  case "_x(x2-3y2)": return x * (x * x - 3 * y * y)
  case "_y(3x2-y2)": return y * (3 * x * x - y * y)
  default: Issue.record("no polynomial for \(name)"); return .nan
  }
}

@Suite("Hydrogen orbitals")
struct HydrogenOrbitalTests {
  @Test("the density of every orbital with n ≤ 4 integrates to 1", arguments: HydrogenOrbital.all)
  func normalized(orbital: HydrogenOrbital) throws {
    let q = try ProductQuadrature(decay: 2 / Double(orbital.n))
    let integral = q.integrate(try orbital.density(at: q.points))
    expectClose(integral, 1, absolute: 1e-10, "∫ρ d³r for \(orbital.name)")
  }

  @Test("distinct orbitals are orthogonal", arguments: [
    ("1s", "2s"), ("2s", "3s"), ("1s", "4s"), ("3s", "4s"), ("2p_z", "3p_z"), ("2p_x", "4p_x"),
    ("2p_x", "2p_y"), ("2s", "2p_z"), ("3d_z2", "3d_x2-y2"), ("3d_xy", "4d_xy"), ("3d_xz", "4f_xz2"),
    ("4f_z3", "4f_xyz"), ("4f_x(x2-3y2)", "4f_y(3x2-y2)"), ("1s", "4f_z3"),
  ])
  func orthogonal(a: String, b: String) throws {
    let oa = try HydrogenOrbital(name: a), ob = try HydrogenOrbital(name: b)
    let q = try ProductQuadrature(decay: 1 / Double(oa.n) + 1 / Double(ob.n))
    let va = try oa.value(at: q.points), vb = try ob.value(at: q.points)
    expectClose(q.integrate(zip(va, vb).map(*)), 0, absolute: 1e-12, "⟨\(a)|\(b)⟩")
  }

  @Test("radial functions match their closed forms")
  func radialClosedForms() throws {
    let closed: [(Int, Int, (Double) -> Double)] = [
      (1, 0, { 2 * exp(-$0) }),
      (2, 0, { (1 - $0 / 2) * exp(-$0 / 2) / 2.0.squareRoot() }),
      (2, 1, { $0 * exp(-$0 / 2) / (2 * 6.0.squareRoot()) }),
      (3, 0, { r in 2 / (3 * 3.0.squareRoot()) * (1 - 2 * r / 3 + 2 * r * r / 27) * exp(-r / 3) }),
      (3, 1, { r in 8 / (27 * 6.0.squareRoot()) * r * (1 - r / 6) * exp(-r / 3) }),
      (3, 2, { r in 4 / (81 * 30.0.squareRoot()) * r * r * exp(-r / 3) }),
      (4, 3, { r in r * r * r * exp(-r / 4) / (768 * 35.0.squareRoot()) }),
      (4, 0, { r in 0.25 * (1 - 3 * r / 4 + r * r / 8 - r * r * r / 192) * exp(-r / 4) }),
    ]
    for (n, l, f) in closed {
      let radial = try HydrogenRadialFunction(n: n, l: l)
      for r in [0.0, 0.3, 1, 2.5, 7, 15, 40] {
        expectClose(radial.value(at: r), f(r), absolute: 1e-300, relative: 1e-13, "R_\(n)\(l)(\(r))")
      }
    }
  }

  @Test("real spherical harmonics by angles match their closed forms")
  func angles() throws {
    expectClose(try RealSphericalHarmonic(l: 1, m: 0).value(theta: 0, phi: 1), (3 / (4 * Double.pi)).squareRoot(), relative: 1e-15)
    expectClose(try RealSphericalHarmonic(l: 2, m: 2).value(theta: Double.pi / 2, phi: 0), 0.25 * (15 / Double.pi).squareRoot(), relative: 1e-15)
    // Y_3,−3 = ¼√(35/2π) sin³θ sin 3φ.
    let (t, p) = (0.7, 1.9)
    expectClose(try RealSphericalHarmonic(l: 3, m: -3).value(theta: t, phi: p),
                0.25 * (35 / (2 * Double.pi)).squareRoot() * pow(sin(t), 3) * sin(3 * p), relative: 1e-14)
    // Y_2,1 = ½√(15/π) sinθ cosθ cos φ.
    expectClose(try RealSphericalHarmonic(l: 2, m: 1).value(theta: t, phi: p),
                0.5 * (15 / Double.pi).squareRoot() * sin(t) * cos(t) * cos(p), relative: 1e-14)
  }

  @Test("2p_z at (0, 0, 1) equals e^(−1/2) / (4√(2π))")
  func pointValue() throws {
    let o = try HydrogenOrbital(name: "2p_z")
    expectClose(o.value(at: SIMD3(0, 0, 1)), exp(-0.5) / (4 * (2 * Double.pi).squareRoot()), relative: 1e-15)
    expectClose(try HydrogenOrbital(name: "1s").density(at: SIMD3(0, 0, 0)), 1 / Double.pi, relative: 1e-15)
  }

  @Test("values agree with scipy's sph_harm_y and genlaguerre to 1e-12 relative")
  func agreesWithScipy() throws {
    let url = try #require(Bundle.module.url(forResource: "hydrogen_orbitals", withExtension: "csv", subdirectory: "Fixtures"))
    let table = try CSV.read(contentsOf: url)
    let q = try table.columns(["n", "l", "m"])
    let points = try table.columns(["x", "y", "z"])
    let psi = try table.column("psi")
    #expect(table.rowCount == 1500)
    var seen = Set<HydrogenOrbital>()
    for i in 0..<table.rowCount {
      let o = try HydrogenOrbital(n: Int(q[i, 0]), l: Int(q[i, 1]), m: Int(q[i, 2]))
      seen.insert(o)
      let v = o.value(at: SIMD3(points[i, 0], points[i, 1], points[i, 2]))
      expectClose(v, psi[i], relative: 1e-12, "\(o.name) at row \(i + 2)")
    }
    #expect(seen.count == HydrogenOrbital.all.count)
  }

  @Test("each name's orbital is the Cartesian polynomial the name says", arguments: HydrogenOrbital.all)
  func namesMatchPolynomials(orbital: HydrogenOrbital) {
    var g = SeededGenerator(seed: 31)
    for _ in 0..<10 {
      // Two points on the same sphere share the radial factor: ψ(p)/P(p) = ψ(q)/P(q) > 0.
      let p = randomPoint(&g, scale: 1), q0 = randomPoint(&g, scale: 1)
      let q = q0 * ((p * p).sum() / (q0 * q0).sum()).squareRoot()
      let (vp, vq) = (orbital.value(at: p), orbital.value(at: q))
      let (pp, pq) = (namedPolynomial(orbital.name, p), namedPolynomial(orbital.name, q))
      expectClose(vp * pq, vq * pp, absolute: 1e-15, relative: 1e-12, "\(orbital.name)")
      // Near the nucleus the Laguerre factor is positive, so ψ has the polynomial's sign.
      let near = p * (0.01 / (p * p).sum().squareRoot())
      #expect(orbital.value(at: near) * namedPolynomial(orbital.name, near) > 0, "\(orbital.name): sign of ψ differs from its polynomial")
    }
  }

  @Test("names and quantum numbers correspond one to one")
  func names() throws {
    #expect(HydrogenOrbital.all.count == 30)
    #expect(Set(HydrogenOrbital.validNames).count == 30)
    for o in HydrogenOrbital.all { #expect(try HydrogenOrbital(name: o.name) == o) }
    let expected: [(String, Int, Int, Int)] = [
      ("1s", 1, 0, 0), ("2p_x", 2, 1, 1), ("2p_y", 2, 1, -1), ("2p_z", 2, 1, 0), ("3d_xy", 3, 2, -2),
      ("3d_z2", 3, 2, 0), ("3d_x2-y2", 3, 2, 2), ("4f_z3", 4, 3, 0), ("4f_y(3x2-y2)", 4, 3, -3),
      ("4f_x(x2-3y2)", 4, 3, 3), ("4f_xyz", 4, 3, -2), ("4f_z(x2-y2)", 4, 3, 2),
    ]
    for (name, n, l, m) in expected { #expect(try HydrogenOrbital(name: name) == HydrogenOrbital(n: n, l: l, m: m)) }
    #expect(try HydrogenOrbital(name: "3d_x²−y²").name == "3d_x2-y2")
    #expect(HydrogenOrbital.validNames.prefix(6) == ["1s", "2s", "2p_x", "2p_y", "2p_z", "3s"])
  }

  @Test("a batch of points gives the point-by-point values")
  func batch() throws {
    var g = SeededGenerator(seed: 4)
    let points = try g.gaussianMatrix(rows: 20, columns: 3)
    for o in HydrogenOrbital.all {
      let batch = try o.density(at: points)
      let single = (0..<20).map { o.density(at: SIMD3(points[$0, 0], points[$0, 1], points[$0, 2])) }
      #expect(batch == single)
    }
  }

  // MARK: - Symmetries

  @Test("every density is even under each coordinate sign flip", arguments: HydrogenOrbital.all)
  func signFlips(orbital: HydrogenOrbital) {
    #expect(orbital.symmetry.isEvenUnderEachSignFlip)
    var g = SeededGenerator(seed: 11)
    for _ in 0..<40 {
      let p = randomPoint(&g, scale: Double(orbital.n * orbital.n))
      for k in 0..<3 {
        var f = p
        f[k] = -f[k]
        expectClose(orbital.density(at: f), orbital.density(at: p), relative: 1e-15, "\(orbital.name) flipping \(k)")
      }
    }
  }

  @Test("stated O(3) and O(2) invariances hold, and unstated ones fail", arguments: HydrogenOrbital.all)
  func continuousSymmetries(orbital: HydrogenOrbital) {
    var g = SeededGenerator(seed: 12)
    let sym = orbital.symmetry
    #expect(sym.isSphericallySymmetric == (orbital.l == 0))
    // Largest relative change of ρ under random group elements.
    func worst(_ transform: (SIMD3<Double>, inout SeededGenerator) -> SIMD3<Double>) -> Double {
      var w = 0.0
      for _ in 0..<40 {
        let p = randomPoint(&g, scale: Double(orbital.n))
        let (a, b) = (orbital.density(at: transform(p, &g)), orbital.density(at: p))
        w = max(w, abs(a - b) / max(abs(b), 1e-6 * orbital.density(at: SIMD3(0, 0, 0)) + 1e-12))
      }
      return w
    }
    let o3 = worst { p, g in apply(randomOrthogonal(&g), p) }
    if sym.isSphericallySymmetric { #expect(o3 < 1e-12, "\(orbital.name): O(3) change \(o3)") } else { #expect(o3 > 1e-3, "\(orbital.name): O(3) change \(o3)") }
    for axis in OrbitalSymmetry.Axis.allCases {
      let change = worst { p, g in axial(axis, angle: g.uniform(0, 2 * Double.pi), reflect: g.uniform() < 0.5, p) }
      let stated = sym.isSphericallySymmetric || sym.axialAxis == axis
      if stated { #expect(change < 1e-12, "\(orbital.name): O(2) about \(axis) change \(change)") } else { #expect(change > 1e-3, "\(orbital.name): O(2) about \(axis) change \(change)") }
    }
    switch sym.largestGroup {
    case .spherical: #expect(orbital.l == 0)
    case .axial(let a): #expect(a == .z ? orbital.m == 0 : orbital.l == 1)
    case .signFlips: #expect(orbital.l >= 2 && orbital.m != 0)
    }
  }

  @Test("m = 0 orbitals state O(2) about z; 3d_xy states only sign flips")
  func statedSymmetries() throws {
    #expect(try HydrogenOrbital(name: "2p_z").symmetry.largestGroup == .axial(.z))
    #expect(try HydrogenOrbital(name: "3d_z2").symmetry.largestGroup == .axial(.z))
    #expect(try HydrogenOrbital(name: "4f_z3").symmetry.largestGroup == .axial(.z))
    #expect(try HydrogenOrbital(name: "1s").symmetry.largestGroup == .spherical)
    #expect(try HydrogenOrbital(name: "3d_xy").symmetry.largestGroup == .signFlips)
    #expect(try HydrogenOrbital(name: "2p_x").symmetry.description == "O(2) about x × Z2 (x → −x)")
    #expect(try HydrogenOrbital(name: "4s").symmetry.description == "O(3)")
  }

  // MARK: - Errors

  @Test("an unknown name throws, listing the valid names")
  func unknownName() {
    #expect(throws: DatasetError.self) { try HydrogenOrbital(name: "5g") }
    let e = caughtDatasetError { _ = try HydrogenOrbital(name: "2p_w") }
    #expect(e?.code == .unknownName)
    #expect(e?.description == "unknown orbital name '2p_w'; valid names are 1s 2s 2p_x 2p_y 2p_z 3s 3p_x 3p_y 3p_z 3d_xy 3d_xz 3d_yz 3d_z2 3d_x2-y2 4s 4p_x 4p_y 4p_z 4d_xy 4d_xz 4d_yz 4d_z2 4d_x2-y2 4f_z3 4f_xz2 4f_yz2 4f_xyz 4f_z(x2-y2) 4f_x(x2-3y2) 4f_y(3x2-y2)")
  }

  @Test("out-of-range quantum numbers throw", arguments: [(0, 0, 0), (5, 0, 0), (2, 2, 0), (3, -1, 0), (3, 1, 2), (4, 3, -4)])
  func badQuantumNumbers(n: Int, l: Int, m: Int) {
    let e = caughtDatasetError { _ = try HydrogenOrbital(n: n, l: l, m: m) }
    #expect(e?.code == .invalidParameter)
    #expect(e?.description == "quantum numbers n = \(n), l = \(l), m = \(m) are out of range; expected 1 ≤ n ≤ 4, 0 ≤ l < n and −l ≤ m ≤ l")
  }

  @Test("radial and angular factors reject out-of-range arguments")
  func badFactors() {
    #expect(caughtDatasetError { _ = try HydrogenRadialFunction(n: 2, l: 2) }?.description == "radial quantum numbers n = 2, l = 2 are out of range; expected 1 ≤ n ≤ 20 and 0 ≤ l < n")
    #expect(caughtDatasetError { _ = try RealSphericalHarmonic(l: 4, m: 0) }?.description == "spherical harmonic l = 4, m = 0 is out of range; expected 0 ≤ l ≤ 3 and −l ≤ m ≤ l")
  }

  @Test("a batch of the wrong shape or with NaN throws")
  func badBatch() throws {
    let o = try HydrogenOrbital(name: "1s")
    let shape = caughtDatasetError { _ = try o.density(at: Matrix(rows: 2, columns: 2)) }
    #expect(shape?.code == .shapeMismatch)
    #expect(shape?.description == "points are 2 × 2; expected n × 3 (x, y, z in bohr, one point per row)")
    let nan = caughtDatasetError { _ = try o.value(at: Matrix(rows: [[0, 0, 0], [1, .nan, 0]])) }
    #expect(nan?.code == .invalidGeometry)
    #expect(nan?.description == "point 1 has coordinate y = nan; expected finite coordinates in bohr (remove NaN and infinite rows)")
  }
}
