public import LinearAlgebra

/// A type-erased fitted model: any ``Predictor`` behind one concrete type.
///
/// An existential `any Predictor` is not itself a `Predictor` type a generic wrapper can be
/// specialised with; `AnyPredictor` is. ``SymmetricKernelRidge`` returns `any Predictor` (its
/// routes fit different model types), so ``DeltaLearning`` wraps its fitted model in this.
///
/// ```swift
/// let model: any Predictor = try SymmetricKernelRidge(kernel: k, ridge: 1e-6, symmetry: q3, route: .sumKernel).fit(x, y)
/// let erased = AnyPredictor(model)
/// try erased.predict(xTest) == (try model.predict(xTest))   // true
/// ```
public struct AnyPredictor: Predictor {
  /// The wrapped model.
  public let base: any Predictor

  /// Wraps a fitted model (an `AnyPredictor` is not wrapped twice).
  public init(_ base: any Predictor) {
    self.base = (base as? AnyPredictor)?.base ?? base
  }

  public var inputDimension: Int { base.inputDimension }

  /// The wrapped model's predictions.
  /// - Throws: what the wrapped model throws.
  /// - Complexity: the wrapped model's.
  public func predict(_ inputs: Matrix) throws(RegressionError) -> [Double] { try base.predict(inputs) }
}
