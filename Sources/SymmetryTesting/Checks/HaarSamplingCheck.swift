import Foundation
import Symmetries
import LinearAlgebra

/// A continuous symmetry's random elements are group elements with the moments of the Haar
/// measure.
///
/// Every draw must be orthogonal, act about the centre, have det R = +1 for SO(3)/SO(2), and
/// fix the axis for O(2)/SO(2) (R a = a). Over M draws the sample moments must match Haar:
///
/// ```
/// O(3), SO(3):  E[R_ij] = 0,  E[R_ij²] = 1/3      (Var R_ij² = 1/5 − 1/9 = 4/45)
/// O(2), SO(2):  in a basis (u, v, a) with a the axis, the 2 × 2 block B acting on (u, v) has
///               E[B_ij] = 0,  E[B_ij²] = 1/2       (Var B_ij² = 3/8 − 1/4 = 1/8)
/// improper fraction P(det R = −1) = 1/2 for O(n), 0 for SO(n)
/// ```
///
/// Each moment may differ from its Haar value by ``tolerance`` standard errors (the Haar
/// standard deviation over √M, not the sample's own, so a sampler that collapses the variance
/// cannot widen its tolerance); 5 by default, for a false-alarm rate below 1e-5 over all
/// moments, and deterministic anyway because the draws are seeded. A sampler drawing Euler
/// angles uniformly, for example, has E[R₃₃²] = 1/2 instead of 1/3 and is caught at M = 4000.
/// Membership tolerances are 1e-8 absolute.
///
/// - Complexity: O(M) draws.
public struct HaarSamplingCheck: SymmetryCheck {
  public var name: String { "Haar sampling" }
  public var property: String {
    "Random elements are members of the group (orthogonal, about the centre, proper for SO(n), fixing the axis for O(2)/SO(2)) with Haar moments."
  }
  /// The moment tolerance in standard errors.
  public var tolerance: SymmetryTolerancePolicy
  /// The absolute tolerance on membership (orthogonality, determinant, fixed axis).
  public var membershipTolerance: Double
  /// At most this many per-draw membership findings are reported.
  public var maximumFindings: Int

  /// The check.
  ///
  /// - Parameters:
  ///   - tolerance: moment tolerances in standard errors.
  ///   - membershipTolerance: absolute tolerance on membership.
  ///   - maximumFindings: cap on per-draw findings.
  public init(tolerance: SymmetryTolerancePolicy = .uniform(5), membershipTolerance: Double = 1e-8, maximumFindings: Int = 10) {
    self.tolerance = tolerance
    self.membershipTolerance = membershipTolerance
    self.maximumFindings = maximumFindings
  }

  public func isApplicable(to subject: SymmetryCheckSubject) -> Bool { subject.continuous != nil }

