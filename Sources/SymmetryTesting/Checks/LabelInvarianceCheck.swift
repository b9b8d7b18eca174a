import Symmetries

/// The label function is invariant under every element (exact symmetries), or its augmented
/// label y + c_g(x) matches the label at g·x within a stated bound (approximate symmetries).
///
/// ```
/// exact:        |f(g·x) − f(x)|             ≤ tolerance.exact · max(1, |f(x)|)
/// approximate:  |f(x) + c_g(x) − f(g·x)|    ≤ labelBound            (stated by the user), or
///                                          ≤ tolerance.approximate · max(1, |f(g·x)|)   (default)
/// ```
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
    "f(g·x) = f(x) for exact symmetries, and |f(x) + c_g(x) − f(g·x)| within the stated bound for approximate ones."
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
    for (k, g) in subject.elementsUnderTest.enumerated() where subject.acts(g) {
      var failures = 0
      var worst: (ratio: Double, finding: SymmetryFinding)?
      for (i, x) in points.enumerated() {
        let image = f(g.apply(to: x))
        let expected = image
        let observed: Double, tol: Double
        if exact {
          observed = values[i]
          tol = tolerance.exact * max(1, abs(values[i]))
        } else {
          observed = values[i] + symmetry.labelCorrection(for: g, at: x)
          tol = subject.labelBound ?? tolerance.approximate * max(1, abs(image))
        }
        let error = abs(observed - expected)
        if error <= tol { continue }
        failures += 1
        let ratio = error.isNaN ? .infinity : error / max(tol, .leastNormalMagnitude)
        if worst == nil || ratio > worst!.ratio {
          worst = (ratio, SymmetryFinding(
            check: name, elementIndex: k, element: g, inputs: [x],
            quantity: exact ? "f(x) = f(g·x)" : "f(x) + c_g(x) = f(g·x)",
            expected: expected, observed: observed, tolerance: tol, message: ""))
        }
      }
      if let w = worst?.finding {
        let advice = exact
          ? "The label is not invariant under this element: remove it, fix the element, or declare the symmetry approximate with a correction."
          : "The corrected label misses the bound: raise the Taylor order, restrict the sample to smaller displacements, or state a larger bound."
        findings.append(SymmetryFinding(
          check: w.check, elementIndex: w.elementIndex, element: w.element, inputs: w.inputs, quantity: w.quantity,
          expected: w.expected, observed: w.observed, tolerance: w.tolerance,
          message: "\(failures) of \(points.count) sample points differ (the worst is shown). " + advice))
      }
    }
    return findings
  }
}
