import Foundation

/// A radial profile the cylinder quadrature can average: f as a function of w = u² ≥ 0.
protocol CylinderProfile: Sendable {
  /// Replaces each w = u² ≥ 0 in `buffer` by f(u).
  func apply(squared buffer: UnsafeMutableBufferPointer<Double>)
  /// An upper bound of |f| over a complex region where |w| ≤ `maxAbsW`, Re w ≥ `minReW` and
  /// Re √w ≥ `minReU` (principal branch; `minReU` < 0 only for the continuation of f(u) itself).
  func modulusBound(maxAbsW: Double, minReW: Double, minReU: Double) -> Double
  /// sup_{u ≥ 0} |f′(u)|.
  var lipschitzConstant: Double { get }
}

extension ExponentialPolynomialProfile: CylinderProfile {
  func apply(squared buffer: UnsafeMutableBufferPointer<Double>) {
    for i in buffer.indices { buffer[i] = value(buffer[i].squareRoot()) }
  }

  /// |P(u) e^(−u)| ≤ P(|u|) e^(−Re u) (non-negative coefficients).
  func modulusBound(maxAbsW: Double, minReW: Double, minReU: Double) -> Double {
    let p = polynomial(maxAbsW.squareRoot())
    return minReU >= 0 ? p : p * exp(-minReU)
  }
}

