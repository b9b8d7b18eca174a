internal import LinearAlgebra

/// The direct product of two finite symmetries acting on disjoint coordinates: `first` acts
/// on the first d₁ coordinates, `second` on the following d₂.
///
/// ```
/// (g₁, g₂) · (x₁, x₂) = (g₁·x₁, g₂·x₂),   R = diag(R₁, R₂),   c = (c₁, c₂),   |G| = |G₁| |G₂|
/// ```
///
/// Element (i₁, i₂) sits at index i₁ + |G₁| i₂, so the identity comes first and, for two
/// sign-flip groups, the bit order of ``LabelSymmetry/signFlipCoordinates`` is kept.
/// The label correction is c₁ + c₂, which is right when the label's symmetry-breaking is
/// additively separable over the two coordinate sets (and trivially when both are exact); the
/// label character is χ₁ χ₂.
public struct ProductSymmetry<First: FiniteLabelSymmetry, Second: FiniteLabelSymmetry>: FiniteLabelSymmetry {
  /// The factor acting on the first d₁ coordinates.
  public let first: First
  /// The factor acting on the following d₂ coordinates.
  public let second: Second
  public let elements: [OrthogonalAction]
  public var dimension: Int { first.dimension + second.dimension }
  public var centre: [Double] { first.centre + second.centre }
  public var isExact: Bool { first.isExact && second.isExact }
  public var name: String { "\(first.name) × \(second.name)" }
  public var signFlipCoordinates: [Int]? {
    guard let a = first.signFlipCoordinates, let b = second.signFlipCoordinates else { return nil }
    return a + b.map { $0 + first.dimension }
  }
  /// χ(g₁, g₂) = χ₁(g₁) χ₂(g₂): the product of the factors' label characters, at index
  /// i₁ + |G₁| i₂ (a label odd in a coordinate of either factor stays odd in it).
  public var labelCharacter: [Double] {
    let a = first.labelCharacter, b = second.labelCharacter
    return b.flatMap { chi2 in a.map { $0 * chi2 } }
  }

  /// The product of `first` (on coordinates 0..<d₁) and `second` (on d₁..<d₁+d₂).
  ///
  /// - Throws: ``SymmetryError`` `.invalidParameter` when
  ///   |G₁||G₂| exceeds 2^20.
  /// - Complexity: O(|G₁||G₂| (d₁+d₂)²).
  public init(_ first: First, _ second: Second) throws(SymmetryError) {
    let total = first.order * second.order
    guard total <= 1 << 20 else {
      throw SymmetryError(.invalidParameter,
                          "The product of groups of orders \(first.order) and \(second.order) has \(total) elements, "
                            + "more than the 2^20 allowed; use a smaller group.", orderReached: total)
    }
    self.first = first
    self.second = second
    let d1 = first.dimension, d = first.dimension + second.dimension
    let c = first.centre + second.centre
    var out: [OrthogonalAction] = []
    out.reserveCapacity(total)
    for g2 in second.elements {
      for g1 in first.elements {
        var r = Matrix(rows: d, columns: d)
        for i in 0..<d1 { for j in 0..<d1 { r[i, j] = g1.matrix[i, j] } }
        for i in 0..<second.dimension { for j in 0..<second.dimension { r[d1 + i, d1 + j] = g2.matrix[i, j] } }
        out.append(OrthogonalAction(uncheckedMatrix: r, centre: c))
      }
    }
    self.elements = out
  }

  /// c₁(g₁, x₁) + c₂(g₂, x₂), with g split into its diagonal blocks.
  public func labelCorrection(for element: OrthogonalAction, at x: [Double]) -> Double {
    let d1 = first.dimension, d2 = second.dimension
    var r1 = Matrix(rows: d1, columns: d1), r2 = Matrix(rows: d2, columns: d2)
    for i in 0..<d1 { for j in 0..<d1 { r1[i, j] = element.matrix[i, j] } }
    for i in 0..<d2 { for j in 0..<d2 { r2[i, j] = element.matrix[d1 + i, d1 + j] } }
    let g1 = OrthogonalAction(uncheckedMatrix: r1, centre: first.centre)
    let g2 = OrthogonalAction(uncheckedMatrix: r2, centre: second.centre)
    return first.labelCorrection(for: g1, at: Array(x[0..<d1]))
      + second.labelCorrection(for: g2, at: Array(x[d1..<(d1 + d2)]))
  }
}
