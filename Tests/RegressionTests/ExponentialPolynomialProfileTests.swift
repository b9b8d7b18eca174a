// The P(u) e^(−u) profiles and the pieces of their O(3) closed form, checked against the kernels'
// own profiles and against identities of the incomplete gamma function.
import Foundation
import LinearAlgebra
@testable import Regression
import Testing
import _TestSupport

@Suite("ExponentialPolynomialProfile")
struct ExponentialPolynomialProfileTests {
  static let families: [RadialKernelFamily] = [.laplacian, .matern32, .matern52]

  func base(_ family: RadialKernelFamily, _ sigma: Double) -> any StationaryKernel {
    switch family {
    case .laplacian: LaplacianKernel(lengthScale: sigma)
    case .matern32: Matern32Kernel(lengthScale: sigma)
    case .matern52: Matern52Kernel(lengthScale: sigma)
    case .gaussian: GaussianKernel(lengthScale: sigma)
    }
  }

  @Test("each profile and its log-length-scale derivative equal the kernel's own profiles", arguments: families)
  func matchesKernel(family: RadialKernelFamily) throws {
    let (rateFactor, profile) = try #require(family.exponentialPolynomial)
    let sigma = 0.7
    let kernel = base(family, sigma)
    for t in [0.0, 1e-3, 0.2, 0.9, 3.1, 17.0] {
      let u = rateFactor * t / sigma
      var values = [t * t], derivatives = [t * t]
      values.withUnsafeMutableBufferPointer { kernel.applyProfile($0) }
      derivatives.withUnsafeMutableBufferPointer { kernel.applyLogDerivativeProfile(0, $0) }
      // u is rounded differently here and in the kernel: the relative difference is about u ulps.
      expectClose(profile.value(u), values[0], relative: (4 + u) * 0x1p-52, "κ at t = \(t)")
      expectClose(profile.logLengthScaleDerivative.value(u), derivatives[0], relative: (8 + u) * 0x1p-52, "∂κ/∂log σ at t = \(t)")
    }
  }

  @Test("the derivative polynomials are u, u² and (u² + u³)/3")
  func derivativeCoefficients() throws {
    let d = Self.families.map { $0.exponentialPolynomial!.profile.logLengthScaleDerivative }
    #expect(d.map(\.degree) == [1, 2, 3])
    #expect(d[0].coefficients == SIMD4(0, 1, 0, 0))
    #expect(d[1].coefficients == SIMD4(0, 0, 1, 0))
    #expect(d[2].coefficients[0] == 0 && d[2].coefficients[1] == 0)
    expectClose(d[2].coefficients[2], 1.0 / 3, relative: 2e-16)   // 1 − 2·(1/3), rounded
    #expect(d[2].coefficients[3] == 1.0 / 3)
  }

  @Test("the Lipschitz constant bounds |f′| on a fine grid", arguments: families)
  func lipschitz(family: RadialKernelFamily) {
    for profile in [family.exponentialPolynomial!.profile, family.exponentialPolynomial!.profile.logLengthScaleDerivative] {
      var worst = 0.0
      for i in 0..<20000 {
        let u = Double(i) * 1e-3, h = 1e-6
        worst = max(worst, abs(profile.value(u + h) - profile.value(max(0, u - h))) / (u + h - max(0, u - h)))
      }
      #expect(worst <= profile.lipschitzConstant, "sampled sup |f′| = \(worst), bound \(profile.lipschitzConstant)")
      #expect(profile.lipschitzConstant <= 3 * worst, "the bound should not be loose by more than 3×")
    }
  }

  @Test("γ(j + 1, h)/h: small-h asymptotics h^j/(j + 1), the limit j!/h, and the recurrence across both branches")
  func lowerGamma() {
    for h in [1e-12, 1e-8, 1e-5] {
      let f = ExponentialPolynomialProfile.scaledLowerGamma(h, upTo: 4)
      for j in 0...4 {
        // γ(j + 1, h) = h^(j+1)/(j + 1) · (1 − (j + 1)h/(j + 2) + O(h²)).
        let leading = pow(h, Double(j)) / Double(j + 1) * (1 - Double(j + 1) * h / Double(j + 2))
        expectClose(f[j], leading, relative: 4 * h * h + 1e-15, "h = \(h), j = \(j)")
      }
    }
    let large = ExponentialPolynomialProfile.scaledLowerGamma(60, upTo: 4)
    for (j, factorial) in [1.0, 1, 2, 6, 24].enumerated() {
      // γ(j + 1, 60) = j! (1 − e^(−60) Σ_{i≤j} 60^i/i!), the correction below 1e-18.
      expectClose(large[j] * 60, factorial, relative: 1e-15)
    }
    for h in [0.5, 2.999999, 3.0, 7.0] {
      let f = ExponentialPolynomialProfile.scaledLowerGamma(h, upTo: 4)
      for j in 1...4 {
        // E_j = j E_{j−1} − h^j e^(−h), checked where it does not cancel badly.
        expectClose(f[j], Double(j) * f[j - 1] - pow(h, Double(j - 1)) * exp(-h), relative: 2e-14, "h = \(h), j = \(j)")
      }
    }
    // The two branches meet at h = 3.
    let below = ExponentialPolynomialProfile.scaledLowerGamma(3.0.nextDown, upTo: 4)
    let above = ExponentialPolynomialProfile.scaledLowerGamma(3.0, upTo: 4)
    for j in 0...4 { expectClose(below[j], above[j], relative: 4e-15, "j = \(j)") }
  }

  @Test("the sphere average is f(u₋) at h = 0, continuous as h → 0, and needs no overflow", arguments: families)
  func sphereLimits(family: RadialKernelFamily) {
    let profile = family.exponentialPolynomial!.profile
    #expect(profile.sphereAverage(uMinus: 1.7, h: 0) == profile.value(1.7))
    // Short interval: the average of f over [u₋, u₋ + h] weighted by u/(u₋ + h/2) is f(u₋ + h/2) + O(h²).
    for h in [1e-9, 1e-6, 1e-3] {
      expectClose(profile.sphereAverage(uMinus: 2, h: h), profile.value(2 + h / 2), relative: h * h + 1e-14, "h = \(h)")
    }
    // r = r′ small: u₋ = 0, the average tends to f(0) = 1.
    expectClose(profile.sphereAverage(uMinus: 0, h: 1e-12), 1, relative: 1e-12)
    // Far from the centre: finite, positive and below f(u₋).
    let far = profile.sphereAverage(uMinus: 600, h: 1e6)
    #expect(far > 0 && far < profile.value(600) && far.isFinite)
    #expect(profile.sphereAverage(uMinus: 900, h: 1) == 0)
  }
}
