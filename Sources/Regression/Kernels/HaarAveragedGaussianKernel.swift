import Foundation
public import Symmetries

/// The Gaussian kernel averaged in closed form over the Haar measure of O(3)/SO(3) about a centre,
/// or of O(2)/SO(2) about an axis through a centre: ``HaarAveragedKernel`` of a ``GaussianKernel``.
///
/// ```
/// O(3), SO(3):  r = |x − c|, r′ = |x′ − c|, a = r r′ / s²
///   ⟨k⟩ = exp(−(r − r′)² / (2s²)) · (−expm1(−2a)) / (2a)          (→ exp(−(r − r′)²/(2s²)) as a → 0)
/// O(2), SO(2):  ρ = distance from the axis, z = coordinate along it, b = ρ ρ′ / s²
///   ⟨k⟩ = exp(−((ρ − ρ′)² + (z − z′)²) / (2s²)) · I0e(b),   I0e(b) = e^(−b) I₀(b)
/// ```
///
/// Both forms avoid overflow (no sinh or I₀ of a large argument). Gradient matrices: exact for
/// O(3)/SO(3); for O(2)/SO(2) a central finite difference in log s (step 1e-5, relative accuracy
/// about 1e-10).
///
/// Reference: arXiv 2605.28238, "Using a symmetry in a model".
public typealias HaarAveragedGaussianKernel = HaarAveragedKernel<GaussianKernel>

extension HaarAveragedKernel where Base == GaussianKernel {
  /// Builds the Haar-averaged Gaussian kernel for a continuous rotation group.
  ///
  /// - Parameters:
  ///   - lengthScale: s > 0, in input units.
  ///   - symmetry: A `ContinuousLabelSymmetry` of kind O(3), SO(3), O(2) or SO(2) in 3 dimensions
  ///     (e.g. `Rotations`), exact.
  ///   - bounds: Length-scale bounds for optimisers.
  ///   - isFixed: Whether the length scale is fixed.
  /// - Throws: `SymmetryError.routeNotApplicable` if `symmetry` is not a continuous rotation group in
  ///   three dimensions or is approximate (the message names the supported kinds);
  ///   `.invalidParameter` for a length scale that is not finite and positive.
  /// - Complexity: O(1).
  public init(lengthScale: Double, symmetry: some LabelSymmetry, bounds: ClosedRange<Double> = 1e-5...1e5,
              isFixed: Bool = false) throws(SymmetryError) {
    try self.init(GaussianKernel(lengthScale: lengthScale, bounds: bounds, isFixed: isFixed), symmetry: symmetry)
  }
}

/// The Gaussian kernel's Haar averages in closed form (see ``HaarAveragedGaussianKernel``), for
/// invariant coordinates and 1/s².
enum GaussianHaarAverage {
  /// O(3): exp(−(r − r′)²/(2s²)) · (−expm1(−2a))/(2a), a = r r′/s².
  @inline(__always)
  static func sphere(_ r: Double, _ r2: Double, _ inverseS2: Double) -> Double {
    let dr = r - r2
    let a = r * r2 * inverseS2
    let gauss = exp(-0.5 * dr * dr * inverseS2)
    return a == 0 ? gauss : gauss * (-expm1(-2 * a)) / (2 * a)
  }

  /// O(2): exp(−((ρ − ρ′)² + (z − z′)²)/(2s²)) · I0e(ρρ′/s²).
  @inline(__always)
  static func cylinder(_ r: Double, _ z: Double, _ r2: Double, _ z2: Double, _ inverseS2: Double) -> Double {
    let dr = r - r2, dz = z - z2
    return exp(-0.5 * (dr * dr + dz * dz) * inverseS2) * besselI0e(r * r2 * inverseS2)
  }

  /// ∂/∂log s of the O(3) average: with g = exp(−(r − r′)²/(2s²)) and h(a) = (1 − e^(−2a))/(2a),
  /// g · [h (r − r′)²/s² + 2h − 2 e^(−2a)].
  @inline(__always)
  static func sphereLogDerivative(_ r: Double, _ r2: Double, _ inverseS2: Double) -> Double {
    let dr = r - r2
    let a = r * r2 * inverseS2
    let gauss = exp(-0.5 * dr * dr * inverseS2)
    let h = a == 0 ? 1 : (-expm1(-2 * a)) / (2 * a)
    return gauss * (h * dr * dr * inverseS2 + 2 * h - 2 * exp(-2 * a))
  }
}