  public func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    guard let group = subject.continuous else { return [] }
    var findings: [SymmetryFinding] = []
    guard group.dimension == 3, group.centre.count == 3 else {
      return [SymmetryFinding(
        check: name, quantity: "the dimension", expected: 3, observed: Double(group.dimension), tolerance: 0,
        message: "\(group.name) states kind \(group.kind), a group acting on ℝ³, but acts on \(group.dimension) "
          + "coordinates; state the kind of a 3-dimensional group.")]
    }
    let m = subject.haarDraws
    let z = tolerance.tolerance(isExact: group.isExact)
    let tol = membershipTolerance
    let axis: [Double]?, proper: Bool
    switch group.kind {
    case .o3: (axis, proper) = (nil, false)
    case .so3: (axis, proper) = (nil, true)
    case .o2(let a): (axis, proper) = (unit(a), false)
    case .so2(let a): (axis, proper) = (unit(a), true)
    }
    // Basis (u, v, a) for the planar groups; the standard basis otherwise.
    let basis = axis.map(Self.basis(axis:)) ?? Matrix.identity(3)
    let block = axis == nil ? 3 : 2
    var mean = [Double](repeating: 0, count: block * block)
    var square = mean
    var improper = 0
    var memberFailures = 0
    var generator = SeededGenerator(seed: subject.seed ^ 0x4841_4152)  // "HAAR": independent of the element draws
    func fail(_ finding: SymmetryFinding) {
      memberFailures += 1
      if memberFailures <= maximumFindings { findings.append(finding) }
    }
    for k in 0..<m {
      let g = group.randomElement(using: &generator)
      guard subject.acts(g) else {
        fail(SymmetryFinding(check: name, elementIndex: k, element: g, quantity: "the draw's matrix size", expected: 3,
                             observed: Double(g.matrix.rows), tolerance: 0, message: "Draw \(k) is not a 3 × 3 element; return 3 × 3 matrices."))
        continue
      }
      let defect = g.orthogonalityDefect
      if !(defect <= tol) {
        fail(SymmetryFinding(check: name, elementIndex: k, element: g, quantity: "‖RᵀR − I‖_F", expected: 0,
                             observed: defect, tolerance: tol,
                             message: "Draw \(k) is not orthogonal; normalise the quaternion (or angle) before building R."))
      }
      let centreShift = zip(g.centre, group.centre).map { abs($0 - $1) }.max() ?? 0
      if !(centreShift <= tol * max(1, group.centre.map(abs).max() ?? 0)) {
        fail(SymmetryFinding(check: name, elementIndex: k, element: g, quantity: "max |c_g − c|", expected: 0,
                             observed: centreShift, tolerance: tol,
                             message: "Draw \(k) acts about \(SymmetryFinding.format(g.centre)), not the centre "
                               + "\(SymmetryFinding.format(group.centre)); build draws about the symmetry's centre."))
      }
      let det = g.determinant
      if det < 0 { improper += 1 }
      if proper, !(abs(det - 1) <= tol) {
        fail(SymmetryFinding(check: name, elementIndex: k, element: g, quantity: "det R", expected: 1, observed: det,
                             tolerance: tol,
                             message: "Draw \(k) is improper, but \(group.name) contains proper rotations only; "
                               + "do not compose with a reflection, or state the group as O(n)."))
      }
      if let axis {
        let image = g.matrix * axis
        let shift = zip(image, axis).map { abs($0 - $1) }.max() ?? 0
        if !(shift <= tol) {
          fail(SymmetryFinding(check: name, elementIndex: k, element: g, inputs: [axis], quantity: "max |R a − a|",
                               expected: 0, observed: shift, tolerance: tol,
                               message: "Draw \(k) moves the axis \(SymmetryFinding.format(axis)) to "
                                 + "\(SymmetryFinding.format(image)); rotations about and reflections through planes "
                                 + "containing the axis fix it."))
        }
      }
      // R in the (u, v, a) basis: Bᵀ R B; its leading block × block part.
      let r = basis.multiplied(by: g.matrix * basis, transposingSelf: true)
      for i in 0..<block { for j in 0..<block {
        let e = r[i, j]
        mean[i * block + j] += e
        square[i * block + j] += e * e
      } }
    }
    if memberFailures > maximumFindings {
      findings.append(SymmetryFinding(
        check: name, quantity: "the number of draws that are not group members", expected: 0,
        observed: Double(memberFailures), tolerance: 0,
        message: "\(memberFailures - maximumFindings) more membership failures are not listed individually."))
    }
    let count = Double(m)
    let secondMoment = axis == nil ? 1.0 / 3 : 0.5
    let fourthVariance = axis == nil ? 4.0 / 45 : 1.0 / 8
    let where_ = axis == nil ? "R" : "the block of R acting on the plane ⟂ the axis, B"
    for i in 0..<block { for j in 0..<block {
      let mu = mean[i * block + j] / count
      let tolMean = z * (secondMoment / count).squareRoot()
      if !(abs(mu) <= tolMean) {
        findings.append(SymmetryFinding(
          check: name, quantity: "the mean of \(axis == nil ? "R" : "B")[\(i),\(j)] over \(m) draws", expected: 0,
          observed: mu, tolerance: tolMean,
          message: "The draws are biased: the Haar mean of every entry of \(where_) is 0. Draw uniform unit "
            + "quaternions (normalised Gaussian 4-vectors), not uniform angles."))
      }
      let s = square[i * block + j] / count
      let tolSquare = z * (fourthVariance / count).squareRoot()
      if !(abs(s - secondMoment) <= tolSquare) {
        findings.append(SymmetryFinding(
          check: name, quantity: "the mean of \(axis == nil ? "R" : "B")[\(i),\(j)]² over \(m) draws",
          expected: secondMoment, observed: s, tolerance: tolSquare,
          message: "The draws are not Haar-distributed: E[entry²] of \(where_) is \(SymmetryFinding.format(secondMoment)) "
            + "under the Haar measure. Draw uniform unit quaternions (normalised Gaussian 4-vectors), not uniform angles."))
      }
    } }
    let fraction = Double(improper) / count
    let expectedFraction = proper ? 0.0 : 0.5
    let tolFraction = proper ? 0 : z * (0.25 / count).squareRoot()
    if !(abs(fraction - expectedFraction) <= tolFraction) {
      findings.append(SymmetryFinding(
        check: name, quantity: "the fraction of improper draws (det R = −1) over \(m) draws", expected: expectedFraction,
        observed: fraction, tolerance: tolFraction,
        message: proper
          ? "\(group.name) has no improper elements; do not compose draws with a reflection."
          : "Half the Haar measure of \(group.name) is improper; compose each draw with a reflection with probability ½."))
    }
    return findings
  }

  private func unit(_ a: [Double]) -> [Double] {
    let n = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return n > 0 ? a.map { $0 / n } : [0, 0, 1]
  }

  /// Columns (u, v, a): an orthonormal basis with a last.
  static func basis(axis a: [Double]) -> Matrix {
    let k = (0..<3).min { abs(a[$0]) < abs(a[$1]) }!
    var e = [0.0, 0, 0]
    e[k] = 1
    // u = e − (e·a) a, normalised; v = a × u.
    let dot = e[k] * a[k]
    var u = (0..<3).map { e[$0] - dot * a[$0] }
    let n = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
    u = u.map { $0 / n }
    let v = [a[1] * u[2] - a[2] * u[1], a[2] * u[0] - a[0] * u[2], a[0] * u[1] - a[1] * u[0]]
    return Matrix(rows: 3, columns: 3, elements: [u[0], v[0], a[0], u[1], v[1], a[1], u[2], v[2], a[2]])
  }
}
