import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

/// A test-only "kernel" p(r²) = r² whose Gram matrices are indefinite (zero diagonal).
struct IndefiniteKernel: StationaryKernel {
  var hyperparameters: [Hyperparameter] { [] }
  func withLogHyperparameters(_ theta: [Double]) -> Self { self }
  func applyProfile(_ buffer: UnsafeMutableBufferPointer<Double>) {}
  func applyLogDerivativeProfile(_ index: Int, _ buffer: UnsafeMutableBufferPointer<Double>) {}
}

@Suite("Kernel ridge regression")
struct KernelRidgeRegressionTests {
  static func data(n: Int, d: Int, seed: UInt64) throws -> (Matrix, [Double]) {
    var g = SeededGenerator(seed: seed)
    let x = try g.uniformMatrix(rows: n, columns: d, low: -2, high: 2)
    let y = (0..<n).map { i in cos(x[i, 0]) * exp(-0.3 * x[i, d - 1] * x[i, d - 1]) + 0.01 * g.gaussian() }
    return (x, y)
  }

  /// Independent truth: K from a naive double loop over `value`, solved by eigendecomposition.
  static func denseReference<K: Kernel>(_ kernel: K, ridge: [Double], _ x: Matrix, _ y: [Double], _ xt: Matrix) throws -> [Double] {
    let n = x.rows
    var rows: [[Double]] = []
    for i in 0..<n { rows.append((0..<n).map { j in kernel.value(x.row(i), x.row(j)) + (i == j ? ridge[i] : 0) }) }
    let eigen = try SymmetricEigendecomposition(of: Matrix(rows: rows))
    let alpha = eigen.solve(y)
    return (0..<xt.rows).map { i in (0..<n).reduce(0.0) { $0 + kernel.value(xt.row(i), x.row($1)) * alpha[$1] } }
  }

  @Test("predictions equal a direct dense solve", arguments: [0, 1, 2, 3])
  func equalsDenseSolve(kernelIndex: Int) throws {
    let (x, y) = try Self.data(n: 80, d: 3, seed: 21)
    let (xt, _) = try Self.data(n: 30, d: 3, seed: 22)
    func check<K: Kernel>(_ k: K) throws {
      let model = try KernelRidgeRegression(kernel: k, ridge: 1e-2).fit(x, y)
      let reference = try Self.denseReference(k, ridge: Array(repeating: 1e-2, count: 80), x, y, xt)
      expectClose(try model.predict(xt), reference, absolute: 1e-12, relative: 1e-10)
      #expect(model.jitter == 0)
    }
    switch kernelIndex {
    case 0: try check(GaussianKernel(lengthScale: 0.7))
    case 1: try check(LaplacianKernel(lengthScale: 1.1))
    case 2: try check(Matern32Kernel(lengthScale: 0.9))
    default: try check(2.0 * Matern52Kernel(lengthScale: 0.6) + GaussianKernel(lengthScale: 1.5))
    }
  }

  @Test("per-sample ridges equal a direct dense solve with those ridges on the diagonal")
  func perSampleRidges() throws {
    let (x, y) = try Self.data(n: 60, d: 2, seed: 8)
    let (xt, _) = try Self.data(n: 20, d: 2, seed: 9)
    let ridges = (0..<60).map { 1e-3 * Double(1 + $0 % 4) }
    let k = GaussianKernel(lengthScale: 0.8)
    let model = try KernelRidgeRegression(kernel: k, ridge: 123).fit(x, y, sampleRidges: ridges)
    expectClose(try model.predict(xt), try Self.denseReference(k, ridge: ridges, x, y, xt), absolute: 1e-12, relative: 1e-10)
  }

  @Test("a tiny ridge interpolates the training labels")
  func interpolationLimit() throws {
    let (x, y) = try Self.data(n: 40, d: 2, seed: 4)
    let model = try KernelRidgeRegression(kernel: Matern52Kernel(lengthScale: 0.5), ridge: 1e-12).fit(x, y)
    expectClose(try model.predict(x), y, absolute: 1e-7)
  }

  @Test("a huge ridge shrinks predictions to zero like 1/λ")
  func largeRidgeLimit() throws {
    let (x, y) = try Self.data(n: 40, d: 2, seed: 4)
    let (xt, _) = try Self.data(n: 10, d: 2, seed: 5)
    let k = GaussianKernel(lengthScale: 0.5)
    let lambda = 1e8
    let predictions = try KernelRidgeRegression(kernel: k, ridge: lambda).fit(x, y).predict(xt)
    // (K + λI)⁻¹ y → y/λ, so f(x*) → k(x*, X) y / λ.
    expectClose(predictions, k.crossMatrix(xt, x) * y.map { $0 / lambda }, relative: 1e-6)
    #expect(predictions.allSatisfy { abs($0) < 1e-6 })
  }

