public import Foundation
import LinearAlgebra

/// Reading and writing molecule files.
///
/// Two JSON layouts are read (the layout is recognised from the content):
///
/// **symscale-molecule** (this package's; units stated in the file, required where the quantity is present):
///
/// ```json
/// {
///   "format": "symscale-molecule", "version": 1,
///   "comment": "H2CO RHF/cc-pVDZ",                        (optional, free text)
///   "species": ["C", "O", "H", "H"],
///   "masses": [12.0, null, 2.01410177812, null],         (optional, u; null = most abundant isotope)
///   "position_unit": "angstrom" | "bohr",
///   "positions": [[x, y, z], …],                          (n rows)
///   "hessian_unit": "hartree/bohr^2" | "eV/angstrom^2" | "kcal/mol/angstrom^2" | …,
///   "hessian": [[…], …],                                  (3n × 3n, atom-major x, y, z)
///   "energy_unit": "hartree" | "eV" | "kcal/mol" | "kJ/mol",   "energy": -113.87,           (optional)
///   "gradient_unit": "hartree/bohr" | "eV/angstrom" | …,       "gradient": [[…], …],         (optional, n × 3)
///   "displaced_hessians": [{"positions": …, "hessian": …, "energy": …}, …]  (optional, the same units)
/// }
/// ```
///
/// **ASE** `VibrationsData.write` (`{"atoms": {"numbers", "positions", "masses"?}, "hessian",
/// "indices", "__ase_objtype__": "vibrationsdata"}`, arrays as `{"__ndarray__": [shape, dtype, values]}`):
/// positions in Å, the Hessian in eV/Å² with shape (n, 3, n, 3), masses from the file when
/// ASE wrote them, otherwise the most abundant isotopes (ASE itself would use average masses).
/// A Hessian for a subset of the atoms (`indices`) is refused.
///
/// Unknown keys are refused with the list of known ones, so a misspelt unit cannot be ignored.
extension Molecule {
  /// The keys of the symscale-molecule layout.
  public static let fileKeys = ["format", "version", "comment", "species", "masses", "position_unit", "positions",
                                "hessian_unit", "hessian", "energy_unit", "energy", "gradient_unit", "gradient",
                                "displaced_hessians"]

