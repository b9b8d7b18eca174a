import LinearAlgebra

/// Seeded data sets of water energies in dimensionless normal coordinates.
///
/// Every sampler returns a ``Dataset`` whose inputs are the normal coordinates
/// (q₁ symmetric stretch, q₂ bend, q₃ antisymmetric stretch; 3 columns, dimensionless, see
/// ``WaterNormalModes``) and whose labels are the energy above the minimum,
/// V(q) − V_e, in **hartree**. Random samplers take the generator explicitly, so one seed
/// reproduces a data set bit for bit. With `includeGradients: true` a data set also carries
/// ∂V/∂qₖ (hartree per unit q) as its `gradients`, by five-point differences in q with step
/// 1e-3 (12 extra energies per sample; error ~1e-12 hartree).
///
/// ```
/// scan:      q = t eₖ, t on an even grid (or uniform) in [a, b]
/// gaussian:  qₖ ~ N(0, σₖ²) independently
/// box:       qₖ ~ U(−wₖ, wₖ) independently
/// cut-off:   keep a draw only if V(q) − V_e ≤ E_max (rejection sampling)
/// ```
///
/// For scale: one quantum of the bend is ω₂ ≈ 1649 cm⁻¹ ≈ 7.5e-3 hartree, and the harmonic
/// energy along mode k is ½ ωₖ qₖ², so |qₖ| ≈ 1 is the zero-point amplitude.
///
/// ```swift
/// let sampling = try WaterSampling()
/// var g = SeededGenerator(seed: 1)
/// let d = try sampling.gaussian(count: 100, standardDeviations: [1, 1, 1],
///                               energyCutoff: 0.05, using: &g)
/// d.inputs.columns   // 3
/// ```
public struct WaterSampling: Sendable {
  /// The normal modes defining q (and the surface giving the energies).
  public let modes: WaterNormalModes

  /// Samplers over the given normal modes.
  public init(modes: WaterNormalModes) {
    self.modes = modes
  }

  /// Samplers over the Partridge–Schwenke surface for H₂¹⁶O.
  /// - Throws: as ``WaterNormalModes/init(surface:oxygenMass:hydrogenMass:hessianStep:)``.
  public init() throws(DatasetError) {
    self.modes = try WaterNormalModes()
  }

  // MARK: - One-dimensional scans

  /// An evenly spaced scan along one normal mode, the other two coordinates zero.
  ///
  /// - Parameters:
  ///   - mode: 1 (symmetric stretch), 2 (bend) or 3 (antisymmetric stretch).
  ///   - range: the interval of qₖ (dimensionless); both ends are included.
  ///   - count: number of points, ≥ 1 (a single point sits at the middle of the range).
  ///   - includeGradients: also compute ∂V/∂q (hartree) as the data set's `gradients`.
  /// - Returns: `count` samples in increasing qₖ; labels V − V_e (hartree).
  /// - Throws: ``DatasetError`` `.invalidParameter` for a bad mode, a count below 1 or beyond the memory budget, or a non-finite range;
  ///   `.invalidGeometry` if the range reaches geometries where an H meets the O.
  /// - Complexity: `count` energy evaluations.
  public func scan(mode: Int, range: ClosedRange<Double>, count: Int,
                   includeGradients: Bool = false) throws(DatasetError) -> Dataset {
    try Self.checkScan(mode: mode, range: range, count: count)
    let values = (0..<count).map { i in
      count == 1 ? (range.lowerBound + range.upperBound) / 2
        : range.lowerBound + (range.upperBound - range.lowerBound) * Double(i) / Double(count - 1)
    }
    return try dataset(values.map { v in Self.point(mode: mode, value: v) }, includeGradients: includeGradients)
  }

  /// A scan along one normal mode at uniformly random positions (in draw order).
  ///
  /// - Parameters:
  ///   - mode: 1, 2 or 3.
  ///   - range: the interval of qₖ (dimensionless).
  ///   - count: number of points, ≥ 1.
  ///   - includeGradients: also compute ∂V/∂q (hartree) as the data set's `gradients`.
  ///   - generator: the source of randomness (one uniform draw per point).
  /// - Returns: `count` samples; labels V − V_e (hartree).
  /// - Throws: as ``scan(mode:range:count:includeGradients:)``.
  public func randomScan(mode: Int, range: ClosedRange<Double>, count: Int, includeGradients: Bool = false,
                         using generator: inout some RandomNumberGenerator) throws(DatasetError) -> Dataset {
    try Self.checkScan(mode: mode, range: range, count: count)
    var points: [[Double]] = []
    for _ in 0..<count {
      points.append(Self.point(mode: mode, value: generator.uniform(range.lowerBound, range.upperBound)))
    }
    return try dataset(points, includeGradients: includeGradients)
  }

