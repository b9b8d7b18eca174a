import Foundation
import LinearAlgebra

/// A kernel multiplied by a signal variance c > 0: k_c(x, x′) = c · k(x, x′).
///
/// ```
/// K_c = c K,   ∂K_c/∂log c = c K,   ∂K_c/∂log θ = c ∂K/∂log θ
/// ```
///
/// The variance is the first hyperparameter, followed by the base kernel's (scikit-learn's
/// `ConstantKernel(c) * k`; GPyTorch's `ScaleKernel`). Stationarity and isotropy are forwarded:
/// a scaled stationary kernel is itself a ``StationaryKernel``.
public struct ScaledKernel<Base: Kernel>: Kernel {
  /// The kernel being scaled.
  public var base: Base
  /// Signal variance c > 0 (units of the label squared).
  public var variance: Double
  /// Optimisation bounds of c (default 1e-5…1e5).
  public var varianceBounds: ClosedRange<Double>
  /// Whether optimisers keep c fixed.
  public var isVarianceFixed: Bool

  /// Creates c · base.
  /// - Parameters:
  ///   - variance: c > 0.
  ///   - base: The kernel to scale.
  ///   - bounds: Optimisation bounds of c.
  ///   - isFixed: Whether optimisers keep c fixed.
  public init(variance: Double, _ base: Base, bounds: ClosedRange<Double> = 1e-5...1e5, isFixed: Bool = false) {
    self.base = base
    self.variance = variance
    self.varianceBounds = bounds
    self.isVarianceFixed = isFixed
  }

  public var hyperparameters: [Hyperparameter] {
    [Hyperparameter(name: "signalVariance", value: variance, bounds: varianceBounds, isFixed: isVarianceFixed)]
      + base.hyperparameters
  }

  public func withLogHyperparameters(_ theta: [Double]) -> Self {
    let own = isVarianceFixed ? 0 : 1
    precondition(theta.count == own + base.freeHyperparameterCount,
                 "ScaledKernel has \(own + base.freeHyperparameterCount) free hyperparameters, got \(theta.count)")
    var copy = self
    if !isVarianceFixed { copy.variance = exp(theta[0]) }
    copy.base = base.withLogHyperparameters(Array(theta[own...]))
    return copy
  }

  public func value(_ x: [Double], _ y: [Double]) -> Double { variance * base.value(x, y) }

  public func matrix(_ x: Matrix) -> Matrix { scaled(base.matrix(x)) }

  public func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix { scaled(base.crossMatrix(a, b)) }

  public func diagonal(_ x: Matrix) -> [Double] { base.diagonal(x).map { variance * $0 } }

  public func gradientMatrices(_ x: Matrix) -> [Matrix] {
    let own = isVarianceFixed ? [] : [matrix(x)]
    return own + base.gradientMatrices(x).map(scaled)
  }

  public var isStationary: Bool { base.isStationary }
  public var isIsotropic: Bool { base.isIsotropic }

  // Scales in place: the argument is consumed, so no second N × N buffer is made.
  private func scaled(_ m: consuming Matrix) -> Matrix {
    let c = variance
    m.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= c } }
    return m
  }
}

extension ScaledKernel: StationaryKernel where Base: StationaryKernel {
  public func applyProfile(_ buffer: UnsafeMutableBufferPointer<Double>) {
    base.applyProfile(buffer)
    let c = variance
    for i in buffer.indices { buffer[i] *= c }
  }

  public func applyLogDerivativeProfile(_ index: Int, _ buffer: UnsafeMutableBufferPointer<Double>) {
    if !isVarianceFixed && index == 0 {
      applyProfile(buffer)
      return
    }
    base.applyLogDerivativeProfile(index - (isVarianceFixed ? 0 : 1), buffer)
    let c = variance
    for i in buffer.indices { buffer[i] *= c }
  }
}

extension ScaledKernel: Equatable where Base: Equatable {}
extension ScaledKernel: Hashable where Base: Hashable {}

/// c · k as a ``ScaledKernel``.
public func * <K: Kernel>(variance: Double, kernel: K) -> ScaledKernel<K> {
  ScaledKernel(variance: variance, kernel)
}
