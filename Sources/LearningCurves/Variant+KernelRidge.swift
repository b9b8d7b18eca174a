import Datasets
import LinearAlgebra
import Regression
import Symmetries

extension Variant {
  /// Kernel ridge regression with a Gaussian kernel, optionally using a label symmetry through
  /// a route, choosing (length scale, ridge) from `grid` on held-out data.
  ///
  /// ```swift
  /// let q3 = try SignFlips(dimension: 3, coordinates: [2])
  /// let variant = Variant.kernelRidge(name: "q3", summary: "exact q₃ reflection (sum kernel)",
  ///                                   grid: grid, symmetry: q3, route: .sumKernel)
  /// ```
  ///
  /// - Parameters:
  ///   - name: short machine name, used in reports.
  ///   - summary: one line for people.
  ///   - grid: the (length scale × ridge) candidates.
  ///   - symmetry: `nil` for plain KRR.
  ///   - route: how the symmetry enters (see `SymmetryRoute`); ignored without a symmetry.
  ///   - trust: how strongly the symmetry is trusted (`SymmetryTrust`): `.full` (default),
  ///     `.copyRidge(ε²)` (routes `.augment` and `.fourier`) or `.none`.
  ///   - haarCopies: copies (identity included) when augmenting by a continuous group.
  ///   - diagnostics: the symmetry's label-error diagnostics, to show the predicted floor.
  public static func kernelRidge(
    name: String, summary: String, grid: HyperparameterGrid,
    symmetry: (any LabelSymmetry)? = nil, route: SymmetryRoute = .sumKernel,
    trust: SymmetryTrust = .full, haarCopies: Int = 64, diagnostics: SymmetryDiagnostics? = nil
  ) -> Variant {
    let groupOrder: Int
    switch symmetry {
    case nil: groupOrder = 1
    case let finite as any FiniteLabelSymmetry: groupOrder = finite.order
    default: groupOrder = route == .augment ? haarCopies : 0  // 0: a continuous group, no finite |G|
    }
    // Trust .none (ε² = ∞) solves plain KRR on the N originals.
    let rowsPerSample = (route == .augment && symmetry != nil && trust.copyRidge != .infinity) ? max(groupOrder, 1) : 1
    return Variant(name: name, summary: summary, groupOrder: groupOrder, candidates: grid.candidates,
                   predictedFloor: diagnostics?.predictedFloor,
                   expectedLabelError: diagnostics?.meanAbsoluteError, inputDimension: symmetry?.dimension) { train, hyper in
      let kernel = GaussianKernel(lengthScale: hyper["length_scale"]!)
      let ridge = hyper["ridge"]!
      let model: any Predictor
      if let symmetry {
        model = try SymmetricKernelRidge(kernel: kernel, ridge: ridge, symmetry: symmetry, route: route,
                                         trust: trust, haarCopies: haarCopies)
          .fit(train.inputs, train.labels)
      } else {
        model = try KernelRidgeRegression(kernel: kernel, ridge: ridge).fit(train.inputs, train.labels)
      }
      return FittedVariant(trainingRows: train.count * rowsPerSample) { try model.predict($0) }
    }
  }
}
