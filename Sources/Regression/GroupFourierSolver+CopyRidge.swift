import Foundation
public import LinearAlgebra
import Symmetries

/// The group-Fourier solve with a per-copy ridge: ridge λ on the original samples and λ + ε² on
/// every non-identity copy, solved exactly by |G| factorisations of size N plus one more of size N
/// (never the N|G| system).
///
/// The problem is augmented KRR with per-sample ridges (``SymmetryTrust/copyRidge(_:)``):
///
/// ```
/// min_f  Σ_i (f(x_i) − y_i)²/λ + Σ_{g≠e} Σ_i (f(g·x_i) − y_{g,i})²/(λ + ε²) + ‖f‖²
/// (K_aug + D) α = y_aug,   D = diag(λ on the identity copy, μ = λ + ε² on the others)
/// ```
///
/// ## Derivation
///
/// Write D = μI − ε² E₀E₀ᵀ (E₀ selects the identity copy) and transform with the characters as in
/// the plain solve, β_s = Σ_g χ_s(g) α_g. Since χ_s(e) = 1 for every s, E₀ᵀα = α_e = (1/|G|) Σ_t β_t,
/// and the system becomes, with A_s = M_s + μI and c = ε²/|G|,
///
/// ```
/// A_s β_s − c Σ_t β_t = ŷ_s                      (s = 0 … |G|−1)
/// z = Σ_t β_t:   β_s = A_s⁻¹ (ŷ_s + c z)
/// summing over s:   (I − c S) z = Σ_s A_s⁻¹ ŷ_s,   S = Σ_s A_s⁻¹
/// α_g = (1/|G|) Σ_s χ_s(g) β_s,   f(x*) = Σ_g K(x*, g·X) α_g
/// ```
///
/// I − cS is symmetric positive definite with eigenvalues in [λ/μ, 1] (each A_s⁻¹ ≼ I/μ, so
/// cS ≼ ε²/μ · I). The two-stage form of the design note (condition on every copy with noise μ,
/// then on the originals with noise ν = λμ/ε²) solves the same system: its matrix
/// S₁(X, X) + νI equals (μ²/ε²)(I − cS).
///
/// ## Which form is computed, and why
///
/// Neither I − cS nor S₁ + νI is formed by subtraction. Both equal
///
/// ```
/// T = (1/|G|) Σ_s A_s⁻¹ (M_s + λI) = (1/|G|) Σ_s V_s diag((w_s + λ)/(w_s + μ)) V_sᵀ    (M_s = V_s W_s V_sᵀ)
/// ```
///
/// a sum of positive semi-definite terms whose eigenvalue factors (w + λ)/(w + μ) are computed to
/// full relative accuracy. Forming I − cS from the inverses A_s⁻¹ instead subtracts numbers close
/// to 1 in the directions where w ≪ μ and loses about log₁₀(μ/λ) digits (a numpy check with N = 40,
/// |G| = 4, λ = 1e-3 lost 8 digits at ε² = 1e6 and all of them at ε² = 1e12, where T itself is
/// accurate to 1e-13); S₁ = K − … loses digits the same way at small ε². With T as written, the
/// solve is as well conditioned as the problem: cond T ≤ min(μ, w_max + λ)/λ, the condition number
/// of plain KRR (K + λI) at most.
///
/// ## Two ways to get T, chosen per grid
///
/// * **Eigendecomposition**, once per kernel and inputs: the numerical eigenspace of each M_s (the r_s
///   eigenpairs above u·max w_s, by randomized subspace iteration, or `dsyevd` when r_s > N/3; see
///   `NumericalEigenspace`), and, when R = Σ_s r_s < 3N/4, an orthonormal basis Q of their joint
///   span (one thin QR of N × R). Then a pair costs one R × R Cholesky of
///   C = (λ/μ)I + (QᵀW)(QᵀW)ᵀ, with T⁻¹ = Q C⁻¹ Qᵀ + (μ/λ)(I − QQᵀ), and O(N R) products (for
///   R ≥ 3N/4: Σ_s `dsyrk` of N × r_s and an N × N Cholesky of T); ε² = 0 pairs cost O(N R).
/// * **Cholesky per pair**: A_s = L_s L_sᵀ, then A_s⁻¹(M_s + λI) by two triangular solves with N
///   right-hand sides per sector, one Cholesky of T; ε² = 0 pairs cost |G| Cholesky factorisations
///   (the plain Fourier solve).
///
/// `CopyRidgeStrategy.automatic` compares the estimated costs (`CopyRidgeStrategy.preferred(groupOrder:coupledPairs:fullTrustPairs:)`).
/// Both give the same predictions to rounding.
///
/// ## Limits
///
/// * ε² = 0 is the plain group-Fourier solve (``fit(_:elementLabels:)``), to rounding.
/// * ε² = +∞ is handled explicitly: the copies carry no information, α_g = 0 for g ≠ e, and the
///   model is KRR on the N originals with λ and the identity-copy labels (returned as a model on
///   the N originals, not on N|G| rows).
/// * Large finite ε² tends to that model continuously (predictions differ by O(1/ε²)).
///
/// ## An exact subgroup in the kernel, the rest soft
///
/// For a group G × H with H exact (water: the q₃ flip) and G approximate (the q₁/q₂ reflections),
/// use the sum kernel k_H(x, x′) = Σ_{h∈H} k(x, h·x′) (`SymmetrizedKernel(k, symmetry: H)`) as this
/// solver's kernel and G as its symmetry. When the labels are H-invariant (y_{hg,i} = y_{g,i}) and k
/// is invariant under G × H, this equals the dense augmented solve over G × H with ridge λ on the
/// copies in H (identity and h) and λ + ε² on all others. Proof: the objective over G × H is
/// unchanged by f ↦ f∘h (h permutes the terms within each coset gH, whose labels and ridges agree,
/// and ‖f∘h‖_k = ‖f‖_k), and it is strictly convex, so its minimiser is H-invariant. The H-invariant
/// functions of the RKHS of k are the RKHS of the mean kernel k̄ = k_H/|H| with the same norm (the
/// average over H is an orthogonal projection in the RKHS), and for them the |H| terms of each coset
/// are equal. The objective is then |H| · [Σ_{g∈G} Σ_i (f(g·x_i) − y_{g,i})²/λ_g + ‖f‖²_{k̄}/|H|], and
/// ‖f‖²_{k̄}/|H| = ‖f‖²_{|H| k̄} = ‖f‖²_{k_H}: the problem this solver solves with kernel k_H and the
/// same λ, ε². k_H is invariant under G when G and H commute (sign flips do), which the initializer
/// checks numerically.
///
/// Reference: arXiv 2605.28238; design note "soft symmetries" (two-stage conditioning).
extension GroupFourierSolver {
  /// Fits KRR on the augmented set with ridge λ (``ridge``) on the originals and λ + ε² on every
  /// other copy, with labels from the symmetry's corrections (`elementLabels(_:_:)`).
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - labels: N labels.
  ///   - copyRidge: ε² ≥ 0; `.infinity` ignores the copies.
  /// - Returns: The fitted model (on the N|G| augmented inputs; on the N originals for ε² = ∞).
  /// - Throws: `RegressionError` for bad data, a negative or NaN ε², the memory budget or a failed
  ///   factorisation.
  /// - Complexity: |G| kernel blocks, |G| Cholesky factorisations and 2|G| triangular solves with N
  ///   right-hand sides of size N, one more Cholesky of size N (ε² = 0: the plain solve; ε² = ∞:
  ///   plain KRR on N).
  public func fit(_ inputs: Matrix, _ labels: [Double], copyRidge: Double) throws(RegressionError) -> FittedKernelRidge<K> {
    try fitGrid(inputs, labels, ridges: [ridge], copyRidges: [copyRidge])[0][0]
  }

