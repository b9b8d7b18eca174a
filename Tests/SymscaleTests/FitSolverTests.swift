// End-to-end tests of `symscale fit --solver` (Nyström and the cost planner).
import Foundation
import Testing
import _TestSupport

@Suite("symscale fit --solver")
struct FitSolverTests {
  typealias S = SymscaleTests

  @Test("Nyström with every sample a centre reproduces scikit-learn's KRR predictions")
  func nystromEqualsKRR() throws {
    let ours = try SymscaleTests().fit(["--solver", "nystrom", "--centres", "200", "--cg-tolerance", "1e-12"])
    let theirs = try S.predictions(try S.fixture("krr_pred", "csv"))
    #expect(zip(ours, theirs).map { abs($0 - $1) }.max()! / theirs.map(abs).max()! <= 1e-7)
  }

  @Test("--method direct with every sample a centre reproduces scikit-learn's KRR, and the summary names the method")
  func directEqualsKRR() throws {
    let ours = try SymscaleTests().fit(["--solver", "nystrom", "--centres", "200", "--method", "direct"])
    let theirs = try S.predictions(try S.fixture("krr_pred", "csv"))
    #expect(zip(ours, theirs).map { abs($0 - $1) }.max()! / theirs.map(abs).max()! <= 1e-7)
    let path = S.temporary("direct-summary.json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = try S.run(["fit", "--model", "krr", "--train", try S.fixture("train", "csv"), "--sigma", "0.5", "--lambda", "1e-3",
                       "--solver", "nystrom", "--centres", "60", "--method", "direct", "--symmetry", "signs:0,1,2",
                       "--route", "kernel", "--summary", path])
    #expect(r.status == 0, "stderr: \(r.err)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    #expect(json["method"] as? String == "direct" && json["route"] as? String == "sumKernel")
  }

  @Test("--dry-run prints the plan and fits nothing; auto picks dense for 200 samples")
  func dryRun() throws {
    let r = try S.run(["fit", "--model", "krr", "--train", try S.fixture("train", "csv"), "--sigma", "0.5",
                       "--lambda", "1e-3", "--solver", "auto", "--centres", "50", "--dry-run"])
    #expect(r.status == 0, "stderr: \(r.err)")
    let lines = r.out.split(separator: "\n")
    #expect(lines.count == 3, "stdout: \(r.out)")
    #expect(lines.first?.hasPrefix("plan for N = 200, d = 3, |G| = 1, 1 ridge(s); budget ") == true)
    #expect(lines.dropFirst().first?.hasPrefix("→ dense") == true && lines.last?.contains("nystrom M=50 kept") == true)
    let ranked = try S.run(["fit", "--model", "krr", "--train", try S.fixture("train", "csv"), "--sigma", "0.5",
                            "--lambda", "1e-3", "--solver", "nystrom", "--centres", "50", "--centre-rank", "numerical",
                            "--dry-run"])
    #expect(ranked.status == 0 && ranked.out.split(separator: "\n").count == 4, "stdout: \(ranked.out)")
    #expect(ranked.out.contains("the Nyström estimate assumes all M centres; --centre-rank numerical keeps r ≤ M"))
  }

  @Test("the summary reports the solver, M and the CG outcome; a symmetry goes through its Nyström route")
  func summary() throws {
    let path = S.temporary("summary.json")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = try S.run(["fit", "--model", "krr", "--train", try S.fixture("train", "csv"), "--test", try S.fixture("test", "csv"),
                       "--sigma", "0.5", "--lambda", "1e-3", "--solver", "nystrom", "--centres", "60",
                       "--symmetry", "signs:0,1,2", "--route", "fourier", "--summary", path])
    #expect(r.status == 0, "stderr: \(r.err)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    #expect(json["solver"] as? String == "nystrom" && json["centres"] as? Int == 60 && json["route"] as? String == "fourier")
    #expect((json["cg_relative_residual"] as? Double ?? 1) <= 1e-6 && (json["cg_iterations"] as? Int ?? 0) >= 1)
  }

  @Test("solver options that do not apply are usage errors that say what to change")
  func usageErrors() throws {
    let train = try S.fixture("train", "csv")
    let gp = try S.run(["fit", "--model", "gp", "--train", train, "--solver", "nystrom"])
    #expect(gp.status == 64 && gp.err.contains("--solver nystrom is for --model krr; a GP is solved densely."), "stderr: \(gp.err)")
    let centres = try S.run(["fit", "--model", "krr", "--train", train, "--sigma", "1", "--lambda", "1", "--centres", "5"])
    #expect(centres.status == 64 && centres.err.contains("--centres is for --solver nystrom or auto."), "stderr: \(centres.err)")
    let direct = try S.run(["fit", "--model", "krr", "--train", train, "--sigma", "1", "--lambda", "1", "--solver", "nystrom",
                            "--method", "direct", "--symmetry", "signs:0", "--route", "fourier"])
    #expect(direct.status == 64 && direct.err.contains("--method direct solves Nyström without a symmetry or with --route kernel; the fourier route uses CG (--method cg)."),
            "stderr: \(direct.err)")
    let dense = try S.run(["fit", "--model", "krr", "--train", train, "--sigma", "1", "--lambda", "1", "--method", "direct"])
    #expect(dense.status == 64 && dense.err.contains("--method is for --solver nystrom or auto."), "stderr: \(dense.err)")
    let many = try S.run(["fit", "--model", "krr", "--train", train, "--sigma", "1", "--lambda", "1", "--solver", "nystrom",
                          "--centres", "500"])
    #expect(many.status == 1 && many.err.contains("The number of centres M is 500; it must be between 1 and the number of samples N = 200."),
            "stderr: \(many.err)")
  }

  @Test("--centre-rank keeps the independent centres, records how many, and agrees with all centres where they are dependent")
  func centreRank() throws {
    let train = try S.fixture("train", "csv")
    func run(_ rank: [String], _ name: String) throws -> ([String: Any], [Double]) {
      let summary = S.temporary("rank-\(name).json"), predictions = S.temporary("rank-\(name).csv")
      defer { try? FileManager.default.removeItem(atPath: summary); try? FileManager.default.removeItem(atPath: predictions) }
      let r = try S.run(["fit", "--model", "krr", "--train", train, "--test", try S.fixture("test", "csv"), "--sigma", "8",
                         "--lambda", "1e-6", "--solver", "nystrom", "--centres", "200", "--method", "direct",
                         "--summary", summary, "--predictions", predictions] + rank)
      #expect(r.status == 0, "stderr: \(r.err)")
      let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summary))) as? [String: Any])
      return (json, try S.predictions(predictions))
    }
    let (all, pAll) = try run([], "all")
    #expect(all["centres_kept"] as? Int == 200 && all["centre_rank"] as? String == "all")
    let (numerical, pNumerical) = try run(["--centre-rank", "numerical"], "numerical")
    let kept = try #require(numerical["centres_kept"] as? Int)
    #expect(kept < 200 && numerical["centre_rank"] as? String == "numerical", "kept \(kept)")
    // σ = 8 on inputs in a cube of side 4: the dropped centres are combinations of the kept ones to
    // working precision, so the predictions agree to the solve's own conditioning.
    #expect(zip(pAll, pNumerical).map { abs($0 - $1) }.max()! <= 1e-4 * pAll.map(abs).max()!)
    let (coarse, _) = try run(["--centre-rank", "1e-6"], "coarse")
    #expect((coarse["centres_kept"] as? Int ?? 200) < kept)
  }

  @Test("--centre-rank values that do not apply are refused with what to give instead")
  func centreRankErrors() throws {
    let train = try S.fixture("train", "csv")
    let base = ["fit", "--model", "krr", "--train", train, "--sigma", "1", "--lambda", "1"]
    let dense = try S.run(base + ["--centre-rank", "numerical"])
    #expect(dense.status == 64 && dense.err.contains("--centre-rank is for --solver nystrom or auto."), "stderr: \(dense.err)")
    let wide = try S.run(base + ["--solver", "nystrom", "--centre-rank", "2"])
    #expect(wide.status == 64 && wide.err.contains("--centre-rank is 2.0; give all, numerical, or a relative tolerance in [0, 1) such as 1e-12."),
            "stderr: \(wide.err)")
    let word = try S.run(base + ["--solver", "nystrom", "--centre-rank", "some"])
    #expect(word.status == 64 && word.err.contains("'some'"), "stderr: \(word.err)")
    let fourier = try S.run(base + ["--solver", "nystrom", "--centre-rank", "numerical", "--symmetry", "signs:0", "--route", "fourier"])
    #expect(fourier.status == 64 && fourier.err.contains("--centre-rank does not apply to the group-Fourier route, whose centres must stay closed under the group"),
            "stderr: \(fourier.err)")
  }
}
