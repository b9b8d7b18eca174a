import Foundation

/// A radial profile f(u) = P(u) e^(−u), P a polynomial of degree ≤ 3 with non-negative
/// coefficients, u ≥ 0 a scaled distance, and its average over the sphere in closed form.
///
/// The Laplacian and Matérn kernels and their log-length-scale derivatives are of this form
/// (u = rate · t, t = ‖x − x′‖, σ the length scale):
///
/// ```
/// family        rate    P(u)               derivative ∂f/∂log σ = u (P − P′) e^(−u)
/// Laplacian     1/σ     1                  u
/// Matérn 3/2    √3/σ    1 + u              u²
/// Matérn 5/2    √5/σ    1 + u + u²/3       (u² + u³)/3
/// ```
///
/// ## Average over the sphere (O(3), SO(3))
///
/// With r = |x|, r′ = |x′| about the centre and a uniform direction, t² = r² + r′² − 2 r r′ cos γ
/// with cos γ uniform on [−1, 1], so dt = −(r r′/t) d cos γ and
///
/// ```
/// ⟨f⟩ = (1/(2 r r′)) ∫_{|r − r′|}^{r + r′} f(a t) t dt = ∫_{u₋}^{u₊} q(u) e^(−u) du / (2 a² r r′)
///     = e^(−u₋) Σ_{j=0}^{D} c_j E_j(h) / (h (u₋ + h/2))
/// q(u) = u P(u) (degree D ≤ 4),   u₋ = a |r − r′|,   h = u₊ − u₋ = 2a min(r, r′),
/// c_j = q⁽ʲ⁾(u₋)/j!  (Taylor coefficients of q about u₋),   E_j(h) = ∫₀ʰ s^j e^(−s) ds = γ(j + 1, h)
/// ```
///
/// using h (u₋ + h/2) = (u₊² − u₋²)/2 = 2a² r r′. Every c_j ≥ 0 (P has non-negative coefficients
/// and u₋ ≥ 0) and every E_j > 0, so the sum has no cancellation. E_j is computed without
/// cancellation too: for h ≥ 3 upward from E₀ = 1 − e^(−h) by E_j = j E_{j−1} − h^j e^(−h) (each step
/// amplifies relative errors by j E_{j−1}/E_j ≤ 2 there); for h < 3 by the positive series
/// γ(D + 1, h) = h^(D+1) e^(−h) Σ_k h^k/((D + 1)…(D + 1 + k)), then downward by
/// E_{j−1} = (E_j + h^j e^(−h))/j (positive terms). The factor e^(−u₋) is never formed against a
/// growing term, so large r r′/σ² neither overflows nor cancels; h = 0 (r = 0 or r′ = 0) returns
/// f(u₋) = f(a max(r, r′)) exactly.
///
/// ## Error Bounds
///
/// For inputs r, r′, σ given as doubles, the relative error of ``sphereAverage(uMinus:h:)``
/// composed with the rounding of u₋ and h from them is at most (32 + 4 u₊) · 2⁻⁵³ (about
/// 3.6e-15 + 4.4e-16 u₊): at most 32 roundings in the positive sums, and the condition number of
/// the average with respect to u₋ and h (at most u₊ + 1) times their relative rounding (≤ 3 · 2⁻⁵³)
/// — the u₊ term is the exponential's own conditioning, shared by the plain kernel. Checked
/// against 60-digit evaluations of the same integral by a different formula (the antiderivative
/// in decimal arithmetic) and against scipy's adaptive quadrature
/// (`Tests/RegressionTests/Fixtures/make_haar_averages.py`); the largest error seen is 5.3 · 2⁻⁵³.
/// The bound holds for values above 1e-290; smaller ones lose relative accuracy to gradual
/// underflow, and u₋ ≥ 800 returns 0 (the true value is below 1e-340).
///
/// - Complexity: O(1): 2 exponentials, at most 10 multiply–adds for the Taylor shift and, for
///   h < 3, at most 40 series terms.
struct ExponentialPolynomialProfile: Sendable, Hashable {
  /// The coefficients of P, lowest degree first.
  let coefficients: SIMD4<Double>
  /// The degree of P (0…3).
  let degree: Int

  /// A profile; `coefficients` must be non-negative, with at most 4 of them (programmer error otherwise).
  init(_ coefficients: [Double]) {
    precondition((1...4).contains(coefficients.count) && coefficients.allSatisfy { $0 >= 0 },
                 "ExponentialPolynomialProfile needs 1…4 non-negative coefficients, got \(coefficients)")
    var c = SIMD4<Double>()
    for (i, v) in coefficients.enumerated() { c[i] = v }
    self.coefficients = c
    self.degree = coefficients.count - 1
  }

