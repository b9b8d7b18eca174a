import Foundation
import LinearAlgebra

/// Exact Gaussian process regression with signal variance, kernel hyperparameters and white
/// noise fitted by maximising the log marginal likelihood (bounded L-BFGS with restarts).
///
/// The model (scikit-learn's `ConstantKernel(c) * k + WhiteKernel(noise)` with `alpha`):
///
/// ```
/// K_θ = c · K_k + (noise + alpha) I
/// log p(y | X, θ) = −½ yᵀ K_θ⁻¹ y − ½ log det K_θ − (N/2) log 2π
/// ∂ log p/∂θ_m = ½ tr((ααᵀ − K_θ⁻¹) ∂K_θ/∂θ_m),   α = K_θ⁻¹ y,   θ = log hyperparameters
/// ```
///
/// The optimised vector θ is (log c, free kernel hyperparameters, log noise), each fixed one
/// left out; bounds default to 1e-5…1e5 (scikit-learn's). Restarts draw log-uniform points
/// within the bounds from a generator seeded by ``seed``; the best log marginal likelihood wins.
/// With ``normalizesLabels``, y′ = (y − mean)/std (population std; 1 if zero); the likelihood is
/// reported in the normalised space, predictions and standard deviations are rescaled, as in
/// scikit-learn.
///
/// - Complexity: per likelihood evaluation O(N²d) for the kernel, N³/3 for Cholesky, N³/3·2 for
///   the inverse used by the gradient, O(N²) per gradient component. Memory: about 3 + (number
///   of kernel hyperparameters) N × N buffers during optimisation.
/// - Reference: Rasmussen & Williams, Gaussian Processes for Machine Learning (2006), Alg. 2.1
///   and eq. 5.9; scikit-learn `sklearn/gaussian_process/_gpr.py`.
public struct GaussianProcessRegression<K: Kernel>: Regressor {
  /// The base kernel k (its hyperparameters, bounds and `isFixed` flags are used as given).
  public var kernel: K
  /// Signal variance c (initial value when optimising).
  public var signalVariance: Hyperparameter
  /// White-noise variance added to the training diagonal (initial value when optimising).
  public var noiseLevel: Hyperparameter
  /// Fixed jitter added to the diagonal (scikit-learn's GPR `alpha`, default 1e-10).
  public var alpha: Double
  /// Whether labels are normalised to zero mean and unit variance before fitting.
  public var normalizesLabels: Bool
  /// Whether the hyperparameters are optimised (`false`: used as given).
  public var optimizesHyperparameters: Bool
  /// Number of extra optimiser starts drawn log-uniformly within the bounds.
  public var restarts: Int
  /// Seed of the restart draws.
  public var seed: UInt64
  /// Memory budget in bytes; `nil` uses `MemoryBudget.bytes`.
  public var memoryBudget: Int?

  /// Creates a Gaussian process regressor.
  /// - Parameters:
  ///   - kernel: The base kernel, e.g. `GaussianKernel(lengthScale: 0.5)`.
  ///   - signalVariance: Initial c > 0 (label units squared).
  ///   - noiseLevel: Initial noise variance > 0 (label units squared).
  ///   - bounds: Bounds of c and of the noise level.
  ///   - alpha: Fixed diagonal jitter ≥ 0.
  ///   - normalizesLabels: scikit-learn's `normalize_y`.
  ///   - optimizesHyperparameters: `false` keeps all hyperparameters as given.
  ///   - restarts: Extra random starts (≥ 0).
  ///   - seed: Seed for the restarts.
  ///   - memoryBudget: Bytes allowed for the N × N buffers, `nil` for `MemoryBudget.bytes`.
  public init(kernel: K, signalVariance: Double = 1, noiseLevel: Double = 1,
              bounds: ClosedRange<Double> = 1e-5...1e5, alpha: Double = 1e-10,
              normalizesLabels: Bool = false, optimizesHyperparameters: Bool = true,
              restarts: Int = 0, seed: UInt64 = 0, memoryBudget: Int? = nil) {
    self.kernel = kernel
    self.signalVariance = Hyperparameter(name: "signalVariance", value: signalVariance, bounds: bounds)
    self.noiseLevel = Hyperparameter(name: "noiseLevel", value: noiseLevel, bounds: bounds)
    self.alpha = alpha
    self.normalizesLabels = normalizesLabels
    self.optimizesHyperparameters = optimizesHyperparameters
    self.restarts = restarts
    self.seed = seed
    self.memoryBudget = memoryBudget
  }

  /// All hyperparameters in θ order: signal variance, the kernel's, noise level.
  public var hyperparameters: [Hyperparameter] { [signalVariance] + kernel.hyperparameters + [noiseLevel] }

