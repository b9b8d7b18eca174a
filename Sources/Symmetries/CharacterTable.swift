import Foundation
internal import LinearAlgebra

/// The real characters of a finite abelian group acting on inputs: one row (a *sector*) per
/// real irreducible representation ρ, one column per element in the symmetry's element order.
///
/// A function space the group acts on splits into sectors, the functions that transform by ρ.
/// The projector onto sector ρ and the matching part of a kernel are
///
/// ```
/// P_ρ = (1/|G|) Σ_g χ_ρ(g) g,          Σ_ρ P_ρ = 1,   P_ρ P_σ = δ_ρσ P_ρ
/// k_ρ(x, x′) = (1/|G|) Σ_g χ_ρ(g) k(x, g·x′),     Σ_ρ k_ρ = k
/// ```
///
/// For an abelian group every real irreducible representation has dimension 1 (a character
/// with values ±1, f(g·x) = χ(g) f(x)) or 2 (a pair of complex-conjugate characters e^{±iθ(g)}
/// seen as a rotation of a plane, real character 2 cos θ(g)). The coefficient is 1/|G| for both
/// kinds: a two-dimensional real irreducible representation of an abelian group has a
/// two-dimensional commutant (it is of complex type), so the general (dim ρ/|G|) of an absolutely
/// irreducible representation does not apply; Z3 acting by 120° rotations shows it:
///
/// ```
/// Z3 = {e, r, r²}:   χ_even = (1, 1, 1),   χ_rot = (2, −1, −1)
/// P_even + P_rot = (1/3)[(1+2) e + (1−1) r + (1−1) r²] = e       ((dim/|G|) would give 5/3 e)
/// ```
///
/// ## What is validated
///
/// A table given row by row (``init(symmetry:sectors:tolerance:)``) must be the complete real
/// character table of an abelian group, checked to `tolerance`:
///
/// - one row per sector with one entry per element, finite, names non-empty and distinct;
/// - dimension 1 or 2, and χ_ρ(e) = dim ρ (the identity's column);
/// - orthogonality Σ_g χ_ρ(g) χ_σ(g) = |G| dim ρ δ_ρσ, and completeness Σ_ρ dim ρ = |G|;
/// - the group is abelian and each row is a real character, χ(g)χ(h) = (dim ρ / 2)(χ(gh) + χ(gh⁻¹))
///   (d'Alembert's equation, whose solutions on an abelian group are exactly z + z̄ for a
///   character z, or a ±1 homomorphism when dim ρ = 1).
///
/// For sign flips the table is computed (``init(signFlips:coordinateNames:)``):
/// χ_s(u) = (−1)^popcount(s & u), sector s named by the coordinates it is odd in.
///
/// Reference: J.-P. Serre, *Linear Representations of Finite Groups* (Springer, 1977), §2 and
/// §13.2 (real representations); arXiv 2605.28238 (the sign-flip characters of the
/// group-Fourier route).
public struct CharacterTable: Sendable, Hashable, CustomStringConvertible {
  /// One real irreducible representation: its name, dimension and character.
  public struct Sector: Sendable, Hashable, CustomStringConvertible {
    /// A name for reports and weight groups, e.g. "even" or "odd in q1,q3".
    public let name: String
    /// The representation's real dimension, 1 or 2.
    public let dimension: Int
    /// χ(g) for each element, in the symmetry's element order.
    public let characters: [Double]
    /// For sign-flip tables: the coordinates the sector is odd in (indices into the input);
    /// `nil` for tables given row by row.
    public let oddCoordinates: [Int]?

    /// A sector of a table given row by row.
    ///
    /// - Parameters:
    ///   - name: a non-empty name, distinct within the table.
    ///   - characters: χ(g) per element, in the symmetry's element order.
    ///   - dimension: 1 (values ±1) or 2 (a plane rotated by the group).
    public init(name: String, characters: [Double], dimension: Int = 1) {
      self.init(name: name, dimension: dimension, characters: characters, oddCoordinates: nil)
    }

    init(name: String, dimension: Int, characters: [Double], oddCoordinates: [Int]?) {
      self.name = name
      self.dimension = dimension
      self.characters = characters
      self.oddCoordinates = oddCoordinates
    }

    /// `true` for a sign-flip sector odd in `coordinate` (false for tables given row by row).
    public func isOdd(in coordinate: Int) -> Bool { oddCoordinates?.contains(coordinate) ?? false }

    /// "name (dim d): χ = […]".
    public var description: String {
      "\(name) (dim \(dimension)): χ = [" + characters.map { String(format: "%g", $0) }.joined(separator: ", ") + "]"
    }
  }

  /// The sectors, one per real irreducible representation; for sign flips, sector s is odd in
  /// `coordinates[i]` exactly when bit i of s is set (s = 0, the invariant sector, first).
  public let sectors: [Sector]
  /// The group elements the columns refer to (the symmetry's ``FiniteLabelSymmetry/elements``).
  public let elements: [OrthogonalAction]

