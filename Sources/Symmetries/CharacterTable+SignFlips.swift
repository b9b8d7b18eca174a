extension CharacterTable {
  /// The character table of a Z2^m sign-flip group, computed: 2^m one-dimensional sectors,
  ///
  /// ```
  /// χ_s(u) = (−1)^popcount(s & u)      (s, u as bit masks over signFlipCoordinates)
  /// ```
  ///
  /// Sector s is odd in `coordinates[i]` exactly when bit i of s is set; s = 0 is the invariant
  /// sector, named "even", the others "odd in q1,q3" (the coordinates' names, joined by commas).
  /// The characters are read off each element's diagonal, so they are right in whatever order the
  /// elements are listed; sector s is the one the group-Fourier solver calls s.
  ///
  /// ```swift
  /// let flips = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
  /// let table = try CharacterTable(signFlips: flips, coordinateNames: ["q1", "q2", "q3"])
  /// table.sectorNames   // ["even", "odd in q1", "odd in q2", "odd in q1,q2", "odd in q3", …, "odd in q1,q2,q3"]
  /// table.sectorIndices { $0.isOdd(in: 2) }   // [4, 5, 6, 7]
  /// ```
  ///
  /// - Parameters:
  ///   - symmetry: a symmetry with ``LabelSymmetry/signFlipCoordinates`` (``SignFlips``,
  ///     ``ApproximateReflection``, a ``SignedLabelSymmetry`` of either, products of them).
  ///   - coordinateNames: a name per input coordinate (`symmetry.dimension` of them); default
  ///     "x0", "x1", ….
  /// - Throws: ``SymmetryError`` `.routeNotApplicable` when the group is not Z2^m sign flips
  ///   (give the table row by row with ``init(symmetry:sectors:tolerance:)``),
  ///   `.dimensionMismatch` for the wrong number of names, `.invalidParameter` for more than
  ///   ``maximumOrder`` elements.
  /// - Complexity: O(|G| d² + |G|²).
  public init(signFlips symmetry: some FiniteLabelSymmetry, coordinateNames: [String]? = nil) throws(SymmetryError) {
    let elements = symmetry.elements
    guard let flipped = symmetry.signFlipCoordinates,
          let masks = ElementLocator.flipMasks(of: elements, coordinates: flipped),
          elements.count == 1 << flipped.count, Set(masks).count == masks.count else {
      throw SymmetryError(.routeNotApplicable,
                          "\(symmetry.name) is not a complete group of coordinate sign flips, so its character table "
                            + "cannot be computed; give it row by row with CharacterTable(symmetry:sectors:).")
    }
    guard elements.count <= Self.maximumOrder else { throw Self.tooLarge(elements.count, symmetry.name) }
    let names = coordinateNames ?? (0..<symmetry.dimension).map { "x\($0)" }
    guard names.count == symmetry.dimension else {
      throw .dimension("The list of coordinate names", expected: symmetry.dimension, actual: names.count,
                       hint: "Give one name per input coordinate, e.g. [\"q1\", \"q2\", \"q3\"].")
    }
    let sectors = (0..<elements.count).map { s -> Sector in
      let odd = flipped.indices.filter { (s >> $0) & 1 == 1 }.map { flipped[$0] }
      return Sector(name: odd.isEmpty ? "even" : "odd in " + odd.map { names[$0] }.joined(separator: ","),
                    dimension: 1,
                    characters: masks.map { ($0 & s).nonzeroBitCount % 2 == 0 ? 1 : -1 },
                    oddCoordinates: odd)
    }
    self.init(uncheckedSectors: sectors, elements: elements)
  }
}
