import Foundation

/// A validated geometry of a water molecule: atoms O, H₁, H₂ in Cartesian coordinates (bohr).
///
/// Built from internal coordinates (r₁, r₂, θ) in a standard frame, or from any Cartesian
/// geometry (bohr or ångström). The standard frame puts O at the origin, the molecule in the
/// xy-plane and the bisector of the angle along +y, with H₁ at x > 0:
///
/// ```
/// O = (0, 0, 0),  H₁ = r₁ (sin θ/2, cos θ/2, 0),  H₂ = r₂ (−sin θ/2, cos θ/2, 0)
/// ```
///
/// so that x → −x together with H₁ ↔ H₂ maps a symmetric geometry onto itself exactly.
///
/// ```swift
/// let g = try WaterGeometry(r1: 1.81, r2: 1.81, theta: 1.824)
/// g.cartesian.count     // 9
/// g.r1                  // 1.81 (bohr, up to rounding)
/// ```
public struct WaterGeometry: Sendable, Equatable {
  /// Lengths accepted by Cartesian entry points.
  public enum LengthUnit: String, Sendable, CaseIterable {
    /// Atomic unit of length.
    case bohr
    /// Ångström, converted with the Partridge–Schwenke routine's a = 0.529177249 Å/bohr.
    case angstrom
  }

  /// The ångström-per-bohr constant of the Partridge–Schwenke routine (not CODATA's
  /// 0.529177210903); used for every ångström ↔ bohr conversion of water geometries.
  public static let angstromPerBohr: Double = 0.529177249

  /// Nine coordinates in bohr: O (x, y, z), H₁ (x, y, z), H₂ (x, y, z).
  public let cartesian: [Double]
  /// O–H₁ distance (bohr).
  public let r1: Double
  /// O–H₂ distance (bohr).
  public let r2: Double
  /// cos θ of the H₁–O–H₂ angle, clamped to [−1, 1].
  public let cosTheta: Double

  /// The H₁–O–H₂ angle θ (radian), in (0, π].
  public var theta: Double { acos(cosTheta) }

  /// The Cartesian coordinates in ångström (a = 0.529177249 Å/bohr).
  public var cartesianInAngstrom: [Double] { cartesian.map { $0 * Self.angstromPerBohr } }

  /// Checks and stores a Cartesian geometry.
  ///
  /// - Parameters:
  ///   - cartesian: nine coordinates, O then H₁ then H₂ (x, y, z each).
  ///   - unit: unit of `cartesian`; ångström are converted to bohr by dividing by
  ///     ``angstromPerBohr``.
  /// - Throws: ``DatasetError`` `.shapeMismatch` unless there are exactly 9 coordinates;
  ///   `.invalidGeometry` for non-finite coordinates, a hydrogen on the oxygen, or θ = 0
  ///   (both hydrogens on one ray from the oxygen).
  public init(cartesian: [Double], unit: LengthUnit = .bohr) throws(DatasetError) {
    guard cartesian.count == 9 else {
      throw DatasetError(.shapeMismatch, "A water geometry needs 9 Cartesian coordinates (atoms O, H, H in that order, x y z each), got \(cartesian.count); pass one molecule as [Ox, Oy, Oz, H1x, H1y, H1z, H2x, H2y, H2z].")
    }
    guard cartesian.allSatisfy(\.isFinite) else {
      throw DatasetError(.invalidGeometry, "Water geometry \(cartesian) (\(unit.rawValue)) has non-finite coordinates; every coordinate must be a finite number.")
    }
    let xs = unit == .bohr ? cartesian : cartesian.map { $0 / Self.angstromPerBohr }
    self.init(uncheckedCartesian: xs)
    var problems: [String] = []
    for (name, r) in [("r1 = |H1 − O|", r1), ("r2 = |H2 − O|", r2)] where !(r > 0) {
      problems.append("bond length \(name) is \(r) bohr; it must be > 0 (is an H atom on top of the O, or are the atoms out of order? expected O, H, H)")
    }
    if r1 > 0 && r2 > 0 && !(cosTheta < 1) {
      problems.append("the angle H1–O–H2 is 0 rad (cos θ = \(cosTheta)); it must lie in (0, π]")
    }
    guard problems.isEmpty else {
      throw DatasetError(.invalidGeometry, "Invalid water geometry \(cartesian) (\(unit.rawValue)): " + problems.joined(separator: "; ") + ".")
    }
  }

  /// A geometry in the standard frame from internal coordinates.
  ///
  /// - Parameters:
  ///   - r1: O–H₁ distance (bohr), > 0.
  ///   - r2: O–H₂ distance (bohr), > 0.
  ///   - theta: H₁–O–H₂ angle (radian), in (0, π].
  /// - Throws: ``DatasetError`` `.invalidGeometry` naming each bad value and its range.
  public init(r1: Double, r2: Double, theta: Double) throws(DatasetError) {
    try PartridgeSchwenke.validate(r1: r1, r2: r2, theta: theta)
    self.init(uncheckedR1: r1, r2: r2, theta: theta)
  }

  /// Standard-frame geometry without checks (internal: callers have validated the values).
  init(uncheckedR1 r1: Double, r2: Double, theta: Double) {
    let s = sin(theta / 2), c = cos(theta / 2)
    self.init(uncheckedCartesian: [0, 0, 0, r1 * s, r1 * c, 0, -(r2 * s), r2 * c, 0])
  }

  /// A geometry from nine coordinates in bohr without checks.
  init(uncheckedCartesian xs: [Double]) {
    precondition(xs.count == 9, "WaterGeometry needs 9 coordinates, got \(xs.count)")
    cartesian = xs
    let d1 = (xs[3] - xs[0], xs[4] - xs[1], xs[5] - xs[2])
    let d2 = (xs[6] - xs[0], xs[7] - xs[1], xs[8] - xs[2])
    r1 = (d1.0 * d1.0 + d1.1 * d1.1 + d1.2 * d1.2).squareRoot()
    r2 = (d2.0 * d2.0 + d2.1 * d2.1 + d2.2 * d2.2).squareRoot()
    let dot = d1.0 * d2.0 + d1.1 * d2.1 + d1.2 * d2.2
    cosTheta = min(1, max(-1, dot / (r1 * r2)))
  }

  /// The internal coordinates (r₁ bohr, r₂ bohr, θ radian).
  public var internalCoordinates: (r1: Double, r2: Double, theta: Double) { (r1, r2, theta) }
}
