public import LinearAlgebra
public import Symmetries

/// Δ-learning: a regressor that learns the residual of a known baseline and adds the baseline
/// back when it predicts.
///
/// ```
/// fit:      f = base.fit(X, y − b(X))
/// predict:  ŷ(x*) = f(x*) + b(x*)
/// GP std:   sd(x*) = sd_f(x*)          (b is deterministic)
/// ```
///
/// The base can be any ``Regressor`` (``KernelRidgeRegression``, ``GaussianProcessRegression``, …)
/// — then `DeltaLearning` is a `Regressor` too — or a ``SymmetricKernelRidge`` on any route, so a
/// baseline composes with every way of using a symmetry.
///
/// ```swift
/// let t3 = try TaylorBaseline(hessian: .diagonal(ω), cubicConstants: φ, equilibrium: [0, 0, 0])
/// let delta = try DeltaLearning(base: KernelRidgeRegression(kernel: GaussianKernel(lengthScale: 3), ridge: 1e-8),
///                               baseline: t3).fit(x, energies)
/// let plainFlips = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2])  // no correction
/// let deltaSymmetric = try DeltaLearning(
///   base: SymmetricKernelRidge(kernel: GaussianKernel(lengthScale: 3), ridge: 1e-6, symmetry: plainFlips, route: .fourier),
///   baseline: t3).fit(x, energies)
/// ```
///
/// ## Design
///
/// A wrapper around the *unfitted* base, rather than around a fitted model or a flag on every
/// regressor: the baseline must be subtracted from exactly the labels the base fits and added to
/// exactly what the fitted model predicts, and a type that owns both steps cannot get them out of
/// step. The route and the trust in a symmetry stay in the base, the baseline in the wrapper, so
/// any baseline combines with any route without an initializer growing a flag per combination.
/// ``SymmetricKernelRidge`` returns `any Predictor` (its routes fit different model types), so it
/// is not a `Regressor`; a constrained extension gives `DeltaLearning` the same `init`/`fit` pair
/// for it, with the fitted model type-erased as ``AnyPredictor``, and checks the rule below.
///
/// ## Baselines and label corrections: the double-count rule
///
/// A symmetry is used on the residual r = V − b: its copies carry r(x) + c_g(x). With a
/// `TaylorBaseline` T_b and a reflection whose `TaylorCorrection` has order c, the copy label
/// errs by
///
/// ```
/// r(d) + c_g(d) − r(Rd) = [Rem_b(d) − Rem_b(Rd)] + [T_c(Rd) − T_c(d)]      (c ≤ b)
///                       = [Rem_c(d) − Rem_c(Rd)] + [T_b(Rd) − T_b(d)]      (c > b)
/// ```
///
/// with Rem_p = V − T_p: the second bracket is symmetry breaking removed twice (by the baseline
/// and by the correction). With c = 0 — the plain reflection — the error is Rem_b(d) − Rem_b(Rd),
/// exactly that of the order-b corrected labels of V: the plain reflected labels of the residual
/// *are* the corrected labels of V minus T_b(Rd). So a Taylor baseline takes a reflection without
/// correction, and the initializer for ``SymmetricKernelRidge`` throws when its symmetry is an
/// `ApproximateReflection` carrying a correction (order 2 or 3) together with a
/// `TaylorBaseline`. (The one harmless mix, c > b with T_b invariant under the group, has the
/// same label errors as a baseline of order c with plain labels, which is what the message
/// suggests.) Other baselines and symmetries are not checked: for them the copy label errs by
/// V's corrected-label error minus b's own breaking, b(d) − b(Rd), which is zero when b is
/// invariant under the group.
///
/// - Complexity: the base's fit and predict, plus one baseline evaluation on the N training and
///   the M test rows (O((N + M) d³) for `TaylorBaseline` of order 3).
/// - Reference: R. Ramakrishnan, P. O. Dral, M. Rupp, O. A. von Lilienfeld, J. Chem. Theory
///   Comput. 11, 2087 (2015), doi:10.1021/acs.jctc.5b00099; arXiv 2605.28238.
public struct DeltaLearning<Base: Sendable>: Sendable {
  /// The regressor that learns the residual y − b(x).
  public let base: Base
  /// The baseline b.
  public let baseline: any Baseline

