import Foundation
import LinearAlgebra
import Regression
import Symmetries

extension SymmetrySpecification {
  /// |G| as the text states it, without building the group: 2 for `inversion`, 2^m for
  /// `signs:` and `reflection:` with m coordinates, 1 for `none` and for `o3`/`o2` through the
  /// closed-form Haar kernel, `haarCopies` for `o3`/`o2` augmented; `nil` for
  /// `permutation:` (its order is known only from the closure) and the `molecule:` symmetries (known
  /// once the molecule is read).
  public func statedGroupOrder(route: SymmetryRoute, haarCopies: Int) -> Double? {
    switch self {
    case .none: 1
    case .inversion: 2
    case .signs(let c), .reflection(let c): pow(2, Double(c.count))
    case .o3, .o2: route == .augment ? Double(haarCopies) : 1
    case .permutations, .moleculeExact, .moleculeApproximate: nil
    }
  }
}

extension StudyConfiguration {
  /// Estimated floating-point operations of one variant over the whole study: every repeat,
  /// size and hyperparameter candidate fits on N samples and predicts the validation set, and
  /// the chosen model predicts the test set (`SymmetryRoute.estimatedOperations(trainingCount:predictionCount:groupOrder:dimension:)`).
  ///
  /// ```
  /// repeats · Σ_N [candidates · (fit(N) + predict(validation)) + predict(test)]
  /// ```
  ///
  /// - Parameters:
  ///   - spec: the variant.
  ///   - groupOrder: |G| (``SymmetrySpecification/statedGroupOrder(route:haarCopies:)``, or
  ///     the built group's order).
  ///   - dimension: the data's input dimension.
  ///   - candidates: the number of hyperparameter candidates.
  /// - Complexity: O(sizes).
  public func estimatedOperations(of spec: VariantSpecification, groupOrder: Double, dimension: Int, candidates: Int) -> Double {
    let route = spec.symmetry == .none ? SymmetryRoute.sumKernel : spec.resolvedRoute
    let g = Int(min(groupOrder, 0x1p62))  // beyond this the estimate is far over any limit anyway
    let perRepeat = sizes.reduce(0.0) { sum, n in
      let fit = route.estimatedOperations(trainingCount: n, predictionCount: 0, groupOrder: g, dimension: dimension)
      let select = route.estimatedOperations(trainingCount: n, predictionCount: validation, groupOrder: g, dimension: dimension)
      let score = route.estimatedOperations(trainingCount: n, predictionCount: test, groupOrder: g, dimension: dimension) - fit
      return sum + Double(candidates) * select + score
    }
    return Double(repeats) * perRepeat
  }

  /// Throws when a variant's estimated cost exceeds `SymmetryRoute.defaultOperationLimit`,
  /// naming the group order, the estimate and what to change.
  func checkCost(_ spec: VariantSpecification, dimension: Int, candidates: Int) throws(LearningCurvesError) {
    let route = spec.resolvedRoute
    var order = spec.symmetry.statedGroupOrder(route: route, haarCopies: spec.haarCopies)
    if order == nil, case .permutations(let generators) = spec.symmetry, generators.allSatisfy({ $0.count == dimension }) {
      // The closure is bounded (CoordinatePermutations' maximum order); errors are reported later.
      order = (try? CoordinatePermutations(dimension: dimension, generators: generators)).map { Double($0.order) }
    }
    guard let order, spec.solver == .dense else { return }  // Nyström and `auto` are planned per fit
    let operations = estimatedOperations(of: spec, groupOrder: order, dimension: dimension, candidates: candidates)
    let limit = SymmetryRoute.defaultOperationLimit
    guard operations > limit else { return }
    throw LearningCurvesError(.invalidStudy,
      "Variant '\(spec.name)' (symmetry \(spec.symmetry), |G| = \(Self.format(order, exactBelow: 1e15)), route \(route.configurationName)) "
        + "would need about \(Self.format(operations)) floating-point operations over the study (\(repeats) repeats, "
        + "sizes up to \(sizes.max() ?? 0), \(candidates) hyperparameter candidates, dimension \(dimension)), above the limit of "
        + "\(Self.format(limit)). Use a smaller group (fewer coordinates), smaller sizes or fewer repeats.")
  }

  /// Checks sizes, repeats and counts before any data are drawn or read: sizes from 1 to the
  /// largest N whose N × N kernel matrix fits `MemoryBudget.bytes` (2³¹ when no variant uses the
  /// dense solver), repeats from 1 to
  /// ``Study/maximumRepeats``, validation and test counts ≥ 1 whose predictions at the largest
  /// size fit the budget, and a pool size (largest size plus validation) that does not overflow.
  ///
  /// - Throws: ``LearningCurvesError`` `.invalidConfiguration` naming the value and its limit.
  public func checkLimits() throws(LearningCurvesError) {
    // Nyström (`nystrom` or `auto` in every variant) never forms an N × N matrix: sizes up to 2³¹.
    let dense = variants.contains { $0.solver == .dense }
    let largest = dense ? MemoryBudget.largestSquareOrder() : 1 << 31
    if sizes.isEmpty {
      throw LearningCurvesError(.invalidConfiguration, "No training sizes were given; give at least one, e.g. 16,32,64.")
    }
    if let bad = sizes.first(where: { !(1...largest).contains($0) }) {
      throw LearningCurvesError(.invalidConfiguration,
        "Training size \(bad) is outside 1…\(largest); sizes must be ≥ 1, and \(largest) is the largest N whose N × N kernel matrix fits the memory budget of \(MemoryBudget.format(bytes: MemoryBudget.bytes)).")
    }
    if !(1...Study.maximumRepeats).contains(repeats) {
      throw LearningCurvesError(.invalidConfiguration, "repeats is \(repeats); it must be from 1 to \(Study.maximumRepeats) (e.g. 3).")
    }
    if validation < 1 || test < 1 {
      throw LearningCurvesError(.invalidConfiguration,
        "The validation and test counts are \(validation) and \(test); both must be at least 1 (e.g. 100 and 500).")
    }
    let maxN = sizes.max() ?? 1
    if maxN.addingReportingOverflow(validation).overflow {
      throw LearningCurvesError(.invalidConfiguration,
        "The largest size \(maxN) plus \(validation) validation samples overflows; lower the validation count.")
    }
    // Every fit predicts the validation set, and the chosen one the test set, against N samples.
    for (field, count) in [("validation", validation), ("test", test)] where dense {
      do { try MemoryBudget.check(rows: count, columns: maxN) } catch {
        let most = MemoryBudget.bytes / 8 / maxN
        throw LearningCurvesError(.invalidConfiguration,
          "'\(field)' is \(count): predicting \(count) samples at the largest size \(maxN) needs a \(count) × \(maxN) kernel matrix, above the memory budget of \(MemoryBudget.format(bytes: MemoryBudget.bytes)); use at most \(most).")
      }
    }
  }

  /// A count for messages: whole numbers below `exactBelow` in full, others as 1.2e+13.
  static func format(_ x: Double, exactBelow: Double = 1e6) -> String {
    x < exactBelow && x == x.rounded() ? String(Int(x)) : String(format: "%.2g", x)
  }
}
