// Swift Testing glue: the only file of this module that imports Testing. The checks and the
// report know nothing of test frameworks (split as in apple/swift-syntax
// `SwiftSyntaxMacrosGenericTestSupport/Assertions.swift`).
public import LinearAlgebra
public import Regression
public import Symmetries
public import Testing

/// Runs every applicable check of a label symmetry and records one Swift Testing issue per
/// finding, at the caller's source location.
///
/// ```swift
/// @Test("my symmetry holds") func mySymmetry() throws {
///   expectLabelSymmetry(try MySymmetry(), label: energy, sample: sample, kernel: GaussianKernel(lengthScale: 1))
/// }
/// ```
///
/// - Parameters:
///   - symmetry: the symmetry under test.
///   - label: f (`nil` skips label invariance).
///   - sample: N × d points.
///   - kernel: a kernel to check (`nil` skips kernel invariance).
///   - seed: the seed of every random draw.
///   - labelBound: the stated label-error bound for approximate symmetries.
///   - checks: the checks to run.
///   - sourceLocation: where issues are recorded; defaults to the call site.
/// - Returns: the report (also when it failed), or `nil` when the input was invalid (then one
///   issue with the ``SymmetryTestingError`` is recorded).
@discardableResult
public func expectLabelSymmetry(_ symmetry: some LabelSymmetry, label: (@Sendable ([Double]) -> Double)?,
                                sample: Matrix, kernel: (any Kernel)? = nil, seed: UInt64 = 0,
                                labelBound: Double? = nil, checks: [any SymmetryCheck] = SymmetryChecks.all,
                                sourceLocation: SourceLocation = #_sourceLocation) -> SymmetryCheckReport? {
  do {
    let report = try checkLabelSymmetry(symmetry, label: label, sample: sample, kernel: kernel, seed: seed,
                                        labelBound: labelBound, checks: checks)
    report.recordIssues(sourceLocation: sourceLocation)
    return report
  } catch {
    Issue.record(error, sourceLocation: sourceLocation)
    return nil
  }
}

/// Runs one check and records one issue per finding at the caller's location; for
/// `@Test(arguments: SymmetryChecks.all)`.
///
/// - Parameters:
///   - check: the check.
///   - subject: the symmetry and data.
///   - sourceLocation: where issues are recorded; defaults to the call site.
/// - Returns: the findings.
@discardableResult
public func expectPasses(_ check: any SymmetryCheck, on subject: SymmetryCheckSubject,
                         sourceLocation: SourceLocation = #_sourceLocation) -> [SymmetryFinding] {
  let findings = check.run(on: subject)
  for finding in findings { Issue.record(RecordedFinding(text: finding.description), sourceLocation: sourceLocation) }
  return findings
}

/// A finding recorded as a Swift Testing issue: recorded as an error so that the issue's title
/// in `swift test` output is the finding itself ("Caught error: [label invariance] element 1 …")
/// instead of "Issue recorded" with the finding on a second line.
struct RecordedFinding: Error, CustomStringConvertible {
  let text: String
  var description: String { text }
}

extension SymmetryCheckReport {
  /// Records one Swift Testing issue per finding.
  ///
  /// - Parameter sourceLocation: where the issues are recorded; defaults to the call site.
  public func recordIssues(sourceLocation: SourceLocation = #_sourceLocation) {
    for finding in findings {
      Issue.record(RecordedFinding(text: "\(symmetryName): \(finding)"), sourceLocation: sourceLocation)
    }
  }
}
