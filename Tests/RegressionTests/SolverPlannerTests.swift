import Foundation
import LinearAlgebra
import Regression
import Testing
import _TestSupport

@Suite("Solver planner")
struct SolverPlannerTests {
  /// Round numbers so that every formula can be evaluated by hand.
  static let unit = MachineCalibration(blas3FlopsPerSecond: 1e10, kernelEntriesPerSecond: 1e8,
                                       secondsPerEntryAndCoordinate: 1e-9, memoryBytesPerSecond: 1e10)

  @Test("dense and group-Fourier estimates follow their formulas")
  func exactFormulas() {
    let planner = SolverPlanner(calibration: Self.unit, memoryBudget: 1 << 40)
    let dense = planner.exactEstimate(PlanningProblem(samples: 1000, dimension: 3))
    #expect(dense.solver == .dense && dense.peakBytes == 8 * 1000 * 1000 + 8 * 1000 * 5)
    expectClose(dense.seconds, 1e6 / 2 / 1e8 + 1e9 / 3 / 1e10, relative: 1e-12)
    // d = 5: two coordinates beyond the third add 2e-9 s per entry.
    let wide = planner.exactEstimate(PlanningProblem(samples: 1000, dimension: 5))
    expectClose(wide.seconds, 5e5 * (1e-8 + 2e-9) + 1e9 / 3 / 1e10, relative: 1e-12)
    let sum = planner.exactEstimate(PlanningProblem(samples: 1000, dimension: 3, groupOrder: 4, route: .sumKernel))
    #expect(sum.peakBytes == 16 * 1000 * 1000 + 8 * 1000 * 5)
    expectClose(sum.seconds, 4 * 5e5 / 1e8 + 1e9 / 3 / 1e10, relative: 1e-12)
    let fourier = planner.exactEstimate(PlanningProblem(samples: 1000, dimension: 3, groupOrder: 8, route: .fourier))
    #expect(fourier.solver == .groupFourier && fourier.peakBytes == 9 * 8 * 1000 * 1000 + 8 * 1000 * 5)
    expectClose(fourier.seconds, 8e6 / 1e8 + 24 * 8 * 3 * 1e6 / 1e10 + 8 * 1e9 / 3 / 1e10, relative: 1e-12)
    let augment = planner.exactEstimate(PlanningProblem(samples: 100, dimension: 3, groupOrder: 2, route: .augment))
    #expect(augment.peakBytes == 8 * 200 * 200 + 2 * 8 * 100 * 5)
  }

  @Test("Nyström estimates follow their formula, kept and recomputed")
  func nystromFormula() {
    let planner = SolverPlanner(calibration: Self.unit, memoryBudget: 1 << 40, expectedIterations: 10)
    let p = PlanningProblem(samples: 10_000, dimension: 3, ridges: 2)
    let kept = planner.nystromEstimate(p, centres: 100)
    #expect(kept.keepsKernelBlocks)
    #expect(kept.peakBytes == 8 * 100 * 100 * 4 + 8 * 10_000 * 5 + 8 * 10_000 * 100)
    let factor = 4 * 1e6 / 3 / 1e10
    let kernel = (1e4 + 1e6) / 1e8
    let passes = 10 * (16 * 1e6 + 48 * 1e4 * 2) / 1e10
    expectClose(kept.seconds, factor + kernel + passes, relative: 1e-12)
    let recomputed = planner.nystromEstimate(p, centres: 100, storage: .recomputed)
    #expect(!recomputed.keepsKernelBlocks && recomputed.peakBytes == 8 * 100 * 100 * 4 + 8 * 10_000 * 5 + (8 << 20))
    expectClose(recomputed.seconds, factor + (1e4 + 10 * 1e6) / 1e8 + 10 * (16 * 1e6 * 0.25 + 48 * 1e4 * 2) / 1e10,
                relative: 1e-12)
    // The group-Fourier route: |G| channels, |G| kernel calls per entry.
    let fourier = planner.nystromEstimate(PlanningProblem(samples: 10_000, dimension: 3, groupOrder: 4, route: .fourier),
                                          centres: 100, storage: .kept, iterations: 10)
    #expect(fourier.peakBytes == 4 * 8 * 100 * 100 * 3 + 8 * 10_000 * 5 + 4 * 8 * 10_000 * 100)
  }

