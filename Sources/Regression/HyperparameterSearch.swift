import Foundation
import LinearAlgebra

/// Grid search over (width, ridge) for kernel ridge regression by k-fold cross-validation or a
/// single validation split, reusing one eigendecomposition per width and fold for every ridge.
///
/// For a fold with training kernel K = VΛVᵀ and validation cross-kernel K_v:
///
/// ```
/// (K + λI)⁻¹ y = V (Λ + λI)⁻¹ Vᵀ y
/// ŷ_v(λ) = (K_v V) · ((Vᵀ y) ./ (Λ + λ))          one gemv per ridge
/// RMSE = sqrt( Σ_folds Σ_{i ∈ fold} (ŷ_i − y_i)² / Σ_folds |fold| )
/// ```
///
/// Score: the root-mean-square error pooled over all held-out samples (RMSE, the quantity the
/// learning curves report; MAE is not used). The smallest score wins; ties go to the first
/// width, then the first ridge, in the order given. Folds come from one permutation drawn from
/// the caller's seeded generator, split into k contiguous chunks whose sizes differ by at most 1.
/// The best pair is refitted on all the data with ``KernelRidgeRegression`` (Cholesky).
///
/// - Complexity: per width and fold O(n²d + 9n³) (dsyevd) plus O(n_v n²) for K_v V; per ridge
///   O(n_v n). Memory: about three n × n buffers for a fold of n training samples.
public struct HyperparameterSearch<K: Kernel>: Sendable {
  /// How held-out samples are chosen.
  public enum Validation: Sendable, Hashable {
    /// k-fold cross-validation (k ≥ 2, at most the number of samples).
    case kFold(Int)
    /// One random split holding out this fraction (0 < fraction < 1) of the samples.
    case split(fraction: Double)
  }

  /// Builds the kernel for a given width (e.g. `{ GaussianKernel(lengthScale: $0) }`).
  public var kernel: @Sendable (Double) -> K
  /// Candidate widths (length scales), > 0.
  public var widths: [Double]
  /// Candidate ridges λ, > 0.
  public var ridges: [Double]
  /// Cross-validation scheme.
  public var validation: Validation

  /// Creates a search.
  /// - Parameters:
  ///   - kernel: Kernel for a width.
  ///   - widths: Candidate widths, each finite and > 0.
  ///   - ridges: Candidate ridges, each finite and > 0.
  ///   - validation: `.kFold(k)` or `.split(fraction:)`.
  public init(kernel: @escaping @Sendable (Double) -> K, widths: [Double], ridges: [Double], validation: Validation = .kFold(5)) {
    self.kernel = kernel
    self.widths = widths
    self.ridges = ridges
    self.validation = validation
  }

  /// The outcome of a search.
  public struct Result: Sendable {
    /// The best width.
    public let width: Double
    /// The best ridge.
    public let ridge: Double
    /// RMSE for every pair: `scores[w][r]` for `widths[w]`, `ridges[r]`.
    public let scores: [[Double]]
    /// The best RMSE.
    public let bestScore: Double
    /// Kernel ridge regression refitted on all the data at the best pair.
    public let model: FittedKernelRidge<K>
  }

