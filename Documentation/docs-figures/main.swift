// docs-figures: prints the numbers the Documentation guides quote that no example prints, by
// running the guides' code against the real API (one section per guide topic):
//
//   swift run -c release docs-figures [all|symmetries|taylor|diagnostics|delta|routes|regressors|fourier-gp|curves|custom]
//
// Not API; kept so that every figure in Documentation/ has a command that reproduces it.
import Datasets
import Foundation
import LearningCurves
import LinearAlgebra
import Regression
import Symmetries
import SymmetryTesting

let section = CommandLine.arguments.dropFirst().first ?? "all"
func run(_ name: String, _ body: () throws -> Void) rethrows {
  guard section == "all" || section == name else { return }
  print("===== \(name)")
  try body()
}
func g(_ x: Double) -> String { String(format: "%.4g", x) }

// MARK: - LabelSymmetries snippets
try run("symmetries") {
  let inv = try Inversion(dimension: 3)
  print("inversion", inv.order, inv.elements[1].apply(to: [1, 2, 3]))
  let invC = try Inversion(dimension: 2, centre: [1, 1])
  print("inversion about (1,1)", invC.elements[1].apply(to: [3, 1]))

  let mirror = try Reflection(normal: [0, 0, 1])
  print("reflection", mirror.elements[1].apply(to: [1, 2, 3]), mirror.signFlipCoordinates as Any)
  let diagonalMirror = try Reflection(normal: [1, -1], point: [0, 0])
  print("diagonal mirror", diagonalMirror.elements[1].apply(to: [2, 0]), diagonalMirror.signFlipCoordinates as Any)

  let z2cubed = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
  print("sign flips", z2cubed.order, z2cubed.elements[5].apply(to: [1, 2, 3]), z2cubed.flippedCoordinates(ofElement: 5), z2cubed.name)

  let hh = try CoordinatePermutations(blockSize: 3, blockCount: 3, blockGenerators: [[0, 2, 1]])
  print("HH exchange", hh.order, hh.elements[1].apply(to: [0, 0, 0, 1, 2, 3, 4, 5, 6]))
  let s3 = try CoordinatePermutations(dimension: 3, generators: [[1, 0, 2], [1, 2, 0]])
  print("S3", s3.order)

  let d4 = try GeneratedGroup(generators: [Matrix(rows: [[0, -1], [1, 0]]), Matrix(rows: [[1, 0], [0, -1]])],
                              name: "D4", expectedOrder: 8)
  print("D4", d4.order)
  do {
    _ = try GeneratedGroup(generators: [Rotations.rotation(axis: [0, 0, 1], angle: 1.0)], maximumOrder: 64)
  } catch { print("irrational rotation:", error) }

  let product = try ProductSymmetry(try Inversion(dimension: 2), try SignFlips(dimension: 1, coordinates: [0]))
  print("product", product.order, product.dimension, product.name, product.signFlipCoordinates as Any)

  var rng = SeededGenerator(seed: 1)
  let o3 = try Rotations(.o3)
  let r = o3.randomElement(using: &rng)
  print("O3 draw det", g(r.determinant), "defect", g(r.orthogonalityDefect))
  let o2 = try Rotations(.o2(axis: [0, 0, 1]))
  let r2 = o2.randomElement(using: &rng)
  print("O2 draw applied to (0,0,2):", r2.apply(to: [0, 0, 2]).map(g), o2.name)

  let h0 = Matrix.diagonal([1.0, 2.0])
  let approx = try ApproximateReflection(equilibrium: [0, 0], coordinates: [0], correction: try TaylorCorrection(hessian: h0))
  print("approx", approx.order, approx.isExact, approx.name)

  let x = try Matrix(rows: [[1, 2], [3, 4]])
  let aug = try Augmentation.augment(inputs: x, labels: [5, 6], by: try Inversion(dimension: 2))
  print("augment rows", aug.inputs.rows, aug.labels, aug.sourceSample, aug.elementIndex)

  // Corrected labels in augmentation: V = x² + x³ about 0, reflection, order 3 exact.
  let cubicWell = try ApproximateReflection(
    equilibrium: [0], coordinates: [0],
    correction: try TaylorCorrection(hessian: Matrix(rows: [[2]]), cubicConstants: [6]))
  let xs = try Matrix(rows: [[0.5], [1.0]])
  let v: ([Double]) -> Double = { p in p[0] * p[0] + p[0] * p[0] * p[0] }
  let a2 = try Augmentation.augment(inputs: xs, labels: [v([0.5]), v([1.0])], by: cubicWell)
  print("cubic well augmented labels", a2.labels, "true at -x:", v([-0.5]), v([-1.0]))

  do { _ = try SignFlips(dimension: 3, coordinates: [0, 5]) } catch { print("error:", error) }
  do { _ = try OrthogonalAction(matrix: Matrix(rows: [[1, 0.1], [0, 1]])) } catch { print("error:", error) }
  do {
    _ = try Augmentation.augment(inputs: Matrix(rows: [[1, 2, 3]]), labels: [1], by: try Inversion(dimension: 2))
  } catch { print("error:", error) }
}