  /// The group order |G| (the number of columns).
  public var order: Int { elements.count }
  /// The sectors' names, in order.
  public var sectorNames: [String] { sectors.map(\.name) }

  /// The largest group a table is built for (|G|² entries are stored).
  public static let maximumOrder = 1024

  /// A table given row by row, validated as the complete real character table of an abelian group
  /// (see the type's discussion).
  ///
  /// ```swift
  /// // Z3 acting on the plane by 120° rotations (elements e, r, r² in closure order)
  /// let r = Matrix(rows: [[-0.5, -0.75.squareRoot()], [0.75.squareRoot(), -0.5]])
  /// let z3 = try GeneratedGroup(generators: [r], name: "C3", expectedOrder: 3)
  /// let table = try CharacterTable(symmetry: z3, sectors: [
  ///   .init(name: "invariant", characters: [1, 1, 1]),
  ///   .init(name: "rotating", characters: [2, -1, -1], dimension: 2)])
  /// table.projectorCoefficients(sectorWeights: [1, 1])   // [1, 0, 0]: the identity
  /// ```
  ///
  /// - Parameters:
  ///   - symmetry: the finite group (identity first).
  ///   - sectors: the rows.
  ///   - tolerance: the absolute tolerance of the identities, relative to |G| for the sums.
  /// - Throws: ``SymmetryError`` `.invalidParameter` listing every violated condition (which row,
  ///   which element or pair, expected and found values), `.dimensionMismatch` for rows of the
  ///   wrong length, `.groupNotClosed` when a product is not an element.
  /// - Complexity: O(|G|² (d³ + S)) for S sectors.
  public init(symmetry: some FiniteLabelSymmetry, sectors: [Sector], tolerance: Double = 1e-9) throws(SymmetryError) {
    let elements = symmetry.elements
    let n = elements.count
    guard n <= Self.maximumOrder else { throw Self.tooLarge(n, symmetry.name) }
    if let row = sectors.firstIndex(where: { $0.characters.count != n }) {
      throw SymmetryError(.dimensionMismatch,
                          "Sector \(row) (\(sectors[row].name)) has \(sectors[row].characters.count) characters but "
                            + "\(symmetry.name) has \(n) elements; give χ(g) for every element, in the symmetry's element order.",
                          expected: n, actual: sectors[row].characters.count, indices: [row])
    }
    var problems: [String] = []
    Self.checkRows(sectors, order: n, tolerance: tolerance, into: &problems)
    if problems.isEmpty { try Self.checkGroup(sectors, locator: ElementLocator(elements), tolerance: tolerance, into: &problems) }
    guard problems.isEmpty else {
      throw SymmetryError(.invalidParameter,
                          "The character table of \(symmetry.name) is not valid: " + problems.joined(separator: "; ")
                            + ". Give one row per real irreducible representation of the (abelian) group, in the "
                            + "symmetry's element order; for sign flips use CharacterTable(signFlips:).")
    }
    self.sectors = sectors
    self.elements = elements
  }

  init(uncheckedSectors sectors: [Sector], elements: [OrthogonalAction]) {
    self.sectors = sectors
    self.elements = elements
  }

  static func tooLarge(_ n: Int, _ name: String) -> SymmetryError {
    SymmetryError(.invalidParameter,
                  "\(name) has \(n) elements; character tables are built for groups of at most \(maximumOrder) "
                    + "(they store |G|² entries and a character-weighted kernel evaluates |G| blocks); use a smaller group.",
                  expected: maximumOrder, actual: n)
  }

  /// Shapes, values, the identity column, orthogonality and completeness.
  private static func checkRows(_ sectors: [Sector], order n: Int, tolerance: Double, into problems: inout [String]) {
    var names = Set<String>()
    for (r, s) in sectors.enumerated() {
      if s.name.isEmpty || !names.insert(s.name).inserted {
        problems.append("sector \(r) has \(s.name.isEmpty ? "an empty name" : "the repeated name \"\(s.name)\"")")
      }
      if s.dimension != 1 && s.dimension != 2 {
        problems.append("sector \(r) (\(s.name)) has dimension \(s.dimension), but real irreducible representations of an "
                          + "abelian group have dimension 1 or 2")
      }
      if let bad = s.characters.firstIndex(where: { !$0.isFinite }) {
        problems.append("sector \(r) (\(s.name)) has the non-finite character \(s.characters[bad]) at element \(bad)")
      } else if n > 0, abs(s.characters[0] - Double(s.dimension)) > tolerance {
        problems.append("sector \(r) (\(s.name)) has χ(e) = \(s.characters[0]) at the identity (element 0), expected its "
                          + "dimension \(s.dimension)")
      }
    }
    guard problems.isEmpty else { return }
    for a in sectors.indices {
      for b in a..<sectors.count {
        let dot = zip(sectors[a].characters, sectors[b].characters).reduce(0) { $0 + $1.0 * $1.1 }
        let expected = a == b ? Double(n * sectors[a].dimension) : 0
        if abs(dot - expected) > tolerance * Double(n) {
          problems.append(a == b
            ? "Σ_g χ(g)² of sector \(a) (\(sectors[a].name)) is \(dot), expected |G| dim = \(expected) (is it reducible, or scaled?)"
            : "sectors \(a) (\(sectors[a].name)) and \(b) (\(sectors[b].name)) are not orthogonal: Σ_g χ_a(g) χ_b(g) = \(dot), expected 0")
        }
      }
    }
    let total = sectors.reduce(0) { $0 + $1.dimension }
    if total != n {
      problems.append("the dimensions add up to \(total), but a complete table of an abelian group of order \(n) has "
                        + "Σ dim = \(n) (\(total < n ? "sectors are missing" : "too many sectors"))")
    }
  }

