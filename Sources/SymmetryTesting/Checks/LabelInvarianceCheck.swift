import Symmetries

/// The label function transforms as the symmetry says under every element: invariant, or with
/// the sign of its label character χ (exact symmetries), or its augmented label χ(g) y + c_g(x)
/// matches the label at g·x within a stated bound (approximate symmetries).
///
/// ```
/// exact:        |f(g·x) − χ(g) f(x)|             ≤ tolerance.exact · max(1, |f(x)|)
/// approximate:  |χ(g) f(x) + c_g(x) − f(g·x)|    ≤ labelBound            (stated by the user), or
///                                               ≤ tolerance.approximate · max(1, |f(g·x)|)   (default)
/// ```
///
/// χ is `FiniteLabelSymmetry.labelCharacter` (all ones for invariant labels and for continuous
/// groups). For an element with χ(g) = −1 the finding's quantity reads "χ(g) f(x) = f(g·x)" and its
/// message states the value χ(g) f(x) the character predicts and the f(g·x) observed.
///
/// Checked at every sample point for every element in
/// ``SymmetryCheckSubject/elementsUnderTest``. One finding per failing element, at its worst
/// sample point; the message counts how many points failed. The default relative tolerance for
/// exact symmetries, 1e-9, allows round-off; the default for approximate ones, 0.1, is a
/// placeholder: state the bound your application needs (e.g. a multiple of the error
/// `SymmetryDiagnostics` reports, or the ε at which augmenting stops paying).
///
/// - Complexity: O(|G| N) label evaluations.
public struct LabelInvarianceCheck: SymmetryCheck {
  public var name: String { "label invariance" }
  public var property: String {
    "f(g·x) = χ(g) f(x) for exact symmetries (χ ≡ 1 unless the label is odd), and |χ(g) f(x) + c_g(x) − f(g·x)| within the stated bound for approximate ones."
  }
  public var tolerance: SymmetryTolerancePolicy

  /// The check.
  ///
  /// - Parameter tolerance: relative tolerances (see the type's discussion).
  public init(tolerance: SymmetryTolerancePolicy = SymmetryTolerancePolicy(exact: 1e-9, approximate: 0.1)) {
    self.tolerance = tolerance
  }

  public func isApplicable(to subject: SymmetryCheckSubject) -> Bool { subject.label != nil && subject.sample != nil }

  public func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    guard let f = subject.label, subject.sample != nil else { return [] }
    let symmetry = subject.symmetry
    let exact = symmetry.isExact
    let points = subject.points
    let values = points.map(f)
    var findings: [SymmetryFinding] = []
    let character = subject.finite?.labelCharacter
    for (k, g) in subject.elementsUnderTest.enumerated() where subject.acts(g) {
      let sign = character.map { k < $0.count ? $0[k] : 1 } ?? 1
      let signed = sign != 1
      var failures = 0
      var worst: (ratio: Double, finding: SymmetryFinding)?
      for (i, x) in points.enumerated() {
        let image = f(g.apply(to: x))
        let expected = image
        let observed: Double, tol: Double
        if exact {
          observed = signed ? sign * values[i] : values[i]
          tol = tolerance.exact * max(1, abs(values[i]))
        } else {
          observed = (signed ? sign * values[i] : values[i]) + symmetry.labelCorrection(for: g, at: x)
          tol = subject.labelBound ?? tolerance.approximate * max(1, abs(image))
        }
        let error = abs(observed - expected)
        if error <= tol { continue }
        failures += 1
        let ratio = error.isNaN ? .infinity : error / max(tol, .leastNormalMagnitude)
        if worst == nil || ratio > worst!.ratio {
          worst = (ratio, SymmetryFinding(
            check: name, elementIndex: k, element: g, inputs: [x],
            quantity: signed ? (exact ? "χ(g) f(x) = f(g·x)" : "χ(g) f(x) + c_g(x) = f(g·x)")
                             : (exact ? "f(x) = f(g·x)" : "f(x) + c_g(x) = f(g·x)"),
            expected: expected, observed: observed, tolerance: tol, message: ""))
        }
      }
      if let w = worst?.finding {
        let advice: String
        if signed && exact {
          let fx = SymmetryFinding.format(w.observed / sign)
          advice = "The label character χ(g) = \(SymmetryFinding.format(sign)) predicts f(g·x) = χ(g) f(x) = "
            + "\(SymmetryFinding.format(sign)) × \(fx) = \(SymmetryFinding.format(w.observed)), but f(g·x) = "
            + "\(SymmetryFinding.format(w.expected)) was observed: check which elements the label is odd under "
            + "(the character), or the element."
        } else if exact {
          advice = "The label is not invariant under this element: remove it, fix the element, or declare the symmetry approximate with a correction."
        } else {
          advice = "The corrected label misses the bound: raise the Taylor order, restrict the sample to smaller displacements, or state a larger bound."
        }
        findings.append(SymmetryFinding(
          check: w.check, elementIndex: w.elementIndex, element: w.element, inputs: w.inputs, quantity: w.quantity,
          expected: w.expected, observed: w.observed, tolerance: w.tolerance,
          message: "\(failures) of \(points.count) sample points differ (the worst is shown). " + advice))
      }
    }
    return findings
  }
}
