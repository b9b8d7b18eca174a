import Foundation
public import LinearAlgebra
public import Symmetries

/// The sum kernel of a finite exact symmetry group: k_G(x, x′) = Σ_g χ(g) k(x, g·x′), with χ the
/// symmetry's label character (χ ≡ 1 for invariant labels, the usual case).
///
/// Kernel ridge regression with `SymmetrizedKernel` on the N original samples and ridge λ gives
/// *identical* predictions to kernel ridge regression with the base kernel on the explicitly
/// augmented N|G| samples and the same λ, provided the base kernel is invariant under the group,
/// k(g·x, g·x′) = k(x, x′), and the labels transform exactly with χ, f(g·x) = χ(g) f(x) (an
/// exact symmetry; the copy g·x carries the label χ(g)·y). The *mean* kernel
/// (1/|G|) Σ_g χ(g) k(x, g·x′) gives the same predictions only with the ridge λ/|G|; it is the
/// `CharacterWeightedKernel` with weight 1 on the sector χ and 0 on the others.
///
/// ```
/// k_G(x, x′) = Σ_{g ∈ G} χ(g) k(x, g·x′)
/// K_G = Σ_g χ(g) K^(g),   K^(g)_ij = k(x_i, g·x_j),   K^(g⁻¹) = (K^(g))ᵀ,   χ(g⁻¹) = χ(g)
/// ```
///
/// With an odd label (χ ≠ 1 somewhere) the fitted model is exactly odd:
/// k_G(g·x, x′) = χ(g) k_G(x, x′), so f̂(g·x) = χ(g) f̂(x).
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
  /// The elements, paired with their inverses to halve kernel calls.
  let orbit: KernelOrbit
  /// χ(g) per element: the symmetry's label character.
  let character: [Double]

  /// Wraps an invariant kernel into the sum kernel of an exact finite group.
  ///
  /// - Parameters:
  ///   - base: The kernel k; must satisfy k(g·x, g·x′) = k(x, x′) for every element.
  ///   - symmetry: An exact finite symmetry (`isExact == true`), identity first; its
  ///     `labelCharacter` signs the terms.
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
    try checkOrthogonalElements(symmetry, route: "sum kernel")
    if !base.isIsotropic {
      try checkKernelInvariance(base, symmetry: symmetry, route: "sum kernel", tolerance: tolerance)
    }
    self.base = base
    self.symmetry = symmetry
    self.orbit = KernelOrbit(elements: symmetry.elements)
    self.character = symmetry.labelCharacter
  }

  init(unchecked base: Base, symmetry: G, orbit: KernelOrbit, character: [Double]) {
    self.base = base
    self.symmetry = symmetry
    self.orbit = orbit
    self.character = character
  }

  /// The base kernel's hyperparameters (the group has none).
  public var hyperparameters: [Hyperparameter] { base.hyperparameters }

  /// The sum kernel of the base kernel with new log hyperparameters θ (same group, no re-check).
  /// - Parameter theta: The base kernel's free log hyperparameters.
  /// - Returns: The updated kernel.
  public func withLogHyperparameters(_ theta: [Double]) -> Self {
    SymmetrizedKernel(unchecked: base.withLogHyperparameters(theta), symmetry: symmetry, orbit: orbit, character: character)
  }

  /// k_G(x, y) = Σ_g χ(g) k(x, g·y). Complexity: |G| base evaluations.
  public func value(_ x: [Double], _ y: [Double]) -> Double { orbit.value(base, character, x, y) }

  /// The Gram matrix Σ_g χ(g) K^(g), exactly symmetric.
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
    return orbit.gram(base, character, x)
  }

  /// The cross matrix [k_G(a_i, b_j)] = Σ_g χ(g) K(a, g·b). Complexity: |G| cross-kernel calls.
  public func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == symmetry.dimension && b.columns == symmetry.dimension,
                 "SymmetrizedKernel of dimension \(symmetry.dimension) given inputs with \(a.columns) and \(b.columns) columns")
    return orbit.cross(base, character, a, b)
  }

  /// The diagonal k_G(x_i, x_i) = Σ_g χ(g) k(x_i, g·x_i). Complexity: N|G| base evaluations.
  public func diagonal(_ x: Matrix) -> [Double] { orbit.diagonal(base, character, x) }

  /// ∂K_G/∂ log θ_k = Σ_g χ(g) ∂K^(g)/∂ log θ_k.
  ///
  /// For a stationary base kernel each term is the base profile's log-derivative applied to the
  /// squared distances between X and g·X (exact). For any other base kernel the derivative is a
  /// central finite difference in log θ with step 1e-5 (relative accuracy about 1e-10).
  /// The result is symmetrised from its lower triangle.
  ///
  /// - Complexity: |G| squared-distance calls, and one profile pass per hyperparameter and element.
  public func gradientMatrices(_ x: Matrix) -> [Matrix] {
    let count = base.freeHyperparameterCount
    guard count > 0 else { return [] }
    if base is any StationaryKernel {
      return orbit.combinations(base, x, derivativeCount: count, derivativeCoefficients: character, blockCoefficients: [])
    }
    return KernelOrbit.centralDifferences(base.logHyperparameters) { withLogHyperparameters($0).matrix(x) }
  }

  /// False: k_G depends on x and x′ separately, not only on x − x′.
  public var isStationary: Bool { false }
  /// False: k_G is invariant under G only.
  public var isIsotropic: Bool { false }
}

/// Refuses a symmetry with a non-orthogonal element: the identities the kernel fast paths use
/// (K^(g⁻¹) = K^(g)ᵀ, symmetric blocks for involutions) hold for orthogonal elements only, so a
/// user's conformer that breaks this is refused, not trusted.
func checkOrthogonalElements(_ symmetry: some FiniteLabelSymmetry, route: String) throws(SymmetryError) {
  if let (k, g) = symmetry.elements.enumerated().first(where: { !($0.element.orthogonalityDefect <= 1e-8) }) {
    throw SymmetryError(.nonOrthogonalElement,
                        "Element \(k) of \(symmetry.name) is not orthogonal (‖RᵀR − I‖ = \(g.orthogonalityDefect)); the \(route) "
                          + "needs orthogonal elements. Fix the element, or check the symmetry with SymmetryTesting.",
                        value: g.orthogonalityDefect)
  }
}
