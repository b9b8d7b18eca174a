import Foundation
public import LinearAlgebra
public import Symmetries

/// Which average a ``HaarAveragedKernel`` takes: about a point (O(3), SO(3)) or about an axis
/// (O(2), SO(2)).
public enum HaarGeometry: Sendable, Hashable {
  /// Average over all rotations about the centre.
  case sphere
  /// Average over rotations about the unit axis through the centre.
  case cylinder(axis: [Double])
}

/// A radial kernel averaged over the Haar measure of O(3)/SO(3) about a centre, or of O(2)/SO(2)
/// about an axis through a centre: Gaussian, Laplacian, Matérn 3/2 or Matérn 5/2.
///
/// Averaging one argument over the group, ⟨k⟩(x, x′) = ∫ k(x, R x′) dR, is the continuous analogue
/// of the sum kernel (`SymmetrizedKernel`); it is positive semi-definite (a one-sided sum over
/// random rotations is not) and invariant: ⟨k⟩(g·x, g·x′) = ⟨k⟩(x, x′). For a radial kernel
/// κ(t), t = ‖x − R x′‖, only the orbit of x′ matters, and the reflections in O(n) map each orbit
/// to itself (−R x′ is uniform on the sphere when R x′ is; a reflection through a plane containing
/// the axis maps the circle to itself), so O(n) and SO(n) give the same kernel.
///
/// ```
/// O(3), SO(3):  r = |x − c|, r′ = |x′ − c|
///   ⟨k⟩ = (1/(2 r r′)) ∫_{|r − r′|}^{r + r′} κ(t) t dt          (κ(max(r, r′)) if r r′ = 0)
///   Gaussian:            exp(−(r − r′)²/(2σ²)) · (−expm1(−2a))/(2a),   a = r r′/σ²
///   P(u) e^(−u), u = t·rate:   e^(−u₋) Σ_j c_j γ(j + 1, h) / (h (u₋ + h/2)),
///                              u₋ = rate |r − r′|, h = 2 rate min(r, r′), c_j = Taylor coefficients of u P(u) at u₋
/// O(2), SO(2):  ρ = distance from the axis, z = coordinate along it
///   ⟨k⟩ = (1/2π) ∫₀^2π κ(√((z − z′)² + ρ² + ρ′² − 2ρρ′ cos φ)) dφ
///   Gaussian:  exp(−((ρ − ρ′)² + (z − z′)²)/(2σ²)) · I0e(ρρ′/σ²)
///   Laplacian, Matérn: trapezoidal rule or graded Gauss–Legendre panels with an a-priori bound
/// ```
///
/// (Laplacian: P = 1, rate = 1/σ; Matérn 3/2: P = 1 + u, rate = √3/σ; Matérn 5/2:
/// P = 1 + u + u²/3, rate = √5/σ.) The derivation, the stable evaluation and the quadrature's
/// node counts are in `ExponentialPolynomialProfile.swift` and `CylinderQuadrature.swift`, and in
/// Documentation/AugmentationRoutes.md.
///
/// ## Error Bounds
///
/// - Gaussian: closed forms, relative error a few ulps (I0e to 1e-16, see ``besselI0e(_:)``).
/// - Laplacian, Matérn, O(3)/SO(3): relative error ≤ (32 + 4u₊) · 2⁻⁵³ with u₊ = rate (r + r′)
///   (the u₊ term is the conditioning of e^(−u) itself), for values above 1e-290.
/// - Laplacian, Matérn, O(2)/SO(2): absolute error ≤ 5e-14 (the kernel's maximum is 1) whenever
///   rate² ρρ′ and rate² ((ρ − ρ′)² + (z − z′)²) are ≤ 1e20.
///
/// The same bounds hold for ``gradientMatrices(_:)``, which averages ∂κ/∂log σ the same way
/// (exactly for the Gaussian on the sphere, by a central difference with relative accuracy about
/// 1e-10 for the Gaussian about an axis). A Gram matrix's eigenvalues move by at most N times the
/// entry-wise error.
///
/// Hyperparameter: the base kernel's length scale σ (same units as the inputs).
///
/// ```swift
/// let o2 = try Rotations(.o2(axis: [0, 0, 1]))
/// let k = try HaarAveragedKernel(LaplacianKernel(lengthScale: 0.4), symmetry: o2)
/// k.value([1, 0, 0.5], [0, 1, 0.5])   // 0.1339546970463…: x′ is on x's orbit (ρ = ρ′ = 1, z = z′)
/// ```
///
/// - Complexity: per entry O(1) on the sphere; about an axis 20–26 profile evaluations on average
///   for hydrogen-like data (at most 40 per panel; see `CylinderQuadrature`), the Gaussian O(1). No
///   allocation per entry.
/// - References: arXiv 2605.28238, "Using a symmetry in a model"; L. N. Trefethen and
///   J. A. C. Weideman, SIAM Rev. 56, 385 (2014), doi:10.1137/130932132 (the trapezoidal rule's
///   bound); L. N. Trefethen, *Approximation Theory and Approximation Practice* (SIAM, 2013), ch. 19
///   (the Gauss–Legendre bound).
public struct HaarAveragedKernel<Base: HaarAverageableKernel>: Kernel, LengthScaleKernel {
  /// The radial kernel that is averaged.
  public var base: Base
  /// The geometry of the average.
  public let geometry: HaarGeometry
  /// The centre of the rotations (a point on the axis for O(2)).
  public let centre: [Double]