// MARK: - Taylor correction numbers on water
try run("taylor") {
  let modes = try WaterNormalModes()
  let cm = WaterNormalModes.wavenumbersPerHartree
  let phi = try modes.cubicForceConstants()
  let energy: ([Double]) -> Double = { q in ((try? modes.energyAboveMinimum(normalCoordinates: q)) ?? .nan) * cm }
  let t2 = try TaylorCorrection(hessian: .diagonal(modes.wavenumbers))
  let t3 = try TaylorCorrection(hessian: .diagonal(modes.wavenumbers), cubicConstants: phi.values)
  print("omega", modes.wavenumbers.map(g), "phi111", g(phi[0, 0, 0]), "phi222", g(phi[1, 1, 1]))
  for (mode, coordinate) in [(1, 0), (2, 1), (3, 2)] {
    for q in [0.25, 0.5, 1.0, 1.5] {
      var row = "q\(mode) = \(q):"
      for (name, c) in [("plain", TaylorCorrection.none), ("T2", t2), ("T3", t3)] {
        let sym = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [coordinate], correction: c)
        var x = [0.0, 0, 0]
        x[coordinate] = q
        let gx = sym.elements[1].apply(to: x)
        let label = energy(x) + sym.labelCorrection(for: sym.elements[1], at: x)
        row += " \(name) err \(g(label - energy(gx)))"
      }
      print(row, " V(q) =", g(energy({ var x = [0.0, 0, 0]; x[coordinate] = q; return x }())))
    }
  }
  // Partial reflection of q1 at points with q2 != 0: order 4 for T3.
  print("partial reflection q1 -> -q1 at s*(1, 1, 0):")
  for s in [0.25, 0.5, 1.0] {
    var row = "s = \(s):"
    for (name, c) in [("plain", TaylorCorrection.none), ("T3", t3)] {
      let sym = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0], correction: c)
      let x = [s, s, 0]
      let label = energy(x) + sym.labelCorrection(for: sym.elements[1], at: x)
      row += " \(name) err \(g(label - energy(sym.elements[1].apply(to: x))))"
    }
    print(row)
  }
  // Full inversion q -> -q: plain, T3 and gradient-based order 5.
  print("full inversion at s*(1, 1, 1)/sqrt(3):")
  let inversion = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2], correction: t3)
  let sampling = WaterSampling(modes: modes)
  _ = sampling
  for s in [0.25, 0.5, 1.0] {
    let q = [s, s, s].map { $0 / 3.0.squareRoot() }
    let e = energy(q)
    // gradient by five-point differences (cm⁻¹ per unit q)
    let h = 1e-3
    let grad = (0..<3).map { k -> Double in
      func f(_ t: Double) -> Double { var p = q; p[k] += t * h; return energy(p) }
      return (f(-2) - 8 * f(-1) + 8 * f(1) - f(2)) / (12 * h)
    }
    let truth = energy(q.map { -$0 })
    let plain = e
    let cubic = e + inversion.labelCorrection(for: inversion.elements[7], at: q)
    let fifth = try t2.invertedLabel(energy: e, gradient: grad, displacement: q)
    print("s = \(s): plain err \(g(plain - truth)), T3 err \(g(cubic - truth)), gradient err \(g(fifth - truth))")
  }
  // Finite-difference steps.
  for h in [1e-4, 1e-3, 0.02, 0.1, 0.3, 0.5] {
    let fd = try TaylorCorrection.fromEnergy(energy, at: [0, 0, 0], order: 3, step: h)
    let p = fd.cubicConstants!
    print("step \(h): H diag", fd.hessian!.diagonal.map { String(format: "%.6f", $0) }, "phi111", String(format: "%.5f", p[0]), "phi222", String(format: "%.5f", p[13]))
    var row = "   T3(fd) err along q1:"
    for q in [0.05, 0.1, 0.25, 0.5] {
      let sym = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0], correction: fd)
      let x = [q, 0, 0]
      row += " q=\(q): \(g(energy(x) + sym.labelCorrection(for: sym.elements[1], at: x) - energy([-q, 0, 0])))"
    }
    print(row)
  }
  print("modes.cubicForceConstants phi111", String(format: "%.5f", phi[0, 0, 0]), "phi222", String(format: "%.5f", phi[1, 1, 1]))
  var row = "   T3(modes) err along q1:"
  for q in [0.05, 0.1, 0.25, 0.5] {
    let sym = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0], correction: t3)
    let x = [q, 0, 0]
    row += " q=\(q): \(g(energy(x) + sym.labelCorrection(for: sym.elements[1], at: x) - energy([-q, 0, 0])))"
  }
  print(row)
  let fromH = try TaylorCorrection.fromHessian({ q in (try? modes.hessianInNormalCoordinates(at: q)) ?? Matrix(rows: 3, columns: 3) },
                                              at: [0, 0, 0], order: 3)
  print("fromHessian phi111", String(format: "%.5f", fromH.cubicConstants![0]), "H diag", fromH.hessian!.diagonal.map(g))
}

