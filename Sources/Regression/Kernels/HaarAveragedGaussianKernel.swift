import Foundation
public import LinearAlgebra
public import Symmetries

/// The Gaussian kernel averaged in closed form over the Haar measure of O(3)/SO(3) about a centre,
/// or of O(2)/SO(2) about an axis through a centre.
///
/// Averaging one argument over the group, ⟨k⟩(x, x′) = ∫ k(x, R x′) dR, is the continuous analogue
/// of the sum kernel (`SymmetrizedKernel`); it is positive semi-definite (a one-sided sum over
/// random rotations is not). For the Gaussian kernel of length scale s both averages have closed
/// forms. The reflections in O(n) do not change the orbit, so O(n) and SO(n) give the same kernel.
///
/// ```
/// O(3), SO(3):  r = |x − c|, r′ = |x′ − c|, a = r r′ / s²
///   ⟨k⟩ = exp(−(r − r′)² / (2s²)) · (−expm1(−2a)) / (2a)          (→ exp(−(r − r′)²/(2s²)) as a → 0)
/// O(2), SO(2):  ρ = distance from the axis, z = coordinate along it, b = ρ ρ′ / s²
///   ⟨k⟩ = exp(−((ρ − ρ′)² + (z − z′)²) / (2s²)) · I0e(b),   I0e(b) = e^(−b) I₀(b)
/// ```
///
/// Both forms avoid overflow (no sinh or I₀ of a large argument).
///
/// Hyperparameter: the length scale s (same units as the inputs). Gradient matrices: exact for
/// O(3)/SO(3); for O(2)/SO(2) a central finite difference in log s (step 1e-5, relative accuracy
/// about 1e-10).
///
/// Reference: arXiv 2605.28238, "Using a symmetry in a model".
public struct HaarAveragedGaussianKernel: Kernel, LengthScaleKernel, Hashable {
  /// Which average: about a point (O(3), SO(3)) or about an axis (O(2), SO(2)).
  public enum Geometry: Sendable, Hashable {
    /// Average over all rotations about the centre.
    case sphere
    /// Average over rotations about the unit axis through the centre.
    case cylinder(axis: [Double])
  }

  /// The Gaussian length scale s (units of the inputs).
  public var lengthScale: Double
  /// Bounds of the length scale for optimisers.
  public var lengthScaleBounds: ClosedRange<Double>
  /// Whether optimisers keep the length scale fixed.
  public var isLengthScaleFixed: Bool
  /// The geometry of the average.
  public let geometry: Geometry
  /// The centre of the rotations (a point on the axis for O(2)).
  public let centre: [Double]

  /// Builds the Haar-averaged Gaussian kernel for a continuous rotation group.
  ///
  /// - Parameters:
  ///   - lengthScale: s > 0, in input units.
  ///   - symmetry: A `ContinuousLabelSymmetry` of kind O(3), SO(3), O(2) or SO(2) in 3 dimensions
  ///     (e.g. `Rotations`), exact.
  ///   - bounds: Length-scale bounds for optimisers.
  ///   - isFixed: Whether the length scale is fixed.
  /// - Throws: `SymmetryError.routeNotApplicable` if `symmetry` is not a continuous rotation group in
  ///   three dimensions or is approximate (the message names the supported kinds).
  /// - Complexity: O(1).
  public init(lengthScale: Double, symmetry: some LabelSymmetry, bounds: ClosedRange<Double> = 1e-5...1e5,
              isFixed: Bool = false) throws(SymmetryError) {
    guard let continuous = symmetry as? any ContinuousLabelSymmetry, symmetry.dimension == 3 else {
      throw SymmetryError(.routeNotApplicable,
                          "The Haar-averaged Gaussian kernel supports O(3), SO(3) about a centre and O(2), SO(2) about "
                            + "an axis, in 3 dimensions; \(symmetry.name) (dimension \(symmetry.dimension)) is not one "
                            + "of them. For a finite group use the sum kernel (route .sumKernel) or explicit "
                            + "augmentation (route .augment).")
    }
    guard symmetry.isExact else {
      throw SymmetryError(.routeNotApplicable,
                          "The Haar-averaged kernel needs an exact symmetry, but \(symmetry.name) is approximate; use "
                            + "explicit augmentation (route .augment) instead.")
    }
    guard lengthScale.isFinite && lengthScale > 0 else {
      throw SymmetryError(.invalidParameter,
                          "The length scale is \(lengthScale); it must be a finite number > 0 (input units).",
                          value: lengthScale)
    }
    self.lengthScale = lengthScale
    self.lengthScaleBounds = bounds
    self.isLengthScaleFixed = isFixed
    self.centre = symmetry.centre
    switch continuous.kind {
    case .o3, .so3: geometry = .sphere
    case .o2(let axis), .so2(let axis):
      let n = axis.reduce(0) { $0 + $1 * $1 }.squareRoot()
      geometry = .cylinder(axis: axis.map { $0 / n })
    }
  }