  /// Builds the Haar average of `base` for a continuous rotation group.
  ///
  /// - Parameters:
  ///   - base: The radial kernel (Gaussian, Laplacian, Matérn 3/2 or 5/2); its length scale must
  ///     be finite and > 0.
  ///   - symmetry: A `ContinuousLabelSymmetry` of kind O(3), SO(3), O(2) or SO(2) in 3 dimensions
  ///     (e.g. `Rotations`), exact.
  /// - Throws: `SymmetryError.routeNotApplicable` if `symmetry` is not a continuous rotation group in
  ///   three dimensions or is approximate (the message names the supported kinds);
  ///   `.invalidParameter` for a length scale that is not finite and positive.
  /// - Complexity: O(1).
  public init(_ base: Base, symmetry: some LabelSymmetry) throws(SymmetryError) {
    guard let continuous = symmetry as? any ContinuousLabelSymmetry, symmetry.dimension == 3 else {
      throw SymmetryError(.routeNotApplicable,
                          "The Haar-averaged \(Base.radialFamily) kernel supports O(3), SO(3) about a centre and O(2), "
                            + "SO(2) about an axis, in 3 dimensions; \(symmetry.name) (dimension \(symmetry.dimension)) "
                            + "is not one of them. For a finite group use the sum kernel (route .sumKernel) or explicit "
                            + "augmentation (route .augment).")
    }
    guard symmetry.isExact else {
      throw SymmetryError(.routeNotApplicable,
                          "The Haar-averaged kernel needs an exact symmetry, but \(symmetry.name) is approximate; use "
                            + "explicit augmentation (route .augment) instead.")
    }
    guard base.lengthScale.isFinite && base.lengthScale > 0 else {
      throw SymmetryError(.invalidParameter,
                          "The length scale is \(base.lengthScale); it must be a finite number > 0 (input units).",
                          value: base.lengthScale)
    }
    self.base = base
    self.centre = symmetry.centre
    switch continuous.kind {
    case .o3, .so3: geometry = .sphere
    case .o2(let axis), .so2(let axis):
      let n = axis.reduce(0) { $0 + $1 * $1 }.squareRoot()
      geometry = .cylinder(axis: axis.map { $0 / n })
    }
  }

  /// The length scale σ of ``base`` (units of the inputs).
  public var lengthScale: Double {
    get { base.lengthScale }
    set { base.lengthScale = newValue }
  }
  /// Bounds of the length scale for optimisers (those of ``base``).
  public var lengthScaleBounds: ClosedRange<Double> { base.lengthScaleBounds }
  /// Whether optimisers keep the length scale fixed (as ``base`` does).
  public var isLengthScaleFixed: Bool { base.isLengthScaleFixed }

  /// False: the kernel depends on the distances from the centre (or axis), not on x − x′.
  public var isStationary: Bool { false }
  /// False: invariant under the rotation group only, not under translations.
  public var isIsotropic: Bool { false }

