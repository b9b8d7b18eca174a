public import LinearAlgebra
public import Symmetries

/// A kernel that is a weighted sum of the sector parts of a base kernel over a finite group's
/// character table, k = Σ_s w_s k_s, and can show its parts.
///
/// ```
/// k_s(x, x′) = (1/|G|) Σ_g χ_s(g) k_base(x, g·x′),     k(x, x′) = Σ_s w_s k_s(x, x′)
/// ```
///
/// The contract (checked by `SymmetryTesting`'s sector-kernel check): every sector Gram matrix
/// is symmetric positive semi-definite, and Σ_s w_s K_s equals `matrix(x)` to rounding.
/// ``CharacterWeightedKernel`` is the shipped conformer.
public protocol SectorWeightedKernel: Kernel {
  /// The character table whose sectors the kernel is split into.
  var characterTable: CharacterTable { get }
  /// w_s ≥ 0, one per sector of ``characterTable``.
  var sectorWeights: [Double] { get }
  /// The unweighted sector Gram matrices K_s, one per sector, each symmetric.
  ///
  /// - Parameter x: N × d points.
  /// - Returns: K_s with (K_s)_ij = k_s(x_i, x_j), in sector order.
  func sectorMatrices(_ x: Matrix) -> [Matrix]
}
