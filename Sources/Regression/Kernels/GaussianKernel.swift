import Foundation
import LinearAlgebra

/// The Gaussian (squared-exponential, RBF) kernel, with one length scale σ (same units as the inputs).
///
/// ```
/// k(x, x′) = exp(−r² / (2σ²)),   r = ‖x − x′‖
/// ∂k/∂log σ = k · r²/σ²
/// ```
///
/// Stationary and isotropic; its Gram matrices are positive semi-definite for every σ > 0.
/// Reference: scikit-learn `RBF(length_scale=σ)`; `KernelRidge(kernel="rbf", gamma=1/(2σ²))`.
///
/// Example: `GaussianKernel(lengthScale: 0.5).value([0, 0], [0.3, 0.4])` evaluates the kernel at r = 0.5.
public struct GaussianKernel: StationaryKernel, LengthScaleKernel, Hashable {
  /// Length scale σ > 0, in the units of the inputs.
  public var lengthScale: Double
  /// Optimisation bounds of σ (default 1e-5…1e5, as in scikit-learn).
  public var lengthScaleBounds: ClosedRange<Double>
  /// Whether optimisers keep σ fixed.
  public var isLengthScaleFixed: Bool

  /// Creates the kernel.
  /// - Parameters:
  ///   - lengthScale: σ > 0 (validated by the regressors that use the kernel, which throw
  ///     ``RegressionError/Code/invalidHyperparameter`` otherwise).
  ///   - bounds: Optimisation bounds of σ.
  ///   - isFixed: Whether optimisers keep σ fixed.
  public init(lengthScale: Double, bounds: ClosedRange<Double> = 1e-5...1e5, isFixed: Bool = false) {
    self.lengthScale = lengthScale
    self.lengthScaleBounds = bounds
    self.isLengthScaleFixed = isFixed
  }

  /// Replaces each r² by k(r²).
  /// - Complexity: O(count), one `exp` per element.
  public func applyProfile(_ buffer: UnsafeMutableBufferPointer<Double>) {
    let g = -0.5 / (lengthScale * lengthScale)
    for i in buffer.indices { buffer[i] = exp(g * buffer[i]) }
  }

  /// Replaces each r² by ∂k/∂log σ.
  public func applyLogDerivativeProfile(_ index: Int, _ buffer: UnsafeMutableBufferPointer<Double>) {
    precondition(index == 0 && !isLengthScaleFixed, "GaussianKernel has no free hyperparameter \(index)")
    let inv = 1 / (lengthScale * lengthScale)
    let g = -0.5 * inv
    for i in buffer.indices { let r2 = buffer[i]; buffer[i] = exp(g * r2) * r2 * inv }
  }
}
