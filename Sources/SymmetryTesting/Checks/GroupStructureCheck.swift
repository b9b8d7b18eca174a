import Symmetries
import LinearAlgebra

/// A finite symmetry's elements form a group: the identity is listed first, the set is closed
/// under composition and inverses, and the stated order equals the number of elements.
///
/// ```
/// e ∈ G (listed first),   g, h ∈ G ⇒ g∘h ∈ G,   g ∈ G ⇒ g⁻¹ = Rᵀ ∈ G,   order = |elements|
/// ```
///
/// Two elements are equal when their matrices agree to ``tolerance`` in the max-norm
/// (``SymmetryTolerancePolicy/uniform(_:)``, 1e-8 by default: group structure does not depend on
/// the labels). Products are formed from the matrices about the symmetry's centre, so an
/// element with a wrong centre cannot crash the check (``OrthogonalityCheck`` reports it).
/// Closure is checked on every pair when |G| ≤ ``maximumExhaustiveOrder``, otherwise on
/// ``sampledPairs`` seeded random pairs.
///
/// - Complexity: O(|G|² d³) for exhaustive closure.
public struct GroupStructureCheck: SymmetryCheck {
  public var name: String { "group structure" }
  public var property: String {
    "The elements contain the identity (listed first), are closed under composition and inverses, and number the stated order."
  }
  public var tolerance: SymmetryTolerancePolicy
  /// The largest order whose closure is checked on all |G|² pairs.
  public var maximumExhaustiveOrder: Int
  /// Pairs checked for larger groups.
  public var sampledPairs: Int
  /// At most this many closure or inverse findings are reported; the last one counts the rest.
  public var maximumFindings: Int

  /// The check.
  ///
  /// - Parameters:
  ///   - tolerance: the max-norm distance at which two elements count as equal.
  ///   - maximumExhaustiveOrder: closure on all pairs up to this order.
  ///   - sampledPairs: random pairs checked beyond it.
  ///   - maximumFindings: cap on closure and inverse findings.
  public init(tolerance: SymmetryTolerancePolicy = .uniform(1e-8), maximumExhaustiveOrder: Int = 256,
              sampledPairs: Int = 65536, maximumFindings: Int = 20) {
    self.tolerance = tolerance
    self.maximumExhaustiveOrder = maximumExhaustiveOrder
    self.sampledPairs = sampledPairs
    self.maximumFindings = maximumFindings
  }

  public func isApplicable(to subject: SymmetryCheckSubject) -> Bool { subject.finite != nil }

  public func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    guard let group = subject.finite else { return [] }
    let tol = tolerance.tolerance(isExact: group.isExact)
    let d = group.dimension
    let centre = group.centre
    let all = group.elements
    // Elements that cannot act are reported by the orthogonality check.
    let elements = all.enumerated().filter { subject.acts($0.element) }
    var findings: [SymmetryFinding] = []

    // Stated order.
    if group.order != all.count {
      findings.append(SymmetryFinding(
        check: name, quantity: "the number of listed elements", expected: Double(group.order), observed: Double(all.count),
        tolerance: 0,
        message: "The stated order \(group.order) does not match the \(all.count) listed elements; make `order` "
          + "return `elements.count` (the default) or list the missing elements."))
    }

    // Identity present and first.
    let identity = Matrix.identity(d)
    let distances = elements.map { $0.element.matrix.maxAbsoluteDifference(to: identity) }
    if let nearest = distances.indices.min(by: { distances[$0] < distances[$1] }), distances[nearest] <= tol {
      let index = elements[nearest].offset
      if index != 0 {
        findings.append(SymmetryFinding(
          check: name, elementIndex: index, element: elements[nearest].element, quantity: "the identity's index",
          expected: 0, observed: Double(index), tolerance: 0,
          message: "The identity is listed at index \(index), but the contract lists it first; move it to the front."))
      }
    } else {
      findings.append(SymmetryFinding(
        check: name, quantity: "the max-norm distance from the nearest element to the identity", expected: 0,
        observed: distances.min() ?? .infinity, tolerance: tol,
        message: "No element is the identity; add the identity as the first element."))
    }

    // Lookup of elements by rounded matrix, with an exact-distance fallback near grid edges.
    var index: [OrthogonalAction.Key: Int] = [:]
    for (k, g) in elements { index[key(g.matrix, centre: centre)] = k }
    func find(_ m: Matrix) -> (index: Int?, distance: Double) {
      if let k = index[key(m, centre: centre)] { return (k, 0) }
      var best: (Int?, Double) = (nil, .infinity)
      for (k, g) in elements {
        let e = g.matrix.maxAbsoluteDifference(to: m)
        if e < best.1 { best = (k, e) }
      }
      return best.1 <= tol ? best : (nil, best.1)
    }

    // Inverses.
    var inverseFailures = 0
    for (k, g) in elements {
      let inverse = g.matrix.transposed()
      let hit = find(inverse)
      if hit.index == nil {
        inverseFailures += 1
        if inverseFailures <= maximumFindings {
          findings.append(SymmetryFinding(
            check: name, elementIndex: k, element: g, quantity: "the distance from g⁻¹ = Rᵀ to the nearest element",
            expected: 0, observed: hit.distance, tolerance: tol,
            message: "The inverse of element \(k) is not in the set; add it (its matrix is Rᵀ)."))
        }
      }
    }

    // Closure.
    var pairs: [(Int, Int)] = []
    let n = elements.count
    if n <= maximumExhaustiveOrder {
      for a in 0..<n { for b in 0..<n { pairs.append((a, b)) } }
    } else {
      var generator = SeededGenerator(seed: subject.seed)
      for _ in 0..<sampledPairs { pairs.append((generator.index(below: n), generator.index(below: n))) }
    }
    var closureFailures = 0
    for (a, b) in pairs {
      let (ka, ga) = elements[a], (kb, gb) = elements[b]
      let product = ga.matrix * gb.matrix
      let hit = find(product)
      if hit.index == nil {
        closureFailures += 1
        if closureFailures <= maximumFindings {
          findings.append(SymmetryFinding(
            check: name, elementIndex: ka, element: ga,
            quantity: "the distance from g∘h (h = element \(kb)) to the nearest element", expected: 0,
            observed: hit.distance, tolerance: tol,
            message: "The set is not closed: element \(ka) composed with element \(kb) "
              + "(R = \(SymmetryFinding.format(product))) is not listed; add the missing products "
              + "(GeneratedGroup computes the closure)."))
        }
      }
    }
    for (count, what) in [(inverseFailures, "inverses"), (closureFailures, "products")] where count > maximumFindings {
      findings.append(SymmetryFinding(
        check: name, quantity: "the number of missing \(what)", expected: 0, observed: Double(count), tolerance: 0,
        message: "\(count - maximumFindings) more missing \(what) are not listed individually."))
    }
    return findings
  }

  private func key(_ m: Matrix, centre: [Double]) -> OrthogonalAction.Key {
    OrthogonalAction(uncheckedMatrix: m, centre: centre).key(resolution: max(tolerance.exact, 1e-12) * 100)
  }
}
