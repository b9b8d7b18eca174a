import Foundation
import LinearAlgebra

/// Harmonic normal-mode analysis of H₂¹⁶O on a water surface, with dimensionless normal
/// coordinates.
///
/// From the equilibrium geometry (``WaterEquilibrium``) and its 9 × 9 Cartesian Hessian
/// (five-point finite differences, step 1e-3 bohr), the Hessian is mass-weighted, the three
/// translations and three rotations are projected out, and the result is diagonalised with
/// LAPACK (`SymmetricEigendecomposition`):
///
/// ```
/// F = M^(−1/2) H M^(−1/2),   P = 1 − Σ_{6 external} u uᵀ,   P F P lₖ = ωₖ² lₖ
/// Cartesian displacement per unit qₖ:   dₖ = M^(−1/2) lₖ / √ωₖ            (bohr)
/// x(q) = x_e + Σₖ qₖ dₖ,   qₖ = √ωₖ lₖ · M^(1/2) (x − x_e)   (x Eckart-aligned to x_e)
/// V(q) ≈ V_e + ½ Σₖ ωₖ qₖ² + ⅙ Σ φᵢⱼₖ qᵢ qⱼ qₖ + …
/// ```
///
/// in atomic units (ħ = 1, masses in electron masses, ω in hartree), with
/// 1 u = 1822.888486209 mₑ and 1 hartree = 219474.6313632 cm⁻¹ (CODATA 2018).
///
/// Modes are ordered q₁ symmetric stretch (A₁), q₂ bend (A₁), q₃ antisymmetric stretch (B₂),
/// with phases fixed so that +q₁ lengthens both bonds, +q₂ opens the angle, and +q₃ lengthens
/// r₁ and shortens r₂. The mode vectors are made exactly symmetric (A₁) or antisymmetric (B₂)
/// under the C₂ᵥ reflection that exchanges the hydrogens, and exactly planar, so q₃ → −q₃ maps
/// a geometry onto its mirror image with the hydrogens exchanged: an exact symmetry of the
/// energy. q₁ → −q₁ and q₂ → −q₂ are not symmetries (the surface is anharmonic).
///
/// On the Partridge–Schwenke surface: ω = 3832.7637, 1649.0716, 3944.3251 cm⁻¹.
///
/// ```swift
/// let modes = try WaterNormalModes()
/// modes.wavenumbers                       // ≈ [3832.76, 1649.07, 3944.33]
/// let g = try modes.geometry(normalCoordinates: [0.5, 0, 0])   // both bonds longer
/// ```
///
/// - Complexity: about 650 energy evaluations for the Hessian plus a 9 × 9 eigenproblem
///   (well under a millisecond per thousand evaluations in release).
///
/// References: E. B. Wilson, J. C. Decius and P. C. Cross, *Molecular Vibrations* (1955);
/// H. Partridge and D. W. Schwenke, J. Chem. Phys. 106, 4618 (1997), doi:10.1063/1.473987.
public struct WaterNormalModes: Sendable {
  /// Electron masses per unified atomic mass unit (CODATA 2018).
  public static let electronMassesPerDalton: Double = 1822.888486209
  /// cm⁻¹ per hartree (CODATA 2018).
  public static let wavenumbersPerHartree: Double = 219474.6313632
  /// Mass of ¹⁶O (u).
  public static let oxygen16Mass: Double = 15.99491461957
  /// Mass of ¹H (u).
  public static let hydrogen1Mass: Double = 1.00782503223

  /// The surface (nine Cartesian coordinates in bohr, atoms O, H₁, H₂; hartree).
  public let surface: any PotentialEnergySurface
  /// The minimum the modes are expanded about.
  public let equilibrium: WaterEquilibrium
  /// Atomic masses O, H, H (u).
  public let masses: [Double]
  /// The 9 × 9 Cartesian Hessian at the minimum (hartree/bohr²).
  public let cartesianHessian: Matrix
  /// Harmonic frequencies ωₖ (hartree, ħ = 1), in the order q₁, q₂, q₃.
  public let frequencies: [Double]
  /// Orthonormal mass-weighted mode vectors lₖ as the rows of a 3 × 9 matrix.
  public let massWeightedModes: Matrix
  /// Cartesian displacement dₖ per unit dimensionless coordinate qₖ (bohr), rows of 3 × 9.
  public let cartesianDisplacements: Matrix

