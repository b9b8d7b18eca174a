/// The exact symmetry of a hydrogen orbital's density ρ = ψ², stated as data.
///
/// `Datasets` does not depend on `Symmetries`; `LearningCurves` turns this value into group
/// objects. Every flag is a proven property of the density (not of a fit), so the groups
/// are exact:
///
/// ```
/// isEvenUnderEachSignFlip:  ρ(s₁x, s₂y, s₃z) = ρ(x, y, z) for every s ∈ {±1}³  (all real orbitals: Z2³)
/// isSphericallySymmetric:   ρ(Qr) = ρ(r) for every Q ∈ O(3)                    (s orbitals)
/// axialAxis = a:            ρ(Qr) = ρ(r) for every Q ∈ O(2) fixing axis a      (m = 0: a = z;
///                                                                             p_x: a = x; p_y: a = y)
/// ```
///
/// The sign flips hold because every real solid harmonic is a product of a polynomial in
/// x², y², z² and a monomial of degree ≤ 1 in each coordinate, and ρ squares it. An m = 0
/// orbital depends on (x, y) only through x² + y², so its density is invariant under every
/// rotation and reflection that fixes the z axis; p_x = f(r)·x and p_y = f(r)·y are the same
/// about their own axes. s orbitals depend on r only.
///
/// For spherical densities `axialAxis` is `.z` too (an O(3)-invariant density is O(2)-invariant
/// about every axis); use ``largestGroup`` to pick the largest stated group.
public struct OrbitalSymmetry: Sendable, Hashable, CustomStringConvertible {
  /// A Cartesian coordinate axis.
  public enum Axis: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case x = 0, y = 1, z = 2
    public var description: String { ["x", "y", "z"][rawValue] }
  }

  /// The largest group among those stated.
  public enum Group: Sendable, Hashable {
    /// Z2³: independent sign flips of x, y and z (order 8).
    case signFlips
    /// O(2) about the axis (rotations about it and reflections through planes containing it),
    /// times the reflection along the axis.
    case axial(Axis)
    /// O(3): every rotation and reflection about the origin.
    case spherical
  }

  /// `true` when the density is even in each coordinate separately (always, for real orbitals).
  public let isEvenUnderEachSignFlip: Bool
  /// `true` when the density is invariant under O(3) (s orbitals).
  public let isSphericallySymmetric: Bool
  /// The axis about which the density is O(2)-invariant, if any.
  public let axialAxis: Axis?

  /// A symmetry statement.
  public init(isEvenUnderEachSignFlip: Bool, isSphericallySymmetric: Bool, axialAxis: Axis?) {
    self.isEvenUnderEachSignFlip = isEvenUnderEachSignFlip
    self.isSphericallySymmetric = isSphericallySymmetric
    self.axialAxis = axialAxis
  }

  /// The largest stated group: O(3) if spherical, else O(2) about the axis if axial, else Z2³.
  public var largestGroup: Group {
    if isSphericallySymmetric { return .spherical }
    if let axialAxis { return .axial(axialAxis) }
    return .signFlips
  }

  public var description: String {
    switch largestGroup {
    case .spherical: "O(3)"
    case .axial(let a): "O(2) about \(a) × Z2 (\(a) → −\(a))"
    case .signFlips: "Z2³ (sign flips of x, y, z)"
    }
  }
}
