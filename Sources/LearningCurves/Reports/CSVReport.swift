import Foundation

extension StudyResult {
  /// One row per variant × size × repeat. The timing columns come last so that
  /// `cut -d, -f1-12` gives the part that is byte-identical between two runs with one seed.
  public func csvReport() -> String {
    var lines = ["study,variant,n,repeat,training_rows,mae,rmse,max_error,label_unit,hyperparameters,coverage_95,mean_nlpd,fit_seconds,predict_seconds,selection_seconds"]
    for v in variants {
      for r in v.runs {
        lines.append([name, v.name, String(r.n), String(r.repeatIndex), String(r.trainingRows),
                      String(format: "%.17g", r.metrics.mae), String(format: "%.17g", r.metrics.rmse),
                      String(format: "%.17g", r.metrics.maxError), labelUnit, r.hyperparameters.description,
                      r.calibration.map { String(format: "%.17g", $0.coverage95) } ?? "",
                      r.calibration.map { String(format: "%.17g", $0.meanNegativeLogPredictiveDensity) } ?? "",
                      String(format: "%.6f", r.fitSeconds), String(format: "%.6f", r.predictSeconds),
                      String(format: "%.6f", r.selectionSeconds)].joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
