import ArgumentParser
import Datasets
import Foundation
import LearningCurves
import LinearAlgebra
import Regression
import Symmetries

/// The kernels `symscale` offers: the library's radial families, by their raw names.
extension RadialKernelFamily: ExpressibleByArgument {}

/// `symscale fit`: kernel ridge regression or a Gaussian process on a CSV training file.
struct Fit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fit kernel ridge regression or a Gaussian process to a CSV file and predict a test file.",
    discussion: """
      CSV files have a header row x0,...,x{d-1},y (the test file may omit y) and one sample per row.
      KRR: the ridge --lambda is added to the kernel matrix's diagonal unscaled (scikit-learn's alpha);
      the Gaussian kernel is exp(-|x-x'|^2 / (2 sigma^2)).
      GP: --sigma and --lambda are the starting length scale and noise variance of the optimisation
      (signal variance starts at 1; bounds 1e-5...1e5), as scikit-learn's
      ConstantKernel(1) * RBF(sigma) + WhiteKernel(lambda).
      Symmetry (--symmetry): inversion (x -> -x), signs:0,1,2 (sign flips of those coordinates, Z2^m),
      o3 (rotations and reflections about the origin, d = 3), o2:x|y|z (about that axis, d = 3).
      Routes (--route): augment (train on every copy; o3/o2: --copies Haar samples), kernel (sum kernel
      for finite groups, the Haar-averaged kernel for o3/o2; the default), fourier
      (group-Fourier solve, sign flips only, KRR only). The GP takes augment or kernel.
      """)

  enum Model: String, ExpressibleByArgument { case krr, gp }

  @Option(help: "Training CSV (x0,...,x{d-1},y).") var train: String
  @Option(help: "Test CSV; with a y column the summary reports MAE and RMSE.") var test: String?
  @Option(help: "krr or gp.") var model: Model
  @Option(help: "gaussian, laplacian, matern32 or matern52.") var kernel: RadialKernelFamily = .gaussian
  // Numeric options take the next argument even when it starts with '-', so that a negative
  // value reaches validate() and is refused with the reason instead of "Missing value".
  @Option(parsing: .unconditional, help: "Kernel length scale (KRR) or its starting value (GP), > 0.") var sigma: Double?
  @Option(name: .customLong("lambda"), parsing: .unconditional, help: "Ridge (KRR) or starting noise variance (GP), > 0.") var ridge: Double?
  @Flag(help: "KRR: choose sigma and lambda by k-fold cross-validation on the training set.") var tune = false
  @Option(parsing: .unconditional, help: "Folds for --tune.") var folds = 5
  @Option(parsing: .unconditional, help: "GP: extra optimizer restarts from random starting points (0 to 1000).") var restarts = 0
  @Flag(help: "GP: normalise labels to zero mean and unit variance (scikit-learn's normalize_y).") var normalizeY = false
  @Option(parsing: .unconditional, help: "Seed for cross-validation folds and optimizer restarts.") var seed: UInt64 = 0
  @Option(help: "Write test predictions here (CSV: y_pred, plus y_std for a GP).") var predictions: String?
  @Option(help: "Write a JSON summary here.") var summary: String?
  @Option(help: "Label symmetry: inversion, signs:0,1,2, o3 or o2:x|y|z.") var symmetry: String?
  @Option(help: "How to use the symmetry: augment, kernel or fourier (default: kernel).") var route: RouteName?
  @Option(parsing: .unconditional, help: "Copies (identity plus Haar samples) for --route augment with o3/o2.") var copies = 64
  @Option(help: "KRR solver: dense, nystrom (Falkon CG with --centres M) or auto (the cost planner chooses).")
  var solver: SolverName = .dense
  @Option(parsing: .unconditional, help: "Nyström centres M (default: ceil(20 sqrt(N)), at most N).") var centres: Int?
  @Option(parsing: .unconditional, help: "Time budget per fit in seconds for --solver auto (default: none).") var timeBudget: Double?
  @Option(parsing: .unconditional, help: "Nyström: relative CG residual at which the iteration stops.") var cgTolerance = 1e-6
  @Option(parsing: .unconditional, help: "Nyström: CG iteration cap.") var maxIterations = 200
  @Option(help: "Nyström: cg (Falkon's preconditioned conjugate gradients, the default) or direct (the M × M normal equations by Cholesky: exact at any ridge, 2 N M² flops; no symmetry or --route kernel).")
  var method: NystromMethodName = .cg
  @Option(help: "Nyström: all (keep every centre, the default), numerical (keep the centres a pivoted Cholesky of K_mm finds independent to working precision) or a relative tolerance in [0, 1) such as 1e-12.")
  var centreRank: CentreRankArgument?
  @Flag(help: "Print the solver plan (peak memory and time of each solver) and exit without fitting.") var dryRun = false

  enum RouteName: String, ExpressibleByArgument { case augment, kernel, fourier }

  func validate() throws {
    for (option, value, what) in [("--sigma", sigma, "the kernel length scale (in the units of the inputs)"),
                                  ("--lambda", ridge, model == .gp ? "the noise variance" : "the ridge")] {
      if let value, !(value > 0 && value.isFinite) {
        throw ValidationError("\(option) is \(describe(value)); \(what) must be a finite number > 0, e.g. \(option == "--sigma" ? "0.5" : "1e-3").")
      }
    }
    if predictions != nil && test == nil {
      throw ValidationError("--predictions needs --test: there is nothing to predict.")
    }
    if model == .krr && !tune && (sigma == nil || ridge == nil) {
      throw ValidationError("KRR needs --sigma and --lambda, or --tune to choose them by cross-validation.")
    }
    if tune && model == .gp {
      throw ValidationError("--tune is for --model krr; a GP optimises its hyperparameters by marginal likelihood (add --restarts N for more starts).")
    }
    if tune && (sigma != nil || ridge != nil) {
      throw ValidationError("Give either --sigma and --lambda or --tune, not both.")
    }
    if folds < 2 { throw ValidationError("--folds is \(folds); use at least 2.") }
    if !(0...1000).contains(restarts) {
      throw ValidationError("--restarts is \(restarts); use 0 to 1000 (each restart is a full optimisation).")
    }
    if route != nil && symmetry == nil { throw ValidationError("--route needs --symmetry.") }
    if symmetry != nil && tune {
      throw ValidationError("--symmetry is not combined with --tune; give --sigma and --lambda.")
    }
    if symmetry != nil && model == .gp && route == .fourier {
      throw ValidationError("--route fourier is for --model krr; for a GP use --route augment or kernel.")
    }
    if copies < 1 { throw ValidationError("--copies is \(copies); use at least 1.") }
    try validateSolver()
  }

  func run() throws {
    let training = try CSV.readDataset(from: URL(fileURLWithPath: train))
    if dryRun {
      print(try solverPlan(training).description)
      if let c = centreRank, c.rank != .all {
        print("  (the Nyström estimate assumes all M centres; --centre-rank \(c.rank) keeps r ≤ M, known only after "
              + "the pivoted Cholesky of K_mm: 2 N r² instead of 2 N M² for the direct solve, plus M² kernel entries)")
      }
      return
    }
    let testSet = try test.map { try CSV.readSamples(from: URL(fileURLWithPath: $0)) }
    if let test, let testSet, testSet.inputs.rows == 0 {
      throw DatasetError(.malformedFile, "the test file has a header but no data rows; expected one sample per line after the header (a file whose lines were deleted, or whose line ends were lost, reads as empty)", file: test)
    }
    if let test, let testSet, testSet.inputs.columns != training.dimension {
      throw DatasetError(.shapeMismatch, "the test file has \(testSet.inputs.columns) input columns but the training file '\(train)' has \(training.dimension); give both the same input columns", file: test)
    }
    try checkCost(trainingCount: training.count, predictionCount: testSet?.inputs.rows ?? 0, dimension: training.dimension)
    switch kernel {
    case .gaussian: try run(training, testSet) { GaussianKernel(lengthScale: $0) }
    case .laplacian: try run(training, testSet) { LaplacianKernel(lengthScale: $0) }
    case .matern32: try run(training, testSet) { Matern32Kernel(lengthScale: $0) }
    case .matern52: try run(training, testSet) { Matern52Kernel(lengthScale: $0) }
    }
  }

  private func run<K: Kernel>(_ training: Dataset, _ testSet: (inputs: Matrix, labels: [Double]?)?,
                              makeKernel: @escaping @Sendable (Double) -> K) throws {
    let clock = ContinuousClock()
    var fields: [(String, JSONValue)] = [("model", .string(model.rawValue)), ("kernel", .string(kernel.rawValue))]
    let predictor: any Predictor
    var standardDeviations: [Double]? = nil
    var predicted: [Double]? = nil
    let t0 = clock.now
    var predictSeconds = 0.0
    switch model {
    case .krr:
      if tune {
        let scale = medianDistance(training.inputs)
        let widths = (0..<9).map { scale * pow(2, Double($0) - 4) }
        let ridges = (0..<10).map { pow(10, -10 + Double($0)) }
        var g = SeededGenerator(seed: seed)
        let result = try HyperparameterSearch(kernel: makeKernel, widths: widths, ridges: ridges, validation: .kFold(folds))
          .run(training.inputs, training.labels, using: &g)
        predictor = result.model
        fields.append(("hyperparameters", .object([("sigma", .number(result.width)), ("lambda", .number(result.ridge))])))
        fields.append(("cross_validation_rmse", .number(result.bestScore)))
      } else if solver != .dense, try solverPlan(training).chosen.solver == .nystrom {
        let (fitted, extra) = try fitNystrom(makeKernel(sigma!), training)
        predictor = fitted
        fields += extra
      } else if let symmetry = try parsedSymmetry(dimension: training.dimension) {
        let r = symmetryRoute(for: symmetry)
        predictor = try SymmetricKernelRidge(kernel: makeKernel(sigma!), ridge: ridge!, symmetry: symmetry, route: r,
                                             haarCopies: copies, seed: seed).fit(training.inputs, training.labels)
        fields.append(("hyperparameters", .object([("sigma", .number(sigma!)), ("lambda", .number(ridge!))])))
        fields.append(("symmetry", .string(symmetry.name)))
        fields.append(("route", .string(r.rawValue)))
      } else {
        let fitted = try KernelRidgeRegression(kernel: makeKernel(sigma!), ridge: ridge!).fit(training.inputs, training.labels)
        predictor = fitted
        fields.append(("hyperparameters", .object([("sigma", .number(sigma!)), ("lambda", .number(ridge!))])))
        if fitted.jitter > 0 { fields.append(("jitter_added", .number(fitted.jitter))) }
      }
    case .gp:
      let symmetry = try parsedSymmetry(dimension: training.dimension)
      var inputs = training.inputs, labels = training.labels
      if let symmetry {
        fields.append(("symmetry", .string(symmetry.name)))
        fields.append(("route", .string(symmetryRoute(for: symmetry).rawValue)))
      }
      let fitted: any FittedGaussianProcessProtocol
      switch (symmetry, symmetry.map(symmetryRoute(for:))) {
      case (let s?, .augment?):
        let data: AugmentedData
        if let finite = s as? any FiniteLabelSymmetry {
          data = try Augmentation.augment(inputs: inputs, labels: labels, by: finite)
        } else {
          var g = SeededGenerator(seed: seed)
          let continuous = s as! any ContinuousLabelSymmetry
          data = try Augmentation.augment(inputs: inputs, labels: labels, by: continuous, copies: copies, using: &g)
        }
        (inputs, labels) = (data.inputs, data.labels)
        fitted = try fitGP(makeKernel(sigma ?? 1), inputs, labels)
      case (let s?, .sumKernel?):
        let finite = s as! any FiniteLabelSymmetry
        fitted = try fitSumKernelGP(makeKernel(sigma ?? 1), finite, inputs, labels)
      case (let s?, .haarKernel?):
        guard let base = makeKernel(sigma ?? 1) as? any HaarAverageableKernel else {
          throw ValidationError("The o3/o2 kernel route has no Haar average for --kernel \(kernel.rawValue); use --route augment.")
        }
        fitted = try fitHaarGP(base, s, inputs, labels)
      default:
        fitted = try fitGP(makeKernel(sigma ?? 1), inputs, labels)
      }
      predictor = fitted
      fields.append(("hyperparameters", .object(fitted.hyperparameters.map { ($0.name, .number($0.value)) })))
      fields.append(("log_marginal_likelihood", .number(fitted.logMarginalLikelihood)))
      fields.append(("function_evaluations", .integer(fitted.functionEvaluations)))
      fields.append(("optimizer_converged", .bool(fitted.optimizerConverged)))
      if let testSet {
        let t1 = clock.now
        let (mean, std) = try fitted.meanAndStandardDeviation(testSet.inputs)
        predictSeconds = seconds(clock.now - t1)
        predicted = mean
        standardDeviations = std
      }
    }
    let fitSeconds = seconds(clock.now - t0) - predictSeconds
    if let testSet, predicted == nil {
      let t1 = clock.now
      predicted = try predictor.predict(testSet.inputs)
      predictSeconds = seconds(clock.now - t1)
    }
    fields += [("n_train", .integer(training.count)), ("n_test", .integer(testSet?.inputs.rows ?? 0)),
               ("dimension", .integer(training.dimension)),
               ("fit_seconds", .number(fitSeconds)), ("predict_seconds", .number(predictSeconds))]
    if let predicted, let k = predicted.firstIndex(where: { !$0.isFinite }) {
      throw CommandFailure("The prediction for test sample \(k + 1) is \(describe(predicted[k])): the model overflows on these data. Rescale the inputs and labels (e.g. to zero mean and unit variance) or raise --lambda.")
    }
    if let labels = testSet?.labels, let predicted {
      let m = try ErrorMetrics(predicted: predicted, truth: labels)
      guard m.mae.isFinite && m.rmse.isFinite && m.maxError.isFinite else {
        throw CommandFailure("The test errors overflow (the largest |prediction − label| is \(describe(m.maxError))): labels and predictions differ by more than 1.8e308. Rescale the labels (e.g. to zero mean and unit variance).")
      }
      fields += [("mae", .number(m.mae)), ("rmse", .number(m.rmse)), ("max_error", .number(m.maxError))]
      print("test MAE \(describe(m.mae)), RMSE \(describe(m.rmse)) on \(labels.count) samples")
    }
    if let path = predictions, let predicted {
      var columns = ["y_pred"]
      var values = predicted
      if let s = standardDeviations { columns.append("y_std"); values = zip(predicted, s).flatMap { [$0, $1] } }
      try CSV.write(CSVTable(columnNames: columns, values: Matrix(rows: predicted.count, columns: columns.count, elements: values)),
                    to: URL(fileURLWithPath: path))
    }
    let json = JSONValue.object(fields).rendered() + "\n"
    if let path = summary {
      do { try json.write(toFile: path, atomically: true, encoding: .utf8) } catch {
        throw CommandFailure("Cannot write the summary to '\(path)': \(FileProblem.writing(path)).")
      }
    } else {
      print(json, terminator: "")
    }
  }
}

