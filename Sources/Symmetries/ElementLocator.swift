internal import LinearAlgebra

/// Finds the index of a product or inverse of a finite group's elements, for the checks that
/// need the group's multiplication (label characters, character tables).
///
/// Elements are looked up by their matrices rounded to a grid of 1e-6 (as ``GroupClosure``
/// compares them), with an exact max-norm fallback within 1e-8 for values that round to a
/// neighbouring grid point. Products are formed from the matrices about the first element's
/// centre, so a set with inconsistent centres cannot trap here.
struct ElementLocator {
  let elements: [OrthogonalAction]
  private let index: [OrthogonalAction.Key: Int]
  private let centre: [Double]

  init(_ elements: [OrthogonalAction]) {
    self.elements = elements
    self.centre = elements.first?.centre ?? []
    var index: [OrthogonalAction.Key: Int] = [:]
    for (k, g) in elements.enumerated() where index[Self.key(g.matrix, centre)] == nil {
      index[Self.key(g.matrix, centre)] = k
    }
    self.index = index
  }

  private static func key(_ m: Matrix, _ centre: [Double]) -> OrthogonalAction.Key {
    OrthogonalAction(uncheckedMatrix: m, centre: centre).key()
  }

  /// The index of the element with matrix `m`, or `nil`.
  func locate(_ m: Matrix) -> Int? {
    if let k = index[Self.key(m, centre)] { return k }
    return elements.indices.first { elements[$0].matrix.maxAbsoluteDifference(to: m) <= 1e-8 }
  }

  /// The index of elements[a] ∘ elements[b] (matrix R_a R_b), or `nil` when the set is not closed.
  ///
  /// - Complexity: O(d³) plus a hash lookup.
  func product(_ a: Int, _ b: Int) -> Int? {
    let ra = elements[a].matrix, rb = elements[b].matrix
    let d = ra.rows
    var m = Matrix(rows: d, columns: d)
    for i in 0..<d { for j in 0..<d {
      var s = 0.0
      for k in 0..<d { s += ra[i, k] * rb[k, j] }
      m[i, j] = s
    } }
    return locate(m)
  }

  /// The index of the inverse of elements[a] (matrix R_aᵀ), or `nil`.
  func inverse(_ a: Int) -> Int? { locate(elements[a].matrix.transposed()) }

  /// For a Z2^m sign-flip group: each element's flip mask over `coordinates` (bit i set when the
  /// element maps coordinate `coordinates[i]` to its negative), or `nil` when some element is not a
  /// diagonal ±1 matrix acting as the identity off `coordinates`.
  static func flipMasks(of elements: [OrthogonalAction], coordinates: [Int]) -> [Int]? {
    var masks: [Int] = []
    masks.reserveCapacity(elements.count)
    for g in elements {
      let r = g.matrix
      let d = r.rows
      var mask = 0
      for i in 0..<d { for j in 0..<d where i != j && r[i, j] != 0 { return nil } }
      for k in 0..<d {
        let v = r[k, k]
        if let bit = coordinates.firstIndex(of: k) {
          if v == -1 { mask |= 1 << bit } else if v != 1 { return nil }
        } else if v != 1 {
          return nil
        }
      }
      masks.append(mask)
    }
    return masks
  }
}
