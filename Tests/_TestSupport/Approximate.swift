// Internal test support: not a product and not API. Approximate-equality expectations that
// report the observed error at the caller's source location.
import LinearAlgebra
import Testing

/// `true` when |a − b| ≤ max(absolute, relative · max(|a|, |b|)).
public func isClose(_ a: Double, _ b: Double, absolute: Double = 0, relative: Double = 0) -> Bool {
  if a == b { return true }
  guard a.isFinite && b.isFinite else { return false }
  return Swift.abs(a - b) <= Swift.max(absolute, relative * Swift.max(Swift.abs(a), Swift.abs(b)))
}

/// Expects |observed − expected| ≤ max(absolute, relative·max(|observed|, |expected|)),
/// recording the observed difference on failure.
public func expectClose(
  _ observed: Double, _ expected: Double, absolute: Double = 0, relative: Double = 0,
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  let ok = isClose(observed, expected, absolute: absolute, relative: relative)
  #expect(ok, "\(comment.map { "\($0): " } ?? "")observed \(observed), expected \(expected), difference \(observed - expected) (absolute tolerance \(absolute), relative \(relative))", sourceLocation: sourceLocation)
}

/// Element-wise `expectClose` for arrays; reports the worst element.
public func expectClose(
  _ observed: [Double], _ expected: [Double], absolute: Double = 0, relative: Double = 0,
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard observed.count == expected.count else {
    Issue.record("\(comment.map { "\($0): " } ?? "")lengths differ: observed \(observed.count), expected \(expected.count)", sourceLocation: sourceLocation)
    return
  }
  var worst: (index: Int, diff: Double)? = nil
  for i in observed.indices where !isClose(observed[i], expected[i], absolute: absolute, relative: relative) {
    let d = Swift.abs(observed[i] - expected[i])
    if worst == nil || !(d <= worst!.diff) { worst = (i, d) }
  }
  if let w = worst {
    Issue.record("\(comment.map { "\($0): " } ?? "")element \(w.index): observed \(observed[w.index]), expected \(expected[w.index]), difference \(w.diff) (absolute tolerance \(absolute), relative \(relative))", sourceLocation: sourceLocation)
  }
}

/// Element-wise `expectClose` for matrices of equal shape.
public func expectClose(
  _ observed: Matrix, _ expected: Matrix, absolute: Double = 0, relative: Double = 0,
  _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard observed.rows == expected.rows && observed.columns == expected.columns else {
    Issue.record("shapes differ: \(observed.rows) × \(observed.columns) vs \(expected.rows) × \(expected.columns)", sourceLocation: sourceLocation)
    return
  }
  expectClose(observed.elements, expected.elements, absolute: absolute, relative: relative, comment, sourceLocation: sourceLocation)
}

/// The largest relative difference max |a − b| / max(|b|, floor).
public func maxRelativeDifference(_ a: [Double], _ b: [Double], floor: Double = 1e-300) -> Double {
  precondition(a.count == b.count)
  return zip(a, b).reduce(0) { Swift.max($0, Swift.abs($1.0 - $1.1) / Swift.max(Swift.abs($1.1), floor)) }
}