  /// Reads a molecule file (either JSON layout).
  ///
  /// - Parameter url: a file URL.
  /// - Throws: ``MoleculeError`` `.unreadableFile`; `.malformedFile` (not JSON, a missing or
  ///   unknown key, an unknown unit, a value of the wrong type); the errors of
  ///   ``init(species:masses:positions:hessian:energy:gradient:displacedHessians:)``; all with the path.
  /// - Complexity: O(file size).
  public init(contentsOf url: URL) throws(MoleculeError) {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw MoleculeError(.unreadableFile, "cannot read the molecule file (\(error.localizedDescription)); check the path", file: url.path)
    }
    do { try self.init(json: data) } catch { throw MoleculeError(error.code, error.message, file: url.path) }
  }

  /// Parses a molecule from JSON text (either layout; see ``init(contentsOf:)``).
  ///
  /// - Throws: as ``init(contentsOf:)``, without the path.
  public init(json data: Data) throws(MoleculeError) {
    let node: JSONNode
    do { node = try JSONDecoder().decode(JSONNode.self, from: data) } catch {
      throw MoleculeError(.malformedFile, "the file is not valid JSON (\(error)); expected a symscale-molecule object or ASE's VibrationsData JSON")
    }
    guard let root = node.object else {
      throw MoleculeError(.malformedFile, "the JSON is not an object; expected {\"format\": \"symscale-molecule\", …} or ASE's VibrationsData JSON")
    }
    if root["__ase_objtype__"] != nil || (root["atoms"] != nil && root["format"] == nil) {
      try self.init(aseVibrations: root)
    } else {
      try self.init(layout: root)
    }
  }

  init(layout root: [String: JSONNode]) throws(MoleculeError) {
    let unknown = root.keys.filter { !Self.fileKeys.contains($0) }.sorted()
    guard unknown.isEmpty else {
      throw MoleculeError(.malformedFile, "unknown key\(unknown.count == 1 ? "" : "s") \(unknown.map { "'\($0)'" }.joined(separator: ", ")); the symscale-molecule layout has \(Self.fileKeys.joined(separator: ", "))")
    }
    if let format = root["format"] {
      guard format.string == "symscale-molecule" else {
        throw MoleculeError(.malformedFile, "\"format\" is \(format); expected \"symscale-molecule\" (or omit it)")
      }
    }
    if let version = root["version"] {
      guard version.number == 1 else {
        throw MoleculeError(.malformedFile, "\"version\" is \(version); this package reads version 1")
      }
    }
    guard let list = root["species"]?.array, case let species = list.compactMap(\.string), species.count == list.count else {
      throw MoleculeError(.malformedFile, "missing or malformed \"species\"; expected an array of chemical symbols such as [\"O\", \"H\", \"H\"]")
    }
    let lengthName = try JSONReading.string(root, "position_unit", valid: MolecularUnits.Length.allCases.map(\.rawValue))
    let length = MolecularUnits.Length(rawValue: lengthName)!
    let hessianUnit = try JSONReading.derivativeUnit(root, "hessian_unit", power: 2)
    var masses: [Double?]? = nil
    if let m = root["masses"] {
      guard let list = m.array else {
        throw MoleculeError(.malformedFile, "\"masses\" is not an array; expected one mass (u) or null per atom")
      }
      var out: [Double?] = []
      for (a, v) in list.enumerated() {
        if v.isNull { out.append(nil); continue }
        guard let x = v.number else {
          throw MoleculeError(.malformedFile, "\"masses\"[\(a)] is \(v); expected a number (u) or null")
        }
        out.append(x)
      }
      masses = out
    }
    let positions = try JSONReading.matrix(root["positions"], "positions", columns: 3).map { $0 * length.bohr }
    let hessian = try JSONReading.matrix(root["hessian"], "hessian", columns: nil).map { $0 * hessianUnit.atomicUnits }
    var energyScale = 1.0
    if root["energy"] != nil {
      let name = try JSONReading.string(root, "energy_unit", valid: MolecularUnits.Energy.allCases.filter { $0 != .wavenumber }.map(\.rawValue))
      energyScale = MolecularUnits.Energy(rawValue: name)!.hartree
    }
    var energy: Double? = nil
    if let v = root["energy"] {
      guard let e = v.number else { throw MoleculeError(.malformedFile, "\"energy\" is \(v); expected a number") }
      energy = e * energyScale
    }
    var gradient: Matrix? = nil
    if root["gradient"] != nil {
      let unit = try JSONReading.derivativeUnit(root, "gradient_unit", power: 1)
      gradient = try JSONReading.matrix(root["gradient"], "gradient", columns: 3).map { $0 * unit.atomicUnits }
    }
    var displaced: [DisplacedHessian] = []
    if let list = root["displaced_hessians"] {
      guard let entries = list.array?.compactMap(\.object), entries.count == list.array?.count else {
        throw MoleculeError(.malformedFile, "\"displaced_hessians\" is not an array of objects; expected [{\"positions\": …, \"hessian\": …}, …]")
      }
      for (k, entry) in entries.enumerated() {
        let extra = entry.keys.filter { !["positions", "hessian", "energy"].contains($0) }.sorted()
        guard extra.isEmpty else {
          throw MoleculeError(.malformedFile, "\"displaced_hessians\"[\(k)] has unknown key(s) \(extra.joined(separator: ", ")); each entry has positions, hessian and optionally energy (in the file's units)")
        }
        let p = try JSONReading.matrix(entry["positions"], "displaced_hessians[\(k)].positions", columns: 3).map { $0 * length.bohr }
        let h = try JSONReading.matrix(entry["hessian"], "displaced_hessians[\(k)].hessian", columns: nil).map { $0 * hessianUnit.atomicUnits }
        var e: Double? = nil
        if let v = entry["energy"] {
          guard let x = v.number else { throw MoleculeError(.malformedFile, "\"displaced_hessians\"[\(k)].energy is \(v); expected a number") }
          e = x * energyScale
        }
        do { displaced.append(try DisplacedHessian(positions: p, hessian: h, energy: e)) } catch {
          throw MoleculeError(error.code, "displaced_hessians[\(k)]: " + error.message)
        }
      }
    }
    try self.init(species: species, masses: masses, positions: positions, hessian: hessian, energy: energy,
                  gradient: gradient, displacedHessians: displaced)
  }

  init(aseVibrations root: [String: JSONNode]) throws(MoleculeError) {
    if let kind = root["__ase_objtype__"]?.string, kind != "vibrationsdata" {
      throw MoleculeError(.malformedFile, "the ASE object is a '\(kind)', not 'vibrationsdata'; write it with ase.vibrations.VibrationsData.write")
    }
    guard let atoms = root["atoms"]?.object else {
      throw MoleculeError(.malformedFile, "ASE VibrationsData JSON without \"atoms\"; write it with VibrationsData.write")
    }
    let numbers = try JSONReading.ndarray(atoms["numbers"], "atoms.numbers")
    let n = numbers.values.count
    var species: [String] = []
    for z in numbers.values { species.append(try IsotopeMasses.symbol(atomicNumber: Int(z))) }
    let positions = try JSONReading.ndarray(atoms["positions"], "atoms.positions")
    guard positions.shape == [n, 3] else {
      throw MoleculeError(.malformedFile, "atoms.positions has shape \(positions.shape) for \(n) atoms; expected [\(n), 3]")
    }
    var masses: [Double?]? = nil
    if atoms["masses"] != nil {
      masses = try JSONReading.ndarray(atoms["masses"], "atoms.masses").values.map { Optional($0) }
    }
    if let indices = root["indices"], !indices.isNull {
      let list = (try? JSONReading.ndarray(indices, "indices").values) ?? []
      guard list.map({ Int($0) }) == Array(0..<n) else {
        throw MoleculeError(.shapeMismatch, "the ASE Hessian covers atoms \(list.map { Int($0) }) of \(n); a normal-mode analysis needs the Hessian of every atom (run ase.vibrations.Vibrations without indices)")
      }
    }
    let hessian = try JSONReading.ndarray(root["hessian"], "hessian")
    guard hessian.shape == [n, 3, n, 3] || hessian.shape == [3 * n, 3 * n] else {
      throw MoleculeError(.shapeMismatch, "the ASE Hessian has shape \(hessian.shape), but the molecule has \(n) atoms; expected [\(n), 3, \(n), 3]")
    }
    let toAtomic = MolecularUnits.Derivative(.electronvolt, per: .angstrom, power: 2).atomicUnits
    try self.init(species: species, masses: masses,
                  positions: Matrix(rows: n, columns: 3, elements: positions.values.map { $0 * MolecularUnits.Length.angstrom.bohr }),
                  hessian: Matrix(rows: 3 * n, columns: 3 * n, elements: hessian.values.map { $0 * toAtomic }))
  }

  /// The molecule in the symscale-molecule layout, in atomic units (bohr, hartree), with every
  /// number to 17 significant digits (the file reads back to the same `Molecule`).
  ///
  /// - Parameter comment: an optional `comment` field.
  /// - Returns: the JSON text.
  public func jsonText(comment: String? = nil) -> String {
    func number(_ x: Double) -> String { String(format: "%.17g", x) }
    func rows(_ m: Matrix) -> String {
      "[" + (0..<m.rows).map { i in "[" + m.row(i).map(number).joined(separator: ",") + "]" }.joined(separator: ",\n  ") + "]"
    }
    var fields: [String] = ["\"format\": \"symscale-molecule\"", "\"version\": 1"]
    if let comment { fields.append("\"comment\": " + JSONReading.quoted(comment)) }
    fields.append("\"species\": [" + species.map(JSONReading.quoted).joined(separator: ", ") + "]")
    fields.append("\"masses\": [" + masses.map(number).joined(separator: ", ") + "]")
    fields += ["\"position_unit\": \"bohr\"", "\"hessian_unit\": \"hartree/bohr^2\""]
    if energy != nil || displacedHessians.contains(where: { $0.energy != nil }) { fields.append("\"energy_unit\": \"hartree\"") }
    if let energy { fields.append("\"energy\": " + number(energy)) }
    if let gradient { fields += ["\"gradient_unit\": \"hartree/bohr\"", "\"gradient\": " + rows(gradient)] }
    fields.append("\"positions\": " + rows(positions))
    fields.append("\"hessian\": " + rows(hessian))
    if !displacedHessians.isEmpty {
      let entries = displacedHessians.map { d in
        "{\"positions\": " + rows(d.positions) + ", \"hessian\": " + rows(d.hessian)
          + (d.energy.map { ", \"energy\": " + number($0) } ?? "") + "}"
      }
      fields.append("\"displaced_hessians\": [" + entries.joined(separator: ",\n ") + "]")
    }
    return "{\n " + fields.joined(separator: ",\n ") + "\n}\n"
  }
}

