public import Symmetries

/// How strongly a model trusts a label symmetry: fully, through a separate ridge on the augmented
/// copies, through weights on the character sectors, or not at all.
///
/// The trust is one of three independent choices a symmetric model makes: the *route*
/// (`SymmetryRoute`, how the group enters the solve), the *trust* (this type, how strongly the
/// model believes the augmented labels) and, outside this type, what is learned (a baseline). An
/// approximate symmetry used with full trust floors the learning curve at the augmented labels'
/// error; a trust chosen on held-out data lets the data switch the symmetry off once they know
/// better (arXiv 2605.28238; design note "soft symmetries").
///
/// ```
/// full:            ridge λ on every copy                      (today's augmentation)
/// copyRidge(ε²):   ridge λ on the originals, λ + ε² on every non-identity copy
///                    min_f Σ_i (f(x_i) − y_i)²/λ + Σ_{g≠e} Σ_i (f(g·x_i) − y_i − c_g(x_i))²/(λ + ε²) + ‖f‖²
///                  ε² = 0 is `full`; ε² = +∞ ignores the copies (KRR on the originals, as `none`)
/// sectorWeights(w): the character-weighted kernel k_w = Σ_s w_s k_s (w_s ≥ 0, one per sector)
/// none:            the symmetry is not used (plain KRR on the originals)
/// ```
///
/// Which routes carry which trust:
///
/// | trust | `.augment` | `.fourier` | `.sumKernel` | `.haarKernel` |
/// |---|---|---|---|---|
/// | `.full`, `.none`, `.copyRidge(0)` | yes | yes | yes | yes |
/// | `.copyRidge(ε² > 0)` | yes (per-sample ridges, also Haar copies) | yes (`GroupFourierSolver.fit(_:_:copyRidge:)`) | no | no |
/// | `.sectorWeights` | no | no | no | no (a character-weighted kernel carries it) |
///
/// `SymmetricKernelRidge` refuses a combination its route cannot carry, naming the route to use.
///
/// ```swift
/// let trust = SymmetryTrust.copyRidge(1e-4)
/// try trust.validate(groupOrder: 4)        // fine
/// try SymmetryTrust.copyRidge(-1).validate(groupOrder: 4)
/// // throws: The copy ridge ε² is -1.0; it must be a number ≥ 0 (0 trusts …
/// ```
public enum SymmetryTrust: Sendable, Hashable, CustomStringConvertible {
  /// Trust the symmetry fully: every copy carries the ridge λ.
  case full
  /// A separate ridge: λ on the originals, λ + ε² on every non-identity copy; ε² ≥ 0, and
  /// `.infinity` means the copies carry no information (KRR on the originals).
  case copyRidge(Double)
  /// Non-negative weights w_s, one per character sector of the group, for the character-weighted
  /// kernel k_w = Σ_s w_s k_s (all ones: the plain kernel; e₀: the invariant kernel).
  case sectorWeights([Double])
  /// Do not use the symmetry: plain KRR on the original samples.
  case none

  /// `full`, `copyRidge(ε²)`, `sectorWeights([…])` or `none`.
  public var description: String {
    switch self {
    case .full: "full"
    case .copyRidge(let e): "copyRidge(\(e))"
    case .sectorWeights(let w): "sectorWeights(\(w))"
    case .none: "none"
    }
  }

  /// The ridge ε² this trust adds on the non-identity copies of an augmented problem: 0 for
  /// `.full`, +∞ for `.none`, the payload for `.copyRidge`, `nil` for `.sectorWeights` (not a
  /// copy ridge).
  public var copyRidge: Double? {
    switch self {
    case .full: 0
    case .copyRidge(let e): e
    case .none: .infinity
    case .sectorWeights: nil
    }
  }

  /// Checks the payload: ε² ≥ 0 and not NaN (+∞ allowed); sector weights finite, ≥ 0, not all
  /// zero, and one per element when the group order is known.
  ///
  /// - Parameter groupOrder: |G| of a finite group (the number of character sectors), or `nil`
  ///   when unknown or continuous (the weight count is then not checked).
  /// - Throws: `SymmetryError` `.invalidParameter` naming the value, the valid range and a next
  ///   step; `.dimensionMismatch` for a weight count different from |G|.
  /// - Complexity: O(|G|).
  public func validate(groupOrder: Int?) throws(SymmetryError) {
    switch self {
    case .full, .none:
      return
    case .copyRidge(let e):
      if let message = Self.copyRidgeProblem(e, index: nil) { throw SymmetryError(.invalidParameter, message, value: e) }
    case .sectorWeights(let w):
      if w.isEmpty && groupOrder == nil {
        throw SymmetryError(.invalidParameter,
                            "There are no sector weights; give one weight ≥ 0 per character sector of the group.",
                            actual: 0)
      }
      if let order = groupOrder, w.count != order {
        throw SymmetryError(.dimensionMismatch,
                            "There are \(w.count) sector weights for a group of order \(order); give one weight "
                              + "per character sector (\(order) numbers ≥ 0).", expected: order, actual: w.count)
      }
      if let i = w.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
        throw SymmetryError(.invalidParameter,
                            "Sector weight \(i) is \(w[i]); every weight must be a finite number ≥ 0 (1 keeps the "
                              + "sector as in the plain kernel, 0 removes it).", value: w[i], indices: [i])
      }
      if !w.isEmpty && w.allSatisfy({ $0 == 0 }) {
        throw SymmetryError(.invalidParameter,
                            "All \(w.count) sector weights are 0, which leaves a zero kernel; give at least one "
                              + "positive weight (e.g. 1 for the invariant sector, index 0).", value: 0)
      }
    }
  }

  /// The message for a bad copy ridge ε² (negative or NaN), or `nil` when it is valid.
  /// - Parameters:
  ///   - e: ε².
  ///   - index: Its position in a grid, named in the message when given.
  static func copyRidgeProblem(_ e: Double, index: Int?) -> String? {
    guard !(e >= 0) else { return nil }  // `e >= 0` is false for NaN
    return "The copy ridge ε²\(index.map { " at index \($0)" } ?? "") is \(e); it must be a number ≥ 0 (0 trusts the "
      + "symmetry fully, .infinity ignores the augmented copies). Choose ε² on held-out data, or from the "
      + "augmented-label error that SymmetryDiagnostics reports."
  }
}
