import Foundation
import LinearAlgebra
import Symmetries

/// How ``NystromKernelRidge`` solves its M × M normal equations.
///
/// ```
/// conjugateGradient:  Falkon's preconditioned CG; per iteration one pass over K_nm (4 N M flops,
///                     16 N M bytes when kept); iterations grow as the ridge shrinks
/// direct:             K_mm + δI = L Lᵀ,  Φ = K_nm L⁻ᵀ (row blocks, never stored),
///                     G = Φᵀ W Φ,  r = Φᵀ W y,  (G + λ I) β = r by Cholesky,  α = L⁻ᵀ β
///                     2 N M² flops once (trsm N M², syrk N M²) + M³/3 per ridge, any λ > 0
/// ```
///
/// The direct path is the least-squares problem of the Nyström features Φ (scikit-learn's
/// `Nystroem` + `Ridge` solves the same one with K_mm^(−1/2) in place of L⁻ᵀ): with β = Lᵀ α,
/// ‖K_nm α − y‖²_W + λ αᵀ (K_mm + δI) α = ‖Φ β − y‖²_W + λ ‖β‖². G + λI has the condition number of
/// dense KRR's K + λI (about ‖K‖/λ), not its square, so small ridges (1e-8, 1e-10) that stall CG
/// solve to rounding. It wins over CG when 3 M² < 4 M · iterations (kept blocks read at memory speed
/// shift the break-even to about M/23 iterations on the project's machine), and needs no kept K_nm:
/// each row block is computed once (N M kernel entries in all) and only M² numbers are kept.
///
/// - References: Rudi, Carratino, Rosasco 2017, arXiv:1705.10958 (the same L); Williams and Seeger,
///   "Using the Nyström method to speed up kernel machines", NIPS 2001.
public enum NystromSolveMethod: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Falkon's preconditioned conjugate gradients (``NystromKernelRidge/tolerance``, the iteration cap).
  case conjugateGradient
  /// The M × M normal equations of the Nyström features by Cholesky: exact at any ridge.
  case direct

  /// The raw value.
  public var description: String { rawValue }
}

extension NystromKernelRidge {
  /// The direct solve (``NystromSolveMethod/direct``): one pass over the row blocks to form
  /// G = Φᵀ W Φ and r = Φᵀ W y (reduced over processes), then one Cholesky per ridge.
  func solveDirect(_ inputs: Matrix, _ labels: [Double], centres: Matrix, sampleRidges: [Double]?, ridges: [Double],
                   reduction: some NystromReduction) throws(RegressionError) -> [FittedNystrom<K>] {
    let weights = sampleRidges.map { rs in rs.map { (ridges[0] / $0).squareRoot() } }
    let pass = try directPass(inputs, labels, centres: centres, rowWeights: weights, rowClass: nil, classCount: 1,
                              reduction: reduction)
    return try ridges.map { ridge throws(RegressionError) in
      try pass.model(ridge: ridge, copyWeight: 0, kernel: kernel, centres: centres)
    }
  }

