import LinearAlgebra

/// A potential energy surface: an energy as a function of a flat vector of coordinates.
///
/// Conform your own surface to use it wherever the package takes one (normal modes of water,
/// samplers). A conformer supplies ``dimension`` and ``energy(at:)``; ``gradient(at:)`` and
/// ``hessian(at:)`` have five-point central finite-difference defaults
/// (``finiteDifferenceGradient(at:step:)``, ``finiteDifferenceHessian(at:step:)``) with the
/// step ``defaultFiniteDifferenceStep``; override them when you have analytic derivatives.
///
/// Contract: `energy(at:)` is deterministic, defined in a neighbourhood of every point where
/// it succeeds (so finite differences make sense), and throws ``DatasetError`` for coordinates
/// outside its domain. Units are the conformer's to state; the water surfaces use bohr (or
/// radian) and hartree.
///
/// ```swift
/// struct Harmonic: PotentialEnergySurface {
///   var dimension: Int { 1 }
///   func energy(at x: [Double]) throws(DatasetError) -> Double { 0.5 * x[0] * x[0] }
/// }
/// try Harmonic().hessian(at: [0.3])   // 1 × 1, ≈ [[1.0]]
/// ```
public protocol PotentialEnergySurface: Sendable {
  /// Number of coordinates the surface takes.
  var dimension: Int { get }

  /// The energy at `coordinates` (`dimension` values).
  /// - Throws: ``DatasetError`` when the coordinates are outside the surface's domain.
  func energy(at coordinates: [Double]) throws(DatasetError) -> Double

  /// The gradient ∂V/∂xᵢ at `coordinates`.
  /// - Throws: ``DatasetError`` when an evaluation fails.
  func gradient(at coordinates: [Double]) throws(DatasetError) -> [Double]

  /// The Hessian ∂²V/∂xᵢ∂xⱼ at `coordinates` (`dimension` × `dimension`, symmetric).
  /// - Throws: ``DatasetError`` when an evaluation fails.
  func hessian(at coordinates: [Double]) throws(DatasetError) -> Matrix
}

extension PotentialEnergySurface {
  /// The step of the default derivatives, in the units of the coordinates: 1e-3.
  ///
  /// For the water surface in bohr the five-point Hessian with this step gives harmonic
  /// wavenumbers within about 1e-6 cm⁻¹ of the converged values (8e-7 measured).
  public static var defaultFiniteDifferenceStep: Double { 1e-3 }

  /// Five-point central finite-difference gradient with ``defaultFiniteDifferenceStep``.
  public func gradient(at coordinates: [Double]) throws(DatasetError) -> [Double] {
    try finiteDifferenceGradient(at: coordinates, step: Self.defaultFiniteDifferenceStep)
  }

  /// Five-point central finite-difference Hessian with ``defaultFiniteDifferenceStep``.
  public func hessian(at coordinates: [Double]) throws(DatasetError) -> Matrix {
    try finiteDifferenceHessian(at: coordinates, step: Self.defaultFiniteDifferenceStep)
  }

  /// The gradient by five-point central differences.
  ///
  /// ```
  /// ∂V/∂xᵢ ≈ [V(x − 2h eᵢ) − 8 V(x − h eᵢ) + 8 V(x + h eᵢ) − V(x + 2h eᵢ)] / (12 h)
  /// ```
  ///
  /// - Parameters:
  ///   - coordinates: the point (`dimension` values).
  ///   - step: h, in the units of the coordinates, > 0.
  /// - Returns: `dimension` partial derivatives.
  /// - Throws: ``DatasetError`` `.shapeMismatch` for a wrong number of coordinates,
  ///   `.invalidParameter` for a non-positive step, or any error of ``energy(at:)``.
  /// - Complexity: 4·`dimension` energy evaluations. Error O(h⁴) plus rounding ~ε|V|/h.
  public func finiteDifferenceGradient(at coordinates: [Double], step: Double) throws(DatasetError) -> [Double] {
    try checkDerivativeArguments(coordinates, step: step)
    var x = coordinates
    var g = [Double](repeating: 0, count: dimension)
    for i in 0..<dimension {
      var f = [Double](repeating: 0, count: 4)
      for (k, a) in [-2.0, -1, 1, 2].enumerated() {
        x[i] = coordinates[i] + a * step
        f[k] = try energy(at: x)
      }
      x[i] = coordinates[i]
      g[i] = ((f[0] - f[3]) + 8 * (f[2] - f[1])) / (12 * step)
    }
    return g
  }