/// A JSON value, decoded with `JSONDecoder` (which parses numbers exactly; Foundation's
/// `JSONSerialization` on Linux rounds some 17-digit numbers).
enum JSONNode: Decodable, CustomStringConvertible {
  case null, bool(Bool), number(Double), string(String), array([JSONNode]), object([String: JSONNode])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() { self = .null }
    else if let b = try? c.decode(Bool.self) { self = .bool(b) }
    else if let d = try? c.decode(Double.self) { self = .number(d) }
    else if let s = try? c.decode(String.self) { self = .string(s) }
    else if let a = try? c.decode([JSONNode].self) { self = .array(a) }
    else { self = .object(try c.decode([String: JSONNode].self)) }
  }

  var number: Double? { if case .number(let x) = self { x } else { nil } }
  var string: String? { if case .string(let x) = self { x } else { nil } }
  var array: [JSONNode]? { if case .array(let x) = self { x } else { nil } }
  var object: [String: JSONNode]? { if case .object(let x) = self { x } else { nil } }
  var isNull: Bool { if case .null = self { true } else { false } }

  var description: String {
    switch self {
    case .null: "null"
    case .bool(let b): "\(b)"
    case .number(let x): "\(x)"
    case .string(let s): "\"\(s)\""
    case .array(let a): "an array of \(a.count)"
    case .object: "an object"
    }
  }
}

