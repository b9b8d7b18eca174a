import Foundation

extension StudyResult {
  /// A log–log learning-curve plot as a standalone SVG document: one line per variant with
  /// markers at the mean MAE, bars spanning the smallest to the largest MAE over repeats (a spread
  /// that stays positive on a log axis, unlike mean ± s.d.), predicted
  /// floors as dashed lines in the variant's colour, labelled axes with units, and a legend.
  public func svgPlot(width: Double = 760, height: Double = 500) -> String {
    let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
    let left = 84.0, right = 230.0, top = 46.0, bottom = 62.0
    let plotW = width - left - right, plotH = height - top - bottom

    // Data ranges (log10), padded to whole decades where that does not waste too much space.
    let allSummaries = variants.flatMap(\.summaries)
    let xs = allSummaries.map { Double($0.n) }
    var ys = allSummaries.flatMap { [$0.maeMean, $0.maeMinimum, $0.maeMaximum] }
    ys += variants.compactMap(\.predictedFloor).filter { $0 > 0 }
    ys = ys.filter { $0 > 0 && $0.isFinite }
    let x0 = log10(xs.min() ?? 1) - 0.08, x1 = log10(xs.max() ?? 10) + 0.08
    var y0 = log10(ys.min() ?? 1e-3), y1 = log10(ys.max() ?? 1)
    if y1 - y0 < 1 { let mid = (y0 + y1) / 2; y0 = mid - 0.5; y1 = mid + 0.5 }
    y0 -= 0.05 * (y1 - y0); y1 += 0.05 * (y1 - y0)
    func px(_ n: Double) -> Double { left + (log10(n) - x0) / (x1 - x0) * plotW }
    func py(_ e: Double) -> Double { top + (y1 - log10(e)) / (y1 - y0) * plotH }
    func f(_ v: Double) -> String { String(format: "%.2f", v) }

    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="13">
      <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="white"/>
      <text x="\(f(left + plotW / 2))" y="26" text-anchor="middle" font-size="16" font-weight="bold">\(xmlEscaped(name))</text>

      """
    // Grid and ticks: decades labelled, 2–9 unlabelled minor ticks.
    for k in Int(Foundation.floor(x0))...Int(ceil(x1)) {
      for m in 1...9 {
        let v = Double(m) * pow(10, Double(k))
        let lv = log10(v)
        guard lv >= x0 && lv <= x1 else { continue }
        let x = px(v)
        svg += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + plotH))\" stroke=\"#e4e4e4\" stroke-width=\"\(m == 1 ? 1 : 0.5)\"/>\n"
        if m == 1 || m == 2 || m == 5 {
          svg += "<text x=\"\(f(x))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\">\(tickLabel(v))</text>\n"
        }
      }
    }
    for k in Int(Foundation.floor(y0))...Int(ceil(y1)) {
      for m in 1...9 {
        let v = Double(m) * pow(10, Double(k))
        let lv = log10(v)
        guard lv >= y0 && lv <= y1 else { continue }
        let y = py(v)
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y))\" stroke=\"#e4e4e4\" stroke-width=\"\(m == 1 ? 1 : 0.5)\"/>\n"
        if m == 1 || (y1 - y0 < 2.5 && (m == 2 || m == 5)) {
          svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(tickLabel(v))</text>\n"
        }
      }
    }
    svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#333\"/>\n"
    svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 18))\" text-anchor=\"middle\">training-set size N (samples before augmentation)</text>\n"
    svg += "<text transform=\"translate(22 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">test MAE (\(xmlEscaped(labelUnit)))</text>\n"

    // Curves.
    for (i, v) in variants.enumerated() {
      let color = palette[i % palette.count]
      let s = v.summaries.filter { $0.maeMean > 0 }
      if let floor = v.predictedFloor, floor > 0, log10(floor) >= y0, log10(floor) <= y1 {
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(floor)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(floor)))\" stroke=\"\(color)\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\" opacity=\"0.8\"/>\n"
      }
      let path = s.enumerated().map { j, p in "\(j == 0 ? "M" : "L")\(f(px(Double(p.n)))) \(f(py(p.maeMean)))" }.joined(separator: " ")
      svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
      for p in s {
        let x = px(Double(p.n))
        if p.maeMaximum > p.maeMinimum, p.maeMinimum > 0 {
          let hi = py(p.maeMaximum), lo = py(p.maeMinimum)
          svg += "<line x1=\"\(f(x))\" y1=\"\(f(hi))\" x2=\"\(f(x))\" y2=\"\(f(lo))\" stroke=\"\(color)\" stroke-width=\"1.2\"/>\n"
          for y in [hi, lo] {
            svg += "<line x1=\"\(f(x - 4))\" y1=\"\(f(y))\" x2=\"\(f(x + 4))\" y2=\"\(f(y))\" stroke=\"\(color)\" stroke-width=\"1.2\"/>\n"
          }
        }
        svg += "<circle cx=\"\(f(x))\" cy=\"\(f(py(p.maeMean)))\" r=\"3.5\" fill=\"\(color)\"/>\n"
      }
    }
    // Legend.
    var ly = top + 8
    let lx = left + plotW + 16
    for (i, v) in variants.enumerated() {
      let color = palette[i % palette.count]
      svg += "<line x1=\"\(f(lx))\" y1=\"\(f(ly))\" x2=\"\(f(lx + 26))\" y2=\"\(f(ly))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
      svg += "<circle cx=\"\(f(lx + 13))\" cy=\"\(f(ly))\" r=\"3.5\" fill=\"\(color)\"/>\n"
      svg += "<text x=\"\(f(lx + 34))\" y=\"\(f(ly + 4))\">\(xmlEscaped(v.name))</text>\n"
      ly += 22
    }
    if variants.contains(where: { $0.predictedFloor != nil }) {
      svg += "<line x1=\"\(f(lx))\" y1=\"\(f(ly))\" x2=\"\(f(lx + 26))\" y2=\"\(f(ly))\" stroke=\"#555\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>\n"
      svg += "<text x=\"\(f(lx + 34))\" y=\"\(f(ly + 4))\">predicted floor</text>\n"
      ly += 22
    }
    svg += "<text x=\"\(f(lx))\" y=\"\(f(ly + 8))\" font-size=\"11\" fill=\"#555\">bars: min…max over \(repeats) repeat\(repeats == 1 ? "" : "s")</text>\n"
    svg += "<text x=\"\(f(lx))\" y=\"\(f(ly + 24))\" font-size=\"11\" fill=\"#555\">seed \(seed)</text>\n"
    svg += "<text x=\"\(f(lx))\" y=\"\(f(ly + 40))\" font-size=\"11\" fill=\"#555\">\(testCount) test samples</text>\n"
    svg += "</svg>\n"
    return svg
  }
}

private func tickLabel(_ v: Double) -> String {
  let e = Int(Foundation.floor(log10(v) + 1e-9))
  let m = (v / pow(10, Double(e))).rounded()
  if e >= 0 && e <= 4 { return String(Int(v.rounded())) }
  if e < 0 && e >= -3 { return String(format: "%.\(-e)f", v) }
  return m == 1 ? "1e\(e)" : "\(Int(m))e\(e)"
}

private func xmlEscaped(_ s: String) -> String {
  s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