  /// Natural logs of the free hyperparameters (the optimiser's starting point).
  public var logHyperparameters: [Double] { hyperparameters.logFreeValues }

  /// The regressor with the free hyperparameters set to exp(θ).
  public func withLogHyperparameters(_ theta: [Double]) -> Self {
    let nk = kernel.freeHyperparameterCount
    let nc = signalVariance.isFixed ? 0 : 1
    precondition(theta.count == nc + nk + (noiseLevel.isFixed ? 0 : 1),
                 "θ of length \(theta.count) for \(hyperparameters.filter { !$0.isFixed }.count) free hyperparameters")
    var copy = self
    if nc == 1 { copy.signalVariance.value = exp(theta[0]) }
    copy.kernel = kernel.withLogHyperparameters(Array(theta[nc..<(nc + nk)]))
    if !noiseLevel.isFixed { copy.noiseLevel.value = exp(theta[nc + nk]) }
    return copy
  }

  // MARK: Validation

  private func validate(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) {
    var problems: [RegressionError.Problem] = []
    Validation.checkTraining(inputs, labels, into: &problems)
    checkSettings(into: &problems)
    let copies = 3 + (optimizesHyperparameters ? kernel.freeHyperparameterCount : 0)
    Validation.checkMemory(order: inputs.rows, copies: copies, budget: memoryBudget ?? MemoryBudget.bytes, into: &problems)
    try Validation.throwIfAny(problems)
  }

  /// Problems of the settings alone (hyperparameters and their bounds, alpha, restarts), whatever
  /// the data: shared with the group-Fourier process, which solves its own systems.
  func checkSettings(into problems: inout [RegressionError.Problem]) {
    Validation.checkHyperparameters(hyperparameters, owner: "Gaussian process", into: &problems)
    if !(alpha.isFinite && alpha >= 0) {
      problems.append(.init(code: .invalidHyperparameter, message:
        "The jitter alpha is \(alpha); it must be a finite number ≥ 0. Use the default 1e-10."))
    }
    if restarts < 0 {
      problems.append(.init(code: .invalidConfiguration, message:
        "The number of restarts is \(restarts); it must be ≥ 0. Use 0 for a single optimiser run."))
    }
  }

  /// (mean, population std) of the labels when ``normalizesLabels`` is set (std 1 if zero), else (0, 1).
  func normalization(_ labels: [Double]) -> (mean: Double, std: Double) {
    guard normalizesLabels else { return (0, 1) }
    let n = Double(labels.count)
    let mean = labels.reduce(0, +) / n
    let variance = labels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    let std = variance.squareRoot()
    return (mean, std < 10 * Double.ulpOfOne ? 1 : std)
  }

  // MARK: Likelihood