/// The fitted-GP members `symscale fit` reports, for any kernel.
protocol FittedGaussianProcessProtocol: Predictor {
  var hyperparameters: [Hyperparameter] { get }
  var logMarginalLikelihood: Double { get }
  var functionEvaluations: Int { get }
  var optimizerConverged: Bool { get }
  func meanAndStandardDeviation(_ inputs: Matrix) throws -> (mean: [Double], std: [Double])
}

extension FittedGaussianProcess: FittedGaussianProcessProtocol {
  func meanAndStandardDeviation(_ inputs: Matrix) throws -> (mean: [Double], std: [Double]) {
    let (m, s) = try predictWithStandardDeviation(inputs)
    return (m, s)
  }
}

extension Fit {
  /// The --symmetry value as a symmetry on `dimension` coordinates (nil without --symmetry).
  func parsedSymmetry(dimension: Int) throws -> (any LabelSymmetry)? {
    guard let text = symmetry?.lowercased() else { return nil }
    let hint = "Use inversion, signs:0,1,2 (coordinates below \(dimension)), o3 or o2:x|y|z."
    if text == "inversion" { return try Inversion(dimension: dimension) }
    if text.hasPrefix("signs:") {
      let parts = text.dropFirst(6).split(separator: ",", omittingEmptySubsequences: false)
      let coordinates = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard coordinates.count == parts.count, !coordinates.isEmpty else {
        throw ValidationError("--symmetry '\(symmetry!)': the sign-flip coordinates must be integers. \(hint)")
      }
      return try SignFlips(dimension: dimension, coordinates: coordinates)
    }
    if text == "o3" || text.hasPrefix("o2:") {
      guard dimension == 3 else {
        throw ValidationError("--symmetry \(text) needs 3 input columns, the data have \(dimension). \(hint)")
      }
      if text == "o3" { return try Rotations(.o3) }
      let axes = ["x": [1.0, 0, 0], "y": [0, 1.0, 0], "z": [0, 0, 1.0]]
      guard let axis = axes[String(text.dropFirst(3))] else {
        throw ValidationError("--symmetry '\(symmetry!)': the axis must be x, y or z. \(hint)")
      }
      return try Rotations(.o2(axis: axis))
    }
    throw ValidationError("--symmetry '\(symmetry!)' is not known. \(hint)")
  }