  private init(uncheckedBase base: Base, baseline: any Baseline) {
    self.base = base
    self.baseline = baseline
  }

  /// y − b(X), after checking the training data and the baseline's dimension.
  func residuals(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> [Double] {
    var problems: [RegressionError.Problem] = []
    Validation.checkTraining(inputs, labels, into: &problems)
    try Validation.throwIfAny(problems)
    let b = try baseline.regressionValues(at: inputs, what: "training")
    return zip(labels, b).map { $0 - $1 }
  }
}

extension DeltaLearning where Base: Regressor {
  /// Δ-learning with a regressor: fits `base` to y − b(X).
  ///
  /// - Parameters:
  ///   - base: the regressor for the residual (its hyperparameters are the residual's: the label
  ///     scale of y − b, not of y).
  ///   - baseline: b, of the inputs' dimension (checked at fit).
  public init(base: Base, baseline: any Baseline) {
    self.init(uncheckedBase: base, baseline: baseline)
  }
}

extension DeltaLearning: Regressor where Base: Regressor {
  /// Fits the base to the residual labels y − b(X).
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs, d = the baseline's dimension.
  ///   - labels: N labels.
  /// - Returns: The fitted residual model with the baseline.
  /// - Throws: ``RegressionError`` for bad training data (as the base), `.dimensionMismatch` when
  ///   the inputs do not have the baseline's dimension, `.nonFiniteInput` when the baseline is
  ///   not finite at a training input; then whatever the base throws.
  /// - Complexity: the base's fit plus one baseline evaluation on N rows.
  public func fit(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> FittedDeltaLearning<Base.Model> {
    let r = try residuals(inputs, labels)
    return FittedDeltaLearning(residualModel: try base.fit(inputs, r), baseline: baseline)
  }
}

extension DeltaLearning {
  /// Δ-learning with a symmetric kernel ridge regression on any route.
  ///
  /// - Parameters:
  ///   - base: the symmetric KRR for the residual; an `ApproximateReflection` in it must carry no
  ///     Taylor correction when the baseline is a `TaylorBaseline` (see the double-count rule).
  ///   - baseline: b, of the symmetry's dimension.
  /// - Throws: ``RegressionError`` `.invalidConfiguration` for a Taylor baseline with a
  ///   Taylor-corrected reflection (naming both orders and the fix), `.dimensionMismatch` when the
  ///   baseline's dimension differs from the symmetry's.
  public init<K: Kernel>(base: SymmetricKernelRidge<K>, baseline: any Baseline) throws(RegressionError)
  where Base == SymmetricKernelRidge<K> {
    let symmetry = base.symmetry
    guard baseline.dimension == symmetry.dimension else {
      throw RegressionError(.dimensionMismatch,
                            "The baseline (\(baseline.name)) is a function of \(baseline.dimension) coordinates, but "
                              + "\(symmetry.name) acts on \(symmetry.dimension); build the baseline in the symmetry's "
                              + "\(symmetry.dimension) coordinates.")
    }
    if let taylor = baseline as? TaylorBaseline, let reflection = symmetry as? ApproximateReflection,
       reflection.correction.order > 0 {
      let b = taylor.order, c = reflection.correction.order
      let why = c <= b
        ? "on the residual V − T\(b.subscripted) the plain reflected labels are already the order-\(b) corrected "
          + "labels of V minus T\(b.subscripted)(Rd), so the correction would remove T\(c.subscripted)'s symmetry "
          + "breaking a second time. Build the reflection without a correction "
          + "(ApproximateReflection(equilibrium:coordinates:)), or drop the baseline."
        : "the correction would undo the symmetry breaking of T\(b.subscripted) that the baseline already removed. "
          + "Use a TaylorBaseline of order \(c) (the correction's polynomial) with the reflection built without a "
          + "correction: its plain labels on V − T\(c.subscripted) err exactly as the order-\(c) corrected labels of V."
      throw RegressionError(.invalidConfiguration,
                            "The Taylor baseline of order \(b) and the order-\(c) Taylor correction of "
                              + "\(reflection.name) count the Taylor polynomial twice: " + why)
    }
    self.init(uncheckedBase: base, baseline: baseline)
  }

