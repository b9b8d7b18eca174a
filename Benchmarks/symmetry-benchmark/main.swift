// symmetry-benchmark: the group-Fourier and sum-kernel routes for Z2³ sign flips side by side with
// scikit-learn fitting the explicitly augmented set, on the same data, in one run (issue 3).
// Release build only:
//
//   swift run -c release symmetry-benchmark --python .venv/bin/python
//
// The driver generates the data with the peer script (Benchmarks/peers/sklearn_peer.py `gen`), runs
// every measured case in a child process of its own (so that peak resident memory belongs to that
// case alone) and the peer's `krr-augmented --group all-signs` on the same CSV files. Both sides use
// --threads BLAS threads (default 1). Output: a table on stdout and a JSON file (--output).
//
// Also timed (no peer): the character-weighted kernel's Gram and gradient matrices.
//
// Targets: Fourier and sum-kernel routes each ≥ 20× faster than scikit-learn on the augmented set
// (N = 2000, |G| = 8, 16000 augmented), predictions equal to 1e-6 relative; the Fourier GP log
// marginal likelihood at N = 2000, |G| = 8 costs ≤ 10 × one plain N = 2000 evaluation.
import BenchmarkSupport
import Datasets
import Foundation
import LinearAlgebra
import Regression
import Symmetries

// MARK: - Child cases




func runCase(_ name: String, _ args: [String: String], sigma: Double, lam: Double) throws {
  let train = try CSV.readDataset(from: URL(fileURLWithPath: args["train"]!))
  let kernel = GaussianKernel(lengthScale: sigma)
  let flips = try SignFlips(dimension: train.dimension, coordinates: Array(0..<train.dimension))
  switch name {
  case "fourier", "sumkernel":
    let test = try CSV.readDataset(from: URL(fileURLWithPath: args["test"]!))
    let t0 = now()
    let model: any Predictor = name == "fourier"
      ? try GroupFourierSolver(kernel: kernel, ridge: lam, symmetry: flips).fit(train.inputs, train.labels)
      : try KernelRidgeRegression(kernel: SymmetrizedKernel(kernel, symmetry: flips), ridge: lam)
          .fit(train.inputs, train.labels)
    let t1 = now()
    let predicted = try model.predict(test.inputs)
    let t2 = now()
    if let out = args["pred-out"] {
      try CSV.write(CSVTable(columnNames: ["y_pred"], values: Matrix(column: predicted)), to: URL(fileURLWithPath: out))
    }
    let mae = zip(predicted, test.labels).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(test.count)
    emit(["fit_s": t1 - t0, "predict_s": t2 - t1, "total_s": t2 - t0, "mae": mae, "peak_rss_mib": peakRSSMiB()])
  case "lml-fourier":
    let gp = GaussianProcessRegression(kernel: kernel, signalVariance: 1, noiseLevel: lam)
    let solver = try GroupFourierSolver(kernel: kernel, ridge: lam, symmetry: flips)
    let labels = solver.elementLabels(train.inputs, train.labels)
    let t0 = now()
    let value = try solver.logMarginalLikelihood(process: gp, inputs: train.inputs, elementLabels: labels)
    let t1 = now()
    emit(["lml_s": t1 - t0, "lml": value, "peak_rss_mib": peakRSSMiB()])
  case "lml-plain":
    // One plain N × N evaluation: value only (kernel, Cholesky, solve, log det), and the library's
    // value-and-gradient call.
    let gp = GaussianProcessRegression(kernel: kernel, signalVariance: 1, noiseLevel: lam)
    let t0 = now()
    var k = kernel.matrix(train.inputs)
    k.addToDiagonal(lam + gp.alpha)
    let factor = try Cholesky(factoring: consume k)
    let a = factor.solve(train.labels)
    let value = -0.5 * zip(train.labels, a).reduce(0) { $0 + $1.0 * $1.1 } - 0.5 * factor.logDeterminant
      - 0.5 * Double(train.count) * log(2 * Double.pi)
    let t1 = now()
    let withGradient = try gp.logMarginalLikelihood(train.inputs, train.labels)
    let t2 = now()
    emit(["lml_value_s": t1 - t0, "lml_value_and_gradient_s": t2 - t1, "lml": value,
          "lml_library": withGradient.value, "peak_rss_mib": peakRSSMiB()])
  case "character-kernel":
    // The character-weighted kernel of the design note's water prior (w = 1 on the even sector, b₁ on
    // the two sectors odd in q₁ but not q₃, b₂ on the one odd only in q₂, 0 on the four odd in q₃):
    // its Gram matrix and its gradient matrices (σ and the two free weights), beside the plain and
    // the sum-kernel Gram matrices on the same inputs.
    let x = train.inputs
    let weighted = try CharacterWeightedKernel(kernel, symmetry: flips, weights: [
      SectorWeight(name: "even", sectors: [0], value: 1, isFixed: true),
      SectorWeight(name: "odd in q1", sectors: [1, 3], value: 0.1),
      SectorWeight(name: "odd only in q2", sectors: [2], value: 0.01),
      SectorWeight(name: "odd in q3", sectors: [4, 5, 6, 7], value: 0)])
    let t0 = now()
    let plain = kernel.matrix(x)
    let t1 = now()
    let sum = try SymmetrizedKernel(kernel, symmetry: flips).matrix(x)
    let t2 = now()
    let gram = weighted.matrix(x)
    let t3 = now()
    let gradients = weighted.gradientMatrices(x)
    let t4 = now()
    emit(["gram_plain_s": t1 - t0, "gram_sum_kernel_s": t2 - t1, "gram_character_s": t3 - t2,
          "gradient_character_s": t4 - t3, "gradient_count": Double(gradients.count),
          "checksum": plain[0, 1] + sum[0, 1] + gram[0, 1], "peak_rss_mib": peakRSSMiB()])
  default:
    fatalError("unknown case \(name)")
  }
}

