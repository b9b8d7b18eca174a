import Foundation
public import LinearAlgebra
public import Symmetries

/// The sum kernel of a finite exact symmetry group: k_G(x, x′) = Σ_g k(x, g·x′).
///
/// Kernel ridge regression with `SymmetrizedKernel` on the N original samples and ridge λ gives
/// *identical* predictions to kernel ridge regression with the base kernel on the explicitly
/// augmented N|G| samples and the same λ, provided the base kernel is invariant under the group,
/// k(g·x, g·x′) = k(x, x′), and the labels are invariant (an exact symmetry). The *mean* kernel
/// (1/|G|) Σ_g k(x, g·x′) gives the same predictions only with the ridge λ/|G|.
///
/// ```
/// k_G(x, x′) = Σ_{g ∈ G} k(x, g·x′)
/// K_G = Σ_g K^(g),   K^(g)_ij = k(x_i, g·x_j),   K^(g⁻¹) = (K^(g))ᵀ
/// ```
///
/// The initializer refuses approximate symmetries (their augmented labels differ across the
/// orbit, which no kernel on the original samples can represent; use explicit augmentation or the
/// group-Fourier route) and base kernels that are not invariant under the group (the summed
/// matrix would not even be symmetric).
///
/// Hyperparameters are the base kernel's; gradient matrices are the sums of the base kernel's
/// cross-gradient matrices over the group, so a Gaussian process can optimise them.
///
/// Reference: arXiv 2605.28238, "Using a symmetry in a model".
public struct SymmetrizedKernel<Base: Kernel, G: FiniteLabelSymmetry>: Kernel {
  /// The invariant base kernel k.
  public let base: Base
  /// The exact finite group G.
  public let symmetry: G
  /// For each element index, the index of its inverse (elements paired to halve kernel calls).
  let inverseIndex: [Int]

  /// Wraps an invariant kernel into the sum kernel of an exact finite group.
  ///
  /// - Parameters:
  ///   - base: The kernel k; must satisfy k(g·x, g·x′) = k(x, x′) for every element.
  ///   - symmetry: An exact finite symmetry (`isExact == true`), identity first.
  ///   - tolerance: Relative tolerance of the numerical invariance check (run only when
  ///     `base.isIsotropic` is false, since isotropic stationary kernels are invariant under every
  ///     orthogonal map).
  /// - Throws: `SymmetryError` with code `routeNotApplicable` for an approximate symmetry, or
  ///   `kernelNotInvariant` naming the element, the points and both kernel values.
  /// - Complexity: O(|G|² d³) to pair elements with their inverses, plus a few kernel evaluations per
  ///   element for the invariance check.
  public init(_ base: Base, symmetry: G, tolerance: Double = 1e-10) throws(SymmetryError) {
    guard symmetry.isExact else {
      throw SymmetryError(.routeNotApplicable,
                          "The sum kernel needs an exact symmetry, but \(symmetry.name) is approximate (its augmented "
                            + "labels differ across the orbit); use explicit augmentation (route .augment) or, for "
                            + "sign flips, the group-Fourier solver (route .fourier) instead.")
    }
    let elements = symmetry.elements
    // The identities the fast paths use (K^(g⁻¹) = K^(g)ᵀ, symmetric blocks for involutions) hold
    // for orthogonal elements only; a user's conformer that breaks this is refused, not trusted.
    if let (k, g) = elements.enumerated().first(where: { !($0.element.orthogonalityDefect <= 1e-8) }) {
      throw SymmetryError(.nonOrthogonalElement,
                          "Element \(k) of \(symmetry.name) is not orthogonal (‖RᵀR − I‖ = \(g.orthogonalityDefect)); the sum "
                            + "kernel needs orthogonal elements. Fix the element, or check the symmetry with SymmetryTesting.",
                          value: g.orthogonalityDefect)
    }
    if !base.isIsotropic {
      try checkKernelInvariance(base, symmetry: symmetry, route: "sum kernel", tolerance: tolerance)
    }
    self.base = base
    self.symmetry = symmetry
    // Pair each element with its inverse by the product g·h = I (not by assuming Rᵀ is listed):
    // a set that is not a group then simply has unpaired elements, each evaluated on its own.
    let identity = Matrix.identity(symmetry.dimension)
    self.inverseIndex = elements.indices.map { i in
      elements.firstIndex { h in
        h.centre == elements[i].centre && (elements[i].matrix * h.matrix).maxAbsoluteDifference(to: identity) <= 1e-10
      } ?? -1
    }
  }

  init(unchecked base: Base, symmetry: G, inverseIndex: [Int]) {
    self.base = base
    self.symmetry = symmetry
    self.inverseIndex = inverseIndex
  }

  /// The base kernel's hyperparameters (the group has none).
  public var hyperparameters: [Hyperparameter] { base.hyperparameters }

  /// The sum kernel of the base kernel with new log hyperparameters θ (same group, no re-check).
  /// - Parameter theta: The base kernel's free log hyperparameters.
  /// - Returns: The updated kernel.
  public func withLogHyperparameters(_ theta: [Double]) -> Self {
    SymmetrizedKernel(unchecked: base.withLogHyperparameters(theta), symmetry: symmetry, inverseIndex: inverseIndex)
  }

