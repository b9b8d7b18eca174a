import Foundation
import LinearAlgebra
public import Symmetries

/// A kernel split into the sectors of a finite abelian group's character table and put back
/// together with a weight per sector: a symmetry as a prior whose strength the data choose.
///
/// With a base kernel k invariant under the group, k(g·x, g·x′) = k(x, x′), and the real
/// characters χ_s of the group (a `CharacterTable`):
///
/// ```
/// k_s(x, x′) = (1/|G|) Σ_g χ_s(g) k(x, g·x′)             (the part of k that transforms by χ_s)
/// k_w(x, x′) = Σ_s w_s k_s(x, x′) = Σ_g c_g k(x, g·x′),   c_g = (1/|G|) Σ_s w_s χ_s(g),   w_s ≥ 0
/// ```
///
/// ## Special cases
///
/// | weights | kernel | the model is |
/// |---|---|---|
/// | w = (1, …, 1) | k (c = e) | unconstrained: no symmetry |
/// | w = e₀ (invariant sector) | (1/|G|) Σ_g k(x, g·x′) = `SymmetrizedKernel`/|G| | exactly invariant |
/// | w = e_χ (a 1-D sector) | (1/|G|) Σ_g χ(g) k(x, g·x′) | exactly odd: f(g·x) = χ(g) f(x) |
/// | small w_s on some sectors | | softly symmetric: the data may use those sectors |
/// | w_s = 0 on some sectors | | an exact sub-symmetry (e.g. water's q₃) |
///
/// KRR with the w = e₀ (or e_χ) kernel and ridge λ/|G| predicts as KRR on the augmented data
/// (labels χ(g)·y) with ridge λ.
///
/// ## Mathematical properties
///
/// Each k_s is positive semi-definite: in the feature space of k the group acts by unitary maps
/// U_g (φ(g·x) = U_g φ(x), since k is invariant), and P_s = (1/|G|) Σ_g χ_s(g) U_g is an orthogonal
/// projector (P_s² = P_s by the orthogonality relations, P_sᵀ = P_s because χ_s(g⁻¹) = χ_s(g)), so
/// k_s(x, x′) = ⟨P_s φ(x), P_s φ(x′)⟩. A sum with w ≥ 0 is then PSD, and Σ_s k_s = k because
/// Σ_s P_s = 1. Since the group is abelian, k_w is itself invariant: k_w(g·x, g·x′) = k_w(x, x′).
///
/// ## Hyperparameters
///
/// The base kernel's, then one per ``SectorWeight`` ("weight[name]", log space); weights fixed by
/// the caller or equal to 0 are listed as fixed. `gradientMatrices` gives ∂K/∂log w_j =
/// w_j Σ_{s ∈ j} K_s, so `GaussianProcessRegression` can fit the weights by the marginal
/// likelihood. When a signal variance is fitted too, fix one weight (e.g. the invariant sector at
/// 1): otherwise the overall scale is counted twice.
///
/// - Complexity: a Gram matrix costs one base block per element with c_g ≠ 0 (about |G|/2 cross-kernel
///   calls when inverses pair up; each one BLAS gemm plus one profile pass for stationary kernels)
///   and O(|G| N²) additions; one N × N factorisation by the regressor. The gradient builds each block
///   K^(g) once (one gemm per element) and adds it into every output with `daxpy`.
///
/// Reference: the design note "Soft approximate symmetries" (§2); arXiv 2605.28238; J.-P. Serre,
/// *Linear Representations of Finite Groups* (1977), §2.6 (the projectors); M. van der Wilk et al.,
/// "Learning invariances using the marginal likelihood", NeurIPS 2018 (invariances as
/// likelihood-fitted kernel hyperparameters).
public struct CharacterWeightedKernel<Base: Kernel, G: FiniteLabelSymmetry>: SectorWeightedKernel {
  /// The base kernel k, invariant under the group.
  public let base: Base
  /// The finite abelian group G.
  public let symmetry: G
  /// The group's real characters (its columns follow `symmetry.elements`).
  public let characterTable: CharacterTable
  /// The weight groups; together they cover every sector exactly once.
  public let weights: [SectorWeight]
  /// w_s for every sector, from ``weights``.
  public let sectorWeights: [Double]
  /// c_g = (1/|G|) Σ_s w_s χ_s(g) for every element.
  public let elementCoefficients: [Double]
  let orbit: KernelOrbit

