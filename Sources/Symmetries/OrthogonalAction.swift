import Foundation
public import LinearAlgebra

/// One group element: an orthogonal d × d matrix R acting about a centre c.
///
/// ```
/// g · x = c + R (x − c),     RᵀR = I
/// ```
///
/// Every element of a ``LabelSymmetry`` is an `OrthogonalAction`, so distances are kept,
/// ‖g·x − g·x′‖ = ‖x − x′‖, and every stationary isotropic kernel is invariant:
/// k(g·x, g·x′) = k(x, x′). That is the fact the symmetrized-kernel and group-Fourier routes
/// rest on (arXiv 2605.28238).
///
/// ```swift
/// let flip = try OrthogonalAction(matrix: .diagonal([-1, 1]), centre: [1, 0])
/// flip.apply(to: [3, 2])   // [-1.0, 2.0]
/// ```
///
/// Elements of one symmetry share its centre; ``composed(with:)`` requires that.
/// `==` and `hash(into:)` compare matrices and centres exactly; use
/// ``isApproximatelyEqual(to:tolerance:)`` or ``key(resolution:)`` to tolerate round-off.
public struct OrthogonalAction: Sendable, Hashable, CustomStringConvertible {
  /// The orthogonal matrix R (d × d).
  public let matrix: Matrix
  /// The centre c, a fixed point of the action.
  public let centre: [Double]

  /// The default orthogonality tolerance on ‖RᵀR − I‖_F.
  public static let defaultTolerance = 1e-8

  /// An element from an orthogonal matrix and a centre, checked.
  ///
  /// - Parameters:
  ///   - matrix: R, square and orthogonal.
  ///   - centre: c; `nil` means the origin.
  ///   - tolerance: largest accepted ‖RᵀR − I‖_F.
  /// - Throws: ``SymmetryError`` `.dimensionMismatch` (non-square, centre length),
  ///   `.nonFiniteValue`, `.nonOrthogonalElement` (with the defect).
  /// - Complexity: O(d³).
  public init(matrix: Matrix, centre: [Double]? = nil, tolerance: Double = defaultTolerance) throws(SymmetryError) {
    guard matrix.isSquare else {
      throw SymmetryError(.dimensionMismatch,
                          "A group element must be a square matrix, got \(matrix.rows) × \(matrix.columns); "
                            + "give a d × d orthogonal matrix.", expected: matrix.rows, actual: matrix.columns)
    }
    guard matrix.isFinite else { throw .nonFinite("the group element's matrix") }
    let c = centre ?? [Double](repeating: 0, count: matrix.rows)
    guard c.count == matrix.rows else {
      throw .dimension("The centre", expected: matrix.rows, actual: c.count,
                       hint: "Give a centre with one entry per coordinate.")
    }
    guard c.allSatisfy(\.isFinite) else { throw .nonFinite("the centre") }
    let defect = OrthogonalAction.orthogonalityDefect(of: matrix)
    guard defect <= tolerance else {
      throw .nonOrthogonal(defect: defect, tolerance: tolerance, what: "The \(matrix.rows) × \(matrix.rows) matrix")
    }
    self.matrix = matrix
    self.centre = c
  }

  /// An element without the orthogonality check, for matrices orthogonal by construction.
  ///
  /// - Precondition: `matrix` is square and `centre` has one entry per row.
  public init(uncheckedMatrix matrix: Matrix, centre: [Double]) {
    precondition(matrix.isSquare && centre.count == matrix.rows,
                 "OrthogonalAction needs a square matrix and a matching centre, got \(matrix.rows) × \(matrix.columns) and \(centre.count)")
    self.matrix = matrix
    self.centre = centre
  }

  /// The identity element about `centre` (origin by default).
  public static func identity(dimension: Int, centre: [Double]? = nil) -> OrthogonalAction {
    OrthogonalAction(uncheckedMatrix: .identity(dimension), centre: centre ?? [Double](repeating: 0, count: dimension))
  }

  /// The input dimension d.
  public var dimension: Int { matrix.rows }

  /// ‖RᵀR − I‖_F.
  public static func orthogonalityDefect(of r: Matrix) -> Double {
    let g = r.multiplied(by: r, transposingSelf: true)
    var s = 0.0
    for i in 0..<g.rows { for j in 0..<g.columns {
      let e = g[i, j] - (i == j ? 1 : 0)
      s += e * e
    } }
    return s.squareRoot()
  }

  /// ‖RᵀR − I‖_F of this element.
  public var orthogonalityDefect: Double { OrthogonalAction.orthogonalityDefect(of: matrix) }

  /// `true` when R is the identity to within `tolerance` (max-norm).
  public func isIdentity(tolerance: Double = 1e-10) -> Bool {
    matrix.maxAbsoluteDifference(to: .identity(dimension)) <= tolerance
  }

