import Foundation

/// The equilibrium (minimum-energy) geometry of a water surface, found by minimisation.
///
/// The minimum of a water surface is symmetric (r₁ = r₂ = r), so the search runs over (r, θ)
/// only: Newton's method with a five-point finite-difference gradient and Hessian
/// (steps 1e-3 bohr and 1e-3 rad), started at r = 1.81 bohr, θ = 104.5°, iterated until the
/// Newton step is below 1e-12. The result is checked against the full Cartesian gradient.
///
/// ```
/// minimise V(r, r, θ) over (r, θ);   ‖∇ₓV‖∞ < 1e-10 hartree/bohr at the result
/// ```
///
/// For the Partridge–Schwenke surface: r ≈ 1.81005 bohr, θ ≈ 104.508°, V ≈ −1.911e-6 hartree.
///
/// ```swift
/// let e = try WaterEquilibrium(surface: PartridgeSchwenke())
/// e.bondLength      // ≈ 1.81005 bohr
/// e.angle * 180 / .pi   // ≈ 104.508
/// ```
public struct WaterEquilibrium: Sendable {
  /// The equilibrium geometry in the standard frame of ``WaterGeometry``.
  public let geometry: WaterGeometry
  /// V at the minimum (hartree), on the surface's own energy zero.
  public let energy: Double
  /// r₁ = r₂ at the minimum (bohr).
  public let bondLength: Double
  /// θ at the minimum (radian).
  public let angle: Double
  /// The largest component of the Cartesian gradient at the minimum (hartree/bohr), from
  /// five-point differences with step 1e-3 bohr.
  public let gradientNorm: Double

  /// Finds the minimum of a water surface.
  ///
  /// - Parameters:
  ///   - surface: a surface over nine Cartesian coordinates in bohr (atoms O, H₁, H₂), hartree.
  ///   - bondLength: starting r (bohr). Default 1.81.
  ///   - angle: starting θ (radian). Default 104.5°.
  /// - Throws: ``DatasetError`` `.shapeMismatch` unless `surface.dimension == 9`;
  ///   `DatasetError.Code("notConverged")` when Newton's method does not reach a minimum with
  ///   gradient below 1e-10 hartree/bohr within 50 iterations (start closer to the minimum);
  ///   any error of the surface.
  /// - Complexity: a few hundred energy evaluations.
  public init(surface: some PotentialEnergySurface, bondLength: Double = 1.81, angle: Double = 104.5 * Double.pi / 180) throws(DatasetError) {
    guard surface.dimension == 9 else {
      throw DatasetError(.shapeMismatch, "A water surface takes 9 Cartesian coordinates (O, H, H in bohr), this one takes \(surface.dimension); wrap your surface so that it reads [Ox, Oy, Oz, H1x, H1y, H1z, H2x, H2y, H2z].")
    }
    let reduced = SymmetricWater(surface: surface)
    var x = [bondLength, angle]
    var converged = false
    for _ in 0..<50 {
      let g = try reduced.finiteDifferenceGradient(at: x, step: 1e-3)
      let h = try reduced.finiteDifferenceHessian(at: x, step: 1e-3)
      let det = h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0]
      guard det > 0 && h[0, 0] > 0 else { break }
      let step = [(h[1, 1] * g[0] - h[0, 1] * g[1]) / det, (h[0, 0] * g[1] - h[1, 0] * g[0]) / det]
      x = [x[0] - step[0], x[1] - step[1]]
      if abs(step[0]) < 1e-12 && abs(step[1]) < 1e-12 { converged = true; break }
    }
    let geometry = try WaterGeometry(r1: x[0], r2: x[0], theta: x[1])
    let cartesianGradient = try surface.finiteDifferenceGradient(at: geometry.cartesian, step: 1e-3)
    let norm = cartesianGradient.map(abs).max() ?? 0
    guard converged && norm < 1e-10 else {
      throw DatasetError(DatasetError.Code("notConverged"), "The search for the water minimum did not converge from r = \(bondLength) bohr, θ = \(angle) rad: it stopped at r = \(x[0]) bohr, θ = \(x[1]) rad with largest gradient component \(norm) hartree/bohr (needed < 1e-10); start closer to the minimum or check that the surface is smooth there.")
    }
    self.geometry = geometry
    self.energy = try surface.energy(at: geometry.cartesian)
    self.bondLength = x[0]
    self.angle = x[1]
    self.gradientNorm = norm
  }
}

/// A water surface restricted to symmetric geometries, as a function of (r, θ).
struct SymmetricWater<Surface: PotentialEnergySurface>: PotentialEnergySurface {
  let surface: Surface
  var dimension: Int { 2 }
  func energy(at x: [Double]) throws(DatasetError) -> Double {
    try surface.energy(at: try WaterGeometry(r1: x[0], r2: x[0], theta: x[1]).cartesian)
  }
}