// MARK: - Diagnostics as in water-pes (default sizes)
try run("diagnostics") {
  let modes = try WaterNormalModes()
  let cm = WaterNormalModes.wavenumbersPerHartree
  let phi = try modes.cubicForceConstants()
  let sampling = WaterSampling(modes: modes)
  var generator = SeededGenerator(seed: 2605_28238)
  let pool = try sampling.gaussian(count: 2048 + 400, standardDeviations: Array(repeating: 0.5.squareRoot(), count: 3),
                                   energyCutoff: 12_000 / cm, using: &generator)
  let sample = pool.inputs.rows(at: 0..<1000)
  let energy: ([Double]) -> Double = { q in ((try? modes.energyAboveMinimum(normalCoordinates: q)) ?? .nan) * cm }
  let t2 = try TaylorCorrection(hessian: .diagonal(modes.wavenumbers))
  let t3 = try TaylorCorrection(hessian: .diagonal(modes.wavenumbers), cubicConstants: phi.values)
  for (name, c) in [("plain", TaylorCorrection.none), ("T2", t2), ("T3", t3)] {
    let sym = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2], correction: c)
    let d = try SymmetryDiagnostics(symmetry: sym, label: energy, sample: sample)
    print("Z2^3 \(name): mean \(g(d.meanAbsoluteError)) rms \(g(d.rootMeanSquareError)) max \(g(d.maximumAbsoluteError)) floor \(g(d.predictedFloor)) half-mean \(g(d.halfMeanError))")
    for e in d.perElement {
      print("   element \(e.index) flips \(sym.elements[e.index].matrix.diagonal.map { $0 < 0 ? 1 : 0 }): mean \(g(e.meanAbsoluteError)) rms \(g(e.rootMeanSquareError)) max \(g(e.maximumAbsoluteError))")
    }
  }
  for k in 0..<3 {
    for (name, c) in [("plain", TaylorCorrection.none), ("T3", t3)] {
      let sym = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [k], correction: c)
      let d = try SymmetryDiagnostics(symmetry: sym, label: energy, sample: sample)
      print("q\(k + 1) only \(name): mean \(g(d.meanAbsoluteError)) floor \(g(d.predictedFloor)) half-mean \(g(d.halfMeanError))")
    }
  }
  // Δ-learning: hard reflections (no correction) used on the residual V − T_p of a Taylor baseline.
  print("mean |V| on the sample \(g((0..<sample.rows).map { abs(energy(sample.row($0))) }.reduce(0, +) / Double(sample.rows)))")
  let baselines = [("T2", try TaylorBaseline(t2, equilibrium: [0, 0, 0])), ("T3", try TaylorBaseline(t3, equilibrium: [0, 0, 0]))]
  for (name, baseline) in baselines {
    let b = try baseline.values(at: sample)
    let size = (0..<sample.rows).map { abs(energy(sample.row($0)) - b[$0]) }.reduce(0, +) / Double(sample.rows)
    for coordinates in [[0, 1, 2], [0], [1]] {
      let plain = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: coordinates)
      let d = try SymmetryDiagnostics(symmetry: plain, label: energy, baseline: baseline, sample: sample)
      print("residual V - \(name) (mean |V - \(name)| \(g(size))), plain flips of \(coordinates): mean \(g(d.meanAbsoluteError)) "
              + "rms \(g(d.rootMeanSquareError)) max \(g(d.maximumAbsoluteError)) floor \(g(d.predictedFloor)) half-mean \(g(d.halfMeanError))")
    }
  }
}

