internal import LinearAlgebra

/// A finite symmetry whose label changes sign under some elements: f(g·x) = χ(g) f(x) for a
/// one-dimensional real character χ: G → {+1, −1}.
///
/// ```
/// f(g·x) = χ(g) f(x),     χ(g∘h) = χ(g) χ(h),     χ(e) = 1
/// augmented label of the copy g·x:   χ(g)·y + c_g(x)
/// sum kernel:                        k_χ(x, x′) = Σ_g χ(g) k(x, g·x′)
/// ```
///
/// The group, its elements and order, its centre, exactness, label correction and
/// ``LabelSymmetry/signFlipCoordinates`` are the base's; only ``labelCharacter`` is new (it
/// replaces the base's own, if any). Every route uses the character: explicit augmentation gives
/// the copy g·x the label χ(g)·y; the sum kernel becomes Σ_g χ(g) k(x, g·x′), which is |G| times
/// the character-weighted kernel with weight 1 on the sector χ and 0 elsewhere (`Regression`);
/// the group-Fourier solve uses the per-element labels χ(g)·y. An exact odd label is fitted by a
/// model that is itself exactly odd, f̂(g·x) = χ(g) f̂(x).
///
/// Examples, with the hydrogen wavefunctions ψ (coordinates x, y, z about the nucleus):
///
/// ```swift
/// let flips = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
/// let p_z  = try SignedLabelSymmetry(flips, oddIn: [2])      // ψ_2pz odd under z → −z
/// let d_xy = try SignedLabelSymmetry(flips, oddIn: [0, 1])   // ψ_3dxy odd under x → −x and y → −y
/// d_xy.labelCharacter    // [1, -1, -1, 1, 1, -1, -1, 1]: even under (x, y) → (−x, −y) and z → −z
/// ```
///
/// For an approximate base the correction must describe the odd label: χ(g)·y(x) + c_g(x)
/// approximates f(g·x), and corrections compose as c_{g∘h}(x) = χ(g) c_h(x) + c_g(h·x). The
/// shipped ``TaylorCorrection`` assumes an even label; use it with the trivial character only.
///
/// Reference: arXiv 2605.28238 (label symmetries); J.-P. Serre, *Linear Representations of
/// Finite Groups* (Springer, 1977), §2 (characters).
public struct SignedLabelSymmetry<Base: FiniteLabelSymmetry>: FiniteLabelSymmetry {
  /// The symmetry whose group and corrections are used.
  public let base: Base
  /// χ(g) ∈ {+1, −1} per element, in the base's element order.
  public let labelCharacter: [Double]
  public var elements: [OrthogonalAction] { base.elements }
  public var order: Int { base.order }
  public var dimension: Int { base.dimension }
  public var centre: [Double] { base.centre }
  public var isExact: Bool { base.isExact }
  public var signFlipCoordinates: [Int]? { base.signFlipCoordinates }
  /// The base's name and where the label is odd, e.g. "Z2^3 sign flips on [0, 1, 2], label odd in [2]".
  public let name: String

  /// The largest group whose character is checked on every pair of elements; larger groups that
  /// are not sign-flip groups are checked on 65 536 seeded random pairs.
  public static var maximumExhaustiveOrder: Int { SignedLabelSymmetryLimits.maximumExhaustiveOrder }

