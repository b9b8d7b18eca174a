import Foundation
public import LinearAlgebra
public import Symmetries

/// Kernel ridge regression and the Gaussian-process likelihood on a dataset augmented by Z2^m sign
/// flips, solved as |G| = 2^m systems of size N instead of one of size N|G|.
///
/// The labels may differ across the orbit (corrected approximate symmetries such as
/// `ApproximateReflection` with a `TaylorCorrection`). With element u flipping the coordinates
/// `signFlipCoordinates[i]` for every set bit i of u (about `centre`), and a kernel invariant under
/// the flips, the augmented kernel matrix has blocks K^(g⊕h), K^(u)_ij = k(x_i, u·x_j); each K^(u)
/// is symmetric (u is an involution). The characters χ_s(u) = (−1)^popcount(s & u) block-diagonalise it:
///
/// ```
/// M_s = Σ_u χ_s(u) K^(u)                      (fast Walsh–Hadamard transform over u)
/// ŷ_s = Σ_g χ_s(g) y_g,   β_s = (M_s + λI)⁻¹ ŷ_s
/// α_g = (1/|G|) Σ_s χ_s(g) β_s               (dual coefficients of the copy g·X)
/// f(x*) = Σ_g K(x*, g·X) α_g
/// log p(y) = −½ Σ_s [ŷ_sᵀ β_s / |G| + log det(M_s + λI)] − (N|G|/2) log 2π
/// ```
///
/// Predictions equal those of KRR on the explicitly augmented set (same λ) up to rounding; the cost
/// is |G| Cholesky factorisations of size N (|G|² less work than one of size N|G|) and |G| N×N
/// buffers of memory (8 |G| N² bytes).
///
/// Reference: arXiv 2605.28238, "Using a symmetry in a model" (group-Fourier solve).
public struct GroupFourierSolver<K: Kernel, G: FiniteLabelSymmetry>: Sendable {
  /// The base kernel, invariant under the sign flips.
  public let kernel: K
  /// The ridge λ added to every M_s.
  public let ridge: Double
  /// The sign-flip group (its elements in the bit order described above).
  public let symmetry: G
  /// The flipped coordinates, bit i of an element index flipping `coordinates[i]`.
  public let coordinates: [Int]
  /// Jitter policy of the |G| Cholesky factorisations.
  public var jitter: Cholesky.JitterPolicy = .standard
  /// Memory budget in bytes (nil: `MemoryBudget.bytes`).
  public var memoryBudget: Int? = nil

  /// Prepares the solver.
  ///
  /// - Parameters:
  ///   - kernel: A kernel invariant under the flips (checked numerically unless isotropic).
  ///   - ridge: λ > 0.
  ///   - symmetry: A finite symmetry with `signFlipCoordinates != nil` whose element u flips
  ///     `signFlipCoordinates[i]` for each set bit i of u (e.g. `SignFlips`, `ApproximateReflection`).
  /// - Throws: `SymmetryError.routeNotApplicable` when the group is not Z2^m sign flips in that
  ///   order; `.kernelNotInvariant` for a kernel not invariant under the flips;
  ///   `.invalidParameter` for a ridge that is not finite and positive.
  /// - Complexity: O(|G| d²) to check the element order.
  public init(kernel: K, ridge: Double, symmetry: G) throws(SymmetryError) {
    guard let coordinates = symmetry.signFlipCoordinates else {
      throw SymmetryError(.routeNotApplicable,
                          "The group-Fourier route needs Z2^m sign flips, but \(symmetry.name) is not a sign-flip "
                            + "group; use explicit augmentation (route .augment) or, for an exact symmetry, the sum "
                            + "kernel (route .sumKernel).")
    }
    let d = symmetry.dimension
    let elements = symmetry.elements
    guard elements.count == 1 << coordinates.count else {
      throw SymmetryError(.routeNotApplicable,
                          "\(symmetry.name) has \(elements.count) elements, but sign flips on \(coordinates.count) "
                            + "coordinates form a group of \(1 << coordinates.count); use explicit augmentation "
                            + "(route .augment).", expected: 1 << coordinates.count, actual: elements.count)
    }
    for (u, g) in elements.enumerated() {
      var diagonal = [Double](repeating: 1, count: d)
      for (i, c) in coordinates.enumerated() where (u >> i) & 1 == 1 { diagonal[c] = -1 }
      guard g.matrix.maxAbsoluteDifference(to: .diagonal(diagonal)) <= 1e-12 else {
        throw SymmetryError(.routeNotApplicable,
                            "Element \(u) of \(symmetry.name) is not the sign flip of coordinates "
                              + "\(coordinates.enumerated().filter { (u >> $0.offset) & 1 == 1 }.map(\.element)) that "
                              + "the group-Fourier route expects (bit i of the element index flips coordinate i of "
                              + "signFlipCoordinates); list the elements in that order, or use explicit augmentation "
                              + "(route .augment).", indices: [u])
      }
    }
    guard ridge.isFinite && ridge > 0 else {
      throw SymmetryError(.invalidParameter,
                          "The ridge λ is \(ridge); it must be a finite number > 0 (e.g. 1e-6).", value: ridge)
    }
    if !kernel.isIsotropic {
      try checkKernelInvariance(kernel, symmetry: symmetry, route: "group-Fourier", tolerance: 1e-10)
    }
    self.kernel = kernel
    self.ridge = ridge
    self.symmetry = symmetry
    self.coordinates = coordinates
  }

