// soft-fourier-benchmark: the group-Fourier solve with a per-copy ridge ε² over a (λ, ε²) grid,
// by both strategies, against the dense augmented solve with per-sample ridges; plus the LAPACK
// work units whose ratios steer `CopyRidgeStrategy.automatic`. Release build only:
//
//   swift run -c release soft-fourier-benchmark [--sizes 256,512,1024,2048] [--groups 4,8]
//                                               [--threads 2] [--dense-max 8192] [--output FILE]
//
// Data: N points in 3D, Gaussian with σ = 1/√2 per coordinate (the water-pes sampling), labels
// from a smooth function that is not symmetric, Gaussian kernel ℓ = 1.5. The symmetry is an
// approximate reflection of the first log₂|G| coordinates about 0 with an order-2 Taylor
// correction (labels differ across the orbit). Grid: λ ∈ {1e-8, 1e-6, 1e-4} × ε² ∈ {0, 1e-4, 1e-2, ∞}
// (3 × 4, as a study would search per length scale). For |G| = 4 the composition "q₃ exact in the
// kernel (sum kernel), ε² on the q₁/q₂ copies" is timed too.
//
// Printed per (N, |G|): seconds for the primitives (dpotrf, dsyevd, dsyrk, two dtrsm with N
// right-hand sides, all N × N; the fastest of 3 runs) and their ratios to dpotrf; the grid by each
// strategy (total and per candidate); one single (λ, ε²) fit; the plain Fourier fit; the dense
// augmented solve of one pair (while N|G| ≤ --dense-max) with the largest relative prediction
// difference. One run per fit: the machine's load is not controlled, so the numbers are provisional.
import BenchmarkSupport
import Foundation
import LinearAlgebra
import Regression
import Symmetries

let arguments = BenchmarkArguments(program: "soft-fourier-benchmark", flags: [],
                                   keys: ["sizes", "groups", "threads", "dense-max", "output"])
let sizes = arguments.string("sizes", "256,512,1024,2048").split(separator: ",").compactMap { Int($0) }
let groups = arguments.string("groups", "4,8").split(separator: ",").compactMap { Int($0) }
let denseMax = arguments.int("dense-max", 8192)
let output = arguments.string("output", "results/benchmarks/soft-fourier-benchmark.json")
BLASThreads.count = arguments.int("threads", 2)

let ridges = [1e-8, 1e-6, 1e-4]
let copyRidges = [0, 1e-4, 1e-2, Double.infinity]
let kernel = GaussianKernel(lengthScale: 1.5)

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let t0 = now()
  try body()
  return now() - t0
}

/// The fastest of `count` runs (the machine's load only ever adds time).
func fastest(_ count: Int = 3, _ body: () throws -> Void) rethrows -> Double {
  var best = Double.infinity
  for _ in 0..<count { best = min(best, try seconds(body)) }
  return best
}

func data(_ n: Int, seed: UInt64) throws -> (Matrix, [Double]) {
  var rng = SeededGenerator(seed: seed)
  let x = try rng.gaussianMatrix(rows: n, columns: 3).map { $0 * 0.5.squareRoot() }
  let y = (0..<n).map { i -> Double in
    let q = x.row(i)
    return 0.5 * (q[0] * q[0] + 2 * q[1] * q[1] + 3 * q[2] * q[2]) + 0.2 * q[0] * q[0] * q[0] + 0.1 * q[0] * q[1] * q[2]
      + 0.05 * q[1] * q[1] * q[1]
  }
  return (x, y)
}

func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
  let scale = b.map(abs).max() ?? 1
  return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) } / max(scale, 1e-300)
}

/// Seconds of each LAPACK/BLAS work unit at size N.
func primitives(_ n: Int) throws -> [String: Double] {
  var rng = SeededGenerator(seed: 7)
  let x = try rng.gaussianMatrix(rows: n, columns: 3)
  var k = kernel.matrix(x)
  k.addToDiagonal(1e-2)
  var factor: Cholesky? = nil
  let potrf = try fastest { factor = try Cholesky(factoring: k) }
  let eigh = try fastest { _ = try SymmetricEigendecomposition(of: k) }
  var acc = Matrix(rows: n, columns: n)
  let syrk = fastest { acc.addLowerGram(of: k) }
  let trsm = fastest { _ = factor!.solve(k) }
  return ["potrf_s": potrf, "syevd_s": eigh, "syrk_s": syrk, "trsm2_s": trsm,
          "syevd_over_potrf": eigh / potrf, "syrk_over_potrf": syrk / potrf, "trsm2_over_potrf": trsm / potrf]
}

var records: [[String: Any]] = []
print("soft-fourier-benchmark: BLAS threads \(BLASThreads.count); grid \(ridges.count) λ × \(copyRidges.count) ε² "
      + "(ε² = \(copyRidges)); one run per case (provisional)")
