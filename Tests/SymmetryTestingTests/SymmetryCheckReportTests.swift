import Foundation
import LinearAlgebra
import Symmetries
import SymmetryTesting
import Testing

@Suite struct SymmetryCheckReportTests {
  static func finding(_ check: String, _ observed: Double) -> SymmetryFinding {
    SymmetryFinding(check: check, quantity: "q", expected: 0, observed: observed, tolerance: 0.5, message: "m.")
  }

  @Test("a report lists every finding, numbered, after a summary naming the failed checks")
  func description() {
    let report = SymmetryCheckReport(symmetryName: "S", checksRun: ["a", "b", "c"], checksSkipped: ["d"],
                                     findings: [Self.finding("a", 1), Self.finding("c", 2), Self.finding("a", 3)])
    #expect(!report.passed)
    #expect(report.failedChecks == ["a", "c"])
    #expect(report.findings(of: "a").map(\.observed) == [1, 3])
    #expect(report.description == """
      S: 3 issue(s) in a, c (ran a, b, c); skipped (not applicable): d.
        1. [a] expected q = 0 within tolerance 0.5, found it to differ: observed 1 (|difference| 1). m.
        2. [c] expected q = 0 within tolerance 0.5, found it to differ: observed 2 (|difference| 2). m.
        3. [a] expected q = 0 within tolerance 0.5, found it to differ: observed 3 (|difference| 3). m.
      """)
  }

  @Test("an empty report passes and says which checks ran")
  func passing() {
    let report = SymmetryCheckReport(symmetryName: "S", checksRun: ["a"], checksSkipped: [], findings: [])
    #expect(report.passed && report.failedChecks.isEmpty)
    #expect(report.description == "S: all 1 checks passed (a).")
  }
}
