import Foundation
public import LinearAlgebra
public import Symmetries

/// Kernel ridge regression that uses a label symmetry through a chosen `SymmetryRoute`.
///
/// One entry point for the four routes: explicit augmentation (optionally with an extra ridge ε² on
/// the non-identity copies, so that an approximate symmetry is down-weighted), the sum kernel, the
/// group-Fourier solve and the Haar-averaged kernel. The initializer refuses a route that
/// does not apply and says which one to use instead.
///
/// ```
/// augment:    min Σ_g Σ_i (f(g·x_i) − y_i − c_g(x_i))² / λ_g + ‖f‖²,   λ_e = λ, λ_g = λ + ε² (g ≠ e)
/// sumKernel:  KRR with k_G(x, x′) = Σ_g k(x, g·x′) and λ
/// fourier:    augmented KRR with λ by |G| solves of size N
/// haarKernel: KRR with ⟨k⟩(x, x′) = ∫ k(x, R x′) dR and λ
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
  /// Extra ridge ε² on the non-identity copies (route `.augment` only).
  public let copyRidge: Double
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
  ///   - copyRidge: ε² ≥ 0 added to the ridge of every non-identity copy (route `.augment`).
  ///   - haarCopies: Copies for augmenting by a continuous group (identity included), ≥ 1.
  ///   - seed: Seed of the Haar samples.
  /// - Throws: `SymmetryError.routeNotApplicable` naming the route to use instead;
  ///   `.kernelNotInvariant` for the kernel routes with a non-invariant kernel; `.invalidParameter`.
  /// - Complexity: O(|G|² d³) checks.
  public init(kernel: K, ridge: Double, symmetry: any LabelSymmetry, route: SymmetryRoute, copyRidge: Double = 0,
              haarCopies: Int = 64, seed: UInt64 = 0) throws(SymmetryError) {
    guard ridge.isFinite && ridge > 0 else {
      throw SymmetryError(.invalidParameter, "The ridge λ is \(ridge); it must be a finite number > 0 (e.g. 1e-6).",
                          value: ridge)
    }
    guard copyRidge.isFinite && copyRidge >= 0 else {
      throw SymmetryError(.invalidParameter,
                          "The extra copy ridge ε² is \(copyRidge); it must be a finite number ≥ 0 (0 trusts the "
                            + "symmetry fully).", value: copyRidge)
    }
    if copyRidge > 0 && route != .augment {
      throw SymmetryError(.routeNotApplicable,
                          "A per-copy ridge ε² = \(copyRidge) needs explicit augmentation; route .\(route) uses one "
                            + "ridge. Use route .augment, or copyRidge 0.")
    }
    guard haarCopies >= 1 else {
      throw SymmetryError(.invalidParameter, "haarCopies is \(haarCopies); use at least 1 (the original).",
                          actual: haarCopies)
    }
    let finite = symmetry as? any FiniteLabelSymmetry
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
    self.copyRidge = copyRidge
    self.haarCopies = haarCopies
    self.seed = seed
  }

  private static func sumKernel<S: FiniteLabelSymmetry>(_ kernel: K, _ s: S) throws(SymmetryError) {
    _ = try SymmetrizedKernel(kernel, symmetry: s)
  }

  private static func fourierSolver<S: FiniteLabelSymmetry>(_ kernel: K, _ ridge: Double, _ s: S) throws(SymmetryError) {
    _ = try GroupFourierSolver(kernel: kernel, ridge: ridge, symmetry: s)
  }

  /// Fits on the original samples (X, y) by the chosen route.
  ///
  /// - Parameters:
  ///   - inputs: N × d inputs.
  ///   - labels: N labels (the augmented labels come from the symmetry's label corrections).
  /// - Returns: A predictor; all routes predict f(x*) for new inputs.
  /// - Throws: `RegressionError` (invalid data, memory budget, failed factorisation; a symmetry
  ///   error during augmentation is reported with code `dimensionMismatch` or `invalidConfiguration`).
  /// - Complexity: see `SymmetryRoute`.
  public func fit(_ inputs: Matrix, _ labels: [Double]) throws(RegressionError) -> any Predictor {
    if inputs.columns != symmetry.dimension {
      throw RegressionError(.dimensionMismatch,
                            "The inputs have \(inputs.columns) columns but \(symmetry.name) acts on "
                              + "\(symmetry.dimension) coordinates; give one column per coordinate of the symmetry.")
    }
    do {
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
        let ridges = copyRidge > 0 ? data.elementIndex.map { $0 == 0 ? ridge : ridge + copyRidge } : nil
        return try KernelRidgeRegression(kernel: kernel, ridge: ridge).fit(data.inputs, data.labels,
                                                                            sampleRidges: ridges)
      case .sumKernel:
        let finite = symmetry as! any FiniteLabelSymmetry
        return try fitSum(finite, inputs, labels)
      case .fourier:
        let finite = symmetry as! any FiniteLabelSymmetry
        return try fitFourier(finite, inputs, labels)
      case .haarKernel:
        let base = kernel as! any HaarAverageableKernel
        return try fitHaar(base, inputs, labels)
      }
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

  private func fitHaar<B: HaarAverageableKernel>(_ base: B, _ inputs: Matrix, _ labels: [Double]) throws -> any Predictor {
    try KernelRidgeRegression(kernel: try HaarAveragedKernel(base, symmetry: symmetry), ridge: ridge).fit(inputs, labels)
  }

  private func fitSum<S: FiniteLabelSymmetry>(_ s: S, _ inputs: Matrix, _ labels: [Double]) throws -> any Predictor {
    try KernelRidgeRegression(kernel: try SymmetrizedKernel(kernel, symmetry: s), ridge: ridge).fit(inputs, labels)
  }

  private func fitFourier<S: FiniteLabelSymmetry>(_ s: S, _ inputs: Matrix, _ labels: [Double]) throws -> any Predictor {
    try GroupFourierSolver(kernel: kernel, ridge: ridge, symmetry: s).fit(inputs, labels)
  }
}
