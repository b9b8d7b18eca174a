/// The character table of a point group: its classes of operations and, per irreducible
/// representation, its Mulliken label and characters.
///
/// Tables follow F. A. Cotton, *Chemical Applications of Group Theory* (3rd ed., 1990), in
/// Mulliken's orientation (see ``PointGroup``). The order of the irreducible representations is
/// the table's, which is also the order normal modes are numbered in (Herzberg's convention).
public struct CharacterTable: Sendable, Equatable {
  /// One irreducible representation: label and character per class.
  public struct Irrep: Sendable, Equatable {
    /// Mulliken's label: A1, B2, E', T2, Σg+, …
    public let label: String
    /// χ(class), in the order of ``CharacterTable/classes``.
    public let characters: [Double]
    /// The dimension χ(E).
    public var dimension: Int { Int(characters[0].rounded()) }
  }

  /// The Schoenflies symbol.
  public let group: String
  /// The classes, e.g. ["E", "C2(z)", "σv(xz)", "σv'(yz)"].
  public let classes: [String]
  /// The irreducible representations in table order.
  public let irreps: [Irrep]

  /// The label whose characters equal `characters` (per class) to within 1e-6, if any.
  public func label(forCharacters characters: [Double]) -> String? {
    irreps.first { zip($0.characters, characters).allSatisfy { abs($0 - $1) < 1e-6 } }?.label
  }

  init(_ group: String, _ classes: [String], _ rows: [(String, [Double])]) {
    self.group = group
    self.classes = classes
    self.irreps = rows.map { Irrep(label: $0.0, characters: $0.1) }
  }

  /// The tables the package labels modes with, by Schoenflies symbol.
  public static let known: [String: CharacterTable] = {
    let tables = [
      CharacterTable("C1", ["E"], [("A", [1])]),
      CharacterTable("Cs", ["E", "σh"], [("A'", [1, 1]), ("A''", [1, -1])]),
      CharacterTable("Ci", ["E", "i"], [("Ag", [1, 1]), ("Au", [1, -1])]),
      CharacterTable("C2", ["E", "C2"], [("A", [1, 1]), ("B", [1, -1])]),
      CharacterTable("C2v", ["E", "C2(z)", "σv(xz)", "σv'(yz)"],
                     [("A1", [1, 1, 1, 1]), ("A2", [1, 1, -1, -1]), ("B1", [1, -1, 1, -1]), ("B2", [1, -1, -1, 1])]),
      CharacterTable("C2h", ["E", "C2", "i", "σh"],
                     [("Ag", [1, 1, 1, 1]), ("Bg", [1, -1, 1, -1]), ("Au", [1, 1, -1, -1]), ("Bu", [1, -1, -1, 1])]),
      CharacterTable("D2", ["E", "C2(z)", "C2(y)", "C2(x)"],
                     [("A", [1, 1, 1, 1]), ("B1", [1, 1, -1, -1]), ("B2", [1, -1, 1, -1]), ("B3", [1, -1, -1, 1])]),
      CharacterTable("D2h", ["E", "C2(z)", "C2(y)", "C2(x)", "i", "σ(xy)", "σ(xz)", "σ(yz)"], [
        ("Ag", [1, 1, 1, 1, 1, 1, 1, 1]), ("B1g", [1, 1, -1, -1, 1, 1, -1, -1]),
        ("B2g", [1, -1, 1, -1, 1, -1, 1, -1]), ("B3g", [1, -1, -1, 1, 1, -1, -1, 1]),
        ("Au", [1, 1, 1, 1, -1, -1, -1, -1]), ("B1u", [1, 1, -1, -1, -1, -1, 1, 1]),
        ("B2u", [1, -1, 1, -1, -1, 1, -1, 1]), ("B3u", [1, -1, -1, 1, -1, 1, 1, -1]),
      ]),
      CharacterTable("C3v", ["E", "2C3", "3σv"], [("A1", [1, 1, 1]), ("A2", [1, 1, -1]), ("E", [2, -1, 0])]),
      CharacterTable("D3", ["E", "2C3", "3C2"], [("A1", [1, 1, 1]), ("A2", [1, 1, -1]), ("E", [2, -1, 0])]),
      CharacterTable("D3h", ["E", "2C3", "3C2", "σh", "2S3", "3σv"], [
        ("A1'", [1, 1, 1, 1, 1, 1]), ("A2'", [1, 1, -1, 1, 1, -1]), ("E'", [2, -1, 0, 2, -1, 0]),
        ("A1''", [1, 1, 1, -1, -1, -1]), ("A2''", [1, 1, -1, -1, -1, 1]), ("E''", [2, -1, 0, -2, 1, 0]),
      ]),
      CharacterTable("D3d", ["E", "2C3", "3C2", "i", "2S6", "3σd"], [
        ("A1g", [1, 1, 1, 1, 1, 1]), ("A2g", [1, 1, -1, 1, 1, -1]), ("Eg", [2, -1, 0, 2, -1, 0]),
        ("A1u", [1, 1, 1, -1, -1, -1]), ("A2u", [1, 1, -1, -1, -1, 1]), ("Eu", [2, -1, 0, -2, 1, 0]),
      ]),
      CharacterTable("Td", ["E", "8C3", "3C2", "6S4", "6σd"], [
        ("A1", [1, 1, 1, 1, 1]), ("A2", [1, 1, 1, -1, -1]), ("E", [2, -1, 2, 0, 0]),
        ("T1", [3, 0, -1, 1, -1]), ("T2", [3, 0, -1, -1, 1]),
      ]),
    ]
    return Dictionary(uniqueKeysWithValues: tables.map { ($0.group, $0) })
  }()
}