  /// Fits with ridge λ (``ridge``) on the identity copy and λ + ε² on the others, with your own
  /// N × |G| label matrix.
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - y: N × |G| labels (argument label `elementLabels`), column g the label of the copy g·x_i.
  ///   - copyRidge: ε² ≥ 0; `.infinity` ignores the copies (KRR on column 0).
  /// - Returns: The fitted model.
  /// - Throws: As ``fit(_:_:copyRidge:)``.
  /// - Complexity: As ``fit(_:_:copyRidge:)``.
  public func fit(_ inputs: Matrix, elementLabels y: Matrix, copyRidge: Double) throws(RegressionError) -> FittedKernelRidge<K> {
    try fitGrid(inputs, elementLabels: y, ridges: [ridge], copyRidges: [copyRidge])[0][0]
  }

  /// Fits every (λ, ε²) pair of a grid for this kernel, reusing the kernel blocks and, for larger
  /// grids, one eigendecomposition per sector. The solver's own ``ridge`` is not used.
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - labels: N labels (per-element labels from the symmetry's corrections).
  ///   - ridges: λ values, each finite and > 0.
  ///   - copyRidges: ε² values, each ≥ 0 (`.infinity` allowed: the copies are ignored).
  ///   - strategy: `.automatic` (default), `.eigendecomposition` or `.cholesky`.
  /// - Returns: `models[r][e]` for `ridges[r]` and `copyRidges[e]`.
  /// - Throws: `RegressionError` for bad data, an empty grid, a bad λ or ε² (all reported at once),
  ///   the memory budget or a failed factorisation.
  /// - Complexity: see `CopyRidgeStrategy.preferred(groupOrder:coupledPairs:fullTrustPairs:)`; memory
  ///   |G| + 3 (eigendecomposition) or 2|G| + 3 (Cholesky) buffers of N × N.
  public func fitGrid(_ inputs: Matrix, _ labels: [Double], ridges: [Double], copyRidges: [Double],
                      strategy: CopyRidgeStrategy = .automatic) throws(RegressionError) -> [[FittedKernelRidge<K>]] {
    try checkLabels(inputs, labels)
    return try fitGrid(inputs, elementLabels: elementLabels(inputs, labels), ridges: ridges, copyRidges: copyRidges,
                       strategy: strategy)
  }

  /// Fits every (λ, ε²) pair of a grid with your own N × |G| label matrix. The solver's own
  /// ``ridge`` is not used.
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - y: N × |G| labels (argument label `elementLabels`), column g the label of the copy g·x_i.
  ///   - ridges: λ values, each finite and > 0.
  ///   - copyRidges: ε² values, each ≥ 0 (`.infinity` allowed).
  ///   - strategy: `.automatic` (default), `.eigendecomposition` or `.cholesky`.
  /// - Returns: `models[r][e]` for `ridges[r]` and `copyRidges[e]`.
  /// - Throws: As ``fitGrid(_:_:ridges:copyRidges:strategy:)``.
  /// - Complexity: As ``fitGrid(_:_:ridges:copyRidges:strategy:)``.
  public func fitGrid(_ inputs: Matrix, elementLabels y: Matrix, ridges: [Double], copyRidges: [Double],
                      strategy: CopyRidgeStrategy = .automatic) throws(RegressionError) -> [[FittedKernelRidge<K>]] {
    let coupled = copyRidges.filter { $0 > 0 && $0.isFinite }.count * ridges.count
    let fullTrust = copyRidges.filter { $0 == 0 }.count * ridges.count
    let chosen = strategy == .automatic
      ? CopyRidgeStrategy.preferred(groupOrder: order, coupledPairs: coupled, fullTrustPairs: fullTrust) : strategy
    var problems: [RegressionError.Problem] = []
    Validation.checkRidgeGrid(ridges: ridges, copyRidges: copyRidges, into: &problems)
    try Validation.throwIfAny(problems)
    try validate(inputs, y, copies: chosen == .eigendecomposition ? order + 3 : 2 * order + 3)

    var models: [[FittedKernelRidge<K>?]] = Array(repeating: Array(repeating: nil, count: copyRidges.count),
                                                   count: ridges.count)
    if copyRidges.contains(where: \.isFinite) {
      let augmented = augmentedInputs(inputs)
      let yHat = Self.transformColumns(y)
      func model(_ solution: (beta: Matrix, jitter: Double)) -> FittedKernelRidge<K> {
        FittedKernelRidge(kernel: kernel, trainingInputs: augmented,
                          dualCoefficients: Self.dualCoefficients(fromSectors: solution.beta), jitter: solution.jitter)
      }
      switch chosen {
      case .eigendecomposition:
        let sectors = try CopyRidgeSectors(blocks: transformedGramMatrices(inputs), labels: yHat)
        for (r, lambda) in ridges.enumerated() {
          for (e, epsilon2) in copyRidges.enumerated() where epsilon2.isFinite {
            models[r][e] = model(try sectors.solve(ridge: lambda, copyRidge: epsilon2, jitter: jitter))
          }
        }
      case .cholesky, .automatic:
        let blocks = transformedGramMatrices(inputs)
        for (r, lambda) in ridges.enumerated() {
          for (e, epsilon2) in copyRidges.enumerated() where epsilon2.isFinite {
            models[r][e] = model(try choleskySolve(blocks, yHat, ridge: lambda, copyRidge: epsilon2))
          }
        }
      }
    }
    if copyRidges.contains(.infinity) {
      // ε² = ∞: the copies carry no information; KRR on the originals with the identity-copy labels.
      let original = y.column(0)
      for (r, lambda) in ridges.enumerated() {
        let plain = try KernelRidgeRegression(kernel: kernel, ridge: lambda, jitter: jitter, memoryBudget: memoryBudget)
          .fit(inputs, original)
        for (e, epsilon2) in copyRidges.enumerated() where epsilon2 == .infinity { models[r][e] = plain }
      }
    }
    return models.map { $0.map { $0! } }
  }

  /// β (N × |G|, column s) for one pair by Cholesky factorisations of A_s = M_s + μI.
  private func choleskySolve(_ blocks: [Matrix], _ yHat: Matrix, ridge lambda: Double,
                             copyRidge epsilon2: Double) throws(RegressionError) -> (beta: Matrix, jitter: Double) {
    let n = yHat.rows, count = order
    let mu = lambda + epsilon2
    let what = epsilon2 == 0 ? "ridge λ = \(lambda)" : "ridge λ = \(lambda) (copies λ + ε² = \(mu))"
    var beta: [[Double]] = []
    var factors: [Cholesky] = []
    var t = Matrix(rows: n, columns: n)
    var r = [Double](repeating: 0, count: n)
    var jitterUsed = 0.0
    for s in 0..<count {
      var a = blocks[s]
      a.addToDiagonal(mu)
      let factor: Cholesky
      do { factor = try Cholesky(factoring: consume a, jitter: jitter) } catch {
        throw RegressionError(wrapping: error, regularizer: what + " (character \(s) of \(count))")
      }
      jitterUsed = max(jitterUsed, factor.jitter)
      let u = factor.solve(yHat.column(s))  // A_s⁻¹ ŷ_s
      beta.append(u)
      if epsilon2 > 0 {
        // T += A_s⁻¹ (M_s + λI) / |G|, by two triangular solves (no subtraction).
        var m = blocks[s]
        m.addToDiagonal(lambda)
        let x = factor.solve(consume m)
        t.withUnsafeMutableBufferPointer { tp in
          x.withUnsafeBufferPointer { xp in for i in tp.indices { tp[i] += xp[i] / Double(count) } }
        }
        for i in 0..<n { r[i] += u[i] }
        factors.append(factor)
      }
    }
    guard epsilon2 > 0 else { return (sectorMatrix(beta), jitterUsed) }
    // A_s⁻¹(M_s + λI) is symmetric in exact arithmetic; average out the rounding asymmetry.
    t.withUnsafeMutableBufferPointer { p in
      for i in 0..<n { for j in 0..<i {
        let v = 0.5 * (p[i * n + j] + p[j * n + i])
        p[i * n + j] = v
        p[j * n + i] = v
      } }
    }
    let (z, coupling) = try solveCoupling(consume t, r, jitter: jitter, what: what)
    for s in 0..<count {
      let v = factors[s].solve(z)  // A_s⁻¹ z, of size |z|/μ: the product below cannot overflow
      for i in 0..<n { beta[s][i] += epsilon2 / Double(count) * v[i] }
    }
    return (sectorMatrix(beta), max(jitterUsed, coupling))
  }
}

/// How `GroupFourierSolver.fitGrid(_:_:ridges:copyRidges:strategy:)` gets the coupling matrix of
/// the copies for each (λ, ε²) pair. Both strategies give the same predictions to rounding; they
/// differ in time only.
public enum CopyRidgeStrategy: String, Sendable, Hashable, CaseIterable {
  /// The cheaper of the two by ``preferred(groupOrder:coupledPairs:fullTrustPairs:)``.
  case automatic
  /// One numerical eigendecomposition per sector (`NumericalEigenspace`), reused by every pair.
  case eigendecomposition
  /// |G| Cholesky factorisations per pair.
  case cholesky

