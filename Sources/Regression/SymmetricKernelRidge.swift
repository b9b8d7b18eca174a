import Foundation
public import LinearAlgebra
public import Symmetries

/// Kernel ridge regression that uses a label symmetry through a chosen `SymmetryRoute`.
///
/// One entry point for the four routes — explicit augmentation, the sum kernel, the group-Fourier
/// solve and the Haar-averaged kernel — and for how strongly the symmetry is trusted
/// (``SymmetryTrust``: fully, with an extra ridge ε² on the non-identity copies so that an
/// approximate symmetry is down-weighted, or not at all). The initializer refuses a route that does
/// not apply, or a trust the route cannot carry, and says which one to use instead.
///
/// ```
/// augment:    min Σ_g Σ_i (f(g·x_i) − y_i − c_g(x_i))² / λ_g + ‖f‖²,   λ_e = λ, λ_g = λ + ε² (g ≠ e)
/// fourier:    the same augmented problem by |G| solves of size N (plus one more when ε² > 0)
/// sumKernel:  KRR with k_G(x, x′) = Σ_g k(x, g·x′) and λ                  (ε² = 0 only)
/// haarKernel: KRR with ⟨k⟩(x, x′) = ∫ k(x, R x′) dR and λ                  (ε² = 0 only)
/// trust .full: ε² = 0;  .copyRidge(ε²);  .none: plain KRR on the originals (= ε² = ∞)
/// ```
public struct SymmetricKernelRidge<K: Kernel>: Sendable {
  /// The base kernel.
  public let kernel: K
  /// The ridge λ.
  public let ridge: Double
  /// The symmetry.
  public let symmetry: any LabelSymmetry
  /// The route.
  public let route: SymmetryRoute
  /// How strongly the symmetry is trusted (`.full`, `.copyRidge(ε²)`, `.none`).
  public let trust: SymmetryTrust
  /// Number of copies (identity plus Haar samples) when augmenting by a continuous group.
  public let haarCopies: Int
  /// Seed of the Haar samples.
  public let seed: UInt64

  /// Prepares a symmetric KRR and checks that the route applies.
  ///
  /// - Parameters:
  ///   - kernel: The base kernel (for `.haarKernel`: a `HaarAverageableKernel` — Gaussian, Laplacian,
  ///     Matérn 3/2 or 5/2).
  ///   - ridge: λ > 0.
  ///   - symmetry: A `FiniteLabelSymmetry` or `ContinuousLabelSymmetry`.
  ///   - route: The route.
  ///   - trust: How strongly the symmetry is trusted: `.full` (default), `.copyRidge(ε²)` with
  ///     ε² ≥ 0 added to the ridge of every non-identity copy (routes `.augment` and `.fourier`;
  ///     `.infinity` ignores the copies), or `.none` (plain KRR). `.sectorWeights` is refused: a
  ///     character-weighted kernel carries it, not a route.
  ///   - haarCopies: Copies for augmenting by a continuous group (identity included), ≥ 1.
  ///   - seed: Seed of the Haar samples.
  /// - Throws: `SymmetryError.routeNotApplicable` naming the route to use instead (also for a trust
  ///   the route cannot carry); `.kernelNotInvariant` for the kernel routes with a non-invariant
  ///   kernel; `.invalidParameter` for a bad λ, ε² or `haarCopies`.
  /// - Complexity: O(|G|² d³) checks.
  public init(kernel: K, ridge: Double, symmetry: any LabelSymmetry, route: SymmetryRoute,
              trust: SymmetryTrust = .full, haarCopies: Int = 64, seed: UInt64 = 0) throws(SymmetryError) {
    guard ridge.isFinite && ridge > 0 else {
      throw SymmetryError(.invalidParameter, "The ridge λ is \(ridge); it must be a finite number > 0 (e.g. 1e-6).",
                          value: ridge)
    }
    let finite = symmetry as? any FiniteLabelSymmetry
    try trust.validate(groupOrder: finite?.order)
    switch trust {
    case .sectorWeights:
      throw SymmetryError(.routeNotApplicable,
                          "Trust \(trust) is carried by a character-weighted kernel k_w = Σ_s w_s k_s, which route "
                            + ".\(route) does not build; use trust .full, .copyRidge(ε²) or .none with this route.")
    case .copyRidge(let e) where e > 0 && (route == .sumKernel || route == .haarKernel):
      throw SymmetryError(.routeNotApplicable,
                          "A copy ridge ε² = \(e) needs the augmented copies, but route .\(route) solves on the N "
                            + "originals with one ridge; use route .fourier (Z2^m sign flips) or .augment, or trust "
                            + ".full or .none.", value: e)
    default:
      break
    }
    guard haarCopies >= 1 else {
      throw SymmetryError(.invalidParameter, "haarCopies is \(haarCopies); use at least 1 (the original).",
                          actual: haarCopies)
    }
    switch route {
    case .augment:
      if finite == nil && !(symmetry is any ContinuousLabelSymmetry) {
        throw SymmetryError(.routeNotApplicable,
                            "\(symmetry.name) is neither a finite nor a continuous symmetry, so it cannot be "
                              + "augmented explicitly; conform it to FiniteLabelSymmetry or ContinuousLabelSymmetry.")
      }
    case .sumKernel:
      guard let finite else {
        throw SymmetryError(.routeNotApplicable,
                            "The sum kernel needs a finite group, but \(symmetry.name) is continuous; use route "
                              + ".haarKernel (Gaussian, Laplacian or Matérn kernels) or .augment with Haar samples.")
      }
      try Self.sumKernel(kernel, finite)
    case .fourier:
      guard let finite else {
        throw SymmetryError(.routeNotApplicable,
                            "The group-Fourier route needs Z2^m sign flips, but \(symmetry.name) is continuous; use "
                              + ".haarKernel or .augment.")
      }
      try Self.fourierSolver(kernel, ridge, finite)
    case .haarKernel:
      guard let base = kernel as? any HaarAverageableKernel else { throw .noHaarAverage(for: K.self) }
      try Self.haarKernel(base, symmetry)
    }
    self.kernel = kernel
    self.ridge = ridge
    self.symmetry = symmetry
    self.route = route
    self.trust = trust
    self.haarCopies = haarCopies
    self.seed = seed
  }