  /// Abelian, and every row satisfies χ(g)χ(h) = (dim/2)(χ(gh) + χ(gh⁻¹)).
  private static func checkGroup(_ sectors: [Sector], locator: ElementLocator, tolerance: Double,
                                 into problems: inout [String]) throws(SymmetryError) {
    let n = locator.elements.count
    var inverse = [Int](repeating: 0, count: n)
    for a in 0..<n {
      guard let i = locator.inverse(a) else {
        throw SymmetryError(.groupNotClosed, "The inverse of element \(a) is not among the elements; list a closed group "
                              + "(GeneratedGroup computes the closure).", indices: [a])
      }
      inverse[a] = i
    }
    var reported = Set<Int>()
    for a in 0..<n {
      for b in 0..<n {
        guard let ab = locator.product(a, b), let ba = locator.product(b, a), let abInv = locator.product(a, inverse[b]) else {
          throw SymmetryError(.groupNotClosed, "A product of elements \(a) and \(b) is not among the elements; list a closed "
                                + "group (GeneratedGroup computes the closure).", indices: [a, b])
        }
        if ab != ba {
          problems.append("elements \(a) and \(b) do not commute, and character tables are supported for abelian groups only "
                            + "(for a one-dimensional label character of any finite group use SignedLabelSymmetry)")
          return
        }
        for (r, s) in sectors.enumerated() where !reported.contains(r) {
          let chi = s.characters
          let lhs = chi[a] * chi[b], rhs = Double(s.dimension) / 2 * (chi[ab] + chi[abInv])
          if abs(lhs - rhs) > tolerance * Double(s.dimension * s.dimension) {
            reported.insert(r)
            problems.append("sector \(r) (\(s.name)) is not a character: χ(g)χ(h) = \(lhs) for elements \(a) and \(b), but "
                              + "(dim/2)(χ(gh) + χ(gh⁻¹)) = \(rhs)")
          }
        }
      }
    }
  }

  /// The element coefficients of a weighted sum of sector projectors,
  ///
  /// ```
  /// c_g = (1/|G|) Σ_s w_s χ_s(g),        Σ_s w_s P_s = Σ_g c_g g
  /// ```
  ///
  /// w = (1, …, 1) gives c = e (the identity: no symmetry); w = e₀ (the invariant sector) gives
  /// c_g = 1/|G| (the group average).
  ///
  /// - Parameter weights: w_s, one per sector.
  /// - Returns: c_g, one per element.
  /// - Precondition: `weights.count == sectors.count`.
  /// - Complexity: O(|G| S).
  public func projectorCoefficients(sectorWeights weights: [Double]) -> [Double] {
    precondition(weights.count == sectors.count, "\(weights.count) weights for \(sectors.count) sectors")
    let n = Double(order)
    return (0..<order).map { g in
      var total = 0.0
      for (s, w) in zip(sectors, weights) where w != 0 { total += w * s.characters[g] }
      return total / n
    }
  }

  /// The index of the one-dimensional sector whose character is `character` (e.g. a symmetry's
  /// ``FiniteLabelSymmetry/labelCharacter``), or `nil`.
  ///
  /// - Complexity: O(|G| S).
  public func sectorIndex(matching character: [Double]) -> Int? {
    sectors.firstIndex { $0.dimension == 1 && $0.characters == character }
  }

  /// The index of the sector named `name`, or `nil`.
  public func sectorIndex(named name: String) -> Int? { sectors.firstIndex { $0.name == name } }

  /// The indices of the sectors satisfying `predicate`, in order; e.g. every sign-flip sector odd
  /// in coordinate 2: `table.sectorIndices { $0.isOdd(in: 2) }`.
  public func sectorIndices(where predicate: (Sector) -> Bool) -> [Int] {
    sectors.indices.filter { predicate(sectors[$0]) }
  }

  /// One line per sector.
  public var description: String {
    "CharacterTable (|G| = \(order)):\n" + sectors.enumerated().map { "  \($0.offset): \($0.element)" }.joined(separator: "\n")
  }
}
