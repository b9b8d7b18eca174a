import Foundation
import LinearAlgebra

/// A positive semi-definite kernel k(x, x′) on ℝᵈ with hyperparameters as data.
///
/// Contract a conformer keeps:
/// - `value(x, y) == value(y, x)`, and every Gram matrix `matrix(X)` is symmetric positive
///   semi-definite, with both triangles filled;
/// - `matrix`, `crossMatrix` and `diagonal` agree with `value` to rounding;
/// - `hyperparameters` lists every hyperparameter; `withLogHyperparameters(θ)` takes the natural
///   logs of the *free* ones in that order (scikit-learn's `theta`) and returns the kernel with
///   those values; `gradientMatrices(X)` returns ∂K/∂θᵢ for the same θ (derivatives in log space);
/// - `isIsotropic` is `true` only if k(Qx, Qx′) = k(x, x′) for every orthogonal Q. Symmetrized
///   routes refuse kernels for which it is `false`.
///
/// ```
/// K_ij = k(x_i, x_j),   (∂K/∂θ_m)_ij = ∂k(x_i, x_j)/∂ log v_m
/// ```
public protocol Kernel: Sendable {
  /// k(x, y) for two points of equal dimension.
  /// - Parameters:
  ///   - x: A point in ℝᵈ.
  ///   - y: A point in ℝᵈ (same d; a mismatch is a programmer error and traps).
  /// - Returns: The kernel value.
  /// - Complexity: O(d).
  func value(_ x: [Double], _ y: [Double]) -> Double
  /// The symmetric n × n Gram matrix of the rows of `x`.
  /// - Parameter x: n × d points, one per row.
  /// - Returns: K with K_ij = k(x_i, x_j), both triangles filled.
  /// - Complexity: O(n²d) in BLAS plus O(n²) element-wise work.
  func matrix(_ x: Matrix) -> Matrix
  /// The n × m cross-kernel matrix k(a_i, b_j).
  /// - Parameters:
  ///   - a: n × d points.
  ///   - b: m × d points.
  /// - Returns: The n × m matrix of kernel values.
  /// - Complexity: O(nmd) in BLAS plus O(nm) element-wise work.
  func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix
  /// k(x_i, x_i) for each row.
  func diagonal(_ x: Matrix) -> [Double]
  /// All hyperparameters, free and fixed.
  var hyperparameters: [Hyperparameter] { get }
  /// The kernel with the free hyperparameters set to `exp(theta)`.
  /// - Precondition: `theta.count` equals the number of free hyperparameters.
  func withLogHyperparameters(_ theta: [Double]) -> Self
  /// ∂K/∂ log vₘ for each free hyperparameter, in `hyperparameters` order.
  /// - Parameter x: n × d points.
  /// - Returns: One symmetric n × n matrix per free hyperparameter.
  /// - Complexity: O(n²d + n²) per free hyperparameter.
  func gradientMatrices(_ x: Matrix) -> [Matrix]
  /// Whether k depends on x − x′ only.
  var isStationary: Bool { get }
  /// Whether k is invariant under every orthogonal map applied to both arguments.
  var isIsotropic: Bool { get }
}

extension Kernel {
  /// Natural logs of the free hyperparameters (scikit-learn's `theta`).
  public var logHyperparameters: [Double] { hyperparameters.logFreeValues }
  /// Number of free hyperparameters.
  public var freeHyperparameterCount: Int { hyperparameters.lazy.filter { !$0.isFixed }.count }
}

/// A kernel that depends on ‖x − x′‖² only: k(x, x′) = p(‖x − x′‖²) for a *profile* p.
///
/// Conformers supply the profile in bulk (one tight loop over a buffer, no per-element dispatch);
/// the Gram matrix is built from `PairwiseDistances` (one BLAS syrk/gemm) followed by one
/// element-wise pass over the lower triangle, then mirrored. Stationary kernels of ‖x − x′‖ are
/// isotropic.
public protocol StationaryKernel: Kernel {
  /// Replaces each squared distance r² in `buffer` by p(r²).
  func applyProfile(_ buffer: UnsafeMutableBufferPointer<Double>)
  /// Replaces each squared distance r² in `buffer` by ∂p(r²)/∂ log v, for the free hyperparameter
  /// at position `index` among the free ones.
  func applyLogDerivativeProfile(_ index: Int, _ buffer: UnsafeMutableBufferPointer<Double>)
}

extension StationaryKernel {
  public var isStationary: Bool { true }
  public var isIsotropic: Bool { true }

  /// p(r²) for a single squared distance.
  public func profile(squaredDistance r2: Double) -> Double {
    var v = r2
    withUnsafeMutablePointer(to: &v) { applyProfile(UnsafeMutableBufferPointer(start: $0, count: 1)) }
    return v
  }

  public func value(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "Kernel arguments of dimensions \(x.count) and \(y.count)")
    var r2 = 0.0
    for i in x.indices { let d = x[i] - y[i]; r2 += d * d }
    return profile(squaredDistance: r2)
  }

  public func matrix(_ x: Matrix) -> Matrix {
    // Rows i: strict lower part plus the diagonal (r² = 0), profiled while still in cache.
    PairwiseDistances.symmetricMatrix(x) { applyProfile($0) }
  }

  public func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    var m = PairwiseDistances.squared(a, b)
    m.withUnsafeMutableBufferPointer { applyProfile($0) }
    return m
  }

  public func diagonal(_ x: Matrix) -> [Double] {
    Array(repeating: profile(squaredDistance: 0), count: x.rows)
  }

  public func gradientMatrices(_ x: Matrix) -> [Matrix] {
    // One fused pass per hyperparameter, like the Gram matrix: syrk, then the derivative profile
    // row by row while the row is in cache, then the mirror.
    (0..<freeHyperparameterCount).map { index in
      PairwiseDistances.symmetricMatrix(x) { applyLogDerivativeProfile(index, $0) }
    }
  }

}
