import Foundation

/// A compact bound-constrained limited-memory BFGS minimiser (projected L-BFGS).
///
/// Search direction: the L-BFGS two-loop recursion (memory m) on the free variables, with
/// variables at a bound whose gradient points outward held fixed; step: projected backtracking
/// line search with the Armijo condition f(P(x + t d)) ≤ f(x) + c₁ gᵀ(P(x + t d) − x).
/// Converges when the projected-gradient ∞-norm ‖P(x − g) − x‖∞ ≤ `gradientTolerance`·max(1, |f|)
/// or the relative decrease (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ `relativeTolerance`.
/// Non-finite objective values are treated as failed steps (backtracking continues).
///
/// Reference: Byrd, Lu, Nocedal & Zhu (1995), doi:10.1137/0916069 (L-BFGS-B); Nocedal & Wright,
/// Numerical Optimization (2006), Alg. 7.4.
struct LBFGS {
  var memory = 10
  var maxIterations = 200
  var gradientTolerance = 1e-8
  var relativeTolerance = 1e-12
  var armijo = 1e-4

  struct Result {
    var x: [Double]
    var value: Double
    var gradient: [Double]
    var iterations: Int
    var evaluations: Int
    var converged: Bool
  }

  /// Minimises `f` (returning value and gradient) within `lower ≤ x ≤ upper`, from `x0`.
  func minimize(_ x0: [Double], lower: [Double], upper: [Double],
                _ f: ([Double]) -> (value: Double, gradient: [Double])) -> Result {
    let n = x0.count
    func project(_ x: [Double]) -> [Double] { (0..<n).map { min(max(x[$0], lower[$0]), upper[$0]) } }
    var x = project(x0)
    var (fx, g) = f(x)
    var evaluations = 1
    var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
    func projectedGradientNorm(_ x: [Double], _ g: [Double]) -> Double {
      (0..<n).reduce(0) { max($0, abs(min(max(x[$1] - g[$1], lower[$1]), upper[$1]) - x[$1])) }
    }
    guard fx.isFinite else {
      return Result(x: x, value: fx, gradient: g, iterations: 0, evaluations: 1, converged: false)
    }
    var iteration = 0
    while iteration < maxIterations {
      if projectedGradientNorm(x, g) <= gradientTolerance * max(1, abs(fx)) {
        return Result(x: x, value: fx, gradient: g, iterations: iteration, evaluations: evaluations, converged: true)
      }
      iteration += 1
      // Active set: at a bound with the gradient pushing outward.
      let active = (0..<n).map { i in (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0) }
      var q = (0..<n).map { active[$0] ? 0 : g[$0] }
      var a = [Double](repeating: 0, count: s.count)
      for j in stride(from: s.count - 1, through: 0, by: -1) {
        a[j] = rho[j] * zip(s[j], q).reduce(0) { $0 + $1.0 * $1.1 }
        for i in 0..<n { q[i] -= a[j] * y[j][i] }
      }
      if let ls = s.last, let ly = y.last {
        let gamma = zip(ls, ly).reduce(0) { $0 + $1.0 * $1.1 } / ly.reduce(0) { $0 + $1 * $1 }
        for i in 0..<n { q[i] *= gamma }
      }
      for j in 0..<s.count {
        let b = rho[j] * zip(y[j], q).reduce(0) { $0 + $1.0 * $1.1 }
        for i in 0..<n { q[i] += s[j][i] * (a[j] - b) }
      }
      var d = (0..<n).map { active[$0] ? 0 : -q[$0] }
      var slope = zip(d, g).reduce(0) { $0 + $1.0 * $1.1 }
      if !(slope < 0) {
        s.removeAll(); y.removeAll(); rho.removeAll()
        d = (0..<n).map { active[$0] ? 0 : -g[$0] }
        slope = zip(d, g).reduce(0) { $0 + $1.0 * $1.1 }
        if !(slope < 0) { break }
      }
      // First step without curvature information: unit-length move.
      var t = s.isEmpty ? min(1, 1 / max(d.reduce(0) { max($0, abs($1)) }, 1e-300)) : 1
      var accepted: (x: [Double], f: Double, g: [Double])? = nil
      for _ in 0..<40 {
        let xt = project((0..<n).map { x[$0] + t * d[$0] })
        let step = (0..<n).map { xt[$0] - x[$0] }
        let decrease = zip(g, step).reduce(0) { $0 + $1.0 * $1.1 }
        if step.allSatisfy({ $0 == 0 }) { break }
        let (ft, gt) = f(xt)
        evaluations += 1
        if ft.isFinite && ft <= fx + armijo * decrease {
          accepted = (xt, ft, gt)
          break
        }
        t *= 0.5
      }
      guard let next = accepted else { break }
      let sk = (0..<n).map { next.x[$0] - x[$0] }
      let yk = (0..<n).map { next.g[$0] - g[$0] }
      let sy = zip(sk, yk).reduce(0) { $0 + $1.0 * $1.1 }
      let sNorm = zip(sk, sk).reduce(0) { $0 + $1.0 * $1.1 }.squareRoot()
      let yNorm = zip(yk, yk).reduce(0) { $0 + $1.0 * $1.1 }.squareRoot()
      if sy > 0 && sy > 1e-12 * sNorm * yNorm {
        s.append(sk); y.append(yk); rho.append(1 / sy)
        if s.count > memory { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
      }
      let relative = (fx - next.f) / max(abs(fx), abs(next.f), 1)
      x = next.x; fx = next.f; g = next.g
      if relative <= relativeTolerance {
        return Result(x: x, value: fx, gradient: g, iterations: iteration, evaluations: evaluations, converged: true)
      }
    }
    return Result(x: x, value: fx, gradient: g, iterations: iteration, evaluations: evaluations,
                  converged: projectedGradientNorm(x, g) <= gradientTolerance * max(1, abs(fx)))
  }
}
