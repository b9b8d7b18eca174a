import Foundation
public import LinearAlgebra

/// One symmetry operation of a molecule: an orthogonal 3 × 3 matrix acting about the centre of
/// mass, and the permutation of identical atoms it induces.
///
/// ```
/// R (r_i − c) = r_π(i) − c     for every atom i   (within the point group's tolerance)
/// ```
public struct SymmetryOperation: Sendable, Equatable {
  /// R, orthogonal (det +1: rotation; det −1: reflection, inversion or improper rotation).
  public let matrix: Matrix
  /// π: atom i is carried onto atom `permutation[i]` (same species, same mass).
  public let permutation: [Int]
  /// Its name: E, i, Cn (or Cn^k), σ, Sn (or Sn^k), with the class of the character table
  /// where the group is labelled, e.g. "C2(z)", "σv(xz)", "σv'(yz)", "2C3", "σh".
  public internal(set) var name: String

  /// det R (±1).
  public var determinant: Double {
    determinant3(matrix.elements)
  }

  /// The order of the element: the smallest k ≥ 1 with Rᵏ = I (up to 1e-6).
  public var order: Int {
    var p = matrix
    for k in 1...48 {
      if p.maxAbsoluteDifference(to: .identity(3)) < 1e-6 { return k }
      p = p * matrix
    }
    return 0
  }

  /// The rotation axis of R (proper) or of −R (improper), a unit vector; `nil` for E and i.
  public var axis: [Double]? {
    let r = determinant > 0 ? matrix : -1 * matrix
    if r.maxAbsoluteDifference(to: .identity(3)) < 1e-8 { return nil }
    var a = [r[2, 1] - r[1, 2], r[0, 2] - r[2, 0], r[1, 0] - r[0, 1]]
    var norm = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
    if norm < 1e-6 {  // a rotation by π: R + I = 2aaᵀ
      let columns = (0..<3).map { j in (0..<3).map { i in r[i, j] + (i == j ? 1 : 0) } }
      a = columns.max { $0.reduce(0) { $0 + $1 * $1 } < $1.reduce(0) { $0 + $1 * $1 } }!
      norm = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
    return a.map { $0 / norm }
  }

  /// `true` for a reflection through a plane (det −1, trace 1).
  public var isReflection: Bool { determinant < 0 && abs(matrix.diagonal.reduce(0, +) - 1) < 1e-6 }
  /// `true` for the inversion (R = −I).
  public var isInversion: Bool { matrix.maxAbsoluteDifference(to: -1 * Matrix.identity(3)) < 1e-6 }
  /// `true` for the identity.
  public var isIdentity: Bool { matrix.maxAbsoluteDifference(to: .identity(3)) < 1e-6 }

  /// A generic name from the element's type and order: E, i, σ, Cn, Sn.
  var genericName: String {
    if isIdentity { return "E" }
    if isInversion { return "i" }
    if isReflection { return "σ" }
    if determinant > 0 { return "C\(order)" }
    return "S\(order % 2 == 1 ? 2 * order : order)"
  }
}

/// The point group of a molecule's equilibrium geometry, found automatically.
///
/// The operations are all orthogonal 3 × 3 matrices R (about the centre of mass) that map the
/// structure onto itself with a permutation of identical atoms (same species and mass), to
/// within `tolerance`: max over atoms of |R(r_i − c) − (r_π(i) − c)| ≤ tolerance (bohr).
///
/// **Search.** Pick an atom a off the centre (in the smallest class of identical atoms) and an
/// atom b off the line through the centre and a. Every operation maps a and b to atoms a′, b′
/// of the same classes with the same distances from the centre and the same angle; for each such
/// pair the two orthogonal matrices that map (a, b) onto (a′, b′) (a proper one and an improper
/// one) are tested on every atom, then refined by a mass-weighted least-squares fit with the
/// permutation they induce (Horn's method). This finds every operation of a non-linear molecule,
/// whatever its group (no table of candidate axes). A linear molecule (every atom within
/// `tolerance` of one line) has an infinite group, C∞v or D∞h; its operations here are those of
/// the finite subgroup C2v or D2h about the molecular axis (z), as quantum-chemistry codes use.
///
/// **Symmetrisation.** The structure is replaced by its group average
/// r̄_i = c + (1/|G|) Σ_g R_gᵀ (r_π_g(i) − c) and the matrices refitted, three times; the
/// operations then hold to rounding and close under composition (checked).
///
/// **Name.** From the operations: the highest rotation order n, the number of C_n axes, C2
/// axes perpendicular to the principal axis, σh, σv, i, S2n — C1, Cs, Ci, Cn, Cnv, Cnh, S2n,
/// Dn, Dnh, Dnd, T, Td, Th, O, Oh, I, Ih, C∞v, D∞h.
///
/// **Labels.** For C1, Cs, Ci, C2, C2v, C2h, D2, D2h, C3v, D3, D3h, D3d, Td, C∞v and D∞h the
/// operations are sorted into the classes of the character table (``characterTable``), in
/// Mulliken's orientation (J. Chem. Phys. 23, 1997 (1955)): for C2v the yz-plane is the mirror
/// plane holding more atoms (the molecular plane of a planar molecule), so that for H₂O and H₂CO
/// the in-plane antisymmetric modes are B₂; for D2 and D2h the z-axis is the C2 axis through
/// most atoms and the x-axis is perpendicular to the mirror plane holding most atoms (the
/// molecular plane of ethylene, whose C=C bond is then along z). Ties go to the operation found
/// first.
public struct PointGroup: Sendable {
  /// The Schoenflies symbol: "C2v", "D3h", "Td", "C∞v", …
  public let name: String
  /// The operations, identity first (for linear molecules, those of C2v or D2h).
  public let operations: [SymmetryOperation]
  /// `true` for a linear molecule (C∞v or D∞h).
  public let isLinear: Bool
  /// The tolerance the operations hold to on the input geometry (bohr).
  public let tolerance: Double
  /// The centre of mass the operations act about (bohr).
  public let centre: [Double]
  /// The largest distance an atom moved when the structure was symmetrised (bohr).
  public let symmetrizationDisplacement: Double
  /// The character table, when the group is one of those labelled (see the type's discussion).
  public let characterTable: CharacterTable?
  /// For each operation, its class index in ``characterTable`` (empty without a table).
  public let classOfOperation: [Int]