  /// A character-weighted kernel with one weight per group of sectors.
  ///
  /// ```swift
  /// let flips = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
  /// let table = try CharacterTable(signFlips: flips, coordinateNames: ["q1", "q2", "q3"])
  /// let k = try CharacterWeightedKernel(GaussianKernel(lengthScale: 0.5), symmetry: flips, table: table, weights: [
  ///   SectorWeight(name: "even", sectors: [0], value: 1, isFixed: true),
  ///   SectorWeight(name: "odd in q1", sectors: [1, 3], value: 0.1),
  ///   SectorWeight(name: "odd only in q2", sectors: [2], value: 0.1),
  ///   SectorWeight(name: "odd in q3", sectors: [4, 5, 6, 7], value: 0)])
  /// k.hyperparameters.map(\.name)   // ["lengthScale", "weight[even]", "weight[odd in q1]", "weight[odd only in q2]", "weight[odd in q3]"]
  /// ```
  ///
  /// - Parameters:
  ///   - base: k, invariant under the group (checked numerically unless `base.isIsotropic`).
  ///   - symmetry: the finite abelian group (exact or approximate: the kernel only uses its elements).
  ///   - table: its character table; `nil` computes it for sign flips (`CharacterTable(signFlips:)`).
  ///   - weights: groups of sectors with their weights, covering every sector exactly once.
  ///   - tolerance: relative tolerance of the invariance check.
  /// - Throws: `SymmetryError` `.invalidParameter` listing every bad weight (negative, NaN or
  ///   infinite values naming the weight and its sectors; bad bounds; sectors missing, repeated or
  ///   out of range; all weights zero), `.dimensionMismatch` when the table was built for other
  ///   elements, `.routeNotApplicable` when no table is given for a group that is not sign flips,
  ///   `.nonOrthogonalElement`, `.kernelNotInvariant`.
  /// - Complexity: O(|G|² d³) to pair elements with their inverses, O(|G| S) for the coefficients.
  public init(_ base: Base, symmetry: G, table: CharacterTable? = nil, weights: [SectorWeight],
              tolerance: Double = 1e-10) throws(SymmetryError) {
    let table = try Self.table(table, of: symmetry)
    try Self.check(table, matches: symmetry)
    let perSector = try Self.sectorWeights(weights, table: table)
    try checkOrthogonalElements(symmetry, route: "character-weighted kernel")
    if !base.isIsotropic {
      try checkKernelInvariance(base, symmetry: symmetry, route: "character-weighted kernel", tolerance: tolerance)
    }
    self.init(unchecked: base, symmetry: symmetry, table: table, weights: weights, sectorWeights: perSector,
              orbit: KernelOrbit(elements: symmetry.elements))
  }

  /// A character-weighted kernel with one weight per sector, in the table's sector order; each
  /// positive weight is a free hyperparameter named after its sector, each zero weight is fixed.
  ///
  /// ```swift
  /// let flips = try SignFlips(dimension: 1, coordinates: [0])
  /// let k = try CharacterWeightedKernel(GaussianKernel(lengthScale: 1), symmetry: flips, sectorWeights: [1, 0.2])
  /// k.value([0.5], [0.7])   // 0.6·k(0.5, 0.7) + 0.4·k(0.5, −0.7)
  /// ```
  ///
  /// - Parameters:
  ///   - base: k, invariant under the group.
  ///   - symmetry: the finite abelian group.
  ///   - table: its character table (`nil`: computed for sign flips).
  ///   - sectorWeights: w_s ≥ 0, one per sector.
  ///   - bounds: optimisation bounds of the positive weights.
  ///   - tolerance: relative tolerance of the invariance check.
  /// - Throws: as ``init(_:symmetry:table:weights:tolerance:)``, and `.dimensionMismatch` when the
  ///   number of weights is not the number of sectors.
  /// - Complexity: as ``init(_:symmetry:table:weights:tolerance:)``.
  public init(_ base: Base, symmetry: G, table: CharacterTable? = nil, sectorWeights: [Double],
              bounds: ClosedRange<Double> = 1e-5...1e5, tolerance: Double = 1e-10) throws(SymmetryError) {
    let table = try Self.table(table, of: symmetry)
    guard sectorWeights.count == table.sectors.count else {
      throw SymmetryError(.dimensionMismatch,
                          "There are \(sectorWeights.count) sector weights but the character table of \(symmetry.name) has "
                            + "\(table.sectors.count) sectors (\(Self.list(table.sectorNames))); give one weight per sector, "
                            + "in the table's order.", expected: table.sectors.count, actual: sectorWeights.count)
    }
    let groups = zip(table.sectors, sectorWeights).enumerated().map { s, pair in
      SectorWeight(name: pair.0.name, sectors: [s], value: pair.1, bounds: bounds)
    }
    try self.init(base, symmetry: symmetry, table: table, weights: groups, tolerance: tolerance)
  }

