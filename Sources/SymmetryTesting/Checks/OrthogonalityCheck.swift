import Symmetries

/// Every element is an orthogonal d × d matrix acting about the symmetry's centre, which it
/// therefore fixes.
///
/// ```
/// ‖RᵀR − I‖_F ≤ tol,   g·c = c   (c = the symmetry's centre)
/// ```
///
/// Checked on ``SymmetryCheckSubject/elementsUnderTest`` (all elements of a finite group,
/// seeded Haar draws of a continuous one). The tolerance is absolute on the Frobenius defect
/// and on |g·c − c| (max-norm, scaled by max(1, ‖c‖∞)); 1e-8 for both kinds of symmetry.
///
/// - Complexity: O(|G| d³).
public struct OrthogonalityCheck: SymmetryCheck {
  public var name: String { "orthogonality" }
  public var property: String {
    "Every element is an orthogonal d × d matrix RᵀR = I acting about the symmetry's centre, which it fixes."
  }
  public var tolerance: SymmetryTolerancePolicy

  /// The check.
  ///
  /// - Parameter tolerance: largest accepted ‖RᵀR − I‖_F and centre displacement.
  public init(tolerance: SymmetryTolerancePolicy = .uniform(1e-8)) { self.tolerance = tolerance }

  public func isApplicable(to subject: SymmetryCheckSubject) -> Bool { true }

  public func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    let symmetry = subject.symmetry
    let tol = tolerance.tolerance(isExact: symmetry.isExact)
    let d = symmetry.dimension
    let centre = symmetry.centre
    var findings: [SymmetryFinding] = []
    if centre.count != d {
      findings.append(SymmetryFinding(
        check: name, quantity: "the centre's length", expected: Double(d), observed: Double(centre.count), tolerance: 0,
        message: "The centre has \(centre.count) entries but the symmetry acts on \(d) coordinates; give one entry per coordinate."))
      return findings
    }
    let scale = max(1, centre.map(abs).max() ?? 0)
    for (k, g) in subject.elementsUnderTest.enumerated() {
      guard g.matrix.rows == d, g.matrix.columns == d, g.centre.count == d else {
        findings.append(SymmetryFinding(
          check: name, elementIndex: k, element: g, quantity: "the element's matrix size", expected: Double(d),
          observed: Double(g.matrix.rows), tolerance: 0,
          message: "Element \(k) is \(g.matrix.rows) × \(g.matrix.columns) about a centre of length \(g.centre.count), "
            + "but the symmetry acts on \(d) coordinates; give d × d matrices about the symmetry's centre."))
        continue
      }
      let defect = g.orthogonalityDefect
      if !(defect <= tol) {
        findings.append(SymmetryFinding(
          check: name, elementIndex: k, element: g, quantity: "‖RᵀR − I‖_F", expected: 0, observed: defect, tolerance: tol,
          message: "Element \(k) is not orthogonal, so it changes distances and no stationary kernel is invariant "
            + "under it; use an orthogonal matrix (build it with OrthogonalAction(matrix:), which checks)."))
      }
      let moved = g.apply(to: centre)
      let shift = zip(moved, centre).map { abs($0 - $1) }.max() ?? 0
      let centreShift = zip(g.centre, centre).map { abs($0 - $1) }.max() ?? 0
      if !(shift <= tol * scale) || !(centreShift <= tol * scale) {
        findings.append(SymmetryFinding(
          check: name, elementIndex: k, element: g, inputs: [centre], quantity: "max |g·c − c| and |c_g − c|",
          expected: 0, observed: max(shift, centreShift), tolerance: tol * scale,
          message: "Element \(k) acts about \(SymmetryFinding.format(g.centre)) and moves the symmetry's centre "
            + "\(SymmetryFinding.format(centre)) to \(SymmetryFinding.format(moved)); build every element about the "
            + "symmetry's centre."))
      }
    }
    return findings
  }
}