  /// Runs the search and refits the best pair on all the data.
  /// - Parameters:
  ///   - inputs: N × d inputs.
  ///   - labels: N labels.
  ///   - generator: Source of the fold permutation (seeded for reproducibility).
  /// - Returns: Best width and ridge, the score table and the refitted model.
  /// - Throws: ``RegressionError`` for bad data, an empty or invalid grid, an invalid fold count
  ///   or fraction, or a failure of the eigensolver or final factorisation.
  public func run(_ inputs: Matrix, _ labels: [Double], using generator: inout some RandomNumberGenerator) throws(RegressionError) -> Result {
    var problems: [RegressionError.Problem] = []
    Regression.Validation.checkTraining(inputs, labels, into: &problems)
    if widths.isEmpty || ridges.isEmpty {
      problems.append(.init(code: .invalidConfiguration, message:
        "The search grid has \(widths.count) widths and \(ridges.count) ridges; each list needs at least 1 "
        + "value. Pass e.g. widths [0.25, 0.5, 1] and ridges [1e-6, 1e-4, 1e-2]."))
    }
    for w in widths { Regression.Validation.checkPositive(w, name: "candidate width", hint: "Remove it from the grid.", into: &problems) }
    for r in ridges { Regression.Validation.checkPositive(r, name: "candidate ridge λ", hint: "Remove it from the grid.", into: &problems) }
    let n = inputs.rows
    switch validation {
    case .kFold(let k):
      if k < 2 || (n > 0 && k > n) {
        problems.append(.init(code: .invalidConfiguration, message:
          "The fold count is \(k); it must be between 2 and the number of samples (\(n)). Use e.g. .kFold(5), "
          + "or .split(fraction:) for a single validation set."))
      }
    case .split(let fraction):
      let held = Int((fraction * Double(n)).rounded())
      if !(fraction > 0 && fraction < 1) || (n > 0 && (held < 1 || held >= n)) {
        problems.append(.init(code: .invalidConfiguration, message:
          "The validation fraction is \(fraction) for \(n) samples; it must lie in (0, 1) and leave at least 1 "
          + "sample on each side. Use e.g. .split(fraction: 0.2)."))
      }
    }
    Regression.Validation.checkMemory(order: n, copies: 3, budget: MemoryBudget.bytes, into: &problems)
    try Regression.Validation.throwIfAny(problems)

    // Held-out index sets.
    let permutation = generator.permutation(n)
    var folds: [[Int]] = []
    switch validation {
    case .kFold(let k):
      var start = 0
      for f in 0..<k {
        let size = n / k + (f < n % k ? 1 : 0)
        folds.append(Array(permutation[start..<(start + size)]))
        start += size
      }
    case .split(let fraction):
      folds.append(Array(permutation[..<Int((fraction * Double(n)).rounded())]))
    }

    var scores = [[Double]](repeating: [Double](repeating: 0, count: ridges.count), count: widths.count)
    var heldOutCount = 0
    for fold in folds {
      heldOutCount += fold.count
      let heldOut = Set(fold)
      let trainIndices = (0..<n).filter { !heldOut.contains($0) }
      let xt = inputs.rows(at: trainIndices), xv = inputs.rows(at: fold)
      let yt = trainIndices.map { labels[$0] }, yv = fold.map { labels[$0] }
      for (w, width) in widths.enumerated() {
        let k = kernel(width)
        let eigen: SymmetricEigendecomposition
        do { eigen = try SymmetricEigendecomposition(of: k.matrix(xt)) } catch {
          throw RegressionError(wrapping: error, regularizer: "width \(width)")
        }
        let projected = eigen.eigenvectors.multiplied(by: yt, transposingSelf: true)  // Vᵀy
        let crossV = k.crossMatrix(xv, xt) * eigen.eigenvectors                        // K_v V
        for (r, ridge) in ridges.enumerated() {
          let scaled = zip(projected, eigen.eigenvalues).map { $0 / ($1 + ridge) }
          let prediction = crossV * scaled
          var sse = 0.0
          for i in yv.indices { let e = prediction[i] - yv[i]; sse += e * e }
          scores[w][r] += sse
        }
      }
    }
    var best = (w: 0, r: 0)
    for w in widths.indices {
      for r in ridges.indices {
        scores[w][r] = (scores[w][r] / Double(heldOutCount)).squareRoot()
        if scores[w][r] < scores[best.w][best.r] || !scores[best.w][best.r].isFinite { best = (w, r) }
      }
    }
    let model = try KernelRidgeRegression(kernel: kernel(widths[best.w]), ridge: ridges[best.r]).fit(inputs, labels)
    return Result(width: widths[best.w], ridge: ridges[best.r], scores: scores, bestScore: scores[best.w][best.r], model: model)
  }
}