  /// The default tolerance: 0.002 bohr (about 0.001 Å), far above the asymmetry of a geometry
  /// optimised with symmetry imposed (~1e-10) and below any real distortion.
  public static let defaultTolerance = 0.002

  /// The point group of a structure, and the structure symmetrised under it.
  ///
  /// - Parameters:
  ///   - species: chemical symbols, one per atom.
  ///   - masses: masses (u), one per atom; atoms are identical when both species and mass agree.
  ///   - positions: n × 3 (bohr).
  ///   - tolerance: largest displacement of an atom under an operation (bohr). Default 0.002.
  /// - Returns: the group and the symmetrised positions (n × 3, bohr).
  /// - Throws: ``MoleculeError`` `.invalidParameter` for a tolerance outside (0, 0.5] bohr;
  ///   `.symmetryUndetermined` when the operations found do not close into a group (the
  ///   tolerance sits on the edge of a distortion: make it smaller or larger).
  /// - Complexity: O(k² n²) for k atoms in the two smallest classes; microseconds for small molecules.
  public static func detect(species: [String], masses: [Double], positions: Matrix,
                            tolerance: Double = defaultTolerance) throws(MoleculeError) -> (group: PointGroup, positions: Matrix) {
    guard tolerance > 0 && tolerance <= 0.5 else {
      throw MoleculeError(.invalidParameter, "The symmetry tolerance \(tolerance) bohr is outside (0, 0.5] bohr; the default \(defaultTolerance) bohr suits optimised geometries, 0.01–0.05 bohr finds the symmetry of loosely optimised ones.")
    }
    let n = species.count
    let total = masses.reduce(0, +)
    let centre = (0..<3).map { c in (0..<n).reduce(0.0) { $0 + masses[$1] * positions[$1, c] } / total }
    var r = (0..<n).flatMap { a in (0..<3).map { positions[a, $0] - centre[$0] } }
    var classOf = [Int](repeating: 0, count: n)
    var keys: [String] = []
    for a in 0..<n {
      let key = "\(species[a])|\(masses[a])"
      if let k = keys.firstIndex(of: key) { classOf[a] = k } else { keys.append(key); classOf[a] = keys.count - 1 }
    }
    func norm(_ v: ArraySlice<Double>) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    let axis = linearAxis(r, tolerance: tolerance)
    var found: [(matrix: [Double], permutation: [Int])]
    if let axis {
      found = linearOperations(r, axis: axis, classOf: classOf, tolerance: tolerance)
    } else {
      found = searchOperations(r, classOf: classOf, masses: masses, tolerance: tolerance)
    }
    // Symmetrise and refit.
    let original = r
    for _ in 0..<3 {
      var s = [Double](repeating: 0, count: 3 * n)
      for op in found {
        for i in 0..<n {
          let j = op.permutation[i]
          for a in 0..<3 { for b in 0..<3 { s[3 * i + a] += op.matrix[3 * b + a] * r[3 * j + b] } }
        }
      }
      r = s.map { $0 / Double(found.count) }
      if axis != nil {  // the fit is degenerate about the axis: rebuild the axis-frame matrices
        found = linearOperations(r, axis: linearAxis(r, tolerance: tolerance) ?? axis!, classOf: classOf, tolerance: tolerance)
        continue
      }
      found = found.map { op in
        let det = determinant3(op.matrix)
        let image = (0..<n).flatMap { i in (0..<3).map { r[3 * op.permutation[i] + $0] } }
        return (RigidAlignment.orthogonal(weights: masses, from: r, to: image, determinant: det), op.permutation)
      }
    }
    // Closure check.
    for g in found {
      for h in found {
        let product = multiply3(g.matrix, h.matrix)
        let permutation = h.permutation.map { g.permutation[$0] }
        guard found.contains(where: { maxDifference($0.matrix, product) < 1e-8 && $0.permutation == permutation }) else {
          throw MoleculeError(.symmetryUndetermined, "The \(found.count) symmetry operations found with tolerance \(tolerance) bohr do not close into a group (the geometry is distorted by about the tolerance); give a smaller tolerance to keep only the exact operations, or a larger one to symmetrise the distortion away.")
        }
      }
    }
    var displacement = 0.0
    for i in 0..<n { displacement = max(displacement, norm(zip(r[(3 * i)..<(3 * i + 3)], original[(3 * i)..<(3 * i + 3)]).map { $0 - $1 }[...])) }
    var operations = found.map { SymmetryOperation(matrix: Matrix(rows: 3, columns: 3, elements: $0.matrix), permutation: $0.permutation, name: "") }
    operations = operations.filter(\.isIdentity) + operations.filter { !$0.isIdentity }
    for k in operations.indices { operations[k].name = operations[k].genericName }
    let name = axis.map { _ in operations.count == 8 ? "D∞h" : "C∞v" } ?? schoenflies(operations)
    let symmetrized = Matrix(rows: n, columns: 3, elements: (0..<(3 * n)).map { r[$0] + centre[$0 % 3] })
    var group = PointGroup(name: name, operations: operations, isLinear: axis != nil, tolerance: tolerance, centre: centre,
                           symmetrizationDisplacement: displacement, characterTable: nil, classOfOperation: [])
    group = group.labelled(positions: r, masses: masses)
    return (group, symmetrized)
  }