  /// Attaches a label character given element by element.
  ///
  /// The character must be a homomorphism G → {+1, −1}: each entry exactly ±1, χ(e) = 1, and
  /// χ(g∘h) = χ(g) χ(h). For a sign-flip base (``LabelSymmetry/signFlipCoordinates`` non-`nil`)
  /// that is checked through the flip masks, χ(u) = Π_{i ∈ u} χ(flip of coordinate i); otherwise
  /// on every pair of elements (up to ``maximumExhaustiveOrder``).
  ///
  /// - Parameters:
  ///   - base: the finite symmetry (its group and corrections are kept).
  ///   - character: χ(g) for each element of `base.elements`, in that order.
  /// - Throws: ``SymmetryError`` `.dimensionMismatch` when the count differs from the order,
  ///   `.invalidParameter` naming the first entry that is not ±1 or the first pair (g, h) with
  ///   χ(g∘h) ≠ χ(g) χ(h), and `.groupNotClosed` when a product is not an element.
  /// - Complexity: O(|G| d²) for sign-flip groups, O(|G|² d³) otherwise.
  public init(_ base: Base, character: [Double]) throws(SymmetryError) {
    try checkLabelCharacter(character, of: base)
    self.base = base
    self.labelCharacter = character
    let odd = character.indices.filter { character[$0] == -1 }
    self.name = odd.isEmpty ? base.name : "\(base.name), label odd under elements \(odd)"
  }

  /// Attaches the character of a label that is odd in some coordinates of a sign-flip group and
  /// even in the others: χ(g) = Π_{c ∈ oddIn} (−1 if g flips coordinate c).
  ///
  /// - Parameters:
  ///   - base: a sign-flip symmetry (``LabelSymmetry/signFlipCoordinates`` non-`nil`), e.g.
  ///     ``SignFlips`` or ``ApproximateReflection``.
  ///   - coordinates: the coordinates the label is odd in; each must be flipped by the group.
  /// - Throws: ``SymmetryError`` `.routeNotApplicable` for a base that is not a sign-flip group
  ///   (give the character element by element instead), `.invalidCoordinates` for coordinates the
  ///   group does not flip or repeats.
  /// - Complexity: O(|G| d²).
  public init(_ base: Base, oddIn coordinates: [Int]) throws(SymmetryError) {
    guard let flipped = base.signFlipCoordinates,
          let masks = ElementLocator.flipMasks(of: base.elements, coordinates: flipped) else {
      throw SymmetryError(.routeNotApplicable,
                          "\(base.name) is not a group of coordinate sign flips, so a label cannot be odd \"in a "
                            + "coordinate\"; give the label character element by element with "
                            + "SignedLabelSymmetry(_:character:).")
    }
    let bad = coordinates.enumerated().filter { i, c in
      !flipped.contains(c) || coordinates[..<i].contains(c)
    }.map(\.element)
    guard bad.isEmpty, !coordinates.isEmpty else {
      throw SymmetryError(.invalidCoordinates,
                          "The label is said to be odd in coordinates \(coordinates), but \(base.name) flips only "
                            + "\(flipped)\(bad.isEmpty ? "" : " (\(bad) not among them or repeated)"); name one or more "
                            + "distinct coordinates from \(flipped).", indices: bad)
    }
    var oddMask = 0
    for c in coordinates { oddMask |= 1 << flipped.firstIndex(of: c)! }
    self.base = base
    self.labelCharacter = masks.map { ($0 & oddMask).nonzeroBitCount % 2 == 0 ? 1 : -1 }
    self.name = "\(base.name), label odd in \(coordinates)"
  }

  /// The base's correction c_g(x) (see the type's discussion for odd labels).
  public func labelCorrection(for element: OrthogonalAction, at x: [Double]) -> Double {
    base.labelCorrection(for: element, at: x)
  }
}

extension FiniteLabelSymmetry {
  /// Checks that ``labelCharacter`` is a one-dimensional real character of the group: one entry
  /// per element, each +1 or −1, +1 at the identity, and χ(g∘h) = χ(g) χ(h).
  ///
  /// For sign-flip groups (``LabelSymmetry/signFlipCoordinates`` non-`nil`) the homomorphism is
  /// checked through the flip masks; otherwise on every pair of elements up to order 1024 and on
  /// 65 536 seeded random pairs beyond.
  ///
  /// - Throws: ``SymmetryError`` `.dimensionMismatch` (wrong count), `.invalidParameter` naming the
  ///   first bad value or the first pair (g, h) with χ(g∘h) ≠ χ(g) χ(h) (its ``SymmetryError/indices``
  ///   are [g, h, g∘h]), `.groupNotClosed` when a product is not an element.
  /// - Complexity: O(|G| d²) for sign-flip groups, O(|G|² d³) otherwise.
  public func validateLabelCharacter() throws(SymmetryError) {
    try checkLabelCharacter(labelCharacter, of: self)
  }
}

