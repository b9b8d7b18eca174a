import Foundation

/// A power law MAE ≈ a·N^(−b) fitted by least squares on the log–log curve.
///
/// ```
/// log MAE = log a − b log N        (ordinary least squares over the chosen points)
/// ```
///
/// `slopeStandardError` is the usual OLS standard error of b; with two points it is 0 and
/// with one point no fit exists. Learning curves are only roughly power laws (the 1s density's
/// cusp at r = 0, a floor from an approximate symmetry), so read b together with its range.
public struct PowerLawFit: Sendable, Equatable, Codable {
  /// a, in the unit of the errors.
  public var prefactor: Double
  /// b (positive when the error falls with N).
  public var exponent: Double
  /// Standard error of b.
  public var slopeStandardError: Double
  /// Smallest and largest N used.
  public var sizeRange: [Int]
  /// Number of points used.
  public var pointCount: Int

  /// The fitted error at N.
  public func error(at n: Double) -> Double { prefactor * pow(n, -exponent) }
}

/// N_reference / N at equal error: how many times more samples the reference variant needs to
/// reach the error the improved variant reaches with N samples.
public struct EfficiencyFactor: Sendable, Equatable, Codable {
  /// Training size of the improved variant.
  public var n: Int
  /// N_reference(MAE_improved(N)) / N, from log–log interpolation of the reference curve.
  public var factor: Double
  /// `true` when the reference curve had to be extrapolated with its power-law fit.
  public var isExtrapolated: Bool
}

/// A floor estimate from the fit MAE ≈ a·N^(−b) + f.
public struct FloorEstimate: Sendable, Equatable, Codable {
  /// f, in the unit of the errors.
  public var floor: Double
  /// b of the fit with the floor.
  public var exponent: Double
  /// f / MAE at the largest N: near 1 the curve has flattened at the floor; near 0 the floor
  /// is not resolved by the sizes studied.
  public var fractionOfLastError: Double
}

/// Fits on learning curves: power laws, shared slopes, efficiency factors and floors.
public enum LearningCurveFits {
  /// The power law through the points with N in `range` (all points by default).
  /// - Returns: `nil` with fewer than two usable points (N > 0, error > 0).
  public static func powerLaw(sizes: [Int], errors: [Double], range: ClosedRange<Int>? = nil) -> PowerLawFit? {
    let points = zip(sizes, errors).filter { $0.0 > 0 && $0.1 > 0 && $0.1.isFinite && (range?.contains($0.0) ?? true) }
    guard points.count >= 2 else { return nil }
    let x = points.map { log(Double($0.0)) }, y = points.map { log($0.1) }
    let (slope, intercept, se) = ordinaryLeastSquares(x: x, y: y)
    return PowerLawFit(prefactor: exp(intercept), exponent: -slope, slopeStandardError: se,
                       sizeRange: [points.map(\.0).min()!, points.map(\.0).max()!], pointCount: points.count)
  }

  /// One slope shared by several curves, one offset each:
  /// log MAE_v(N) = c_v − b log N. Exact symmetries shift a curve without changing its slope,
  /// so the offsets give the efficiency factor F_v = exp((c_ref − c_v)/b).
  /// - Returns: `nil` when fewer than three points in all, or the curves share no spread in N.
  public static func sharedSlope(curves: [(sizes: [Int], errors: [Double])]) -> (exponent: Double, slopeStandardError: Double, offsets: [Double])? {
    // Centre each curve's log N and log MAE; the pooled within-curve regression gives b.
    var sxx = 0.0, sxy = 0.0, count = 0
    var means: [(mx: Double, my: Double)] = []
    var pointsPerCurve: [[(Double, Double)]] = []
    for curve in curves {
      let pts = zip(curve.sizes, curve.errors).filter { $0.0 > 0 && $0.1 > 0 && $0.1.isFinite }
        .map { (log(Double($0.0)), log($0.1)) }
      pointsPerCurve.append(pts)
      guard !pts.isEmpty else { means.append((.nan, .nan)); continue }
      let mx = pts.map(\.0).reduce(0, +) / Double(pts.count)
      let my = pts.map(\.1).reduce(0, +) / Double(pts.count)
      means.append((mx, my))
      for (x, y) in pts { sxx += (x - mx) * (x - mx); sxy += (x - mx) * (y - my); count += 1 }
    }
    guard count >= 3, sxx > 0 else { return nil }
    let slope = sxy / sxx
    var rss = 0.0
    for (c, pts) in pointsPerCurve.enumerated() where !pts.isEmpty {
      for (x, y) in pts { let r = y - (means[c].my + slope * (x - means[c].mx)); rss += r * r }
    }
    let dof = Double(count - pointsPerCurve.filter { !$0.isEmpty }.count - 1)
    let se = dof > 0 ? (rss / dof / sxx).squareRoot() : 0
    let offsets = means.map { $0.my - slope * $0.mx }
    return (-slope, se, offsets)
  }

