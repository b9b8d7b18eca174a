import LinearAlgebra
@testable import Regression
import Testing

@Suite("Blocked lower-to-upper mirror")
struct MatrixMirrorTests {
  @Test("mirroring equals symmetrizeFromLower for sizes around the tile edge", arguments: [0, 1, 5, 63, 64, 65, 130])
  func equalsSymmetrize(n: Int) {
    var g = SeededGenerator(seed: UInt64(n))
    var a = g.gaussianMatrix(rows: n, columns: n)
    var b = a
    a.mirrorLowerTriangle()
    b.symmetrizeFromLower()
    #expect(a == b)
  }
}