  /// g · x = c + R(x − c).
  ///
  /// - Precondition: `x.count == dimension`.
  /// - Complexity: O(d²).
  public func apply(to x: [Double]) -> [Double] {
    precondition(x.count == dimension, "Point of dimension \(x.count) given to a \(dimension)-dimensional action")
    let d = dimension
    var out = centre
    matrix.withUnsafeBufferPointer { r in
      for i in 0..<d {
        var s = 0.0
        for j in 0..<d { s += r[i * d + j] * (x[j] - centre[j]) }
        out[i] += s
      }
    }
    return out
  }

  /// Applies the element to every row of `batch` (one sample per row) with one `dgemm`:
  ///
  /// ```
  /// Y = (X − 1cᵀ) Rᵀ + 1cᵀ
  /// ```
  ///
  /// - Precondition: `batch.columns == dimension`.
  /// - Complexity: O(n d²).
  public func apply(to batch: Matrix) -> Matrix {
    precondition(batch.columns == dimension, "Batch with \(batch.columns) columns given to a \(dimension)-dimensional action")
    let d = dimension
    let hasCentre = centre.contains { $0 != 0 }
    var shifted = batch
    if hasCentre {
      shifted.withUnsafeMutableBufferPointer { p in
        for i in 0..<batch.rows { for j in 0..<d { p[i * d + j] -= centre[j] } }
      }
    }
    var out = shifted.multiplied(by: matrix, transposingOther: true)
    if hasCentre {
      out.withUnsafeMutableBufferPointer { p in
        for i in 0..<batch.rows { for j in 0..<d { p[i * d + j] += centre[j] } }
      }
    }
    return out
  }

  /// The composition self ∘ other: x ↦ self · (other · x), matrix R_self R_other.
  ///
  /// - Precondition: equal dimensions and centres (elements of one symmetry share a centre).
  public func composed(with other: OrthogonalAction) -> OrthogonalAction {
    precondition(other.dimension == dimension, "Cannot compose actions of dimensions \(dimension) and \(other.dimension)")
    precondition(zip(centre, other.centre).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) },
                 "Cannot compose actions about different centres \(centre) and \(other.centre)")
    return OrthogonalAction(uncheckedMatrix: matrix * other.matrix, centre: centre)
  }

  /// The inverse element, Rᵀ about the same centre.
  public var inverse: OrthogonalAction {
    OrthogonalAction(uncheckedMatrix: matrix.transposed(), centre: centre)
  }

  /// det R (±1 for an orthogonal matrix), by LU with partial pivoting.
  public var determinant: Double {
    let n = dimension
    var a = matrix.elements
    var det = 1.0
    for k in 0..<n {
      var p = k
      for i in (k + 1)..<max(n, k + 1) where abs(a[i * n + k]) > abs(a[p * n + k]) { p = i }
      if a[p * n + k] == 0 { return 0 }
      if p != k {
        for j in 0..<n { a.swapAt(k * n + j, p * n + j) }
        det = -det
      }
      det *= a[k * n + k]
      for i in (k + 1)..<max(n, k + 1) {
        let f = a[i * n + k] / a[k * n + k]
        for j in k..<n { a[i * n + j] -= f * a[k * n + j] }
      }
    }
    return det
  }

  /// `true` when matrices and centres agree to within `tolerance` (max-norm).
  public func isApproximatelyEqual(to other: OrthogonalAction, tolerance: Double = 1e-9) -> Bool {
    guard other.dimension == dimension else { return false }
    return matrix.maxAbsoluteDifference(to: other.matrix) <= tolerance
      && zip(centre, other.centre).allSatisfy { abs($0 - $1) <= tolerance }
  }

  /// A hashable key of the element rounded to a grid of `resolution`, for closure
  /// computations: two elements equal to well within `resolution` get the same key.
  public struct Key: Hashable, Sendable {
    let values: [Int64]
  }

  /// This element's rounded ``Key`` (matrix and centre on a grid of `resolution`).
  public func key(resolution: Double = 1e-6) -> Key {
    let all = matrix.elements + centre
    return Key(values: all.map { Int64(($0 / resolution).rounded()) })
  }

  public var description: String {
    // + 0.0 turns −0 into 0: a reflection prints [[-1, 0], [0, 1]], never "-0"; NaN prints "nan".
    func entry(_ x: Double) -> String { x.isNaN ? "nan" : String(format: "%.4g", x + 0.0) }
    let rows = (0..<dimension).map { i in "[" + matrix.row(i).map(entry).joined(separator: ", ") + "]" }
    return "OrthogonalAction(R = [\(rows.joined(separator: ", "))], centre = \(centre.map { $0 + 0.0 }))"
  }
}
