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
import COpenBLAS  // only for the bare dpotrf rate: the library itself reaches LAPACK through LinearAlgebra
import Datasets
import Foundation
import LinearAlgebra
import Regression

// MARK: - Child cases

/// Peak resident set size of this process in MiB (Linux ru_maxrss is in KiB).
func peakRSSMiB() -> Double {
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  return Double(usage.ru_maxrss) / 1024
}

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func emit(_ fields: [String: Double]) {
  let body = fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
  print("{\(body)}")
}

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
      let copy = k
      let t2 = now()
      let chol = try Cholesky(factoring: copy)
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

func parseArguments() -> (String?, [String: String], Options) {
  var args = Array(CommandLine.arguments.dropFirst())
  var kv: [String: String] = [:]
  var caseName: String? = nil
  var o = Options()
  while !args.isEmpty {
    let a = args.removeFirst()
    if a == "--skip-peer" { o.skipPeer = true; continue }
    guard a.hasPrefix("--"), !args.isEmpty else {
      FileHandle.standardError.write(Data("krr-benchmark: unexpected argument '\(a)'. Options: --n-train --n-test --gp-n --gp-test --sigma --lambda --threads --python --peer --output --skip-peer\n".utf8))
      exit(2)
    }
    let v = args.removeFirst()
    switch a {
    case "--case": caseName = v
    case "--n-train": o.nTrain = Int(v)!
    case "--n-test": o.nTest = Int(v)!
    case "--gp-n": o.gpN = Int(v)!
    case "--gp-test": o.gpTest = Int(v)!
    case "--sigma": o.sigma = Double(v)!
    case "--lambda": o.lambda = Double(v)!
    case "--threads": o.threads = Int(v)!
    case "--python": o.python = v
    case "--peer": o.peer = v
    case "--output": o.output = v
    default: kv[String(a.dropFirst(2))] = v
    }
  }
  return (caseName, kv, o)
}

/// Runs a command, returns its last stdout line parsed as a JSON object.
func runJSON(_ executable: String, _ arguments: [String], threads: Int) throws -> [String: Any] {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
  p.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
  var env = ProcessInfo.processInfo.environment
  env["OPENBLAS_NUM_THREADS"] = String(threads)
  p.environment = env
  let pipe = Pipe()
  p.standardOutput = pipe
  try p.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  let text = String(decoding: data, as: UTF8.self)
  guard p.terminationStatus == 0, let line = text.split(separator: "\n").last,
        let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
    throw NSError(domain: "krr-benchmark", code: Int(p.terminationStatus),
                  userInfo: [NSLocalizedDescriptionKey: "\(executable) \(arguments.joined(separator: " ")) failed: \(text)"])
  }
  return obj
}

func d(_ obj: [String: Any], _ key: String) -> Double { (obj[key] as? Double) ?? (obj[key] as? Int).map(Double.init) ?? .nan }

let (caseName, caseArgs, options) = parseArguments()
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
    row("KRR fit+predict time (s)", d(ours, "total_s"), d(peerKRR, "total_s"), "ratio ≤ 0.8")
    row("KRR fit time (s)", d(ours, "fit_s"), d(peerKRR, "fit_s"), "")
    row("KRR peak RSS (MiB)", d(ours, "peak_rss_mib"), d(peerKRR, "peak_rss_mib"), String(format: "ours ≤ %.0f MiB", budgetMiB))
    row("GP fit+predict time (s)", d(gp, "total_s"), d(peerGP, "total_s"), "ratio ≤ 0.5")
    let peerOpt = peerGP["optimized"] as? [String: Any] ?? [:]
    lines.append(String(format: "%-44@ %10.4f %10.4f %8@   %@", "GP log marginal likelihood" as NSString, d(gp, "log_marginal_likelihood"),
                        d(peerGP, "log_marginal_likelihood"), "" as NSString, "ours ≥ sklearn" as NSString))
    lines.append(String(format: "%-44@ %10.0f %10.0f", "GP likelihood evaluations" as NSString, d(gp, "function_evaluations"),
                        Double((peerGP["optimizer_counts"] as? [String: Any])?["nfev"] as? Int ?? 0)))
    lines.append("GP optimum (c, ℓ, noise): ours \(d(gp, "signal_variance")), \(d(gp, "length_scale")), \(d(gp, "noise_level")); sklearn \(d(peerOpt, "constant_value")), \(d(peerOpt, "length_scale")), \(d(peerOpt, "noise_level"))")
    lines.append(String(format: "KRR predictions, max relative difference to sklearn: %.2e", agreement))
  }
  lines.append(String(format: "Cholesky N=%d: package %.3f s (%.1f GFLOP/s), bare dpotrf %.3f s (%.1f GFLOP/s): %.0f%% of bare (target ≥ 80%%)",
                      o.nTrain, d(chol, "cholesky_s"), d(chol, "cholesky_gflops"), d(chol, "dpotrf_s"), d(chol, "dpotrf_gflops"),
                      100 * d(chol, "cholesky_gflops") / d(chol, "dpotrf_gflops")))
  lines.append(String(format: "Kernel matrix build N=%d: %.3f s = %.1f%% of our KRR fit time (target ≤ 20%%)",
                      o.nTrain, d(kernel, "kernel_s"), 100 * d(kernel, "kernel_s") / d(ours, "fit_s")))
  lines.append(String(format: "KRR peak RSS %.0f MiB vs budget 1.3·8N² + 50 MB = %.0f MiB", d(ours, "peak_rss_mib"), budgetMiB))
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

