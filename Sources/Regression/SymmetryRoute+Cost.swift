import Foundation

extension SymmetryRoute {
  /// Estimated floating-point operations of one fit on `trainingCount` samples and one
  /// prediction of `predictionCount` points with this route, from |G|, N and d alone — before
  /// any group element, kernel matrix or factor is built.
  ///
  /// ```
  /// set-up (augment, sumKernel, fourier):  |G|²·d³       (SymmetricKernelRidge checks the group)
  /// augment:    N|G|·d² + (N|G|)²·d + (N|G|)³/3 + P·N|G|·d     (copies, kernel, Cholesky, predictions)
  /// sumKernel:  N|G|·d² + N²|G|·d   + N³/3      + P·N|G|·d
  /// fourier:    N|G|·d² + N²|G|·d   + |G|log₂|G|·N² + |G|·N³/3 + P·N|G|·d
  /// haarKernel: N²·d    + N³/3      + P·N·d                   (closed form per pair)
  /// ```
  ///
  /// With |G| = 1 every route costs what plain kernel ridge regression does (N²·d + N³/3).
  /// The figure is a count, not a time: it lets a caller refuse a |G| = 2²⁰ group with the
  /// number before minutes of silent work (see ``defaultOperationLimit``).
  ///
  /// - Parameters:
  ///   - trainingCount: N, original samples.
  ///   - predictionCount: P, points predicted with the fitted model.
  ///   - groupOrder: |G| (for `augment` with a continuous group, the number of copies).
  ///   - dimension: d, the input dimension.
  /// - Returns: the estimate, as a `Double` (it may exceed `Int.max`).
  /// - Complexity: O(1).
  public func estimatedOperations(trainingCount: Int, predictionCount: Int, groupOrder: Int, dimension: Int) -> Double {
    let n = Double(max(trainingCount, 0)), p = Double(max(predictionCount, 0))
    let g = Double(max(groupOrder, 1)), d = Double(max(dimension, 1))
    let setup = g > 1 ? g * g * d * d * d : 0
    switch self {
    case .augment:
      let rows = n * g
      return setup + rows * d * d + rows * rows * d + rows * rows * rows / 3 + p * rows * d
    case .sumKernel:
      return setup + n * g * d * d + n * n * g * d + n * n * n / 3 + p * n * g * d
    case .fourier:
      return setup + n * g * d * d + n * n * g * d + g * log2(g) * n * n + g * n * n * n / 3 + p * n * g * d
    case .haarKernel:
      return n * n * d + n * n * n / 3 + p * n * d
    }
  }

  /// The estimate above which the package's study set-up and command-line tool refuse to start:
  /// 10¹³ operations, several times the default water-pes study (sizes up to 2048, |G| = 8, the
  /// group-Fourier route, 5 repeats).
  public static let defaultOperationLimit = 1e13
}
