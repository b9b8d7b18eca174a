// krr-benchmark: SymmetryScaling's KRR and GP side by side with scikit-learn, on the same data, in
// one run. Release build only:
//
//   swift run -c release krr-benchmark --python /path/to/venv/bin/python
//
// The driver generates the data with the peer script (Benchmarks/peers/sklearn_peer.py), then runs
// every measured case in a child process of its own (so that peak resident memory belongs to that
// case alone), and the peer on the same CSV files. Both sides use --threads BLAS threads
// (default 1: on a 2-core machine a second thread is often shared and timings swing).
// Output: a table on stdout and a JSON file (--output).
import BenchmarkSupport
import COpenBLAS  // only for the bare dpotrf rate: the library itself reaches LAPACK through LinearAlgebra
import Datasets
import Foundation
import LinearAlgebra
import Regression

// MARK: - Child cases




func runCase(_ name: String, _ args: [String: String], _ options: Options) throws {
  let train = try CSV.readDataset(from: URL(fileURLWithPath: args["train"]!))
  let sigma = options.sigma, lam = options.lambda
  switch name {
  case "krr":
    let test = try CSV.readDataset(from: URL(fileURLWithPath: args["test"]!))
    let baseline = peakRSSMiB()
    let t0 = now()
    let model = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: sigma), ridge: lam).fit(train.inputs, train.labels)
    let t1 = now()
    let predicted = try model.predict(test.inputs)
    let t2 = now()
    let mae = zip(predicted, test.labels).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(test.count)
    if let out = args["pred-out"] {
      try CSV.write(CSVTable(columnNames: ["y_pred"], values: Matrix(column: predicted)), to: URL(fileURLWithPath: out))
    }
    emit(["fit_s": t1 - t0, "predict_s": t2 - t1, "total_s": t2 - t0, "mae": mae,
          "peak_rss_mib": peakRSSMiB(), "rss_before_fit_mib": baseline])
  case "kernel":
    let t0 = now()
    let k = GaussianKernel(lengthScale: sigma).matrix(train.inputs)
    let t1 = now()
    emit(["kernel_s": t1 - t0, "checksum": k[1, 0]])
  case "cholesky":
    var k = GaussianKernel(lengthScale: sigma).matrix(train.inputs)
    k.addToDiagonal(lam)
    let n = k.rows
    // Bare dpotrf and the package's Cholesky on copies of the same matrix, alternated twice; the
    // faster of each pair is kept (the first LAPACK call of a process pays for thread start-up).
    var bareTimes: [Double] = [], packageTimes: [Double] = []
    var info: Int32 = 0
    var logdet = 0.0
    for _ in 0..<2 {
      var bare = k.elements
      var uplo = CChar(UInt8(ascii: "U")), nn = Int32(n), lda = Int32(n)
      let t0 = now()
      dpotrf_(&uplo, &nn, &bare, &lda, &info, 1)
      bareTimes.append(now() - t0)
      bare = []
      var copy = k
      copy.addToDiagonal(0)  // forces the copy now, outside the timed region
      let t2 = now()
      let chol = try Cholesky(factoring: consume copy)
      packageTimes.append(now() - t2)
      logdet = chol.logDeterminant
    }
    let (t0, t1, t2, t3) = (0.0, bareTimes.min()!, 0.0, packageTimes.min()!)
    let flops = pow(Double(n), 3) / 3
    emit(["dpotrf_s": t1 - t0, "cholesky_s": t3 - t2, "dpotrf_gflops": flops / (t1 - t0) / 1e9,
          "cholesky_gflops": flops / (t3 - t2) / 1e9, "info": Double(info), "logdet": logdet])
  case "gp":
    let test = try CSV.readDataset(from: URL(fileURLWithPath: args["test"]!))
    let t0 = now()
    let model = try GaussianProcessRegression(kernel: GaussianKernel(lengthScale: sigma), signalVariance: 1, noiseLevel: lam)
      .fit(train.inputs, train.labels)
    let t1 = now()
    let predicted = try model.predict(test.inputs)
    let t2 = now()
    let mae = zip(predicted, test.labels).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(test.count)
    emit(["fit_s": t1 - t0, "predict_s": t2 - t1, "total_s": t2 - t0, "mae": mae,
          "log_marginal_likelihood": model.logMarginalLikelihood, "function_evaluations": Double(model.functionEvaluations),
          "signal_variance": model.signalVariance, "length_scale": model.kernel.lengthScale, "noise_level": model.noiseLevel,
          "peak_rss_mib": peakRSSMiB()])
  default:
    fatalError("unknown case \(name)")
  }
}

