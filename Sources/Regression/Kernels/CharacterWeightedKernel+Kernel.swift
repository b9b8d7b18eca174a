import Foundation
public import LinearAlgebra
import Symmetries

extension CharacterWeightedKernel {
  /// The base kernel's hyperparameters, then one "weight[name]" per ``SectorWeight`` (zero or
  /// fixed weights listed as fixed).
  public var hyperparameters: [Hyperparameter] { base.hyperparameters + weights.map(\.hyperparameter) }

  /// The kernel with the base kernel's free log hyperparameters, then the free weights' logs, set
  /// from θ (same group and table, no re-check).
  ///
  /// - Precondition: `theta.count == freeHyperparameterCount`.
  public func withLogHyperparameters(_ theta: [Double]) -> Self {
    let nb = base.freeHyperparameterCount
    let free = weights.indices.filter { weights[$0].isFree }
    precondition(theta.count == nb + free.count,
                 "CharacterWeightedKernel has \(nb + free.count) free hyperparameters, got \(theta.count)")
    var groups = weights
    for (k, j) in free.enumerated() { groups[j].value = exp(theta[nb + k]) }
    let perSector = characterTable.sectors.indices.map { s in groups.first { $0.sectors.contains(s) }!.value }
    return CharacterWeightedKernel(unchecked: base.withLogHyperparameters(Array(theta[..<nb])), symmetry: symmetry,
                                   table: characterTable, weights: groups, sectorWeights: perSector, orbit: orbit)
  }

  /// k_w(x, y) = Σ_g c_g k(x, g·y). Complexity: one base evaluation per element with c_g ≠ 0.
  public func value(_ x: [Double], _ y: [Double]) -> Double { orbit.value(base, elementCoefficients, x, y) }

  /// The Gram matrix Σ_g c_g K^(g), exactly symmetric.
  ///
  /// - Complexity: about |G|/2 to |G| cross-kernel blocks of N × N (skipping c_g = 0; involutions
  ///   evaluate half a block for stationary kernels) plus O(|G| N²) additions.
  public func matrix(_ x: Matrix) -> Matrix {
    precondition(x.columns == symmetry.dimension,
                 "CharacterWeightedKernel of dimension \(symmetry.dimension) given inputs with \(x.columns) columns")
    return orbit.gram(base, elementCoefficients, x)
  }

  /// The cross matrix Σ_g c_g K(a, g·b). Complexity: one cross-kernel call per element with c_g ≠ 0.
  public func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == symmetry.dimension && b.columns == symmetry.dimension,
                 "CharacterWeightedKernel of dimension \(symmetry.dimension) given inputs with \(a.columns) and \(b.columns) columns")
    return orbit.cross(base, elementCoefficients, a, b)
  }

  /// k_w(x_i, x_i). Complexity: N base evaluations per element with c_g ≠ 0.
  public func diagonal(_ x: Matrix) -> [Double] { orbit.diagonal(base, elementCoefficients, x) }

  /// The unweighted sector matrices K_s = (1/|G|) Σ_g χ_s(g) K^(g), each block K^(g) built once.
  ///
  /// - Complexity: |G| blocks (one gemm each for stationary kernels) and |G| S daxpy calls of N²;
  ///   memory (S + 2) N² doubles.
  public func sectorMatrices(_ x: Matrix) -> [Matrix] {
    let n = Double(symmetry.order)
    let rows = characterTable.sectors.map { $0.characters.map { $0 / n } }
    return orbit.combinations(base, x, derivativeCount: 0, derivativeCoefficients: [], blockCoefficients: rows)
  }

  /// ∂K/∂log θ for the base kernel's free hyperparameters, then ∂K/∂log w_j = w_j Σ_{s ∈ j} K_s for
  /// each free weight.
  ///
  /// ```
  /// ∂K/∂log θ_m = Σ_g c_g ∂K^(g)/∂log θ_m,     ∂K/∂log w_j = Σ_g d_jg K^(g),   d_jg = (w_j/|G|) Σ_{s ∈ j} χ_s(g)
  /// ```
  ///
  /// For a stationary base kernel everything comes from one squared-distance gemm per element
  /// (exact); otherwise the base derivatives are central differences in log θ (step 1e-5).
  ///
  /// - Complexity: |G| gemm calls plus one profile pass per element and output, and one daxpy of N²
  ///   per element and output.
  public func gradientMatrices(_ x: Matrix) -> [Matrix] {
    let n = Double(symmetry.order)
    let rows: [[Double]] = weights.filter(\.isFree).map { w in
      (0..<symmetry.order).map { g in w.sectors.reduce(0) { $0 + characterTable.sectors[$1].characters[g] } * w.value / n }
    }
    let nb = base.freeHyperparameterCount
    if base is any StationaryKernel || nb == 0 {
      return orbit.combinations(base, x, derivativeCount: nb, derivativeCoefficients: elementCoefficients, blockCoefficients: rows)
    }
    let baseTheta = base.logHyperparameters
    let weightTheta = Array(logHyperparameters[nb...])
    return KernelOrbit.centralDifferences(baseTheta) { withLogHyperparameters($0 + weightTheta).matrix(x) }
      + orbit.combinations(base, x, derivativeCount: 0, derivativeCoefficients: [], blockCoefficients: rows)
  }

  /// False: k_w depends on x and x′ separately.
  public var isStationary: Bool { false }
  /// False: k_w is invariant under the group only.
  public var isIsotropic: Bool { false }
}
