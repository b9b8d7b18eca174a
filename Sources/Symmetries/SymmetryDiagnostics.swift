public import LinearAlgebra

/// How wrong the augmented labels of a symmetry are on a sample, and the learning-curve floor
/// that predicts — computed before any training.
///
/// For every sample x and non-identity element g the augmented label error is
///
/// ```
/// e_g(x) = ỹ(g·x) − V(g·x) = χ(g) V(x) + c_g(x) − V(g·x)
/// ```
///
/// (zero for an exact symmetry; χ is the label character, all ones unless the label is odd). The report gives mean, root-mean-square and maximum |e_g(x)|
/// over sample × non-identity elements, and the same per element.
///
/// ## Predicted floor
///
/// With many samples drawn from a distribution that is itself symmetric (p(g·x) = p(x)), a
/// flexible model fitted to the augmented data converges at a point z to the average of the
/// labels it sees there: the original V(z) and, from every g, the copy of x = g⁻¹·z with label
/// V(z) + e_g(g⁻¹·z), all equally dense. The fitted function tends to V(z) + ē(z) with
///
/// ```
/// ē(z) = (1/|G|) Σ_g e_g(g⁻¹·z)      (identity term 0)
/// floor ≈ E_z |ē(z)|
/// ```
///
/// which the report evaluates on the sample (``predictedFloor``). For a single reflection
/// (|G| = 2) this is half the mean error, the rule of thumb of arXiv 2605.28238 (also given as
/// ``halfMeanError``); for larger groups errors of different elements may partly cancel.
/// Unaugmented noise-free regression keeps improving below this floor, so augmentation pays
/// only while the model's error is above it.
///
/// ## On the residual of a baseline
///
/// With a ``Baseline`` b (Δ-learning), the model learns r = V − b, and the symmetry is used on r:
/// its copies carry r(x) + c_g(x). Passing `baseline:` diagnoses exactly that label,
///
/// ```
/// e_g(x) = r(x) + c_g(x) − r(g·x),      r = V − b
/// ```
///
/// so the report's ``predictedFloor`` is the floor of the symmetry used on the residual. For a
/// ``TaylorBaseline`` T_p and a plain reflection this equals the order-p corrected labels' error on
/// V (the identity in ``TaylorBaseline``); on water (Z2³, V − T₃) it is about 17 cm⁻¹, against
/// 362 cm⁻¹ for the plain reflection of V.
public struct SymmetryDiagnostics: Sendable, Hashable {
  /// Error statistics of one element.
  public struct ElementSummary: Sendable, Hashable {
    /// The element's index in the symmetry's element list (or draw index).
    public let index: Int
    /// Mean |e_g(x)| over the sample.
    public let meanAbsoluteError: Double
    /// Max |e_g(x)| over the sample.
    public let maximumAbsoluteError: Double
    /// Root-mean-square e_g(x) over the sample: the ε of a per-copy ridge λ + ε² that
    /// down-weights this element's copies in explicit augmentation.
    public let rootMeanSquareError: Double
  }

  /// The number of samples N.
  public let sampleCount: Int
  /// Mean |e_g(x)| over sample × non-identity elements (label units).
  public let meanAbsoluteError: Double
  /// Root-mean-square e_g(x) over sample × non-identity elements.
  public let rootMeanSquareError: Double
  /// Max |e_g(x)| over sample × non-identity elements.
  public let maximumAbsoluteError: Double
  /// Per non-identity element.
  public let perElement: [ElementSummary]
  /// E_z |(1/|G|) Σ_g e_g(g⁻¹·z)|, the predicted learning-curve floor (see the discussion).
  public let predictedFloor: Double
  /// Half the mean error, the |G| = 2 rule of thumb.
  public var halfMeanError: Double { meanAbsoluteError / 2 }

  /// Diagnoses a finite symmetry, on the label V or on the residual V − b of a baseline.
  ///
  /// ```swift
  /// let plain = try ApproximateReflection(equilibrium: [0, 0, 0], coordinates: [0, 1, 2])
  /// let t3 = try TaylorBaseline(hessian: .diagonal(ω), cubicConstants: φ, equilibrium: [0, 0, 0])
  /// let onResidual = try SymmetryDiagnostics(symmetry: plain, label: energy, baseline: t3, sample: pool)
  /// onResidual.predictedFloor   // the floor of hard Z2³ on V − T₃
  /// ```
  ///
  /// - Parameters:
  ///   - symmetry: the symmetry (identity first).
  ///   - label: V, the true label function.
  ///   - baseline: b, or `nil` (default): the diagnosed label is V − b, the residual a Δ-learning
  ///     model learns (see ``Baseline``).
  ///   - sample: N × d points (one per row), ideally drawn from the training distribution.
  /// - Throws: ``SymmetryError`` `.dimensionMismatch` (sample or baseline), `.invalidParameter`
  ///   (empty sample or a trivial group), `.nonFiniteValue` (inputs, label or baseline values).
  /// - Complexity: about 3 N |G| label (and baseline) calls.
  public init(symmetry: some FiniteLabelSymmetry, label: ([Double]) -> Double, baseline: (any Baseline)? = nil,
              sample: Matrix) throws(SymmetryError) {
    try self.init(symmetry: symmetry, elements: symmetry.elements, label: label, baseline: baseline, sample: sample,
                  character: symmetry.hasInvariantLabels ? nil : symmetry.labelCharacter)
  }

