public import LinearAlgebra

/// A data set augmented by the elements of a symmetry, with the provenance of every row.
///
/// Rows are in g-major order: row g·N + i is the copy of sample i under `elements[g]`, and
/// `elements[0]` is the identity, so the first N rows are the original data.
public struct AugmentedData: Sendable, Hashable {
  /// The augmented inputs, (N·|G|) × d.
  public let inputs: Matrix
  /// The augmented labels ỹ = χ(g) y + c_g(x).
  public let labels: [Double]
  /// For each row, the index of the original sample it came from.
  public let sourceSample: [Int]
  /// For each row, the index into ``elements`` of the element applied.
  public let elementIndex: [Int]
  /// The elements used, identity first.
  public let elements: [OrthogonalAction]
  /// The number of original samples N.
  public var originalCount: Int { elements.isEmpty ? 0 : inputs.rows / elements.count }
}

/// Explicit augmentation: add (g·xᵢ, yᵢ + c_g(xᵢ)) for every element g — the route that works
/// with any regressor.
///
/// ```
/// X_aug = [X; g₁·X; …],   y_aug = [y; χ(g₁) y + c_{g₁}(X); …]      (identity first, g-major)
/// ```
///
/// χ is the symmetry's ``FiniteLabelSymmetry/labelCharacter`` (all ones unless the label is odd
/// under some elements, see ``SignedLabelSymmetry``).
///
/// Cost: an N|G| × d input matrix; a kernel model on it solves an N|G| system, O((N|G|)³).
/// For exact finite groups the symmetrized kernel gives the same predictions at O(N³), and
/// for Z2^m sign flips the group-Fourier solver does too (see `Regression`).
///
/// ```swift
/// let x = Matrix(rows: [[1, 2], [3, 4]])
/// let aug = try Augmentation.augment(inputs: x, labels: [5, 6], by: try Inversion(dimension: 2))
/// aug.inputs.rows     // 4: (1,2), (3,4), (−1,−2), (−3,−4)
/// aug.labels          // [5, 6, 5, 6]
/// ```
public enum Augmentation {
  /// Augments by every element of a finite symmetry.
  ///
  /// - Parameters:
  ///   - inputs: N × d, one sample per row.
  ///   - labels: N labels.
  ///   - symmetry: the finite symmetry (identity first).
  /// - Returns: N|G| rows in g-major order with corrected labels.
  /// - Throws: ``SymmetryError`` `.dimensionMismatch` (columns ≠ d, or label count ≠ N),
  ///   `.invalidParameter` (no samples), `.nonFiniteValue`, `.exceedsMemoryBudget`.
  /// - Complexity: O(|G| N d²) (one gemm per element) plus N|G| correction calls.
  public static func augment(inputs: Matrix, labels: [Double], by symmetry: some FiniteLabelSymmetry) throws(SymmetryError) -> AugmentedData {
    try augment(inputs: inputs, labels: labels, elements: symmetry.elements, symmetry: symmetry,
                character: symmetry.hasInvariantLabels ? nil : symmetry.labelCharacter)
  }

  /// Augments by `copies` elements of a continuous symmetry: the identity and `copies − 1`
  /// Haar-random draws shared by all samples.
  ///
  /// - Parameters:
  ///   - inputs: N × d.
  ///   - labels: N labels.
  ///   - symmetry: the continuous symmetry.
  ///   - copies: M ≥ 1, the number of copies of each sample including the original.
  ///   - generator: the source of the draws (seed it to reproduce).
  /// - Returns: N·M rows in g-major order.
  /// - Throws: as the finite-group `augment(inputs:labels:by:)`; `.invalidParameter` for M < 1.
  public static func augment(inputs: Matrix, labels: [Double], by symmetry: some ContinuousLabelSymmetry, copies: Int,
                             using generator: inout some RandomNumberGenerator) throws(SymmetryError) -> AugmentedData {
    guard copies >= 1 else {
      throw SymmetryError(.invalidParameter,
                          "Augmentation by a continuous group needs copies ≥ 1 (the original plus copies − 1 random "
                            + "elements), got \(copies).", actual: copies)
    }
    try validate(inputs: inputs, labels: labels, copies: copies, symmetry: symmetry)
    var elements = [OrthogonalAction.identity(dimension: symmetry.dimension, centre: symmetry.centre)]
    for _ in 1..<copies { elements.append(symmetry.randomElement(using: &generator)) }
    return try augment(inputs: inputs, labels: labels, elements: elements, symmetry: symmetry)
  }

  /// Checks shapes, finiteness and the memory needed for `copies` copies of every sample.
  static func validate(inputs: Matrix, labels: [Double], copies: Int, symmetry: some LabelSymmetry) throws(SymmetryError) {
    try symmetry.validate(inputs: inputs)
    let n = inputs.rows, d = inputs.columns
    guard n >= 1 else {
      throw SymmetryError(.invalidParameter, "There are no samples to augment (0 rows); give at least one sample.", actual: 0)
    }
    guard labels.count == n else {
      throw SymmetryError(.dimensionMismatch,
                          "There are \(labels.count) labels for \(n) input rows; give one label per sample.",
                          expected: n, actual: labels.count)
    }
    if let bad = labels.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("the labels", index: bad) }
    let (rows, o1) = n.multipliedReportingOverflow(by: copies)
    let (bytes, o2) = rows.multipliedReportingOverflow(by: (d + 3) * 8)
    guard !o1, !o2, bytes <= MemoryBudget.bytes else {
      throw SymmetryError(.exceedsMemoryBudget,
                          "Augmenting \(n) samples by \(copies) elements gives \(o1 ? Int.max : rows) rows needing "
                            + "\(MemoryBudget.format(bytes: o1 || o2 ? Int.max : bytes)), more than the memory budget of "
                            + "\(MemoryBudget.format(bytes: MemoryBudget.bytes)); use fewer samples or copies, a kernel "
                            + "route that avoids explicit augmentation, or raise MemoryBudget.bytes.",
                          expected: MemoryBudget.bytes, actual: o1 || o2 ? Int.max : bytes)
    }
  }


  /// The augmented rows; `character` (χ(g) per element, `nil` for invariant labels) signs the copies' labels.
  static func augment(inputs: Matrix, labels: [Double], elements: [OrthogonalAction],
                      symmetry: some LabelSymmetry, character: [Double]? = nil) throws(SymmetryError) -> AugmentedData {
    try validate(inputs: inputs, labels: labels, copies: elements.count, symmetry: symmetry)
    let n = inputs.rows, d = inputs.columns, copies = elements.count
    let rows = n * copies
    var allInputs = [Double]()
    allInputs.reserveCapacity(rows * d)
    var allLabels = [Double](), source = [Int](), which = [Int]()
    allLabels.reserveCapacity(rows); source.reserveCapacity(rows); which.reserveCapacity(rows)
    let exact = symmetry.isExact
    for (g, element) in elements.enumerated() {
      allInputs.append(contentsOf: g == 0 ? inputs.elements : element.apply(to: inputs).elements)
      for i in 0..<n {
        let c = (g == 0 || exact) ? 0 : symmetry.labelCorrection(for: element, at: inputs.row(i))
        allLabels.append((character.map { $0[g] * labels[i] } ?? labels[i]) + c)
        source.append(i)
        which.append(g)
      }
    }
    return AugmentedData(inputs: Matrix(rows: rows, columns: d, elements: allInputs), labels: allLabels,
                         sourceSample: source, elementIndex: which, elements: elements)
  }
}
