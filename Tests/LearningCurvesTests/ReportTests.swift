import Foundation
import LearningCurves
import Testing
import _TestSupport

@Suite("Reports")
struct ReportTests {
  /// A synthetic two-variant study with known numbers.
  static func sample() -> StudyResult {
    func runs(scale: Double) -> [RunRecord] {
      [16, 32, 64].flatMap { n in
        (0..<2).map { r in
          let mae = scale * 10 / Double(n) * (r == 0 ? 0.9 : 1.1)
          return RunRecord(repeatIndex: r, n: n, trainingRows: n, metrics: ErrorMetrics(mae: mae, rmse: 1.5 * mae, maxError: 4 * mae),
                           hyperparameters: ["length_scale": 0.5, "ridge": 1e-6], fitSeconds: 0.25, predictSeconds: 0.125)
        }
      }
    }
    return StudyResult(name: "toy", summary: "synthetic", seed: 42, sizes: [16, 32, 64], repeats: 2, testCount: 100,
                       poolCount: 1000, labelUnit: "cm⁻¹",
                       variants: [VariantResult(name: "none", summary: "plain", groupOrder: 1, runs: runs(scale: 1)),
                                  VariantResult(name: "q3", summary: "exact Z2", groupOrder: 2, runs: runs(scale: 0.5), predictedFloor: 0.01)])
  }

  @Test("the summary table the examples print is public API: a header line, a column header, one line per variant")
  func summaryTable() {
    let lines = Self.sample().summaryTable().split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[0] == "toy — MAE in cm⁻¹, 2 repeats, 100 test samples")
    #expect(lines[1].hasPrefix("variant             slope b       factor   shared   MAE(N min)  MAE(N max)  floor fit  predicted floor"))
    // Mean MAE at N = 16 and 64: 10/16 and 10/64 (none), half of that (q3); q3's predicted floor 0.01.
    #expect(lines[2].hasPrefix("none ") && lines[2].contains(" 0.625 ") && lines[2].contains(" 0.156 "))
    #expect(lines[3].hasPrefix("q3 ") && lines[3].contains(" 0.312 ") && lines[3].hasSuffix("0.01"))
    #expect(!lines.joined().contains("nan"))
  }

  @Test("tables and CSV never print -nan or -0: NaN errors print as nan or –, a slope of -0.0001 as 0.00")
  func noNegativeNaNOrZero() {
    func runs(_ errors: [Double]) -> [RunRecord] {
      zip([16, 32, 64], errors).map { n, e in
        RunRecord(repeatIndex: 0, n: n, trainingRows: n, metrics: ErrorMetrics(mae: e, rmse: e, maxError: e),
                  hyperparameters: [:], fitSeconds: 0, predictSeconds: 0)
      }
    }
    let result = StudyResult(name: "edge", summary: "", seed: 1, sizes: [16, 32, 64], repeats: 1, testCount: 1, poolCount: 1,
                             labelUnit: "1", variants: [
                               VariantResult(name: "none", summary: "", groupOrder: 1, runs: runs([1.0, 1.0001, 1.0002])),
                               VariantResult(name: "broken", summary: "", groupOrder: 2, runs: runs([-Double.nan, -Double.nan, -Double.nan])),
                             ])
    let table = result.summaryTable(), csv = result.csvReport()
    #expect(!table.contains("-nan") && !table.contains("-0.00") && !csv.contains("-nan"), "\(table)\n\(csv)")
    #expect(table.split(separator: "\n")[2].hasPrefix("none                0.00 ± 0.00"), "\(table)")
    #expect(csv.contains("edge,broken,16,0,16,nan,nan,nan,1,"))
  }

  @Test("the JSON report follows the contract: variants with name and points of n, mae_mean, mae_std, rmse_mean")
  func jsonContract() throws {
    let text = Self.sample().jsonReport().rendered()
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["study"] as? String == "toy")
    let variants = try #require(object["variants"] as? [[String: Any]])
    #expect(variants.map { $0["name"] as? String } == ["none", "q3"])
    let points = try #require(variants[0]["points"] as? [[String: Any]])
    #expect(points.map { $0["n"] as? Int } == [16, 32, 64])
    let first = points[0]
    // mean of 0.9·10/16 and 1.1·10/16, sample s.d. of the two.
    expectClose(first["mae_mean"] as! Double, 10.0 / 16, relative: 1e-12)
    expectClose(first["mae_std"] as! Double, (0.2 * 10 / 16) / 2.0.squareRoot(), relative: 1e-12)
    expectClose(first["rmse_mean"] as! Double, 1.5 * 10 / 16, relative: 1e-12)
    expectClose(first["mae_min"] as! Double, 0.9 * 10 / 16, relative: 1e-12)
    expectClose(first["mae_max"] as! Double, 1.1 * 10 / 16, relative: 1e-12)
    let comparison = try #require(variants[1]["comparison"] as? [String: Any])
    expectClose(comparison["median_efficiency_factor"] as! Double, 2, relative: 1e-9)
    #expect(object["timings"] != nil)
  }

  @Test("the CSV report has one row per variant × size × repeat, timings last")
  func csvRows() {
    let lines = Self.sample().csvReport().split(separator: "\n")
    #expect(lines.count == 1 + 2 * 3 * 2)
    #expect(lines[0].hasSuffix("fit_seconds,predict_seconds,selection_seconds"))
    #expect(lines[1].hasPrefix("toy,none,16,0,16,0.5625"))
  }

  @Test("the SVG plot is well-formed XML with a line, markers and a legend entry per variant")
  func svgShape() throws {
    let svg = Self.sample().svgPlot()
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(balancedTags(svg), "every opened element is closed, in order")
    #expect(svg.components(separatedBy: "<path ").count - 1 == 2)
    #expect(svg.components(separatedBy: "<circle ").count - 1 == 2 * 3 + 2)
    #expect(svg.contains("stroke-dasharray"))  // the predicted floor of q3
    #expect(svg.contains("test MAE (cm⁻¹)"))
    #expect(svg.contains("bars: min…max over 2 repeats"))
  }

  @Test("writing creates the three files, and an unwritable folder throws with the path")
  func writing() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("symscale-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let urls = try Self.sample().write(to: folder)
    #expect(urls.map(\.lastPathComponent) == ["toy.json", "toy.csv", "toy.svg"])
    #expect(urls.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    let error = #expect(throws: LearningCurvesError.self) {
      try Self.sample().write(to: URL(fileURLWithPath: "/proc/no-such-place/out"))
    }
    #expect(error?.code == .unwritableOutput)
    #expect(error?.description.contains("/proc/no-such-place/out") == true)
  }
}