  /// The Hessian by five-point central differences.
  ///
  /// ```
  /// ∂²V/∂xᵢ²   ≈ [−V(−2h) + 16 V(−h) − 30 V(0) + 16 V(+h) − V(+2h)] / (12 h²)
  /// ∂²V/∂xᵢ∂xⱼ ≈ Σ_{a,b ∈ {−2,−1,1,2}} w_a w_b V(x + a h eᵢ + b h eⱼ) / (144 h²),
  ///              w = (1, −8, 8, −1) for a = (−2, −1, 1, 2)
  /// ```
  ///
  /// - Parameters:
  ///   - coordinates: the point (`dimension` values).
  ///   - step: h, in the units of the coordinates, > 0.
  /// - Returns: the symmetric `dimension` × `dimension` Hessian.
  /// - Throws: as ``finiteDifferenceGradient(at:step:)``.
  /// - Complexity: 1 + 4n + 8n(n − 1) energy evaluations for n = `dimension`; error O(h⁴) plus
  ///   rounding ~ε|V|/h².
  public func finiteDifferenceHessian(at coordinates: [Double], step: Double) throws(DatasetError) -> Matrix {
    try checkDerivativeArguments(coordinates, step: step)
    let n = dimension
    let offsets: [Double] = [-2, -1, 1, 2]
    let weights: [Double] = [1, -8, 8, -1]
    var x = coordinates
    var h = Matrix(rows: n, columns: n)
    let center = try energy(at: coordinates)
    for i in 0..<n {
      var f = [Double](repeating: 0, count: 4)
      for k in 0..<4 {
        x[i] = coordinates[i] + offsets[k] * step
        f[k] = try energy(at: x)
      }
      x[i] = coordinates[i]
      h[i, i] = (16 * (f[1] + f[2]) - (f[0] + f[3]) - 30 * center) / (12 * step * step)
      for j in 0..<i {
        var sum = 0.0
        for a in 0..<4 {
          x[i] = coordinates[i] + offsets[a] * step
          var inner = 0.0
          for b in 0..<4 {
            x[j] = coordinates[j] + offsets[b] * step
            inner += weights[b] * (try energy(at: x))
          }
          sum += weights[a] * inner
        }
        x[i] = coordinates[i]
        x[j] = coordinates[j]
        let value = sum / (144 * step * step)
        h[i, j] = value
        h[j, i] = value
      }
    }
    return h
  }

  func checkDerivativeArguments(_ coordinates: [Double], step: Double) throws(DatasetError) {
    guard coordinates.count == dimension else {
      throw DatasetError(.shapeMismatch, "The surface takes \(dimension) coordinates, got \(coordinates.count); pass one point as a flat array of \(dimension) values.")
    }
    guard step > 0 && step.isFinite else {
      throw DatasetError(.invalidParameter, "Finite-difference step \(step) must be a positive finite number (typically 1e-4 … 1e-2 in the units of the coordinates).")
    }
  }
}

// MARK: - The water surface as a PotentialEnergySurface

extension PartridgeSchwenke: PotentialEnergySurface {
  /// Nine Cartesian coordinates in bohr: O, H₁, H₂.
  public var dimension: Int { 9 }

  /// V (hartree) at nine Cartesian coordinates in bohr (atoms O, H₁, H₂).
  /// - Throws: as ``energy(cartesian:unit:)``.
  public func energy(at coordinates: [Double]) throws(DatasetError) -> Double {
    try energy(cartesian: coordinates, unit: .bohr)
  }

  /// The same surface over internal coordinates (r₁ bohr, r₂ bohr, θ radian).
  public var internalCoordinates: InternalCoordinates { InternalCoordinates(surface: self) }

  /// The Partridge–Schwenke surface as a function of (r₁, r₂, θ): bohr, bohr, radian → hartree.
  ///
  /// Evaluates the internal-coordinate formula directly (no Cartesian round trip), so its
  /// values are the reference's to the last bit.
  public struct InternalCoordinates: PotentialEnergySurface {
    /// The underlying surface.
    public let surface: PartridgeSchwenke
    /// Three coordinates: r₁ (bohr), r₂ (bohr), θ (radian).
    public var dimension: Int { 3 }
    /// V (hartree) at [r₁, r₂, θ].
    /// - Throws: ``DatasetError`` `.shapeMismatch` unless 3 values; `.invalidGeometry` as
    ///   ``PartridgeSchwenke/energy(r1:r2:theta:)``.
    public func energy(at coordinates: [Double]) throws(DatasetError) -> Double {
      guard coordinates.count == 3 else {
        throw DatasetError(.shapeMismatch, "Internal coordinates of water are 3 values [r1 (bohr), r2 (bohr), theta (rad)], got \(coordinates.count).")
      }
      return try surface.energy(r1: coordinates[0], r2: coordinates[1], theta: coordinates[2])
    }
  }
}
