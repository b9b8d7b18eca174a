import Foundation

extension StudyResult {
  /// One row per variant × size × repeat. The timing columns come last so that
  /// `cut -d, -f1-10` gives the part that is byte-identical between two runs with one seed.
  public func csvReport() -> String {
    var lines = ["study,variant,n,repeat,training_rows,mae,rmse,max_error,label_unit,hyperparameters,fit_seconds,predict_seconds"]
    for v in variants {
      for r in v.runs {
        let hyper = r.hyperparameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(JSONValue.format($0.value))" }.joined(separator: ";")
        lines.append([name, v.name, String(r.n), String(r.repeatIndex), String(r.trainingRows),
                      printed(r.metrics.mae, "%.17g"), printed(r.metrics.rmse, "%.17g"),
                      printed(r.metrics.maxError, "%.17g"), labelUnit, hyper,
                      String(format: "%.6f", r.fitSeconds), String(format: "%.6f", r.predictSeconds)].joined(separator: ","))
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