  /// Estimated time of the work units, relative to one N × N Cholesky factorisation (`dpotrf`):
  /// `dsyevd` with vectors, `dsyrk` of an N × N factor, and two `dtrsm` with N right-hand sides.
  /// Provisional ratios measured with `soft-fourier-benchmark` (OpenBLAS, 2 threads,
  /// N = 512…2048, a loaded machine: 8–23, 0.75–2.5 and 2–5); they only steer the automatic choice,
  /// never the result. They describe the worst case of the eigendecomposition strategy (full rank);
  /// a smooth kernel makes it several times cheaper than estimated.
  static let relativeCosts = (eigendecomposition: 8.0, gram: 0.8, solve: 1.6)

  /// The strategy with the lower estimated cost for a grid.
  ///
  /// In units of one N × N Cholesky factorisation, with E, Y, R the relative costs of a symmetric
  /// eigendecomposition, a rank-N `dsyrk` and a two-sided triangular solve with N right-hand sides:
  ///
  /// ```
  /// eigendecomposition:  |G|·E + P·(|G|·Y + 1)
  /// cholesky:            P·(|G|·(1 + R) + 1) + P₀·|G|
  /// ```
  ///
  /// where P counts pairs with 0 < ε² < ∞ and P₀ pairs with ε² = 0 (pairs with ε² = ∞ cost the
  /// same, one plain KRR fit, either way). The estimate assumes full numerical rank (a full
  /// `dsyevd` per sector, N × N coupling matrices), the worst case of the eigendecomposition. A
  /// single pair therefore uses Cholesky; a grid of a few λ × a few finite ε² uses the
  /// eigendecomposition.
  ///
  /// - Parameters:
  ///   - groupOrder: |G|.
  ///   - coupledPairs: P, the (λ, ε²) pairs with 0 < ε² < ∞.
  ///   - fullTrustPairs: P₀, the pairs with ε² = 0.
  /// - Returns: `.eigendecomposition` or `.cholesky`.
  /// - Complexity: O(1).
  public static func preferred(groupOrder: Int, coupledPairs: Int, fullTrustPairs: Int) -> CopyRidgeStrategy {
    let (e, y, r) = relativeCosts
    let g = Double(groupOrder), p = Double(coupledPairs), p0 = Double(fullTrustPairs)
    let eigen = g * e + p * (g * y + 1)
    let cholesky = p * (g * (1 + r) + 1) + p0 * g
    return eigen < cholesky ? .eigendecomposition : .cholesky
  }
}

extension Validation {
  /// Every bad λ and ε² of a (λ, ε²) grid: empty lists, λ not finite and > 0, ε² negative or NaN.
  /// A 1 × 1 grid names the values without their index.
  static func checkRidgeGrid(ridges: [Double], copyRidges: [Double], into problems: inout [RegressionError.Problem]) {
    if ridges.isEmpty || copyRidges.isEmpty {
      problems.append(.init(code: .invalidConfiguration, message:
        "The grid has \(ridges.count) ridges λ and \(copyRidges.count) copy ridges ε²; each list needs at least 1 "
        + "value. Pass e.g. ridges [1e-8, 1e-6] and copy ridges [0, 1e-4, .infinity]."))
    }
    let single = ridges.count == 1 && copyRidges.count == 1
    for (i, lambda) in ridges.enumerated() {
      checkPositive(lambda, name: single ? "ridge λ" : "ridge λ at index \(i)", hint:
        "It is the ridge of the original samples; use a small positive value such as 1e-6.", into: &problems)
    }
    for (i, epsilon2) in copyRidges.enumerated() {
      if let message = SymmetryTrust.copyRidgeProblem(epsilon2, index: single ? nil : i) {
        problems.append(.init(code: .invalidHyperparameter, message: message))
      }
    }
  }
}

/// z = T⁻¹ r for the coupling matrix T of the copies, by Cholesky with the given jitter policy.
private func solveCoupling(_ t: consuming Matrix, _ r: [Double], jitter: Cholesky.JitterPolicy,
                           what: String) throws(RegressionError) -> (z: [Double], jitter: Double) {
  do {
    let factor = try Cholesky(factoring: t, jitter: jitter)
    return (factor.solve(r), factor.jitter)
  } catch {
    throw RegressionError(wrapping: error, regularizer: what + " (coupling of the copies)")
  }
}

/// The N × |G| matrix whose column s is `columns[s]`.
private func sectorMatrix(_ columns: [[Double]]) -> Matrix {
  let count = columns.count, n = columns.first?.count ?? 0
  var m = Matrix(rows: n, columns: count)
  m.withUnsafeMutableBufferPointer { p in
    for s in 0..<count { for i in 0..<n { p[i * count + s] = columns[s][i] } }
  }
  return m
}

/// The numerical eigenspaces M_s ≈ U_s diag(w_s) U_sᵀ of the |G| transformed Gram matrices
/// (`NumericalEigenspace`: the eigenpairs above u·max w_s; the rest of the spectrum, rounding noise,
/// is 0) and the projected labels, shared by every (λ, ε²) pair of a grid (one kernel, one
/// training set).
///
/// The same truncated M_s is used everywhere (coupling matrix, right-hand side, coefficients), so
/// the result is the exact solution for an M_s perturbed by no more than the eigensolver's own
/// rounding. With A = M_s + mI and the complement of span(U_s) at eigenvalue 0,
///
/// ```
/// A⁻¹ v = U_s ((U_sᵀ v) ./ (w_s + m)) + (v − U_s U_sᵀ v)/m
/// T = (λ/μ) I + (1/|G|) Σ_s U_s diag(ε² w_s/(μ(w_s + μ))) U_sᵀ
/// ```
///
/// (T's eigenvalue factors (w + λ)/(w + μ) split as λ/μ + ε²w/(μ(w + μ)), and (1/|G|) Σ_s of the
/// projectors on each sector's full eigenbasis is I.) Only the r_s numerically nonzero directions
/// enter T, one `dsyrk` of N × r_s per sector. A numpy check on 400 points (ℓ = 1.5, |G| = 4,
/// about 130 of 400 eigenvalues kept per sector) agreed with the dense solve as well as a full
/// eigendecomposition does at λ = 1e-10…1e-3, whereas truncating at N·u·max w (400 times higher)
/// lost up to two digits at λ = 1e-10.
struct CopyRidgeSectors {
  /// The numerical eigenspace of each M_s.
  let spaces: [NumericalEigenspace]
  /// U_sᵀ ŷ_s.
  let projected: [[Double]]
  /// ŷ_s − U_s U_sᵀ ŷ_s, the labels' part in the (numerical) null space of M_s.
  let residuals: [[Double]]
  /// When the ranks add up to R < 3N/4: an orthonormal basis Q (N × R) of span(U_0, …, U_|G|−1)
  /// and the coordinates QᵀU_s of every sector's eigenvectors in it (R × R, sector blocks of
  /// columns in order), so that the coupling matrix of each pair is solved in R dimensions.
  let basis: (q: Matrix, coordinates: Matrix)?