/// A small well-formedness check: every start tag is self-closed or closed in order.
private func balancedTags(_ xml: String) -> Bool {
  var stack: [String] = []
  var rest = Substring(xml)
  while let open = rest.firstIndex(of: "<") {
    guard let close = rest[open...].firstIndex(of: ">") else { return false }
    let tag = rest[rest.index(after: open)..<close]
    rest = rest[rest.index(after: close)...]
    if tag.hasPrefix("/") {
      guard stack.popLast() == String(tag.dropFirst()) else { return false }
    } else if !tag.hasSuffix("/") {
      stack.append(String(tag.prefix { $0 != " " }))
    }
  }
  return stack.isEmpty
}

@Suite("Comparisons beyond the reference's range")
struct ComparisonBoundTests {
  @Test("a variant that beats the reference's best error at its smallest size gets a lower bound, not an extrapolated median")
  func lowerBound() throws {
    func runs(_ errors: [Int: Double]) -> [RunRecord] {
      errors.sorted { $0.key < $1.key }.map { n, e in
        RunRecord(repeatIndex: 0, n: n, trainingRows: n, metrics: ErrorMetrics(mae: e, rmse: e, maxError: e),
                  hyperparameters: [:], fitSeconds: 0, predictSeconds: 0)
      }
    }
    let result = StudyResult(
      name: "bound", summary: "", seed: 1, sizes: [16, 64, 256], repeats: 1, testCount: 1, poolCount: 1, labelUnit: "1",
      variants: [VariantResult(name: "none", summary: "", groupOrder: 1, runs: runs([16: 1.0, 64: 0.5, 256: 0.25])),
                 VariantResult(name: "o3", summary: "", groupOrder: 0, runs: runs([16: 0.1, 64: 0.01, 256: 0.001]))])
    let c = try #require(result.comparisons.first)
    #expect(c.medianEfficiencyFactor == nil)
    #expect(c.efficiencyLowerBound == 16)  // 256 / 16: even N = 16 beats none at N = 256
    #expect(result.summaryTable().contains("> 16"))
  }
}
