public import LinearAlgebra

/// A known function b(x) of the inputs that a model does not have to learn (Δ-learning).
///
/// A model with a baseline learns the residual and adds the baseline back when it predicts:
///
/// ```
/// r(x) = y(x) − b(x)                 fitted on the training set (X, y − b(X))
/// ŷ(x*) = f_r(x*) + b(x*)
/// ```
///
/// For a potential energy surface about a minimum the natural baseline is its Taylor polynomial,
/// ``TaylorBaseline`` (T₂ from the Hessian, T₃ adding the cubic force constants): the residual
/// V − T₃ is smaller and much closer to reflection symmetric than V, so a symmetry used on it
/// errs less (see ``SymmetryDiagnostics/init(symmetry:label:baseline:sample:)``).
///
/// ## Contract a conformer keeps
///
/// - ``uncheckedValues(at:)`` returns one value per row of an N × ``dimension`` matrix, the same
///   values every time it is called with the same rows (a baseline is deterministic: it adds no
///   variance to a model's prediction).
/// - It is finite wherever the model is trained or evaluated; ``values(at:)`` checks that and the
///   input shape, and is what library code calls.
///
/// ```swift
/// let b = try ClosureBaseline(dimension: 2) { x in x[0] * x[0] + x[1] }
/// try b.values(at: Matrix(rows: [[1, 2], [3, 0]]))   // [3.0, 9.0]
/// ```
///
/// Reference: R. Ramakrishnan, P. O. Dral, M. Rupp, O. A. von Lilienfeld, J. Chem. Theory
/// Comput. 11, 2087 (2015), doi:10.1021/acs.jctc.5b00099 (Δ-machine learning); arXiv 2605.28238.
public protocol Baseline: Sendable {
  /// The input dimension d (columns of the matrices it is evaluated on).
  var dimension: Int { get }
  /// A short name for messages ("the Taylor baseline T₃", …).
  var name: String { get }
  /// b at each row of `inputs`, without checking shape or finiteness (``values(at:)`` does).
  ///
  /// - Parameter inputs: N × ``dimension``, one point per row.
  /// - Returns: N values.
  func uncheckedValues(at inputs: Matrix) -> [Double]
}

extension Baseline {
  /// Default: the conforming type's name.
  public var name: String { "the baseline \(Self.self)" }

  /// b at each row of `inputs`, checked.
  ///
  /// - Parameter inputs: N × ``dimension``, finite, one point per row.
  /// - Returns: N finite values.
  /// - Throws: ``SymmetryError`` `.dimensionMismatch` (columns ≠ ``dimension``),
  ///   `.nonFiniteValue` (an input, or a value of the baseline, naming its row and point),
  ///   `.shapeMismatch` (a conformer that returned the wrong number of values).
  /// - Complexity: the conformer's, plus O(N d) checks.
  public func values(at inputs: Matrix) throws(SymmetryError) -> [Double] {
    try checkedValues(at: inputs, namingRows: true)
  }

  /// b(x) at one point, checked as ``values(at:)``.
  ///
  /// - Throws: as ``values(at:)``.
  /// - Complexity: one evaluation on a 1 × d matrix.
  public func value(at x: [Double]) throws(SymmetryError) -> Double {
    try checkedValues(at: Matrix(rows: 1, columns: x.count, elements: x), namingRows: false)[0]
  }