  init(name: String, operations: [SymmetryOperation], isLinear: Bool, tolerance: Double, centre: [Double],
       symmetrizationDisplacement: Double, characterTable: CharacterTable?, classOfOperation: [Int]) {
    self.name = name
    self.operations = operations
    self.isLinear = isLinear
    self.tolerance = tolerance
    self.centre = centre
    self.symmetrizationDisplacement = symmetrizationDisplacement
    self.characterTable = characterTable
    self.classOfOperation = classOfOperation
  }

  /// The group order |G| (of the finite subgroup for linear molecules).
  public var order: Int { operations.count }

  // MARK: - Search

  /// The unit axis when every atom lies within `tolerance` of one line through the centre.
  static func linearAxis(_ r: [Double], tolerance: Double) -> [Double]? {
    let n = r.count / 3
    var far = 0, farNorm = 0.0
    for i in 0..<n {
      let d = (r[3 * i] * r[3 * i] + r[3 * i + 1] * r[3 * i + 1] + r[3 * i + 2] * r[3 * i + 2]).squareRoot()
      if d > farNorm { far = i; farNorm = d }
    }
    guard farNorm > tolerance else { return nil }
    let u = (0..<3).map { r[3 * far + $0] / farNorm }
    for i in 0..<n {
      let p = (0..<3).map { r[3 * i + $0] }
      let along = zip(p, u).reduce(0) { $0 + $1.0 * $1.1 }
      let perpendicular = zip(p, u).reduce(0.0) { $0 + ($1.0 - along * $1.1) * ($1.0 - along * $1.1) }.squareRoot()
      if perpendicular > tolerance { return nil }
    }
    return u
  }