// MARK: - Driver

struct Options {
  var nTrain = 8000, nTest = 2000, gpN = 2000, gpTest = 1000
  var sigma = 0.5, lambda = 1e-3
  var threads = 1
  var python = "python3"
  var peer = "Benchmarks/peers/sklearn_peer.py"
  var output = "results/benchmarks/krr-benchmark.json"
  var skipPeer = false
}

extension Options {
  init(_ a: BenchmarkArguments) {
    self.init()
    nTrain = a.int("n-train", nTrain); nTest = a.int("n-test", nTest)
    gpN = a.int("gp-n", gpN); gpTest = a.int("gp-test", gpTest)
    sigma = a.double("sigma", sigma); lambda = a.double("lambda", lambda)
    threads = a.int("threads", threads)
    python = a.string("python", python); peer = a.string("peer", peer); output = a.string("output", output)
    skipPeer = a.flags.contains("skip-peer")
  }
}



let arguments = BenchmarkArguments(program: "krr-benchmark", flags: ["skip-peer"],
                                   keys: ["n-train", "n-test", "gp-n", "gp-test", "sigma", "lambda", "threads", "python", "peer", "output"])
let options = Options(arguments)
let caseName = arguments.caseName, caseArgs = arguments.values
if let caseName {
  BLASThreads.count = options.threads
  do { try runCase(caseName, caseArgs, options) } catch { FileHandle.standardError.write(Data("\(error)\n".utf8)); exit(1) }
  exit(0)
}

