import Foundation
import LinearAlgebra

/// The Laplacian (exponential, Matérn ν = 1/2) kernel, with one length scale σ (same units as the inputs).
///
/// ```
/// k(x, x′) = exp(−r / σ),   r = ‖x − x′‖
/// ∂k/∂log σ = k · r/σ
/// ```
///
/// Stationary and isotropic; its Gram matrices are positive semi-definite for every σ > 0.
/// Reference: scikit-learn `Matern(nu=0.5)`; note `sklearn.metrics.pairwise.laplacian_kernel` uses the L1 distance instead.
///
/// Example: `LaplacianKernel(lengthScale: 0.5).value([0, 0], [0.3, 0.4])` evaluates the kernel at r = 0.5.
public struct LaplacianKernel: StationaryKernel, LengthScaleKernel, Hashable {
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
    let inv = 1 / lengthScale
    for i in buffer.indices { buffer[i] = exp(-buffer[i].squareRoot() * inv) }
  }

  /// Replaces each r² by ∂k/∂log σ.
  public func applyLogDerivativeProfile(_ index: Int, _ buffer: UnsafeMutableBufferPointer<Double>) {
    precondition(index == 0 && !isLengthScaleFixed, "LaplacianKernel has no free hyperparameter \(index)")
    let inv = 1 / lengthScale
    for i in buffer.indices { let u = buffer[i].squareRoot() * inv; buffer[i] = exp(-u) * u }
  }
}
