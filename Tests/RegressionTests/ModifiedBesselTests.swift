import Foundation
import Regression
import Testing
import _TestSupport

@Suite("ModifiedBessel")
struct ModifiedBesselTests {
  @Test("I0e matches scipy.special.i0e to 1e-14 relative from 0 to 1e300")
  func scipy() throws {
    let url = try #require(Bundle.module.url(forResource: "i0e", withExtension: "csv", subdirectory: "Fixtures"))
    let (_, rows) = try TestData.readCSV(url)
    #expect(rows.count > 70)
    for row in rows { expectClose(besselI0e(row[0]), row[1], relative: 1e-14) }
  }

  @Test("I0e is even and equals the integral (1/π)∫ e^(a cos θ − a) dθ", arguments: [0.3, 2.0, 7.5, 12.0])
  func integral(a: Double) {
    // Trapezoid rule on a periodic integrand converges geometrically.
    let m = 400
    let sum = (0..<m).reduce(0.0) { $0 + exp(a * cos(2 * Double.pi * Double($1) / Double(m)) - a) } / Double(m)
    expectClose(besselI0e(a), sum, relative: 1e-13)
    #expect(besselI0e(-a) == besselI0e(a))
  }
}
