import Foundation
public import LinearAlgebra
public import Symmetries

extension GroupFourierSolver {
  /// Fits a Gaussian process on the augmented set {(g·x_i, y_g(x_i))} through the group-Fourier
  /// solve: hyperparameters by the augmented log marginal likelihood, predictions by |G| sector
  /// solves of size N — the same model as `GaussianProcessRegression` on the explicitly augmented
  /// N|G| samples, at |G|² less factorisation work.
  ///
  /// The process supplies the starting hyperparameters (signal variance c, the kernel's, noise σ²),
  /// their bounds and `isFixed` flags, alpha, label normalisation (over all N|G| augmented labels),
  /// restarts and seed; this solver supplies the group (its ridge is not used). The optimisation is
  /// `GaussianProcessRegression`'s own loop (bounded L-BFGS in log space, seeded restarts) on the
  /// likelihood and gradient of ``logMarginalLikelihoodWithGradient(process:inputs:elementLabels:)``:
  ///
  /// ```
  /// A_s = c M_s + (σ² + alpha) I,   β_s = A_s⁻¹ ŷ_s,   ŷ_s = Σ_g χ_s(g) y_g     (labels normalised)
  /// log p(y) = −½ Σ_s [ŷ_sᵀ β_s / |G| + log det A_s] − (N|G|/2) log 2π
  /// ```
  ///
  /// ## The augmented likelihood is overconfident
  ///
  /// The likelihood treats the |G| copies of a sample as |G| independent observations. They are
  /// not: a copy's label is the original's (plus a correction), so its noise is the original's
  /// noise, seen |G| times. The fitted noise and the predictive variance shrink accordingly, and
  /// intervals are too narrow where the data are noisy; with noise-free labels of an exact symmetry
  /// the effect is small. Measured (`swift run -c release docs-figures fourier-gp`, a Z2² sign-flip
  /// invariant function of 2 inputs, N = 60, 400 test points): see "A Gaussian process on the
  /// Fourier route" in Documentation/AugmentationRoutes.md for the coverage and NLPD against the
  /// sum-kernel GP, which uses each sample once. Prefer the sum kernel (exact symmetries) when
  /// calibrated intervals matter; use this route for corrected approximate symmetries, whose labels
  /// differ across the orbit.
  ///
  /// - Parameters:
  ///   - process: The Gaussian process settings (its kernel must be invariant under the flips; the
  ///     solver's kernel is replaced by it).
  ///   - inputs: N × d training inputs.
  ///   - y: N × |G| per-element labels (argument label `elementLabels`), column g the label of the copy g·x_i
  ///     (``elementLabels(_:_:)``).
  /// - Returns: The fitted process.
  /// - Throws: `RegressionError` for bad shapes or values, bad settings (bounds, alpha, restarts —
  ///   all problems at once), the memory budget ((2 + free kernel hyperparameters)·|G| + 2 buffers
  ///   of 8N² bytes), or sector matrices that are not positive definite at the optimum.
  /// - Complexity: per likelihood evaluation |G| kernel builds, |G| Cholesky factorisations and |G|
  ///   inverses of size N (O(|G| N³)); (restarts + 1) optimiser runs of tens of evaluations each.
  ///   Memory: the |G| Cholesky factors are kept for the predictive variance (8 |G| N² bytes).
  /// - Reference: arXiv 2605.28238 ("Using a symmetry in a model"); Rasmussen & Williams (2006),
  ///   Alg. 2.1.
  public func fit(process: GaussianProcessRegression<K>, inputs: Matrix,
                  elementLabels y: Matrix) throws(RegressionError) -> FittedGroupFourierProcess<K, G> {
    var problems: [RegressionError.Problem] = []
    process.checkSettings(into: &problems)
    do { try validate(inputs, y, copies: (2 + process.kernel.freeHyperparameterCount) * order + 2) } catch {
      problems += error.problems
    }
    try Validation.throwIfAny(problems)
    let (best, evaluations, converged) = process.optimized { candidate in
      try? self.logMarginalLikelihoodWithGradient(process: candidate, inputs: inputs, elementLabels: y)
    }
    let (mean, std) = best.normalization(y.elements)
    let labels = Self.normalized(y, best)
    let c = best.signalVariance.value, shift = best.noiseLevel.value + best.alpha
    let solver = with(kernel: best.kernel)
    var blocks = solver.transformedGramMatrices(inputs, scale: c)
    let yHat = Self.transformColumns(labels)
    let n = inputs.rows, count = order
    var factors: [Cholesky] = []
    var beta = Matrix(rows: n, columns: count)
    var fit = 0.0, logDet = 0.0
    for s in 0..<count {
      var a = blocks[s]
      blocks[s] = Matrix(rows: 0, columns: 0)
      a.addToDiagonal(shift)
      let factor: Cholesky
      do { factor = try Cholesky(factoring: consume a, jitter: .none) } catch {
        throw RegressionError(wrapping: error, regularizer: "noise level = \(best.noiseLevel.value) (character \(s) of \(count))")
      }
      let ys = yHat.column(s)
      let b = factor.solve(ys)
      fit += zip(ys, b).reduce(0) { $0 + $1.0 * $1.1 }
      logDet += factor.logDeterminant
      beta.withUnsafeMutableBufferPointer { p in for i in 0..<n { p[i * count + s] = b[i] } }
      factors.append(factor)
    }
    let value = -0.5 * (fit / Double(count) + logDet) - 0.5 * Double(n * count) * log(2 * Double.pi)
    return FittedGroupFourierProcess(
      solver: solver, signalVariance: c, noiseLevel: best.noiseLevel.value, alpha: best.alpha,
      trainingInputs: inputs, augmentedInputs: solver.augmentedInputs(inputs), sectorCoefficients: beta,
      dualCoefficients: Self.dualCoefficients(fromSectors: beta), factors: factors, labelMean: mean, labelScale: std,
      logMarginalLikelihood: value, functionEvaluations: evaluations, optimizerConverged: converged)
  }