for n in sizes {
  let p = try primitives(n)
  print(String(format: "\nN = %d: dpotrf %.3f s, dsyevd %.3f s (%.1f×), dsyrk %.3f s (%.2f×), 2 dtrsm %.3f s (%.2f×)",
               n, p["potrf_s"]!, p["syevd_s"]!, p["syevd_over_potrf"]!, p["syrk_s"]!, p["syrk_over_potrf"]!,
               p["trsm2_s"]!, p["trsm2_over_potrf"]!))
  for order in groups {
    let m = order.trailingZeroBitCount
    let (x, y) = try data(n, seed: UInt64(n))
    let (test, _) = try data(500, seed: 99)
    let taylor = try TaylorCorrection(hessian: .diagonal([1, 2, 3]))
    let s = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: Array(0..<m), correction: taylor)
    let solver = try GroupFourierSolver(kernel: kernel, ridge: ridges[0], symmetry: s)
    var record: [String: Any] = ["n": n, "group_order": order, "candidates": ridges.count * copyRidges.count]
    for (key, value) in p { record[key] = value }
    var grids: [CopyRidgeStrategy: [[FittedKernelRidge<GaussianKernel>]]] = [:]
    for strategy in [CopyRidgeStrategy.eigendecomposition, .cholesky] {
      let t = try seconds { grids[strategy] = try solver.fitGrid(x, y, ridges: ridges, copyRidges: copyRidges, strategy: strategy) }
      record["grid_\(strategy)_s"] = t
    }
    let automatic = CopyRidgeStrategy.preferred(groupOrder: order, coupledPairs: ridges.count * 2, fullTrustPairs: ridges.count)
    record["automatic_choice"] = automatic.rawValue
    let agreement = try maxRelativeDifference(grids[.eigendecomposition]![1][2].predict(test), grids[.cholesky]![1][2].predict(test))
    let single = try seconds { _ = try solver.fit(x, y, copyRidge: copyRidges[1]) }
    let singleEigen = try seconds {
      _ = try solver.fitGrid(x, y, ridges: [ridges[0]], copyRidges: [copyRidges[1]], strategy: .eigendecomposition)
    }
    record["single_pair_eigendecomposition_s"] = singleEigen
    let plain = try seconds { _ = try solver.fit(x, y) }
    record["single_pair_s"] = single
    record["plain_fourier_s"] = plain
    record["strategies_max_relative_difference"] = agreement
    let candidates = Double(ridges.count * copyRidges.count)
    print(String(format: "  |G| = %d: grid eigendecomposition %.2f s (%.3f s/candidate), Cholesky %.2f s (%.3f s/candidate); "
                 + "automatic picks %@; one pair %.2f s (by eigendecomposition %.2f s); plain Fourier %.2f s; "
                 + "strategies differ by %.1e",
                 order, record["grid_eigendecomposition_s"] as! Double, (record["grid_eigendecomposition_s"] as! Double) / candidates,
                 record["grid_cholesky_s"] as! Double, (record["grid_cholesky_s"] as! Double) / candidates,
                 automatic.rawValue as NSString, single, singleEigen, plain, agreement))
    if order == 4 {
      // q₃ exact in the kernel, the q₁/q₂ reflections soft: the sum kernel's blocks inside the Fourier solve.
      let q3 = try SignFlips(dimension: 3, coordinates: [2])
      let soft = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1], correction: taylor)
      let composed = try GroupFourierSolver(kernel: SymmetrizedKernel(kernel, symmetry: q3), ridge: ridges[0], symmetry: soft)
      let t = try seconds { _ = try composed.fitGrid(x, y, ridges: ridges, copyRidges: copyRidges, strategy: .eigendecomposition) }
      let tPlain = try seconds { _ = try composed.fit(x, y) }
      // One kernel block K^(u) = K(X, u·X) with the base kernel and with the sum kernel (|H| base blocks).
      let flipped = soft.elements[1].apply(to: x)
      let sumKernel = try SymmetrizedKernel(kernel, symmetry: q3)
      let tBase = fastest { _ = kernel.crossMatrix(x, flipped) }
      let tSum = fastest { _ = sumKernel.crossMatrix(x, flipped) }
      record["composed_grid_eigendecomposition_s"] = t
      record["composed_plain_fourier_s"] = tPlain
      record["block_base_kernel_s"] = tBase
      record["block_sum_kernel_s"] = tSum
      print(String(format: "  q₃ exact in the kernel + ε² on q₁/q₂ (|G| = 4, sum kernel |H| = 2): grid %.2f s (%.3f s/candidate); "
                   + "plain Fourier with the sum kernel %.2f s; one N × N block: base kernel %.3f s, sum kernel %.3f s",
                   t, t / candidates, tPlain, tBase, tSum))
    }
    if n * order <= denseMax {
      let data = try Augmentation.augment(inputs: x, labels: y, by: s)
      let lambda = ridges[1], epsilon2 = copyRidges[2]
      var dense: [Double] = []
      let t = try seconds {
        let sampleRidges = data.elementIndex.map { $0 == 0 ? lambda : lambda + epsilon2 }
        dense = try KernelRidgeRegression(kernel: kernel, ridge: lambda).fit(data.inputs, data.labels, sampleRidges: sampleRidges)
          .predict(test)
      }
      let difference = maxRelativeDifference(try grids[.eigendecomposition]![1][2].predict(test), dense)
      record["dense_one_pair_s"] = t
      record["dense_max_relative_difference"] = difference
      print(String(format: "  dense augmented solve (N|G| = %d), one pair: %.2f s; batch vs dense max relative difference %.1e",
                   n * order, t, difference))
    }
    records.append(record)
  }
}
let url = URL(fileURLWithPath: output)
try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
try JSONSerialization.data(withJSONObject: ["threads": BLASThreads.count, "ridges": ridges,
                                            "copy_ridges": copyRidges.map { $0.isFinite ? $0 as Any : "inf" as Any },
                                            "runs": records], options: [.prettyPrinted, .sortedKeys]).write(to: url)
print("\nwrote \(output)")