  /// Refuses a symmetry whose group would make the fit out of reach (e.g. signs on 20
  /// coordinates: |G| = 2²⁰), with the estimate, before the group is built.
  func checkCost(trainingCount: Int, predictionCount: Int, dimension: Int) throws {
    guard let text = symmetry, let spec = try? SymmetrySpecification(parsing: text) else { return }
    let continuous: Bool = switch spec { case .o3, .o2: true; default: false }
    let route: SymmetryRoute = switch route ?? .kernel {
    case .augment: .augment
    case .fourier: .fourier
    case .kernel: continuous ? .haarKernel : .sumKernel
    }
    guard let order = spec.statedGroupOrder(route: route, haarCopies: copies) else { return }
    let operations = route.estimatedOperations(trainingCount: trainingCount, predictionCount: predictionCount,
                                               groupOrder: Int(min(order, 0x1p62)), dimension: dimension)
    if operations > SymmetryRoute.defaultOperationLimit {
      let group = continuous ? "with --copies \(copies)" : "has |G| = \(String(format: "%.0f", order)) elements"
      let fewer = continuous ? "Use fewer --copies or fewer samples." : "Flip fewer coordinates or use fewer samples."
      throw CommandFailure("--symmetry \(text) \(group): a fit on \(trainingCount) samples by route \((self.route ?? .kernel).rawValue) needs about \(String(format: "%.2g", operations)) floating-point operations, above the limit of \(String(format: "%.0g", SymmetryRoute.defaultOperationLimit)). \(fewer)")
    }
  }

