import Foundation
import LinearAlgebra

/// Kernel ridge regression: solve (K + λI)α = y, predict f(x*) = k(x*, X) α.
///
/// The ridge λ is added to the diagonal of K *unscaled*, as scikit-learn's `KernelRidge(alpha=λ)`
/// does. Optional per-sample ridges λᵢ replace λ on the diagonal (e.g. to down-weight augmented
/// copies).
///
/// ```
/// (K + diag(λ₁, …, λ_N)) α = y,     K_ij = k(x_i, x_j)
/// f(x*) = Σ_i k(x*, x_i) α_i
/// ```
///
/// Memory: one N × N buffer. The kernel matrix is built in it (BLAS distances, one element-wise
/// pass over the lower triangle), the ridge is added, it is consumed by the in-place Cholesky
/// factorisation, the system is solved and the buffer is released; the fitted model keeps only
/// the training inputs and α.
///
/// - Complexity: fit O(N²d + N³/3); predict O(MNd) for M test points.
/// - Reference: arXiv 2605.28238; scikit-learn `sklearn/kernel_ridge.py`.
public struct KernelRidgeRegression<K: Kernel>: Regressor {
  /// The kernel.
  public var kernel: K
  /// The ridge λ > 0 added to the diagonal.
  public var ridge: Double
  /// Jitter escalation used if K + λI fails to factorise (default: none first, then relative
  /// jitter 1e-10…1e-6 of the mean diagonal; the fitted model reports the jitter used).
  public var jitter: Cholesky.JitterPolicy
  /// Memory budget in bytes for the N × N buffer; `nil` uses `MemoryBudget.bytes` (default half
  /// the physical memory).
  public var memoryBudget: Int?

  /// Creates the regressor.
  /// - Parameters:
  ///   - kernel: The kernel; its hyperparameters must be finite and positive.
  ///   - ridge: λ > 0, in label units squared relative to the kernel's scale.
  ///   - jitter: Jitter escalation policy for the Cholesky factorisation.
  ///   - memoryBudget: Bytes allowed for the N × N buffer, `nil` for `MemoryBudget.bytes`.
  public init(kernel: K, ridge: Double, jitter: Cholesky.JitterPolicy = .standard, memoryBudget: Int? = nil) {
    self.kernel = kernel
    self.ridge = ridge
    self.jitter = jitter
    self.memoryBudget = memoryBudget
  }

  /// Fits with the ridge λ on every diagonal element.
  /// - Throws: ``RegressionError`` (all problems of the call at once).
  /// - Complexity: O(N²d + N³/3).
  public func fit(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> FittedKernelRidge<K> {
    try fit(inputs, labels, sampleRidges: nil)
  }

  /// Fits with per-sample ridges λᵢ on the diagonal (the scalar ``ridge`` is not used when
  /// `sampleRidges` is given).
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - labels: N labels.
  ///   - sampleRidges: N values λᵢ > 0, or `nil` for λ everywhere.
  /// - Returns: The fitted model (training inputs and α).
  /// - Throws: ``RegressionError`` for bad data or ridges, a matrix that is not positive definite
  ///   after jitter escalation, or a kernel buffer above the memory budget.
  public func fit(_ inputs: Matrix, _ labels: [Double], sampleRidges: [Double]?) throws(RegressionError) -> FittedKernelRidge<K> {
    var problems: [RegressionError.Problem] = []
    Validation.checkTraining(inputs, labels, into: &problems)
    Validation.checkHyperparameters(kernel.hyperparameters, owner: "kernel", into: &problems)
    if let rs = sampleRidges {
      if rs.count != inputs.rows {
        problems.append(.init(code: .countMismatch, message:
          "There are \(rs.count) per-sample ridges for \(inputs.rows) training samples; the counts must be "
          + "equal. Pass one ridge per sample, or nil to use the scalar ridge."))
      }
      if let i = rs.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
        problems.append(.init(code: .invalidHyperparameter, message:
          "The per-sample ridge at row \(i) is \(rs[i]); every ridge must be a finite number > 0. Use a "
          + "small positive value such as 1e-6."))
      }
    } else {
      Validation.checkPositive(ridge, name: "ridge λ", hint:
        "It is added to the diagonal of K (scikit-learn's alpha); use a small positive value such as 1e-6, "
        + "or tune it with HyperparameterSearch.", into: &problems)
    }
    Validation.checkMemory(order: inputs.rows, copies: 1, budget: memoryBudget ?? MemoryBudget.bytes, into: &problems)
    try Validation.throwIfAny(problems)

    let n = inputs.rows
    var k = kernel.matrix(inputs)
    k.withUnsafeMutableBufferPointer { p in
      if let rs = sampleRidges {
        for i in 0..<n { p[i * n + i] += rs[i] }
      } else {
        for i in 0..<n { p[i * n + i] += ridge }
      }
    }
    let factor: Cholesky
    do {
      factor = try Cholesky(factoring: consume k, jitter: jitter)
    } catch {
      let what = sampleRidges == nil ? "ridge λ = \(ridge)" : "ridge (per-sample) values"
      throw RegressionError(wrapping: error, regularizer: what)
    }
    let alpha = factor.solve(labels)
    return FittedKernelRidge(kernel: kernel, trainingInputs: inputs, dualCoefficients: alpha, jitter: factor.jitter)
  }
}