  /// Harmonic wavenumbers ωₖ (cm⁻¹), in the order q₁ symmetric stretch, q₂ bend,
  /// q₃ antisymmetric stretch.
  public var wavenumbers: [Double] { frequencies.map { $0 * Self.wavenumbersPerHartree } }

  /// Normal modes of a water surface: minimisation, Hessian, analysis.
  ///
  /// - Parameters:
  ///   - surface: nine Cartesian coordinates in bohr (O, H₁, H₂) → hartree. Default: Partridge–Schwenke.
  ///   - oxygenMass: mass of the oxygen (u). Default ¹⁶O.
  ///   - hydrogenMass: mass of each hydrogen (u). Default ¹H. Both hydrogens share it (the
  ///     C₂ᵥ mode classification assumes equal masses).
  ///   - hessianStep: step of the five-point Cartesian Hessian (bohr). Default 1e-3, which puts
  ///     the wavenumbers within ~1e-6 cm⁻¹ of the converged values on Partridge–Schwenke (8e-7 measured).
  /// - Throws: ``DatasetError`` `.invalidParameter` for non-positive masses or step; the errors
  ///   of ``WaterEquilibrium/init(surface:bondLength:angle:)``; `.shapeMismatch` or
  ///   `DatasetError.Code("notAMinimum")` from ``init(surface:equilibrium:cartesianHessian:oxygenMass:hydrogenMass:)``.
  public init(surface: some PotentialEnergySurface = PartridgeSchwenke(), oxygenMass: Double = oxygen16Mass,
              hydrogenMass: Double = hydrogen1Mass, hessianStep: Double = 1e-3) throws(DatasetError) {
    try Self.checkMasses(oxygenMass, hydrogenMass)
    let equilibrium = try WaterEquilibrium(surface: surface)
    let hessian = try surface.finiteDifferenceHessian(at: equilibrium.geometry.cartesian, step: hessianStep)
    try self.init(surface: surface, equilibrium: equilibrium, cartesianHessian: hessian,
                  oxygenMass: oxygenMass, hydrogenMass: hydrogenMass)
  }