/// The average of a radial profile over rotations about an axis, by a quadrature whose error is
/// bounded a priori.
///
/// With ρ, ρ′ the distances from the axis, z, z′ the axial coordinates, u = rate · t, and
/// v₀ = rate² ((ρ − ρ′)² + (z − z′)²), b = rate² ρ ρ′, the scaled squared distance at angle θ is
/// w(θ) = v₀ + 4b sin²(θ/2) (written so that small θ does not cancel), and
///
/// ```
/// ⟨f⟩ = (1/2π) ∫₀^2π f(√w(θ)) dθ = (1/π) ∫₀^π f(√w(θ)) dθ
/// ```
///
/// The integrand is 2π-periodic and even; for the Laplacian and Matérn kernels f(√w) has a branch
/// point at w = 0, which w(θ) reaches at θ = ±i y* with y* = 2 asinh(√v₀ / (2√b)): the distance of
/// the pair, relative to √(ρρ′), sets the width of the strip of analyticity. In the open strip
/// |Im θ| < y* the principal √w has Re √w > 0 and |w| ≤ 2v₀ + 4b, so |f| ≤ M_T = P(√(2v₀ + 4b)).
///
/// **Trapezoidal rule** (the cyclic subgroup of m rotations, far from the kink): by Trefethen &
/// Weideman (SIAM Rev. 56, 385 (2014), Thm 3.2)
///
/// ```
/// |error| ≤ 2 M_T / (e^(y* m) − 1) ≤ δ   for   m = ⌈log(1 + 2 M_T/δ) / y*⌉
/// ```
///
/// evaluated at the ⌊m/2⌋ + 1 distinct angles of an even integrand.
///
/// **Graded Gauss–Legendre panels** (near the kink, when y* is small): [0, π] is split into
/// [0, d₀], [d₀, 2d₀], [2d₀, 4d₀], …, [D, π] with D ≥ π/2, and each panel gets the n-point
/// Gauss–Legendre rule. Every panel's Bernstein ellipse with parameter ρ = 4.5 avoids the branch
/// cuts (the rays Re θ ∈ {0, 2π}, |Im θ| ≥ y*): the doubling panels' ellipses lie in
/// 0 < Re θ < 2π (they would reach 0 only for ρ ≥ 3 + √8), and the first one, of width d₀ = y*,
/// crosses Re θ = 0 below height (d₀/2)(ρ − 1/ρ)²/(2(ρ + 1/ρ)) = 0.97 y*. All ellipses have
/// |Im θ| ≤ Y = ((ρ − 1/ρ)/2) · max(d₀, π/2)/2 (1.68 for d₀ ≤ π/2), where |w| ≤ v₀ + 2b (1 + cosh Y)
/// and Re √w ≥ 0, so |f| ≤ M_P = P(√(v₀ + 2b (1 + cosh Y))). With the
/// bound |I − I_n| ≤ (64/15) M ρ^(2−2n) / (ρ² − 1) · L for an n-point rule on a panel of half-length
/// L (the Chebyshev-coefficient argument of Trefethen, *Approximation Theory and Approximation
/// Practice*, Thm 19.3, for n points), summed over panels (Σ L = π/2) and divided by π:
///
/// ```
/// |error| ≤ (32/15) ρ²/(ρ² − 1) M_P ρ^(−2n) = 2.244 M_P · 4.5^(−2n) ≤ δ/2
/// ```
///
/// When y* is tiny (coincident or nearly coincident (ρ, z)), the first panel is widened to
/// d_L = min(1/√b, π/2, π δ / (2 L_f √v₀)) > y* and its integrand replaced by f(2√b sin(θ/2)) (v₀
/// set to 0), which is analytic there; the replacement changes the integrand by at most
/// L_f (√(v₀ + X) − √X) ≤ L_f √v₀ (L_f = sup |f′|), so the average by at most d_L L_f √v₀/π ≤ δ/2,
/// and the growth of the continuation over the ellipse (Re u ≥ −√b L₀ (a_ρ − 1) cosh(L₀ b_ρ/2) with
/// L₀ = d_L/2 ≤ 1/(2√b)) enters M_P. The method with fewer profile evaluations is used.
///
/// ## Error Bounds
///
/// The quadrature error is at most δ = 1e-14 for every pair with v₀, b ≤ 1e20 (beyond, the node
/// count saturates at 40 per panel and the bound is no longer guaranteed). Rounding adds at most
/// (n + K + 10) · 2⁻⁵³ · max|f| for n ≤ 40 nodes and K ≤ 82 panels, below 1.5e-14 · max|f|: in total
/// |error| ≤ 5e-14 for profiles bounded by 1 (the kernels, and their log-length-scale derivatives,
/// which are below 0.61).
///
/// - Complexity: O(m) profile evaluations per pair, m ≈ 33/y* for the trapezoid (17 evaluations
///   at y* = 1) and about 12 log₂(π/y*) for the panels; 20–26 on average for hydrogen-like data.
struct CylinderQuadrature: Sendable {
  /// The target quadrature error δ.
  static let tolerance = 1e-14
  /// The largest trapezoidal rule tabulated.
  static let maxTrapezoidNodes = 256
  /// The largest Gauss–Legendre rule tabulated.
  static let maxGaussNodes = 40
  /// Bernstein ellipse parameter of every panel.
  static let ellipse = 4.5
  /// Scratch capacity `average` needs.
  static let scratchCount = maxTrapezoidNodes / 2 + 1

  /// The shared tables.
  static let shared = CylinderQuadrature()

  /// sin²(πj/m) for m = 1…maxTrapezoidNodes, j = 0…⌊m/2⌋, row m starting at `trapezoidOffsets[m]`.
  let trapezoidNodes: [Double]
  let trapezoidOffsets: [Int]
  /// Gauss–Legendre nodes and weights on [−1, 1] for n = 0…maxGaussNodes (row n has n entries,
  /// starting at `gaussOffsets[n]`).
  let gaussNodes: [Double]
  let gaussWeights: [Double]
  let gaussOffsets: [Int]