// MARK: - Δ-learning on the Taylor baseline (water, small N)
try run("delta") {
  // Same sampling as water-pes; (length scale, ridge) chosen on 200 validation samples by MAE over a wide
  // grid, test MAE on 1000 samples, three seeded draws per size.
  let modes = try WaterNormalModes()
  let cm = WaterNormalModes.wavenumbersPerHartree
  let wavenumbers = modes.wavenumbers
  let t3 = try TaylorBaseline(hessian: .diagonal(wavenumbers), cubicConstants: try modes.cubicForceConstants().values,
                              equilibrium: [0, 0, 0])
  let q3 = try SignFlips(dimension: 3, coordinates: [2])
  let plain = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2])
  let corrected = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2], correction: t3.polynomial)
  func draw(_ n: Int, seed: UInt64) throws -> Dataset {
    var generator = SeededGenerator(seed: seed)
    var d = try WaterSampling(modes: modes).gaussian(count: n, standardDeviations: Array(repeating: 0.5.squareRoot(), count: 3),
                                                    energyCutoff: 12_000 / cm, using: &generator)
    d.labels = d.labels.map { $0 * cm }
    return d
  }
  func mae(_ p: [Double], _ y: [Double]) -> Double { zip(p, y).map { abs($0 - $1) }.reduce(0, +) / Double(y.count) }
  typealias Fit = (GaussianKernel, Double, Dataset) throws -> any Predictor
  let methods: [(String, Fit)] = [
    ("none", { k, r, t in try KernelRidgeRegression(kernel: k, ridge: r).fit(t.inputs, t.labels) }),
    ("delta", { k, r, t in try DeltaLearning(base: KernelRidgeRegression(kernel: k, ridge: r), baseline: t3).fit(t.inputs, t.labels) }),
    ("q3", { k, r, t in try SymmetricKernelRidge(kernel: k, ridge: r, symmetry: q3, route: .sumKernel).fit(t.inputs, t.labels) }),
    ("delta+q3", { k, r, t in
      try DeltaLearning(base: SymmetricKernelRidge(kernel: k, ridge: r, symmetry: q3, route: .sumKernel), baseline: t3)
        .fit(t.inputs, t.labels)
    }),
    ("sign-flips+taylor3", { k, r, t in
      try SymmetricKernelRidge(kernel: k, ridge: r, symmetry: corrected, route: .fourier).fit(t.inputs, t.labels)
    }),
    ("delta+sign-flips", { k, r, t in
      try DeltaLearning(base: SymmetricKernelRidge(kernel: k, ridge: r, symmetry: plain, route: .fourier), baseline: t3)
        .fit(t.inputs, t.labels)
    }),
  ]
  for n in [16, 32, 64] {
    for seed in [2605_28238 as UInt64, 7, 11] {
      let pool = try draw(n + 200, seed: seed)
      let train = pool.subset(Array(0..<n)), validation = pool.subset(Array(n..<(n + 200)))
      let test = try draw(1000, seed: seed &+ 1)
      var row = "N = \(n), seed \(seed):"
      for (name, fit) in methods {
        var best = (validation: Double.infinity, test: Double.infinity)
        for l in [0.5, 1.0, 1.5, 2.3, 3.5, 5.2, 8, 12] {
          for r in [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2] {
            let model = try fit(GaussianKernel(lengthScale: l), r, train)
            let v = mae(try model.predict(validation.inputs), validation.labels)
            if v < best.validation { best = (v, mae(try model.predict(test.inputs), test.labels)) }
          }
        }
        row += " \(name) \(g(best.test))"
      }
      print(row)
    }
  }
}

// MARK: - Routes
struct AxisGaussianKernel: Kernel {
  var lengthScales: [Double]
  func value(_ x: [Double], _ y: [Double]) -> Double {
    var s = 0.0
    for i in x.indices { let d = (x[i] - y[i]) / lengthScales[i]; s += d * d }
    return exp(-0.5 * s)
  }
  func matrix(_ x: Matrix) -> Matrix { crossMatrix(x, x) }
  func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    var m = Matrix(rows: a.rows, columns: b.rows)
    for i in 0..<a.rows { for j in 0..<b.rows { m[i, j] = value(a.row(i), b.row(j)) } }
    return m
  }
  func diagonal(_ x: Matrix) -> [Double] { Array(repeating: 1, count: x.rows) }
  var hyperparameters: [Hyperparameter] { [] }
  func withLogHyperparameters(_ theta: [Double]) -> Self { self }
  func gradientMatrices(_ x: Matrix) -> [Matrix] { [] }
  var isStationary: Bool { true }
  var isIsotropic: Bool { false }
}

