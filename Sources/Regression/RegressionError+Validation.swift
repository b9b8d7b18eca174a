import Foundation
import LinearAlgebra

// Validation shared by kernel ridge regression, Gaussian processes and hyperparameter search.
// Each helper appends problems to a list so that one call reports everything it found.
enum Validation {
  /// Non-finite entries of a matrix: names the first offending row and column and counts the rest.
  static func checkFinite(_ m: Matrix, what: String, into problems: inout [RegressionError.Problem]) {
    var first: (row: Int, column: Int, value: Double)? = nil
    var count = 0
    let c = m.columns
    m.withUnsafeBufferPointer { p in
      for k in 0..<p.count where !p[k].isFinite {
        if first == nil { first = (k / max(c, 1), k % max(c, 1), p[k]) }
        count += 1
      }
    }
    if let f = first {
      let more = count > 1 ? " (and \(count - 1) more non-finite entries)" : ""
      problems.append(.init(code: .nonFiniteInput, message:
        "The \(what) contain \(f.value) at row \(f.row), column \(f.column)\(more); every entry must be a "
        + "finite number. Remove or impute these samples before fitting."))
    }
  }

  /// Non-finite entries of a vector.
  static func checkFinite(_ v: [Double], what: String, into problems: inout [RegressionError.Problem]) {
    guard let i = v.firstIndex(where: { !$0.isFinite }) else { return }
    let count = v.lazy.filter { !$0.isFinite }.count
    let more = count > 1 ? " (and \(count - 1) more non-finite entries)" : ""
    problems.append(.init(code: .nonFiniteInput, message:
      "The \(what) contain \(v[i]) at row \(i)\(more); every entry must be a finite number. Remove or "
      + "impute these samples before fitting."))
  }

  /// Training inputs and labels: non-empty, matching counts, finite.
  static func checkTraining(_ inputs: Matrix, _ labels: [Double], into problems: inout [RegressionError.Problem]) {
    if inputs.rows == 0 || labels.isEmpty {
      problems.append(.init(code: .emptyTrainingSet, message:
        "The training set is empty (\(inputs.rows) input rows, \(labels.count) labels); at least 1 sample "
        + "is needed. Check the file or the split that produced it."))
    } else if inputs.rows != labels.count {
      problems.append(.init(code: .countMismatch, message:
        "The training inputs have \(inputs.rows) rows but there are \(labels.count) labels; the counts must "
        + "be equal. Pass one label per input row."))
    }
    if inputs.rows > 0 && inputs.columns == 0 {
      problems.append(.init(code: .dimensionMismatch, message:
        "The training inputs have 0 columns; at least 1 feature is needed. Check how the matrix was built."))
    }
    checkFinite(inputs, what: "training inputs", into: &problems)
    checkFinite(labels, what: "training labels", into: &problems)
  }

  /// A strictly positive, finite hyperparameter.
  static func checkPositive(_ value: Double, name: String, hint: String, into problems: inout [RegressionError.Problem]) {
    if !(value.isFinite && value > 0) {
      problems.append(.init(code: .invalidHyperparameter, message:
        "The \(name) is \(value); it must be a finite number > 0. \(hint)"))
    }
  }

  /// Every hyperparameter of a kernel: finite positive value and valid bounds. A hyperparameter
  /// fixed at 0 with bounds 0...0 (a structural zero such as a sector weight of a
  /// `CharacterWeightedKernel`) never enters the log-space θ and is accepted.
  static func checkHyperparameters(_ hs: [Hyperparameter], owner: String, into problems: inout [RegressionError.Problem]) {
    for h in hs where !(h.isFixed && h.value == 0 && h.bounds == 0...0) {
      checkPositive(h.value, name: "\(owner) hyperparameter \(h.name)",
                    hint: "Choose a positive width/variance (e.g. the median distance between inputs).", into: &problems)
      let b = h.bounds
      if !(b.lowerBound > 0 && b.upperBound.isFinite && b.lowerBound.isFinite) {
        problems.append(.init(code: .invalidHyperparameter, message:
          "The bounds of \(owner) hyperparameter \(h.name) are \(b.lowerBound)…\(b.upperBound); both must be "
          + "finite and > 0 (they are searched in log space). Use e.g. 1e-5…1e5."))
      }
    }
  }

  /// Test inputs: finite, same dimension as training.
  static func checkTest(_ inputs: Matrix, dimension: Int) throws(RegressionError) {
    var problems: [RegressionError.Problem] = []
    if inputs.columns != dimension && inputs.rows > 0 {
      problems.append(.init(code: .dimensionMismatch, message:
        "The test inputs have \(inputs.columns) columns but the model was trained on \(dimension); they "
        + "must be equal. Pass test inputs with the same \(dimension) features, in the same order."))
    }
    checkFinite(inputs, what: "test inputs", into: &problems)
    if !problems.isEmpty { throw RegressionError(problems: problems) }
  }

  /// Bytes for `copies` N × N buffers of Double against an explicit budget (no global state).
  static func checkMemory(order n: Int, copies: Int, budget: Int, into problems: inout [RegressionError.Problem]) {
    let (sq, o1) = n.multipliedReportingOverflow(by: n)
    let (b1, o2) = sq.multipliedReportingOverflow(by: 8)
    let (needed, o3) = b1.multipliedReportingOverflow(by: max(copies, 1))
    if o1 || o2 || o3 || needed > budget {
      let bytes = (o1 || o2 || o3) ? Int.max : needed
      problems.append(.init(code: .exceedsMemoryBudget, message:
        "\(n) training samples need \(bytes) bytes (\(MemoryBudget.format(bytes: bytes))) for \(copies) "
        + "\(n) × \(n) kernel buffer\(copies == 1 ? "" : "s"), above the memory budget of \(budget) bytes "
        + "(\(MemoryBudget.format(bytes: budget)); default: half the physical memory). Use fewer training "
        + "samples (at most \(Int((Double(budget) / Double(8 * max(copies, 1))).squareRoot())) here) or raise the budget."))
    }
  }

  static func throwIfAny(_ problems: [RegressionError.Problem]) throws(RegressionError) {
    if !problems.isEmpty { throw RegressionError(problems: problems) }
  }
}
