import Foundation
import LinearAlgebra

/// The Matérn ν = 5/2 kernel, with one length scale σ (same units as the inputs).
///
/// ```
/// k(x, x′) = (1 + u + u²/3) exp(−u),   u = √5 r / σ,   r = ‖x − x′‖
/// ∂k/∂log σ = (u²/3)(1 + u) exp(−u)
/// ```
///
/// Stationary and isotropic; its Gram matrices are positive semi-definite for every σ > 0.
/// Reference: scikit-learn `Matern(nu=2.5)`; Rasmussen & Williams (2006), eq. 4.17.
///
/// Example: `Matern52Kernel(lengthScale: 0.5).value([0, 0], [0.3, 0.4])` evaluates the kernel at r = 0.5.
public struct Matern52Kernel: StationaryKernel, LengthScaleKernel, Hashable {
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
    let s = 5.0.squareRoot() / lengthScale
    for i in buffer.indices { let u = buffer[i].squareRoot() * s; buffer[i] = (1 + u + u * u / 3) * exp(-u) }
  }

  /// Replaces each r² by ∂k/∂log σ.
  public func applyLogDerivativeProfile(_ index: Int, _ buffer: UnsafeMutableBufferPointer<Double>) {
    precondition(index == 0 && !isLengthScaleFixed, "Matern52Kernel has no free hyperparameter \(index)")
    let s = 5.0.squareRoot() / lengthScale
    for i in buffer.indices { let u = buffer[i].squareRoot() * s; buffer[i] = u * u / 3 * (1 + u) * exp(-u) }
  }
}