  @Test("predictions equal scikit-learn's KernelRidge to 1e-8 relative")
  func matchesSklearn() throws {
    let train = try SklearnFixtures.data("train"), test = try SklearnFixtures.data("test")
    let expected = try SklearnFixtures.columns("krr_pred")["y_pred"]!
    let model = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 0.5), ridge: 1e-3).fit(train.x, train.y)
    expectClose(try model.predict(test.x), expected, relative: 1e-8)
  }

  // MARK: Bad input

  @Test("non-finite inputs and labels name the row and column")
  func nonFiniteInput() throws {
    var (x, y) = try Self.data(n: 10, d: 3, seed: 1)
    var e = x.elements
    e[4 * 3 + 2] = .nan
    e[7 * 3 + 0] = .infinity
    x = Matrix(rows: 10, columns: 3, elements: e)
    y[6] = -.infinity
    let error = #expect(throws: RegressionError.self) {
      try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3).fit(x, y)
    }
    #expect(error?.code == .nonFiniteInput)
    #expect(error?.problems.count == 2)
    #expect(error?.description.contains("training inputs contain nan at row 4, column 2 (and 1 more non-finite entries); every entry must be a finite number. Remove or impute") == true)
    #expect(error?.description.contains("training labels contain -inf at row 6") == true)
  }

  @Test("an empty training set is refused")
  func emptyTrainingSet() throws {
    let error = #expect(throws: RegressionError.self) {
      try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3).fit(Matrix(rows: 0, columns: 3), [])
    }
    #expect(error?.code == .emptyTrainingSet)
    #expect(error?.description.contains("training set is empty (0 input rows, 0 labels); at least 1 sample is needed") == true)
  }

  @Test("input and label counts must agree")
  func countMismatch() throws {
    let (x, y) = try Self.data(n: 10, d: 2, seed: 1)
    let error = #expect(throws: RegressionError.self) {
      try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3).fit(x, Array(y.dropLast()))
    }
    #expect(error?.code == .countMismatch)
    #expect(error?.description.contains("training inputs have 10 rows but there are 9 labels; the counts must be equal. Pass one label per input row.") == true)
    let ridgeError = #expect(throws: RegressionError.self) {
      try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3).fit(x, y, sampleRidges: [1, 0])
    }
    #expect(ridgeError?.problems.map(\.code) == [.countMismatch, .invalidHyperparameter])
    #expect(ridgeError?.description.contains("per-sample ridge at row 1 is 0.0; every ridge must be a finite number > 0") == true)
  }

  @Test("test inputs must have the training dimension")
  func dimensionMismatch() throws {
    let (x, y) = try Self.data(n: 10, d: 2, seed: 1)
    let model = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3).fit(x, y)
    let error = #expect(throws: RegressionError.self) { try model.predict(Matrix(rows: 4, columns: 3)) }
    #expect(error?.code == .dimensionMismatch)
    #expect(error?.description.contains("test inputs have 3 columns but the model was trained on 2; they must be equal. Pass test inputs with the same 2 features") == true)
    let nanError = #expect(throws: RegressionError.self) { try model.predict(Matrix(rows: 1, columns: 2, elements: [0, .nan])) }
    #expect(nanError?.description.contains("test inputs contain nan at row 0, column 1") == true)
  }

  @Test("non-positive or non-finite width and ridge are reported together",
        arguments: [(0.0, -1e-3), (-.infinity, .nan), (.nan, 0.0)])
  func invalidHyperparameters(width: Double, ridge: Double) throws {
    let (x, y) = try Self.data(n: 10, d: 2, seed: 1)
    let error = #expect(throws: RegressionError.self) {
      try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: width), ridge: ridge).fit(x, y)
    }
    #expect(error?.code == .invalidHyperparameter)
    #expect(error?.problems.count == 2)
    #expect(error?.description.contains("kernel hyperparameter lengthScale is \(width); it must be a finite number > 0") == true)
    #expect(error?.description.contains("ridge λ is \(ridge); it must be a finite number > 0. It is added to the diagonal of K (scikit-learn's alpha); use a small positive value") == true)
  }

  @Test("a kernel matrix that stays indefinite after jitter names the minor, the jitter and a larger ridge")
  func notPositiveDefinite() throws {
    let (x, y) = try Self.data(n: 12, d: 2, seed: 1)
    let error = #expect(throws: RegressionError.self) {
      try KernelRidgeRegression(kernel: IndefiniteKernel(), ridge: 1e-3).fit(x, y)
    }
    #expect(error?.code == .notPositiveDefinite)
    #expect(error?.underlying?.failedMinor == 2)
    let text = error?.description ?? ""
    #expect(text.contains("The 12 × 12 kernel matrix (with ridge λ = 0.001) is not positive definite: Cholesky failed at the leading minor of order 2 even after adding diagonal jitter 0, 1e-13"))
    #expect(text.contains("Increase the ridge (e.g. by a factor of 10)"))
    // Duplicated inputs with a negligible ridge and no jitter escalation.
    let dup = Matrix.stacking(x, x)
    let dupError = #expect(throws: RegressionError.self) {
      try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-300, jitter: .none).fit(dup, y + y)
    }
    #expect(dupError?.code == .notPositiveDefinite)
    #expect(dupError?.description.contains("diagonal jitter 0. Increase the ridge") == true)
  }

  @Test("a training set too large for the memory budget gives the bytes needed")
  func exceedsMemoryBudget() throws {
    let (x, y) = try Self.data(n: 100, d: 2, seed: 1)
    let error = #expect(throws: RegressionError.self) {
      try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-3, memoryBudget: 50_000).fit(x, y)
    }
    #expect(error?.code == .exceedsMemoryBudget)
    #expect(error?.description.contains("100 training samples need 80000 bytes (78.1 KiB) for 1 100 × 100 kernel buffer, above the memory budget of 50000 bytes") == true)
    #expect(error?.description.contains("Use fewer training samples (at most 79 here)") == true)
  }
}