  /// The number of eigenvalues kept per sector.
  var ranks: [Int] { spaces.map(\.rank) }

  /// Decomposes the blocks (consumed one by one).
  init(blocks: consuming [Matrix], labels yHat: Matrix) throws(RegressionError) {
    var spaces: [NumericalEigenspace] = [], projected: [[Double]] = [], residuals: [[Double]] = []
    var remaining = consume blocks
    var width = 128
    for s in remaining.indices {
      let block = remaining[s]
      remaining[s] = Matrix(rows: 0, columns: 0)
      let space: NumericalEigenspace
      do { space = try NumericalEigenspace(of: consume block, seed: 0x50F7_C0DE &+ UInt64(s), initialWidth: width) } catch {
        throw RegressionError(wrapping: error, regularizer: "ridge (character \(s) of \(remaining.count))")
      }
      width = space.searchWidth  // sectors of one kernel have similar ranks
      let y = yHat.column(s)
      let p = space.vectors.multiplied(by: y, transposingSelf: true)
      let inSpan = space.rank > 0 ? space.vectors * p : [Double](repeating: 0, count: y.count)
      spaces.append(space)
      projected.append(p)
      residuals.append(zip(y, inSpan).map { $0 - $1 })
    }
    self.spaces = spaces
    self.projected = projected
    self.residuals = residuals
    let n = yHat.rows, total = spaces.reduce(0) { $0 + $1.rank }
    if total > 0 && 4 * total < 3 * n {
      var stacked = Matrix(rows: n, columns: total)
      var offset = 0
      stacked.withUnsafeMutableBufferPointer { p in
        for space in spaces {
          let r = space.rank
          space.vectors.withUnsafeBufferPointer { v in
            for i in 0..<n { for j in 0..<r { p[i * total + offset + j] = v[i * r + j] } }
          }
          offset += r
        }
      }
      let q = stacked.orthonormalColumns()
      basis = (q, q.multiplied(by: stacked, transposingSelf: true))
    } else {
      basis = nil
    }
  }