  private func checkedValues(at inputs: Matrix, namingRows: Bool) throws(SymmetryError) -> [Double] {
    guard inputs.columns == dimension else {
      throw SymmetryError(.dimensionMismatch,
                          "The inputs have \(inputs.columns) columns, but \(name) is a function of \(dimension) "
                            + "coordinates; give inputs with \(dimension) columns, in the baseline's coordinates, or "
                            + "build the baseline for \(inputs.columns) coordinates.",
                          expected: dimension, actual: inputs.columns)
    }
    if let bad = inputs.elements.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite("the inputs of \(name)", index: namingRows ? bad / inputs.columns : nil, indexName: "row")
    }
    let values = uncheckedValues(at: inputs)
    guard values.count == inputs.rows else {
      throw SymmetryError(.shapeMismatch,
                          "uncheckedValues(at:) of \(name) returned \(values.count) values for \(inputs.rows) input "
                            + "rows; a Baseline returns one value per row. Fix that method.",
                          expected: inputs.rows, actual: values.count)
    }
    if let i = values.firstIndex(where: { !$0.isFinite }) {
      let row = namingRows ? " (row \(i))" : ""
      throw SymmetryError(.nonFiniteValue,
                          "The value of \(name) at x = \(inputs.row(i))\(row) is \(values[i]); a baseline must be finite "
                            + "wherever the model is trained or evaluated. Fix the baseline there or remove that sample.",
                          value: values[i], indices: [i])
    }
    return values
  }
}

/// A baseline given by a function: a user's own b(x) (a cheaper method's energy, a force field, …).
///
/// ```swift
/// let pairwise = try ClosureBaseline(dimension: 3, name: "harmonic baseline") { q in
///   0.5 * (3832.8 * q[0] * q[0] + 1649.1 * q[1] * q[1] + 3944.3 * q[2] * q[2])
/// }
/// ```
public struct ClosureBaseline: Baseline {
  public let dimension: Int
  public let name: String
  private let body: @Sendable (Matrix) -> [Double]

  /// A baseline evaluated point by point.
  ///
  /// - Parameters:
  ///   - dimension: d ≥ 1, the length of the points passed to `function`.
  ///   - name: a name for messages.
  ///   - function: b(x) for one point x (d values); return NaN where it cannot be evaluated (checked
  ///     by ``Baseline/values(at:)``).
  /// - Throws: ``SymmetryError`` `.invalidParameter` for d < 1.
  /// - Complexity: evaluation calls `function` N times, reusing one d-element buffer.
  public init(dimension: Int, name: String = "the closure baseline",
              _ function: @escaping @Sendable ([Double]) -> Double) throws(SymmetryError) {
    try Self.check(dimension: dimension)
    self.init(dimension: dimension, name: name, uncheckedBatch: { inputs in
      var x = [Double](repeating: 0, count: inputs.columns)
      var out: [Double] = []
      out.reserveCapacity(inputs.rows)
      inputs.withUnsafeBufferPointer { p in
        for r in 0..<inputs.rows {
          for j in 0..<inputs.columns { x[j] = p[r * inputs.columns + j] }
          out.append(function(x))
        }
      }
      return out
    })
  }

  /// A baseline evaluated on a whole N × d matrix at once (e.g. by BLAS).
  ///
  /// - Parameters:
  ///   - dimension: d ≥ 1.
  ///   - name: a name for messages.
  ///   - batch: N values for an N × d matrix (count and finiteness checked by ``Baseline/values(at:)``).
  /// - Throws: ``SymmetryError`` `.invalidParameter` for d < 1.
  public init(dimension: Int, name: String = "the closure baseline",
              batch: @escaping @Sendable (Matrix) -> [Double]) throws(SymmetryError) {
    try Self.check(dimension: dimension)
    self.init(dimension: dimension, name: name, uncheckedBatch: batch)
  }

  private init(dimension: Int, name: String, uncheckedBatch: @escaping @Sendable (Matrix) -> [Double]) {
    self.dimension = dimension
    self.name = name
    self.body = uncheckedBatch
  }

  private static func check(dimension: Int) throws(SymmetryError) {
    guard dimension >= 1 else {
      throw SymmetryError(.invalidParameter,
                          "A baseline's dimension is \(dimension); it must be ≥ 1, the number of input coordinates.",
                          actual: dimension)
    }
  }

  public func uncheckedValues(at inputs: Matrix) -> [Double] { body(inputs) }
}