  /// Fits the symmetric KRR to the residual labels y − b(X) by its route.
  ///
  /// - Parameters:
  ///   - inputs: N × d training inputs.
  ///   - labels: N labels.
  /// - Returns: The fitted residual model (type-erased) with the baseline.
  /// - Throws: ``RegressionError`` as ``fit(_:_:)`` for regressors, then whatever
  ///   ``SymmetricKernelRidge/fit(_:_:)`` throws.
  /// - Complexity: the route's fit plus one baseline evaluation on N rows.
  public func fit<K: Kernel>(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError)
    -> FittedDeltaLearning<AnyPredictor> where Base == SymmetricKernelRidge<K> {
    let r = try residuals(inputs, labels)
    return FittedDeltaLearning(residualModel: AnyPredictor(try base.fit(inputs, r)), baseline: baseline)
  }
}

/// A fitted Δ-learning model: the residual model f and the baseline b, predicting f + b.
public struct FittedDeltaLearning<Residual: Predictor>: Predictor {
  /// f, fitted to y − b(X).
  public let residualModel: Residual
  /// b.
  public let baseline: any Baseline

  /// A model predicting `residualModel` + `baseline` (made by ``DeltaLearning``, which has checked
  /// that the dimensions agree).
  init(residualModel: Residual, baseline: any Baseline) {
    self.residualModel = residualModel
    self.baseline = baseline
  }

  public var inputDimension: Int { residualModel.inputDimension }

  /// f(x*) + b(x*) for each row.
  ///
  /// - Throws: ``RegressionError`` as the residual model (dimension, non-finite inputs);
  ///   `.nonFiniteInput` when the baseline is not finite at a test input.
  /// - Complexity: the residual model's predict plus one baseline evaluation on M rows.
  public func predict(_ inputs: Matrix) throws(RegressionError) -> [Double] {
    let f = try residualModel.predict(inputs)
    let b = try baseline.regressionValues(at: inputs, what: "test")
    return zip(f, b).map { $0 + $1 }
  }

  /// Predictive means f(x*) + b(x*) and standard deviations of a Gaussian process residual
  /// model; a deterministic baseline leaves the standard deviations unchanged.
  ///
  /// - Parameters:
  ///   - inputs: M × d test inputs.
  ///   - includingNoise: as ``FittedGaussianProcess/predictWithStandardDeviation(_:includingNoise:)``.
  /// - Returns: Means and standard deviations, in label units.
  /// - Throws: as ``predict(_:)``.
  /// - Complexity: the GP's, plus one baseline evaluation on M rows.
  public func predictWithStandardDeviation<K: Kernel>(_ inputs: Matrix, includingNoise: Bool = true)
    throws(RegressionError) -> (mean: [Double], standardDeviation: [Double]) where Residual == FittedGaussianProcess<K> {
    let (mean, sd) = try residualModel.predictWithStandardDeviation(inputs, includingNoise: includingNoise)
    let b = try baseline.regressionValues(at: inputs, what: "test")
    return (zip(mean, b).map { $0 + $1 }, sd)
  }
}

extension Baseline {
  /// ``values(at:)`` with its errors as ``RegressionError``s (`what`: "training" or "test").
  func regressionValues(at inputs: Matrix, what: String) throws(RegressionError) -> [Double] {
    if inputs.rows == 0 { return [] }
    do {
      return try values(at: inputs)
    } catch {
      let code: RegressionError.Code = switch error.code {
      case .dimensionMismatch: .dimensionMismatch
      case .nonFiniteValue: .nonFiniteInput
      default: .invalidConfiguration
      }
      throw RegressionError(code, "At the \(what) inputs: " + error.message)
    }
  }
}

extension Int {
  /// 2 → "₂", 3 → "₃" (Taylor orders in messages).
  fileprivate var subscripted: String {
    String(String(self).unicodeScalars.map { Character(Unicode.Scalar(0x2080 + ($0.value - 48))!) })
  }
}