  private init() {
    var offsets = [0, 0], nodes: [Double] = []
    for m in 1...Self.maxTrapezoidNodes {
      offsets[m] = nodes.count
      for j in 0...(m / 2) { let s = sin(Double.pi * Double(j) / Double(m)); nodes.append(s * s) }
      offsets.append(nodes.count)
    }
    trapezoidNodes = nodes
    trapezoidOffsets = offsets
    var gOffsets = [0], x: [Double] = [], w: [Double] = []
    for n in 0...Self.maxGaussNodes {
      gOffsets[n] = x.count
      let (xn, wn) = Self.gaussLegendre(n)
      x += xn
      w += wn
      gOffsets.append(x.count)
    }
    gaussNodes = x
    gaussWeights = w
    gaussOffsets = gOffsets
  }

  /// Nodes and weights of the n-point Gauss–Legendre rule on [−1, 1], by Newton's method on the
  /// three-term recurrence (nodes and weights accurate to a few ulps).
  static func gaussLegendre(_ n: Int) -> (nodes: [Double], weights: [Double]) {
    guard n > 0 else { return ([], []) }
    var x = [Double](repeating: 0, count: n), w = x
    for i in 0..<(n + 1) / 2 {
      var t = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
      var derivative = 0.0
      for _ in 0..<100 {
        var p0 = 1.0, p1 = t   // P_{k−1}(t), P_k(t), up to k = n
        if n > 1 {
          for k in 2...n {
            let p2 = (Double(2 * k - 1) * t * p1 - Double(k - 1) * p0) / Double(k)
            p0 = p1
            p1 = p2
          }
        }
        derivative = Double(n) * (t * p1 - p0) / (t * t - 1)
        let step = p1 / derivative
        t -= step
        if abs(step) <= 1e-17 { break }
      }
      x[i] = -t
      x[n - 1 - i] = t
      w[i] = 2 / ((1 - t * t) * derivative * derivative)
      w[n - 1 - i] = w[i]
    }
    return (x, w)
  }

  /// How one pair is integrated.
  enum Plan: Equatable {
    /// b = 0: the orbit is a point, ⟨f⟩ = f(√v₀).
    case exact
    /// The m-point trapezoidal rule.
    case trapezoid(nodes: Int)
    /// Graded Gauss–Legendre panels: the first of width `firstWidth` (its integrand with v₀ = 0 when
    /// `replacesFirst`), `panels` panels of `nodes` points.
    case panels(firstWidth: Double, replacesFirst: Bool, panels: Int, nodes: Int)

    /// Profile evaluations.
    var evaluations: Int {
      switch self {
      case .exact: 1
      case .trapezoid(let m): m / 2 + 1
      case .panels(_, _, let k, let n): k * n
      }
    }
  }