/// Typed access to decoded JSON values.
enum JSONReading {
  static func quoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n") + "\""
  }

  static func string(_ root: [String: JSONNode], _ key: String, valid: [String]) throws(MoleculeError) -> String {
    guard let value = root[key]?.string else {
      throw MoleculeError(.malformedFile, "missing or non-string \"\(key)\"; state the unit explicitly, one of \(valid.map { "\"\($0)\"" }.joined(separator: ", "))")
    }
    guard valid.contains(value) else {
      throw MoleculeError(.malformedFile, "\"\(key)\" is \"\(value)\"; expected one of \(valid.map { "\"\($0)\"" }.joined(separator: ", "))")
    }
    return value
  }

  static func derivativeUnit(_ root: [String: JSONNode], _ key: String, power: Int) throws(MoleculeError) -> MolecularUnits.Derivative {
    let name = try string(root, key, valid: MolecularUnits.Derivative.spellings(power: power))
    return MolecularUnits.Derivative(parsing: name, power: power)!
  }

  /// A matrix from nested arrays (rows); `columns` fixes the width when given.
  static func matrix(_ value: JSONNode?, _ name: String, columns: Int?) throws(MoleculeError) -> Matrix {
    guard let rows = value?.array, !rows.isEmpty else {
      throw MoleculeError(.malformedFile, "missing or empty \"\(name)\"; expected an array of rows of numbers")
    }
    var elements: [Double] = []
    var width: Int? = columns
    for (i, row) in rows.enumerated() {
      guard let entries = row.array else {
        throw MoleculeError(.malformedFile, "\"\(name)\"[\(i)] is not an array of numbers")
      }
      if width == nil { width = entries.count }
      guard entries.count == width else {
        throw MoleculeError(.shapeMismatch, "\"\(name)\"[\(i)] has \(entries.count) numbers but \(columns == nil ? "row 0 has" : "each row needs") \(width!)\(name.hasSuffix("hessian") ? " (a Hessian is square, 3n × 3n)" : " (x, y, z)")")
      }
      for (j, e) in entries.enumerated() {
        guard let x = e.number else {
          throw MoleculeError(.malformedFile, "\"\(name)\"[\(i)][\(j)] is \(e); expected a number")
        }
        elements.append(x)
      }
    }
    return Matrix(rows: rows.count, columns: width!, elements: elements)
  }

  /// An ASE `{"__ndarray__": [shape, dtype, flat values]}` array (or a plain nested list).
  static func ndarray(_ value: JSONNode?, _ name: String) throws(MoleculeError) -> (shape: [Int], values: [Double]) {
    if let parts = value?.object?["__ndarray__"]?.array, parts.count == 3,
       let shape = parts[0].array?.compactMap(\.number).map({ Int($0) }), let flat = parts[2].array {
      let values = flat.compactMap(\.number)
      guard values.count == flat.count, values.count == shape.reduce(1, *) else {
        throw MoleculeError(.malformedFile, "\"\(name)\" has \(flat.count) values for shape \(shape), or non-numbers; rewrite the file with ASE")
      }
      return (shape, values)
    }
    if let list = value?.array {
      var shape: [Int] = []
      var level: JSONNode? = value
      while let l = level?.array { shape.append(l.count); level = l.first }
      func flatten(_ v: JSONNode) -> [JSONNode] { v.array.map { $0.flatMap(flatten) } ?? [v] }
      let values = list.flatMap(flatten).compactMap(\.number)
      guard values.count == shape.reduce(1, *) else {
        throw MoleculeError(.malformedFile, "\"\(name)\" is a ragged or non-numeric array; rewrite the file with ASE")
      }
      return (shape, values)
    }
    throw MoleculeError(.malformedFile, "missing or malformed \"\(name)\"; expected ASE's {\"__ndarray__\": [shape, dtype, values]}")
  }
}