  /// The kernel of an exact label symmetry with a character: weight 1 (fixed) on the sector of
  /// `symmetry.labelCharacter`, 0 on every other,
  ///
  /// ```
  /// k_χ(x, x′) = (1/|G|) Σ_g χ(g) k(x, g·x′)      (= SymmetrizedKernel / |G|)
  /// ```
  ///
  /// so a model fitted with it is exactly invariant (χ ≡ 1) or exactly odd.
  ///
  /// - Parameters:
  ///   - base: k, invariant under the group.
  ///   - symmetry: the group with its label character, e.g. a `SignedLabelSymmetry`.
  ///   - table: its character table (`nil`: computed for sign flips).
  /// - Throws: as ``init(_:symmetry:table:weights:tolerance:)``, and `.invalidParameter` when no
  ///   one-dimensional sector of the table has the label character.
  public init(_ base: Base, labelCharacterOf symmetry: G, table: CharacterTable? = nil) throws(SymmetryError) {
    let table = try Self.table(table, of: symmetry)
    guard let s = table.sectorIndex(matching: symmetry.labelCharacter) else {
      throw SymmetryError(.invalidParameter,
                          "No sector of the character table has the label character \(symmetry.labelCharacter) of "
                            + "\(symmetry.name); give the group's complete table (it contains every one-dimensional character).")
    }
    let weights = table.sectors.indices.map { $0 == s ? 1.0 : 0 }
    try self.init(base, symmetry: symmetry, table: table, weights: zip(table.sectors, weights).enumerated().map { k, pair in
      SectorWeight(name: pair.0.name, sectors: [k], value: pair.1, isFixed: true)
    })
  }

  init(unchecked base: Base, symmetry: G, table: CharacterTable, weights: [SectorWeight], sectorWeights: [Double],
       orbit: KernelOrbit) {
    self.base = base
    self.symmetry = symmetry
    self.characterTable = table
    self.weights = weights
    self.sectorWeights = sectorWeights
    self.elementCoefficients = table.projectorCoefficients(sectorWeights: sectorWeights)
    self.orbit = orbit
  }

  /// The given table, or the sign-flip table of the symmetry.
  private static func table(_ given: CharacterTable?, of symmetry: G) throws(SymmetryError) -> CharacterTable {
    if let given { return given }
    return try CharacterTable(signFlips: symmetry)
  }

  /// Throws unless the table's columns are the symmetry's elements.
  private static func check(_ table: CharacterTable, matches symmetry: G) throws(SymmetryError) {
    let elements = symmetry.elements
    let mismatch = table.order != elements.count
      || zip(table.elements, elements).contains { !$0.isApproximatelyEqual(to: $1, tolerance: 1e-9) }
    if mismatch {
      throw SymmetryError(.dimensionMismatch,
                          "The character table has \(table.order) columns for other elements than the \(elements.count) of "
                            + "\(symmetry.name); build the table from the same symmetry (CharacterTable(signFlips:) or "
                            + "CharacterTable(symmetry:sectors:)).", expected: elements.count, actual: table.order)
    }
  }

  /// Validates the weight groups against the table and expands them to one weight per sector.
  static func sectorWeights(_ groups: [SectorWeight], table: CharacterTable) throws(SymmetryError) -> [Double] {
    let count = table.sectors.count
    var problems: [String] = []
    var owner = [Int?](repeating: nil, count: count)
    var names = Set<String>()
    for (j, w) in groups.enumerated() {
      let label = "sector weight \"\(w.name)\" (sectors \(w.sectors))"
      if w.name.isEmpty || !names.insert(w.name).inserted {
        problems.append("weight \(j) has \(w.name.isEmpty ? "an empty name" : "the repeated name \"\(w.name)\""); give each a distinct name")
      }
      if !(w.value.isFinite && w.value >= 0) {
        problems.append("\(label) is \(w.value); weights must be finite and ≥ 0 (0 switches the sectors off, 1 keeps them "
                          + "as in the base kernel)")
      }
      if w.isFree && !(w.bounds.lowerBound > 0 && w.bounds.upperBound.isFinite) {
        problems.append("\(label) has bounds \(w.bounds.lowerBound)…\(w.bounds.upperBound); the bounds of a free weight must "
                          + "be finite and > 0 (it is optimised in log space), e.g. 1e-5…1e5")
      }
      if w.sectors.isEmpty { problems.append("\(label) covers no sector; list its sectors or remove it") }
      for s in w.sectors {
        if s < 0 || s >= count {
          problems.append("\(label) names sector \(s), out of range 0..<\(count)")
        } else if let other = owner[s] {
          problems.append("sector \(s) (\(table.sectors[s].name)) is in both weight \"\(groups[other].name)\" and \"\(w.name)\"")
        } else {
          owner[s] = j
        }
      }
    }
    let missing = (0..<count).filter { owner[$0] == nil }
    if !missing.isEmpty {
      problems.append("sectors \(missing) (\(list(missing.map { table.sectors[$0].name }))) have no weight; give every sector "
                        + "one (0 switches it off)")
    }
    if problems.isEmpty && !groups.contains(where: { $0.value > 0 }) {
      problems.append("every weight is 0, which makes the kernel identically zero; give at least one sector a positive weight")
    }
    guard problems.isEmpty else {
      throw SymmetryError(.invalidParameter, "Invalid sector weights: " + problems.joined(separator: "; ") + ".")
    }
    return owner.map { groups[$0!].value }
  }

  static func list(_ names: [String]) -> String {
    names.count <= 8 ? names.joined(separator: "; ") : names.prefix(8).joined(separator: "; ") + "; …"
  }
}