  /// Diagnoses a continuous symmetry on the identity and `draws` Haar-random elements, on the
  /// label V or on the residual V − b of a baseline.
  ///
  /// - Throws: as the finite-group initializer; `.invalidParameter` for draws < 1.
  public init(symmetry: some ContinuousLabelSymmetry, label: ([Double]) -> Double, baseline: (any Baseline)? = nil,
              sample: Matrix, draws: Int, using generator: inout some RandomNumberGenerator) throws(SymmetryError) {
    guard draws >= 1 else {
      throw SymmetryError(.invalidParameter, "Diagnostics of a continuous symmetry need draws ≥ 1, got \(draws).", actual: draws)
    }
    var elements = [OrthogonalAction.identity(dimension: symmetry.dimension, centre: symmetry.centre)]
    for _ in 0..<draws { elements.append(symmetry.randomElement(using: &generator)) }
    try self.init(symmetry: symmetry, elements: elements, label: label, baseline: baseline, sample: sample)
  }

  init(symmetry: some LabelSymmetry, elements: [OrthogonalAction], label: ([Double]) -> Double,
       baseline: (any Baseline)? = nil, sample: Matrix, character: [Double]? = nil) throws(SymmetryError) {
    try symmetry.validate(inputs: sample)
    if let baseline, baseline.dimension != symmetry.dimension {
      throw .dimension("The baseline (\(baseline.name))",
                       expected: symmetry.dimension, actual: baseline.dimension,
                       hint: "Build the baseline in the symmetry's \(symmetry.dimension) coordinates.")
    }
    let n = sample.rows
    guard n >= 1, elements.count >= 2 else {
      throw SymmetryError(.invalidParameter,
                          "Diagnostics need at least one sample and one non-identity element, got \(n) samples and "
                            + "\(elements.count) elements.", actual: n)
    }
    func evaluate(_ x: [Double]) throws(SymmetryError) -> Double {
      let v = label(x)
      guard v.isFinite else { throw .nonFinite("the label function's value at \(x)") }
      guard let baseline else { return v }
      return v - (try baseline.value(at: x))
    }
    let points = (0..<n).map { sample.row($0) }
    let values = try points.map { (x) throws(SymmetryError) -> Double in try evaluate(x) }
    var total = 0.0, squares = 0.0, worst = 0.0
    var summaries: [ElementSummary] = []
    var orbitSum = [Double](repeating: 0, count: n)
    for (g, element) in elements.enumerated() where g > 0 {
      let images = element.apply(to: sample)
      let preimages = element.inverse.apply(to: sample)
      var elementTotal = 0.0, elementWorst = 0.0, elementSquares = 0.0
      for i in 0..<n {
        // forward: the copy of sample i lands at g·xᵢ
        let signed = character.map { $0[g] * values[i] } ?? values[i]
        let e = signed + symmetry.labelCorrection(for: element, at: points[i]) - (try evaluate(images.row(i)))
        elementTotal += abs(e); elementWorst = max(elementWorst, abs(e)); elementSquares += e * e
        // backward: the copy of x = g⁻¹·zᵢ lands at zᵢ
        let x = preimages.row(i)
        let value = try evaluate(x)
        orbitSum[i] += (character.map { $0[g] * value } ?? value) + symmetry.labelCorrection(for: element, at: x) - values[i]
      }
      total += elementTotal
      squares += elementSquares
      worst = max(worst, elementWorst)
      summaries.append(ElementSummary(index: g, meanAbsoluteError: elementTotal / Double(n), maximumAbsoluteError: elementWorst,
                                      rootMeanSquareError: (elementSquares / Double(n)).squareRoot()))
    }
    let comparisons = Double(n * (elements.count - 1))
    self.sampleCount = n
    self.meanAbsoluteError = total / comparisons
    self.rootMeanSquareError = (squares / comparisons).squareRoot()
    self.maximumAbsoluteError = worst
    self.perElement = summaries
    self.predictedFloor = orbitSum.reduce(0) { $0 + abs($1) / Double(elements.count) } / Double(n)
  }
}
