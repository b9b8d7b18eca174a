// Shared checks for the SymmetriesTests suites (not a suite itself): the group axioms every
// finite conformer must satisfy, verified independently of how the conformer built its list.
import LinearAlgebra
import Symmetries
import Testing

/// Expects identity first, the stated order, distinct orthogonal elements fixing the centre,
/// closure under composition and inverses.
func expectGroupAxioms(_ symmetry: some FiniteLabelSymmetry, order expectedOrder: Int,
                       sourceLocation: SourceLocation = #_sourceLocation) {
  let elements = symmetry.elements
  #expect(elements.count == expectedOrder, "element count", sourceLocation: sourceLocation)
  #expect(symmetry.order == expectedOrder, "stated order", sourceLocation: sourceLocation)
  guard let first = elements.first else { return }
  #expect(first.isIdentity(tolerance: 1e-14), "identity first", sourceLocation: sourceLocation)
  func index(of g: OrthogonalAction) -> Int? {
    elements.firstIndex { $0.isApproximatelyEqual(to: g, tolerance: 1e-10) }
  }
  for (k, g) in elements.enumerated() {
    #expect(g.dimension == symmetry.dimension, sourceLocation: sourceLocation)
    #expect(g.orthogonalityDefect < 1e-12, "element \(k) not orthogonal: \(g.orthogonalityDefect)", sourceLocation: sourceLocation)
    let fixed = g.apply(to: symmetry.centre)
    #expect(zip(fixed, symmetry.centre).allSatisfy { abs($0 - $1) < 1e-12 }, "element \(k) moves the centre", sourceLocation: sourceLocation)
    #expect(index(of: g) == k, "element \(k) repeated", sourceLocation: sourceLocation)
    #expect(index(of: g.inverse) != nil, "inverse of element \(k) missing", sourceLocation: sourceLocation)
    for (l, h) in elements.enumerated() {
      #expect(index(of: g.composed(with: h)) != nil, "product of \(k) and \(l) missing", sourceLocation: sourceLocation)
    }
  }
}

/// The least-squares slope of log y against log x.
func logLogSlope(_ x: [Double], _ y: [Double]) -> Double {
  let lx = x.map { Foundation.log($0) }, ly = y.map { Foundation.log($0) }
  let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
  var sxy = 0.0, sxx = 0.0
  for i in lx.indices { sxy += (lx[i] - mx) * (ly[i] - my); sxx += (lx[i] - mx) * (lx[i] - mx) }
  return sxy / sxx
}

import Foundation