  // MARK: - Three-dimensional sampling

  /// Independent Gaussian draws qₖ ~ N(0, σₖ²), optionally kept only below an energy cut-off.
  ///
  /// - Parameters:
  ///   - count: number of samples wanted, ≥ 1.
  ///   - standardDeviations: σ₁, σ₂, σ₃ (dimensionless, ≥ 0; 0 fixes that coordinate at 0).
  ///   - energyCutoff: if given, keep only draws with V − V_e ≤ this (hartree); draws whose
  ///     geometry is invalid (an H on the O) are then rejected too.
  ///   - maximumAttempts: the most draws made before giving up; default 1000 × `count`.
  ///   - includeGradients: also compute ∂V/∂q (hartree) for the kept samples as `gradients`.
  ///   - generator: the source of randomness (three Gaussian draws per attempt, q₁ first).
  /// - Returns: `count` samples in draw order; labels V − V_e (hartree).
  /// - Throws: ``DatasetError`` `.invalidParameter` for a count below 1 or beyond the memory budget (`MemoryBudget.bytes`), bad widths or cut-off;
  ///   `.samplingFailed` when the cut-off leaves fewer than `count` samples after
  ///   `maximumAttempts` draws (the message names the cut-off and the lowest energy seen);
  ///   `.invalidGeometry` for an invalid geometry without a cut-off.
  /// - Complexity: one energy evaluation per attempt.
  public func gaussian(count: Int, standardDeviations: [Double], energyCutoff: Double? = nil,
                       maximumAttempts: Int? = nil, includeGradients: Bool = false,
                       using generator: inout some RandomNumberGenerator) throws(DatasetError) -> Dataset {
    try Self.checkWidths(standardDeviations, name: "standard deviations")
    return try rejectionSample(count: count, energyCutoff: energyCutoff, maximumAttempts: maximumAttempts,
                               includeGradients: includeGradients) {
      standardDeviations.map { $0 * generator.gaussian() }
    }
  }

  /// Independent uniform draws qₖ ~ U(−wₖ, wₖ), optionally kept only below an energy cut-off.
  ///
  /// - Parameters:
  ///   - count: number of samples wanted, ≥ 1.
  ///   - halfWidths: w₁, w₂, w₃ (dimensionless, ≥ 0).
  ///   - energyCutoff: as in ``gaussian(count:standardDeviations:energyCutoff:maximumAttempts:includeGradients:using:)``.
  ///   - maximumAttempts: the most draws made before giving up; default 1000 × `count`.
  ///   - includeGradients: also compute ∂V/∂q (hartree) for the kept samples as `gradients`.
  ///   - generator: the source of randomness (three uniform draws per attempt, q₁ first).
  /// - Returns: `count` samples in draw order; labels V − V_e (hartree).
  /// - Throws: as ``gaussian(count:standardDeviations:energyCutoff:maximumAttempts:includeGradients:using:)``.
  public func box(count: Int, halfWidths: [Double], energyCutoff: Double? = nil, maximumAttempts: Int? = nil,
                  includeGradients: Bool = false, using generator: inout some RandomNumberGenerator) throws(DatasetError) -> Dataset {
    try Self.checkWidths(halfWidths, name: "half widths")
    return try rejectionSample(count: count, energyCutoff: energyCutoff, maximumAttempts: maximumAttempts,
                               includeGradients: includeGradients) {
      halfWidths.map { generator.uniform(-$0, $0) }
    }
  }
}

// MARK: - Implementation

extension WaterSampling {
  static func point(mode: Int, value: Double) -> [Double] {
    var q = [0.0, 0, 0]
    q[mode - 1] = value
    return q
  }

