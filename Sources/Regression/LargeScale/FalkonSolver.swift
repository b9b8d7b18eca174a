import Foundation
import LinearAlgebra

extension RegressionError.Code {
  /// An iterative solver stopped at its iteration cap with a residual above its tolerance.
  public static let didNotConverge = RegressionError.Code(rawValue: "didNotConverge")
}

/// Sums vectors over the processes that together hold the training rows of one Nyström problem
/// (MPI ranks, for example), so that the Falkon iteration can run on data split across machines.
///
/// Contract: after `sum(&v)` every process holds the element-wise sum of its `v` over all
/// processes, *bitwise identical* on every process (an MPI reduce to one rank followed by a
/// broadcast guarantees that; a plain allreduce may round differently per rank), and every
/// process calls `sum` the same number of times with vectors of the same length. A single
/// process uses ``LocalReduction``.
public protocol NystromReduction: Sendable {
  /// Replaces `values` by its element-wise sum over all processes.
  /// - Parameter values: This process's contribution; on return, the global sum.
  func sum(_ values: inout [Double])
}

/// The reduction of a single process: the identity.
public struct LocalReduction: NystromReduction {
  /// Creates the identity reduction.
  public init() {}
  /// Leaves `values` unchanged.
  public func sum(_ values: inout [Double]) {}
}

/// One system of the Falkon iteration: a ridge λ and the coupling of the channels' residuals,
/// mix(T)_s = a · T_s + c · Σ_t T_t (a = 1, c = 0 for a plain problem).
struct FalkonSystem: Sendable {
  var ridge: Double
  var selfWeight: Double = 1
  var coupling: Double = 0
}

/// The outcome of one system's conjugate-gradient solve.
struct FalkonSolution: Sendable {
  /// α, channel-major (S · M).
  var coefficients: [Double]
  var iterations: Int
  var relativeResidual: Double
}

/// The Falkon iteration (Rudi, Carratino, Rosasco 2017, arXiv:1705.10958; Meanti et al. 2020,
/// arXiv:2006.10350) for the normal equations of Nyström kernel ridge regression, for several
/// systems at once that share the kernel blocks.
///
/// Per channel s and system j (ridge λ, effective sample count N_eff = Σᵢ wᵢ (a + c)):
///
/// ```
/// H α = K_nmᵀ W y,   H = K_nmᵀ W K_nm + λ K_mm           (channels coupled through mix)
/// K_mm + δI = L Lᵀ,   Lᵀ L / M + (λ / N_eff) I = A Aᵀ      (δ = M ε mean diag K_mm, then escalated)
/// B = N_eff^(−1/2) L⁻ᵀ A⁻ᵀ,   solve Bᵀ H B β = Bᵀ K_nmᵀ W y by CG,   α = B β
/// Bᵀ H B u = Bᵀ K_nmᵀ W K_nm B u + (λ / N_eff) A⁻¹ A⁻ᵀ u
/// ```
///
/// B Bᵀ = (N_eff/M · K_mm² + λ K_mm)⁻¹ approximates H⁻¹ because K_nmᵀ K_nm ≈ (N/M) K_mm² when the
/// centres are drawn from the data, so CG needs few iterations. The jitter δ adds λδ‖α‖² to the
/// objective (negligible: δ ≈ 1e-12 of the diagonal).
struct FalkonSolver {
  let blocks: KernelRowBlocks
  /// Per channel: K_mm (M × M), consumed into its Cholesky factor.
  let centreGrams: [Matrix]
  /// Local per-row weights wᵢ (nil: all 1).
  let rowWeights: [Double]?
  let tolerance: Double
  let maximumIterations: Int
  let reduction: any NystromReduction
  /// The least jitter δ relative to K_mm's mean diagonal (K_nm kept in single precision: 1e-7, so that
  /// L⁻¹ does not amplify the rounding of K_nm in K_mm's near-null directions).
  var minimumRelativeJitter = 0.0

  var channels: Int { blocks.channelCount }
  var m: Int { blocks.centreCount }

