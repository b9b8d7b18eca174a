import Foundation

extension StudyResult {
  /// The study as JSON: settings, per-variant points and fits, comparisons with the reference
  /// variant, and — in a separate top-level `timings` object, so that it can be excluded when
  /// comparing two runs — the wall-clock times.
  ///
  /// Contract (other fields may be added): `variants` is an array of objects with `name` and
  /// `points`, an array of `{"n", "mae_mean", "mae_std", "rmse_mean", …}` with increasing n.
  public func jsonReport() -> JSONValue {
    let comparisonsByName = Dictionary(uniqueKeysWithValues: comparisons.map { ($0.variant, $0) })
    let variantsJSON: [JSONValue] = variants.map { v in
      let points: [JSONValue] = v.summaries.map { s in
        .object([
          ("n", .integer(s.n)),
          ("mae_mean", .number(s.maeMean)),
          ("mae_std", .number(s.maeStandardDeviation)),
          ("rmse_mean", .number(s.rmseMean)),
          ("rmse_std", .number(s.rmseStandardDeviation)),
          ("max_error_mean", .number(s.maxErrorMean)),
          ("mae_min", .number(s.maeMinimum)),
          ("mae_max", .number(s.maeMaximum)),
          ("repeats", .integer(s.repeats)),
        ] + (s.coverage95Mean.map { [("coverage_95_mean", JSONValue.number($0))] } ?? [])
          + (s.meanNegativeLogPredictiveDensityMean.map { [("mean_nlpd_mean", JSONValue.number($0))] } ?? []))
      }
      var fields: [(String, JSONValue)] = [
        ("name", .string(v.name)),
        ("summary", .string(v.summary)),
        ("group_order", .integer(v.groupOrder)),
        ("maximum_size", v.maximumSize.map { .integer($0) } ?? .null),
        ("points", .array(points)),
      ]
      if let fit = v.powerLaw {
        fields.append(("power_law", .object([
          ("prefactor", .number(fit.prefactor)), ("exponent", .number(fit.exponent)),
          ("exponent_standard_error", .number(fit.slopeStandardError)),
          ("n_range", .array(fit.sizeRange.map { .integer($0) })),
        ])))
      }
      if let floor = v.floorEstimate {
        fields.append(("floor_fit", .object([
          ("floor", .number(floor.floor)), ("exponent", .number(floor.exponent)),
          ("fraction_of_last_mae", .number(floor.fractionOfLastError)),
        ])))
      }
      fields.append(("predicted_floor", .optional(v.predictedFloor)))
      fields.append(("expected_label_error", .optional(v.expectedLabelError)))
      if let c = comparisonsByName[v.name] {
        fields.append(("comparison", .object([
          ("reference", .string(c.reference)),
          ("median_efficiency_factor", .optional(c.medianEfficiencyFactor)),
          ("efficiency_factor_lower_bound", .optional(c.efficiencyLowerBound)),
          ("efficiency_factors", .array(c.efficiencyFactors.map {
            .object([("n", .integer($0.n)), ("factor", .number($0.factor)), ("extrapolated", .bool($0.isExtrapolated))])
          })),
          ("mae_ratio_to_reference_at_group_order_times_n", .array(c.ratiosAtScaledSize.map {
            .object([("n", .integer($0.n)), ("ratio", .number($0.ratio))])
          })),
          ("shared_slope_exponent", .optional(c.sharedSlopeExponent)),
          ("shared_slope_factor", .optional(c.sharedSlopeFactor)),
        ])))
      }
      fields.append(("runs", .array(v.runs.map { r in
        .object([
          ("n", .integer(r.n)), ("repeat", .integer(r.repeatIndex)), ("training_rows", .integer(r.trainingRows)),
          ("mae", .number(r.metrics.mae)), ("rmse", .number(r.metrics.rmse)), ("max_error", .number(r.metrics.maxError)),
          ("coverage_95", .optional(r.calibration?.coverage95)),
          ("mean_nlpd", .optional(r.calibration?.meanNegativeLogPredictiveDensity)),
          ("hyperparameters", .object(r.hyperparameters.sortedEntries.map { entry in
            switch entry.value {
            case .number(let v): (entry.name, .number(v))
            case .choice(let c): (entry.name, .string(c))
            }
          })),
        ])
      })))
      return .object(fields)
    }
    let timings: [(String, JSONValue)] = variants.map { v in
      (v.name, .array(v.runs.map { r in
        .object([("n", .integer(r.n)), ("repeat", .integer(r.repeatIndex)),
                 ("fit_seconds", .number(r.fitSeconds)), ("predict_seconds", .number(r.predictSeconds)),
                 ("selection_seconds", .number(r.selectionSeconds))])
      }))
    }
    return .object([
      ("study", .string(name)),
      ("summary", .string(summary)),
      ("seed", .string(String(seed))),
      ("sizes", .array(sizes.map { .integer($0) })),
      ("repeats", .integer(repeats)),
      ("test_count", .integer(testCount)),
      ("pool_count", .integer(poolCount)),
      ("label_unit", .string(labelUnit)),
      ("reference_variant", .string(referenceVariant)),
      ("variants", .array(variantsJSON)),
      ("timings", .object(timings)),
    ])
  }
}