  /// The group order |G| = 2^m.
  public var order: Int { 1 << coordinates.count }

  /// Per-element labels y_g(x_i) = χ(g) y_i + c_g(x_i), as an N × |G| matrix (column g for element g).
  ///
  /// This is the convention of `Augmentation.augment`: the copy g·x_i carries the label y_i, signed
  /// by the symmetry's label character χ(g) (all ones unless the label is odd under some elements),
  /// plus the label correction evaluated at the original x_i (zero for exact symmetries and for the
  /// identity).
  ///
  /// - Complexity: O(N |G|) label corrections.
  public func elementLabels(_ inputs: Matrix, _ labels: [Double]) -> Matrix {
    precondition(inputs.rows == labels.count, "\(inputs.rows) inputs but \(labels.count) labels")
    let n = inputs.rows, count = order
    var y = Matrix(rows: n, columns: count)
    let elements = symmetry.elements
    let exact = symmetry.isExact
    let chi = symmetry.labelCharacter
    y.withUnsafeMutableBufferPointer { p in
      for i in 0..<n {
        let x = inputs.row(i)
        for g in 0..<count {
          p[i * count + g] = chi[g] * labels[i] + ((g == 0 || exact) ? 0 : symmetry.labelCorrection(for: elements[g], at: x))
        }
      }
    }
    return y
  }

