import Foundation
public import LinearAlgebra
import Symmetries

extension GroupFourierSolver {
  /// The augmented GP log marginal likelihood and its gradient in the log free hyperparameters,
  /// by the Fourier solve.
  ///
  /// With A_s = c M_s + σ² I (σ² the noise level plus alpha) and β_s = A_s⁻¹ ŷ_s:
  ///
  /// ```
  /// ∂ log p / ∂ log θ = ½ Σ_s [β_sᵀ (∂A_s/∂ log θ) β_s / |G| − tr(A_s⁻¹ ∂A_s/∂ log θ)]
  /// ∂A_s/∂ log c = c M_s,   ∂A_s/∂ log θ_k = c Σ_u χ_s(u) ∂K^(u)/∂ log θ_k,   ∂A_s/∂ log σ²_noise = σ²_noise I
  /// ```
  ///
  /// The gradient is ordered as `process.logHyperparameters` (signal variance, kernel, noise level;
  /// free ones only), matching `GaussianProcessRegression.logMarginalLikelihood` on the explicitly
  /// augmented set. Kernel derivatives are exact for stationary kernels (the profile's
  /// log-derivative on the squared distances between X and u·X) and central finite differences of
  /// the value in log θ (step 1e-5) otherwise.
  ///
  /// - Parameters:
  ///   - process: Supplies the hyperparameters, alpha and label normalisation (its kernel replaces
  ///     this solver's kernel).
  ///   - inputs: N × d inputs.
  ///   - y: N × |G| per-element labels (argument label `elementLabels`).
  /// - Returns: The value (nats) and the gradient.
  /// - Throws: `RegressionError` for bad shapes, the memory budget ((2 + free kernel
  ///   hyperparameters)·|G| + 2 buffers of 8N² bytes) or a failed factorisation.
  /// - Complexity: |G| Cholesky factorisations and |G| inverses of size N, plus |G| derivative
  ///   builds per kernel hyperparameter.
  public func logMarginalLikelihoodWithGradient(process: GaussianProcessRegression<K>, inputs: Matrix,
                                                elementLabels y: Matrix) throws(RegressionError)
    -> (value: Double, gradient: [Double]) {
    let kernelCount = process.kernel.freeHyperparameterCount
    try validate(inputs, y, copies: (2 + kernelCount) * order + 2)
    let solver = with(kernel: process.kernel)
    let labels = Self.normalized(y, process)
    let n = inputs.rows, count = order
    let c = process.signalVariance.value, noise = process.noiseLevel.value
    let shift = noise + process.alpha
    let stationary = process.kernel as? any StationaryKernel
    var derivatives: [[Matrix]] = []
    if let stationary {
      derivatives = (0..<kernelCount).map { solver.transformedDerivatives(stationary, index: $0, inputs) }
    }
    var blocks = solver.transformedGramMatrices(inputs)
    let yHat = Self.transformColumns(labels)
    var value = 0.0, logDet = 0.0
    var gc = 0.0, gn = 0.0
    var gk = [Double](repeating: 0, count: kernelCount)
    for s in 0..<count {
      let m = blocks[s]
      blocks[s] = Matrix(rows: 0, columns: 0)
      var a = m
      a.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= c } }
      a.addToDiagonal(shift)
      let factor: Cholesky
      do { factor = try Cholesky(factoring: consume a, jitter: .none) } catch {
        throw RegressionError(wrapping: error, regularizer: "noise level = \(noise) (character \(s) of \(count))")
      }
      let ys = yHat.column(s)
      let beta = factor.solve(ys)
      value += zip(ys, beta).reduce(0) { $0 + $1.0 * $1.1 } / Double(count)
      logDet += factor.logDeterminant
      let inverse = factor.inverse()
      func contract(_ d: Matrix, scale: Double) -> Double {
        d.withUnsafeBufferPointer { dp in
          inverse.withUnsafeBufferPointer { ip in
            var quadratic = 0.0, trace = 0.0
            for i in 0..<n {
              var row = 0.0
              for j in 0..<n {
                row += dp[i * n + j] * beta[j]
                trace += ip[i * n + j] * dp[i * n + j]
              }
              quadratic += beta[i] * row
            }
            return 0.5 * scale * (quadratic / Double(count) - trace)
          }
        }
      }
      if !process.signalVariance.isFixed { gc += contract(m, scale: c) }
      for k in derivatives.indices { gk[k] += contract(derivatives[k][s], scale: c) }
      if !process.noiseLevel.isFixed {
        var trace = 0.0
        for i in 0..<n { trace += inverse[i, i] }
        gn += 0.5 * noise * (beta.reduce(0) { $0 + $1 * $1 } / Double(count) - trace)
      }
    }
    let total = -0.5 * (value + logDet) - 0.5 * Double(n * count) * log(2 * Double.pi)
    if stationary == nil && kernelCount > 0 {
      let theta = process.kernel.logHyperparameters
      let h = 1e-5
      for k in 0..<kernelCount {
        var plus = process, minus = process
        var tp = theta, tm = theta
        tp[k] += h
        tm[k] -= h
        plus.kernel = process.kernel.withLogHyperparameters(tp)
        minus.kernel = process.kernel.withLogHyperparameters(tm)
        let lp = try logMarginalLikelihood(process: plus, inputs: inputs, elementLabels: y)
        let lm = try logMarginalLikelihood(process: minus, inputs: inputs, elementLabels: y)
        gk[k] = (lp - lm) / (2 * h)
      }
    }
    var gradient: [Double] = []
    if !process.signalVariance.isFixed { gradient.append(gc) }
    gradient += gk
    if !process.noiseLevel.isFixed { gradient.append(gn) }
    return (total, gradient)
  }

  /// D_s = Σ_u χ_s(u) ∂K^(u)/∂ log θ_index for a stationary kernel (symmetric, mirrored lower triangles).
  func transformedDerivatives(_ kernel: some StationaryKernel, index: Int, _ x: Matrix) -> [Matrix] {
    let n = x.rows
    // Each block is symmetric (sign flips are involutions): profile the lower triangle, mirror.
    var blocks: [Matrix] = symmetry.elements.enumerated().map { u, g in
      if u == 0 { return PairwiseDistances.symmetricMatrix(x) { kernel.applyLogDerivativeProfile(index, $0) } }
      var m = PairwiseDistances.squared(x, g.apply(to: x))
      m.withUnsafeMutableBufferPointer { p in
        guard let base = p.baseAddress else { return }
        for i in 0..<n { kernel.applyLogDerivativeProfile(index, UnsafeMutableBufferPointer(start: base + i * n, count: i + 1)) }
      }
      m.symmetrizeFromLower()
      return m
    }
    walshHadamard(&blocks, n: n)
    return blocks
  }
}