  /// Nyström KRR on the set augmented by `symmetry` with a per-copy ridge, for every (λ, ε²) of a
  /// grid from one pass over the augmented rows.
  ///
  /// ```
  /// rows: the originals (g = e, ridge λ) and their images g·xᵢ with the symmetry's labels (ridge λ + ε²)
  /// K_mm + δI = L Lᵀ,  Φ = K L⁻ᵀ,  G₀ = Φ₀ᵀ Φ₀,  G₁ = Σ_{g≠e} Φ_gᵀ Φ_g,  r₀ = Φ₀ᵀ y₀,  r₁ = Σ_{g≠e} Φ_gᵀ y_g
  /// (G₀ + w G₁ + λ I) β = r₀ + w r₁,  w = λ / (λ + ε²),  α = L⁻ᵀ β
  /// ```
  ///
  /// ε² = 0 is full trust (the augmented set), ε² = ∞ (w = 0) no trust (the originals alone); each
  /// pair costs one r × r Cholesky after the pass. The centres are sampled from the originals and
  /// filtered by ``centreRank``; they need not be closed under the group (the group-Fourier route of
  /// `SymmetricNystromKernelRidge` needs that, this one does not).
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - labels: N labels.
  ///   - symmetry: The finite symmetry whose copies are added (labels from its label map).
  ///   - ridges: λ values, each > 0.
  ///   - copyRidges: ε² values, each ≥ 0 or `.infinity`.
  /// - Returns: `[ridge][copyRidge]` models.
  /// - Throws: ``RegressionError`` for bad data or settings, a symmetry of another dimension, or a
  ///   plan above the memory budget.
  /// - Complexity: N |G| r kernel evaluations and 2 N |G| r² flops once, r³/3 per (λ, ε²).
  public func fitCopyRidgeGrid<S: FiniteLabelSymmetry>(_ inputs: Matrix, _ labels: [Double], symmetry: S,
                                                       ridges: [Double],
                                                       copyRidges: [Double]) throws(RegressionError) -> [[FittedNystrom<K>]] {
    var problems: [RegressionError.Problem] = []
    Validation.checkTraining(inputs, labels, into: &problems)
    checkSettings(rows: inputs.rows, ridges: ridges, into: &problems)
    for e in copyRidges where !(e >= 0) {
      problems.append(.init(code: .invalidHyperparameter, message:
        "A copy ridge ε² is \(e); it must be ≥ 0 (0: full trust) or infinity (no trust). Use e.g. 1e-4."))
    }
    if inputs.columns != symmetry.dimension {
      problems.append(.init(code: .dimensionMismatch, message:
        "The inputs have \(inputs.columns) columns but \(symmetry.name) acts on \(symmetry.dimension) coordinates; "
        + "give one column per coordinate of the symmetry."))
    }
    try Validation.throwIfAny(problems)
    let centres = try independentCentres(inputs.rows(at: try selectCentres(inputs)))
    let data: AugmentedData
    do { data = try Augmentation.augment(inputs: inputs, labels: labels, by: symmetry) } catch {
      throw RegressionError(.invalidConfiguration, error.message)
    }
    let pass = try directPass(data.inputs, data.labels, centres: centres, rowWeights: nil,
                              rowClass: data.elementIndex.map { $0 == 0 ? 0 : 1 }, classCount: 2,
                              reduction: LocalReduction())
    return try ridges.map { ridge throws(RegressionError) in
      try copyRidges.map { e throws(RegressionError) in
        try pass.model(ridge: ridge, copyWeight: e == .infinity ? 0 : ridge / (ridge + e), kernel: kernel,
                       centres: centres)
      }.map { $0.requested(centres: centreCount) }
    }
  }

