/// The stationary kernel families a study or a command can choose between by name.
///
/// | family | k(x, x′), r = ‖x − x′‖ | smoothness of samples |
/// |---|---|---|
/// | `gaussian` | exp(−r²/(2ℓ²)) | infinitely differentiable |
/// | `laplacian` | exp(−r/ℓ) | continuous, not differentiable (a cusp suits e^(−2r) densities) |
/// | `matern32` | (1 + √3 r/ℓ) exp(−√3 r/ℓ) | once differentiable |
/// | `matern52` | (1 + √5 r/ℓ + 5r²/(3ℓ²)) exp(−√5 r/ℓ) | twice differentiable |
///
/// Each is isotropic, so every symmetry route that needs an invariant kernel accepts it.
///
/// ```swift
/// let family = try KernelFamily(name: "laplacian")
/// let k = family.kernel(lengthScale: 0.4)     // a FamilyKernel of the Laplacian family
/// k.value([0, 0], [0.4, 0])                    // 0.3678… = e⁻¹
/// ```
public enum KernelFamily: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case gaussian, laplacian, matern32, matern52

  /// The names accepted by ``init(name:)``, in a stable order.
  public static var names: [String] { allCases.map(\.rawValue) }

  /// The family called `name` (`gaussian`, `laplacian`, `matern32`, `matern52`; case-insensitive).
  /// - Throws: ``RegressionError`` `.invalidConfiguration` naming the valid families.
  public init(name: String) throws(RegressionError) {
    guard let family = KernelFamily(rawValue: name.lowercased()) else {
      throw RegressionError(.invalidConfiguration,
        "Unknown kernel family '\(name)'; valid families are \(KernelFamily.names.joined(separator: ", ")).")
    }
    self = family
  }

  /// The family's kernel with length scale ℓ (in input units), as one concrete type for every
  /// family so that generic code (`KernelRidgeRegression<K>`, `SymmetrizedKernel<K, G>`) needs
  /// no existential.
  public func kernel(lengthScale: Double, bounds: ClosedRange<Double> = 1e-5...1e5, isFixed: Bool = false) -> FamilyKernel {
    FamilyKernel(family: self, lengthScale: lengthScale, bounds: bounds, isFixed: isFixed)
  }

  /// The name, e.g. `matern32`.
  public var description: String { rawValue }
}

/// A stationary kernel of a ``KernelFamily`` chosen at run time: the family's profile, one length
/// scale.
///
/// Values, matrices and gradients equal those of the family's own type (`GaussianKernel`,
/// `LaplacianKernel`, `Matern32Kernel`, `Matern52Kernel`) bit for bit: the profile is the family
/// type's, chosen once per buffer, so the hot loops are the same.
public struct FamilyKernel: StationaryKernel, LengthScaleKernel, Hashable {
  /// The family.
  public let family: KernelFamily
  /// Length scale σ > 0, in the units of the inputs.
  public var lengthScale: Double
  /// Optimisation bounds of σ.
  public var lengthScaleBounds: ClosedRange<Double>
  /// Whether optimisers keep σ fixed.
  public var isLengthScaleFixed: Bool

  /// The kernel of `family` with length scale σ.
  public init(family: KernelFamily, lengthScale: Double, bounds: ClosedRange<Double> = 1e-5...1e5, isFixed: Bool = false) {
    self.family = family
    self.lengthScale = lengthScale
    self.lengthScaleBounds = bounds
    self.isLengthScaleFixed = isFixed
  }

  /// The family's own kernel type with this length scale.
  public var concrete: any StationaryKernel {
    switch family {
    case .gaussian: GaussianKernel(lengthScale: lengthScale, bounds: lengthScaleBounds, isFixed: isLengthScaleFixed)
    case .laplacian: LaplacianKernel(lengthScale: lengthScale, bounds: lengthScaleBounds, isFixed: isLengthScaleFixed)
    case .matern32: Matern32Kernel(lengthScale: lengthScale, bounds: lengthScaleBounds, isFixed: isLengthScaleFixed)
    case .matern52: Matern52Kernel(lengthScale: lengthScale, bounds: lengthScaleBounds, isFixed: isLengthScaleFixed)
    }
  }

  /// Replaces each r² by the family's profile k(r²).
  public func applyProfile(_ buffer: UnsafeMutableBufferPointer<Double>) { concrete.applyProfile(buffer) }

  /// Replaces each r² by ∂k/∂log σ.
  public func applyLogDerivativeProfile(_ index: Int, _ buffer: UnsafeMutableBufferPointer<Double>) {
    concrete.applyLogDerivativeProfile(index, buffer)
  }
}
