/// The outcome of running a suite of ``SymmetryCheck``s on one subject: every finding, which
/// checks ran and which were skipped.
///
/// Framework-agnostic and `Sendable`: print it, assert ``passed``, or record its findings in
/// Swift Testing with ``expectLabelSymmetry(_:label:sample:kernel:seed:labelBound:checks:sourceLocation:)``.
public struct SymmetryCheckReport: Sendable, CustomStringConvertible {
  /// The symmetry's `LabelSymmetry.name`.
  public let symmetryName: String
  /// The names of the checks that ran, in order.
  public let checksRun: [String]
  /// The names of the checks that did not apply (no label, no kernel, not finite, …).
  public let checksSkipped: [String]
  /// Every finding, in check order.
  public let findings: [SymmetryFinding]

  /// A report.
  ///
  /// - Parameters:
  ///   - symmetryName: the symmetry's name.
  ///   - checksRun: the checks that ran.
  ///   - checksSkipped: the checks that did not apply.
  ///   - findings: all findings.
  public init(symmetryName: String, checksRun: [String], checksSkipped: [String], findings: [SymmetryFinding]) {
    self.symmetryName = symmetryName
    self.checksRun = checksRun
    self.checksSkipped = checksSkipped
    self.findings = findings
  }

  /// `true` when no check found anything.
  public var passed: Bool { findings.isEmpty }

  /// The findings of one check.
  ///
  /// - Parameter check: a ``SymmetryCheck/name``.
  /// - Returns: its findings, in order.
  public func findings(of check: String) -> [SymmetryFinding] { findings.filter { $0.check == check } }

  /// The names of the checks with at least one finding, in order.
  public var failedChecks: [String] {
    checksRun.filter { name in findings.contains { $0.check == name } }
  }

  /// A summary line, then every finding on its own numbered line (check, element, input,
  /// expected, observed, tolerance, message).
  public var description: String {
    let skipped = checksSkipped.isEmpty ? "" : "; skipped (not applicable): \(checksSkipped.joined(separator: ", "))"
    var lines = [passed
      ? "\(symmetryName): all \(checksRun.count) checks passed (\(checksRun.joined(separator: ", ")))\(skipped)."
      : "\(symmetryName): \(findings.count) issue(s) in \(failedChecks.joined(separator: ", ")) "
        + "(ran \(checksRun.joined(separator: ", ")))\(skipped)."]
    for (k, f) in findings.enumerated() { lines.append("  \(k + 1). \(f)") }
    return lines.joined(separator: "\n")
  }
}
