internal import LinearAlgebra

/// Inversion through a point: the group Z2 = {x ↦ x, x ↦ 2c − x}.
///
/// ```
/// g · x = c − (x − c),   R = −I,   |G| = 2
/// ```
///
/// The densities of all real hydrogen orbitals are inversion-invariant (about the nucleus).
/// Inversion is Z2, not the Z2^d of independent sign flips, so ``signFlipCoordinates`` is
/// `nil` for d > 1 (and `[0]` for d = 1, where the two coincide); the group of all
/// independent flips, which contains the inversion, is `SignFlips(dimension: d,
/// coordinates: Array(0..<d))`.
///
/// ```swift
/// let inv = try Inversion(dimension: 2, centre: [1, 1])
/// inv.elements[1].apply(to: [3, 1])   // [-1.0, 1.0]
/// ```
public struct Inversion: FiniteLabelSymmetry {
  public let dimension: Int
  public let centre: [Double]
  public let elements: [OrthogonalAction]
  public var isExact: Bool { true }
  public var name: String { "inversion" }
  public var signFlipCoordinates: [Int]? { dimension == 1 ? [0] : nil }

  /// Inversion of d-dimensional inputs about `centre` (origin by default).
  ///
  /// - Throws: ``SymmetryError`` `.invalidParameter` for d < 1, `.dimensionMismatch` or
  ///   `.nonFiniteValue` for a bad centre.
  public init(dimension: Int, centre: [Double]? = nil) throws(SymmetryError) {
    guard dimension >= 1 else {
      throw SymmetryError(.invalidParameter, "Inversion needs dimension ≥ 1, got \(dimension).", actual: dimension)
    }
    let c = centre ?? [Double](repeating: 0, count: dimension)
    try validateCentre(c, dimension: dimension)
    self.dimension = dimension
    self.centre = c
    self.elements = [.identity(dimension: dimension, centre: c),
      OrthogonalAction(uncheckedMatrix: -1 * Matrix.identity(dimension), centre: c)]
  }
}