  /// Σ_blocks Σ_s K_sᵀ mix_j(W · T_j) for k systems, where T_j is K v_j (`inputs` non-nil) or the
  /// per-channel data (`data`, channel-major S × N_local, the same for every system). Reduced.
  func blockProducts(inputs v: [[Double]]?, data: [Double]?, mixes: [FalkonSystem]) -> [[Double]] {
    let s = channels, m = m, k = mixes.count
    // U_s (M × k) for each channel, row-major: U[(s·M + i)·k + j] = v_j[s·M + i].
    var u = [Double](repeating: 0, count: v == nil ? 0 : s * m * k)
    if let v {
      for j in 0..<k { for idx in 0..<(s * m) { u[idx * k + j] = v[j][idx] } }
    }
    var out = [Double](repeating: 0, count: s * m * k)
    let n = blocks.rowCount
    let t = UnsafeMutablePointer<Double>.allocate(capacity: s * blocks.blockRows * k)
    defer { t.deallocate() }
    u.withUnsafeBufferPointer { up in
      out.withUnsafeMutableBufferPointer { op in
        blocks.forEachBlock { rows, block in
          let b = rows.count
          // T_s = K_s,b U_s   (b × k), or the data rows.
          for c in 0..<s {
            let tc = t + c * b * k
            if v != nil && k == 1 {
              // One column: gemv streams the block once (gemm would pack it first).
              RowMajorBLAS.gemv(m: b, n: m, a: block + c * b * m, lda: m, x: up.baseAddress! + c * m, y: tc)
            } else if v != nil {
              RowMajorBLAS.gemm(m: b, n: k, k: m, a: block + c * b * m, lda: m, b: up.baseAddress! + c * m * k,
                                ldb: k, c: tc, ldc: k)
            } else if let data {
              for i in 0..<b { let y = data[c * n + rows.lowerBound + i]; for j in 0..<k { tc[i * k + j] = y } }
            }
          }
          // Mix across channels and weight rows: T'_s = w (a T_s + c Σ_t T_t).
          for i in 0..<b {
            let w = rowWeights?[rows.lowerBound + i] ?? 1
            for j in 0..<k {
              let system = mixes[j]
              var total = 0.0
              if s > 1 && system.coupling != 0 { for c in 0..<s { total += t[(c * b + i) * k + j] } }
              for c in 0..<s {
                let idx = (c * b + i) * k + j
                t[idx] = w * (system.selfWeight * t[idx] + system.coupling * total)
              }
            }
          }
          // Out_s += K_s,bᵀ T'_s   (M × k).
          for c in 0..<s {
            if k == 1 {
              RowMajorBLAS.gemv(transpose: true, m: b, n: m, a: block + c * b * m, lda: m, x: t + c * b, beta: 1,
                                y: op.baseAddress! + c * m)
            } else {
              RowMajorBLAS.gemm(transposeA: true, m: m, n: k, k: b, a: block + c * b * m, lda: m, b: t + c * b * k,
                                ldb: k, beta: 1, c: op.baseAddress! + c * m * k, ldc: k)
            }
          }
        }
      }
    }
    reduction.sum(&out)
    return (0..<k).map { j in (0..<(s * m)).map { out[$0 * k + j] } }
  }

  /// Per-channel Cholesky factors L_s of K_mm + δI and the Gram matrices L_sᵀ L_s (both triangles).
  func centreFactors(_ grams: [Matrix]) throws(RegressionError) -> (factors: [Cholesky], grams: [Matrix], jitter: Double) {
    try Self.factorCentreGrams(grams, minimumRelativeJitter: minimumRelativeJitter)
  }

  /// ``centreFactors(_:)`` with an explicit least relative jitter (shared with the direct solve).
  static func factorCentreGrams(_ grams: [Matrix], minimumRelativeJitter: Double,
                                formsGrams: Bool = true) throws(RegressionError)
    -> (factors: [Cholesky], grams: [Matrix], jitter: Double) {
    var factors: [Cholesky] = [], lGrams: [Matrix] = []
    var worstJitter = 0.0
    for (s, gram) in grams.enumerated() {
      let m = gram.rows
      let meanDiagonal = max(gram.diagonal.reduce(0, +) / Double(max(m, 1)), Double.leastNormalMagnitude)
      let delta = max(Double(m) * Double.ulpOfOne, minimumRelativeJitter) * meanDiagonal
      var k = gram
      k.addToDiagonal(delta)
      let factor: Cholesky
      do { factor = try Cholesky(factoring: consume k, jitter: .standard) } catch {
        throw RegressionError(.notPositiveDefinite,
          "The \(m) × \(m) kernel matrix of the centres\(grams.count > 1 ? " (sector \(s) of \(grams.count))" : "") "
          + "is not positive definite even with diagonal jitter up to 1e-6 of its mean diagonal (leading minor "
          + "\(error.failedMinor ?? 0)). Remove duplicate centres, use fewer centres M, or a shorter length scale.",
          underlying: error)
      }
      worstJitter = max(worstJitter, (delta + factor.jitter) / meanDiagonal)
      factors.append(factor)
      guard formsGrams else { continue }
      var g = factor.factor
      g.withUnsafeMutableBufferPointer { RowMajorBLAS.lowerGram($0.baseAddress!, order: m) }
      g.symmetrizeFromLower()
      lGrams.append(g)
    }
    return (factors, lGrams, worstJitter)
  }