extension PointGroup {
  /// This group with its operations sorted into the classes of its character table (when the
  /// group is labelled) and named after them. `r` is the centred, symmetrised structure.
  func labelled(positions r: [Double], masses: [Double]) -> PointGroup {
    let ops = operations
    var classes: [Int]? = nil
    var tableName = name
    if isLinear {
      tableName = name == "D∞h" ? "D2h" : "C2v"
      classes = name == "D∞h" ? [0, 1, 6, 7, 4, 5, 3, 2] : [0, 1, 2, 3]
    } else {
      classes = Self.classify(name, ops, positions: r, tolerance: tolerance)
    }
    guard let classes, let table = CharacterTable.known[tableName] else { return self }
    // Operations in class order (stable), each named after its class without the count ("3σv" → "σv").
    let order = ops.indices.sorted { (classes[$0], $0) < (classes[$1], $1) }
    var named = order.map { ops[$0] }
    for k in named.indices { named[k].name = String(table.classes[classes[order[k]]].drop { $0.isNumber }) }
    return PointGroup(name: name, operations: named, isLinear: isLinear, tolerance: tolerance, centre: centre,
                      symmetrizationDisplacement: symmetrizationDisplacement, characterTable: table,
                      classOfOperation: order.map { classes[$0] })
  }

  /// The class index of each operation in the named group's table, or `nil` when unlabelled.
  static func classify(_ name: String, _ ops: [SymmetryOperation], positions r: [Double], tolerance: Double) -> [Int]? {
    let n = r.count / 3
    func dot(_ u: [Double], _ v: [Double]) -> Double { zip(u, v).reduce(0) { $0 + $1.0 * $1.1 } }
    func atomsOnAxis(_ u: [Double]) -> Int {
      (0..<n).filter { i in
        let p = [r[3 * i], r[3 * i + 1], r[3 * i + 2]]
        let along = dot(p, u)
        return zip(p, u).reduce(0.0) { $0 + ($1.0 - along * $1.1) * ($1.0 - along * $1.1) }.squareRoot() <= tolerance
      }.count
    }
    func atomsInPlane(normal u: [Double]) -> Int {
      (0..<n).filter { i in abs(dot([r[3 * i], r[3 * i + 1], r[3 * i + 2]], u)) <= tolerance }.count
    }
    let principal = ops.filter { $0.determinant > 0 && !$0.isIdentity }.max { $0.order < $1.order }?.axis
    func parallel(_ u: [Double]?) -> Bool { u.map { abs(abs(dot($0, principal ?? [0, 0, 1])) - 1) < 1e-6 } ?? false }
    switch name {
    case "C1": return ops.map { _ in 0 }
    case "Cs", "Ci", "C2": return ops.map { $0.isIdentity ? 0 : 1 }
    case "C2h": return ops.map { $0.isIdentity ? 0 : $0.isInversion ? 2 : $0.isReflection ? 3 : 1 }
    case "C2v":
      let mirrors = ops.filter(\.isReflection)
      guard mirrors.count == 2 else { return nil }
      // yz: the mirror plane holding more atoms.
      let yz = atomsInPlane(normal: mirrors[1].axis!) > atomsInPlane(normal: mirrors[0].axis!) ? mirrors[1] : mirrors[0]
      return ops.map { $0.isIdentity ? 0 : !$0.isReflection ? 1 : $0 == yz ? 3 : 2 }
    case "D2", "D2h":
      var axes: [[Double]] = []
      for op in ops where op.determinant > 0 && !op.isIdentity { axes.append(op.axis!) }
      guard axes.count == 3 else { return nil }
      let z = axes.indices.max { (atomsOnAxis(axes[$0]), -$0) < (atomsOnAxis(axes[$1]), -$1) }!
      let rest = axes.indices.filter { $0 != z }
      let x = rest.max { (atomsInPlane(normal: axes[$0]), -$0) < (atomsInPlane(normal: axes[$1]), -$1) }!
      func which(_ u: [Double]) -> Int {  // 0 = z, 1 = y, 2 = x
        let k = axes.indices.first { abs(abs(dot(axes[$0], u)) - 1) < 1e-6 }!
        return k == z ? 0 : k == x ? 2 : 1
      }
      return ops.map { op in
        if op.isIdentity { return 0 }
        if op.isInversion { return 4 }
        let w = which(op.axis!)
        // proper: C2(z) 1, C2(y) 2, C2(x) 3; mirrors by normal: σ(xy) 5 (normal z), σ(xz) 6 (y), σ(yz) 7 (x)
        return op.determinant > 0 ? 1 + w : 5 + w
      }
    case "C3v", "D3":
      return ops.map { $0.isIdentity ? 0 : $0.order == 3 ? 1 : 2 }
    case "D3h":
      return ops.map { op in
        if op.isIdentity { return 0 }
        if op.determinant > 0 { return op.order == 3 ? 1 : 2 }
        if op.isReflection { return parallel(op.axis) ? 3 : 5 }
        return 4
      }
    case "D3d":
      return ops.map { op in
        if op.isIdentity { return 0 }
        if op.determinant > 0 { return op.order == 3 ? 1 : 2 }
        if op.isInversion { return 3 }
        return op.isReflection ? 5 : 4
      }
    case "Td":
      return ops.map { op in
        if op.isIdentity { return 0 }
        if op.determinant > 0 { return op.order == 3 ? 1 : 2 }
        return op.isReflection ? 4 : 3
      }
    default:
      return nil
    }
  }
}