  /// Normal modes from a given Cartesian Hessian (e.g. an analytic one).
  ///
  /// - Parameters:
  ///   - surface: the surface the Hessian belongs to (used for energies in q).
  ///   - equilibrium: the minimum.
  ///   - cartesianHessian: 9 × 9 (hartree/bohr²), coordinates O, H₁, H₂ in the standard frame
  ///     of ``WaterGeometry`` at `equilibrium.geometry`.
  ///   - oxygenMass: mass of the oxygen (u).
  ///   - hydrogenMass: mass of each hydrogen (u).
  /// - Throws: ``DatasetError`` `.shapeMismatch` unless the Hessian is 9 × 9;
  ///   `.invalidParameter` for a non-finite Hessian or bad masses;
  ///   `DatasetError.Code("notAMinimum")` if a vibrational eigenvalue is not positive.
  public init(surface: some PotentialEnergySurface, equilibrium: WaterEquilibrium, cartesianHessian: Matrix,
              oxygenMass: Double = oxygen16Mass, hydrogenMass: Double = hydrogen1Mass) throws(DatasetError) {
    guard cartesianHessian.rows == 9 && cartesianHessian.columns == 9 else {
      throw DatasetError(.shapeMismatch, "The Cartesian Hessian of water must be 9 × 9 (atoms O, H, H; x, y, z each), got \(cartesianHessian.rows) × \(cartesianHessian.columns); pass the Hessian of the nine coordinates in bohr.")
    }
    guard cartesianHessian.isFinite else {
      throw DatasetError(.invalidParameter, "The Cartesian Hessian of water has non-finite entries; recompute it with a smaller finite-difference step.")
    }
    try Self.checkMasses(oxygenMass, hydrogenMass)
    self.surface = surface
    self.equilibrium = equilibrium
    self.masses = [oxygenMass, hydrogenMass, hydrogenMass]
    self.cartesianHessian = cartesianHessian

    let m = masses.flatMap { Array(repeating: $0 * Self.electronMassesPerDalton, count: 3) }
    let sqrtM = m.map { $0.squareRoot() }
    // Mass-weighted Hessian, symmetrised.
    var f = Matrix(rows: 9, columns: 9)
    for i in 0..<9 {
      for j in 0..<9 {
        f[i, j] = 0.5 * (cartesianHessian[i, j] + cartesianHessian[j, i]) / (sqrtM[i] * sqrtM[j])
      }
    }
    // External (translation and rotation) vectors in mass-weighted coordinates, orthonormalised.
    let x = equilibrium.geometry.cartesian
    let total = m[0] + m[3] + m[6]
    let com = (0..<3).map { a in (0..<3).reduce(0.0) { $0 + m[3 * $1] * x[3 * $1 + a] } / total }
    var external: [[Double]] = []
    for a in 0..<3 {
      var t = [Double](repeating: 0, count: 9)
      for atom in 0..<3 { t[3 * atom + a] = sqrtM[3 * atom] }
      external.append(t)
    }
    for a in 0..<3 {
      var r = [Double](repeating: 0, count: 9)
      for atom in 0..<3 {
        let p = (0..<3).map { x[3 * atom + $0] - com[$0] }
        // e_a × p
        let b = (a + 1) % 3, c = (a + 2) % 3
        r[3 * atom + b] = -p[c] * sqrtM[3 * atom]
        r[3 * atom + c] = p[b] * sqrtM[3 * atom]
      }
      external.append(r)
    }
    var basis: [[Double]] = []
    for v in external {
      var w = v
      for u in basis {
        let d = zip(u, w).reduce(0) { $0 + $1.0 * $1.1 }
        for i in 0..<9 { w[i] -= d * u[i] }
      }
      let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
      if norm > 1e-8 { basis.append(w.map { $0 / norm }) }
    }
    var projector = Matrix.identity(9)
    for u in basis { for i in 0..<9 { for j in 0..<9 { projector[i, j] -= u[i] * u[j] } } }
    let projected = projector * f * projector
    let eigen: SymmetricEigendecomposition
    do { eigen = try SymmetricEigendecomposition(of: projected) } catch {
      throw DatasetError(.invalidParameter, "The mass-weighted Hessian of water could not be diagonalised (\(error)); check the Hessian for huge entries.")
    }
    // The three largest eigenvalues are the vibrations; classify them under the reflection
    // x → −x with H₁ ↔ H₂ (A₁ even, B₂ odd) and force exact symmetry and planarity.
    var modes: [(lambda: Double, vector: [Double], isSymmetric: Bool)] = []
    // The six projected external eigenvalues are zero to roundoff; a vibration must stand
    // clearly above them.
    let scale = eigen.eigenvalues.map(abs).max() ?? 0
    for k in 6..<9 {
      let lambda = eigen.eigenvalues[k]
      guard lambda > 1e-8 * scale else {
        throw DatasetError(DatasetError.Code("notAMinimum"), "The mass-weighted Hessian of water has only \(eigen.eigenvalues.filter { $0 > 1e-8 * scale }.count) clearly positive vibrational eigenvalues (need 3; eigenvalues \(eigen.eigenvalues) hartree² in atomic units): the geometry is not a minimum. Minimise first (WaterEquilibrium) and pass the Hessian there.")
      }
      var l = eigen.eigenvectors.column(k)
      let mirrored = Self.mirror(l)
      let parity = zip(l, mirrored).reduce(0) { $0 + $1.0 * $1.1 }
      let isSymmetric = parity > 0
      l = zip(l, mirrored).map { isSymmetric ? ($0 + $1) / 2 : ($0 - $1) / 2 }
      for atom in 0..<3 { l[3 * atom + 2] = 0 }
      let norm = l.reduce(0) { $0 + $1 * $1 }.squareRoot()
      modes.append((lambda, l.map { $0 / norm }, isSymmetric))
    }
    let symmetric = modes.filter(\.isSymmetric).sorted { $0.lambda > $1.lambda }
    let antisymmetric = modes.filter { !$0.isSymmetric }
    guard symmetric.count == 2 && antisymmetric.count == 1 else {
      throw DatasetError(DatasetError.Code("notAMinimum"), "The vibrations of water should be two A₁ modes and one B₂ mode, found \(symmetric.count) and \(antisymmetric.count); the geometry is not a symmetric minimum.")
    }
    let ordered = [symmetric[0], symmetric[1], antisymmetric[0]]
    var l = Matrix(rows: 3, columns: 9)
    var d = Matrix(rows: 3, columns: 9)
    var omega = [Double](repeating: 0, count: 3)
    for (k, mode) in ordered.enumerated() {
      omega[k] = mode.lambda.squareRoot()
      var v = mode.vector
      // Phase: sign of the first-order change of r₁ + r₂ (q₁), θ (q₂), r₁ − r₂ (q₃).
      let change = Self.internalChange(at: equilibrium.geometry, along: (0..<9).map { v[$0] / sqrtM[$0] })
      let indicator = [change.r1 + change.r2, change.theta, change.r1 - change.r2][k]
      if indicator < 0 { v = v.map { -$0 } }
      for i in 0..<9 {
        l[k, i] = v[i]
        d[k, i] = v[i] / sqrtM[i] / omega[k].squareRoot()
      }
    }
    self.frequencies = omega
    self.massWeightedModes = l
    self.cartesianDisplacements = d
  }