  /// C2v (and D2h when centrosymmetric) about the molecular axis.
  static func linearOperations(_ r: [Double], axis z: [Double], classOf: [Int], tolerance: Double) -> [(matrix: [Double], permutation: [Int])] {
    let n = r.count / 3
    // x: perpendicular to z, from the coordinate axis least parallel to it.
    let least = (0..<3).min { abs(z[$0]) < abs(z[$1]) }!
    var e = [0.0, 0, 0]
    e[least] = 1
    let dot = zip(e, z).reduce(0) { $0 + $1.0 * $1.1 }
    var x = zip(e, z).map { $0 - dot * $1 }
    let xn = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
    x = x.map { $0 / xn }
    let y = [z[1] * x[2] - z[2] * x[1], z[2] * x[0] - z[0] * x[2], z[0] * x[1] - z[1] * x[0]]
    func local(_ d: [Double]) -> [Double] {  // F diag(d) Fᵀ with F = [x y z]
      var m = [Double](repeating: 0, count: 9)
      for a in 0..<3 { for b in 0..<3 { m[3 * a + b] = d[0] * x[a] * x[b] + d[1] * y[a] * y[b] + d[2] * z[a] * z[b] } }
      return m
    }
    let identity = Array(0..<n)
    var ops: [(matrix: [Double], permutation: [Int])] = [[1, 1, 1], [-1, -1, 1], [1, -1, 1], [-1, 1, 1]].map { (local($0), identity) }
    // Inversion partner of each atom.
    var partner: [Int] = []
    for i in 0..<n {
      let match = (0..<n).first { j in classOf[j] == classOf[i] && (0..<3).allSatisfy { abs(r[3 * j + $0] + r[3 * i + $0]) <= tolerance } }
      guard let match else { return ops }
      partner.append(match)
    }
    ops += [[-1, -1, -1], [1, 1, -1], [1, -1, -1], [-1, 1, -1]].map { (local($0), partner) }
    return ops
  }

