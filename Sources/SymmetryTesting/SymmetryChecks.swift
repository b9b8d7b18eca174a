public import LinearAlgebra
public import Regression
public import Symmetries

/// The standard suite of ``SymmetryCheck``s.
///
/// ```swift
/// for check in SymmetryChecks.all(for: subject) { print(check.name, check.run(on: subject)) }
/// ```
///
public enum SymmetryChecks {
  /// Every shipped check with its default tolerances, in the order the report lists them.
  public static let all: [any SymmetryCheck] = [
    GroupStructureCheck(),
    LabelCharacterCheck(),
    OrthogonalityCheck(),
    HaarSamplingCheck(),
    CorrectionConsistencyCheck(),
    LabelInvarianceCheck(),
    KernelInvarianceCheck(),
    SectorKernelCheck(),
    RouteAgreementCheck(),
  ]

  /// The shipped checks that apply to a subject.
  ///
  /// - Parameter subject: the symmetry and data.
  /// - Returns: the checks of ``all`` whose ``SymmetryCheck/isApplicable(to:)`` is `true`.
  public static func all(for subject: SymmetryCheckSubject) -> [any SymmetryCheck] {
    all.filter { $0.isApplicable(to: subject) }
  }

  /// Runs checks on a subject.
  ///
  /// - Parameters:
  ///   - checks: the checks (default: ``all``); inapplicable ones are listed as skipped.
  ///   - subject: the symmetry and data.
  /// - Returns: the report.
  public static func run(_ checks: [any SymmetryCheck] = all, on subject: SymmetryCheckSubject) -> SymmetryCheckReport {
    var ran: [String] = [], skipped: [String] = [], findings: [SymmetryFinding] = []
    for check in checks {
      guard check.isApplicable(to: subject) else { skipped.append(check.name); continue }
      ran.append(check.name)
      findings += check.run(on: subject)
    }
    return SymmetryCheckReport(symmetryName: subject.symmetry.name, checksRun: ran, checksSkipped: skipped, findings: findings)
  }
}

/// Runs every applicable check of a label symmetry and returns the report.
///
/// The one entry point of the kit: group structure (finite groups), the label character (odd
/// labels), orthogonality and fixed centre, Haar sampling (continuous groups), correction
/// consistency, label invariance f(g·x) = χ(g) f(x) (exact) or the corrected label within
/// `labelBound` (approximate), kernel invariance, the sector kernels of a character-weighted
/// kernel, and route agreement.
///
/// ```swift
/// let report = try checkLabelSymmetry(try Inversion(dimension: 2), label: { $0[0] * $0[0] + $0[1] * $0[1] },
///                                     sample: sample, kernel: GaussianKernel(lengthScale: 1), seed: 1)
/// print(report)   // inversion: all 4 checks passed (group structure, orthogonality, …)
/// ```
///
/// - Parameters:
///   - symmetry: the symmetry under test.
///   - label: f, a function the symmetry is claimed for (`nil` skips label invariance).
///   - sample: N × d points to evaluate labels, corrections and kernels at; draw them from the
///     region you will train on.
///   - kernel: a kernel to use with the symmetry (`nil` skips kernel invariance).
///   - seed: the seed of every random draw.
///   - labelBound: the stated bound on |f(x) + c_g(x) − f(g·x)| for an approximate symmetry,
///     in label units (`nil`: 10 % of |f| by default).
///   - checks: the checks to run (default: ``SymmetryChecks/all``).
/// - Returns: the report; ``SymmetryCheckReport/passed`` is `true` when nothing was found.
/// - Throws: ``SymmetryTestingError`` when the sample does not fit the symmetry or a parameter
///   is out of range.
/// - Complexity: O(|G|² d³ + |G| N² d) for a finite group of order |G| and N sample points.
public func checkLabelSymmetry(_ symmetry: some LabelSymmetry, label: (@Sendable ([Double]) -> Double)?,
                               sample: Matrix, kernel: (any Kernel)? = nil, seed: UInt64 = 0,
                               labelBound: Double? = nil,
                               checks: [any SymmetryCheck] = SymmetryChecks.all) throws(SymmetryTestingError) -> SymmetryCheckReport {
  let subject = try SymmetryCheckSubject(symmetry: symmetry, label: label, sample: sample, kernel: kernel, seed: seed,
                                         labelBound: labelBound)
  return SymmetryChecks.run(checks, on: subject)
}
