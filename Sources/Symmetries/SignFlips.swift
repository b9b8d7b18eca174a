internal import LinearAlgebra

/// The sign-flip group Z2^m on chosen coordinates about a centre.
///
/// ```
/// g_u · x = c + D_u (x − c),   D_u = diag(s),  s_k = −1 if k = coordinates[i] and bit i of u is 1, else +1
/// |G| = 2^m
/// ```
///
/// Elements are listed in that order: element u (0 ≤ u < 2^m) flips `coordinates[i]` exactly
/// when bit i of u is set; u = 0 is the identity. The group-Fourier solver relies on this
/// order (characters χ_s(u) = (−1)^popcount(s & u)).
///
/// ```swift
/// let z2cubed = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
/// z2cubed.order                          // 8
/// z2cubed.elements[5].apply(to: [1, 2, 3])   // [-1.0, 2.0, -3.0]
/// ```
public struct SignFlips: FiniteLabelSymmetry {
  public let dimension: Int
  public let centre: [Double]
  /// The flipped coordinates, in bit order.
  public let coordinates: [Int]
  public let elements: [OrthogonalAction]
  public var isExact: Bool { true }
  public var name: String { "Z2^\(coordinates.count) sign flips on \(coordinates)" }
  public var signFlipCoordinates: [Int]? { coordinates }

  /// The largest number of flipped coordinates accepted (|G| = 2^20).
  public static let maximumCoordinateCount = 20

  /// Sign flips of `coordinates` of d-dimensional inputs about `centre` (origin by default).
  ///
  /// - Throws: ``SymmetryError`` `.invalidCoordinates` (out of range or repeated),
  ///   `.invalidParameter` (d < 1, none or more than 20 coordinates), `.exceedsMemoryBudget`
  ///   (2^m elements of d × d would not fit `MemoryBudget.bytes`), bad centre errors.
  /// - Complexity: O(2^m d²).
  public init(dimension: Int, coordinates: [Int], centre: [Double]? = nil) throws(SymmetryError) {
    guard dimension >= 1 else {
      throw SymmetryError(.invalidParameter, "Sign flips need dimension ≥ 1, got \(dimension).", actual: dimension)
    }
    guard !coordinates.isEmpty, coordinates.count <= SignFlips.maximumCoordinateCount else {
      throw SymmetryError(.invalidParameter,
                          "Sign flips need 1 to \(SignFlips.maximumCoordinateCount) coordinates, got \(coordinates.count); "
                            + "list the coordinates whose sign the label ignores.", actual: coordinates.count)
    }
    try validateCoordinates(coordinates, dimension: dimension, what: "Sign-flip coordinate indices")
    // 2^m elements, each a d × d matrix and a centre: refused before they are built.
    let order = 1 << coordinates.count
    do { try MemoryBudget.check(rows: order, columns: dimension * dimension + dimension) } catch {
      throw SymmetryError(.exceedsMemoryBudget,
                          "Sign flips of \(coordinates.count) coordinates of \(dimension)-dimensional inputs have \(order) elements "
                            + "needing \(MemoryBudget.format(bytes: error.bytesNeeded ?? 0)), above the memory budget of "
                            + "\(MemoryBudget.format(bytes: error.bytesAvailable ?? 0)); flip fewer coordinates.",
                          expected: error.bytesAvailable, actual: error.bytesNeeded)
    }
    let c = centre ?? [Double](repeating: 0, count: dimension)
    try validateCentre(c, dimension: dimension)
    self.dimension = dimension
    self.coordinates = coordinates
    self.centre = c
    self.elements = signFlipElements(dimension: dimension, coordinates: coordinates, centre: c)
  }

  /// Which coordinates element `u` flips.
  public func flippedCoordinates(ofElement u: Int) -> [Int] {
    coordinates.indices.filter { (u >> $0) & 1 == 1 }.map { coordinates[$0] }
  }
}