  /// ⟨k⟩(x, y) for two points of dimension 3. Complexity: O(1) (sphere), O(m) profile evaluations (axis).
  public func value(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == 3 && y.count == 3, "HaarAveragedKernel needs points of dimension 3, got \(x.count) and \(y.count)")
    return fill(Matrix(rows: 1, columns: 3, elements: x), Matrix(rows: 1, columns: 3, elements: y), symmetric: false,
                derivative: false)[0, 0]
  }

  /// The Gram matrix, computed on the lower triangle and mirrored. Complexity: O(N d) plus N(N + 1)/2 entries.
  public func matrix(_ x: Matrix) -> Matrix { fill(x, x, symmetric: true, derivative: false) }

  /// The cross matrix [⟨k⟩(a_i, b_j)]. Complexity: O((N + M) d) plus N M entries.
  public func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix { fill(a, b, symmetric: false, derivative: false) }

  /// ⟨k⟩(x_i, x_i) (r = r′, or ρ = ρ′ and z = z′). Complexity: O(N) entries.
  public func diagonal(_ x: Matrix) -> [Double] {
    let (r, z) = invariants(x)
    var out = [Double](repeating: 0, count: x.rows)
    withEntry(derivative: false) { entry in
      for i in out.indices { out[i] = entry(r[i], z[i], r[i], z[i]) }
    }
    return out
  }

  /// ∂K/∂ log σ: the average of ∂κ/∂log σ (the base kernel's derivative profile), by the same
  /// closed form or quadrature as the kernel, so with the same error bounds; for the Gaussian about
  /// an axis a central difference in log σ (step 1e-5, relative accuracy about 1e-10).
  ///
  /// - Complexity: as ``matrix(_:)``.
  public func gradientMatrices(_ x: Matrix) -> [Matrix] {
    guard !isLengthScaleFixed else { return [] }
    if Base.radialFamily == .gaussian, case .cylinder = geometry {
      let h = 1e-5
      var plus = self, minus = self
      plus.lengthScale = lengthScale * exp(h)
      minus.lengthScale = lengthScale * exp(-h)
      var m = plus.matrix(x) - minus.matrix(x)
      m.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] /= 2 * h } }
      return [m]
    }
    return [fill(x, x, symmetric: true, derivative: true)]
  }

  /// Invariant coordinates of each row: (r, 0) for the sphere, (ρ, z) for the cylinder.
  func invariants(_ x: Matrix) -> (radial: [Double], axial: [Double]) {
    precondition(x.columns == 3, "HaarAveragedKernel needs 3 columns, got \(x.columns)")
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

  /// Calls `body` with the entry function (r, z, r′, z′) ↦ ⟨k⟩ (or ⟨∂k/∂log σ⟩) for this family and
  /// geometry; the cylinder quadrature's scratch space is allocated once, here.
  private func withEntry(derivative: Bool, _ body: ((Double, Double, Double, Double) -> Double) -> Void) {
    let s = lengthScale
    guard let (rateFactor, valueProfile) = Base.radialFamily.exponentialPolynomial else {
      let inverseS2 = 1 / (s * s)
      switch geometry {
      case .sphere:
        if derivative {
          body { r, _, r2, _ in GaussianHaarAverage.sphereLogDerivative(r, r2, inverseS2) }
        } else {
          body { r, _, r2, _ in GaussianHaarAverage.sphere(r, r2, inverseS2) }
        }
      case .cylinder:
        precondition(!derivative, "the Gaussian's axial derivative is a finite difference")
        body { r, z, r2, z2 in GaussianHaarAverage.cylinder(r, z, r2, z2, inverseS2) }
      }
      return
    }
    let profile = derivative ? valueProfile.logLengthScaleDerivative : valueProfile
    let rate = rateFactor / s
    switch geometry {
    case .sphere:
      body { r, _, r2, _ in profile.sphereAverage(uMinus: rate * abs(r - r2), h: 2 * rate * Swift.min(r, r2)) }
    case .cylinder:
      let rule = CylinderQuadrature.shared, rate2 = rate * rate
      withUnsafeTemporaryAllocation(of: Double.self, capacity: CylinderQuadrature.scratchCount) { scratch in
        body { r, z, r2, z2 in
          let dr = r - r2, dz = z - z2
          return rule.average(profile, v0: rate2 * (dr * dr + dz * dz), b: rate2 * (r * r2), scratch: scratch)
        }
      }
    }
  }

  private func fill(_ a: Matrix, _ b: Matrix, symmetric: Bool, derivative: Bool) -> Matrix {
    let (ra, za) = invariants(a)
    let (rb, zb) = symmetric ? (ra, za) : invariants(b)
    let n = a.rows, m = b.rows
    var out = Matrix(rows: n, columns: m)
    out.withUnsafeMutableBufferPointer { p in
      withEntry(derivative: derivative) { entry in
        for i in 0..<n {
          let upper = symmetric ? i + 1 : m
          for j in 0..<upper { p[i * m + j] = entry(ra[i], za[i], rb[j], zb[j]) }
        }
      }
    }
    if symmetric { out.symmetrizeFromLower() }
    return out
  }
}

extension HaarAveragedKernel: Equatable where Base: Equatable {}
extension HaarAveragedKernel: Hashable where Base: Hashable {}
