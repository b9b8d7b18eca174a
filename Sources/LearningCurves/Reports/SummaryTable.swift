import Foundation

extension StudyResult {
  /// A short plain-text table: per variant the power-law slope b (MAE ≈ a·N^(−b)) with its
  /// standard error, the median efficiency factor (or `> bound` when the variant beats the
  /// reference's best error already at its smallest sizes) and the shared-slope factor against the
  /// reference variant, the mean MAE at the smallest and largest N, the fitted floor (`none`
  /// when the curve does not flatten) and the floor predicted by the symmetry diagnostics.
  ///
  /// - Returns: a header line naming the study, the label unit, repeats and test samples, a
  ///   column header, and one line per variant (no trailing newline).
  /// - Complexity: the fits of ``comparisons``, O(variants · sizes).
  public func summaryTable() -> String {
    let byName = Dictionary(uniqueKeysWithValues: comparisons.map { ($0.variant, $0) })
    var lines = ["\(name) — MAE in \(labelUnit), \(repeats) repeats, \(testCount) test samples"]
    lines.append(Self.pad("variant", 20) + Self.pad("slope b", 14) + Self.pad("factor", 9) + Self.pad("shared", 9)
                 + Self.pad("MAE(N min)", 12) + Self.pad("MAE(N max)", 12) + Self.pad("floor fit", 11) + "predicted floor")
    for v in variants {
      let s = v.summaries
      let slope = v.powerLaw.flatMap { $0.exponent.isFinite ? printed($0.exponent, "%.2f") + " ± " + printed($0.slopeStandardError, "%.2f") : nil } ?? "–"
      let c = byName[v.name]
      let factor = c?.medianEfficiencyFactor.map { printed($0, "%.1f") }
        ?? c?.efficiencyLowerBound.map { String(format: "> %.0f", $0) } ?? "–"
      let shared = c?.sharedSlopeFactor.map { printed($0, "%.1f") } ?? "–"
      let floorFit = v.floorEstimate.map { $0.fractionOfLastError > 0.3 ? Self.format($0.floor) : "none" } ?? "–"
      lines.append(Self.pad(v.name, 20) + Self.pad(slope, 14) + Self.pad(factor, 9) + Self.pad(shared, 9)
                   + Self.pad(Self.format(s.first?.maeMean), 12) + Self.pad(Self.format(s.last?.maeMean), 12)
                   + Self.pad(floorFit, 11) + Self.format(v.predictedFloor))
    }
    return lines.joined(separator: "\n")
  }

  private static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
  }

  private static func format(_ v: Double?) -> String {
    guard let v, v.isFinite else { return "–" }
    return printed(v, "%.3g")
  }
}
