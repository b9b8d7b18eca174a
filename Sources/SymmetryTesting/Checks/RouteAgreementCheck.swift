import LinearAlgebra
import Regression
import Symmetries

/// Every route that applies to the symmetry gives the predictions of explicit augmentation.
///
/// ```
/// max_i |ŷ_route(xᵢ) − ŷ_augment(xᵢ)| ≤ tol · max(1, max_i |ŷ_augment(xᵢ)|)
/// ```
///
/// On the first (up to) 40 sample points with labels from the label function, kernel ridge
/// regression with ridge λ = 1e-3 is fitted by explicit augmentation (the reference: every copy
/// (g·xᵢ, χ(g) yᵢ + c_g(xᵢ)), χ the label character), by the sum kernel Σ_g χ(g) k(x, g·x′) when the
/// symmetry is exact, by the group-Fourier solve when it is a sign-flip group, and — for exact
/// sign-flip symmetries — by the character-weighted kernel with weight 1 on the label's sector
/// (0 elsewhere) and ridge λ/|G|. The routes are algebraically identical
/// (`Documentation/AugmentationRoutes.md`); a difference means a symmetry that breaks the
/// contract the fast routes rely on — a kernel that is not invariant, elements listed in another
/// order than `signFlipCoordinates` promises, a set that is not a group — and a route that
/// refuses the symmetry is reported with its message. Tolerance 1e-8 relative for both kinds.
///
/// - Complexity: one solve of size N·|G| plus one of size N per route (N ≤ 40).
public struct RouteAgreementCheck: SymmetryCheck {
  public var name: String { "route agreement" }
  public var property: String {
    "Explicit augmentation, the sum kernel (exact symmetries), the group-Fourier solve (sign-flip groups) and the character-weighted kernel (exact sign flips) give the same predictions, with odd labels signed by χ."
  }
  public var tolerance: SymmetryTolerancePolicy
  /// The ridge of the fits (large enough for agreement to 1e-8 to be a property of the routes,
  /// not of conditioning).
  public var ridge: Double

  /// The check.
  public init(tolerance: SymmetryTolerancePolicy = .uniform(1e-8), ridge: Double = 1e-3) {
    self.tolerance = tolerance
    self.ridge = ridge
  }

  public func isApplicable(to subject: SymmetryCheckSubject) -> Bool {
    subject.finite != nil && subject.sample != nil && subject.label != nil && subject.kernel != nil
  }

  public func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    guard let kernel = subject.kernel else { return [] }
    return compare(kernel, subject)
  }

  private func compare<K: Kernel>(_ kernel: K, _ subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    guard let symmetry = subject.finite, let sample = subject.sample, let label = subject.label else { return [] }
    // Elements of the wrong size are reported by the orthogonality check; no route can use them.
    guard symmetry.elements.allSatisfy(subject.acts) else { return [] }
    let x = sample.rows(at: 0..<min(sample.rows, 40))
    let y = (0..<x.rows).map { label(x.row($0)) }
    func predict(_ route: SymmetryRoute) -> Result<[Double], any Error> {
      Result {
        try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: symmetry, route: route).fit(x, y).predict(x)
      }
    }
    var routes: [(name: String, predict: () -> Result<[Double], any Error>)] = []
    if symmetry.isExact { routes.append((".sumKernel", { predict(.sumKernel) })) }
    if symmetry.signFlipCoordinates != nil { routes.append((".fourier", { predict(.fourier) })) }
    if symmetry.isExact && symmetry.signFlipCoordinates != nil {
      routes.append(("character-weighted kernel (w = e_χ, λ/|G|)", { characterRoute(kernel, symmetry, x, y) }))
    }
    guard !routes.isEmpty else { return [] }
    // The fast routes equal augmentation only for a group; when the elements are not one, that
    // is the cause to report (a larger ridge, which a failed factorisation suggests, cannot help).
    let structure = GroupStructureCheck().run(on: subject)
    let notAGroup: String? = structure.isEmpty ? nil
      : "the elements do not form a group (the group-structure check reports \(structure.count) problem\(structure.count == 1 ? "" : "s"), "
        + "the first: \(firstProblem(structure[0].message))); the sum-kernel and group-Fourier routes equal explicit augmentation only for "
        + "a group, so fix the group first — a larger ridge will not help"
    guard case .success(let reference) = predict(.augment) else {
      if case .failure(let error) = predict(.augment) {
        return [SymmetryFinding(check: name, quantity: "explicit augmentation", expected: 0, observed: .nan, tolerance: 0,
                                message: notAGroup.map { "Explicit augmentation, the reference route, failed: \($0)." }
                                  ?? "Explicit augmentation, the reference route, failed: \(error)")]
      }
      return []
    }
    let scale = max(1, reference.map(abs).max() ?? 0)
    let tol = tolerance.tolerance(isExact: symmetry.isExact) * scale
    var findings: [SymmetryFinding] = []
    for (route, prediction) in routes {
      switch prediction() {
      case .failure(let error):
        findings.append(SymmetryFinding(check: name, quantity: "route \(route)", expected: 0, observed: .nan, tolerance: tol,
                                        message: notAGroup.map { "The \(route) route failed because \($0)." }
                                          ?? "The \(route) route refused or failed where it should apply: \(error)"))
      case .success(let predicted):
        var worst = (index: 0, error: -1.0)
        for i in predicted.indices {
          let e = abs(predicted[i] - reference[i])
          if !(e <= worst.error) { worst = (i, e.isNaN ? .infinity : e) }
        }
        if !(worst.error <= tol) {
          findings.append(SymmetryFinding(
            check: name, inputs: [x.row(worst.index)], quantity: "prediction by \(route) vs explicit augmentation",
            expected: reference[worst.index], observed: predicted[worst.index], tolerance: tol,
            message: notAGroup.map { "The \(route) route disagrees with explicit augmentation because \($0)." }
              ?? ("The \(route) route disagrees with explicit augmentation (λ = \(ridge)); the symmetry breaks the "
                  + "contract that route relies on (kernel invariance, element order, closure, label character).")))
        }
      }
    }
    return findings
  }

  /// KRR with the character-weighted kernel of the label's sector and ridge λ/|G|.
  private func characterRoute<K: Kernel, S: FiniteLabelSymmetry>(_ kernel: K, _ symmetry: S, _ x: Matrix,
                                                                 _ y: [Double]) -> Result<[Double], any Error> {
    Result {
      let k = try CharacterWeightedKernel(kernel, labelCharacterOf: symmetry)
      return try KernelRidgeRegression(kernel: k, ridge: ridge / Double(symmetry.order)).fit(x, y).predict(x)
    }
  }
}

/// A finding's message as a clause inside another sentence: first letter lowered, final full
/// stop dropped.
private func firstProblem(_ message: String) -> String {
  var text = Substring(message)
  while text.last == "." { text = text.dropLast() }
  return text.prefix(1).lowercased() + text.dropFirst()
}
