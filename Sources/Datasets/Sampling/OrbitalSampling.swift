import Foundation
import LinearAlgebra

/// Seeded samplers of hydrogen-orbital densities: points (x, y, z) in bohr labelled by
/// ρ(x, y, z) in bohr⁻³.
///
/// Three point distributions (``Region``):
///
/// ```
/// ball(radius: R):          uniform in |x| ≤ R:            x = R·U^(1/3)·ω̂
/// cube(halfWidth: h):       uniform in [−h, h]³:            xᵢ = h·(2Uᵢ − 1)
/// radialWeighted(scale: s): x = r·ω̂,  r ~ Gamma(shape 2n + 1, scale s·n/2),
///                           p(r) ∝ r^(2n) e^(−2r/(s·n))
/// ```
///
/// with U uniform on [0, 1) and ω̂ a uniform direction (a normalized standard-normal triple).
/// For s = 1 the radial law is the orbital's own radial distribution r² R_nl(r)² when
/// l = n − 1 (1s, 2p, 3d, 4f: nodeless), and otherwise has the same exponential decay and
/// leading power (it fills in the radial nodes), so points concentrate where the density
/// lives; mean radius s·n(2n + 1)/2 bohr. Directions are uniform, so the points are *not*
/// distributed like ρ itself. The radial draw is the sum of 2n + 1 exponential draws.
///
/// ```swift
/// var g = SeededGenerator(seed: 1)
/// let sampler = try OrbitalSampler(orbital: HydrogenOrbital(name: "2p_z"), region: .ball(radius: 10))
/// let data = try sampler.sample(count: 1000, using: &g)   // 1000 × 3 inputs, densities as labels
/// ```
///
/// Draw order (for reproducibility): sample by sample; for the ball, three normals for the
/// direction (redrawn if all three are below 1e-150 in size) then one uniform; for the
/// cube, three uniforms (x, y, z); for the radial law, three normals then 2n + 1 uniforms.
public struct OrbitalSampler: Sendable, Hashable {
  /// Where the points are drawn.
  public enum Region: Sendable, Hashable {
    /// Uniform in the ball of this radius (bohr) about the nucleus.
    case ball(radius: Double)
    /// Uniform in the cube [−halfWidth, halfWidth]³ (bohr).
    case cube(halfWidth: Double)
    /// Uniform directions, radius r ~ Gamma(2n + 1, scale·n/2) (see ``OrbitalSampler``).
    case radialWeighted(scale: Double)
  }

  /// The orbital whose density labels the points.
  public let orbital: HydrogenOrbital
  /// The point distribution.
  public let region: Region

  /// A sampler.
  /// - Throws: `DatasetError` (`invalidParameter`) when the radius, half-width or scale is
  ///   not a positive finite number.
  public init(orbital: HydrogenOrbital, region: Region) throws(DatasetError) {
    let (label, size): (String, Double) = switch region {
    case .ball(let r): ("ball radius", r)
    case .cube(let h): ("cube half-width", h)
    case .radialWeighted(let s): ("radial scale", s)
    }
    guard size.isFinite && size > 0 else {
      throw DatasetError(.invalidParameter, "\(label) \(size) is not a positive finite number; expected a size > 0 (bohr for the ball and cube, a dimensionless factor for the radial scale, 1 by default)")
    }
    self.orbital = orbital
    self.region = region
  }

  /// The mean distance from the nucleus of the point distribution, in bohr:
  /// 3R/4 (ball), ≈ 0.9605·h (cube, numerically), s·n(2n + 1)/2 (radial).
  public var meanRadius: Double {
    switch region {
    case .ball(let r): 0.75 * r
    case .cube(let h): 0.960_591_956_455_052_9 * h
    case .radialWeighted(let s): s * Double(orbital.n * (2 * orbital.n + 1)) / 2
    }
  }

  /// Draws `count` points and labels each with the orbital's density.
  ///
  /// - Parameters:
  ///   - count: Number of samples, ≥ 0.
  ///   - generator: The random source (pass a `SeededGenerator` for reproducible data).
  /// - Returns: A `Dataset` with `count` × 3 inputs (bohr) and densities (bohr⁻³) as labels.
  /// - Throws: `DatasetError` (`invalidParameter`) for a negative count, or one whose samples
  ///   would not fit in the memory budget (`MemoryBudget.bytes`).
  /// - Complexity: O(count · n).
  public func sample(count: Int, using generator: inout some RandomNumberGenerator) throws(DatasetError) -> Dataset {
    guard count >= 0 else {
      throw DatasetError(.invalidParameter, "sample count \(count) is negative; expected a count ≥ 0")
    }
    try DatasetError.checkSampleCount(count, columns: 4)
    var points = [Double](repeating: 0, count: 3 * count)
    var labels = [Double](repeating: 0, count: count)
    let shape = 2 * orbital.n + 1
    for i in 0..<count {
      let p: SIMD3<Double>
      switch region {
      case .ball(let radius):
        let u = Self.direction(&generator)
        p = u * (radius * Foundation.cbrt(generator.uniform()))
      case .cube(let h):
        let x = generator.uniform(-h, h), y = generator.uniform(-h, h), z = generator.uniform(-h, h)
        p = SIMD3(x, y, z)
      case .radialWeighted(let s):
        let u = Self.direction(&generator)
        var sum = 0.0
        for _ in 0..<shape { sum -= log1p(-generator.uniform()) }
        p = u * (sum * s * Double(orbital.n) / 2)
      }
      points[3 * i] = p.x
      points[3 * i + 1] = p.y
      points[3 * i + 2] = p.z
      labels[i] = orbital.density(at: p)
    }
    return Dataset(checkedInputs: Matrix(rows: count, columns: 3, elements: points), labels: labels)
  }

  /// A uniform direction: a normalized standard-normal triple.
  static func direction(_ g: inout some RandomNumberGenerator) -> SIMD3<Double> {
    while true {
      let v = SIMD3(g.gaussian(), g.gaussian(), g.gaussian())
      let norm = (v * v).sum().squareRoot()
      if norm > 1e-150 { return v / norm }
    }
  }
}
