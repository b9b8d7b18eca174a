import LinearAlgebra
public import Symmetries

// MARK: - Exact and approximate symmetries in normal coordinates

extension NormalModeAnalysis {
  /// The exact symmetry group of the potential in normal coordinates: the point group's action
  /// q ↦ A_g q about q = 0, as a finite group (duplicates removed: operations that act alike on
  /// the modes, such as the molecular plane of a planar molecule on its in-plane modes, give one
  /// element).
  ///
  /// ```
  /// V(A_g q) = V(q)   for every g in the point group   (exactly, for any surface of this molecule)
  /// ```
  ///
  /// For C₂ᵥ H₂CO (modes A₁ A₁ A₁ B₁ B₂ B₂) it is {I, flip q₄, flip (q₅, q₆), flip (q₄, q₅, q₆)}:
  /// the joint flip of the two B₂ modes is exact, a single B₂ flip is not. Degenerate modes give
  /// orthogonal 2 × 2 or 3 × 3 blocks, so the group need not be made of sign flips; every element
  /// is orthogonal and the set is closed (it is the image of a representation), as
  /// `SymmetryTesting` checks.
  ///
  /// - Throws: ``MoleculeError`` `.symmetryUndetermined` if the closure fails (it cannot for the
  ///   actions this type builds; the error carries the `SymmetryError` message).
  /// - Complexity: O(|G|² m³).
  public func exactSymmetry() throws(MoleculeError) -> GeneratedGroup {
    do {
      return try GeneratedGroup(generators: actions, name: "\(pointGroup.name) on \(modeCount) normal coordinates",
                                isExact: true, maximumOrder: max(2 * actions.count, 2))
    } catch {
      throw MoleculeError(.symmetryUndetermined, "The point group's action on the normal coordinates does not form a group: \(error.message)")
    }
  }

  /// For each element of ``exactSymmetry()`` that is a pure sign flip, the modes it flips (0-based),
  /// identity (no modes) first. Elements that mix degenerate modes are left out.
  public var exactSignFlips: [[Int]] {
    var out: [[Int]] = []
    for a in actions where a.maxAbsoluteDifference(to: .diagonal(a.diagonal)) == 0 {
      let flipped = (0..<modeCount).filter { a[$0, $0] < 0 }
      if !out.contains(flipped) { out.append(flipped) }
    }
    return out.sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
  }

  /// The modes whose single sign flip qₖ → −qₖ is an exact symmetry (0-based).
  public var exactlyFlippableModes: [Int] {
    exactSignFlips.filter { $0.count == 1 }.map { $0[0] }
  }

  /// The modes whose single sign flip is only approximate (0-based): every mode not in
  /// ``exactlyFlippableModes``. A flip of qₖ about the minimum keeps the harmonic energy
  /// ½ωₖqₖ² and is broken by the odd anharmonic terms in qₖ.
  public var approximatelyFlippableModes: [Int] {
    let exact = Set(exactlyFlippableModes)
    return (0..<modeCount).filter { !exact.contains($0) }
  }

  /// The approximate reflections: sign flips of single normal coordinates about the minimum
  /// q = 0, as a Z2^k group, optionally with a Taylor correction of the augmented labels.
  ///
  /// - Parameters:
  ///   - modes: the modes to flip (0-based); default ``approximatelyFlippableModes``.
  ///   - correction: the label correction (``taylorCorrection(order:constants:unit:)``), default none.
  /// - Throws: ``MoleculeError`` `.invalidParameter` for more than 20 modes or indices out of
  ///   range, or a correction of another dimension (the `SymmetryError` message is included).
  public func approximateReflections(modes: [Int]? = nil, correction: TaylorCorrection = .none) throws(MoleculeError) -> ApproximateReflection {
    let chosen = modes ?? approximatelyFlippableModes
    do {
      return try ApproximateReflection(equilibrium: [Double](repeating: 0, count: modeCount), coordinates: chosen,
                                       correction: correction)
    } catch {
      throw MoleculeError(.invalidParameter, "Cannot build the approximate reflections of modes \(chosen): \(error.message)")
    }
  }

  /// The Taylor correction in dimensionless normal coordinates: H₀ = diag(ω) and, for order 3,
  /// the cubic force constants φᵢⱼₖ.
  ///
  /// ```
  /// T₂(q) = ½ Σₖ ωₖ qₖ²,   T₃(q) = T₂(q) + ⅙ Σ φᵢⱼₖ qᵢ qⱼ qₖ
  /// ```
  ///
  /// - Parameters:
  ///   - order: 2 or 3.
  ///   - constants: the anharmonic constants (needed for order 3).
  ///   - unit: the labels' energy unit (default cm⁻¹; hartree, eV, …).
  /// - Throws: ``MoleculeError`` `.invalidParameter` for another order, order 3 without constants,
  ///   or constants for another number of modes.
  public func taylorCorrection(order: Int, constants: AnharmonicConstants? = nil,
                               unit: MolecularUnits.Energy = .wavenumber) throws(MoleculeError) -> TaylorCorrection {
    let scale = 1 / unit.hartree  // unit per hartree
    let h0 = Matrix.diagonal(frequencies.map { $0 * scale })
    guard order == 2 || order == 3 else {
      throw MoleculeError(.invalidParameter, "Taylor correction order \(order); use 2 (harmonic) or 3 (with cubic force constants).")
    }
    var cubic: [Double]? = nil
    if order == 3 {
      guard let constants else {
        throw MoleculeError(.invalidParameter, "A Taylor correction of order 3 needs the cubic force constants; compute them with anharmonicConstants(…) from displaced Hessians.")
      }
      guard constants.modeCount == modeCount else {
        throw MoleculeError(.invalidParameter, "The anharmonic constants are for \(constants.modeCount) modes; this molecule has \(modeCount).")
      }
      let factor = MolecularUnits.Energy.wavenumber.hartree * scale
      cubic = constants.cubic.map { $0 * factor }
    }
    do {
      if let cubic { return try TaylorCorrection(hessian: h0, cubicConstants: cubic) }
      return try TaylorCorrection(hessian: h0)
    } catch {
      throw MoleculeError(.invalidParameter, "The Taylor correction could not be built: \(error.message)")
    }
  }
}
