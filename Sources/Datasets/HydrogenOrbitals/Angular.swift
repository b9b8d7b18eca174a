import Foundation

/// A real spherical harmonic Y_lm for l ≤ 3, in the standard real combinations.
///
/// With the complex harmonics Y_l^m including the Condon–Shortley phase (−1)^m,
///
/// ```
/// Y_lm = √2 (−1)^m Re Y_l^m     (m > 0)
/// Y_l0 = Y_l^0
/// Y_lm = √2 (−1)^m Im Y_l^|m|   (m < 0)
/// ```
///
/// which makes every Cartesian coefficient positive. As solid harmonics r^l Y_lm (homogeneous
/// polynomials in x, y, z):
///
/// ```
/// l = 0:  1/(2√π)
/// l = 1:  √(3/4π) · (y, z, x)                                   for m = −1, 0, 1
/// l = 2:  ½√(15/π) xy,  ½√(15/π) yz,  ¼√(5/π)(2z² − x² − y²),  ½√(15/π) xz,  ¼√(15/π)(x² − y²)
/// l = 3:  ¼√(35/2π) y(3x² − y²),  ½√(105/π) xyz,  ¼√(21/2π) y(4z² − x² − y²),
///         ¼√(7/π) z(2z² − 3x² − 3y²),  ¼√(21/2π) x(4z² − x² − y²),  ¼√(105/π) z(x² − y²),
///         ¼√(35/2π) x(x² − 3y²)                                  for m = −3 … 3
/// ```
///
/// Normalization: ∫ Y_lm Y_l'm' dΩ = δ_ll' δ_mm'.
///
/// Reference: M. A. Blanco, M. Flórez, M. Bermejo, J. Mol. Struct. THEOCHEM 419, 19 (1997),
/// doi:10.1016/S0166-1280(97)00185-1; the table of real spherical harmonics in Wikipedia.
public struct RealSphericalHarmonic: Sendable, Hashable {
  /// Degree, 0 ≤ l ≤ 3.
  public let l: Int
  /// Order, −l ≤ m ≤ l.
  public let m: Int

  /// The harmonic Y_lm.
  /// - Throws: `DatasetError` (`invalidParameter`) unless 0 ≤ l ≤ 3 and |m| ≤ l.
  public init(l: Int, m: Int) throws(DatasetError) {
    guard (0...3).contains(l), abs(m) <= l else {
      throw DatasetError(.invalidParameter, "spherical harmonic l = \(l), m = \(m) is out of range; expected 0 ≤ l ≤ 3 and −l ≤ m ≤ l")
    }
    self.l = l
    self.m = m
  }

  /// The solid harmonic r^l Y_lm(x̂) at (x, y, z): a homogeneous polynomial of degree l,
  /// defined everywhere (zero at the origin for l > 0).
  @inline(__always)
  public func solidValue(x: Double, y: Double, z: Double) -> Double {
    Self.solid(l: l, m: m, x: x, y: y, z: z)
  }

  /// Y_lm at the direction with polar angle `theta` (from +z) and azimuth `phi` (from +x
  /// towards +y), both in radians.
  public func value(theta: Double, phi: Double) -> Double {
    let s = sin(theta)
    return solidValue(x: s * cos(phi), y: s * sin(phi), z: cos(theta))
  }

  static let c00 = 0.5 / Double.pi.squareRoot()
  static let c1 = (3 / (4 * Double.pi)).squareRoot()
  static let c2a = 0.5 * (15 / Double.pi).squareRoot()
  static let c20 = 0.25 * (5 / Double.pi).squareRoot()
  static let c22 = 0.25 * (15 / Double.pi).squareRoot()
  static let c33 = 0.25 * (35 / (2 * Double.pi)).squareRoot()
  static let c32a = 0.5 * (105 / Double.pi).squareRoot()
  static let c31 = 0.25 * (21 / (2 * Double.pi)).squareRoot()
  static let c30 = 0.25 * (7 / Double.pi).squareRoot()
  static let c32b = 0.25 * (105 / Double.pi).squareRoot()

  @inline(__always)
  static func solid(l: Int, m: Int, x: Double, y: Double, z: Double) -> Double {
    switch (l, m) {
    case (0, 0): c00
    case (1, -1): c1 * y
    case (1, 0): c1 * z
    case (1, 1): c1 * x
    case (2, -2): c2a * x * y
    case (2, -1): c2a * y * z
    case (2, 0): c20 * (2 * z * z - x * x - y * y)
    case (2, 1): c2a * x * z
    case (2, 2): c22 * (x * x - y * y)
    case (3, -3): c33 * y * (3 * x * x - y * y)
    case (3, -2): c32a * x * y * z
    case (3, -1): c31 * y * (4 * z * z - x * x - y * y)
    case (3, 0): c30 * z * (2 * z * z - 3 * x * x - 3 * y * y)
    case (3, 1): c31 * x * (4 * z * z - x * x - y * y)
    case (3, 2): c32b * z * (x * x - y * y)
    case (3, 3): c33 * x * (x * x - 3 * y * y)
    default: preconditionFailure("RealSphericalHarmonic(l: \(l), m: \(m)) outside 0 ≤ l ≤ 3, |m| ≤ l")
    }
  }
}