  func dataset(_ points: [[Double]], includeGradients: Bool) throws(DatasetError) -> Dataset {
    var labels: [Double] = []
    labels.reserveCapacity(points.count)
    for q in points { labels.append(try modes.energyAboveMinimum(normalCoordinates: q)) }
    return Dataset(checkedInputs: Self.matrix(points), labels: labels,
                   gradients: includeGradients ? try gradients(at: points) : nil)
  }

  /// Rows of three coordinates as an n × 3 matrix.
  static func matrix(_ rows: [[Double]]) -> Matrix {
    Matrix(rows: rows.count, columns: 3, elements: rows.flatMap { $0 })
  }

  /// ∂V/∂q at each point (hartree), five-point differences with step 1e-3, as an n × 3 matrix.
  func gradients(at points: [[Double]]) throws(DatasetError) -> Matrix {
    let surface = modes.normalCoordinateSurface
    var rows: [[Double]] = []
    rows.reserveCapacity(points.count)
    for q in points { rows.append(try surface.finiteDifferenceGradient(at: q, step: 1e-3)) }
    return Self.matrix(rows)
  }

  func rejectionSample(count: Int, energyCutoff: Double?, maximumAttempts: Int?, includeGradients: Bool,
                       draw: () -> [Double]) throws(DatasetError) -> Dataset {
    guard count >= 1 else {
      throw DatasetError(.invalidParameter, "Sample count \(count) must be at least 1.")
    }
    try DatasetError.checkSampleCount(count, columns: includeGradients ? 7 : 4)
    if let cut = energyCutoff, cut.isNaN {
      throw DatasetError(.invalidParameter, "Energy cut-off is NaN; pass an energy above the minimum in hartree (e.g. 0.05 ≈ 11 000 cm⁻¹) or nil for no cut-off.")
    }
    let (defaultAttempts, overflow) = count.multipliedReportingOverflow(by: 1000)
    let attempts = maximumAttempts ?? (overflow ? Int.max : defaultAttempts)
    guard attempts >= count else {
      throw DatasetError(.invalidParameter, "maximumAttempts \(attempts) must be at least the sample count \(count).")
    }
    var points: [[Double]] = []
    var labels: [Double] = []
    var lowest = Double.infinity
    var made = 0
    while points.count < count && made < attempts {
      made += 1
      let q = draw()
      let energy: Double
      do { energy = try modes.energyAboveMinimum(normalCoordinates: q) } catch {
        if energyCutoff == nil { throw error }
        continue
      }
      lowest = min(lowest, energy)
      if let cut = energyCutoff, !(energy <= cut) { continue }
      points.append(q)
      labels.append(energy)
    }
    guard points.count == count else {
      let cut = energyCutoff ?? .infinity
      throw DatasetError(.samplingFailed, "The energy cut-off \(cut) hartree kept \(points.count) of \(count) samples wanted after \(made) draws; the lowest energy seen was \(lowest) hartree above the minimum. Raise the cut-off, narrow the sampling widths, or allow more attempts.")
    }
    return Dataset(checkedInputs: Self.matrix(points), labels: labels,
                   gradients: includeGradients ? try gradients(at: points) : nil)
  }

  static func checkScan(mode: Int, range: ClosedRange<Double>, count: Int) throws(DatasetError) {
    var problems: [String] = []
    if !(1...3).contains(mode) {
      problems.append("mode \(mode) is out of range 1...3 (1 symmetric stretch, 2 bend, 3 antisymmetric stretch)")
    }
    if count < 1 { problems.append("count \(count) must be at least 1") }
    do { try DatasetError.checkSampleCount(count, columns: 7) } catch { problems.append(error.message.prefix(1).lowercased() + error.message.dropFirst().dropLast()) }
    if !(range.lowerBound.isFinite && range.upperBound.isFinite) {
      problems.append("range \(range) must be finite (dimensionless q, e.g. -3...3)")
    }
    guard problems.isEmpty else {
      throw DatasetError(.invalidParameter, "Invalid water scan: " + problems.joined(separator: "; ") + ".")
    }
  }

  static func checkWidths(_ widths: [Double], name: String) throws(DatasetError) {
    guard widths.count == 3 else {
      throw DatasetError(.invalidParameter, "Water sampling needs 3 \(name) (q1, q2, q3), got \(widths.count).")
    }
    guard widths.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw DatasetError(.invalidParameter, "The \(name) \(widths) must be finite and non-negative (dimensionless q; 1 is the zero-point amplitude).")
    }
  }
}