try run("routes") {
  var rng = SeededGenerator(seed: 3)
  let x = try rng.gaussianMatrix(rows: 60, columns: 3)
  let f: ([Double]) -> Double = { p in exp(-(p[0] * p[0] + p[1] * p[1] + p[2] * p[2])) + p[0] * p[0] * p[1] * p[1] }
  let y = (0..<x.rows).map { f(x.row($0)) }
  let test = try rng.gaussianMatrix(rows: 200, columns: 3)
  let truth = (0..<test.rows).map { f(test.row($0)) }
  let flips = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
  let kernel = GaussianKernel(lengthScale: 1.0)
  let ridge = 1e-4
  var predictions: [SymmetryRoute: [Double]] = [:]
  for route in [SymmetryRoute.augment, .sumKernel, .fourier] {
    let model = try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: flips, route: route).fit(x, y)
    predictions[route] = try model.predict(test)
  }
  let plain = try KernelRidgeRegression(kernel: kernel, ridge: ridge).fit(x, y).predict(test)
  func maxDiff(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.max()! }
  func mae(_ a: [Double]) -> Double { zip(a, truth).map { abs($0 - $1) }.reduce(0, +) / Double(a.count) }
  print("max |augment - sumKernel|", g(maxDiff(predictions[.augment]!, predictions[.sumKernel]!)))
  print("max |augment - fourier|", g(maxDiff(predictions[.augment]!, predictions[.fourier]!)))
  print("test MAE plain \(g(mae(plain))), Z2^3 \(g(mae(predictions[.sumKernel]!)))")
  // mean kernel needs λ/|G|
  let sum = try SymmetrizedKernel(kernel, symmetry: flips)
  let mean = ScaledKernel(variance: 1.0 / 8, sum, isFixed: true)
  let meanRight = try KernelRidgeRegression(kernel: mean, ridge: ridge / 8).fit(x, y).predict(test)
  let meanWrong = try KernelRidgeRegression(kernel: mean, ridge: ridge).fit(x, y).predict(test)
  print("mean kernel λ/|G| vs augment", g(maxDiff(meanRight, predictions[.augment]!)), " mean kernel λ vs augment", g(maxDiff(meanWrong, predictions[.augment]!)))

  // Approximate symmetry: fourier vs augment with corrected labels
  let t = try TaylorCorrection(hessian: .diagonal([2, 3, 4]), cubicConstants: (0..<27).map { i in i == 0 ? 1.0 : 0.0 })
  let approx = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2], correction: t)
  let pa = try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: approx, route: .augment).fit(x, y).predict(test)
  let pf = try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: approx, route: .fourier).fit(x, y).predict(test)
  print("approximate Z2^3: max |augment - fourier|", g(maxDiff(pa, pf)))
  do {
    _ = try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: approx, route: .sumKernel)
  } catch { print("refusal:", error) }
  do {
    _ = try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: try Inversion(dimension: 3), route: .fourier)
  } catch { print("refusal:", error) }
  do {
    let swap = try CoordinatePermutations(dimension: 3, generators: [[1, 0, 2]])
    _ = try SymmetricKernelRidge(kernel: AxisGaussianKernel(lengthScales: [0.5, 2, 1]), ridge: ridge, symmetry: swap, route: .sumKernel)
  } catch { print("refusal:", error) }
  do {
    _ = try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: flips, route: .sumKernel, trust: .copyRidge(0.01))
  } catch { print("refusal:", error) }
  do {
    _ = try SymmetricKernelRidge(kernel: 2.0 * LaplacianKernel(lengthScale: 1), ridge: ridge, symmetry: try Rotations(.o3), route: .haarKernel)
  } catch { print("refusal:", error) }

  // One-sided Haar sums vs the closed form.
  let points = try rng.gaussianMatrix(rows: 100, columns: 3)
  let o3 = try Rotations(.o3)
  for m in [4, 16, 64] {
    var k = Matrix(rows: 100, columns: 100)
    for _ in 0..<m {
      let r = o3.randomElement(using: &rng)
      let c = kernel.crossMatrix(points, r.apply(to: points))
      for i in 0..<100 { for j in 0..<100 { k[i, j] += c[i, j] / Double(m) } }
    }
    var asym = 0.0
    for i in 0..<100 { for j in 0..<100 { asym = max(asym, abs(k[i, j] - k[j, i])) } }
    var sym = k
    for i in 0..<100 { for j in 0..<100 { sym[i, j] = 0.5 * (k[i, j] + k[j, i]) } }
    let e = try SymmetricEigendecomposition(of: sym)
    print("one-sided mean over M = \(m): max asymmetry \(g(asym)), min eigenvalue of symmetric part \(g(e.eigenvalues[0])), max \(g(e.eigenvalues.last!))")
  }
  let haar = try HaarAveragedGaussianKernel(lengthScale: 1.0, symmetry: o3)
  let eh = try SymmetricEigendecomposition(of: haar.matrix(points))
  print("closed-form Haar kernel: min eigenvalue \(g(eh.eigenvalues[0])), max \(g(eh.eigenvalues.last!))")
  let big = haar.value([30, 0, 0], [0, 31, 0])
  print("Haar kernel at r = 30, r' = 31 (a = 930):", big)

  // Timing, N = 400, |G| = 8.
  let xt = try rng.gaussianMatrix(rows: 400, columns: 3)
  let yt = (0..<400).map { f(xt.row($0)) }
  let clock = ContinuousClock()
  for route in [SymmetryRoute.augment, .sumKernel, .fourier] {
    let model = try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: flips, route: route)
    let t0 = clock.now
    _ = try model.fit(xt, yt)
    print("fit N = 400, Z2^3, route \(route): \(clock.now - t0)")
  }
}