  /// Solves every system; throws `.didNotConverge` for the first that does not reach the tolerance.
  ///
  /// - Parameters:
  ///   - data: Per-channel data, channel-major (S × N_local).
  ///   - systems: The systems (ridge, mixing).
  /// - Returns: One solution per system, and the relative jitter added to K_mm.
  func solve(data: [Double], systems: [FalkonSystem]) throws(RegressionError) -> (solutions: [FalkonSolution], jitter: Double) {
    let s = channels, m = m
    let (factors, lGrams, jitter) = try centreFactors(centreGrams)
    var weightTotal = [rowWeights?.reduce(0, +) ?? Double(blocks.rowCount)]
    reduction.sum(&weightTotal)
    // A_{s,j}: Cholesky of LᵀL/M + (λ/N_eff) I, per system and channel.
    var preconditioners: [[Cholesky]] = []
    var effective: [Double] = []
    for system in systems {
      let nEff = weightTotal[0] * (system.selfWeight + system.coupling)
      effective.append(nEff)
      var perChannel: [Cholesky] = []
      for c in 0..<s {
        var p = (1 / Double(m)) * lGrams[c]
        p.addToDiagonal(system.ridge / nEff)
        do { perChannel.append(try Cholesky(factoring: consume p, jitter: .standard)) } catch {
          throw RegressionError(wrapping: error, regularizer: "ridge λ = \(system.ridge)")
        }
      }
      preconditioners.append(perChannel)
    }
    func triangular(_ f: Cholesky, _ v: inout [Double], offset: Int, transpose: Bool) {
      f.factor.withUnsafeBufferPointer { l in
        v.withUnsafeMutableBufferPointer { p in
          RowMajorBLAS.solveLower(l.baseAddress!, order: m, transpose: transpose,
                                  rightHandSides: p.baseAddress! + offset, count: 1)
        }
      }
    }
    // B v and Bᵀ v per channel.
    func applyB(_ j: Int, _ v: [Double]) -> [Double] {
      var out = v
      for c in 0..<s {
        triangular(preconditioners[j][c], &out, offset: c * m, transpose: true)
        triangular(factors[c], &out, offset: c * m, transpose: true)
      }
      let scale = 1 / effective[j].squareRoot()
      return out.map { $0 * scale }
    }
    func applyBTransposed(_ j: Int, _ v: [Double]) -> [Double] {
      var out = v
      for c in 0..<s {
        triangular(factors[c], &out, offset: c * m, transpose: false)
        triangular(preconditioners[j][c], &out, offset: c * m, transpose: false)
      }
      let scale = 1 / effective[j].squareRoot()
      return out.map { $0 * scale }
    }
    func regularisation(_ j: Int, _ v: [Double]) -> [Double] {
      var out = v
      for c in 0..<s {
        triangular(preconditioners[j][c], &out, offset: c * m, transpose: true)
        triangular(preconditioners[j][c], &out, offset: c * m, transpose: false)
      }
      let scale = systems[j].ridge / effective[j]
      return out.map { $0 * scale }
    }

    let adjoint = blockProducts(inputs: nil, data: data, mixes: systems)
    let k = systems.count
    var x = [[Double]](repeating: [Double](repeating: 0, count: s * m), count: k)
    var r = (0..<k).map { applyBTransposed($0, adjoint[$0]) }
    var p = r
    var rr = r.map { dot($0, $0) }
    let bNorm = rr.map { $0.squareRoot() }
    var residual = bNorm.map { $0 > 0 ? 1.0 : 0.0 }
    var iterations = [Int](repeating: 0, count: k)
    var active = (0..<k).filter { bNorm[$0] > 0 && tolerance < 1 }
    var iteration = 0
    while !active.isEmpty && iteration < maximumIterations {
      iteration += 1
      let products = blockProducts(inputs: active.map { applyB($0, p[$0]) }, data: nil,
                                   mixes: active.map { systems[$0] })
      var stillActive: [Int] = []
      for (position, j) in active.enumerated() {
        let reg = regularisation(j, p[j])
        var q = applyBTransposed(j, products[position])
        for i in q.indices { q[i] += reg[i] }
        let alpha = rr[j] / dot(p[j], q)
        for i in q.indices {
          x[j][i] += alpha * p[j][i]
          r[j][i] -= alpha * q[i]
        }
        let rrNew = dot(r[j], r[j])
        iterations[j] = iteration
        residual[j] = rrNew.squareRoot() / bNorm[j]
        if residual[j] > tolerance && residual[j].isFinite {
          let beta = rrNew / rr[j]
          for i in q.indices { p[j][i] = r[j][i] + beta * p[j][i] }
          stillActive.append(j)
        }
        rr[j] = rrNew
      }
      active = stillActive
    }
    if let j = active.first ?? residual.firstIndex(where: { !$0.isFinite }) {
      throw RegressionError(.didNotConverge,
        "Conjugate gradients stopped after \(iterations[j]) iterations with relative residual "
        + "\(String(format: "%.3g", residual[j])), above the tolerance \(tolerance) (M = \(m) centres, ridge "
        + "λ = \(systems[j].ridge)). Increase the ridge λ (e.g. tenfold) or the number of centres M, or allow "
        + "more iterations (maximumIterations).")
    }
    let solutions = (0..<k).map { j in
      FalkonSolution(coefficients: applyB(j, x[j]), iterations: iterations[j], relativeResidual: residual[j])
    }
    return (solutions, jitter)
  }
}
