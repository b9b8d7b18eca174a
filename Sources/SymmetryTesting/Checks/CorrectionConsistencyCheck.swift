import Symmetries
import LinearAlgebra

/// Label corrections are consistent: the identity has none, an exact symmetry has none, and
/// for a finite approximate group corrections compose along products.
///
/// ```
/// c_e(x) = 0,     exact ⇒ c_g(x) = 0,     c_{g∘h}(x) = χ(g) c_h(x) + c_g(h·x)
/// ```
///
/// (χ the label character, all ones unless the label is odd). The composition rule holds for
/// every correction of the form c_g(x) = F(g·x) − χ(g) F(x), such as the Taylor correction
/// T_p(Rd) − T_p(d) of `TaylorCorrection` (χ ≡ 1): augmenting by h and then by g must give the
/// same label as augmenting by g∘h. Tolerances are absolute, scaled by
/// max(1, |correction|): 1e-12 for exact symmetries, 1e-8 for approximate ones. The
/// composition rule is checked on products of at most ``maximumPairElements`` elements.
///
/// - Complexity: O(|G|² N) correction evaluations for approximate finite groups, O(|G| N) otherwise.
public struct CorrectionConsistencyCheck: SymmetryCheck {
  public var name: String { "correction consistency" }
  public var property: String {
    "The identity has no label correction, exact symmetries have none, and corrections compose: c_{g∘h}(x) = χ(g) c_h(x) + c_g(h·x)."
  }
  public var tolerance: SymmetryTolerancePolicy
  /// Composition is checked among the first this many elements.
  public var maximumPairElements: Int

  /// The check.
  ///
  /// - Parameters:
  ///   - tolerance: absolute tolerances (scaled by the correction's size).
  ///   - maximumPairElements: composition is checked among the first this many elements.
  public init(tolerance: SymmetryTolerancePolicy = SymmetryTolerancePolicy(exact: 1e-12, approximate: 1e-8),
              maximumPairElements: Int = 32) {
    self.tolerance = tolerance
    self.maximumPairElements = maximumPairElements
  }

  public func isApplicable(to subject: SymmetryCheckSubject) -> Bool { subject.sample != nil }

  public func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    guard subject.sample != nil else { return [] }
    let symmetry = subject.symmetry
    let tol = tolerance.tolerance(isExact: symmetry.isExact)
    let points = subject.points
    var findings: [SymmetryFinding] = []
    let identity = OrthogonalAction.identity(dimension: symmetry.dimension, centre: symmetry.centre)
    var checked: [(Int, OrthogonalAction)] = [(0, identity)]
    if symmetry.isExact {
      checked = subject.elementsUnderTest.enumerated().filter { subject.acts($0.element) }.map { ($0.offset, $0.element) }
    }
    for (k, g) in checked {
      let isIdentity = g.isIdentity()
      var worst: (x: [Double], c: Double)?
      for x in points {
        let c = symmetry.labelCorrection(for: g, at: x)
        if !(abs(c) <= tol), worst == nil || !(abs(c) <= abs(worst!.c)) { worst = (x, c) }
      }
      if let worst {
        findings.append(SymmetryFinding(
          check: name, elementIndex: k, element: g, inputs: [worst.x], quantity: "c_g(x)", expected: 0, observed: worst.c,
          tolerance: tol,
          message: isIdentity
            ? "The identity has a non-zero label correction; return 0 for the identity (c_e(x) = 0)."
            : "An exact symmetry has a non-zero label correction; return 0, or declare the symmetry approximate (isExact = false)."))
      }
    }
    guard !symmetry.isExact, let finite = subject.finite else { return findings }
    let elements = Array(finite.elements.prefix(maximumPairElements).enumerated().filter { subject.acts($0.element) })
    let character = finite.labelCharacter
    for (a, g) in elements {
      let sign = a < character.count ? character[a] : 1
      for (b, h) in elements {
        let gh = OrthogonalAction(uncheckedMatrix: g.matrix * h.matrix, centre: symmetry.centre)
        var worst: (x: [Double], expected: Double, observed: Double, tol: Double)?
        for x in points {
          let direct = symmetry.labelCorrection(for: gh, at: x)
          let inner = symmetry.labelCorrection(for: h, at: x)
          let chained = (sign == 1 ? inner : sign * inner) + symmetry.labelCorrection(for: g, at: h.apply(to: x))
          let t = tol * max(1, abs(direct))
          if !(abs(direct - chained) <= t), worst == nil || abs(direct - chained) > abs(worst!.expected - worst!.observed) {
            worst = (x, direct, chained, t)
          }
        }
        if let worst {
          findings.append(SymmetryFinding(
            check: name, elementIndex: a, element: g, inputs: [worst.x],
            quantity: "\(sign == 1 ? "" : "χ(g) ")c_h(x) + c_g(h·x) = c_{g∘h}(x) (h = element \(b))", expected: worst.expected,
            observed: worst.observed, tolerance: worst.tol,
            message: "Augmenting by element \(b) and then by element \(a) gives a different label than augmenting by "
              + "their product; write the correction as c_g(x) = F(g·x) − \(sign == 1 ? "" : "χ(g) ")F(x) for one function F."))
        }
      }
    }
    return findings
  }
}