  /// The transformed Gram matrices M_s = Σ_u χ_s(u) K^(u), s = 0..<|G|, optionally scaled by `scale`.
  ///
  /// Each K^(u) is built from one squared-distance BLAS call (stationary kernels: the profile is
  /// applied to the lower triangle only, since K^(u) is symmetric, then mirrored) or one
  /// cross-kernel call (other kernels: symmetrised from the lower triangle). The |G| matrices are
  /// then combined in place by a fast Walsh–Hadamard transform (|G| log₂|G| matrix additions).
  func transformedGramMatrices(_ x: Matrix, scale: Double = 1) -> [Matrix] {
    let n = x.rows
    var blocks: [Matrix] = symmetry.elements.enumerated().map { u, g in
      var k: Matrix
      if u == 0 {
        k = kernel.matrix(x)
      } else if let stationary = kernel as? any StationaryKernel {
        k = stationary.symmetricCrossMatrix(x, g.apply(to: x))
      } else {
        k = kernel.crossMatrix(x, g.apply(to: x))
        #if SYMMETRYSCALING_INTERNAL_CHECKS
        let asymmetry = k.maxAbsoluteDifference(to: k.transposed())
        precondition(asymmetry <= 1e-9 * Swift.max(1, k.elements.map(abs).max() ?? 0),
                     "K^(\(u)) is not symmetric (max asymmetry \(asymmetry)) although the kernel passed the invariance check")
        #endif
        k.symmetrizeFromLower()
      }
      if scale != 1 { k.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= scale } } }
      return k
    }
    walshHadamard(&blocks, n: n)
    return blocks
  }

  /// In-place unnormalised Walsh–Hadamard transform over the element index of equal-shape matrices.
  func walshHadamard(_ blocks: inout [Matrix], n: Int) {
    var h = 1
    while h < blocks.count {
      for start in stride(from: 0, to: blocks.count, by: 2 * h) {
        for a in start..<(start + h) {
          var first = blocks[a], second = blocks[a + h]
          blocks[a] = Matrix(rows: 0, columns: 0)
          blocks[a + h] = Matrix(rows: 0, columns: 0)
          first.withUnsafeMutableBufferPointer { p in
            second.withUnsafeMutableBufferPointer { q in
              for i in p.indices {
                let u = p[i], v = q[i]
                p[i] = u + v
                q[i] = u - v
              }
            }
          }
          blocks[a] = first
          blocks[a + h] = second
        }
      }
      h *= 2
    }
  }

  /// Walsh–Hadamard transform of the columns of an N × |G| matrix, row by row.
  static func transformColumns(_ y: Matrix) -> Matrix {
    var out = y
    let count = y.columns
    out.withUnsafeMutableBufferPointer { p in
      for i in 0..<y.rows {
        var h = 1
        while h < count {
          for start in stride(from: 0, to: count, by: 2 * h) {
            for a in start..<(start + h) {
              let u = p[i * count + a], v = p[i * count + a + h]
              p[i * count + a] = u + v
              p[i * count + a + h] = u - v
            }
          }
          h *= 2
        }
      }
    }
    return out
  }

  func validate(_ inputs: Matrix, _ y: Matrix, copies: Int) throws(RegressionError) {
    var problems: [RegressionError.Problem] = []
    Validation.checkFinite(inputs, what: "training inputs", into: &problems)
    Validation.checkFinite(y, what: "per-element labels", into: &problems)
    if inputs.rows == 0 {
      problems.append(.init(code: .emptyTrainingSet, message: "There are no training samples; give at least one."))
    }
    if inputs.columns != symmetry.dimension {
      problems.append(.init(code: .dimensionMismatch, message:
        "The inputs have \(inputs.columns) columns but \(symmetry.name) acts on \(symmetry.dimension) coordinates; "
        + "give one column per coordinate of the symmetry."))
    }
    if y.rows != inputs.rows || y.columns != order {
      problems.append(.init(code: .countMismatch, message:
        "The per-element labels are \(y.rows) × \(y.columns) but need to be \(inputs.rows) × \(order) (one row per "
        + "sample, one column per group element in the symmetry's order); build them with elementLabels(_:_:)."))
    }
    Validation.checkMemory(order: inputs.rows, copies: copies, budget: memoryBudget ?? MemoryBudget.bytes,
                           into: &problems)
    try Validation.throwIfAny(problems)
  }

  /// Solves the |G| systems (M_s + shift·I) β_s = ŷ_s, returning β (N × |G|, column s) and Σ log det.
  private func solve(_ x: Matrix, _ y: Matrix, scale: Double, shift: Double, regularizer: String)
    throws(RegressionError) -> (beta: Matrix, yHat: Matrix, logDeterminant: Double) {
    let n = x.rows, count = order
    var blocks = transformedGramMatrices(x, scale: scale)
    let yHat = Self.transformColumns(y)
    var beta = Matrix(rows: n, columns: count)
    var logDet = 0.0
    for s in 0..<count {
      var m = blocks[s]
      blocks[s] = Matrix(rows: 0, columns: 0)
      m.addToDiagonal(shift)
      let factor: Cholesky
      do { factor = try Cholesky(factoring: consume m, jitter: jitter) } catch {
        throw RegressionError(wrapping: error, regularizer: regularizer + " (character \(s) of \(count))")
      }
      let b = factor.solve(yHat.column(s))
      logDet += factor.logDeterminant
      beta.withUnsafeMutableBufferPointer { p in for i in 0..<n { p[i * count + s] = b[i] } }
    }
    return (beta, yHat, logDet)
  }

  /// Fits KRR on the augmented set {(g·x_i, y_g(x_i))} through the group-Fourier solve.
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - y: N × |G| labels (argument label `elementLabels`), column g the label of the copy g·x_i.
  /// - Returns: A `FittedKernelRidge` on the N|G| augmented inputs (element-major, as
  ///   `Augmentation.augment` orders them) whose dual coefficients are the α_g.
  /// - Throws: `RegressionError` for bad shapes, non-finite values, the memory budget
  ///   (|G| + 1 buffers of 8N² bytes) or a failed factorisation.
  /// - Complexity: |G| kernel builds, O(|G| log|G| N²) additions, |G| Cholesky factorisations O(N³/3).
  public func fit(_ inputs: Matrix, elementLabels y: Matrix) throws(RegressionError) -> FittedKernelRidge<K> {
    try validate(inputs, y, copies: order + 1)
    let (beta, _, _) = try solve(inputs, y, scale: 1, shift: ridge, regularizer: "ridge λ = \(ridge)")
    return FittedKernelRidge(kernel: kernel, trainingInputs: augmentedInputs(inputs),
                             dualCoefficients: Self.dualCoefficients(fromSectors: beta))
  }

  /// The dual coefficients α_g = (1/|G|) Σ_s χ_s(g) β_s of the copies, element-major (copy g of
  /// sample i at g·N + i, as `augmentedInputs(_:)` orders them), from β (N × |G|, column s).
  static func dualCoefficients(fromSectors beta: Matrix) -> [Double] {
    let alphaByRow = transformColumns(beta)
    let n = beta.rows, count = beta.columns
    var alpha = [Double](repeating: 0, count: n * count)
    alphaByRow.withUnsafeBufferPointer { p in
      for g in 0..<count { for i in 0..<n { alpha[g * n + i] = p[i * count + g] / Double(count) } }
    }
    return alpha
  }

  /// Fits KRR with per-element labels built from the symmetry's label corrections
  /// (`elementLabels(_:_:)`, the `Augmentation.augment` convention).
  ///
  /// - Throws: As `fit(_:elementLabels:)`, and for a label count that differs from the rows.
  /// - Complexity: As `fit(_:elementLabels:)`.
  public func fit(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> FittedKernelRidge<K> {
    try checkLabels(inputs, labels)
    return try fit(inputs, elementLabels: elementLabels(inputs, labels))
  }

  func checkLabels(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) {
    var problems: [RegressionError.Problem] = []
    Validation.checkTraining(inputs, labels, into: &problems)
    if inputs.columns != symmetry.dimension {
      problems.append(.init(code: .dimensionMismatch, message:
        "The inputs have \(inputs.columns) columns but \(symmetry.name) acts on \(symmetry.dimension) coordinates; "
        + "give one column per coordinate of the symmetry."))
    }
    try Validation.throwIfAny(problems)
  }

  /// The copies g·X stacked element-major (identity first), as `Augmentation.augment` orders them.
  /// - Parameter inputs: N × d inputs.
  /// - Returns: N|G| × d inputs.
  /// - Complexity: |G| batch applications, O(N |G| d²).
  public func augmentedInputs(_ inputs: Matrix) -> Matrix {
    var all: [Double] = []
    all.reserveCapacity(inputs.rows * inputs.columns * order)
    for (g, element) in symmetry.elements.enumerated() {
      all.append(contentsOf: g == 0 ? inputs.elements : element.apply(to: inputs).elements)
    }
    return Matrix(rows: inputs.rows * order, columns: inputs.columns, elements: all)
  }

  /// The log marginal likelihood of a Gaussian process on the augmented set, by the Fourier solve.
  ///
  /// Uses the process's kernel hyperparameters from this solver's kernel, its signal variance c and
  /// its diagonal shift (noise level + alpha); the solver's ridge is not used. Labels are normalised
  /// over all N|G| augmented labels when the process normalises labels. Equals
  /// `process.logMarginalLikelihood` on the explicitly augmented set.
  ///
  /// ```
  /// log p(y) = −½ Σ_s [ŷ_sᵀ β_s / |G| + log det(c M_s + σ²I)] − (N|G|/2) log 2π
  /// ```
  ///
  /// Note: maximising this likelihood counts every sample |G| times and makes the model
  /// overconfident; choose hyperparameters on the original samples or by validation.
  ///
  /// - Parameters:
  ///   - process: Supplies c, the noise level, alpha and label normalisation.
  ///   - inputs: N × d inputs.
  ///   - y: N × |G| per-element labels (argument label `elementLabels`).
  /// - Returns: The log marginal likelihood (nats).
  /// - Throws: `RegressionError` for bad shapes, the memory budget or a failed factorisation.
  /// - Complexity: |G| kernel builds and |G| Cholesky factorisations of size N.
  public func logMarginalLikelihood(process: GaussianProcessRegression<K>, inputs: Matrix,
                                    elementLabels y: Matrix) throws(RegressionError) -> Double {
    try validate(inputs, y, copies: order + 1)
    let labels = Self.normalized(y, process)
    let shift = process.noiseLevel.value + process.alpha
    let solver = self.with(kernel: process.kernel)
    let (beta, yHat, logDet) = try solver.solve(inputs, labels, scale: process.signalVariance.value, shift: shift,
                                                regularizer: "noise level = \(process.noiseLevel.value)")
    var fit = 0.0
    for i in beta.elements.indices { fit += beta.elements[i] * yHat.elements[i] }
    let total = Double(inputs.rows * order)
    return -0.5 * (fit / Double(order) + logDet) - 0.5 * total * log(2 * Double.pi)
  }

  /// The labels normalised over all N|G| augmented labels when the process normalises labels.
  static func normalized(_ y: Matrix, _ process: GaussianProcessRegression<K>) -> Matrix {
    guard process.normalizesLabels else { return y }
    let (mean, std) = process.normalization(y.elements)
    return Matrix(rows: y.rows, columns: y.columns, elements: y.elements.map { ($0 - mean) / std })
  }

  func with(kernel: K) -> Self {
    GroupFourierSolver(unchecked: kernel, ridge: ridge, symmetry: symmetry, coordinates: coordinates,
                       jitter: .none, memoryBudget: memoryBudget)
  }

  init(unchecked kernel: K, ridge: Double, symmetry: G, coordinates: [Int], jitter: Cholesky.JitterPolicy,
       memoryBudget: Int?) {
    self.kernel = kernel
    self.ridge = ridge
    self.symmetry = symmetry
    self.coordinates = coordinates
    self.jitter = jitter
    self.memoryBudget = memoryBudget
  }
}