  /// A⁻¹ v for A = M_s + mI, from U_sᵀ v and the part of v outside span(U_s): U (p ./ (w + m)) · scale
  /// + outside · scale/m, with `scale/m` and `scale/(w + m)` formed first (no overflow for a huge
  /// finite scale ≤ m).
  private func applyInverse(_ s: Int, shift m: Double, projected p: [Double], outside: [Double],
                            scale: Double = 1) -> [Double] {
    let w = spaces[s].values
    var out = outside.map { $0 * (scale / m) }
    if !w.isEmpty {
      let inSpan = spaces[s].vectors * (0..<w.count).map { p[$0] * (scale / (w[$0] + m)) }
      for i in out.indices { out[i] += inSpan[i] }
    }
    return out
  }

  /// β (N × |G|, column s) for one (λ, ε²) pair with 0 ≤ ε² < ∞.
  ///
  /// ```
  /// ε² = 0:  β_s = A_s⁻¹ ŷ_s   with A_s = M_s + λI
  /// ε² > 0:  r = Σ_s A_s⁻¹ ŷ_s,  z = T⁻¹ r,  β_s = A_s⁻¹ ŷ_s + (ε²/|G|) A_s⁻¹ z   with A_s = M_s + μI
  /// ```
  ///
  /// - Complexity: ε² = 0: 2|G| products N × r_s; ε² > 0: one `dsyrk` of N × r_s per sector, one
  ///   Cholesky of size N and 6|G| products N × r_s.
  func solve(ridge lambda: Double, copyRidge epsilon2: Double,
             jitter: Cholesky.JitterPolicy) throws(RegressionError) -> (beta: Matrix, jitter: Double) {
    let count = spaces.count, n = residuals[0].count
    guard epsilon2 > 0 else {
      let beta = (0..<count).map { s in applyInverse(s, shift: lambda, projected: projected[s], outside: residuals[s]) }
      return (sectorMatrix(beta), 0)
    }
    let mu = lambda + epsilon2
    var r = [Double](repeating: 0, count: n)
    var fromLabels: [[Double]] = []
    for s in 0..<count {
      let v = applyInverse(s, shift: mu, projected: projected[s], outside: residuals[s])
      for i in 0..<n { r[i] += v[i] }
      fromLabels.append(v)
    }
    // W = [U_s diag(√(ε² w/(μ(w + μ))/|G|))]_s, so that T = (λ/μ) I + W Wᵀ.
    let roots = spaces.map { space in
      space.values.map { (epsilon2 / mu * $0 / ($0 + mu) / Double(count)).squareRoot() }
    }
    let what = "ridge λ = \(lambda) (copies λ + ε² = \(mu))"
    let z: [Double], jitterUsed: Double
    if let (q, coordinates) = basis {
      // T⁻¹ r = Q C⁻¹ Qᵀ r + (μ/λ)(r − Q Qᵀ r),  C = (λ/μ) I + (QᵀW)(QᵀW)ᵀ   (R × R, no subtraction in C)
      let flat = roots.flatMap { $0 }
      var b = coordinates
      let total = flat.count
      b.withUnsafeMutableBufferPointer { p in
        for i in 0..<total { for j in 0..<total { p[i * total + j] *= flat[j] } }
      }
      var c = Matrix(rows: total, columns: total)
      c.addToDiagonal(lambda / mu)
      c.addLowerGram(of: b)
      c.symmetrizeFromLower()
      let qr = q.multiplied(by: r, transposingSelf: true)
      let inner: [Double]
      (inner, jitterUsed) = try solveCoupling(consume c, qr, jitter: jitter, what: what)
      let inSpan = q * qr, solved = q * inner
      z = (0..<n).map { solved[$0] + (r[$0] - inSpan[$0]) * (mu / lambda) }
    } else {
      var t = Matrix(rows: n, columns: n)
      t.addToDiagonal(lambda / mu)
      for s in 0..<count where spaces[s].rank > 0 {
        let rank = spaces[s].rank, root = roots[s]
        var scaled = spaces[s].vectors
        scaled.withUnsafeMutableBufferPointer { p in
          for i in 0..<n { for j in 0..<rank { p[i * rank + j] *= root[j] } }
        }
        t.addLowerGram(of: scaled)
      }
      t.symmetrizeFromLower()
      (z, jitterUsed) = try solveCoupling(consume t, r, jitter: jitter, what: what)
    }
    let beta = (0..<count).map { s in
      let q = spaces[s].rank > 0 ? spaces[s].vectors.multiplied(by: z, transposingSelf: true) : []
      let inSpan = spaces[s].rank > 0 ? spaces[s].vectors * q : [Double](repeating: 0, count: n)
      let outside = zip(z, inSpan).map { $0 - $1 }
      // (ε²/|G|) A_s⁻¹ z with ε²/(w + μ) and ε²/μ ≤ 1 formed first: a huge finite ε² cannot overflow.
      let coupled = applyInverse(s, shift: mu, projected: q, outside: outside, scale: epsilon2)
      return zip(fromLabels[s], coupled).map { $0 + $1 / Double(count) }
    }
    return (sectorMatrix(beta), jitterUsed)
  }
}
