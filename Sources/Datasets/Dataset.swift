import LinearAlgebra

/// Labelled samples: inputs (one sample per row), labels, and optional label gradients.
///
/// The currency of the package: samplers return a `Dataset`, files are read into one, and
/// learning curves draw training sets from one.
///
/// ```swift
/// let d = Dataset(inputs: Matrix(rows: [[0, 1], [2, 3], [4, 5]]), labels: [1, 2, 3])
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
  /// - Precondition: `labels.count == inputs.rows`, and `gradients` (if any) has the shape of `inputs`.
  public init(inputs: Matrix, labels: [Double], gradients: Matrix? = nil) {
    precondition(labels.count == inputs.rows, "Dataset with \(inputs.rows) inputs and \(labels.count) labels")
    if let g = gradients {
      precondition(g.rows == inputs.rows && g.columns == inputs.columns,
                   "Gradients \(g.rows) × \(g.columns) for inputs \(inputs.rows) × \(inputs.columns)")
    }
    self.inputs = inputs
    self.labels = labels
    self.gradients = gradients
  }

  /// Number of samples.
  public var count: Int { labels.count }
  /// Input dimension.
  public var dimension: Int { inputs.columns }

  /// The samples at `indices`, in that order.
  public func subset(_ indices: [Int]) -> Dataset {
    Dataset(inputs: inputs.rows(at: indices), labels: indices.map { labels[$0] },
            gradients: gradients.map { $0.rows(at: indices) })
  }

  /// A random split into two disjoint parts, the first with `firstCount` samples.
  /// - Precondition: 0 ≤ firstCount ≤ count.
  public func split(firstCount: Int, using generator: inout some RandomNumberGenerator) -> (Dataset, Dataset) {
    precondition(firstCount >= 0 && firstCount <= count, "Split of \(firstCount) from \(count) samples")
    let p = generator.permutation(count)
    return (subset(Array(p[..<firstCount])), subset(Array(p[firstCount...])))
  }

  /// The samples of `self` followed by those of `other`. Gradients are kept only if both have them.
  public func concatenated(with other: Dataset) -> Dataset {
    let g: Matrix? = if let a = gradients, let b = other.gradients { Matrix.stacking(a, b) } else { nil }
    return Dataset(inputs: Matrix.stacking(inputs, other.inputs), labels: labels + other.labels, gradients: g)
  }
}