  /// The log marginal likelihood at the current hyperparameters and its gradient with respect to
  /// the logs of the free ones (θ order), in the normalised label space when
  /// ``normalizesLabels`` is set.
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - labels: N labels.
  /// - Returns: The value (nats) and the gradient.
  /// - Throws: ``RegressionError`` for bad data or a kernel matrix that is not positive definite.
  /// - Complexity: O(N²d + N³).
  public func logMarginalLikelihood(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> (value: Double, gradient: [Double]) {
    try validate(inputs, labels)
    let (mean, std) = normalization(labels)
    let y = labels.map { ($0 - mean) / std }
    switch evaluate(inputs, y, gradient: true) {
    case .success(let r): return (r.value, r.gradient)
    case .failure(let e): throw RegressionError(wrapping: e, regularizer: "noise level = \(noiseLevel.value)")
    }
  }

  struct Evaluation {
    var value: Double
    var gradient: [Double]
    var factor: Cholesky
    var dual: [Double]
  }

  /// Value and (optionally) gradient of the LML at the current hyperparameters, labels already
  /// normalised. Failure when K_θ is not positive definite (no jitter escalation, like scikit-learn).
  func evaluate(_ x: Matrix, _ y: [Double], gradient needsGradient: Bool) -> Result<Evaluation, LinearAlgebraError> {
    let n = x.rows
    let c = signalVariance.value
    let diagonalShift = noiseLevel.value + alpha
    let base = kernel.matrix(x)
    var kt = base
    kt.withUnsafeMutableBufferPointer { p in
      for i in p.indices { p[i] *= c }
      for i in 0..<n { p[i * n + i] += diagonalShift }
    }
    let factor: Cholesky
    do { factor = try Cholesky(factoring: consume kt, jitter: .none) } catch { return .failure(error) }
    let a = factor.solve(y)
    let value = -0.5 * dot(y, a) - 0.5 * factor.logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
    var grad: [Double] = []
    if needsGradient {
      let inverse = factor.inverse()
      // ½ Σ_ij (α_i α_j − K⁻¹_ij) D_ij, one pass per derivative matrix, no N × N product.
      func contract(_ d: Matrix, scale: Double) -> Double {
        inverse.withUnsafeBufferPointer { kinv in
          d.withUnsafeBufferPointer { dp in
            a.withUnsafeBufferPointer { ap in
              var total = 0.0
              for i in 0..<n {
                let row = i * n
                let ai = ap[i]
                var s = 0.0
                for j in 0..<n { s += (ai * ap[j] - kinv[row + j]) * dp[row + j] }
                total += s
              }
              return 0.5 * scale * total
            }
          }
        }
      }
      if !signalVariance.isFixed { grad.append(contract(base, scale: c)) }
      for g in kernel.gradientMatrices(x) { grad.append(contract(g, scale: c)) }
      if !noiseLevel.isFixed {
        let trace = inverse.withUnsafeBufferPointer { kinv in
          (0..<n).reduce(0.0) { $0 + a[$1] * a[$1] - kinv[$1 * n + $1] }
        }
        grad.append(0.5 * noiseLevel.value * trace)
      }
    }
    return .success(Evaluation(value: value, gradient: grad, factor: factor, dual: a))
  }

  // MARK: Fit

  /// Fits the Gaussian process: optimises the free hyperparameters (unless
  /// ``optimizesHyperparameters`` is `false`) and factorises K_θ at the best point.
  /// - Throws: ``RegressionError`` for bad data or hyperparameters, too little memory, or a kernel
  ///   matrix that is not positive definite at every start (or at the fixed hyperparameters).
  /// - Complexity: O((restarts + 1) · evaluations · N³).
  public func fit(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> FittedGaussianProcess<K> {
    try validate(inputs, labels)
    let (mean, std) = normalization(labels)
    let y = labels.map { ($0 - mean) / std }
    let (best, evaluations, converged) = optimized { process in
      switch process.evaluate(inputs, y, gradient: true) {
      case .success(let e): return (e.value, e.gradient)
      case .failure: return nil
      }
    }
    switch best.evaluate(inputs, y, gradient: false) {
    case .failure(let e):
      throw RegressionError(wrapping: e, regularizer: "noise level = \(best.noiseLevel.value)")
    case .success(let e):
      return FittedGaussianProcess(
        kernel: best.kernel, signalVariance: best.signalVariance.value, noiseLevel: best.noiseLevel.value,
        alpha: alpha, trainingInputs: inputs, dualCoefficients: e.dual, factor: e.factor,
        labelMean: mean, labelScale: std, logMarginalLikelihood: e.value,
        functionEvaluations: evaluations, optimizerConverged: converged)
    }
  }
}

extension GaussianProcessRegression {
  /// Maximises a log marginal likelihood over the free hyperparameters: bounded L-BFGS in θ = log
  /// values from the current hyperparameters and from ``restarts`` more starts drawn log-uniformly
  /// within the bounds (generator seeded by ``seed``); the best end point wins.
  ///
  /// The objective is supplied, so that every way of computing the likelihood — the dense N × N
  /// solve of ``fit(_:_:)``, the group-Fourier sector solves of
  /// `GroupFourierSolver.fit(process:inputs:elementLabels:)` — shares one optimisation loop.
  ///
  /// - Parameter logLikelihood: The log marginal likelihood (nats) of a process and its gradient in
  ///   the logs of the free hyperparameters (θ order); `nil` where it cannot be evaluated (a matrix
  ///   that is not positive definite), which the line search treats as a failed step.
  /// - Returns: The process at the best end point (this one unchanged when nothing is free or
  ///   ``optimizesHyperparameters`` is `false`), the number of objective evaluations, and whether
  ///   the run that produced the best point met its convergence test.
  /// - Complexity: (restarts + 1) L-BFGS runs of at most 200 iterations, each one objective
  ///   evaluation plus those of its line search.
  func optimized(_ logLikelihood: (Self) -> (value: Double, gradient: [Double])?)
    -> (best: Self, evaluations: Int, converged: Bool) {
    guard optimizesHyperparameters && hyperparameters.contains(where: { !$0.isFixed }) else { return (self, 0, true) }
    let bounds = hyperparameters.logFreeBounds
    let lower = bounds.map(\.lower), upper = bounds.map(\.upper)
    var starts = [logHyperparameters]
    var generator = SeededGenerator(seed: seed)
    for _ in 0..<restarts { starts.append((0..<lower.count).map { generator.uniform(lower[$0], upper[$0]) }) }
    var best = self, bestValue = Double.infinity
    var evaluations = 0
    var converged = true
    for start in starts {
      let result = LBFGS().minimize(start, lower: lower, upper: upper) { theta in
        guard let e = logLikelihood(self.withLogHyperparameters(theta)) else {
          return (.infinity, [Double](repeating: 0, count: theta.count))
        }
        return (-e.value, e.gradient.map { -$0 })
      }
      evaluations += result.evaluations
      if result.value < bestValue {
        bestValue = result.value
        best = withLogHyperparameters(result.x)
        converged = result.converged
      }
    }
    return (best, evaluations, converged)
  }
}

/// A fitted Gaussian process: optimised hyperparameters, α = K_θ⁻¹ y′ and the Cholesky factor.
///
/// ```
/// mean(x*) = m + s · c k(x*, X) α
/// var(x*)  = s² · (max(0, c k(x*, x*) − ‖L⁻¹ c k(X, x*)‖²) + noise)
/// ```
/// with (m, s) the label normalisation (0, 1 without it). As scikit-learn's
/// `predict(return_std=True)` for `C * k + WhiteKernel`, the variance includes the white-noise
/// term (pass `includingNoise: false` for the latent function's variance); `alpha` is not added.
public struct FittedGaussianProcess<K: Kernel>: Predictor {
  /// The base kernel with its optimised hyperparameters.
  public let kernel: K
  /// Optimised signal variance c.
  public let signalVariance: Double
  /// Optimised white-noise variance.
  public let noiseLevel: Double
  /// Fixed jitter used on the training diagonal.
  public let alpha: Double
  /// Training inputs.
  public let trainingInputs: Matrix
  /// α = K_θ⁻¹ y′ (normalised labels).
  public let dualCoefficients: [Double]
  /// Cholesky factor of K_θ.
  public let factor: Cholesky
  /// Label mean subtracted before fitting (0 without normalisation).
  public let labelMean: Double
  /// Label scale divided out before fitting (1 without normalisation).
  public let labelScale: Double
  /// Log marginal likelihood at the optimum, in the normalised label space (nats).
  public let logMarginalLikelihood: Double
  /// Number of likelihood evaluations spent by the optimiser (0 without optimisation).
  public let functionEvaluations: Int
  /// Whether the run that produced the optimum met its convergence test.
  public let optimizerConverged: Bool

  public var inputDimension: Int { trainingInputs.columns }

  /// The optimised hyperparameters: signal variance, the kernel's, noise level.
  public var hyperparameters: [Hyperparameter] {
    [Hyperparameter(name: "signalVariance", value: signalVariance)] + kernel.hyperparameters
      + [Hyperparameter(name: "noiseLevel", value: noiseLevel)]
  }

  /// Predictive means.
  /// - Throws: ``RegressionError`` on a dimension mismatch or non-finite inputs.
  /// - Complexity: O(MNd).
  public func predict(_ inputs: Matrix) throws(RegressionError) -> [Double] {
    try Validation.checkTest(inputs, dimension: inputDimension)
    if inputs.rows == 0 { return [] }
    let f = kernel.crossMatrix(inputs, trainingInputs) * dualCoefficients
    return f.map { labelMean + labelScale * signalVariance * $0 }
  }

  /// Predictive means and standard deviations.
  /// - Parameters:
  ///   - inputs: M × d test inputs.
  ///   - includingNoise: Whether the white-noise variance is part of the variance (scikit-learn's
  ///     convention for `C * k + WhiteKernel`; default `true`).
  /// - Returns: Means and standard deviations, in label units.
  /// - Throws: ``RegressionError`` on a dimension mismatch or non-finite inputs.
  /// - Complexity: O(MNd + MN²) (one triangular solve with M right-hand sides).
  public func predictWithStandardDeviation(_ inputs: Matrix, includingNoise: Bool = true) throws(RegressionError)
    -> (mean: [Double], standardDeviation: [Double]) {
    try Validation.checkTest(inputs, dimension: inputDimension)
    let m = inputs.rows
    if m == 0 { return ([], []) }
    var cross = kernel.crossMatrix(trainingInputs, inputs)  // N × M
    let c = signalVariance
    cross.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= c } }
    let means = cross.multiplied(by: dualCoefficients, transposingSelf: true).map { labelMean + labelScale * $0 }
    let v = factor.solveLower(cross)
    let n = trainingInputs.rows
    var squaredNorms = [Double](repeating: 0, count: m)
    v.withUnsafeBufferPointer { p in
      for i in 0..<n { for j in 0..<m { squaredNorms[j] += p[i * m + j] * p[i * m + j] } }
    }
    let prior = kernel.diagonal(inputs)
    let noise = includingNoise ? noiseLevel : 0
    // The latent variance c k(x, x) − ‖v‖² is a difference of nearly equal numbers where the data
    // pin the function down; rounding can make it negative. Clamp it at zero before adding the
    // noise, so that a predictive interval including noise never collapses to zero width.
    let stds = (0..<m).map { j in (max(0, c * prior[j] - squaredNorms[j]) + noise).squareRoot() * labelScale }
    return (means, stds)
  }
}
