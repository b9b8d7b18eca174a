import Foundation

/// The normalized radial function R_nl of the hydrogen atom (Z = 1), in atomic units.
///
/// ```
/// R_nl(r) = N_nl · e^(−r/n) · (2r/n)^l · L_(n−l−1)^(2l+1)(2r/n),
/// N_nl    = sqrt( (2/n)³ · (n−l−1)! / (2n · (n+l)!) ),
/// ∫₀^∞ R_nl(r)² r² dr = 1,
/// ```
///
/// with r in bohr, R_nl in bohr^(−3/2), and L_k^(α) the generalized Laguerre polynomial
/// (evaluated by its three-term recurrence). Examples: R_10 = 2e^(−r),
/// R_20 = (1/√2)(1 − r/2)e^(−r/2), R_21 = r e^(−r/2)/(2√6).
///
/// Reference: L. D. Landau and E. M. Lifshitz, *Quantum Mechanics*, §36; the Laguerre
/// convention is that of Abramowitz & Stegun 22.2.12 (the one `scipy.special.genlaguerre` uses).
public struct HydrogenRadialFunction: Sendable, Hashable {
  /// Principal quantum number, n ≥ 1.
  public let n: Int
  /// Angular momentum quantum number, 0 ≤ l < n.
  public let l: Int
  /// N_nl (2/n)^l, the constant in front of e^(−r/n) r^l L(2r/n).
  let coefficient: Double

  /// The radial function for (n, l).
  /// - Throws: `DatasetError` (`invalidParameter`) unless n ≥ 1 and 0 ≤ l < n.
  public init(n: Int, l: Int) throws(DatasetError) {
    guard n >= 1, l >= 0, l < n, n <= 20 else {
      throw DatasetError(.invalidParameter, "radial quantum numbers n = \(n), l = \(l) are out of range; expected 1 ≤ n ≤ 20 and 0 ≤ l < n")
    }
    self.n = n
    self.l = l
    let nn = Double(n)
    // (n−l−1)! / (n+l)! as a product, without overflow.
    var ratio = 1.0
    for k in (n - l)...(n + l) { ratio /= Double(k) }
    let normalization = ((2 / nn) * (2 / nn) * (2 / nn) * ratio / (2 * nn)).squareRoot()
    coefficient = normalization * pow(2 / nn, Double(l))
  }

  /// R_nl(r) in bohr^(−3/2), for r ≥ 0 in bohr.
  /// - Complexity: O(n).
  public func value(at r: Double) -> Double {
    reducedValue(at: r) * pow(r, Double(l))
  }

  /// R_nl(r) / r^l (finite at r = 0), the factor that multiplies a solid harmonic.
  @inline(__always)
  func reducedValue(at r: Double) -> Double {
    let x = 2 * r / Double(n)
    return coefficient * exp(-r / Double(n)) * Self.laguerre(degree: n - l - 1, alpha: Double(2 * l + 1), at: x)
  }

  /// The generalized Laguerre polynomial L_k^(α)(x) by the recurrence
  /// (j+1) L_(j+1) = (2j + 1 + α − x) L_j − (j + α) L_(j−1), L_0 = 1, L_1 = 1 + α − x.
  @inline(__always)
  static func laguerre(degree k: Int, alpha: Double, at x: Double) -> Double {
    if k == 0 { return 1 }
    var previous = 1.0
    var current = 1 + alpha - x
    if k == 1 { return current }
    for j in 1..<k {
      let jj = Double(j)
      let next = ((2 * jj + 1 + alpha - x) * current - (jj + alpha) * previous) / (jj + 1)
      previous = current
      current = next
    }
    return current
  }
}