// MARK: - Driver

struct Options {
  var nTrain = 2000, nTest = 2000
  var sigma = 0.5, lambda = 1e-3
  var threads = 1
  var python = "python3"
  var peer = "Benchmarks/peers/sklearn_peer.py"
  var output = "results/benchmarks/symmetry-benchmark.json"
  var skipPeer = false
}

extension Options {
  init(_ a: BenchmarkArguments) {
    self.init()
    nTrain = a.int("n-train", nTrain); nTest = a.int("n-test", nTest)
    sigma = a.double("sigma", sigma); lambda = a.double("lambda", lambda)
    threads = a.int("threads", threads)
    python = a.string("python", python); peer = a.string("peer", peer); output = a.string("output", output)
    skipPeer = a.flags.contains("skip-peer")
  }
}



let arguments = BenchmarkArguments(program: "symmetry-benchmark", flags: ["skip-peer"],
                                   keys: ["n-train", "n-test", "sigma", "lambda", "threads", "python", "peer", "output"])
let options = Options(arguments)
let caseName = arguments.caseName, caseArgs = arguments.values
if let caseName {
  BLASThreads.count = options.threads
  do { try runCase(caseName, caseArgs, sigma: options.sigma, lam: options.lambda) } catch { FileHandle.standardError.write(Data("\(error)\n".utf8)); exit(1) }
  exit(0)
}

func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
  let scale = b.map(abs).max() ?? 1
  return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) } / max(scale, 1e-300)
}

