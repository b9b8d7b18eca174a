import Foundation
internal import LinearAlgebra

/// Reflection through a hyperplane: the group Z2 = {identity, x ↦ x − 2n(n·(x − p))}.
///
/// ```
/// R = I − 2 n nᵀ   (n the unit normal),   g · x = p + R (x − p),   |G| = 2
/// ```
///
/// The plane passes through `point` p (the ``centre``). When the normal is a coordinate
/// axis ±e_k, ``signFlipCoordinates`` is `[k]` and the group-Fourier route applies.
///
/// ```swift
/// let mirror = try Reflection(normal: [0, 0, 1])          // the xy plane
/// mirror.elements[1].apply(to: [1, 2, 3])               // [1.0, 2.0, -3.0]
/// ```
public struct Reflection: FiniteLabelSymmetry {
  public let dimension: Int
  public let centre: [Double]
  /// The unit normal n.
  public let normal: [Double]
  public let elements: [OrthogonalAction]
  public var isExact: Bool { true }
  public var name: String { "reflection" }
  public let signFlipCoordinates: [Int]?

  /// A reflection through the plane with normal `normal` (any non-zero length; normalized)
  /// through `point` (origin by default).
  ///
  /// - Throws: ``SymmetryError`` `.invalidParameter` for a zero or non-finite normal,
  ///   `.dimensionMismatch` when `point` has a different length.
  /// - Complexity: O(d²).
  public init(normal: [Double], point: [Double]? = nil) throws(SymmetryError) {
    let d = normal.count
    let length = normal.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard d >= 1, length > 0, length.isFinite else {
      throw SymmetryError(.invalidParameter,
                          "A reflection needs a non-zero, finite normal vector, got \(normal) (length \(length)); "
                            + "give the plane's normal, e.g. [0, 0, 1] for the xy plane.", value: length)
    }
    let c = point ?? [Double](repeating: 0, count: d)
    try validateCentre(c, dimension: d)
    let n = normal.map { $0 / length }
    var r = Matrix.identity(d)
    for i in 0..<d { for j in 0..<d { r[i, j] -= 2 * n[i] * n[j] } }
    self.dimension = d
    self.centre = c
    self.normal = n
    self.elements = [.identity(dimension: d, centre: c), OrthogonalAction(uncheckedMatrix: r, centre: c)]
    let axes = n.indices.filter { abs(n[$0]) > 1 - 1e-15 }
    let others = n.indices.allSatisfy { abs(n[$0]) <= 1e-15 || axes.contains($0) }
    self.signFlipCoordinates = axes.count == 1 && others ? axes : nil
  }
}