  static func checkMasses(_ oxygen: Double, _ hydrogen: Double) throws(DatasetError) {
    guard oxygen > 0 && hydrogen > 0 && oxygen.isFinite && hydrogen.isFinite else {
      throw DatasetError(.invalidParameter, "Atomic masses must be positive and finite (in u, e.g. O 15.99491461957, H 1.00782503223), got O \(oxygen), H \(hydrogen).")
    }
  }

  /// The C₂ᵥ reflection x → −x with H₁ ↔ H₂, applied to a 9-vector.
  static func mirror(_ v: [Double]) -> [Double] {
    [-v[0], v[1], v[2], -v[6], v[7], v[8], -v[3], v[4], v[5]]
  }

  /// First-order change of (r₁, r₂, θ) along a Cartesian direction, by central differences.
  static func internalChange(at g: WaterGeometry, along d: [Double]) -> (r1: Double, r2: Double, theta: Double) {
    let h = 1e-5
    let plus = WaterGeometry(uncheckedCartesian: zip(g.cartesian, d).map { $0 + h * $1 })
    let minus = WaterGeometry(uncheckedCartesian: zip(g.cartesian, d).map { $0 - h * $1 })
    return ((plus.r1 - minus.r1) / (2 * h), (plus.r2 - minus.r2) / (2 * h), (plus.theta - minus.theta) / (2 * h))
  }
}

// MARK: - Maps between normal coordinates and geometries

extension WaterNormalModes {
  /// The geometry at dimensionless normal coordinates q: x = x_e + Σₖ qₖ dₖ (bohr).
  ///
  /// The result is in the Eckart frame of the equilibrium geometry.
  ///
  /// - Parameter q: (q₁, q₂, q₃), dimensionless (argument label `normalCoordinates`).
  /// - Returns: the geometry (bohr).
  /// - Throws: ``DatasetError`` `.shapeMismatch` unless 3 values; `.invalidGeometry` for
  ///   non-finite q or displacements so large that an H reaches the O.
  public func geometry(normalCoordinates q: [Double]) throws(DatasetError) -> WaterGeometry {
    try Self.checkNormalCoordinates(q)
    return try WaterGeometry(cartesian: cartesian(normalCoordinates: q))
  }