  /// The library route for --route (default: the kernel route).
  func symmetryRoute(for symmetry: any LabelSymmetry) -> SymmetryRoute {
    switch route ?? .kernel {
    case .augment: .augment
    case .fourier: .fourier
    case .kernel: symmetry is any ContinuousLabelSymmetry ? .haarKernel : .sumKernel
    }
  }

  func fitGP<K: Kernel>(_ k: K, _ inputs: Matrix, _ labels: [Double]) throws -> any FittedGaussianProcessProtocol {
    try GaussianProcessRegression(kernel: k, signalVariance: 1, noiseLevel: ridge ?? 1, normalizesLabels: normalizeY,
                                  restarts: restarts, seed: seed).fit(inputs, labels)
  }

  func fitHaarGP<B: HaarAverageableKernel>(_ base: B, _ s: any LabelSymmetry, _ inputs: Matrix, _ labels: [Double]) throws
    -> any FittedGaussianProcessProtocol {
    try fitGP(try HaarAveragedKernel(base, symmetry: s), inputs, labels)
  }

  func fitSumKernelGP<K: Kernel, S: FiniteLabelSymmetry>(_ k: K, _ s: S, _ inputs: Matrix, _ labels: [Double]) throws
    -> any FittedGaussianProcessProtocol {
    try fitGP(try SymmetrizedKernel(k, symmetry: s), inputs, labels)
  }
}

/// Median of pairwise distances over (at most) the first 500 rows: the scale of a length-scale grid.
func medianDistance(_ x: Matrix) -> Double {
  let sub = x.rows(at: 0..<min(x.rows, 500))
  let d = PairwiseDistances.squared(sub)
  var values: [Double] = []
  for i in 0..<sub.rows { for j in 0..<i { values.append(d[i, j].squareRoot()) } }
  values.sort()
  return values.isEmpty ? 1 : max(values[values.count / 2], 1e-12)
}

func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
