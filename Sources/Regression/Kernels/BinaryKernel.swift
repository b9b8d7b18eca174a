/// A kernel built from two kernels (`SumKernel`, `ProductKernel`): θ is the concatenation
/// (θ₁, θ₂), and the combination is stationary or isotropic when both parts are.
///
/// Conformers store the two parts and say how their values combine; the hyperparameter
/// bookkeeping comes from this protocol's extension.
public protocol BinaryKernel: Kernel {
  associatedtype First: Kernel
  associatedtype Second: Kernel
  /// The first part.
  var first: First { get }
  /// The second part.
  var second: Second { get }
  /// The combination of two parts.
  init(_ first: First, _ second: Second)
}

extension BinaryKernel {
  /// The first part's hyperparameters, then the second's.
  public var hyperparameters: [Hyperparameter] { first.hyperparameters + second.hyperparameters }

  /// Splits θ between the parts: the first part's free hyperparameters, then the second's.
  public func withLogHyperparameters(_ theta: [Double]) -> Self {
    let n1 = first.freeHyperparameterCount
    precondition(theta.count == n1 + second.freeHyperparameterCount,
                 "\(Self.self) has \(n1 + second.freeHyperparameterCount) free hyperparameters, got \(theta.count)")
    return Self(first.withLogHyperparameters(Array(theta[..<n1])), second.withLogHyperparameters(Array(theta[n1...])))
  }

  public var isStationary: Bool { first.isStationary && second.isStationary }
  public var isIsotropic: Bool { first.isIsotropic && second.isIsotropic }
}