  /// Fits the Gaussian process with per-element labels from the symmetry's label corrections
  /// (``elementLabels(_:_:)``, the `Augmentation.augment` convention).
  ///
  /// - Throws: As ``fit(process:inputs:elementLabels:)``, and for a label count that differs from
  ///   the rows.
  /// - Complexity: As ``fit(process:inputs:elementLabels:)``.
  public func fit(process: GaussianProcessRegression<K>, inputs: Matrix,
                  labels: [Double]) throws(RegressionError) -> FittedGroupFourierProcess<K, G> {
    try checkLabels(inputs, labels)
    return try fit(process: process, inputs: inputs, elementLabels: elementLabels(inputs, labels))
  }
}

/// A Gaussian process fitted on a sign-flip-augmented set by the group-Fourier solve
/// (`GroupFourierSolver.fit(process:inputs:elementLabels:)`): the optimised hyperparameters, the
/// sector solutions β_s and the |G| Cholesky factors of A_s = c M_s + σ̃² I (σ̃² = noise + alpha).
///
/// Its predictions are those of `FittedGaussianProcess` on the explicitly augmented N|G| samples.
/// The augmented kernel matrix is K_aug = Q diag(M_s) Q with the orthogonal
/// Q = (H ⊗ I)/√|G| (H_sg = χ_s(g), the Walsh–Hadamard matrix, H² = |G| I), so
/// (c K_aug + σ̃²I)⁻¹ = (1/|G|) (H ⊗ I) diag(A_s⁻¹) (H ⊗ I). For a test point x* the augmented
/// cross-covariance has blocks k(g·X, x*) = k(X, g·x*) (the kernel is invariant and each g an
/// involution), whose transform is k̂_s = Σ_g χ_s(g) k(X, g·x*):
///
/// ```
/// mean(x*) = m + s · c Σ_g k(x*, g·X) α_g = m + s · (c/|G|) Σ_s k̂_sᵀ β_s
/// var(x*)  = s² · (max(0, c k(x*, x*) − (c²/|G|) Σ_s k̂_sᵀ A_s⁻¹ k̂_s) + noise)
///          = s² · (c k(x*, x*) + noise − (1/|G|) Σ_s ‖L_s⁻¹ c k̂_s‖²),   A_s = L_s L_sᵀ
/// ```
///
/// with (m, s) the label normalisation over all N|G| augmented labels ((0, 1) without it). As for
/// `FittedGaussianProcess`, the variance includes the white-noise term unless `includingNoise` is
/// `false`, and alpha is not added. The augmented likelihood behind the hyperparameters counts each
/// sample |G| times; see `GroupFourierSolver.fit(process:inputs:elementLabels:)` on what that does to
/// the intervals.
public struct FittedGroupFourierProcess<K: Kernel, G: FiniteLabelSymmetry>: Predictor {
  /// The solver with the optimised kernel (its ridge is unused).
  let solver: GroupFourierSolver<K, G>
  /// Optimised signal variance c.
  public let signalVariance: Double
  /// Optimised white-noise variance σ².
  public let noiseLevel: Double
  /// Fixed jitter used on the training diagonal.
  public let alpha: Double
  /// The N × d original training inputs.
  public let trainingInputs: Matrix
  /// The N|G| × d copies g·X, element-major (identity first).
  public let augmentedInputs: Matrix
  /// β_s = A_s⁻¹ ŷ_s, N × |G| (column s), normalised label space.
  public let sectorCoefficients: Matrix
  /// α_g = (1/|G|) Σ_s χ_s(g) β_s, element-major like ``augmentedInputs``.
  public let dualCoefficients: [Double]
  /// The Cholesky factors of A_s, s = 0 ..< |G|.
  let factors: [Cholesky]
  /// Label mean subtracted before fitting (0 without normalisation).
  public let labelMean: Double
  /// Label scale divided out before fitting (1 without normalisation).
  public let labelScale: Double
  /// Augmented log marginal likelihood at the optimum, in the normalised label space (nats).
  public let logMarginalLikelihood: Double
  /// Number of likelihood evaluations spent by the optimiser (0 without optimisation).
  public let functionEvaluations: Int
  /// Whether the run that produced the optimum met its convergence test.
  public let optimizerConverged: Bool