  /// x_e + Σₖ qₖ dₖ without checks (bohr).
  func cartesian(normalCoordinates q: [Double]) -> [Double] {
    var x = equilibrium.geometry.cartesian
    for k in 0..<3 { for i in 0..<9 { x[i] += q[k] * cartesianDisplacements[k, i] } }
    return x
  }

  /// The dimensionless normal coordinates of any geometry of the molecule.
  ///
  /// The geometry is first translated and rotated onto the equilibrium (mass-weighted
  /// optimal superposition, which satisfies the Eckart conditions), then projected:
  /// qₖ = √ωₖ lₖ · M^(1/2) (x − x_e). Inverse of ``geometry(normalCoordinates:)`` for geometries
  /// it produces; for others, the vibrational part of the displacement.
  ///
  /// - Parameter geometry: O, H₁, H₂ in any position and orientation.
  /// - Returns: (q₁, q₂, q₃), dimensionless.
  /// - Complexity: O(1) (a 4 × 4 eigenproblem for the rotation).
  public func normalCoordinates(of geometry: WaterGeometry) -> [Double] {
    let aligned = eckartAligned(geometry.cartesian)
    let xe = equilibrium.geometry.cartesian
    var q = [Double](repeating: 0, count: 3)
    for k in 0..<3 {
      var s = 0.0
      for i in 0..<9 {
        let sqrtM = (masses[i / 3] * Self.electronMassesPerDalton).squareRoot()
        s += massWeightedModes[k, i] * sqrtM * (aligned[i] - xe[i])
      }
      q[k] = frequencies[k].squareRoot() * s
    }
    return q
  }

  /// Translates and rotates `x` onto the equilibrium geometry (Horn's quaternion method,
  /// mass-weighted): the rotation maximises Σ mₐ x_e,ₐ · R xₐ about the centres of mass,
  /// which is the Eckart rotational condition Σ mₐ x_e,ₐ × R xₐ = 0.
  func eckartAligned(_ x: [Double]) -> [Double] {
    let xe = equilibrium.geometry.cartesian
    let m = masses
    let total = m.reduce(0, +)
    func centre(_ y: [Double]) -> [Double] {
      (0..<3).map { a in (0..<3).reduce(0.0) { $0 + m[$1] * y[3 * $1 + a] } / total }
    }
    let ce = centre(xe), c = centre(x)
    var s = [[Double]](repeating: [0, 0, 0], count: 3)  // S[α][β] = Σ m b_α a_β
    for atom in 0..<3 {
      for a in 0..<3 {
        for b in 0..<3 {
          s[a][b] += m[atom] * (x[3 * atom + a] - c[a]) * (xe[3 * atom + b] - ce[b])
        }
      }
    }
    let n = Matrix(rows: 4, columns: 4, elements: [
      s[0][0] + s[1][1] + s[2][2], s[1][2] - s[2][1], s[2][0] - s[0][2], s[0][1] - s[1][0],
      s[1][2] - s[2][1], s[0][0] - s[1][1] - s[2][2], s[0][1] + s[1][0], s[2][0] + s[0][2],
      s[2][0] - s[0][2], s[0][1] + s[1][0], -s[0][0] + s[1][1] - s[2][2], s[1][2] + s[2][1],
      s[0][1] - s[1][0], s[2][0] + s[0][2], s[1][2] + s[2][1], -s[0][0] - s[1][1] + s[2][2],
    ])
    guard let eigen = try? SymmetricEigendecomposition(of: n) else { return x }
    let qv = eigen.eigenvectors.column(3)
    let (w, qx, qy, qz) = (qv[0], qv[1], qv[2], qv[3])
    let r: [Double] = [
      w * w + qx * qx - qy * qy - qz * qz, 2 * (qx * qy - w * qz), 2 * (qx * qz + w * qy),
      2 * (qx * qy + w * qz), w * w - qx * qx + qy * qy - qz * qz, 2 * (qy * qz - w * qx),
      2 * (qx * qz - w * qy), 2 * (qy * qz + w * qx), w * w - qx * qx - qy * qy + qz * qz,
    ]
    var out = [Double](repeating: 0, count: 9)
    for atom in 0..<3 {
      for a in 0..<3 {
        var v = ce[a]
        for b in 0..<3 { v += r[3 * a + b] * (x[3 * atom + b] - c[b]) }
        out[3 * atom + a] = v
      }
    }
    return out
  }