  /// The cheaper rule meeting the error bound for (v₀, b).
  static func plan(_ f: some CylinderProfile, v0: Double, b: Double) -> Plan {
    guard b > 0 else { return .exact }
    let delta = tolerance
    let u0 = v0.squareRoot(), rootB = b.squareRoot()
    let yStar = 2 * asinh(u0 / (2 * rootB))
    var trapezoid: Int? = nil
    if yStar > 0 {
      let m = (log1p(2 * f.modulusBound(maxAbsW: 2 * v0 + 4 * b, minReW: 0, minReU: 0) / delta) / yStar).rounded(.up)
      if m <= Double(maxTrapezoidNodes) { trapezoid = Swift.max(1, Int(m)) }
      // m ≤ 22 costs ≤ 12 evaluations, about one panel (n ≥ 12 when M_P ≥ 1): skip planning panels.
      if let m = trapezoid, m <= 22 { return .trapezoid(nodes: m) }
    }
    // Panels: the first panel is [0, y*] with the exact integrand, or wider with v₀ replaced by 0.
    let rho = ellipse, semiMajor = (rho + 1 / rho) / 2, semiMinor = (rho - 1 / rho) / 2
    let lipschitz = f.lipschitzConstant
    let replacementWidth = Swift.min(1 / rootB, Double.pi / 2,
                                     u0 > 0 ? Double.pi * delta / (2 * lipschitz * u0) : .infinity)
    let replaces = replacementWidth > yStar
    let first = replaces ? replacementWidth : Swift.min(yStar, Double.pi)
    var panels = 1, edge = first
    while edge < Double.pi / 2 { edge *= 2; panels += 1 }
    if edge < Double.pi { panels += 1 }
    let halfHeight = semiMinor * Swift.max(first, Double.pi / 2) / 2
    var bound = f.modulusBound(maxAbsW: v0 + 2 * b * (1 + cosh(halfHeight)), minReW: v0 + 2 * b * (1 - cosh(halfHeight)),
                               minReU: 0)
    if replaces {
      let l0 = first / 2
      let uMax = 2 * rootB * sinh(l0 * (1 + semiMajor) / 2)
      let reU = -rootB * l0 * (semiMajor - 1) * cosh(l0 * semiMinor / 2)
      bound = Swift.max(bound, f.modulusBound(maxAbsW: uMax * uMax, minReW: -uMax * uMax, minReU: reU))
    }
    let constant = 32.0 / 15 * rho * rho / (rho * rho - 1)
    let n = (log(constant * bound / (delta / 2)) / (2 * log(rho))).rounded(.up)
    let nodes = Swift.min(maxGaussNodes, Swift.max(2, n.isFinite ? Int(n) : maxGaussNodes))
    let graded = Plan.panels(firstWidth: first, replacesFirst: replaces, panels: panels, nodes: nodes)
    if let m = trapezoid, Plan.trapezoid(nodes: m).evaluations <= graded.evaluations { return .trapezoid(nodes: m) }
    return graded
  }

  /// ⟨f⟩ for (v₀, b) (see the type's discussion).
  ///
  /// - Parameters:
  ///   - f: The profile.
  ///   - v0: rate² ((ρ − ρ′)² + (z − z′)²) ≥ 0.
  ///   - b: rate² ρ ρ′ ≥ 0.
  ///   - scratch: At least ``scratchCount`` doubles.
  /// - Returns: The average, within the bound of the type's "Error Bounds".
  /// - Complexity: `plan(f, v0:, b:).evaluations` profile evaluations.
  func average(_ f: some CylinderProfile, v0: Double, b: Double, scratch: UnsafeMutableBufferPointer<Double>) -> Double {
    switch Self.plan(f, v0: v0, b: b) {
    case .exact:
      scratch[0] = v0
      f.apply(squared: UnsafeMutableBufferPointer(rebasing: scratch[0..<1]))
      return scratch[0]
    case .trapezoid(let m):
      let count = m / 2 + 1
      let start = trapezoidOffsets[m]
      let fourB = 4 * b
      trapezoidNodes.withUnsafeBufferPointer { s in
        for j in 0..<count { scratch[j] = v0 + fourB * s[start + j] }
      }
      let values = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
      f.apply(squared: values)
      // Weights 1/m at θ = 0 (and at θ = π when m is even), 2/m elsewhere.
      var sum = 0.0
      for j in 1..<count { sum += values[j] }
      sum = 2 * sum + values[0]
      if m % 2 == 0 { sum -= values[count - 1] }
      return sum / Double(m)
    case .panels(let first, let replaces, let panels, let n):
      let start = gaussOffsets[n]
      var total = 0.0
      var lower = 0.0, upper = first
      for k in 0..<panels {
        let centre = (lower + upper) / 2, half = (upper - lower) / 2
        let v = k == 0 && replaces ? 0 : v0
        let values = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
        for i in 0..<n {
          let s = sin((centre + half * gaussNodes[start + i]) / 2)
          values[i] = v + 4 * b * s * s
        }
        f.apply(squared: values)
        var sum = 0.0
        for i in 0..<n { sum += gaussWeights[start + i] * values[i] }
        total += half * sum
        lower = upper
        upper = k == panels - 2 || upper * 2 > Double.pi ? Double.pi : upper * 2
      }
      return total / Double.pi
    }
  }
}