  /// k_G(x, y) = Σ_g k(x, g·y). Complexity: |G| base evaluations.
  public func value(_ x: [Double], _ y: [Double]) -> Double {
    symmetry.elements.reduce(0.0) { $0 + base.value(x, $1.apply(to: y)) }
  }

  /// The Gram matrix Σ_g K^(g), exactly symmetric.
  ///
  /// The identity's block uses the base kernel's (symmetric) Gram routine; each non-involutive
  /// element is paired with its inverse so that one cross-kernel call gives K^(g) + K^(g)ᵀ;
  /// the result is symmetrised from its lower triangle to remove rounding asymmetry.
  ///
  /// - Complexity: about |G|/2 to |G| cross-kernel calls of N × N (each one BLAS call for
  ///   stationary kernels) plus O(|G| N²) additions.
  public func matrix(_ x: Matrix) -> Matrix {
    precondition(x.columns == symmetry.dimension,
                 "SymmetrizedKernel of dimension \(symmetry.dimension) given inputs with \(x.columns) columns")
    let n = x.rows
    var sum = base.matrix(x)
    var done = [Bool](repeating: false, count: symmetry.elements.count)
    done[0] = true
    sum.withUnsafeMutableBufferPointer { s in
      for (gi, g) in symmetry.elements.enumerated() where !done[gi] {
        done[gi] = true
        let partner = inverseIndex[gi]
        let gx = g.apply(to: x)
        // An involution gives a symmetric block: stationary kernels evaluate only its lower half.
        let block = partner == gi ? (base as? any StationaryKernel)?.symmetricCrossMatrix(x, gx) ?? base.crossMatrix(x, gx)
                                  : base.crossMatrix(x, gx)
        block.withUnsafeBufferPointer { b in
          if partner == gi || partner < 0 {
            for i in s.indices { s[i] += b[i] }
          } else {
            done[partner] = true
            // K^(g⁻¹) = K^(g)ᵀ.
            for i in 0..<n { for j in 0..<n { s[i * n + j] += b[i * n + j] + b[j * n + i] } }
          }
        }
      }
    }
    sum.symmetrizeFromLower()
    return sum
  }

  /// The cross matrix [k_G(a_i, b_j)] = Σ_g K(a, g·b). Complexity: |G| cross-kernel calls.
  public func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == symmetry.dimension && b.columns == symmetry.dimension,
                 "SymmetrizedKernel of dimension \(symmetry.dimension) given inputs with \(a.columns) and \(b.columns) columns")
    var sum = base.crossMatrix(a, b)
    sum.withUnsafeMutableBufferPointer { s in
      for g in symmetry.elements.dropFirst() {
        base.crossMatrix(a, g.apply(to: b)).withUnsafeBufferPointer { p in for i in s.indices { s[i] += p[i] } }
      }
    }
    return sum
  }

  /// The diagonal k_G(x_i, x_i) = Σ_g k(x_i, g·x_i). Complexity: N|G| base evaluations.
  public func diagonal(_ x: Matrix) -> [Double] {
    var out = base.diagonal(x)
    for g in symmetry.elements.dropFirst() {
      let gx = g.apply(to: x)
      for i in 0..<x.rows { out[i] += base.value(x.row(i), gx.row(i)) }
    }
    return out
  }

  /// ∂K_G/∂ log θ_k = Σ_g ∂K^(g)/∂ log θ_k.
  ///
  /// For a stationary base kernel each term is the base profile's log-derivative applied to the
  /// squared distances between X and g·X (exact). For any other base kernel the derivative is a
  /// central finite difference in log θ with step 1e-5 (relative accuracy about 1e-10).
  /// The result is symmetrised from its lower triangle.
  ///
  /// - Complexity: |G| squared-distance calls per hyperparameter.
  public func gradientMatrices(_ x: Matrix) -> [Matrix] {
    let count = base.freeHyperparameterCount
    guard count > 0 else { return [] }
    if let stationary = base as? any StationaryKernel {
      return (0..<count).map { index in stationaryGradient(stationary, index: index, x) }
    }
    let theta = base.logHyperparameters
    let h = 1e-5
    return (0..<count).map { k in
      var plus = theta, minus = theta
      plus[k] += h
      minus[k] -= h
      var m = withLogHyperparameters(plus).matrix(x) - withLogHyperparameters(minus).matrix(x)
      m.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] /= 2 * h } }
      return m
    }
  }

  private func stationaryGradient(_ kernel: some StationaryKernel, index: Int, _ x: Matrix) -> Matrix {
    let n = x.rows
    var sum = Matrix(rows: n, columns: n)
    sum.withUnsafeMutableBufferPointer { s in
      for g in symmetry.elements {
        var r2 = PairwiseDistances.squared(x, g.apply(to: x))
        r2.withUnsafeMutableBufferPointer { kernel.applyLogDerivativeProfile(index, $0) }
        r2.withUnsafeBufferPointer { p in for i in s.indices { s[i] += p[i] } }
      }
    }
    sum.symmetrizeFromLower()
    return sum
  }

  /// False: k_G depends on x and x′ separately, not only on x − x′.
  public var isStationary: Bool { false }
  /// False: k_G is invariant under G only.
  public var isIsotropic: Bool { false }
}