  static func checkNormalCoordinates(_ q: [Double]) throws(DatasetError) {
    guard q.count == 3 else {
      throw DatasetError(.shapeMismatch, "Normal coordinates of water are 3 values (q1 symmetric stretch, q2 bend, q3 antisymmetric stretch), got \(q.count).")
    }
    guard q.allSatisfy(\.isFinite) else {
      throw DatasetError(.invalidGeometry, "Normal coordinates \(q) are not finite; pass finite dimensionless values (|q| of a few units covers the low vibrational states).")
    }
  }
}

// MARK: - Energies in normal coordinates

extension WaterNormalModes {
  /// V at normal coordinates q, on the surface's energy zero (hartree).
  /// - Throws: as ``geometry(normalCoordinates:)``, and any error of the surface.
  public func energy(normalCoordinates q: [Double]) throws(DatasetError) -> Double {
    try surface.energy(at: try geometry(normalCoordinates: q).cartesian)
  }

  /// V(q) − V_e: the energy above the minimum (hartree).
  /// - Throws: as ``energy(normalCoordinates:)``.
  public func energyAboveMinimum(normalCoordinates q: [Double]) throws(DatasetError) -> Double {
    try energy(normalCoordinates: q) - equilibrium.energy
  }

  /// The surface as a function of (q₁, q₂, q₃), energy above the minimum in hartree.
  public var normalCoordinateSurface: WaterNormalCoordinateSurface { WaterNormalCoordinateSurface(modes: self) }

  /// The Hessian ∂²V/∂qᵢ∂qⱼ in dimensionless normal coordinates (cm⁻¹), by five-point
  /// differences of energies in q. At q = 0 its diagonal is ωₖ and its off-diagonal is zero
  /// (to the accuracy of the Cartesian Hessian).
  ///
  /// - Parameters:
  ///   - q: the point (default the minimum).
  ///   - step: finite-difference step in q (dimensionless). Default 0.02.
  /// - Throws: as ``PotentialEnergySurface/finiteDifferenceHessian(at:step:)``.
  /// - Complexity: 61 energy evaluations.
  public func hessianInNormalCoordinates(at q: [Double] = [0, 0, 0], step: Double = 0.02) throws(DatasetError) -> Matrix {
    var h = try normalCoordinateSurface.finiteDifferenceHessian(at: q, step: step)
    h.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= Self.wavenumbersPerHartree } }
    return h
  }
}

/// A water surface as a function of dimensionless normal coordinates (q₁, q₂, q₃):
/// V(q) − V_e in hartree.
public struct WaterNormalCoordinateSurface: PotentialEnergySurface {
  /// The normal modes defining q.
  public let modes: WaterNormalModes
  /// Three coordinates q₁, q₂, q₃.
  public var dimension: Int { 3 }
  /// V(q) − V_e (hartree).
  /// - Throws: as ``WaterNormalModes/energyAboveMinimum(normalCoordinates:)``.
  public func energy(at q: [Double]) throws(DatasetError) -> Double {
    try modes.energyAboveMinimum(normalCoordinates: q)
  }
}
