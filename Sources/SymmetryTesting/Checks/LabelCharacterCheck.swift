import Symmetries

/// A finite symmetry's label character is a one-dimensional real character of its group: one
/// entry per element, each +1 or −1, +1 at the identity, and multiplicative.
///
/// ```
/// χ(g) ∈ {+1, −1},     χ(e) = 1,     χ(g∘h) = χ(g) χ(h)
/// ```
///
/// A label with f(g·x) = χ(g) f(x) forces these (apply h, then g). Applies to finite symmetries
/// whose `FiniteLabelSymmetry.labelCharacter` is not all ones (invariant labels satisfy it
/// trivially), e.g. a user's conformer that implements `labelCharacter` itself;
/// `SignedLabelSymmetry` validates on construction. Checked with
/// `FiniteLabelSymmetry.validateLabelCharacter()` (every pair of elements up to order 1024, the
/// flip masks for sign-flip groups); one finding, for the first violation. The values are
/// compared exactly (a character is ±1, not approximately ±1), so ``tolerance`` is 0.
///
/// - Complexity: O(|G|² d³), O(|G| d²) for sign-flip groups.
public struct LabelCharacterCheck: SymmetryCheck {
  public var name: String { "label character" }
  public var property: String {
    "The label character takes the values ±1, is +1 at the identity and is multiplicative: χ(g∘h) = χ(g) χ(h)."
  }
  public var tolerance: SymmetryTolerancePolicy { .uniform(0) }

  /// The check.
  public init() {}

  public func isApplicable(to subject: SymmetryCheckSubject) -> Bool {
    guard let finite = subject.finite else { return false }
    return !finite.hasInvariantLabels
  }

  public func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    guard let finite = subject.finite else { return [] }
    do {
      try finite.validateLabelCharacter()
      return []
    } catch {
      let chi = finite.labelCharacter
      let i = error.indices
      let valid = i.allSatisfy { $0 >= 0 && $0 < chi.count }
      let (quantity, expected, observed): (String, Double, Double)
      if error.code == .dimensionMismatch {
        (quantity, expected, observed) = ("the number of character values", Double(finite.order), Double(chi.count))
      } else if valid && i.count == 3 {
        (quantity, expected, observed) = ("χ(g∘h) (h = element \(i[1]), g∘h = element \(i[2]))", chi[i[0]] * chi[i[1]], chi[i[2]])
      } else if valid && i.count == 1 {
        (quantity, expected, observed) = ("|χ(g)|", 1, chi[i[0]])
      } else {
        (quantity, expected, observed) = ("a closed group", 0, .nan)
      }
      let element = valid && !i.isEmpty ? finite.elements[i[0]] : nil
      return [SymmetryFinding(check: name, elementIndex: valid ? i.first : nil, element: element, quantity: quantity,
                              expected: expected, observed: observed, tolerance: 0, message: error.message)]
    }
  }
}
