import Foundation
import LearningCurves
import Testing
import _TestSupport

@Suite("Fits")
struct FitsTests {
  let sizes = [16, 32, 64, 128, 256, 512, 1024]

  @Test("recovers the prefactor and exponent of an exact power law")
  func exactPowerLaw() throws {
    let errors = sizes.map { 3.0 * pow(Double($0), -0.75) }
    let fit = try #require(LearningCurveFits.powerLaw(sizes: sizes, errors: errors))
    expectClose(fit.exponent, 0.75, relative: 1e-12)
    expectClose(fit.prefactor, 3.0, relative: 1e-12)
    expectClose(fit.slopeStandardError, 0, absolute: 1e-12)
    #expect(fit.sizeRange == [16, 1024])
    let restricted = try #require(LearningCurveFits.powerLaw(sizes: sizes, errors: errors, range: 64...256))
    #expect(restricted.pointCount == 3)
  }

  @Test("the slope standard error matches the OLS formula on noisy data")
  func slopeStandardError() throws {
    // log e = 1 − 0.5 log N + r with residuals r = ±0.1 alternating.
    let r = sizes.indices.map { $0 % 2 == 0 ? 0.1 : -0.1 }
    let errors = zip(sizes, r).map { exp(1 - 0.5 * log(Double($0)) + $1) }
    let fit = try #require(LearningCurveFits.powerLaw(sizes: sizes, errors: errors))
    // Independent OLS in closed form.
    let x = sizes.map { log(Double($0)) }, y = errors.map { log($0) }
    let mx = x.reduce(0, +) / 7, my = y.reduce(0, +) / 7
    let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
    let rss = zip(x, y).reduce(0) { let e = $1.1 - (my + slope * ($1.0 - mx)); return $0 + e * e }
    expectClose(fit.exponent, -slope, relative: 1e-12)
    expectClose(fit.slopeStandardError, (rss / 5 / sxx).squareRoot(), relative: 1e-10)
  }

  @Test("a curve shifted by a factor G in N has efficiency factor G at every point")
  func efficiencyFactor() throws {
    let reference = sizes.map { 2.0 * pow(Double($0), -0.6) }
    let improved = sizes.map { 2.0 * pow(8.0 * Double($0), -0.6) }  // MAE_G(N) = MAE_none(8N)
    let factors = LearningCurveFits.efficiencyFactors(reference: (sizes, reference), improved: (sizes, improved))
    #expect(factors.count == sizes.count)
    for f in factors { expectClose(f.factor, 8, relative: 1e-9) }
    // Sizes 16…128 interpolate inside the reference; 256… need extrapolation.
    #expect(factors.filter(\.isExtrapolated).map(\.n) == [256, 512, 1024])
    let ratios = LearningCurveFits.ratiosAtScaledSize(reference: (sizes, reference), improved: (sizes, improved), scale: 8)
    #expect(ratios.map(\.n) == [16, 32, 64, 128])
    for r in ratios { expectClose(r.ratio, 1, relative: 1e-12) }
    let shared = try #require(LearningCurveFits.sharedSlope(curves: [(sizes, reference), (sizes, improved)]))
    expectClose(shared.exponent, 0.6, relative: 1e-12)
    expectClose(exp((shared.offsets[0] - shared.offsets[1]) / shared.exponent), 8, relative: 1e-9)
  }

  @Test("finds the floor of a power law plus a constant")
  func floorFit() throws {
    let errors = sizes.map { 5.0 * pow(Double($0), -1.0) + 0.01 }
    let floor = try #require(LearningCurveFits.floor(sizes: sizes, errors: errors))
    expectClose(floor.floor, 0.01, relative: 0.03)
    expectClose(floor.exponent, 1.0, relative: 0.05)
    #expect(floor.fractionOfLastError > 0.5)
    // A pure power law has no resolved floor.
    let pure = try #require(LearningCurveFits.floor(sizes: sizes, errors: sizes.map { pow(Double($0), -0.8) }))
    #expect(pure.fractionOfLastError < 0.05)
  }

  @Test("too few points give no fit")
  func tooFewPoints() {
    #expect(LearningCurveFits.powerLaw(sizes: [10], errors: [1]) == nil)
    #expect(LearningCurveFits.floor(sizes: [10, 20], errors: [1, 0.5]) == nil)
    #expect(LearningCurveFits.powerLaw(sizes: [10, 20], errors: [0, 0]) == nil)
  }
}

@Suite("Fits on flat curves")
struct FlatCurveFitsTests {
  @Test("a nearly flat curve is read as at its floor, not as a power law with a tiny exponent")
  func flatCurve() throws {
    let sizes = [16, 32, 64, 128, 256]
    let errors = [421.0, 419.2, 389.9, 368.7, 361.4]  // measured water-pes sign-flips curve, cm⁻¹
    let floor = try #require(LearningCurveFits.floor(sizes: sizes, errors: errors))
    #expect(floor.exponent >= 0.3)
    #expect(floor.floor > 300 && floor.floor < 361.4)
    #expect(floor.fractionOfLastError > 0.8)
  }
}
