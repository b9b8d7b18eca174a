import Foundation
import LinearAlgebra

/// The product of two kernels, k(x, x′) = k₁(x, x′) · k₂(x, x′); written `k1 * k2`.
///
/// ```
/// K = K₁ ∘ K₂ (element-wise),   ∂K/∂θ₁ = ∂K₁/∂θ₁ ∘ K₂,   ∂K/∂θ₂ = K₁ ∘ ∂K₂/∂θ₂
/// ```
/// Positive semi-definite by the Schur product theorem; stationary (isotropic) when both
/// factors are. Cost: two Gram matrices.
public struct ProductKernel<First: Kernel, Second: Kernel>: BinaryKernel {
  /// The first factor.
  public var first: First
  /// The second factor.
  public var second: Second

  /// Creates k₁ · k₂.
  public init(_ first: First, _ second: Second) {
    self.first = first
    self.second = second
  }

  public func value(_ x: [Double], _ y: [Double]) -> Double { first.value(x, y) * second.value(x, y) }
  public func matrix(_ x: Matrix) -> Matrix { Self.hadamard(first.matrix(x), second.matrix(x)) }
  public func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix { Self.hadamard(first.crossMatrix(a, b), second.crossMatrix(a, b)) }
  public func diagonal(_ x: Matrix) -> [Double] { zip(first.diagonal(x), second.diagonal(x)).map(*) }

  public func gradientMatrices(_ x: Matrix) -> [Matrix] {
    let g1 = first.gradientMatrices(x), g2 = second.gradientMatrices(x)
    guard !g1.isEmpty || !g2.isEmpty else { return [] }
    let k1 = first.matrix(x), k2 = second.matrix(x)
    return g1.map { Self.hadamard($0, k2) } + g2.map { Self.hadamard(k1, $0) }
  }


  static func hadamard(_ a: Matrix, _ b: Matrix) -> Matrix {
    var a = a
    b.withUnsafeBufferPointer { q in a.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= q[i] } } }
    return a
  }
}

extension ProductKernel: Equatable where First: Equatable, Second: Equatable {}
extension ProductKernel: Hashable where First: Hashable, Second: Hashable {}

/// k₁ · k₂ as a ``ProductKernel``.
public func * <A: Kernel, B: Kernel>(lhs: A, rhs: B) -> ProductKernel<A, B> { ProductKernel(lhs, rhs) }
