import Foundation
import LinearAlgebra

/// The sum of two kernels, k(x, x′) = k₁(x, x′) + k₂(x, x′); written `k1 + k2`.
///
/// ```
/// K = K₁ + K₂,   θ = (θ₁, θ₂),   ∂K/∂θ = (∂K₁/∂θ₁, ∂K₂/∂θ₂)
/// ```
/// A sum of positive semi-definite kernels is positive semi-definite; it is stationary
/// (isotropic) when both terms are. Cost: two Gram matrices.
public struct SumKernel<First: Kernel, Second: Kernel>: BinaryKernel {
  /// The first term.
  public var first: First
  /// The second term.
  public var second: Second

  /// Creates k₁ + k₂.
  public init(_ first: First, _ second: Second) {
    self.first = first
    self.second = second
  }

  public func value(_ x: [Double], _ y: [Double]) -> Double { first.value(x, y) + second.value(x, y) }
  public func matrix(_ x: Matrix) -> Matrix { combine(first.matrix(x), second.matrix(x)) }
  public func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix { combine(first.crossMatrix(a, b), second.crossMatrix(a, b)) }
  public func diagonal(_ x: Matrix) -> [Double] { zip(first.diagonal(x), second.diagonal(x)).map(+) }
  public func gradientMatrices(_ x: Matrix) -> [Matrix] { first.gradientMatrices(x) + second.gradientMatrices(x) }

  private func combine(_ a: Matrix, _ b: Matrix) -> Matrix {
    var a = a
    b.withUnsafeBufferPointer { q in a.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] += q[i] } } }
    return a
  }
}

extension SumKernel: Equatable where First: Equatable, Second: Equatable {}
extension SumKernel: Hashable where First: Hashable, Second: Hashable {}

/// k₁ + k₂ as a ``SumKernel``.
public func + <A: Kernel, B: Kernel>(lhs: A, rhs: B) -> SumKernel<A, B> { SumKernel(lhs, rhs) }
