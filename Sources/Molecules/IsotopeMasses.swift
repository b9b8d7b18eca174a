/// Masses of the most abundant isotope of each element (u), for the default masses of a
/// ``Molecule``.
///
/// Covers H–Kr (Z = 1…36) and Rb, Sr, Ag, Cd, Sn, I, Xe, Pt, Au, Hg, Pb. Values are the atomic
/// masses of AME 2016 / NIST as tabulated by ASE (`ase.data.atomic_masses_common`); the tests
/// compare every entry with that table. A molecule file may override the mass of any atom
/// (another isotope: D = 2.01410177812 u, ¹³C = 13.00335483507 u, …).
///
/// ```swift
/// try IsotopeMasses.mass(of: "O")     // 15.99491461957 (¹⁶O)
/// ```
///
/// Reference: M. Wang et al., Chinese Phys. C 41, 030003 (2017), doi:10.1088/1674-1137/41/3/030003.
public enum IsotopeMasses {
  /// Symbol → mass (u) of the most abundant isotope, in order of atomic number.
  public static let table: [(symbol: String, mass: Double)] = [
    ("H", 1.00782503223), ("He", 4.00260325413), ("Li", 7.0160034366), ("Be", 9.012183065),
    ("B", 11.00930536), ("C", 12.0), ("N", 14.00307400443), ("O", 15.99491461957),
    ("F", 18.99840316273), ("Ne", 19.9924401762), ("Na", 22.989769282), ("Mg", 23.985041697),
    ("Al", 26.98153853), ("Si", 27.97692653465), ("P", 30.97376199842), ("S", 31.9720711744),
    ("Cl", 34.968852682), ("Ar", 39.9623831237), ("K", 38.9637064864), ("Ca", 39.962590863),
    ("Sc", 44.95590828), ("Ti", 47.94794198), ("V", 50.94395704), ("Cr", 51.94050623),
    ("Mn", 54.93804391), ("Fe", 55.93493633), ("Co", 58.93319429), ("Ni", 57.93534241),
    ("Cu", 62.92959772), ("Zn", 63.92914201), ("Ga", 68.9255735), ("Ge", 73.921177761),
    ("As", 74.92159457), ("Se", 79.9165218), ("Br", 78.9183376), ("Kr", 83.9114977282),
    ("Rb", 84.9117897379), ("Sr", 87.9056125), ("Ag", 106.9050916), ("Cd", 113.90336509),
    ("Sn", 119.90220163), ("I", 126.9044719), ("Xe", 131.9041550856), ("Pt", 194.9647917),
    ("Au", 196.96656879), ("Hg", 201.9706434), ("Pb", 207.9766525),
  ]

  static let bySymbol: [String: Double] = Dictionary(uniqueKeysWithValues: table.map { ($0.symbol, $0.mass) })
  static let byAtomicNumber: [Int: String] = {
    var out: [Int: String] = [:]
    for (z, entry) in table.prefix(36).enumerated() { out[z + 1] = entry.symbol }
    for (z, s) in [(37, "Rb"), (38, "Sr"), (47, "Ag"), (48, "Cd"), (50, "Sn"), (53, "I"), (54, "Xe"),
                   (78, "Pt"), (79, "Au"), (80, "Hg"), (82, "Pb")] { out[z] = s }
    return out
  }()

  /// The mass (u) of the most abundant isotope of `symbol`.
  ///
  /// - Parameter symbol: a chemical symbol with its usual capitalisation ("C", "Cl").
  /// - Throws: ``MoleculeError`` `.unknownElement` naming the symbol and the known ones.
  public static func mass(of symbol: String) throws(MoleculeError) -> Double {
    guard let m = bySymbol[symbol] else {
      throw MoleculeError(.unknownElement, "Unknown element symbol '\(symbol)'; use a chemical symbol with its usual capitalisation (known: \(table.map(\.symbol).joined(separator: " "))), or give the atom's mass in the file's \"masses\".")
    }
    return m
  }

  /// The symbol of atomic number `z`, when the table has it.
  ///
  /// - Throws: ``MoleculeError`` `.unknownElement` for numbers the table lacks.
  public static func symbol(atomicNumber z: Int) throws(MoleculeError) -> String {
    guard let s = byAtomicNumber[z] else {
      throw MoleculeError(.unknownElement, "Atomic number \(z) is not in the isotope table (Z = 1…36, 37, 38, 47, 48, 50, 53, 54, 78, 79, 80, 82); use a molecule file in the symscale-molecule layout with the species and masses written out.")
    }
    return s
  }
}
