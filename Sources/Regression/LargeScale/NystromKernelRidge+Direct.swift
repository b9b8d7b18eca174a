import Foundation
import LinearAlgebra

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
    let centreKernel = CentreKernel(kernel: kernel, centres: centres)
    let n = inputs.rows, m = centres.rows
    let budget = memoryBudget ?? MemoryBudget.bytes
    // L, G, one factor at a time, and two blocks (K_b and Φ_bᵀ).
    let blockRows = max(1, min(max(n, 1), blockBytes / max(8 * m, 1)))
    let needed = 8 &* m &* m &* 3 &+ 16 &* blockRows &* m
    if needed > budget || needed < 0 {
      throw RegressionError(.exceedsMemoryBudget,
        "The direct Nyström solve needs \(needed) bytes (\(MemoryBudget.format(bytes: needed))): three matrices of "
        + "\(m) × \(m) and two blocks of \(blockRows) rows, above the memory budget of \(budget) bytes "
        + "(\(MemoryBudget.format(bytes: budget))). Use fewer centres M, or the conjugate-gradient method.")
    }
    // L: Cholesky of K_mm + δI (δ as in Falkon's solver, escalated when needed).
    let (factors, _, jitter) = try FalkonSolver.factorCentreGrams([centreKernel.centreMatrix()], minimumRelativeJitter: 0,
                                                                formsGrams: false)
    let lower = factors[0].factor
    let weights = sampleRidges.map { rs in rs.map { (ridges[0] / $0).squareRoot() } }
    var gram = [Double](repeating: 0, count: m * m)
    var rhs = [Double](repeating: 0, count: m)
    let block = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * m)
    let phi = UnsafeMutablePointer<Double>.allocate(capacity: blockRows * m)
    let y = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
    defer { block.deallocate(); phi.deallocate(); y.deallocate() }
    lower.withUnsafeBufferPointer { l in
      gram.withUnsafeMutableBufferPointer { g in
        rhs.withUnsafeMutableBufferPointer { r in
          var start = 0
          while start < n {
            let end = min(start + blockRows, n), b = end - start
            centreKernel.fill(inputs, rows: start..<end, into: block)
            // Φ_bᵀ = L⁻¹ K_bᵀ (M × b), rows of the block scaled by √wᵢ.
            for i in 0..<b {
              let w = weights?[start + i] ?? 1
              y[i] = w * labels[start + i]
              for j in 0..<m { phi[j * b + i] = w * block[i * m + j] }
            }
            RowMajorBLAS.solveLower(l.baseAddress!, order: m, transpose: false, rightHandSides: phi, count: b)
            RowMajorBLAS.syrk(n: m, k: b, a: phi, lda: b, beta: 1, c: g.baseAddress!, ldc: m)
            RowMajorBLAS.gemv(m: m, n: b, a: phi, lda: b, x: y, beta: 1, y: r.baseAddress!)
            start = end
          }
        }
      }
    }
    reduction.sum(&gram)
    reduction.sum(&rhs)
    // syrk wrote the lower triangle; the jitter retry of Cholesky restores from the upper one.
    for i in 0..<m { for j in 0..<i { gram[j * m + i] = gram[i * m + j] } }
    let features = Matrix(rows: m, columns: m, elements: gram)
    gram = []
    var models: [FittedNystrom<K>] = []
    for ridge in ridges {
      var a = features
      a.addToDiagonal(ridge)
      let factor: Cholesky
      do { factor = try Cholesky(factoring: consume a, jitter: .standard) } catch {
        throw RegressionError(wrapping: error, regularizer: "ridge λ = \(ridge)")
      }
      // α = L⁻ᵀ (G + λI)⁻¹ r.
      var alpha = factor.solve(rhs)
      lower.withUnsafeBufferPointer { l in
        alpha.withUnsafeMutableBufferPointer { p in
          RowMajorBLAS.solveLower(l.baseAddress!, order: m, transpose: true, rightHandSides: p.baseAddress!, count: 1)
        }
      }
      models.append(FittedNystrom(kernel: kernel, centres: centres, coefficients: alpha,
                                  report: NystromReport(centreCount: m, channelCount: 1, ridge: ridge, iterations: 0,
                                                        relativeResidual: 0, keptKernelBlocks: false,
                                                        blockRows: blockRows, centreJitter: jitter)))
    }
    return models
  }
}
