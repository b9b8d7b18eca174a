public import LinearAlgebra

/// A label symmetry: a set G of orthogonal maps on inputs under which the label is invariant
/// (exact) or approximately invariant with a known correction (approximate).
///
/// A label symmetry of f: ℝᵈ → ℝ is a set G of maps with f(g·x) = f(x) (**exact**) or
/// f(g·x) ≈ f(x) (**approximate**). Augmenting a training pair (x, y) by g gives the pair
///
/// ```
/// (g·x,  ỹ),   ỹ = y + c_g(x)
/// ```
///
/// with the label correction c_g(x) (zero for exact symmetries and by default).
///
/// ## Contract a conformer keeps
///
/// - Every element is an ``OrthogonalAction``, x ↦ c + R(x − c) with RᵀR = I, about the
///   symmetry's stated ``centre`` (a d-vector, d = ``dimension``).
/// - A ``FiniteLabelSymmetry`` lists its elements, identity first; the set is closed under
///   composition and inverses, and ``FiniteLabelSymmetry/order`` equals the number of elements.
/// - A ``ContinuousLabelSymmetry`` draws Haar-distributed elements of its group.
/// - If ``isExact`` is `true`, f(g·x) = f(x) for the labels it is used with, and
///   ``labelCorrection(for:at:)`` returns 0. If `false`, the augmented label
///   y(x) + c_g(x) approximates f(g·x); ``SymmetryDiagnostics`` measures how well.
/// - ``signFlipCoordinates`` is non-`nil` exactly when the group is Z2^m sign flips
///   d ↦ (±d) of the listed coordinates of d = x − ``centre``, and then (for finite
///   conformers) element u flips coordinate `signFlipCoordinates[i]` iff bit i of u is set.
/// - A finite conformer's ``FiniteLabelSymmetry/labelCharacter`` is a homomorphism
///   χ: G → {+1, −1} (all ones by default), and the label transforms with it:
///   f(g·x) = χ(g) f(x) (exact), or χ(g) y(x) + c_g(x) approximates f(g·x) (approximate).
///
/// `SymmetryTesting` checks exactly this contract. Reference: arXiv 2605.28238.
public protocol LabelSymmetry: Sendable {
  /// The input dimension d the elements act on.
  var dimension: Int { get }
  /// `true` when labels are exactly invariant, f(g·x) = f(x).
  var isExact: Bool { get }
  /// A short human-readable name ("inversion", "Z2^3 sign flips", "O(3)", …).
  var name: String { get }
  /// The centre c every element fixes.
  var centre: [Double] { get }
  /// The coordinates flipped, when the group is Z2^m sign flips about ``centre``; `nil`
  /// otherwise. The group-Fourier solver needs this.
  var signFlipCoordinates: [Int]? { get }
  /// The label correction c_g(x): the augmented label of the copy g·x of a sample (x, y)
  /// is y + c_g(x).
  ///
  /// - Parameters:
  ///   - element: g, an element of this symmetry.
  ///   - x: the original (un-transformed) input.
  /// - Returns: c_g(x), in the label's units; 0 for exact symmetries.
  func labelCorrection(for element: OrthogonalAction, at x: [Double]) -> Double
}

extension LabelSymmetry {
  /// Default: no correction (exact symmetries, plain augmentation).
  public func labelCorrection(for element: OrthogonalAction, at x: [Double]) -> Double { 0 }
  /// Default: not a sign-flip group.
  public var signFlipCoordinates: [Int]? { nil }
}

/// A label symmetry with finitely many elements, listed identity first.
///
/// The label may be invariant (the default) or change sign under some elements: an **odd**
/// label transforms with a one-dimensional real character χ of the group,
///
/// ```
/// f(g·x) = χ(g) f(x),     χ(g) ∈ {+1, −1},     χ(g∘h) = χ(g) χ(h)
/// ```
///
/// (the hydrogen 2p_z wavefunction under z → −z: χ = −1). Augmenting (x, y) by g then gives the
/// label χ(g)·y + c_g(x); every route (augmentation, the sum kernel Σ_g χ(g) k(x, g·x′), the
/// group-Fourier solve) uses it. ``SignedLabelSymmetry`` attaches a checked character to any
/// finite symmetry.
public protocol FiniteLabelSymmetry: LabelSymmetry {
  /// All group elements, identity first, closed under composition.
  var elements: [OrthogonalAction] { get }
  /// The group order |G|.
  var order: Int { get }
  /// The label character χ(g), one entry (+1 or −1) per element in ``elements`` order:
  /// f(g·x) = χ(g) f(x). All ones (the default) means invariant labels.
  var labelCharacter: [Double] { get }
}