  /// One pass over the row blocks: L, and per row class c the lower triangles of G_c = Φ_cᵀ W Φ_c and
  /// r_c = Φ_cᵀ W y (reduced over processes, then symmetrised).
  func directPass(_ inputs: Matrix, _ labels: [Double], centres: Matrix, rowWeights weights: [Double]?,
                  rowClass: [Int]?, classCount: Int,
                  reduction: some NystromReduction) throws(RegressionError) -> DirectNormalEquations {
    let centreKernel = CentreKernel(kernel: kernel, centres: centres)
    let n = inputs.rows, m = centres.rows
    let budget = memoryBudget ?? MemoryBudget.bytes
    // L, the class Grams, one factor at a time, and two blocks (K_b and Φ_bᵀ).
    let blockRows = max(1, min(max(n, 1), blockBytes / max(8 * m, 1)))
    let needed = 8 &* m &* m &* (2 + classCount) &+ 16 &* blockRows &* m
    if needed > budget || needed < 0 {
      throw RegressionError(.exceedsMemoryBudget,
        "The direct Nyström solve needs \(needed) bytes (\(MemoryBudget.format(bytes: needed))): \(classCount == 1 ? "three" : "four") matrices of "
        + "\(m) × \(m) and two blocks of \(blockRows) rows, above the memory budget of \(budget) bytes "
        + "(\(MemoryBudget.format(bytes: budget))). Use fewer centres M, or the conjugate-gradient method.")
    }
    // L: Cholesky of K_mm + δI (δ as in Falkon's solver, escalated when needed).
    let (factors, _, jitter) = try FalkonSolver.factorCentreGrams([centreKernel.centreMatrix()], minimumRelativeJitter: 0,
                                                                formsGrams: false)
    let lower = factors[0].factor
    var grams = [[Double]](repeating: [Double](repeating: 0, count: m * m), count: classCount)
    var rhs = [[Double]](repeating: [Double](repeating: 0, count: m), count: classCount)
    let block = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * m)
    let phi = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * m)
    let y = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
    defer { block.deallocate(); phi.deallocate(); y.deallocate() }
    lower.withUnsafeBufferPointer { l in
      var start = 0
      while start < n {
        let end = min(start + blockRows, n)
        centreKernel.fill(inputs, rows: start..<end, into: block)
        // Rows of one class at a time (a block of one class needs one pass).
        for c in 0..<classCount {
          let rows = (start..<end).filter { (rowClass?[$0] ?? 0) == c }
          let b = rows.count
          guard b > 0 else { continue }
          // Φ_bᵀ = L⁻¹ K_bᵀ (M × b), rows of the block scaled by √wᵢ.
          for (k, i) in rows.enumerated() {
            let w = weights?[i] ?? 1
            y[k] = w * labels[i]
            let source = block + (i - start) * m
            for j in 0..<m { phi[j * b + k] = w * source[j] }
          }
          RowMajorBLAS.solveLower(l.baseAddress!, order: m, transpose: false, rightHandSides: phi, count: b)
          grams[c].withUnsafeMutableBufferPointer { g in
            RowMajorBLAS.syrk(n: m, k: b, a: phi, lda: b, beta: 1, c: g.baseAddress!, ldc: m)
          }
          rhs[c].withUnsafeMutableBufferPointer { r in
            RowMajorBLAS.gemv(m: m, n: b, a: phi, lda: b, x: y, beta: 1, y: r.baseAddress!)
          }
        }
        start = end
      }
    }
    for c in 0..<classCount {
      reduction.sum(&grams[c])
      reduction.sum(&rhs[c])
      // syrk wrote the lower triangle; the jitter retry of Cholesky restores from the upper one.
      for i in 0..<m { for j in 0..<i { grams[c][j * m + i] = grams[c][i * m + j] } }
    }
    return DirectNormalEquations(lower: lower, grams: grams, rhs: rhs, jitter: jitter, blockRows: blockRows)
  }
}

/// The normal equations of the direct Nyström solve after the pass over the rows.
struct DirectNormalEquations {
  /// L with K_mm + δI = L Lᵀ.
  let lower: Matrix
  /// G_c per row class (full, symmetric).
  let grams: [[Double]]
  let rhs: [[Double]]
  let jitter: Double
  let blockRows: Int

  /// α for (G₀ + w G₁ + λ I) β = r₀ + w r₁ (w ignored with one class), α = L⁻ᵀ β.
  func model<K: Kernel>(ridge: Double, copyWeight w: Double, kernel: K,
                        centres: Matrix) throws(RegressionError) -> FittedNystrom<K> {
    let m = lower.rows
    var elements = grams[0], b = rhs[0]
    if grams.count > 1 && w > 0 {
      for i in 0..<(m * m) { elements[i] += w * grams[1][i] }
      for i in 0..<m { b[i] += w * rhs[1][i] }
    }
    var a = Matrix(rows: m, columns: m, elements: elements)
    a.addToDiagonal(ridge)
    let factor: Cholesky
    do { factor = try Cholesky(factoring: consume a, jitter: .standard) } catch {
      throw RegressionError(wrapping: error, regularizer: "ridge λ = \(ridge)")
    }
    var alpha = factor.solve(b)
    lower.withUnsafeBufferPointer { l in
      alpha.withUnsafeMutableBufferPointer { p in
        RowMajorBLAS.solveLower(l.baseAddress!, order: m, transpose: true, rightHandSides: p.baseAddress!, count: 1)
      }
    }
    return FittedNystrom(kernel: kernel, centres: centres, coefficients: alpha,
                         report: NystromReport(centreCount: m, channelCount: 1, ridge: ridge, iterations: 0,
                                               relativeResidual: 0, keptKernelBlocks: false,
                                               blockRows: blockRows, centreJitter: jitter))
  }
}
