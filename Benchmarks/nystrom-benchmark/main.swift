// nystrom-benchmark: Nyström KRR solved the Falkon way, against exact dense KRR and scikit-learn's
// Nystroem + Ridge, on water's potential energy surface, with the cost planner's estimates printed
// beside the measured time and peak memory. Release build only:
//
//   swift build -c release --product nystrom-benchmark
//   .build/release/nystrom-benchmark --calibrate                       # machine constants for the planner
//   .build/release/nystrom-benchmark --target large                    # N = 131 072, M = 8192 vs dense N = 8192
//                                                  (K_nm recomputed per iteration; --storage kept|single)
//   .build/release/nystrom-benchmark --target ratios                   # N = 8192: M = N/16, N/4, N vs dense
//   .build/release/nystrom-benchmark --target sklearn --python .venv/bin/python   # N = 65 536, M = 4096
//   .build/release/nystrom-benchmark --target million                  # N = 10⁶, recomputed blocks
//   .build/release/nystrom-benchmark --case sample --n 1000000         # water sampling speed alone
//
// Every measured case runs in a child process of its own, so that its peak RSS (getrusage
// ru_maxrss) is its own. Data: Gaussian sampling in water's normal coordinates (σ = 1/√2 per mode,
// E ≤ 12 000 cm⁻¹, labels in cm⁻¹, as Examples/water-pes), training seed --seed, test seed --seed + 1.
// Options: --n, --m, --test, --sigma, --lambda, --tolerance, --threads (default 1), --seed,
// --sampling leverage|uniform (centres; default leverage scores: far fewer CG iterations on water),
// --method cg|direct (Falkon's CG, default, or the direct normal equations of the Nyström features),
// --centre-rank all|numerical|TOL (keep every centre, default, or only those a pivoted Cholesky of K_mm
// finds independent; the "kept" column),
// --budget-gib (memory budget of the Nyström fits), --calibration FILE (planner constants as JSON),
// --output FILE (JSON of every row).
import BenchmarkSupport
import Datasets
import Foundation
import LinearAlgebra
import Regression

// MARK: - Data

func water(_ count: Int, seed: UInt64) throws -> Dataset {
  let sampling = try WaterSampling()
  var g = SeededGenerator(seed: seed)
  let cm = WaterNormalModes.wavenumbersPerHartree
  var d = try sampling.gaussian(count: count, standardDeviations: Array(repeating: 0.5.squareRoot(), count: 3),
                                energyCutoff: 12_000 / cm, using: &g)
  d.labels = d.labels.map { $0 * cm }
  return d
}

func load(_ args: BenchmarkArguments, count: Int, seed: UInt64, file: String) throws -> (Dataset, Double) {
  let t0 = now()
  if let path = args.values[file] { return (try CSV.readDataset(from: URL(fileURLWithPath: path)), now() - t0) }
  return (try water(count, seed: seed), now() - t0)
}

func mae(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(a.count) }

func centreRank(_ text: String) throws -> CentreRank {
  switch text {
  case "all": return .all
  case "numerical": return .numerical
  default:
    guard let t = Double(text) else {
      throw NSError(domain: "nystrom-benchmark", code: 2, userInfo: [NSLocalizedDescriptionKey:
        "--centre-rank is '\(text)'; use all, numerical or a relative tolerance such as 1e-12"])
    }
    return .tolerance(t)
  }
}