func driver(_ options: Options) throws {
  let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("symmetry-benchmark-\(getpid())").path
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: dir) }
  let train = "\(dir)/train.csv", test = "\(dir)/test.csv"
  let o = options
  print("symmetry-benchmark: generating data with the peer script (\(o.python) \(o.peer))")
  _ = try runJSON(o.python, [o.peer, "gen", "--n-train", "\(o.nTrain)", "--n-test", "\(o.nTest)", "--seed", "3",
                             "--train", train, "--test", test], threads: o.threads)
  let common = ["--sigma", "\(o.sigma)", "--lambda", "\(o.lambda)", "--threads", "\(o.threads)"]
  var results: [String: Any] = ["n_train": o.nTrain, "n_test": o.nTest, "group_order": 8, "sigma": o.sigma,
                                "lambda": o.lambda, "blas_threads": o.threads,
                                "machine": ["cores": ProcessInfo.processInfo.processorCount,
                                            "memory_gib": Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824]]
  print("running the group-Fourier route (N = \(o.nTrain), |G| = 8)…")
  let fourier = try runJSON(me, ["--case", "fourier", "--train", train, "--test", test, "--pred-out", "\(dir)/fourier.csv"] + common,
                            threads: o.threads)
  print("running the sum-kernel route…")
  let sum = try runJSON(me, ["--case", "sumkernel", "--train", train, "--test", test, "--pred-out", "\(dir)/sum.csv"] + common,
                        threads: o.threads)
  print("running the GP log marginal likelihoods…")
  let lmlFourier = try runJSON(me, ["--case", "lml-fourier", "--train", train] + common, threads: o.threads)
  let lmlPlain = try runJSON(me, ["--case", "lml-plain", "--train", train] + common, threads: o.threads)
  print("running the character-weighted kernel's Gram and gradient matrices…")
  let character = try runJSON(me, ["--case", "character-kernel", "--train", train] + common, threads: o.threads)
  results["ours"] = ["fourier": fourier, "sum_kernel": sum, "lml_fourier": lmlFourier, "lml_plain": lmlPlain,
                     "character_kernel": character]
  let pf = try CSV.read(contentsOf: URL(fileURLWithPath: "\(dir)/fourier.csv")).values.elements
  let ps = try CSV.read(contentsOf: URL(fileURLWithPath: "\(dir)/sum.csv")).values.elements

  var lines: [String] = []
  func pad(_ s: String) -> String { s.padding(toLength: 48, withPad: " ", startingAt: 0) }
  func right(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
  lines.append(pad("measure") + " " + right("ours", 10) + " " + right("sklearn", 10) + " " + right("speed-up", 8) + "   target")
  func row(_ name: String, _ a: Double, _ b: Double, _ target: String) {
    lines.append(pad(name) + String(format: " %10.3f %10.3f %8.1f   %@", a, b, b / a, target as NSString))
  }
  lines.append(String(format: "Fourier vs sum kernel predictions: max difference / scale %.2e", maxRelativeDifference(pf, ps)))
  if !o.skipPeer {
    print("running scikit-learn KernelRidge on the augmented set (N|G| = \(8 * o.nTrain); ≈ 40 s at one thread)…")
    let peer = try runJSON(o.python, [o.peer, "krr-augmented", "--train", train, "--test", test, "--sigma", "\(o.sigma)",
                                      "--lam", "\(o.lambda)", "--group", "all-signs", "--threads", "\(o.threads)",
                                      "--pred-out", "\(dir)/peer.csv"], threads: o.threads)
    results["sklearn"] = peer
    let pp = try CSV.read(contentsOf: URL(fileURLWithPath: "\(dir)/peer.csv")).values.elements
    let df = maxRelativeDifference(pf, pp), ds = maxRelativeDifference(ps, pp)
    results["fourier_vs_sklearn_max_relative_difference"] = df
    results["sum_kernel_vs_sklearn_max_relative_difference"] = ds
    row("Fourier route fit+predict (s)", number(fourier, "total_s"), number(peer, "total_s"), "≥ 20×")
    row("sum-kernel route fit+predict (s)", number(sum, "total_s"), number(peer, "total_s"), "≥ 20×")
    row("Fourier route fit only (s)", number(fourier, "fit_s"), number(peer, "fit_s"), "")
    row("sum-kernel route fit only (s)", number(sum, "fit_s"), number(peer, "fit_s"), "")
    lines.append(pad("peak RSS, Fourier route vs sklearn (MiB)")
                   + String(format: " %10.0f %10.0f", number(fourier, "peak_rss_mib"), number(peer, "peak_rss_mib")))
    lines.append(pad("peak RSS, sum-kernel route (MiB)") + String(format: " %10.0f", number(sum, "peak_rss_mib")))
    lines.append(String(format: "predictions vs sklearn, max difference / scale: Fourier %.2e, sum kernel %.2e (target ≤ 1e-6)", df, ds))
  }
  let ratio = number(lmlFourier, "lml_s") / number(lmlPlain, "lml_value_s")
  lines.append(String(format: "GP LML: Fourier (N = %d, |G| = 8) %.3f s; plain N = %d value %.3f s (value+gradient %.3f s): %.1f× (target ≤ 10×)",
                      o.nTrain, number(lmlFourier, "lml_s"), o.nTrain, number(lmlPlain, "lml_value_s"),
                      number(lmlPlain, "lml_value_and_gradient_s"), ratio))
  results["lml_fourier_over_plain"] = ratio
  lines.append(String(format: "Gram matrices (N = %d, |G| = 8): plain %.3f s, sum kernel %.3f s, character-weighted (water prior) %.3f s; "
                        + "its %.0f gradient matrices %.3f s",
                      o.nTrain, number(character, "gram_plain_s"), number(character, "gram_sum_kernel_s"),
                      number(character, "gram_character_s"), number(character, "gradient_count"),
                      number(character, "gradient_character_s")))
  print("")
  print("BLAS threads: \(o.threads) (both sides)")
  for l in lines { print(l) }
  let outURL = URL(fileURLWithPath: o.output)
  try FileManager.default.createDirectory(at: outURL.deletingLastPathComponent(), withIntermediateDirectories: true)
  try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys]).write(to: outURL)
  print("wrote \(o.output)")
}

do { try driver(options) } catch {
  FileHandle.standardError.write(Data("symmetry-benchmark: \(error)\n".utf8))
  exit(1)
}