func driver(_ options: Options) throws {
  let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("krr-benchmark-\(getpid())").path
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: dir) }
  let krrTrain = "\(dir)/krr-train.csv", krrTest = "\(dir)/krr-test.csv", gpTrain = "\(dir)/gp-train.csv", gpTest = "\(dir)/gp-test.csv"
  let o = options
  print("krr-benchmark: generating data with the peer script (\(o.python) \(o.peer))")
  _ = try runJSON(o.python, [o.peer, "gen", "--n-train", "\(o.nTrain)", "--n-test", "\(o.nTest)", "--seed", "1",
                             "--train", krrTrain, "--test", krrTest], threads: o.threads)
  _ = try runJSON(o.python, [o.peer, "gen", "--n-train", "\(o.gpN)", "--n-test", "\(o.gpTest)", "--seed", "2",
                             "--train", gpTrain, "--test", gpTest], threads: o.threads)
  let common = ["--sigma", "\(o.sigma)", "--lambda", "\(o.lambda)", "--threads", "\(o.threads)"]
  var results: [String: Any] = ["n_train": o.nTrain, "n_test": o.nTest, "gp_n": o.gpN, "gp_test": o.gpTest,
                                "sigma": o.sigma, "lambda": o.lambda, "blas_threads": o.threads,
                                "machine": ["cores": ProcessInfo.processInfo.processorCount,
                                            "memory_gib": Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824]]

  print("running our KRR (N = \(o.nTrain))…")
  let ours = try runJSON(me, ["--case", "krr", "--train", krrTrain, "--test", krrTest, "--pred-out", "\(dir)/ours.csv"] + common, threads: o.threads)
  let kernel = try runJSON(me, ["--case", "kernel", "--train", krrTrain] + common, threads: o.threads)
  let chol = try runJSON(me, ["--case", "cholesky", "--train", krrTrain] + common, threads: o.threads)
  print("running our GP (N = \(o.gpN))…")
  let gp = try runJSON(me, ["--case", "gp", "--train", gpTrain, "--test", gpTest] + common, threads: o.threads)
  results["ours"] = ["krr": ours, "kernel": kernel, "cholesky": chol, "gp": gp]

  var lines: [String] = []
  func row(_ name: String, _ a: Double, _ b: Double, _ target: String) {
    let ratio = a / b
    lines.append(String(format: "%-44@ %10.3f %10.3f %8.3f   %@", name as NSString, a, b, ratio, target as NSString))
  }
  lines.append(String(format: "%-44@ %10@ %10@ %8@   %@", "measure" as NSString, "ours" as NSString, "sklearn" as NSString, "ratio" as NSString, "target" as NSString))
  let n = Double(o.nTrain)
  let budgetMiB = (1.3 * 8 * n * n + 50e6) / 1_048_576
  if !o.skipPeer {
    print("running scikit-learn KernelRidge (N = \(o.nTrain))…")
    let peerKRR = try runJSON(o.python, [o.peer, "krr", "--train", krrTrain, "--test", krrTest, "--sigma", "\(o.sigma)",
                                         "--lam", "\(o.lambda)", "--threads", "\(o.threads)", "--pred-out", "\(dir)/peer.csv"], threads: o.threads)
    print("running scikit-learn GaussianProcessRegressor (N = \(o.gpN))…")
    let peerGP = try runJSON(o.python, [o.peer, "gpr", "--train", gpTrain, "--test", gpTest, "--sigma", "\(o.sigma)",
                                        "--lam", "\(o.lambda)", "--threads", "\(o.threads)"], threads: o.threads)
    results["sklearn"] = ["krr": peerKRR, "gp": peerGP]
    let a = try CSV.read(contentsOf: URL(fileURLWithPath: "\(dir)/ours.csv")).values.elements
    let b = try CSV.read(contentsOf: URL(fileURLWithPath: "\(dir)/peer.csv")).values.elements
    let agreement = zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1) / max(abs($1.1), 1e-300)) }
    results["krr_prediction_max_relative_difference"] = agreement
    row("KRR fit+predict time (s)", number(ours, "total_s"), number(peerKRR, "total_s"), "ratio ≤ 0.8")
    row("KRR fit time (s)", number(ours, "fit_s"), number(peerKRR, "fit_s"), "")
    row("KRR peak RSS (MiB)", number(ours, "peak_rss_mib"), number(peerKRR, "peak_rss_mib"), String(format: "ours ≤ %.0f MiB", budgetMiB))
    row("GP fit+predict time (s)", number(gp, "total_s"), number(peerGP, "total_s"), "ratio ≤ 0.5")
    let peerOpt = peerGP["optimized"] as? [String: Any] ?? [:]
    lines.append(String(format: "%-44@ %10.4f %10.4f %8@   %@", "GP log marginal likelihood" as NSString, number(gp, "log_marginal_likelihood"),
                        number(peerGP, "log_marginal_likelihood"), "" as NSString, "ours ≥ sklearn" as NSString))
    lines.append(String(format: "%-44@ %10.0f %10.0f", "GP likelihood evaluations" as NSString, number(gp, "function_evaluations"),
                        Double((peerGP["optimizer_counts"] as? [String: Any])?["nfev"] as? Int ?? 0)))
    lines.append("GP optimum (c, ℓ, noise): ours \(number(gp, "signal_variance")), \(number(gp, "length_scale")), \(number(gp, "noise_level")); sklearn \(number(peerOpt, "constant_value")), \(number(peerOpt, "length_scale")), \(number(peerOpt, "noise_level"))")
    lines.append(String(format: "KRR predictions, max relative difference to sklearn: %.2e", agreement))
  }
  lines.append(String(format: "Cholesky N=%d: package %.3f s (%.1f GFLOP/s), bare dpotrf %.3f s (%.1f GFLOP/s): %.0f%% of bare (target ≥ 80%%)",
                      o.nTrain, number(chol, "cholesky_s"), number(chol, "cholesky_gflops"), number(chol, "dpotrf_s"), number(chol, "dpotrf_gflops"),
                      100 * number(chol, "cholesky_gflops") / number(chol, "dpotrf_gflops")))
  lines.append(String(format: "Kernel matrix build N=%d: %.3f s = %.1f%% of our KRR fit time (target ≤ 20%%)",
                      o.nTrain, number(kernel, "kernel_s"), 100 * number(kernel, "kernel_s") / number(ours, "fit_s")))
  lines.append(String(format: "KRR peak RSS %.0f MiB vs budget 1.3·8N² + 50 MB = %.0f MiB", number(ours, "peak_rss_mib"), budgetMiB))
  print("")
  print("BLAS threads: \(o.threads) (both sides)")
  for l in lines { print(l) }
  let outURL = URL(fileURLWithPath: o.output)
  try FileManager.default.createDirectory(at: outURL.deletingLastPathComponent(), withIntermediateDirectories: true)
  try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys]).write(to: outURL)
  print("wrote \(o.output)")
}

do { try driver(options) } catch {
  FileHandle.standardError.write(Data("krr-benchmark: \(error)\n".utf8))
  exit(1)
}

