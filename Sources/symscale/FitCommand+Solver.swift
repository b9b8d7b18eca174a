import ArgumentParser
import Datasets
import Foundation
import LearningCurves
import LinearAlgebra
import Regression
import Symmetries

/// `--solver` values of `symscale fit`.
enum SolverName: String, ExpressibleByArgument, CaseIterable {
  case dense, nystrom, auto
}

/// `--method` values of `symscale fit`: how Nyström solves.
enum NystromMethodName: String, ExpressibleByArgument, CaseIterable {
  case cg, direct

  var method: NystromSolveMethod { self == .cg ? .conjugateGradient : .direct }
}

/// `--centre-rank` values of `symscale fit`: all, numerical, or a relative tolerance in [0, 1).
struct CentreRankArgument: ExpressibleByArgument {
  let rank: CentreRank

  init?(argument: String) {
    switch argument.lowercased() {
    case "all": rank = .all
    case "numerical": rank = .numerical
    default:
      guard let t = Double(argument) else { return nil }
      rank = .tolerance(t)
    }
  }

  static var defaultCompletionKind: CompletionKind { .list(["all", "numerical", "1e-12"]) }
}

extension Fit {
  func validateSolver() throws {
    if solver != .dense && model == .gp {
      throw ValidationError("--solver \(solver.rawValue) is for --model krr; a GP is solved densely.")
    }
    if solver != .dense && tune {
      throw ValidationError("--solver \(solver.rawValue) is not combined with --tune; give --sigma and --lambda.")
    }
    if centres != nil && solver == .dense {
      throw ValidationError("--centres is for --solver nystrom or auto.")
    }
    if let m = centres, m < 1 { throw ValidationError("--centres is \(m); use at least 1 (and at most N).") }
    if let t = timeBudget, !(t > 0) { throw ValidationError("--time-budget is \(t); use a number of seconds > 0.") }
    if method == .direct && solver == .dense { throw ValidationError("--method is for --solver nystrom or auto.") }
    if let c = centreRank {
      if solver == .dense { throw ValidationError("--centre-rank is for --solver nystrom or auto.") }
      if case .tolerance(let t) = c.rank, !(t >= 0 && t < 1) {
        throw ValidationError("--centre-rank is \(t); give all, numerical, or a relative tolerance in [0, 1) such as 1e-12.")
      }
      if c.rank != .all && route == .fourier {
        throw ValidationError("--centre-rank does not apply to the group-Fourier route, whose centres must stay closed under the group; use --route kernel or augment, or drop --centre-rank.")
      }
    }
    if method == .direct && (route == .fourier || route == .augment) {
      throw ValidationError("--method direct solves Nyström without a symmetry or with --route kernel; the \(route!.rawValue) route uses CG (--method cg).")
    }
  }

  /// The solver plan for this command's KRR fit: the route's exact solver and Nyström, chosen per
  /// --solver. Dense requests are planned too (so --dry-run shows the numbers).
  func solverPlan(_ training: Dataset) throws -> SolverPlan {
    let symmetry = try parsedSymmetry(dimension: training.dimension)
    let order = (symmetry as? any FiniteLabelSymmetry)?.order ?? 1
    let problem = PlanningProblem(samples: training.count, dimension: training.dimension, groupOrder: order,
                                  route: symmetry.map(symmetryRoute(for:)))
    let request: SolverRequest
    switch solver {
    case .dense: request = .dense
    case .nystrom: request = .nystrom(centres: centres)
    case .auto: request = .automatic(centres: centres)
    }
    return try SolverPlanner(timeBudget: timeBudget).plan(problem, request: request, method: method.method)
  }

  /// Fits Nyström KRR (with the symmetry's route when --symmetry is given) and returns the summary fields.
  func fitNystrom<K: Kernel>(_ kernel: K, _ training: Dataset) throws -> (any Predictor, [(String, JSONValue)]) {
    let m = centres ?? NystromKernelRidge<K>.suggestedCentres(samples: training.count)
    var settings = NystromKernelRidge(kernel: kernel, ridge: ridge!, centres: m, seed: seed, tolerance: cgTolerance,
                                      maximumIterations: maxIterations)
    settings.method = method.method
    settings.centreRank = centreRank?.rank ?? .all
    var fields: [(String, JSONValue)] = [("hyperparameters", .object([("sigma", .number(sigma!)), ("lambda", .number(ridge!))])),
                                         ("solver", .string("nystrom")), ("centres", .integer(m)),
                                         ("method", .string(method.rawValue))]
    let report: NystromReport
    let predictor: any Predictor
    if let symmetry = try parsedSymmetry(dimension: training.dimension) {
      let route = symmetryRoute(for: symmetry)
      let fitted = try SymmetricNystromKernelRidge(nystrom: settings, symmetry: symmetry, route: route)
        .fit(training.inputs, training.labels)
      (predictor, report) = (fitted, fitted.report)
      fields += [("symmetry", .string(symmetry.name)), ("route", .string(route.rawValue))]
    } else {
      let fitted = try settings.fit(training.inputs, training.labels)
      (predictor, report) = (fitted, fitted.report)
    }
    fields += [("cg_iterations", .integer(report.iterations)), ("cg_relative_residual", .number(report.relativeResidual)),
               ("kept_kernel_blocks", .bool(report.keptKernelBlocks)), ("centres_kept", .integer(report.centreCount)),
               ("centre_rank", .string((centreRank?.rank ?? .all).description))]
    return (predictor, fields)
  }
}
