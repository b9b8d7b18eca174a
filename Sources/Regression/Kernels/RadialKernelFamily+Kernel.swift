extension RadialKernelFamily {
  /// The names accepted by ``init(name:)``: `gaussian`, `laplacian`, `matern32`, `matern52`.
  public static var names: [String] { allCases.map(\.rawValue) }

  /// The family called `name` (case-insensitive), as in a study configuration's `"kernels"`.
  /// - Throws: ``RegressionError`` `.invalidConfiguration` naming the valid families.
  public init(name: String) throws(RegressionError) {
    guard let family = RadialKernelFamily(rawValue: name.lowercased()) else {
      throw RegressionError(.invalidConfiguration,
        "Unknown kernel family '\(name)'; valid families are \(RadialKernelFamily.names.joined(separator: ", ")).")
    }
    self = family
  }

  /// The family's kernel type with length scale σ (input units): `GaussianKernel`,
  /// `LaplacianKernel`, `Matern32Kernel` or `Matern52Kernel`.
  ///
  /// Pass the result to a generic function (`func f<K: Kernel>(_ k: K)`), which opens the
  /// existential; a generic type's initializer does not.
  ///
  /// ```swift
  /// let k = try RadialKernelFamily(name: "laplacian").kernel(lengthScale: 0.4)
  /// k.value([0, 0], [0.4, 0])          // 0.36787944117144233 = e⁻¹
  /// ```
  public func kernel(lengthScale: Double) -> any HaarAverageableKernel {
    switch self {
    case .gaussian: GaussianKernel(lengthScale: lengthScale)
    case .laplacian: LaplacianKernel(lengthScale: lengthScale)
    case .matern32: Matern32Kernel(lengthScale: lengthScale)
    case .matern52: Matern52Kernel(lengthScale: lengthScale)
    }
  }
}
