import Foundation
import LinearAlgebra

/// A real hydrogen orbital ψ_nlm (Z = 1, atomic units) for n ≤ 4, and its density ρ = ψ².
///
/// ```
/// ψ_nlm(x, y, z) = R_nl(r) · Y_lm(x̂)  =  [R_nl(r) / r^l] · [r^l Y_lm(x̂)],
/// ρ(x, y, z)     = ψ_nlm(x, y, z)²,      ∫ ρ d³r = 1,
/// ```
///
/// with ``HydrogenRadialFunction`` R_nl and ``RealSphericalHarmonic`` Y_lm; coordinates in
/// bohr, ψ in bohr^(−3/2), ρ in bohr^(−3). Evaluation uses the solid-harmonic form on the
/// right, a polynomial, so there is no division by r and the origin is not special.
///
/// Names (the quantum numbers in brackets):
///
/// ```
/// 1s 2s 3s 4s                                  (l = 0)
/// np_x [m=1]  np_y [m=−1]  np_z [m=0]          (n = 2, 3, 4)
/// nd_xy [−2]  nd_xz [1]  nd_yz [−1]  nd_z2 [0]  nd_x2-y2 [2]        (n = 3, 4)
/// 4f_z3 [0]  4f_xz2 [1]  4f_yz2 [−1]  4f_xyz [−2]  4f_z(x2-y2) [2]
/// 4f_x(x2-3y2) [3]  4f_y(3x2-y2) [−3]
/// ```
///
/// The f names give the angular polynomial up to r² terms: 4f_z3 ∝ z(2z² − 3x² − 3y²),
/// 4f_xz2 ∝ x(4z² − x² − y²), 4f_yz2 ∝ y(4z² − x² − y²). `init(name:)` also accepts ² ³ and
/// the minus sign − for 2, 3 and -.
///
/// ```swift
/// let o = try HydrogenOrbital(name: "2p_z")
/// o.value(at: SIMD3(0, 0, 1))     // e^(−1/2) / (4√(2π)) ≈ 0.0605
/// o.symmetry.largestGroup         // .axial(.z)
/// ```
public struct HydrogenOrbital: Sendable, Hashable, CustomStringConvertible {
  /// Principal quantum number, 1 ≤ n ≤ 4.
  public let n: Int
  /// Angular momentum quantum number, 0 ≤ l < n.
  public let l: Int
  /// Real magnetic quantum number, −l ≤ m ≤ l (see ``RealSphericalHarmonic``).
  public let m: Int
  /// The radial factor.
  public let radial: HydrogenRadialFunction
  /// The angular factor.
  public let angular: RealSphericalHarmonic

  /// Largest principal quantum number supported.
  public static let maximumN = 4

  /// The orbital with quantum numbers (n, l, m).
  /// - Throws: `DatasetError` (`invalidParameter`) unless 1 ≤ n ≤ 4, 0 ≤ l < n, −l ≤ m ≤ l.
  public init(n: Int, l: Int, m: Int) throws(DatasetError) {
    guard (1...Self.maximumN).contains(n), l >= 0, l < n, abs(m) <= l else {
      throw DatasetError(.invalidParameter, "quantum numbers n = \(n), l = \(l), m = \(m) are out of range; expected 1 ≤ n ≤ \(Self.maximumN), 0 ≤ l < n and −l ≤ m ≤ l")
    }
    self.n = n
    self.l = l
    self.m = m
    radial = try HydrogenRadialFunction(n: n, l: l)
    angular = try RealSphericalHarmonic(l: l, m: m)
  }

  /// The orbital with the given name, e.g. `"1s"`, `"2p_z"`, `"3d_x2-y2"`, `"4f_xyz"`.
  /// - Throws: `DatasetError` (`unknownName`) listing the valid names.
  public init(name: String) throws(DatasetError) {
    let normalized = name.trimmingCharacters(in: .whitespaces)
      .replacingOccurrences(of: "²", with: "2").replacingOccurrences(of: "³", with: "3")
      .replacingOccurrences(of: "−", with: "-")
    guard let q = Self.quantumNumbersByName[normalized] else {
      throw DatasetError(.unknownName, "unknown orbital name '\(name)'; valid names are \(Self.validNames.joined(separator: " "))")
    }
    try self.init(n: q.n, l: q.l, m: q.m)
  }

  /// The orbital's name, e.g. `2p_z`.
  public var name: String {
    "\(n)\(Self.shellLetters[l]!)" + Self.angularSuffix(l: l, m: m)
  }

  public var description: String { name }

  /// Every orbital with n ≤ 4, ordered by n, then l, then in the order of the name table.
  public static let all: [HydrogenOrbital] = orderedQuantumNumbers.map { try! HydrogenOrbital(n: $0.n, l: $0.l, m: $0.m) }

  /// Every valid name, in the order of ``all``.
  public static var validNames: [String] { all.map(\.name) }

