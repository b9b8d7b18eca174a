import LinearAlgebra

/// Labelled samples: inputs (one sample per row), labels, and optional label gradients.
///
/// The currency of the package: samplers return a `Dataset`, files are read into one, and
/// learning curves draw training sets from one.
///
/// ```swift
/// let d = try Dataset(inputs: Matrix(rows: [[0, 1], [2, 3], [4, 5]]), labels: [1, 2, 3])
/// d.count                      // 3
/// d.subset([2, 0]).labels      // [3.0, 1.0]
/// ```
public struct Dataset: Sendable, Equatable {
  /// Inputs, n × d.
  public var inputs: Matrix
  /// Labels, one per row of `inputs`.
  public var labels: [Double]
  /// Optional gradients of the label with respect to the inputs (n × d), e.g. minus the forces.
  public var gradients: Matrix?

  /// A data set.
  ///
  /// - Parameters:
  ///   - inputs: n × d inputs, one sample per row, d ≥ 1 (n may be 0).
  ///   - labels: n labels.
  ///   - gradients: n × d label gradients, or `nil`.
  /// - Throws: ``DatasetError`` `.shapeMismatch` when the label count differs from the number
  ///   of input rows, when the inputs have no columns, or when `gradients` is not n × d.
  public init(inputs: Matrix, labels: [Double], gradients: Matrix? = nil) throws(DatasetError) {
    var problems: [String] = []
    if labels.count != inputs.rows {
      problems.append("\(inputs.rows) input rows but \(labels.count) labels; give one label per row")
    }
    if inputs.columns == 0 {
      problems.append("the inputs have no columns (0-dimensional samples); give at least one input coordinate per sample")
    }
    if let g = gradients, g.rows != inputs.rows || g.columns != inputs.columns {
      problems.append("gradients are \(g.rows) × \(g.columns) but the inputs are \(inputs.rows) × \(inputs.columns); give one gradient per input coordinate, or none")
    }
    guard problems.isEmpty else {
      throw DatasetError(.shapeMismatch, "Cannot build a data set: " + problems.joined(separator: "; ") + ".")
    }
    self.inputs = inputs
    self.labels = labels
    self.gradients = gradients
  }

  /// A data set whose shapes the caller has already checked (rows of one matrix, labels
  /// computed one per row): the package's own samplers and gathers.
  /// - Precondition: the shapes ``init(inputs:labels:gradients:)`` checks.
  init(checkedInputs inputs: Matrix, labels: [Double], gradients: Matrix? = nil) {
    precondition(labels.count == inputs.rows && (gradients.map { $0.rows == inputs.rows && $0.columns == inputs.columns } ?? true),
                 "Dataset with \(inputs.rows) inputs and \(labels.count) labels")
    self.inputs = inputs
    self.labels = labels
    self.gradients = gradients
  }

  /// Number of samples.
  public var count: Int { labels.count }
  /// Input dimension.
  public var dimension: Int { inputs.columns }

  /// The samples at `indices`, in that order.
  /// - Precondition: every index is in `0..<count` (as for an array subscript).
  public func subset(_ indices: [Int]) -> Dataset {
    Dataset(checkedInputs: inputs.rows(at: indices), labels: indices.map { labels[$0] },
            gradients: gradients.map { $0.rows(at: indices) })
  }

  /// A random split into two disjoint parts, the first with `firstCount` samples.
  ///
  /// - Throws: ``DatasetError`` `.invalidParameter` unless 0 ≤ firstCount ≤ count.
  /// - Complexity: O(count · dimension).
  public func split(firstCount: Int, using generator: inout some RandomNumberGenerator) throws(DatasetError) -> (Dataset, Dataset) {
    guard firstCount >= 0 && firstCount <= count else {
      throw DatasetError(.invalidParameter, "Cannot split \(firstCount) samples off a data set of \(count); ask for 0 to \(count).")
    }
    let p = generator.permutation(count)
    return (subset(Array(p[..<firstCount])), subset(Array(p[firstCount...])))
  }

  /// The samples of `self` followed by those of `other`. Gradients are kept only if both have them.
  ///
  /// - Throws: ``DatasetError`` `.shapeMismatch` when the two have different input dimensions.
  public func concatenated(with other: Dataset) throws(DatasetError) -> Dataset {
    guard dimension == other.dimension else {
      throw DatasetError(.shapeMismatch, "Cannot concatenate data sets of dimension \(dimension) and \(other.dimension); give both the same input columns.")
    }
    let g: Matrix? = if let a = gradients, let b = other.gradients { Matrix.stacking(a, b) } else { nil }
    return Dataset(checkedInputs: Matrix.stacking(inputs, other.inputs), labels: labels + other.labels, gradients: g)
  }
}
