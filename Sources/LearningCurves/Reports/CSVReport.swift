import Foundation

extension StudyResult {
  /// One row per variant × size × repeat. The timing columns come last so that
  /// `cut -d, -f1-12` gives the part that is byte-identical between two runs with one seed.
  public func csvReport() -> String {
    var lines = ["study,variant,n,repeat,training_rows,mae,rmse,max_error,label_unit,hyperparameters,coverage_95,mean_nlpd,fit_seconds,predict_seconds,selection_seconds"]
    for v in variants {
      for r in v.runs {
        lines.append([name, v.name, String(r.n), String(r.repeatIndex), String(r.trainingRows),
                      printed(r.metrics.mae, "%.17g"), printed(r.metrics.rmse, "%.17g"),
                      printed(r.metrics.maxError, "%.17g"), labelUnit, r.hyperparameters.description,
                      r.calibration.map { printed($0.coverage95, "%.17g") } ?? "",
                      r.calibration.map { printed($0.meanNegativeLogPredictiveDensity, "%.17g") } ?? "",
                      String(format: "%.6f", r.fitSeconds), String(format: "%.6f", r.predictSeconds),
                      String(format: "%.6f", r.selectionSeconds)].joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// `x` with a printf format for reports and tables: NaN as `nan` (never `-nan`), and `-0`
/// (also a negative value that rounds to zero, such as `-0.00`) without its sign.
func printed(_ x: Double, _ format: String) -> String {
  if x.isNaN { return "nan" }
  let text = String(format: format, x)
  return text.hasPrefix("-") && text.dropFirst().allSatisfy({ "0.".contains($0) }) ? String(text.dropFirst()) : text
}