  /// The exact symmetry of the density (see ``OrbitalSymmetry``).
  public var symmetry: OrbitalSymmetry {
    let axis: OrbitalSymmetry.Axis? = switch (l, m) {
    case (_, 0): .z
    case (1, 1): .x
    case (1, -1): .y
    default: nil
    }
    return OrbitalSymmetry(isEvenUnderEachSignFlip: true, isSphericallySymmetric: l == 0, axialAxis: axis)
  }

  // MARK: - Evaluation

  /// ψ at a point (bohr), in bohr^(−3/2). Non-finite coordinates give a non-finite result.
  /// - Complexity: O(n).
  @inline(__always)
  public func value(at point: SIMD3<Double>) -> Double {
    let r = (point.x * point.x + point.y * point.y + point.z * point.z).squareRoot()
    return radial.reducedValue(at: r) * angular.solidValue(x: point.x, y: point.y, z: point.z)
  }

  /// ρ = ψ² at a point (bohr), in bohr^(−3).
  @inline(__always)
  public func density(at point: SIMD3<Double>) -> Double {
    let v = value(at: point)
    return v * v
  }

  /// ψ at each row (x, y, z) of `points` (bohr), in bohr^(−3/2).
  ///
  /// - Parameter points: An n × 3 matrix.
  /// - Returns: n values.
  /// - Throws: `DatasetError`: `shapeMismatch` when `points` does not have 3 columns,
  ///   `invalidGeometry` for a NaN or infinite coordinate (the first one is named), or a point
  ///   so far out that the value overflows (its index and coordinates are named).
  /// - Complexity: O(n · n_principal).
  public func value(at points: Matrix) throws(DatasetError) -> [Double] {
    try Self.checkPoints(points)
    var out = [Double](repeating: 0, count: points.rows)
    points.withUnsafeBufferPointer { p in
      out.withUnsafeMutableBufferPointer { o in
        for i in 0..<points.rows {
          o[i] = value(at: SIMD3(p[3 * i], p[3 * i + 1], p[3 * i + 2]))
        }
      }
    }
    if let i = out.firstIndex(where: { !$0.isFinite }) {
      let p = points.row(i).map { "\($0 + 0.0)" }.joined(separator: ", ")
      throw DatasetError(.invalidGeometry, "the point in row \(i + 1), (x, y, z) = (\(p)) bohr, gives no finite value of \(name): coordinates this large overflow the polynomial part; use points within about 1e100 bohr of the nucleus (the density is 0 to double precision beyond a few hundred bohr)")
    }
    return out
  }

  /// ρ = ψ² at each row (x, y, z) of `points` (bohr), in bohr^(−3).
  /// - Throws: as ``value(at:)-(Matrix)``.
  public func density(at points: Matrix) throws(DatasetError) -> [Double] {
    try value(at: points).map { $0 * $0 }
  }

  static func checkPoints(_ points: Matrix) throws(DatasetError) {
    guard points.columns == 3 else {
      throw DatasetError(.shapeMismatch, "points are \(points.rows) × \(points.columns); expected n × 3 (x, y, z in bohr, one point per row)")
    }
    if let k = points.elements.firstIndex(where: { !$0.isFinite }) {
      throw DatasetError(.invalidGeometry, "point \(k / 3) has coordinate \(["x", "y", "z"][k % 3]) = \(points.elements[k]); expected finite coordinates in bohr (remove NaN and infinite rows)")
    }
  }

  // MARK: - Names

  static let shellLetters: [Int: String] = [0: "s", 1: "p", 2: "d", 3: "f"]

  /// Real m values for each l, in the order of the name table, with their suffixes.
  static let angularTable: [[(m: Int, suffix: String)]] = [
    [(0, "")],
    [(1, "_x"), (-1, "_y"), (0, "_z")],
    [(-2, "_xy"), (1, "_xz"), (-1, "_yz"), (0, "_z2"), (2, "_x2-y2")],
    [(0, "_z3"), (1, "_xz2"), (-1, "_yz2"), (-2, "_xyz"), (2, "_z(x2-y2)"), (3, "_x(x2-3y2)"), (-3, "_y(3x2-y2)")],
  ]

  static func angularSuffix(l: Int, m: Int) -> String {
    angularTable[l].first { $0.m == m }!.suffix
  }

  static let orderedQuantumNumbers: [(n: Int, l: Int, m: Int)] = (1...maximumN).flatMap { n in
    (0..<n).flatMap { l in angularTable[l].map { (n: n, l: l, m: $0.m) } }
  }

  static let quantumNumbersByName: [String: (n: Int, l: Int, m: Int)] = Dictionary(
    uniqueKeysWithValues: orderedQuantumNumbers.map { q in
      ("\(q.n)\(shellLetters[q.l]!)" + angularSuffix(l: q.l, m: q.m), q)
    })
}