enum SignedLabelSymmetryLimits {
  static let maximumExhaustiveOrder = 1024
}

/// Throws unless `chi` is a homomorphism G → {±1} (see ``FiniteLabelSymmetry/validateLabelCharacter()``).
func checkLabelCharacter(_ chi: [Double], of base: some FiniteLabelSymmetry) throws(SymmetryError) {
  let order = base.elements.count
  guard chi.count == order else {
    throw SymmetryError(.dimensionMismatch,
                        "The label character has \(chi.count) entries but \(base.name) has \(order) elements; "
                          + "give one value χ(g) = +1 or −1 per element, in the symmetry's element order.",
                        expected: order, actual: chi.count)
  }
  if let bad = chi.indices.first(where: { chi[$0] != 1 && chi[$0] != -1 }) {
    throw SymmetryError(.invalidParameter,
                        "The label character is \(chi[bad]) at element \(bad) of \(base.name); a one-dimensional "
                          + "real character takes the values +1 (label even under the element) or −1 (odd) only.",
                        value: chi[bad], indices: [bad])
  }
  guard chi.first == 1 else {
    throw SymmetryError(.invalidParameter,
                        "The label character is \(chi.first.map { "\($0)" } ?? "empty") at the identity (element 0) of "
                          + "\(base.name); it must be +1 there (f(e·x) = f(x)).", indices: [0])
  }
  func broken(_ a: Int, _ b: Int, _ ab: Int) -> SymmetryError {
    SymmetryError(.invalidParameter,
                  "The label character is not a homomorphism of \(base.name): χ(g) = \(chi[a]) for element \(a) and "
                    + "χ(h) = \(chi[b]) for element \(b), but their product (element \(ab)) has χ = \(chi[ab]) instead "
                    + "of \(chi[a] * chi[b]). A label with f(g·x) = χ(g) f(x) forces χ(g∘h) = χ(g) χ(h); check which "
                    + "elements the label is odd under.", indices: [a, b, ab])
  }
  if let flipped = base.signFlipCoordinates,
     let masks = ElementLocator.flipMasks(of: base.elements, coordinates: flipped) {
    // Z2^m: χ is determined by its values on the single flips; every element must agree.
    var generator = [Double](repeating: 1, count: flipped.count)
    for (k, mask) in masks.enumerated() where mask.nonzeroBitCount == 1 { generator[mask.trailingZeroBitCount] = chi[k] }
    for (k, mask) in masks.enumerated() {
      var expected = 1.0
      for i in flipped.indices where (mask >> i) & 1 == 1 { expected *= generator[i] }
      if chi[k] != expected {
        let i = mask.trailingZeroBitCount
        throw broken(masks.firstIndex(of: 1 << i) ?? 0, masks.firstIndex(of: mask ^ (1 << i)) ?? 0, k)
      }
    }
    return
  }
  let locator = ElementLocator(base.elements)
  let n = chi.count
  var pairs: [(Int, Int)] = []
  if n <= SignedLabelSymmetryLimits.maximumExhaustiveOrder {
    pairs.reserveCapacity(n * n)
    for a in 0..<n { for b in 0..<n { pairs.append((a, b)) } }
  } else {
    var rng = SeededGenerator(seed: 0xC4A7)
    pairs = (0..<65_536).map { _ in (rng.index(below: n), rng.index(below: n)) }
  }
  for (a, b) in pairs {
    guard let ab = locator.product(a, b) else {
      throw SymmetryError(.groupNotClosed,
                          "Element \(a) composed with element \(b) of \(base.name) is not among its elements, so no "
                            + "label character can be checked; list a closed group (GeneratedGroup computes the closure).",
                          indices: [a, b])
    }
    if chi[ab] != chi[a] * chi[b] { throw broken(a, b, ab) }
  }
}