// MARK: - Regressors
try run("regressors") {
  let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  let train = try CSV.readDataset(from: root.appendingPathComponent("Tests/RegressionTests/Fixtures/train.csv"))
  let testFile = try CSV.readDataset(from: root.appendingPathComponent("Tests/RegressionTests/Fixtures/test.csv"))
  let krr = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 0.5), ridge: 1e-3).fit(train.inputs, train.labels)
  let p = try krr.predict(testFile.inputs)
  print("KRR MAE", try ErrorMetrics(predicted: p, truth: testFile.labels).mae)

  let composite = 2.0 * GaussianKernel(lengthScale: 0.5) + Matern52Kernel(lengthScale: 2)
  print("composite hyperparameters", composite.hyperparameters.map(\.description), composite.logHyperparameters.map(g), composite.isIsotropic)

  var generator = SeededGenerator(seed: 0)
  let search = HyperparameterSearch(kernel: { GaussianKernel(lengthScale: $0) },
                                    widths: [0.25, 0.5, 1, 2], ridges: [1e-8, 1e-6, 1e-4, 1e-2],
                                    validation: .kFold(5))
  let result = try search.run(train.inputs, train.labels, using: &generator)
  print("search best width \(result.width) ridge \(result.ridge) cv rmse \(g(result.bestScore))")
  print("scores", result.scores.map { $0.map(g) })
  let ps = try result.model.predict(testFile.inputs)
  print("search model test MAE", g(try ErrorMetrics(predicted: ps, truth: testFile.labels).mae))

  let gp = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 0.5), noiseLevel: 1e-3,
                                     normalizesLabels: true, restarts: 2, seed: 0)
  let fitted = try gp.fit(train.inputs, train.labels)
  print("GP", fitted.hyperparameters.map(\.description), "lml", g(fitted.logMarginalLikelihood), "evals", fitted.functionEvaluations, fitted.optimizerConverged)
  let (mean, std) = try fitted.predictWithStandardDeviation(testFile.inputs)
  print("GP test MAE", g(try ErrorMetrics(predicted: mean, truth: testFile.labels).mae), "mean std", g(std.reduce(0, +) / Double(std.count)))

  // Likelihood on augmented data: overconfidence.
  var rng = SeededGenerator(seed: 5)
  let f: ([Double]) -> Double = { p in exp(-(p[0] * p[0] + p[1] * p[1] + p[2] * p[2])) + p[0] * p[0] * p[1] * p[1] }
  let xs = try rng.gaussianMatrix(rows: 40, columns: 3)
  let ys = (0..<40).map { f(xs.row($0)) + 0.01 * rng.gaussian() }
  let xtest = try rng.gaussianMatrix(rows: 500, columns: 3)
  let ytest = (0..<500).map { f(xtest.row($0)) }
  let flips = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
  let aug = try Augmentation.augment(inputs: xs, labels: ys, by: flips)
  let base = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 1), noiseLevel: 1e-2, restarts: 2, seed: 1)
  for (name, model) in [("original 40", try base.fit(xs, ys)), ("augmented 320", try base.fit(aug.inputs, aug.labels))] {
    let (m, s) = try model.predictWithStandardDeviation(xtest)
    let err = try ErrorMetrics(predicted: m, truth: ytest)
    let within = zip(zip(m, s), ytest).filter { abs($0.0 - $1) <= 2 * $0.1 }.count
    print("\(name): noise \(g(model.noiseLevel)) length \(g(model.kernel.lengthScale)) c \(g(model.signalVariance)) RMSE \(g(err.rmse)) mean std \(g(s.reduce(0, +) / 500)) within 2 std: \(within)/500")
  }
  // Sum kernel GP on the original samples (hyperparameters on the N originals).
  let sumGP = GaussianProcessRegression(kernel: try SymmetrizedKernel(GaussianKernel(lengthScale: 1), symmetry: flips),
                                        noiseLevel: 1e-2, restarts: 2, seed: 1)
  let sm = try sumGP.fit(xs, ys)
  let (m2, s2) = try sm.predictWithStandardDeviation(xtest)
  let within2 = zip(zip(m2, s2), ytest).filter { abs($0.0 - $1) <= 2 * $0.1 }.count
  print("sum-kernel GP on 40: noise \(g(sm.noiseLevel)) length \(g(sm.kernel.base.lengthScale)) RMSE \(g(try ErrorMetrics(predicted: m2, truth: ytest).rmse)) mean std \(g(s2.reduce(0, +) / 500)) within 2 std: \(within2)/500")

  do { _ = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 0), ridge: -0.1).fit(train.inputs, train.labels) } catch {
    print("error:\n\(error)")
  }
  do {
    let dup = try Matrix(rows: [[0, 0], [0, 0], [1, 1]])
    _ = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-300, jitter: .none).fit(dup, [1, 2, 3])
  } catch { print("error:\n\(error)") }
}