extension FiniteLabelSymmetry {
  /// Default: the number of listed elements.
  public var order: Int { elements.count }
  /// Default: invariant labels, χ(g) = 1 for every element.
  public var labelCharacter: [Double] { [Double](repeating: 1, count: elements.count) }
  /// `true` when χ(g) = 1 for every element (labels invariant rather than odd under some).
  ///
  /// - Complexity: O(|G|).
  public var hasInvariantLabels: Bool { labelCharacter.allSatisfy { $0 == 1 } }
}

/// Which continuous group a ``ContinuousLabelSymmetry`` is, so that kernel routes can pick a
/// closed-form Haar average (e.g. the Gaussian kernel averaged over O(3)).
public enum ContinuousGroupKind: Sendable, Hashable {
  /// All rotations and improper rotations of ℝ³ about the centre.
  case o3
  /// Proper rotations of ℝ³ about the centre.
  case so3
  /// Rotations about the unit `axis` through the centre, and reflections through planes
  /// containing it.
  case o2(axis: [Double])
  /// Rotations about the unit `axis` through the centre.
  case so2(axis: [Double])
}

/// A label symmetry under a continuous (compact) group, used through Haar-random elements.
public protocol ContinuousLabelSymmetry: LabelSymmetry {
  /// Which group this is.
  var kind: ContinuousGroupKind { get }
  /// A Haar-distributed random element.
  ///
  /// - Parameter generator: the source of randomness (seed it for reproducibility).
  /// - Returns: an element about ``LabelSymmetry/centre``.
  func randomElement(using generator: inout some RandomNumberGenerator) -> OrthogonalAction
}

extension LabelSymmetry {
  /// Checks that data can be acted on: one column per coordinate, all entries finite.
  ///
  /// - Parameter inputs: N × d, one sample per row.
  /// - Throws: ``SymmetryError`` `.dimensionMismatch` (naming both dimensions) or
  ///   `.nonFiniteValue` (naming the first bad row).
  /// - Complexity: O(N d).
  public func validate(inputs: Matrix) throws(SymmetryError) {
    guard inputs.columns == dimension else {
      throw .dimension("The data (\(inputs.rows) × \(inputs.columns), one sample per row)",
                       expected: dimension, actual: inputs.columns,
                       hint: "Give inputs with \(dimension) columns, or build the symmetry for \(inputs.columns) coordinates.")
    }
    if let bad = inputs.elements.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite("the inputs", index: bad / max(inputs.columns, 1), indexName: "row")
    }
  }
}

/// Checks a list of coordinate indices: in range, distinct.
func validateCoordinates(_ coordinates: [Int], dimension: Int, what: String) throws(SymmetryError) {
  var seen = Set<Int>()
  var bad: [Int] = []
  for c in coordinates {
    if c < 0 || c >= dimension || !seen.insert(c).inserted { bad.append(c) }
  }
  if !bad.isEmpty { throw .coordinates(bad, dimension: dimension, what: what) }
}

/// Checks a centre vector: length and finiteness.
func validateCentre(_ centre: [Double], dimension: Int) throws(SymmetryError) {
  guard centre.count == dimension else {
    throw .dimension("The centre", expected: dimension, actual: centre.count,
                     hint: "Give a centre with one entry per coordinate.")
  }
  guard centre.allSatisfy(\.isFinite) else { throw .nonFinite("the centre") }
}

/// The Z2^m sign-flip elements in the documented order: bit i of u flips `coordinates[i]`.
func signFlipElements(dimension: Int, coordinates: [Int], centre: [Double]) -> [OrthogonalAction] {
  (0..<(1 << coordinates.count)).map { u in
    var diagonal = [Double](repeating: 1, count: dimension)
    for (i, c) in coordinates.enumerated() where (u >> i) & 1 == 1 { diagonal[c] = -1 }
    return OrthogonalAction(uncheckedMatrix: .diagonal(diagonal), centre: centre)
  }
}