extension KernelRidgeRegression {
  /// Fits one model per ridge, building the kernel matrix once (the ``ridge`` property is not
  /// used).
  ///
  /// Equal to calling ``fit(_:_:)`` once per ridge, at the cost of one kernel build and one
  /// Cholesky factorisation per ridge (a ridge grid of a few values: factorising is cheaper than
  /// one eigendecomposition for all of them, which costs about eight factorisations).
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - labels: N labels.
  ///   - ridges: the ridges λ > 0, one model each, in order.
  /// - Returns: One result per ridge: the fitted model, or the error of that ridge alone (e.g. a
  ///   matrix that is not positive definite at a tiny ridge).
  /// - Complexity: O(N²d) once, plus O(N³/3) per ridge; memory two N × N buffers.
  public func fit(_ inputs: Matrix, _ labels: [Double], ridges: [Double])
    -> [Result<FittedKernelRidge<K>, RegressionError>] {
    var problems: [RegressionError.Problem] = []
    Validation.checkTraining(inputs, labels, into: &problems)
    Validation.checkHyperparameters(kernel.hyperparameters, owner: "kernel", into: &problems)
    Validation.checkMemory(order: inputs.rows, copies: 2, budget: memoryBudget ?? MemoryBudget.bytes, into: &problems)
    do throws(RegressionError) { try Validation.throwIfAny(problems) } catch { return ridges.map { _ in .failure(error) } }
    let gram = kernel.matrix(inputs)
    return ridges.map { ridge in
      var local: [RegressionError.Problem] = []
      Validation.checkPositive(ridge, name: "ridge λ", hint: "Use a small positive value such as 1e-6.", into: &local)
      do throws(RegressionError) { try Validation.throwIfAny(local) } catch { return .failure(error) }
      var k = gram
      k.addToDiagonal(ridge)
      do throws(LinearAlgebraError) {
        let factor = try Cholesky(factoring: consume k, jitter: jitter)
        return .success(FittedKernelRidge(kernel: kernel, trainingInputs: inputs, dualCoefficients: factor.solve(labels),
                                          jitter: factor.jitter))
      } catch {
        return .failure(RegressionError(wrapping: error, regularizer: "ridge λ = \(ridge)"))
      }
    }
  }
}

/// A fitted kernel ridge regression model: the training inputs and the dual coefficients α.
///
/// ```
/// f(x*) = k(x*, X) α
/// ```
public struct FittedKernelRidge<K: Kernel>: Predictor {
  /// The kernel used.
  public let kernel: K
  /// The N × d training inputs.
  public let trainingInputs: Matrix
  /// α = (K + λI)⁻¹ y.
  public let dualCoefficients: [Double]
  /// Diagonal jitter added by the Cholesky escalation (0 when none was needed).
  public let jitter: Double

  /// Creates a fitted model from its parts (e.g. from a hyperparameter search).
  public init(kernel: K, trainingInputs: Matrix, dualCoefficients: [Double], jitter: Double = 0) {
    precondition(trainingInputs.rows == dualCoefficients.count,
                 "\(trainingInputs.rows) training inputs but \(dualCoefficients.count) coefficients")
    self.kernel = kernel
    self.trainingInputs = trainingInputs
    self.dualCoefficients = dualCoefficients
    self.jitter = jitter
  }

  public var inputDimension: Int { trainingInputs.columns }

  /// Predictions k(x*, X) α for each row of `inputs`: one cross-kernel matrix and one gemv.
  /// - Throws: ``RegressionError`` on a dimension mismatch or non-finite inputs.
  /// - Complexity: O(MNd), memory M × N.
  public func predict(_ inputs: Matrix) throws(RegressionError) -> [Double] {
    try Validation.checkTest(inputs, dimension: inputDimension)
    if inputs.rows == 0 { return [] }
    return kernel.crossMatrix(inputs, trainingInputs) * dualCoefficients
  }
}