  /// For every size of `improved`, the factor N_reference/N at equal MAE, interpolating the
  /// reference curve linearly in log–log coordinates (and extrapolating with its power-law fit
  /// when the improved error is outside the reference's range, flagged as such).
  public static func efficiencyFactors(
    reference: (sizes: [Int], errors: [Double]), improved: (sizes: [Int], errors: [Double])
  ) -> [EfficiencyFactor] {
    let ref = zip(reference.sizes, reference.errors).filter { $0.0 > 0 && $0.1 > 0 }.sorted { $0.0 < $1.0 }
    guard ref.count >= 2, let fit = powerLaw(sizes: ref.map(\.0), errors: ref.map(\.1)), fit.exponent > 0 else { return [] }
    var result: [EfficiencyFactor] = []
    for (n, e) in zip(improved.sizes, improved.errors) where n > 0 && e > 0 {
      var found: Double? = nil
      for k in 0..<(ref.count - 1) {
        let (n0, e0) = ref[k], (n1, e1) = ref[k + 1]
        if (e0 - e) * (e1 - e) <= 0 && e0 != e1 {
          let t = (log(e) - log(e0)) / (log(e1) - log(e0))
          found = exp(log(Double(n0)) + t * (log(Double(n1)) - log(Double(n0))))
          break
        }
      }
      if let nRef = found {
        result.append(EfficiencyFactor(n: n, factor: nRef / Double(n), isExtrapolated: false))
      } else {
        let nRef = pow(fit.prefactor / e, 1 / fit.exponent)
        result.append(EfficiencyFactor(n: n, factor: nRef / Double(n), isExtrapolated: true))
      }
    }
    return result
  }

  /// MAE_G(N) / MAE_none(|G|·N) at every N where both are measured: near 1 when the symmetry
  /// multiplies the effective training-set size by |G| (the paper's claim for exact symmetries).
  public static func ratiosAtScaledSize(
    reference: (sizes: [Int], errors: [Double]), improved: (sizes: [Int], errors: [Double]), scale: Int
  ) -> [(n: Int, ratio: Double)] {
    let refByN = Dictionary(zip(reference.sizes, reference.errors), uniquingKeysWith: { a, _ in a })
    return zip(improved.sizes, improved.errors).compactMap { n, e in
      guard let r = refByN[n * scale], r > 0 else { return nil }
      return (n, e / r)
    }
  }

  /// Fits MAE ≈ a·N^(−b) + f (f ≥ 0, b ≥ `minimumExponent`) by a one-dimensional search over f
  /// with a log–log least-squares fit for (a, b) at each f, minimising the squared error in log MAE.
  ///
  /// Without the lower bound on b a nearly flat curve is fitted as well by a pure power law with a
  /// tiny exponent as by a floor; the bound (default 0.3: a kernel model of a smooth function
  /// learns at least that fast) makes such a curve read as what it is, a curve at its floor.
  /// - Returns: `nil` with fewer than three points.
  public static func floor(sizes: [Int], errors: [Double], minimumExponent: Double = 0.3) -> FloorEstimate? {
    let pts = zip(sizes, errors).filter { $0.0 > 0 && $0.1 > 0 && $0.1.isFinite }.sorted { $0.0 < $1.0 }
    guard pts.count >= 3, let minError = pts.map(\.1).min(), let last = pts.last else { return nil }
    let logN = pts.map { log(Double($0.0)) }, logE = pts.map { log($0.1) }
    var best: (f: Double, b: Double, rss: Double) = (0, 0, .infinity)
    let candidates = [0.0] + (0..<200).map { minError * (1 - pow(10, -3 + 3 * Double($0) / 199)) }
    for f in candidates where f < minError {
      let y = pts.map { log($0.1 - f) }
      var (slope, intercept, _) = ordinaryLeastSquares(x: logN, y: y)
      if -slope < minimumExponent {
        slope = -minimumExponent
        intercept = zip(logN, y).reduce(0) { $0 + $1.1 - slope * $1.0 } / Double(pts.count)
      }
      var rss = 0.0
      for i in pts.indices {
        let model = log(exp(intercept + slope * logN[i]) + f)
        rss += (model - logE[i]) * (model - logE[i])
      }
      if rss < best.rss { best = (f, -slope, rss) }
    }
    guard best.rss.isFinite else { return nil }
    return FloorEstimate(floor: best.f, exponent: best.b, fractionOfLastError: best.f / last.1)
  }

  /// Slope, intercept and slope standard error of y ≈ intercept + slope·x.
  static func ordinaryLeastSquares(x: [Double], y: [Double]) -> (slope: Double, intercept: Double, slopeStandardError: Double) {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxx = 0.0, sxy = 0.0
    for i in x.indices { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my) }
    let slope = sxx > 0 ? sxy / sxx : 0
    let intercept = my - slope * mx
    var rss = 0.0
    for i in x.indices { let r = y[i] - intercept - slope * x[i]; rss += r * r }
    let se = (x.count > 2 && sxx > 0) ? (rss / (n - 2) / sxx).squareRoot() : 0
    return (slope, intercept, se)
  }
}
