import Foundation

/// The Partridge–Schwenke (1997) potential energy surface of the water molecule, in hartree.
///
/// A mass-independent ground-state surface of H₂O: a Morse term for each O–H bond, an
/// exponential H–H repulsion and a damped three-body polynomial in the two bond lengths and
/// the cosine of the angle, fitted to ab initio energies and adjusted to spectroscopic data.
/// This implementation follows the authors' Fortran routine operation by operation (no fused
/// multiply-add, the same order of additions), so it reproduces the compiled reference to the
/// last bits on x86-64 with glibc.
///
/// ```
/// r_ref = reoh / a,  c_ref = cos(thetae),  x₁ = (r₁ − r_ref)/r_ref,  x₂ = (r₂ − r_ref)/r_ref,
/// x₃ = cos θ − c_ref,  r_HH² = r₁² + r₂² − 2 r₁ r₂ cos θ
///
/// V = S · G + C₁ + V_OH(r₁) + V_OH(r₂) + A e^(−b r_HH)
/// S = Σ_{i≥2} C_i (x₁^p x₂^q + x₁^q x₂^p) x₃^s,   G = exp(−β[(r₁ − r_ref)² + (r₂ − r_ref)²])
/// V_OH(r) = D e (e − 2),  e = exp(−α (r − r_M))
/// ```
///
/// The energy zero is **not** the minimum: at the minimum (r₁ = r₂ ≈ 1.81005 bohr,
/// θ ≈ 104.508°) the surface is about −1.911e-6 hartree. Subtract the value at the minimum
/// (``WaterEquilibrium``) when you need energies above equilibrium.
///
/// Units: bond lengths in bohr, angles in radians, energies in hartree. The fit was made in
/// ångström and cm⁻¹; the conversions use the routine's fixed constants
/// a = 0.529177249 Å/bohr (``WaterGeometry/angstromPerBohr``) and κ = 4.556335e-6 hartree/cm⁻¹
/// (``hartreePerWavenumber``), not CODATA values.
///
/// ```swift
/// let pes = PartridgeSchwenke()
/// try pes.energy(r1: 1.8, r2: 1.8, theta: 1.8)   // 1.152184307655441e-04 hartree
/// ```
///
/// ## Mathematical properties
/// V(r₁, r₂, θ) = V(r₂, r₁, θ); in floating point the two Morse terms are added in a fixed
/// order, so swapping the bonds can change the last bit (≤ ~1e-16 hartree). Through the
/// Cartesian interface (``PartridgeSchwenke/energy(cartesian:unit:)``) V is invariant under
/// rotations, translations, inversion, reflections and exchange of the hydrogens.
///
/// ## Error bounds
/// Near the minimum a constant of +0.385 hartree and two Morse terms of −0.19 hartree nearly
/// cancel, so the absolute rounding noise of V is about 1e-16 hartree everywhere; compare
/// energies with an absolute tolerance.
///
/// Reference: H. Partridge and D. W. Schwenke, "The determination of an accurate isotope
/// dependent potential energy surface for water from extensive ab initio calculations and
/// experimental data", J. Chem. Phys. 106, 4618 (1997), doi:10.1063/1.473987.
/// Non-goals: the mass-dependent (HDO, D₂O) terms of the later revision, which cancel for H₂¹⁶O.
public struct PartridgeSchwenke: Sendable {
  /// The routine's fixed energy conversion κ, hartree per cm⁻¹ (not the CODATA value).
  public static let hartreePerWavenumber: Double = 4.556335e-6

  /// Reference bond length r_ref of the expansion variables (bohr); not the minimum.
  let referenceBondLength: Double
  /// Damping exponent β (bohr⁻²).
  let dampingExponent: Double
  /// cos θ_ref of the expansion variable x₃; θ_ref is not the minimum.
  let referenceCosine: Double
  /// C₁ (hartree), already doubled.
  let constantTerm: Double
  /// Morse depth D (hartree), range α (bohr⁻¹), position r_M (bohr).
  let morseDepth: Double, morseRange: Double, morsePosition: Double
  /// H–H repulsion prefactor A (hartree) and exponent b (bohr⁻¹).
  let repulsionPrefactor: Double, repulsionExponent: Double
  /// C_i (hartree) for rows 2…245, in source order.
  let coefficients: [Double]
  /// For each row 2…245, five offsets into the power table (see `polynomialSum`):
  /// x₁^p, x₂^q, x₁^q, x₂^p, x₃^s.
  let powerOffsets: [Int32]

  /// Number of powers stored per variable (x^0 … x^14).
  static let powerCount = 15

