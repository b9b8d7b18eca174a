import Datasets
import LinearAlgebra

/// A learning-curve study: a training pool, a fixed test set, log-spaced training sizes,
/// seeded repeats and the variants to compare.
///
/// In repeat r the pool is shuffled with a generator derived from `seed` and r; the first
/// `validationCount` samples are the held-out set on which each variant chooses its
/// hyperparameters, and the training set of size N is the next N samples. Training sets are
/// therefore nested within a repeat (N₁ < N₂ ⇒ set₁ ⊂ set₂), and every variant sees the same
/// samples — the differences between curves are the variants', not the draws'. The test set is
/// used once per fit, after the choice, to score it.
public struct Study: Sendable {
  public var name: String
  public var summary: String
  /// Unit of labels and errors, for reports.
  public var labelUnit: String
  public var pool: Dataset
  public var test: Dataset
  public var sizes: [Int]
  public var repeats: Int
  public var validationCount: Int
  public var seed: UInt64
  public var variants: [Variant]
  /// The variant others are compared with (efficiency factors).
  public var referenceVariant: String

  /// The most repeats a study runs: each repeat shuffles the pool and fits every variant at
  /// every size, so 10 000 repeats are already hours of work for the smallest study.
  public static let maximumRepeats = 10_000

  /// A study, validated.
  ///
  /// - Throws: ``LearningCurvesError`` when the name cannot name the output files (empty, `.`,
  ///   `..`, or containing `/`); when sizes are empty, not positive, not strictly increasing, or
  ///   larger than the pool leaves after the validation set; when the largest size's N × N
  ///   kernel matrix exceeds the memory budget, or so does predicting the validation or test set
  ///   at that size (checked when a variant ``Variant/formsSquareKernelMatrices``); with
  ///   repeats outside 1…``maximumRepeats``; when the test set is empty, has another dimension,
  ///   or shares a sample with the pool; with no variants, duplicate names, a variant without
  ///   candidates, a variant whose symmetry acts on another dimension than the data's, or a
  ///   variant whose ``Variant/maximumSize`` is below the smallest size.
  public init(name: String, summary: String, labelUnit: String, pool: Dataset, test: Dataset, sizes: [Int],
              repeats: Int, validationCount: Int, seed: UInt64, variants: [Variant],
              referenceVariant: String = "none") throws(LearningCurvesError) {
    var problems: [String] = []
    if let problem = Study.fileNameProblem(name) { problems.append("the name \(problem)") }
    let sortedSizes = Array(Set(sizes)).sorted()
    if sortedSizes.isEmpty { problems.append("no training sizes were given; give at least one, e.g. 16,32,64") }
    if let bad = sortedSizes.first(where: { $0 < 1 }) { problems.append("training size \(bad) is not positive; sizes must be ≥ 1") }
    if sizes != sortedSizes {
      problems.append("the training sizes \(sizes) are not strictly increasing; give each size once, smallest first (\(sortedSizes))")
    }
    if !(1...Study.maximumRepeats).contains(repeats) {
      problems.append("repeats is \(repeats); it must be from 1 to \(Study.maximumRepeats)")
    }
    if validationCount < 1 { problems.append("validation count is \(validationCount); it must be at least 1") }
    if let maxN = sortedSizes.last, maxN >= 1, validationCount >= 1 {
      let (needed, overflow) = maxN.addingReportingOverflow(validationCount)
      if overflow || needed > pool.count {
        problems.append("the largest training size \(maxN) plus \(validationCount) validation samples needs \(overflow ? "more than \(Int.max)" : "\(needed)") samples but the pool has \(pool.count); use sizes up to \(max(pool.count - validationCount, 0)) or a larger pool")
      }
    }
    if test.count == 0 { problems.append("the test set is empty") }
    if test.count > 0 && test.dimension != pool.dimension {
      problems.append("the test set has dimension \(test.dimension) but the pool has \(pool.dimension)")
    }
    if variants.isEmpty { problems.append("no variants were given") }
    let names = variants.map(\.name)
    if Set(names).count != names.count { problems.append("variant names repeat: \(names.joined(separator: ", ")); give each a unique name") }
    for v in variants where v.candidates.isEmpty { problems.append("variant '\(v.name)' has no hyperparameter candidates") }
    for v in variants {
      if let cap = v.maximumSize, let smallest = sortedSizes.first, cap < smallest {
        problems.append("variant '\(v.name)' has maximum size \(cap), below the smallest training size \(smallest); raise it to at least \(smallest) or remove the variant")
      }
      if let d = v.inputDimension, d != pool.dimension {
        problems.append("variant '\(v.name)' uses a symmetry of \(d)-dimensional inputs but the data have dimension \(pool.dimension); build the symmetry with dimension \(pool.dimension)")
      }
    }
    if !variants.isEmpty && !names.contains(referenceVariant) {
      problems.append("reference variant '\(referenceVariant)' is not among the variants (\(names.joined(separator: ", ")))")
    }
    if let maxN = sortedSizes.last, maxN > 0, variants.contains(where: \.formsSquareKernelMatrices) {
      do {
        try MemoryBudget.checkSquare(order: maxN)
        // Predicting the held-out and test sets builds their kernel rows against N samples.
        try MemoryBudget.check(rows: max(validationCount, test.count), columns: maxN)
      } catch { problems.append(LearningCurvesError.clause(error.description)) }
    }
    if !problems.isEmpty {
      throw LearningCurvesError(.invalidStudy, "Study '\(name)' cannot run: " + problems.joined(separator: "; ") + ".")
    }
    if test.dimension == pool.dimension, let overlap = Study.firstOverlap(pool: pool, test: test) {
      throw LearningCurvesError(.overlappingTestSet,
        "Study '\(name)': test sample \(overlap.test) equals pool sample \(overlap.pool); the test set must be disjoint from the training pool. Draw them with different seeds or remove the duplicates.")
    }
    self.name = name
    self.summary = summary
    self.labelUnit = labelUnit
    self.pool = pool
    self.test = test
    self.sizes = sortedSizes
    self.repeats = repeats
    self.validationCount = validationCount
    self.seed = seed
    self.variants = variants
    self.referenceVariant = referenceVariant
  }