func calibration(_ args: BenchmarkArguments) throws -> MachineCalibration {
  guard let path = args.values["calibration"] else { return .reference }
  return try JSONDecoder().decode(MachineCalibration.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
}

// MARK: - Child cases

func runCase(_ name: String, _ args: BenchmarkArguments) throws {
  let n = args.int("n", 8192), m = args.int("m", 1024), testCount = args.int("test", 2000)
  let seed = UInt64(args.int("seed", 1))
  let sigma = args.double("sigma", 1.8), lambda = args.double("lambda", 1e-6)
  let budget = Int(args.double("budget-gib", Double(MemoryBudget.bytes) / 1_073_741_824) * 1_073_741_824)
  switch name {
  case "sample":
    let (data, sampleSeconds) = try load(args, count: n, seed: seed, file: "none")
    emit(["sample_s": sampleSeconds, "n": Double(data.count), "peak_rss_mib": peakRSSMiB()])
  case "water-csv":
    let (train, sampleSeconds) = try load(args, count: n, seed: seed, file: "none")
    let test = try water(testCount, seed: seed &+ 1)
    try CSV.write(train, to: URL(fileURLWithPath: args.string("train-out", "train.csv")))
    try CSV.write(test, to: URL(fileURLWithPath: args.string("test-out", "test.csv")))
    emit(["sample_s": sampleSeconds, "n": Double(n)])
  case "nystrom":
    let (train, sampleSeconds) = try load(args, count: n, seed: seed, file: "train")
    let (test, _) = try load(args, count: testCount, seed: seed &+ 1, file: "test-file")
    let storage: KernelStorage = ["kept": .kept, "recomputed": .recomputed,
                                  "single": .keptSinglePrecision][args.string("storage", "")] ?? .automatic
    var regressor = NystromKernelRidge(kernel: GaussianKernel(lengthScale: sigma), ridge: lambda, centres: m,
                                       seed: seed, tolerance: args.double("tolerance", 1e-6),
                                       maximumIterations: args.int("max-iterations", 500), storage: storage,
                                       memoryBudget: budget)
    if args.string("sampling", "leverage") == "leverage" { regressor.sampling = .leverageScores }
    let method: NystromSolveMethod = args.string("method", "cg") == "direct" ? .direct : .conjugateGradient
    regressor.method = method
    regressor.centreRank = try centreRank(args.string("centre-rank", "all"))
    let before = peakRSSMiB()
    let t0 = now()
    let model = try regressor.fit(train.inputs, train.labels)
    let t1 = now()
    let predicted = try model.predict(test.inputs)
    let t2 = now()
    let planner = SolverPlanner(calibration: try calibration(args), memoryBudget: budget)
    let problem = PlanningProblem(samples: train.count, dimension: train.dimension)
    let planned = planner.nystromEstimate(problem, centres: m, storage: storage, method: method)
    // At the measured iterations and the centres kept.
    let replanned = planner.nystromEstimate(problem, centres: m, storage: storage, iterations: model.report.iterations,
                                            method: method, keptCentres: model.report.centreCount)
    emit(["sample_s": sampleSeconds, "fit_s": t1 - t0, "predict_s": t2 - t1, "total_s": t2 - t0,
          "mae": mae(predicted, test.labels), "iterations": Double(model.report.iterations),
          "residual": model.report.relativeResidual, "kept": model.report.keptKernelBlocks ? 1 : 0,
          "planned_s": planned.seconds, "planned_s_at_measured_iterations": replanned.seconds,
          "planned_mib": Double(planned.peakBytes) / 1_048_576, "peak_rss_mib": peakRSSMiB(),
          "planned_mib_at_measured": Double(replanned.peakBytes) / 1_048_576,
          "rss_before_fit_mib": before, "n": Double(train.count), "m": Double(m),
          "centres_kept": Double(model.report.centreCount)])
  case "dense":
    let (train, sampleSeconds) = try load(args, count: n, seed: seed, file: "train")
    let (test, _) = try load(args, count: testCount, seed: seed &+ 1, file: "test-file")
    let before = peakRSSMiB()
    let t0 = now()
    let model = try KernelRidgeRegression(kernel: GaussianKernel(lengthScale: sigma), ridge: lambda).fit(train.inputs, train.labels)
    let t1 = now()
    let predicted = try model.predict(test.inputs)
    let t2 = now()
    let planned = SolverPlanner(calibration: try calibration(args)).exactEstimate(
      PlanningProblem(samples: train.count, dimension: train.dimension))
    emit(["sample_s": sampleSeconds, "fit_s": t1 - t0, "predict_s": t2 - t1, "total_s": t2 - t0,
          "mae": mae(predicted, test.labels), "planned_s": planned.seconds, "planned_s_at_measured_iterations": planned.seconds,
          "planned_mib": Double(planned.peakBytes) / 1_048_576, "peak_rss_mib": peakRSSMiB(), "rss_before_fit_mib": before,
          "n": Double(train.count), "m": Double(train.count)])
  case "calibrate":
    // BLAS-3: a Cholesky of order 3000 (the best of two).
    var g = SeededGenerator(seed: 1)
    let a = try g.gaussianMatrix(rows: 3000, columns: 3000)
    var spd = a.gram()
    spd.addToDiagonal(3000)
    var choleskySeconds = Double.infinity
    for _ in 0..<2 {
      let copy = spd
      let t0 = now()
      _ = try Cholesky(factoring: copy)
      choleskySeconds = min(choleskySeconds, now() - t0)
    }
    // Kernel entries: predictions of a model with 2048 centres on 20 000 points, d = 3 and d = 12.
    func entrySeconds(_ d: Int) throws -> Double {
      let centres = try g.gaussianMatrix(rows: 2048, columns: d)
      let model = FittedNystrom(kernel: GaussianKernel(lengthScale: 1), centres: centres,
                                coefficients: Array(repeating: 1, count: 2048),
                                report: NystromReport(centreCount: 2048, channelCount: 1, ridge: 1, iterations: 0,
                                                      relativeResidual: 0, keptKernelBlocks: false, blockRows: 0,
                                                      centreJitter: 0))
      let x = try g.gaussianMatrix(rows: 20_000, columns: d)
      var best = Double.infinity
      for _ in 0..<3 { let t0 = now(); _ = try model.predict(x); best = min(best, now() - t0) }
      return best / (20_000 * 2048)
    }
    let e3 = try entrySeconds(3), e12 = try entrySeconds(12)
    // Bandwidth: a matrix–vector product over 512 MiB.
    let big = Matrix(rows: 8192, columns: 8192, repeating: 0.5)
    let v = Array(repeating: 1.0, count: 8192)
    var gemvSeconds = Double.infinity
    for _ in 0..<3 { let t0 = now(); _ = big * v; gemvSeconds = min(gemvSeconds, now() - t0) }
    let c = MachineCalibration(blas3FlopsPerSecond: pow(3000, 3) / 3 / choleskySeconds, kernelEntriesPerSecond: 1 / e3,
                               secondsPerEntryAndCoordinate: max(0, (e12 - e3) / 9),
                               memoryBytesPerSecond: 8 * 8192 * 8192 / gemvSeconds)
    let json = String(decoding: try JSONEncoder().encode(c), as: UTF8.self)
    FileHandle.standardError.write(Data(("MachineCalibration(blas3FlopsPerSecond: \(c.blas3FlopsPerSecond), "
      + "kernelEntriesPerSecond: \(c.kernelEntriesPerSecond), secondsPerEntryAndCoordinate: "
      + "\(c.secondsPerEntryAndCoordinate), memoryBytesPerSecond: \(c.memoryBytesPerSecond))\n").utf8))
    print(json)
  default:
    fatalError("unknown case \(name)")
  }
}

// MARK: - Driver

let arguments = BenchmarkArguments(
  program: "nystrom-benchmark", flags: ["calibrate", "skip-peer"],
  keys: ["target", "n", "m", "test", "sigma", "lambda", "tolerance", "threads", "seed", "budget-gib", "calibration",
         "python", "peer", "output", "storage", "train", "test-file", "max-iterations", "train-out", "test-out", "sampling",
         "method", "centre-rank"])
let threads = arguments.int("threads", 1)
if let name = arguments.caseName {
  BLASThreads.count = threads
  do { try runCase(name, arguments) } catch { FileHandle.standardError.write(Data("\(error)\n".utf8)); exit(1) }
  exit(0)
}

struct Row {
  var label: String
  var result: [String: Any]
}

func driver(_ arguments: BenchmarkArguments, threads: Int) throws {
  let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
  let passThrough = ["sigma", "lambda", "tolerance", "seed", "calibration", "test", "max-iterations", "sampling", "method",
                     "centre-rank"].flatMap { key in
    arguments.values[key].map { ["--\(key)", $0] } ?? []
  } + ["--threads", "\(threads)"]
  func child(_ name: String, _ extra: [String]) throws -> [String: Any] {
    print("  running \(name) \(extra.joined(separator: " "))…")
    do { return try runJSON(me, ["--case", name] + extra + passThrough, threads: threads) } catch {
      print("  failed (reported in the table): see the message above")  // e.g. CG did not converge
      return ["failed": 1]
    }
  }
  if arguments.flags.contains("calibrate") {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: me)
    p.arguments = ["--case", "calibrate"]
    var env = ProcessInfo.processInfo.environment
    env["OPENBLAS_NUM_THREADS"] = "\(threads)"
    p.environment = env
    try p.run()
    p.waitUntilExit()
    return
  }
  let target = arguments.string("target", "ratios")
  var rows: [Row] = []
  switch target {
  case "large":
    let n = arguments.int("n", 131_072), m = arguments.int("m", 8192)
    let budget = arguments.string("budget-gib", "6")
    rows.append(Row(label: "dense N=8192", result: try child("dense", ["--n", "8192"])))
    rows.append(Row(label: "nystrom N=\(n) M=\(m) \(arguments.string("storage", "recomputed"))",
                    result: try child("nystrom", ["--n", "\(n)", "--m", "\(m)", "--budget-gib", budget,
                                                  "--storage", arguments.string("storage", "recomputed")])))
  case "ratios":
    let n = arguments.int("n", 8192)
    rows.append(Row(label: "dense N=\(n)", result: try child("dense", ["--n", "\(n)"])))
    for m in [n / 16, n / 4, n] {
      rows.append(Row(label: "nystrom N=\(n) M=\(m)", result: try child("nystrom", ["--n", "\(n)", "--m", "\(m)"])))
    }
  case "sklearn":
    let n = arguments.int("n", 65_536), m = arguments.int("m", 4096)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nystrom-benchmark-\(getpid())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let train = "\(dir)/train.csv", test = "\(dir)/test.csv"
    _ = try child("water-csv", ["--n", "\(n)", "--train-out", train, "--test-out", test])
    rows.append(Row(label: "ours N=\(n) M=\(m)", result: try child("nystrom", ["--n", "\(n)", "--m", "\(m)", "--train", train,
                                                                              "--test-file", test])))
    if !arguments.flags.contains("skip-peer") {
      let python = arguments.string("python", "python3"), peer = arguments.string("peer", "Benchmarks/peers/sklearn_peer.py")
      print("  running scikit-learn Nystroem + Ridge…")
      let r = try runJSON(python, [peer, "nystroem", "--train", train, "--test", test, "--sigma", arguments.string("sigma", "1.8"),
                                   "--lam", arguments.string("lambda", "1e-6"), "--centres", "\(m)", "--threads", "\(threads)"],
                          threads: threads)
      rows.append(Row(label: "sklearn N=\(n) M=\(m)", result: r))
    }
  case "million":
    let n = arguments.int("n", 1_000_000), m = arguments.int("m", 8192)
    rows.append(Row(label: "nystrom N=\(n) M=\(m) recomputed",
                    result: try child("nystrom", ["--n", "\(n)", "--m", "\(m)", "--storage", "recomputed",
                                                  "--budget-gib", arguments.string("budget-gib", "6")])))
  default:
    throw NSError(domain: "nystrom-benchmark", code: 2,
                  userInfo: [NSLocalizedDescriptionKey: "unknown --target \(target); use large, ratios, sklearn or million"])
  }
  print("")
  print("nystrom-benchmark --target \(target), BLAS threads \(threads), σ = \(arguments.string("sigma", "1.8")), "
        + "λ = \(arguments.string("lambda", "1e-6")), CG tolerance \(arguments.string("tolerance", "1e-6"))")
  print(String(format: "%-34@ %6@ %6@ %9@ %9@ %9@ %6@ %9@ %9@ %6@ %10@ %7@",
               "case" as NSString, "kept" as NSString, "iters" as NSString, "total s" as NSString, "plan s" as NSString, "plan@it s" as NSString,
               "ratio" as NSString, "RSS MiB" as NSString, "plan@it MiB" as NSString, "ratio" as NSString, "MAE cm⁻¹" as NSString,
               "sample s" as NSString))
  let reference = rows.first.map { number($0.result, "mae") } ?? .nan
  let referenceTime = rows.first.map { number($0.result, "total_s") } ?? .nan
  for row in rows {
    let r = row.result
    // Peak RSS against the plan for the centres kept (the plan before the fit assumes all M).
    let plannedMiB = r["planned_mib_at_measured"] == nil ? "planned_mib" : "planned_mib_at_measured"
    print(String(format: "%-34@ %6.0f %6.0f %9.2f %9.2f %9.2f %6.2f %9.0f %9.0f %6.2f %10.4g %7.2f", row.label as NSString,
                 number(r, r["centres_kept"] == nil ? "m" : "centres_kept"), number(r, "iterations"), number(r, "total_s"), number(r, "planned_s"),
                 number(r, "planned_s_at_measured_iterations"),
                 number(r, "total_s") / number(r, "planned_s_at_measured_iterations"), number(r, "peak_rss_mib"),
                 number(r, plannedMiB), number(r, "peak_rss_mib") / number(r, plannedMiB), number(r, "mae"),
                 number(r, "sample_s")))
  }
  if rows.count > 1 {
    print("ratios to the first row (MAE, time):")
    for row in rows.dropFirst() {
      print(String(format: "  %-32@ MAE × %.3f, time × %.3f", row.label as NSString,
                   number(row.result, "mae") / reference, number(row.result, "total_s") / referenceTime))
    }
  }
  let output = arguments.string("output", "results/benchmarks/nystrom-benchmark-\(target).json")
  let outURL = URL(fileURLWithPath: output)
  try FileManager.default.createDirectory(at: outURL.deletingLastPathComponent(), withIntermediateDirectories: true)
  let json = Dictionary(uniqueKeysWithValues: rows.map { ($0.label, $0.result) })
  try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: outURL)
  print("wrote \(output)")
}

do { try driver(arguments, threads: threads) } catch {
  FileHandle.standardError.write(Data("nystrom-benchmark: \(error)\n".utf8))
  exit(1)
}