  /// The log-length-scale derivative profile u (P(u) − P′(u)) e^(−u) (its coefficients are
  /// non-negative for the Laplacian and Matérn polynomials, whose P − P′ ≥ 0 coefficient-wise).
  var logLengthScaleDerivative: ExponentialPolynomialProfile {
    var d = [0.0]
    for k in 0...degree {
      let next = k < degree ? Double(k + 1) * coefficients[k + 1] : 0
      d.append(coefficients[k] - next)
    }
    while d.count > 1 && d.last == 0 { d.removeLast() }
    return ExponentialPolynomialProfile(d)
  }

  /// P(u) by Horner's rule.
  @inline(__always)
  func polynomial(_ u: Double) -> Double {
    var p = coefficients[degree]
    var k = degree - 1
    while k >= 0 { p = p * u + coefficients[k]; k -= 1 }
    return p
  }

  /// f(u) = P(u) e^(−u) for u ≥ 0 (0 beyond u = 800, where e^(−u) underflows).
  @inline(__always)
  func value(_ u: Double) -> Double {
    u < 800 ? polynomial(u) * exp(-u) : 0
  }

  /// An upper bound of sup_{u ≥ 0} |f′(u)|: f′ = (P′ − P) e^(−u) = Σ_k d_k u^k e^(−u), and
  /// sup u^k e^(−u) = (k/e)^k, so |f′| ≤ Σ_k |d_k| (k/e)^k (exact for the Laplacian and Matérn 3/2
  /// kernels, within 10 % for Matérn 5/2).
  var lipschitzConstant: Double {
    var bound = 0.0
    for k in 0...degree {
      let d = (k < degree ? Double(k + 1) * coefficients[k + 1] : 0) - coefficients[k]
      bound += abs(d) * (k == 0 ? 1 : pow(Double(k) / M_E, Double(k)))
    }
    return bound
  }

  /// The average of f(u(t)) over the sphere, for u₋ = a|r − r′| ≥ 0 and h = 2a min(r, r′) ≥ 0.
  ///
  /// - Returns: ⟨f⟩ (see the type's discussion); f(u₋) when h = 0.
  /// - Complexity: O(1).
  func sphereAverage(uMinus: Double, h: Double) -> Double {
    // The midpoint rule's error h²/24 · max|f″| is below 1e-200 here; h = 0 is exact.
    if h < 1e-100 { return value(uMinus + 0.5 * h) }
    if uMinus >= 800 { return 0 }
    // Taylor coefficients c_j of q(u₋ + s) = Σ c_j s^j, q = u P(u): shifts of non-negative terms.
    let top = degree + 1
    var c = SIMD8<Double>()
    for k in 0...degree { c[k + 1] = coefficients[k] }
    for i in 0..<top {
      var k = top - 1
      while k >= i { c[k] += uMinus * c[k + 1]; k -= 1 }
    }
    let f = Self.scaledLowerGamma(h, upTo: top)
    var sum = 0.0
    for j in 0...top { sum += c[j] * f[j] }
    return exp(-uMinus) * sum / (uMinus + 0.5 * h)
  }

  /// F_j = E_j(h)/h = γ(j + 1, h)/h for j = 0…top (top ≤ 5), h > 0, without cancellation.
  static func scaledLowerGamma(_ h: Double, upTo top: Int) -> SIMD8<Double> {
    var out = SIMD8<Double>()
    let e = exp(-h)
    if h >= 3 {
      var g = 1 - e, t = e   // e ≤ 0.05: no cancellation
      out[0] = g / h
      for j in stride(from: 1, through: top, by: 1) {
        t *= h
        g = Double(j) * g - t
        out[j] = g / h
      }
      return out
    }
    // γ(top + 1, h)/h = h^top e^(−h) Σ_k h^k / ((top + 1)(top + 2)…(top + 1 + k)).
    var term = 1.0, sum = 1.0, k = Double(top + 1)
    repeat {
      k += 1
      term *= h / k
      sum += term
    } while term > 0x1p-56 * sum
    var powers = SIMD8<Double>(repeating: 1)
    for j in stride(from: 1, through: top, by: 1) { powers[j] = powers[j - 1] * h }
    out[top] = powers[top] * e * sum / Double(top + 1)
    var j = top
    while j > 0 {
      out[j - 1] = (out[j] + powers[j - 1] * e) / Double(j)
      j -= 1
    }
    return out
  }
}