  /// Every operation of a non-linear structure (see the type's discussion).
  static func searchOperations(_ r: [Double], classOf: [Int], masses: [Double], tolerance: Double) -> [(matrix: [Double], permutation: [Int])] {
    let n = r.count / 3
    func vector(_ i: Int) -> [Double] { [r[3 * i], r[3 * i + 1], r[3 * i + 2]] }
    func length(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    let classSize = (0..<n).map { i in classOf.filter { $0 == classOf[i] }.count }
    // a: off the centre, in the smallest class (any atom farthest out when the tolerance is coarse).
    let off = (0..<n).filter { length(vector($0)) > 10 * tolerance }
    let farthest = (0..<n).max { length(vector($0)) < length(vector($1)) }!
    let a = off.min { (classSize[$0], $0) < (classSize[$1], $1) } ?? farthest
    let ua = vector(a).map { $0 / length(vector(a)) }
    func perpendicular(_ i: Int) -> Double {
      let v = vector(i)
      let along = zip(v, ua).reduce(0) { $0 + $1.0 * $1.1 }
      return length(zip(v, ua).map { $0 - along * $1 })
    }
    let candidatesB = (0..<n).filter { perpendicular($0) > 10 * tolerance }
    let widest = (0..<n).max { perpendicular($0) < perpendicular($1) }!
    let b = candidatesB.min { (classSize[$0], -perpendicular($0)) < (classSize[$1], -perpendicular($1)) } ?? widest
    let identity: (matrix: [Double], permutation: [Int]) = ([1, 0, 0, 0, 1, 0, 0, 0, 1], Array(0..<n))
    guard perpendicular(b) > 1e-9 else { return [identity] }
    func frame(_ p: [Double], _ q: [Double], sign: Double) -> [Double] {
      let e1 = p.map { $0 / length(p) }
      let along = zip(q, e1).reduce(0) { $0 + $1.0 * $1.1 }
      var e2 = zip(q, e1).map { $0 - along * $1 }
      let l2 = length(e2)
      e2 = e2.map { $0 / l2 }
      let e3 = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]].map { $0 * sign }
      return e1 + e2 + e3  // rows e1, e2, e3
    }
    let reference = frame(vector(a), vector(b), sign: 1)
    let ra = length(vector(a)), rb = length(vector(b))
    let ab = zip(vector(a), vector(b)).reduce(0) { $0 + $1.0 * $1.1 }
    var found: [(matrix: [Double], permutation: [Int])] = []
    for a2 in 0..<n where classOf[a2] == classOf[a] && abs(length(vector(a2)) - ra) <= 2 * tolerance {
      for b2 in 0..<n where b2 != a2 && classOf[b2] == classOf[b] && abs(length(vector(b2)) - rb) <= 2 * tolerance {
        let ab2 = zip(vector(a2), vector(b2)).reduce(0) { $0 + $1.0 * $1.1 }
        guard abs(ab2 - ab) <= 2 * tolerance * (ra + rb) else { continue }
        for sign in [1.0, -1.0] {
          let image = frame(vector(a2), vector(b2), sign: sign)
          // R = F′ᵀ F with frames as rows: R = Σ_k image_k referenceₖᵀ.
          var m = [Double](repeating: 0, count: 9)
          for k in 0..<3 { for i in 0..<3 { for j in 0..<3 { m[3 * i + j] += image[3 * k + i] * reference[3 * k + j] } } }
          guard let permutation = matching(r, m, classOf: classOf, tolerance: 10 * tolerance) else { continue }
          let target = (0..<n).flatMap { i in (0..<3).map { r[3 * permutation[i] + $0] } }
          let refined = RigidAlignment.orthogonal(weights: masses, from: r, to: target, determinant: sign)
          guard let exact = matching(r, refined, classOf: classOf, tolerance: tolerance), exact == permutation else { continue }
          if !found.contains(where: { $0.permutation == permutation && maxDifference($0.matrix, refined) < 1e-6 }) {
            found.append((refined, permutation))
          }
        }
      }
    }
    return found.isEmpty ? [identity] : found
  }

