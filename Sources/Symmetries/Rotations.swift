import Foundation
public import LinearAlgebra

/// The continuous groups O(3), SO(3) about a centre and O(2), SO(2) about an axis, in ℝ³,
/// with Haar-distributed random elements.
///
/// Haar sampling:
///
/// ```
/// SO(3):  q = (w, x, y, z) ~ N(0, I₄),  q ← q/|q|,  R(q) the rotation of the unit quaternion
/// O(3):   R(q), times −I with probability ½
/// SO(2):  θ ~ U[0, 2π),  R = cos θ I + sin θ [a]ₓ + (1 − cos θ) a aᵀ   (Rodrigues, unit axis a)
/// O(2):   the SO(2) draw, times the reflection S = I − 2nnᵀ (n ⟂ a) with probability ½
/// ```
///
/// A normalized 4-vector of independent Gaussians is uniform on S³, and the double cover
/// S³ → SO(3) pushes the uniform measure to the Haar measure (Shoemake, Graphics Gems III,
/// 1992). The densities of hydrogen s orbitals are O(3) invariant about the nucleus; those of
/// p_z and d_z² are O(2) invariant about z.
///
/// ```swift
/// var g = SeededGenerator(seed: 1)
/// let o3 = try Rotations(.o3)
/// let r = o3.randomElement(using: &g)   // |det R| = 1, RᵀR = I
/// ```
public struct Rotations: ContinuousLabelSymmetry {
  public let kind: ContinuousGroupKind
  public let centre: [Double]
  public var dimension: Int { 3 }
  public var isExact: Bool { true }
  public var name: String {
    switch kind {
    case .o3: "O(3)"
    case .so3: "SO(3)"
    case .o2(let a): "O(2) about \(a)"
    case .so2(let a): "SO(2) about \(a)"
    }
  }

  /// The group `kind` about `centre` (origin by default). An axis is normalized.
  ///
  /// - Throws: ``SymmetryError`` `.dimensionMismatch` (centre or axis not of length 3),
  ///   `.invalidParameter` (zero or non-finite axis), `.nonFiniteValue`.
  public init(_ kind: ContinuousGroupKind, centre: [Double]? = nil) throws(SymmetryError) {
    let c = centre ?? [0, 0, 0]
    try validateCentre(c, dimension: 3)
    func unit(_ a: [Double]) throws(SymmetryError) -> [Double] {
      guard a.count == 3 else {
        throw .dimension("The rotation axis", expected: 3, actual: a.count, hint: "Give the axis as a 3-vector.")
      }
      let n = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard n > 0, n.isFinite else {
        throw SymmetryError(.invalidParameter, "The rotation axis \(a) has length \(n); give a non-zero, finite axis, "
                              + "e.g. [0, 0, 1] for z.", value: n)
      }
      return a.map { $0 / n }
    }
    switch kind {
    case .o3, .so3: self.kind = kind
    case .o2(let a): self.kind = .o2(axis: try unit(a))
    case .so2(let a): self.kind = .so2(axis: try unit(a))
    }
    self.centre = c
  }

  /// `true` for O(3) and O(2), which contain improper elements (det = −1).
  public var containsReflections: Bool {
    switch kind {
    case .o3, .o2: true
    case .so3, .so2: false
    }
  }

  /// A Haar-distributed random element (see the type's discussion for the recipe).
  ///
  /// - Complexity: O(1); a handful of draws from `generator`.
  public func randomElement(using generator: inout some RandomNumberGenerator) -> OrthogonalAction {
    var r: Matrix
    switch kind {
    case .o3, .so3:
      r = Rotations.rotation(quaternion: (generator.gaussian(), generator.gaussian(),
                                          generator.gaussian(), generator.gaussian()))
      if case .o3 = kind, generator.uniform() < 0.5 { r = -1 * r }
    case .o2(let a), .so2(let a):
      r = Rotations.rotation(axis: a, angle: generator.uniform(0, 2 * Double.pi))
      if case .o2 = kind, generator.uniform() < 0.5 { r = r * Rotations.reflection(perpendicularTo: a) }
    }
    return OrthogonalAction(uncheckedMatrix: r, centre: centre)
  }

  /// The rotation matrix of the quaternion (w, x, y, z) after normalization.
  ///
  /// - Precondition: the quaternion is non-zero.
  public static func rotation(quaternion q: (Double, Double, Double, Double)) -> Matrix {
    let n = (q.0 * q.0 + q.1 * q.1 + q.2 * q.2 + q.3 * q.3).squareRoot()
    precondition(n > 0, "A zero quaternion has no rotation")
    let (w, x, y, z) = (q.0 / n, q.1 / n, q.2 / n, q.3 / n)
    return Matrix(rows: 3, columns: 3, elements: [
      1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
      2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
      2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y),
    ])
  }

  /// The rotation by `angle` (radians, right-handed) about the unit `axis` (Rodrigues).
  public static func rotation(axis a: [Double], angle: Double) -> Matrix {
    let (s, c) = (sin(angle), cos(angle))
    var r = Matrix(rows: 3, columns: 3)
    let cross: [[Double]] = [[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]]
    for i in 0..<3 { for j in 0..<3 {
      r[i, j] = (i == j ? c : 0) + s * cross[i][j] + (1 - c) * a[i] * a[j]
    } }
    return r
  }

  /// The reflection through a fixed plane containing the unit `axis`: I − 2nnᵀ, with n the
  /// normalized cross product of the axis and the coordinate axis least aligned with it.
  public static func reflection(perpendicularTo a: [Double]) -> Matrix {
    let k = (0..<3).min { abs(a[$0]) < abs(a[$1]) }!
    var e = [0.0, 0, 0]
    e[k] = 1
    var n = [a[1] * e[2] - a[2] * e[1], a[2] * e[0] - a[0] * e[2], a[0] * e[1] - a[1] * e[0]]
    let len = n.reduce(0) { $0 + $1 * $1 }.squareRoot()
    n = n.map { $0 / len }
    var r = Matrix.identity(3)
    for i in 0..<3 { for j in 0..<3 { r[i, j] -= 2 * n[i] * n[j] } }
    return r
  }
}
