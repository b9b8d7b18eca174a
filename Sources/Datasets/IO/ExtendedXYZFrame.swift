import LinearAlgebra

/// One configuration of an extended XYZ file: atoms, positions, optional forces and the
/// key–value pairs of the comment line.
///
/// Units follow ASE: positions and the lattice in ångström, `energy` in eV, forces in eV/Å.
/// Other keys keep whatever units their writer gave them (this package writes the same
/// energy in hartree as `energy_hartree`).
///
/// ```swift
/// var f = ExtendedXYZFrame(species: ["O", "H", "H"],
///                          positions: Matrix(rows: [[0, 0, 0.119], [0, 0.763, -0.477], [0, -0.763, -0.477]]))
/// f.energy = -2075.1                      // eV, stored as info["energy"]
/// f.info["energy_hartree"] = "-76.26"
/// ```
public struct ExtendedXYZFrame: Sendable, Equatable {
  /// Chemical symbols, one per atom (the `species:S:1` property).
  public var species: [String]
  /// Cartesian positions, n × 3, in ångström (the `pos:R:3` property).
  public var positions: Matrix
  /// Forces, n × 3, in eV/Å (the `forces:R:3` property), if present.
  public var forces: Matrix?
  /// Other numeric per-atom properties by name (type `R`, `I`, or `L` stored as 1/0), each
  /// n × width. Extra string (`S`) properties other than `species` are not kept. Arrays are
  /// written back as `R` columns.
  public var arrays: [String: Matrix]
  /// The comment line's key–value pairs other than `Lattice`, `Properties` and `pbc`, with
  /// quotes removed (e.g. `["energy": "-2075.1", "energy_hartree": "-76.26"]`).
  public var info: [String: String]
  /// Cell vectors as the rows of a 3 × 3 matrix, in ångström (`Lattice="..."`), if present.
  public var lattice: Matrix?
  /// Periodic boundary conditions along the three cell vectors (`pbc="F F F"`), if present.
  public var pbc: [Bool]?

  /// A frame from its atoms and positions.
  ///
  /// - Parameters:
  ///   - species: Chemical symbols, one per atom.
  ///   - positions: n × 3 positions in ångström.
  ///   - forces: Optional n × 3 forces in eV/Å.
  ///   - energy: Optional energy in eV, stored as `info["energy"]`.
  ///   - info: Further key–value pairs for the comment line.
  ///   - lattice: Optional cell vectors as the rows of a 3 × 3 matrix, in ångström.
  ///   - pbc: Optional periodic boundary conditions along the three cell vectors.
  ///   - arrays: Further numeric per-atom properties by name, each n × width.
  ///
  /// Shapes are checked when the frame is written (``ExtendedXYZ/format(_:)``).
  public init(species: [String], positions: Matrix, forces: Matrix? = nil, energy: Double? = nil,
              info: [String: String] = [:], lattice: Matrix? = nil, pbc: [Bool]? = nil,
              arrays: [String: Matrix] = [:]) {
    self.species = species
    self.positions = positions
    self.forces = forces
    self.info = info
    self.lattice = lattice
    self.pbc = pbc
    self.arrays = arrays
    if let energy { self.energy = energy }
  }

  /// Number of atoms.
  public var atomCount: Int { species.count }

  /// The energy in eV (`info["energy"]`, as ASE writes it), or `nil` when absent or not a number.
  /// Setting it stores the value with 17 significant digits; setting `nil` removes the key.
  public var energy: Double? {
    get { number(forKey: "energy") }
    set { info["energy"] = newValue.map(CSV.formatSignificant17) }
  }

  /// The info value for `key` as a number, or `nil` when absent or not a number.
  public func number(forKey key: String) -> Double? {
    info[key].flatMap { Double($0) }
  }
}