// MARK: - Gaussian process on the group-Fourier route: calibration against the sum-kernel GP
try run("fourier-gp") {
  // An exact Z2³ symmetry: f(x) = exp(−|x|²) + x₀²x₁², x ~ N(0, I₃), labels with noise σ; 500 test
  // observations with the same noise. The Fourier GP fits the augmented likelihood (each sample
  // counted 8 times); the sum-kernel GP fits the likelihood of the N originals.
  let f: ([Double]) -> Double = { p in exp(-(p[0] * p[0] + p[1] * p[1] + p[2] * p[2])) + p[0] * p[0] * p[1] * p[1] }
  let flips = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
  print("N    sigma   route        noise fitted  MAE       coverage_95  mean_nlpd")
  for n in [40, 160] {
    for sigma in [0.0, 0.01, 0.1] {
      var rng = SeededGenerator(seed: 5)
      let xs = try rng.gaussianMatrix(rows: n, columns: 3)
      let ys = (0..<n).map { f(xs.row($0)) + sigma * rng.gaussian() }
      let xt = try rng.gaussianMatrix(rows: 500, columns: 3)
      let yt = (0..<500).map { f(xt.row($0)) + sigma * rng.gaussian() }
      let base = GaussianProcessRegression(kernel: GaussianKernel(lengthScale: 1), noiseLevel: 1e-2, bounds: 1e-8...1e5,
                                           normalizesLabels: true, restarts: 2, seed: 1)
      let fourier = try GroupFourierSolver(kernel: base.kernel, ridge: 1, symmetry: flips).fit(process: base, inputs: xs, labels: ys)
      let sumBase = GaussianProcessRegression(kernel: try SymmetrizedKernel(GaussianKernel(lengthScale: 1), symmetry: flips),
                                              noiseLevel: 1e-2, bounds: 1e-8...1e5, normalizesLabels: true, restarts: 2, seed: 1)
      let sum = try sumBase.fit(xs, ys)
      for (name, noise, prediction) in [("fourier", fourier.noiseLevel * fourier.labelScale * fourier.labelScale, try fourier.predictWithStandardDeviation(xt)),
                                        ("sum kernel", sum.noiseLevel * sum.labelScale * sum.labelScale, try sum.predictWithStandardDeviation(xt))] {
        let c = PredictiveCalibration(mean: prediction.mean, standardDeviation: prediction.standardDeviation, truth: yt)
        let mae = try ErrorMetrics(predicted: prediction.mean, truth: yt).mae
        print(String(format: "%-4d %-7.2g ", n, sigma) + name.padding(toLength: 13, withPad: " ", startingAt: 0)
              + String(format: "%-13.3g %-9.3g %-12.3f %.3f", noise, mae, c.coverage95, c.meanNegativeLogPredictiveDensity))
      }
    }
  }
}