  @Test("the direct Nyström estimate follows its formula (one pass, no iterations) and is chosen per request")
  func directFormula() throws {
    let planner = SolverPlanner(calibration: Self.unit, memoryBudget: 1 << 40, expectedIterations: 10)
    let p = PlanningProblem(samples: 10_000, dimension: 3, groupOrder: 2, route: .sumKernel, ridges: 3)
    let direct = planner.nystromEstimate(p, centres: 100, method: .direct)
    let block = (8 << 20) / (8 * 100)  // 10 485 rows, capped at N
    #expect(!direct.keepsKernelBlocks)
    #expect(direct.peakBytes == 24 * 100 * 100 + 16 * min(block, 10_000) * 100 + 8 * 10_000 * 5)
    expectClose(direct.seconds, 2 * (1e4 + 1e6) / 1e8 + (2 * 1e4 * 1e4 + 4 * 1e6 / 3) / 1e10, relative: 1e-12)
    // 40 of 400 centres kept: the solve with r = 40 plus the pivoted Cholesky (|G| M² entries, 3 M² r flops).
    let pruned = planner.nystromEstimate(p, centres: 400, method: .direct, keptCentres: 40)
    let kept = planner.nystromEstimate(p, centres: 40, method: .direct)
    #expect(pruned.centres == 40 && pruned.formula.hasSuffix("40 of 400 centres kept"))
    expectClose(pruned.seconds, kept.seconds + 2 * 400 * 400 / 1e8 + 3 * 400 * 400 * 40 / 1e10, relative: 1e-12)
    #expect(pruned.peakBytes == max(kept.peakBytes, 8 * 400 * 400 + 8 * 10_000 * 5))
    // The group-Fourier route has no direct path: the CG formula is used.
    let fourier = PlanningProblem(samples: 10_000, dimension: 3, groupOrder: 4, route: .fourier)
    #expect(planner.nystromEstimate(fourier, centres: 100, method: .direct)
            == planner.nystromEstimate(fourier, centres: 100))
    let hurried = SolverPlanner(calibration: Self.unit, memoryBudget: 1 << 30, timeBudget: 1)
    let plan = try hurried.plan(PlanningProblem(samples: 10_000, dimension: 3), request: .automatic(centres: 500), method: .direct)
    #expect(plan.chosen.solver == .nystrom && plan.chosen.formula.hasPrefix("direct"))
  }

  @Test("automatic takes the exact solver when it fits, else Nyström")
  func automaticChoice() throws {
    let small = SolverPlanner(calibration: Self.unit, memoryBudget: 1 << 30)
    #expect(try small.plan(PlanningProblem(samples: 4000, dimension: 3), request: .automatic(centres: nil)).chosen.solver == .dense)
    let large = try small.plan(PlanningProblem(samples: 100_000, dimension: 3), request: .automatic(centres: 2000))
    #expect(large.chosen.solver == .nystrom && large.chosen.centres == 2000)
    #expect(large.description.contains("→ nystrom M=2000"))
    // A time budget pushes a dense fit that fits in memory to Nyström.
    let hurried = SolverPlanner(calibration: Self.unit, memoryBudget: 1 << 30, timeBudget: 1)
    #expect(try hurried.plan(PlanningProblem(samples: 10_000, dimension: 3), request: .automatic(centres: 500)).chosen.solver == .nystrom)
  }

  @Test("a plan that does not fit is refused with bytes needed and available")
  func refusal() throws {
    let planner = SolverPlanner(calibration: Self.unit, memoryBudget: 1_000_000)
    let error = #expect(throws: RegressionError.self) {
      try planner.plan(PlanningProblem(samples: 1000, dimension: 3), request: .automatic(centres: 200), storage: .kept)
    }
    #expect(error?.code == .exceedsMemoryBudget)
    #expect(error?.description == "No solver fits the budget for N = 1000, d = 3, |G| = 1: dense needs 8040000 bytes "
      + "(7.7 MiB) and about 0.0383 s; nystrom with M = 200 needs 2600000 bytes (2.5 MiB) and about 0.0186 s; "
      + "available: 1000000 bytes (976.6 KiB). Use fewer samples or centres M, recomputed kernel blocks, or raise the budget.")
    let centres = #expect(throws: RegressionError.self) {
      try planner.plan(PlanningProblem(samples: 100, dimension: 3), request: .nystrom(centres: 101))
    }
    #expect(centres?.description == "The number of centres M is 101; it must be between 1 and the number of samples N = 100.")
  }
}