  /// The permutation π with |R r_i − r_π(i)| ≤ tolerance for identical atoms, if one exists.
  static func matching(_ r: [Double], _ m: [Double], classOf: [Int], tolerance: Double) -> [Int]? {
    let n = r.count / 3
    var permutation = [Int](repeating: -1, count: n)
    var used = [Bool](repeating: false, count: n)
    for i in 0..<n {
      let p = (0..<3).map { a in (0..<3).reduce(0.0) { $0 + m[3 * a + $1] * r[3 * i + $1] } }
      var best = -1, bestDistance = tolerance
      for j in 0..<n where classOf[j] == classOf[i] && !used[j] {
        let d = (0..<3).reduce(0.0) { $0 + (p[$1] - r[3 * j + $1]) * (p[$1] - r[3 * j + $1]) }.squareRoot()
        if d <= bestDistance { best = j; bestDistance = d }
      }
      guard best >= 0 else { return nil }
      permutation[i] = best
      used[best] = true
    }
    return permutation
  }

  // MARK: - Name

  /// The Schoenflies symbol of a finite group of operations.
  static func schoenflies(_ ops: [SymmetryOperation]) -> String {
    let proper = ops.filter { $0.determinant > 0 && !$0.isIdentity }
    let hasInversion = ops.contains(where: \.isInversion)
    let reflections = ops.filter(\.isReflection)
    if proper.isEmpty {
      if !reflections.isEmpty { return "Cs" }
      return hasInversion ? "Ci" : "C1"
    }
    let n = proper.map(\.order).max()!
    func parallel(_ u: [Double], _ v: [Double]) -> Bool { abs(abs(zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }) - 1) < 1e-6 }
    func perpendicular(_ u: [Double], _ v: [Double]) -> Bool { abs(zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-6 }
    var axes: [(axis: [Double], order: Int)] = []
    for op in proper {
      let a = op.axis!
      if let k = axes.firstIndex(where: { parallel($0.axis, a) }) { axes[k].order = max(axes[k].order, op.order) } else { axes.append((a, op.order)) }
    }
    let high = axes.filter { $0.order >= 3 }
    if high.count >= 2 {
      if n == 5 { return hasInversion ? "Ih" : "I" }
      if n == 4 { return hasInversion ? "Oh" : "O" }
      if hasInversion { return "Th" }
      return reflections.isEmpty ? "T" : "Td"
    }
    let principal = axes.first { $0.order == n }!.axis
    let twofoldPerpendicular = axes.filter { $0.order % 2 == 0 && perpendicular($0.axis, principal) }.count
    let sigmaH = reflections.contains { parallel($0.axis!, principal) }
    let sigmaV = reflections.contains { perpendicular($0.axis!, principal) }
    if twofoldPerpendicular >= n && n >= 2 {
      if sigmaH { return "D\(n)h" }
      return sigmaV ? "D\(n)d" : "D\(n)"
    }
    if sigmaH { return "C\(n)h" }
    if sigmaV { return "C\(n)v" }
    if ops.contains(where: { $0.determinant < 0 && !$0.isReflection && $0.order == 2 * n }) { return "S\(2 * n)" }
    return "C\(n)"
  }
}

func determinant3(_ m: [Double]) -> Double {
  let a: Double = m[0] * (m[4] * m[8] - m[5] * m[7])
  let b: Double = m[1] * (m[3] * m[8] - m[5] * m[6])
  let c: Double = m[2] * (m[3] * m[7] - m[4] * m[6])
  return a - b + c
}

func multiply3(_ a: [Double], _ b: [Double]) -> [Double] {
  var out = [Double](repeating: 0, count: 9)
  for i in 0..<3 { for j in 0..<3 { for k in 0..<3 { out[3 * i + j] += a[3 * i + k] * b[3 * k + j] } } }
  return out
}

func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