// MARK: - Learning curves snippet
try run("curves") {
  var g1 = SeededGenerator(seed: 1), g2 = SeededGenerator(seed: 2)
  func draw(_ n: Int, _ gen: inout SeededGenerator) throws -> Dataset {
    let x = try gen.uniformMatrix(rows: n, columns: 2, low: -2, high: 2)
    return try Dataset(inputs: x, labels: (0..<n).map { let p = x.row($0); return p[0] * p[0] + cos(p[1] * p[1]) })
  }
  let pool = try draw(64 + 50, &g1)
  let test = try draw(300, &g2)
  let flips = try SignFlips(dimension: 2, coordinates: [0, 1])
  let grid = HyperparameterGrid(lengthScales: try HyperparameterGrid.logSpaced(0.3, 2, count: 4), ridges: [1e-8, 1e-6])
  var symmetric = VariantModel(grid: grid)
  symmetric.symmetry = flips
  symmetric.route = .sumKernel
  let study = try Study(name: "toy", summary: "x² + cos(y²) on [−2, 2]²", labelUnit: "1",
                        pool: pool, test: test, sizes: [8, 16, 32, 64], repeats: 3, validationCount: 50, seed: 1,
                        variants: [try Variant(name: "none", summary: "KRR", model: VariantModel(grid: grid)),
                                   try Variant(name: "sign-flips", summary: "Z2² sum kernel", model: symmetric)])
  let result = try StudyRunner.run(study)
  for c in result.comparisons {
    print(c.variant, "median factor", c.medianEfficiencyFactor.map(g) ?? "-", "shared", c.sharedSlopeFactor.map(g) ?? "-",
          "ratios", c.ratiosAtScaledSize.map { "\($0.n): \(g($0.ratio))" })
  }
  for v in result.variants {
    print(v.name, v.summaries.map { "\($0.n): \(g($0.maeMean))±\(g($0.maeStandardDeviation))" }, v.powerLaw.map { "b = \(g($0.exponent)) ± \(g($0.slopeStandardError))" } ?? "")
  }
  do {
    _ = try Study(name: "bad", summary: "", labelUnit: "1", pool: pool, test: pool.subset([0, 1]), sizes: [0, 500], repeats: 0,
                  validationCount: 50, seed: 1, variants: [])
  } catch { print("error:", error) }
  do {
    _ = try Study(name: "overlap", summary: "", labelUnit: "1", pool: pool, test: pool.subset([3, 4]), sizes: [8], repeats: 1,
                  validationCount: 50, seed: 1, variants: [try Variant(name: "none", summary: "KRR", model: VariantModel(grid: grid))])
  } catch { print("error:", error) }
}

// MARK: - Custom symmetry
struct ThreeFoldRotation: FiniteLabelSymmetry {
  let dimension = 2
  let isExact = true
  let name = "C3 rotations about the origin"
  let centre = [0.0, 0.0]
  let elements: [OrthogonalAction]

  init(count: Int = 3) throws {
    elements = try (0..<count).map { k in
      let a = 2 * Double.pi * Double(k) / 3
      return try OrthogonalAction(matrix: Matrix(rows: [[cos(a), -sin(a)], [sin(a), cos(a)]]), centre: [0, 0])
    }
  }
}
func potential(_ p: [Double]) -> Double {
  let r2 = p[0] * p[0] + p[1] * p[1]
  return r2 + cos(3 * atan2(p[1], p[0])) * exp(-r2)
}
try run("custom") {
  let c3 = try ThreeFoldRotation()
  var g = SeededGenerator(seed: 2605_28238)
  let probe = try g.uniformMatrix(rows: 50, columns: 2, low: -2, high: 2)
  print(try checkLabelSymmetry(c3, label: potential, sample: probe, kernel: GaussianKernel(lengthScale: 1)))
  print("--- missing element")
  print(try checkLabelSymmetry(try ThreeFoldRotation(count: 2), label: potential, sample: probe, kernel: GaussianKernel(lengthScale: 1)))
  print("--- wrong label (two-fold)")
  let twoFold: @Sendable ([Double]) -> Double = { p in
    let r2 = p[0] * p[0] + p[1] * p[1]
    return r2 + cos(2 * atan2(p[1], p[0])) * exp(-r2)
  }
  print(try checkLabelSymmetry(c3, label: twoFold, sample: probe, kernel: GaussianKernel(lengthScale: 1)))
  print("--- bad sample")
  do { _ = try checkLabelSymmetry(c3, label: potential, sample: Matrix(rows: 3, columns: 3)) } catch { print(error) }
  do { _ = try SymmetricKernelRidge(kernel: GaussianKernel(lengthScale: 1), ridge: 1e-6, symmetry: c3, route: .fourier) } catch { print(error) }
}