  /// The surface, with its derived constants computed once from the published table.
  ///
  /// - Complexity: O(245); build one and reuse it (it is a cheap `Sendable` value).
  public init() {
    typealias P = PartridgeSchwenkeCoefficients
    let a = WaterGeometry.angstromPerBohr
    let kappa = Self.hartreePerWavenumber
    let degree = acos(-1.0) / 180
    referenceBondLength = P.reoh / a
    dampingExponent = (P.b1 * a) * a
    referenceCosine = cos(P.thetae * degree)
    var c = [Double](repeating: 0, count: P.rowCount)
    for i in 0..<P.rowCount {
      let f5z = P.f5z * P.c5z[i]
      let fbasis = P.fbasis * P.cbasis[i]
      let fcore = P.fcore * P.ccore[i]
      let frest = P.frest * P.crest[i]
      let sum = ((f5z + fbasis) + fcore) + frest
      c[i] = kappa * sum
    }
    constantTerm = 2 * c[0]
    coefficients = Array(c[1...])
    morseDepth = kappa * (P.f5z * P.deoh)
    morseRange = P.alphaoh * a
    morsePosition = P.roh / a
    repulsionPrefactor = kappa * ((P.f5z * P.phh1) * exp(P.phh2))
    repulsionExponent = P.phh2 * a
    let n = Self.powerCount
    var offsets: [Int32] = []
    offsets.reserveCapacity(5 * (P.rowCount - 1))
    for i in 1..<P.rowCount {
      let p = Int(P.powers[3 * i]), q = Int(P.powers[3 * i + 1]), s = Int(P.powers[3 * i + 2])
      offsets += [Int32(p), Int32(n + q), Int32(q), Int32(n + p), Int32(2 * n + s)]
    }
    powerOffsets = offsets
  }
}

// MARK: - Evaluation

extension PartridgeSchwenke {
  /// The pieces of V at one geometry, for debugging and documentation.
  public struct EnergyComponents: Sendable, Equatable {
    /// The undamped three-body sum S (hartree).
    public var threeBodySum: Double
    /// The damping factor G (dimensionless).
    public var damping: Double
    /// The constant C₁, doubled (hartree).
    public var constant: Double
    /// Morse terms V_OH(r₁) and V_OH(r₂) (hartree).
    public var morse1: Double, morse2: Double
    /// H–H repulsion V_HH (hartree).
    public var repulsion: Double
    /// V = S·G + C₁ + V_OH(r₁) + V_OH(r₂) + V_HH, added left to right (hartree).
    public var total: Double { threeBodySum * damping + constant + morse1 + morse2 + repulsion }
  }

  /// The energy without any input check: the fast path for validated data.
  ///
  /// Allocation-free (the power table lives on the stack).
  ///
  /// - Parameters:
  ///   - r1: O–H₁ distance (bohr), must be positive.
  ///   - r2: O–H₂ distance (bohr), must be positive.
  ///   - cosTheta: cosine of the H₁–O–H₂ angle, in [−1, 1).
  /// - Returns: V in hartree. Garbage in, garbage out (NaN for NaN input).
  /// - Complexity: O(245) multiply–adds and four exponentials: about 2 million energies per
  ///   second on one x86-64 core in an optimised build (measured with `swiftc -O`, 2026-11).
  @inlinable
  public func uncheckedEnergy(r1: Double, r2: Double, cosTheta: Double) -> Double {
    components(r1: r1, r2: r2, cosTheta: cosTheta).total
  }

  /// The pieces of V (no input check), in the reference's order of operations.
  /// - Parameters: as in ``uncheckedEnergy(r1:r2:cosTheta:)``.
  @usableFromInline
  func components(r1: Double, r2: Double, cosTheta: Double) -> EnergyComponents {
    let rRef = referenceBondLength
    let x1 = (r1 - rRef) / rRef
    let x2 = (r2 - rRef) / rRef
    let x3 = cosTheta - referenceCosine
    let rHH = ((r1 * r1 + r2 * r2) - ((2 * r1) * r2) * cosTheta).squareRoot()
    let repulsion = repulsionPrefactor * exp(-repulsionExponent * rHH)
    let e1 = exp(-morseRange * (r1 - morsePosition))
    let morse1 = (morseDepth * e1) * (e1 - 2)
    let e2 = exp(-morseRange * (r2 - morsePosition))
    let morse2 = (morseDepth * e2) * (e2 - 2)
    let s = polynomialSum(x1, x2, x3)
    let d1 = r1 - rRef, d2 = r2 - rRef
    let g = exp(-dampingExponent * (d1 * d1 + d2 * d2))
    return EnergyComponents(threeBodySum: s, damping: g, constant: constantTerm,
                            morse1: morse1, morse2: morse2, repulsion: repulsion)
  }

  /// S = Σ_{i≥2} (C_i (x₁^p x₂^q + x₁^q x₂^p)) x₃^s, summed in source order.
  @usableFromInline
  func polynomialSum(_ x1: Double, _ x2: Double, _ x3: Double) -> Double {
    let n = Self.powerCount
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * n) { pw in
      pw[0] = 1; pw[n] = 1; pw[2 * n] = 1
      for k in 1..<n {
        pw[k] = pw[k - 1] * x1
        pw[n + k] = pw[n + k - 1] * x2
        pw[2 * n + k] = pw[2 * n + k - 1] * x3
      }
      return coefficients.withUnsafeBufferPointer { c in
        powerOffsets.withUnsafeBufferPointer { o in
          var sum = 0.0
          for i in 0..<c.count {
            let j = 5 * i
            let bracket = pw[Int(o[j])] * pw[Int(o[j + 1])] + pw[Int(o[j + 2])] * pw[Int(o[j + 3])]
            sum += (c[i] * bracket) * pw[Int(o[j + 4])]
          }
          return sum
        }
      }
    }
  }
}