  /// Invariant coordinates of each row: (r, 0) for the sphere, (ρ, z) for the cylinder.
  func invariants(_ x: Matrix) -> (radial: [Double], axial: [Double]) {
    precondition(x.columns == 3, "HaarAveragedGaussianKernel needs 3 columns, got \(x.columns)")
    var radial = [Double](repeating: 0, count: x.rows), axial = radial
    let c = centre
    x.withUnsafeBufferPointer { p in
      for i in 0..<x.rows {
        let v0 = p[3 * i] - c[0], v1 = p[3 * i + 1] - c[1], v2 = p[3 * i + 2] - c[2]
        switch geometry {
        case .sphere:
          radial[i] = (v0 * v0 + v1 * v1 + v2 * v2).squareRoot()
        case .cylinder(let a):
          let z = v0 * a[0] + v1 * a[1] + v2 * a[2]
          let w0 = v0 - z * a[0], w1 = v1 - z * a[1], w2 = v2 - z * a[2]
          radial[i] = (w0 * w0 + w1 * w1 + w2 * w2).squareRoot()
          axial[i] = z
        }
      }
    }
    return (radial, axial)
  }

  /// The closed-form average for invariant coordinates (r, z) and (r′, z′).
  @inline(__always)
  func average(_ r: Double, _ z: Double, _ r2: Double, _ z2: Double, _ inverseS2: Double) -> Double {
    let dr = r - r2, dz = z - z2
    let a = r * r2 * inverseS2
    let gauss = exp(-0.5 * (dr * dr + dz * dz) * inverseS2)
    switch geometry {
    case .sphere: return a == 0 ? gauss : gauss * (-expm1(-2 * a)) / (2 * a)
    case .cylinder: return gauss * besselI0e(a)
    }
  }

  /// The exact log-length-scale derivative for the sphere (see `gradientMatrices`).
  @inline(__always)
  func sphereLogDerivative(_ r: Double, _ r2: Double, _ inverseS2: Double) -> Double {
    let dr = r - r2
    let a = r * r2 * inverseS2
    let gauss = exp(-0.5 * dr * dr * inverseS2)
    let h = a == 0 ? 1 : (-expm1(-2 * a)) / (2 * a)
    return gauss * (h * dr * dr * inverseS2 + 2 * h - 2 * exp(-2 * a))
  }

  /// ⟨k⟩(x, y) for two points of dimension 3. Complexity: O(1).
  public func value(_ x: [Double], _ y: [Double]) -> Double {
    let (r, z) = invariants(Matrix(rows: 2, columns: 3, elements: x + y))
    return average(r[0], z[0], r[1], z[1], 1 / (lengthScale * lengthScale))
  }

  /// The Gram matrix, computed on the lower triangle and mirrored. Complexity: O(N d + N²).
  public func matrix(_ x: Matrix) -> Matrix {
    fill(x, x, symmetric: true) { average($0, $1, $2, $3, $4) }
  }

  /// The cross matrix [⟨k⟩(a_i, b_j)]. Complexity: O((N + M) d + N M).
  public func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    fill(a, b, symmetric: false) { average($0, $1, $2, $3, $4) }
  }

  private func fill(_ a: Matrix, _ b: Matrix, symmetric: Bool,
                    _ f: (Double, Double, Double, Double, Double) -> Double) -> Matrix {
    let (ra, za) = invariants(a)
    let (rb, zb) = symmetric ? (ra, za) : invariants(b)
    let n = a.rows, m = b.rows
    let inv = 1 / (lengthScale * lengthScale)
    var out = Matrix(rows: n, columns: m)
    out.withUnsafeMutableBufferPointer { p in
      for i in 0..<n {
        let upper = symmetric ? i + 1 : m
        for j in 0..<upper { p[i * m + j] = f(ra[i], za[i], rb[j], zb[j], inv) }
      }
    }
    if symmetric { out.symmetrizeFromLower() }
    return out
  }

  /// ⟨k⟩(x_i, x_i) = (1 − e^(−2r²/s²))/(2r²/s²) (sphere) or I0e(ρ²/s²) (cylinder). Complexity: O(N).
  public func diagonal(_ x: Matrix) -> [Double] {
    let (r, z) = invariants(x)
    let inv = 1 / (lengthScale * lengthScale)
    return (0..<x.rows).map { average(r[$0], z[$0], r[$0], z[$0], inv) }
  }

  /// ∂K/∂ log s.
  ///
  /// Sphere, exact: with g = exp(−(r − r′)²/(2s²)) and h(a) = (1 − e^(−2a))/(2a),
  /// ```
  /// ∂⟨k⟩/∂ log s = g · [h (r − r′)²/s² + 2h − 2 e^(−2a)]
  /// ```
  /// Cylinder: central finite difference in log s with step 1e-5.
  ///
  /// - Complexity: O(N²).
  public func gradientMatrices(_ x: Matrix) -> [Matrix] {
    guard !isLengthScaleFixed else { return [] }
    switch geometry {
    case .sphere:
      return [fill(x, x, symmetric: true) { r, _, r2, _, inv in sphereLogDerivative(r, r2, inv) }]
    case .cylinder:
      let h = 1e-5
      var plus = self, minus = self
      plus.lengthScale = lengthScale * exp(h)
      minus.lengthScale = lengthScale * exp(-h)
      var m = plus.matrix(x) - minus.matrix(x)
      m.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] /= 2 * h } }
      return [m]
    }
  }

  /// False: the kernel depends on the distances from the centre (or axis), not on x − x′.
  public var isStationary: Bool { false }
  /// False: invariant under the rotation group only, not under translations.
  public var isIsotropic: Bool { false }
}
