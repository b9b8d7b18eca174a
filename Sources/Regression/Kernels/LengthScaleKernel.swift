import Foundation

/// A kernel whose only hyperparameter is one length scale σ (Gaussian, Laplacian, Matérn).
///
/// Conformers store σ, its optimisation bounds and whether it is fixed; the hyperparameter list
/// and the log-space update come from this protocol's extension.
public protocol LengthScaleKernel: Kernel {
  /// Length scale σ > 0, in the units of the inputs.
  var lengthScale: Double { get set }
  /// Optimisation bounds of σ.
  var lengthScaleBounds: ClosedRange<Double> { get }
  /// Whether optimisers keep σ fixed.
  var isLengthScaleFixed: Bool { get }
}

extension LengthScaleKernel {
  /// `[lengthScale]`.
  public var hyperparameters: [Hyperparameter] {
    [Hyperparameter(name: "lengthScale", value: lengthScale, bounds: lengthScaleBounds, isFixed: isLengthScaleFixed)]
  }

  /// The kernel with σ = exp(θ₀) (or unchanged when σ is fixed and θ is empty).
  public func withLogHyperparameters(_ theta: [Double]) -> Self {
    precondition(theta.count == (isLengthScaleFixed ? 0 : 1),
                 "\(Self.self) has \(isLengthScaleFixed ? 0 : 1) free hyperparameters, got \(theta.count)")
    var copy = self
    if !isLengthScaleFixed { copy.lengthScale = exp(theta[0]) }
    return copy
  }
}