  private static func sumKernel<S: FiniteLabelSymmetry>(_ kernel: K, _ s: S) throws(SymmetryError) {
    _ = try SymmetrizedKernel(kernel, symmetry: s)
  }

  private static func fourierSolver<S: FiniteLabelSymmetry>(_ kernel: K, _ ridge: Double, _ s: S) throws(SymmetryError) {
    _ = try GroupFourierSolver(kernel: kernel, ridge: ridge, symmetry: s)
  }

  /// Fits on the original samples (X, y) by the chosen route and trust.
  ///
  /// - Parameters:
  ///   - inputs: N × d inputs.
  ///   - labels: N labels (the augmented labels come from the symmetry's label corrections).
  /// - Returns: A predictor; all routes predict f(x*) for new inputs.
  /// - Throws: `RegressionError` (invalid data, memory budget, failed factorisation; a symmetry
  ///   error during augmentation is reported with code `dimensionMismatch` or `invalidConfiguration`).
  /// - Complexity: see `SymmetryRoute`; with ε² > 0 on route `.fourier`, see
  ///   `GroupFourierSolver.fit(_:_:copyRidge:)`.
  public func fit(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> any Predictor {
    try fitGrid(inputs, labels, ridges: [ridge], copyRidges: [trust.copyRidge ?? 0])[0][0]
  }

  /// Fits every (λ, ε²) pair of a grid by this route, sharing what the pairs have in common: the
  /// augmented set (`.augment`), the kernel blocks and their factorisations (`.fourier`, see
  /// `GroupFourierSolver.fitGrid(_:_:ridges:copyRidges:strategy:)`), and one plain KRR fit per λ for
  /// ε² = ∞. The initializer's ``ridge`` and ``trust`` are not used: the grid replaces them (ε² = 0 is
  /// trust `.full`, ε² = ∞ is trust `.none`).
  ///
  /// - Parameters:
  ///   - inputs: N × d inputs.
  ///   - labels: N labels.
  ///   - ridges: λ values, each finite and > 0.
  ///   - copyRidges: ε² values, each ≥ 0 or `.infinity`; finite ε² > 0 needs route `.augment` or
  ///     `.fourier`.
  /// - Returns: `models[r][e]` for `ridges[r]` and `copyRidges[e]`.
  /// - Throws: `RegressionError` as ``fit(_:_:)``, and for a bad or empty grid (all problems at once).
  /// - Complexity: `.fourier`: see `CopyRidgeStrategy.preferred(groupOrder:coupledPairs:fullTrustPairs:)`;
  ///   `.augment`: one augmentation, one N|G| solve per pair with finite ε²; the kernel routes: one
  ///   solve per λ.
  public func fitGrid(_ inputs: Matrix, _ labels: [Double], ridges: [Double],
                      copyRidges: [Double]) throws(RegressionError) -> [[any Predictor]] {
    var problems: [RegressionError.Problem] = []
    if inputs.columns != symmetry.dimension {
      problems.append(.init(code: .dimensionMismatch, message:
        "The inputs have \(inputs.columns) columns but \(symmetry.name) acts on "
          + "\(symmetry.dimension) coordinates; give one column per coordinate of the symmetry."))
    }
    Validation.checkRidgeGrid(ridges: ridges, copyRidges: copyRidges, into: &problems)
    if route == .sumKernel || route == .haarKernel, let e = copyRidges.first(where: { $0 > 0 && $0.isFinite }) {
      problems.append(.init(code: .invalidConfiguration, message:
        "A copy ridge ε² = \(e) needs the augmented copies, but route .\(route) solves on the N originals with one "
          + "ridge; use route .fourier (Z2^m sign flips) or .augment, or ε² = 0 or .infinity."))
    }
    try Validation.throwIfAny(problems)
    do {
      var models: [[(any Predictor)?]] = Array(repeating: Array(repeating: nil, count: copyRidges.count),
                                               count: ridges.count)
      let symmetric = copyRidges.indices.filter { copyRidges[$0].isFinite }
      if !symmetric.isEmpty {
        let chosen = symmetric.map { copyRidges[$0] }
        let fitted = try fitSymmetric(inputs, labels, ridges: ridges, copyRidges: chosen)
        for r in ridges.indices { for (k, e) in symmetric.enumerated() { models[r][e] = fitted[r][k] } }
      }
      if copyRidges.contains(.infinity) {
        // ε² = ∞ (trust .none): the copies carry no information; plain KRR on the originals.
        for (r, lambda) in ridges.enumerated() {
          let plain = try KernelRidgeRegression(kernel: kernel, ridge: lambda).fit(inputs, labels)
          for e in copyRidges.indices where copyRidges[e] == .infinity { models[r][e] = plain }
        }
      }
      return models.map { $0.map { $0! } }
    } catch let error as SymmetryError {
      throw RegressionError(error.code == .dimensionMismatch ? .dimensionMismatch : .invalidConfiguration,
                            error.message)
    } catch let error as RegressionError {
      throw error
    } catch {
      throw RegressionError(.numericalFailure, "\(error)")
    }
  }

  private static func haarKernel<B: HaarAverageableKernel>(_ base: B, _ s: any LabelSymmetry) throws(SymmetryError) {
    _ = try HaarAveragedKernel(base, symmetry: s)
  }

  private func fitHaar<B: HaarAverageableKernel>(_ base: B, _ inputs: Matrix, _ labels: [Double],
                                                  ridge: Double) throws -> any Predictor {
    try KernelRidgeRegression(kernel: try HaarAveragedKernel(base, symmetry: symmetry), ridge: ridge).fit(inputs, labels)
  }

  /// The pairs with finite ε², by the route.
  private func fitSymmetric(_ inputs: Matrix, _ labels: [Double], ridges: [Double],
                            copyRidges: [Double]) throws -> [[any Predictor]] {
    switch route {
    case .augment:
      let data: AugmentedData
      if let finite = symmetry as? any FiniteLabelSymmetry {
        data = try Augmentation.augment(inputs: inputs, labels: labels, by: finite)
      } else {
        let continuous = symmetry as! any ContinuousLabelSymmetry
        var rng = SeededGenerator(seed: seed)
        data = try Augmentation.augment(inputs: inputs, labels: labels, by: continuous, copies: haarCopies,
                                        using: &rng)
      }
      return try ridges.map { lambda in
        try copyRidges.map { e in
          // Per-sample ridges: λ on the identity copy (element 0), λ + ε² on every other copy.
          let sampleRidges = e > 0 ? data.elementIndex.map { $0 == 0 ? lambda : lambda + e } : nil
          return try KernelRidgeRegression(kernel: kernel, ridge: lambda).fit(data.inputs, data.labels,
                                                                              sampleRidges: sampleRidges)
        }
      }
    case .sumKernel:
      let finite = symmetry as! any FiniteLabelSymmetry
      return try ridges.map { lambda in
        let model = try fitSum(finite, inputs, labels, ridge: lambda)
        return copyRidges.map { _ in model }
      }
    case .fourier:
      let finite = symmetry as! any FiniteLabelSymmetry
      return try fitFourier(finite, inputs, labels, ridges: ridges, copyRidges: copyRidges)
    case .haarKernel:
      let base = kernel as! any HaarAverageableKernel
      return try ridges.map { lambda in
        let model = try fitHaar(base, inputs, labels, ridge: lambda)
        return copyRidges.map { _ in model }
      }
    }
  }

  private func fitSum<S: FiniteLabelSymmetry>(_ s: S, _ inputs: Matrix, _ labels: [Double],
                                              ridge: Double) throws -> any Predictor {
    try KernelRidgeRegression(kernel: try SymmetrizedKernel(kernel, symmetry: s), ridge: ridge).fit(inputs, labels)
  }

  private func fitFourier<S: FiniteLabelSymmetry>(_ s: S, _ inputs: Matrix, _ labels: [Double], ridges: [Double],
                                                  copyRidges: [Double]) throws -> [[any Predictor]] {
    try GroupFourierSolver(kernel: kernel, ridge: ridges[0], symmetry: s)
      .fitGrid(inputs, labels, ridges: ridges, copyRidges: copyRidges)
  }
}