  /// Why `name` cannot name the files `<name>.json|.csv|.svg` in a folder (`nil` when it can):
  /// empty, `.` or `..`, or containing `/` or a NUL character.
  static func fileNameProblem(_ name: String) -> String? {
    if name.isEmpty { return "is empty; give the study a name, used for the output files" }
    if name == "." || name == ".." { return "is '\(name)', which names a folder, not a file; give a plain name such as \"my-study\"" }
    if name.contains("/") || name.contains("\0") {
      return "contains '/' or a NUL character, which cannot be part of a file name; use a plain name such as \"my-study\""
    }
    return nil
  }

  /// The first (pool index, test index) with bitwise-equal inputs, if any.
  static func firstOverlap(pool: Dataset, test: Dataset) -> (pool: Int, test: Int)? {
    let d = pool.dimension
    var seen: [[UInt64]: Int] = [:]
    pool.inputs.withUnsafeBufferPointer { p in
      for i in 0..<pool.count { seen[(0..<d).map { p[i * d + $0].bitPattern }] = i }
    }
    return test.inputs.withUnsafeBufferPointer { t in
      for j in 0..<test.count {
        if let i = seen[(0..<d).map { t[j * d + $0].bitPattern }] { return (i, j) }
      }
      return nil
    }
  }

  /// The training sizes `variant` is run at: ``sizes`` up to its ``Variant/maximumSize``.
  public func sizes(for variant: Variant) -> [Int] {
    guard let cap = variant.maximumSize else { return sizes }
    return sizes.filter { $0 <= cap }
  }

  /// `count` sizes spaced evenly in log between `smallest` and `largest`, rounded, distinct.
  ///
  /// - Throws: ``LearningCurvesError`` `.invalidConfiguration` unless 1 ≤ smallest ≤ largest
  ///   and 1 ≤ count ≤ 10 000.
  public static func logSpacedSizes(from smallest: Int, to largest: Int, count: Int) throws(LearningCurvesError) -> [Int] {
    guard smallest >= 1 else {
      throw LearningCurvesError(.invalidConfiguration, "The smallest training size is \(smallest); sizes must be ≥ 1.")
    }
    return try HyperparameterGrid.logSpaced(Double(smallest), Double(largest), count: count).map { Int($0.rounded()) }
      .reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
  }
}