  /// The base kernel with its optimised hyperparameters.
  public var kernel: K { solver.kernel }
  /// The sign-flip group.
  public var symmetry: G { solver.symmetry }
  public var inputDimension: Int { trainingInputs.columns }

  /// The optimised hyperparameters: signal variance, the kernel's, noise level.
  public var hyperparameters: [Hyperparameter] {
    [Hyperparameter(name: "signalVariance", value: signalVariance)] + kernel.hyperparameters
      + [Hyperparameter(name: "noiseLevel", value: noiseLevel)]
  }

  /// Predictive means c Σ_g k(x*, g·X) α_g, rescaled to label units.
  /// - Throws: `RegressionError` on a dimension mismatch or non-finite inputs.
  /// - Complexity: O(M N |G| d).
  public func predict(_ inputs: Matrix) throws(RegressionError) -> [Double] {
    try Validation.checkTest(inputs, dimension: inputDimension)
    if inputs.rows == 0 { return [] }
    let f = kernel.crossMatrix(inputs, augmentedInputs) * dualCoefficients
    return f.map { labelMean + labelScale * signalVariance * $0 }
  }

  /// Predictive means and standard deviations by the sector solves.
  /// - Parameters:
  ///   - inputs: M × d test inputs.
  ///   - includingNoise: Whether the white-noise variance is part of the variance (default `true`,
  ///     scikit-learn's convention for `C * k + WhiteKernel`).
  /// - Returns: Means and standard deviations, in label units.
  /// - Throws: `RegressionError` on a dimension mismatch or non-finite inputs.
  /// - Complexity: O(M N |G| d) for the cross-covariances, O(M N |G|) for their transform and
  ///   O(M N² |G|) for the triangular solves; test points are taken in blocks so that the
  ///   cross-covariances stay under 32 MiB.
  public func predictWithStandardDeviation(_ inputs: Matrix, includingNoise: Bool = true) throws(RegressionError)
    -> (mean: [Double], standardDeviation: [Double]) {
    try Validation.checkTest(inputs, dimension: inputDimension)
    let n = trainingInputs.rows, count = factors.count
    let block = max(1, (1 << 22) / max(1, n * count))
    var means: [Double] = [], stds: [Double] = []
    means.reserveCapacity(inputs.rows)
    stds.reserveCapacity(inputs.rows)
    var start = 0
    while start < inputs.rows {
      let end = min(inputs.rows, start + block)
      let (m, s) = sectorPrediction(inputs.rows(at: start..<end), includingNoise: includingNoise)
      means += m
      stds += s
      start = end
    }
    return (means, stds)
  }

  private func sectorPrediction(_ x: Matrix, includingNoise: Bool) -> (mean: [Double], standardDeviation: [Double]) {
    let n = trainingInputs.rows, m = x.rows, count = factors.count
    let c = signalVariance
    // c k(g·X, x*) for every copy g (rows g·N ..< (g+1)·N), then the transform over g.
    var cross = kernel.crossMatrix(augmentedInputs, x)
    cross.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= c } }
    let means = cross.multiplied(by: dualCoefficients, transposingSelf: true).map { labelMean + labelScale * $0 }
    var blocks = (0..<count).map { g in
      Matrix(rows: n, columns: m, elements: Array(cross.elements[(g * n * m)..<((g + 1) * n * m)]))
    }
    solver.walshHadamard(&blocks, n: n)
    var reduction = [Double](repeating: 0, count: m)
    for s in 0..<count {
      let v = factors[s].solveLower(blocks[s])
      v.withUnsafeBufferPointer { p in
        for i in 0..<n { for j in 0..<m { reduction[j] += p[i * m + j] * p[i * m + j] } }
      }
    }
    let prior = kernel.diagonal(x)
    let noise = includingNoise ? noiseLevel : 0
    let stds = (0..<m).map { j in
      // Latent variance clamped at zero before the noise is added (see GaussianProcessRegression).
      (max(0, c * prior[j] - reduction[j] / Double(count)) + noise).squareRoot() * labelScale
    }
    return (means, stds)
  }
}
