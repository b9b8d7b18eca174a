import Datasets
import Foundation
import LearningCurves
import LinearAlgebra
import Regression
import Testing
import _TestSupport

private func decode(_ json: String) throws(LearningCurvesError) -> StudyConfiguration {
  try StudyConfiguration(json: Data(json.utf8), baseDirectory: URL(fileURLWithPath: "/nonexistent"))
}

/// A water-pes configuration with one variant besides `none`.
private func waterPES(_ variant: String, sizes: String = "[16, 32]", extra: String = "") -> String {
  """
  {"name": "w", "seed": 3, "sizes": \(sizes), "repeats": 1, "validation": 60, "test": 200, \(extra)
   "source": {"kind": "water-pes"},
   "grid": {"length_scales": [1.5, 3], "ridges": [1e-8, 1e-4]},
   "variants": [{"name": "none"}, \(variant)]}
  """
}

private func message(_ body: () throws -> Void) -> String {
  do { try body() } catch let error as LearningCurvesError { return error.description } catch { return "\(error)" }
  return "no error"
}

@Suite("StudyConfiguration: models (kernels, regressors, soft trust, baselines)")
struct StudyConfigurationModelTests {
  @Test("model fields decode; study-wide kernels apply to variants that name none")
  func decoding() throws {
    let c = try decode(waterPES(#"""
      {"name": "soft", "symmetry": "reflection:0,1", "taylor_order": 3, "exact": "signs:2", "route": "fourier",
       "soft": true, "copy_ridges": [1e-4, 1e-2], "baseline": "taylor3", "kernels": ["laplacian", "gaussian"]},
      {"name": "gp", "regressor": "gp", "restarts": 1, "symmetry": "signs:2"}
      """#, extra: #""kernels": ["matern52"], "#))
    let soft = c.variants[1], gp = c.variants[2]
    #expect(soft.exact == .signs([2]) && soft.soft && soft.copyRidges == [1e-4, 1e-2] && soft.baseline == .taylor3)
    #expect(soft.kernels == [.laplacian, .gaussian])
    #expect(gp.regressor == .gp && gp.restarts == 1 && gp.kernels == nil)
    #expect(c.kernels == [.matern52])
    let study = try c.makeStudy()
    #expect(study.variants[2].candidates.allSatisfy { $0.choice("kernel") == "matern52" })
    // soft: 2 families × 2 ℓ × 2 λ × baseline {none, taylor3} × trust {full, none}
    #expect(study.variants[1].candidates.count == 2 * 2 * 2 * 2 * 2)
    #expect(study.variants[1].refineCandidates != nil)
  }

  @Test("a soft variant from a config runs, records its trust and is not worse than none at the larger size")
  func softRuns() throws {
    let c = try decode(waterPES(#"""
      {"name": "soft", "symmetry": "reflection:0,1", "taylor_order": 3, "exact": "signs:2", "route": "fourier", "soft": true},
      {"name": "delta", "baseline": "taylor3"}
      """#, sizes: "[16, 64]"))
    let result = try StudyRunner.run(try c.makeStudy(), progress: nil)
    let soft = try #require(result.variant("soft")), none = try #require(result.variant("none"))
    #expect(soft.runs.allSatisfy { ["full", "soft", "none"].contains($0.hyperparameters.choice("trust") ?? "") })
    #expect(soft.curve.errors[0] < 0.5 * none.curve.errors[0], "N = 16: soft \(soft.curve.errors[0]), none \(none.curve.errors[0])")
    #expect(soft.curve.errors[1] <= 1.1 * none.curve.errors[1], "N = 64: soft \(soft.curve.errors[1]), none \(none.curve.errors[1])")
    let delta = try #require(result.variant("delta"))
    #expect(delta.runs.allSatisfy { ["none", "taylor3"].contains($0.hyperparameters.choice("baseline") ?? "") })
  }

  @Test("bad model fields are refused, naming the value and the valid choices")
  func badInput() {
    func variantError(_ v: String) -> String { message { _ = try decode(waterPES(v)).makeStudy() } }
    #expect(variantError(#"{"name": "k", "kernels": ["cauchy"]}"#)
      == "Unknown kernel 'cauchy' in variants[1]; valid kernels are gaussian, laplacian, matern32, matern52.")
    #expect(variantError(#"{"name": "k", "kernels": []}"#)
      == "'kernels' in variants[1] is empty; list at least one of gaussian, laplacian, matern32, matern52.")
    #expect(variantError(#"{"name": "r", "regressor": "svm"}"#) == "Unknown regressor 'svm' in variants[1]; valid regressors are krr, gp.")
    #expect(variantError(#"{"name": "b", "baseline": "taylor4"}"#) == "Unknown baseline 'taylor4' in variants[1]; valid baselines are taylor2, taylor3.")
    #expect(variantError(#"{"name": "s", "symmetry": "reflection:0", "soft": true, "copy_ridges": [-1]}"#)
      == "'copy_ridges' in variants[1] contains -1.0; give intermediate ε² values > 0 (0 and ∞ are always tried), e.g. [1e-6, 1e-4, 1e-2].")
    #expect(variantError(#"{"name": "s", "symmetry": "reflection:0", "soft": true, "route": "kernel", "sector_weights": [1.5]}"#)
      == "'sector_weights' in variants[1] contains 1.5; give intermediate weights in (0, 1) (0 and 1 are always tried), e.g. [0.01, 0.1].")
    #expect(variantError(#"{"name": "s", "copy_ridges": [0.1]}"#)
      == "variants[1] ('s') gives 'copy_ridges' without \"soft\": true; add it, or remove the grid.")
    #expect(variantError(#"{"name": "s", "soft": true}"#)
      == "variants[1] ('s') says \"soft\": true but has no symmetry to trust; give 'symmetry', or remove 'soft'.")
    #expect(variantError(#"{"name": "e", "exact": "reflection:0"}"#)
      == "'exact' in variants[1] is 'reflection:0'; the symmetry inside the kernel must be an exact finite group: inversion, signs:i,j, permutation:… or molecule:exact.")
    #expect(variantError(#"{"name": "g", "regressor": "gp", "symmetry": "reflection:0", "soft": true}"#)
      == "Variant 'g' cannot be built: a Gaussian process has no per-copy ridge: on route 'fourier' it trusts the symmetry fully; use full trust, sector weights on the kernel route ('kernel', fitted by the marginal likelihood), or KRR for a copy-ridge search.")
    #expect(variantError(#"{"name": "g", "regressor": "gp", "symmetry": "signs:2", "route": "augment"}"#)
      == "Variant 'g' cannot be built: a Gaussian process cannot use route augment; use 'fourier' for sign flips (the same augmented process by |G| solves of size N), the sum kernel ('kernel') or the Haar kernel ('haar').")
  }

  @Test("a GP variant on the group-Fourier route runs from a config and records its fitted hyperparameters")
  func gaussianProcessOnFourierRoute() throws {
    let c = try decode(waterPES(#"""
      {"name": "gp-q3", "regressor": "gp", "restarts": 0, "symmetry": "signs:2", "route": "fourier"}
      """#, sizes: "[24]"))
    let result = try StudyRunner.run(try c.makeStudy(), progress: nil)
    let gp = try #require(result.variant("gp-q3"))
    #expect(gp.summary == "GP, Z2^1 sign flips on [2], route fourier")
    #expect(gp.groupOrder == 2)
    let run = gp.runs[0]
    #expect(run.hyperparameters["signal_variance"] != nil && run.hyperparameters["length_scale"] != nil)
    #expect(run.calibration != nil)
    #expect(result.csvReport().contains(",gp-q3,24,0,24,"))
  }

  @Test("a baseline on a CSV source needs force constants, and says so")
  func baselineWithoutConstants() throws {
    let dir = try BuiltProducts.temporaryFolder("config-baseline")
    defer { try? FileManager.default.removeItem(at: dir) }
    var text = "x0,y\n"
    for i in 0..<60 { let x = Double(i) / 30 - 1; text += "\(x),\(x * x)\n" }
    try text.write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let json = #"{"name": "c", "sizes": [8], "repeats": 1, "validation": 10, "test": 20, "source": {"kind": "csv", "path": "d.csv"}, "variants": [{"name": "none"}, {"name": "delta", "baseline": "taylor2"}]}"#
    let c = try StudyConfiguration(json: Data(json.utf8), baseDirectory: dir)
    let error = message { _ = try c.makeStudy() }
    #expect(error == "Variant 'delta' (symmetry none): a Taylor polynomial of order 2 (taylor_order or baseline) needs the Hessian at the equilibrium; the built-in constants exist only for the water and molecule sources, so give 'hessian' (and 'cubic' for order 3) in label units.")
    // With the Hessian given, the baseline is T₂ = x² (H = 2) and Δ-learning fits the residual 0.
    let withHessian = try StudyConfiguration(json: Data(json.replacingOccurrences(of: #""baseline": "taylor2""#,
                                                                                   with: #""baseline": "taylor2", "hessian": [[2]]"#).utf8),
                                             baseDirectory: dir)
    let result = try StudyRunner.run(try withHessian.makeStudy(), progress: nil)
    let run = try #require(result.variant("delta")?.runs.first)
    #expect(run.hyperparameters.choice("baseline") == "taylor2")
    #expect(run.metrics.mae < 1e-9)
  }

  @Test("solver and centres decode; a Nyström variant runs from a config and records its solver and M")
  func solverFields() throws {
    let c = try decode(waterPES(#"""
      {"name": "ny", "solver": "nystrom", "centres": 12},
      {"name": "auto-q3", "symmetry": "signs:2", "route": "kernel", "solver": "auto"}
      """#))
    #expect(c.variants.map(\.solver) == [.dense, .nystrom(centres: 12), .automatic(centres: nil)])
    let result = try StudyRunner.run(try c.makeStudy(), progress: nil)
    let runs = result.variants[1].runs
    #expect(runs.map { $0.hyperparameters.choice("solver") } == ["nystrom", "nystrom"])
    #expect(runs.map { $0.hyperparameters["centres"] } == [12, 12])
    // Small sizes fit the default planner's budgets: `auto` takes the dense solve.
    #expect(result.variants[2].runs.allSatisfy { $0.hyperparameters.choice("solver") == "dense" })
    #expect(result.variants[0].runs.allSatisfy { $0.hyperparameters.choice("solver") == nil })
  }

  @Test("centre_rank decodes and a Nyström variant with it records the centres it kept")
  func centreRankField() throws {
    let c = try decode(waterPES(#"""
      {"name": "ny", "solver": "nystrom", "centres": 12, "centre_rank": 0.01},
      {"name": "ny-all", "solver": "auto", "centre_rank": "all"},
      {"name": "ny-num", "solver": "nystrom", "centre_rank": "numerical"}
      """#))
    #expect(c.variants.map(\.centreRank) == [.all, .tolerance(0.01), .all, .numerical])
    let result = try StudyRunner.run(try c.makeStudy(), progress: nil)
    for run in result.variants[1].runs {
      // A squared feature-space residual of 1 % of k(c, c) drops some of 12 centres.
      let kept = try #require(run.hyperparameters["centres_kept"])
      #expect(kept >= 1 && kept < 12, "kept \(kept)")
      #expect(run.hyperparameters["centres"] == 12)
    }
  }

  @Test("bad centre_rank values are refused, naming the value and what to give")
  func badCentreRank() throws {
    #expect(message { _ = try decode(waterPES(#"{"name": "x", "solver": "nystrom", "centre_rank": 1.5}"#)) }
            .contains("'centre_rank' in variants[1] ('x') is 1.5; a tolerance must be in [0, 1)"))
    #expect(message { _ = try decode(waterPES(#"{"name": "x", "solver": "nystrom", "centre_rank": "some"}"#)) }
            .contains("Unknown centre_rank 'some' in variants[1]; give \"all\", \"numerical\""))
    #expect(message { _ = try decode(waterPES(#"{"name": "x", "centre_rank": "numerical"}"#)) }
            .contains("gives 'centre_rank' with the dense solver"))
    #expect(message { _ = try decode(waterPES(#"{"name": "x", "solver": "nystrom", "centre_rank": true}"#)) }
            .contains("centre_rank"))
  }

  @Test("bad solver fields are refused, naming the value and the valid choices")
  func badSolverFields() throws {
    #expect(message { _ = try decode(waterPES(#"{"name": "x", "solver": "falkon"}"#)) }
            .contains("Unknown solver 'falkon' in variants[1]; valid solvers are dense, nystrom, auto."))
    #expect(message { _ = try decode(waterPES(#"{"name": "x", "centres": 64}"#)) }
            .contains("gives 'centres' with the dense solver; add \"solver\": \"nystrom\" or \"auto\", or remove 'centres'."))
    #expect(message { _ = try decode(waterPES(#"{"name": "x", "solver": "nystrom", "centres": 0}"#)) }.contains("centres"))
    // Sector weights live in the kernel: Nyström takes a symmetric kernel at full trust or copies with a copy ridge.
    let weights = message {
      _ = try decode(waterPES(#"{"name": "x", "symmetry": "reflection:0,1", "soft": true, "route": "kernel", "sector_weights": [0.1], "solver": "nystrom"}"#)).makeStudy()
    }
    #expect(weights.contains("solver Nyström takes a symmetry through a symmetric kernel at full trust (route 'kernel' or 'haar') or as copies with a copy ridge"), "\(weights)")
    // A soft variant on the Fourier route now runs by Nyström on the augmented rows.
    let soft = try decode(waterPES(#"{"name": "x", "symmetry": "reflection:0,1", "soft": true, "route": "fourier", "solver": "nystrom", "centres": 16}"#))
    let result = try StudyRunner.run(try soft.makeStudy(), progress: nil)
    #expect(result.variants[1].runs.allSatisfy { $0.hyperparameters.choice("solver") == "nystrom" && $0.metrics.mae.isFinite })
  }

  @Test("sizes above the dense limit pass the limit check only when no variant uses the dense solver")
  func sizesPastTheDenseLimit() throws {
    let big = "[\(MemoryBudget.largestSquareOrder() + 1)]"
    let nystrom = try decode(waterPES(#"{"name": "ny", "solver": "auto"}"#, sizes: big).replacingOccurrences(
      of: #"{"name": "none"}, "#, with: ""))
    try nystrom.checkLimits()
    #expect(message { _ = try decode(waterPES(#"{"name": "ny", "solver": "auto"}"#, sizes: big)) }
            .contains("(the largest N whose N × N kernel matrix fits the memory budget of "))
  }
}
