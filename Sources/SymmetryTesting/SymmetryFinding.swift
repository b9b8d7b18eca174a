import Foundation
public import Symmetries
import LinearAlgebra

/// One failed expectation of a ``SymmetryCheck``: which check, which group element, at which
/// input, what was expected, what was observed, and the tolerance that was exceeded.
///
/// Findings are plain values, independent of any test framework. A finding reads like a
/// conformance-checker failure ("expected to match, found to differ"):
///
/// ```
/// [label invariance] element 1 (OrthogonalAction(R = [[-1, 0], [0, 1]], centre = [0.0, 0.0])),
/// input [0.3, -0.2]: expected f(g·x) = 0.09 to match f(x) within tolerance 1e-09, found it to
/// differ: observed 0.69 (|difference| 0.6).
/// ```
///
/// The numbers are kept as numbers (``expected``, ``observed``, ``tolerance``) so that a test
/// of a check can assert them directly.
public struct SymmetryFinding: Sendable, Hashable, CustomStringConvertible {
  /// The ``SymmetryCheck/name`` of the check that produced this finding.
  public let check: String
  /// The index of the group element involved (in `FiniteLabelSymmetry.elements`, or the
  /// draw number for a continuous group), or `nil` when no single element is involved.
  public let elementIndex: Int?
  /// The element itself (its matrix and centre are printed in ``description``), if any.
  public let element: OrthogonalAction?
  /// The input point(s) at which the expectation failed (one for label checks, two for kernel
  /// checks, none for structural or statistical checks).
  public let inputs: [[Double]]
  /// The compared quantity, e.g. `"f(g·x)"` or `"mean of R[0,1] over 4000 draws"`.
  public let quantity: String
  /// The value the property requires.
  public let expected: Double
  /// The value found.
  public let observed: Double
  /// The largest accepted |observed − expected|.
  public let tolerance: Double
  /// A sentence saying what was expected and what was found, and where to look next.
  public let message: String

  /// A finding.
  ///
  /// - Parameters:
  ///   - check: the producing check's name.
  ///   - elementIndex: the element's index, if one element is involved.
  ///   - element: that element.
  ///   - inputs: the input point(s) involved.
  ///   - quantity: what is compared.
  ///   - expected: the required value.
  ///   - observed: the value found.
  ///   - tolerance: the largest accepted |observed − expected|.
  ///   - message: the explanation.
  public init(check: String, elementIndex: Int? = nil, element: OrthogonalAction? = nil, inputs: [[Double]] = [],
              quantity: String, expected: Double, observed: Double, tolerance: Double, message: String) {
    self.check = check
    self.elementIndex = elementIndex
    self.element = element
    self.inputs = inputs
    self.quantity = quantity
    self.expected = expected
    self.observed = observed
    self.tolerance = tolerance
    self.message = message
  }

  /// |observed − expected| (NaN when either is NaN).
  public var difference: Double { abs(observed - expected) }

  /// One paragraph naming the check, element (with its matrix and centre), input, expected and
  /// observed values and the tolerance.
  public var description: String {
    var parts = ["[\(check)]"]
    if let elementIndex {
      parts.append("element \(elementIndex)" + (element.map { " (\($0))" } ?? "") + ",")
    }
    if !inputs.isEmpty {
      let rendered = inputs.map(SymmetryFinding.format).joined(separator: " and ")
      parts.append((inputs.count == 1 ? "input " : "inputs ") + rendered + ":")
    }
    parts.append("expected \(quantity) = \(SymmetryFinding.format(expected)) within tolerance "
                   + "\(SymmetryFinding.format(tolerance)), found it to differ: observed "
                   + "\(SymmetryFinding.format(observed)) (|difference| \(SymmetryFinding.format(difference))).")
    parts.append(message)
    return parts.joined(separator: " ")
  }

  /// A number with up to 6 significant digits; −0 prints as 0 and NaN as `nan` (never `-nan`).
  static func format(_ x: Double) -> String { x.isNaN ? "nan" : String(format: "%.6g", x + 0.0) }

  /// A matrix as rows, with up to 4 significant digits per entry (as `OrthogonalAction` prints),
  /// −0 printed as 0.
  static func format(_ m: Matrix) -> String {
    "[" + (0..<m.rows).map { i in "[" + m.row(i).map { $0.isNaN ? "nan" : String(format: "%.4g", $0 + 0.0) }.joined(separator: ", ") + "]" }
      .joined(separator: ", ") + "]"
  }

  /// A vector with up to 6 significant digits per entry.
  static func format(_ x: [Double]) -> String { "[" + x.map { format($0) }.joined(separator: ", ") + "]" }
}