// MARK: - Validated entry points

extension PartridgeSchwenke {
  /// The energy at internal coordinates, after checking them.
  ///
  /// ```swift
  /// try PartridgeSchwenke().energy(r1: 1.7, r2: 2.0, theta: 1.6)   // 1.5295657472602482e-02
  /// ```
  ///
  /// - Parameters:
  ///   - r1: O–H₁ distance (bohr), > 0.
  ///   - r2: O–H₂ distance (bohr), > 0.
  ///   - theta: H₁–O–H₂ angle (radian), in (0, π].
  /// - Returns: V in hartree (the zero is not the minimum; see the type's discussion).
  /// - Throws: ``DatasetError`` `.invalidGeometry` naming every bad value, its valid range and
  ///   the unit expected, or the geometry when the expansion overflows (r = 1e300 bohr).
  /// - Complexity: O(245).
  public func energy(r1: Double, r2: Double, theta: Double) throws(DatasetError) -> Double {
    try Self.validate(r1: r1, r2: r2, theta: theta)
    let e = uncheckedEnergy(r1: r1, r2: r2, cosTheta: cos(theta))
    guard e.isFinite else {
      throw DatasetError(.invalidGeometry, "Invalid water geometry: at (r1, r2, theta) = (\(r1 + 0.0) bohr, \(r2 + 0.0) bohr, \(theta + 0.0) rad) the surface's expansion does not give a finite energy (bond lengths far outside a molecule overflow it); pass bond lengths of a water molecule, about 1 to 10 bohr.")
    }
    return e
  }

  /// The pieces S, G, C₁, V_OH(r₁), V_OH(r₂), V_HH at internal coordinates (checked).
  /// - Throws: as ``energy(r1:r2:theta:)``.
  public func energyComponents(r1: Double, r2: Double, theta: Double) throws(DatasetError) -> EnergyComponents {
    try Self.validate(r1: r1, r2: r2, theta: theta)
    return components(r1: r1, r2: r2, cosTheta: cos(theta))
  }

  /// The energy of a Cartesian geometry: atoms O, H₁, H₂ as x, y, z triples.
  ///
  /// r₁ = |h₁ − o|, r₂ = |h₂ − o|, cos θ = (h₁ − o)·(h₂ − o)/(r₁ r₂), clamped to [−1, 1]; the
  /// angle itself is never formed, so results differ from the internal-coordinate entry point
  /// only in the last bits.
  ///
  /// - Parameters:
  ///   - cartesian: nine coordinates, O then H₁ then H₂.
  ///   - unit: `.bohr` or `.angstrom` (converted with the routine's a = 0.529177249 Å/bohr).
  /// - Returns: V in hartree.
  /// - Throws: ``DatasetError`` `.shapeMismatch` unless there are 9 coordinates;
  ///   `.invalidGeometry` for non-finite coordinates, an H on top of the O, or θ = 0.
  /// - Complexity: O(245).
  public func energy(cartesian: [Double], unit: WaterGeometry.LengthUnit = .bohr) throws(DatasetError) -> Double {
    let g = try WaterGeometry(cartesian: cartesian, unit: unit)
    return uncheckedEnergy(r1: g.r1, r2: g.r2, cosTheta: g.cosTheta)
  }

  /// The energy of a geometry (no further checks: a `WaterGeometry` is valid by construction).
  public func energy(_ geometry: WaterGeometry) -> Double {
    uncheckedEnergy(r1: geometry.r1, r2: geometry.r2, cosTheta: geometry.cosTheta)
  }

  /// Checks internal coordinates, reporting every problem at once.
  static func validate(r1: Double, r2: Double, theta: Double) throws(DatasetError) {
    var problems: [String] = []
    if !(r1.isFinite && r2.isFinite && theta.isFinite) {
      problems.append("geometry (r1, r2, theta) = (\(r1), \(r2), \(theta)) is not finite; pass finite bond lengths in bohr and an angle in radians")
    }
    for (name, r) in [("r1", r1), ("r2", r2)] where r.isFinite && r <= 0 {
      problems.append("bond length \(name) = \(r) bohr is not positive; it must be > 0 bohr (about 1.81 at equilibrium; divide ångström by 0.529177249)")
    }
    if theta.isFinite && !(theta > 0 && theta <= Double.pi) {
      problems.append("angle theta = \(theta) rad is outside (0, π] = (0, \(Double.pi)] rad; pass the H–O–H angle in radians (degrees × π/180)")
    }
    guard problems.isEmpty else {
      throw DatasetError(.invalidGeometry, "Invalid water geometry: " + problems.joined(separator: "; ") + ".")
    }
  }
}
