import Foundation
import Symmetries

/// The radial kernel families of one length scale σ, each with an average over rotation groups
/// (``HaarAveragedKernel``).
///
/// The raw values are the names used in configurations and on the command line.
///
/// ```
/// gaussian    κ(t) = exp(−t²/(2σ²))
/// laplacian   κ(t) = exp(−u),                   u = t/σ
/// matern32    κ(t) = (1 + u) exp(−u),           u = √3 t/σ
/// matern52    κ(t) = (1 + u + u²/3) exp(−u),    u = √5 t/σ
/// ```
public enum RadialKernelFamily: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// ``GaussianKernel``.
  case gaussian
  /// ``LaplacianKernel``.
  case laplacian
  /// ``Matern32Kernel``.
  case matern32
  /// ``Matern52Kernel``.
  case matern52

  /// The family's name in prose, e.g. "Matérn 3/2".
  public var description: String {
    switch self {
    case .gaussian: "Gaussian"
    case .laplacian: "Laplacian"
    case .matern32: "Matérn 3/2"
    case .matern52: "Matérn 5/2"
    }
  }

  /// The conforming kernel type's name, e.g. "Matern32Kernel".
  public var kernelTypeName: String {
    switch self {
    case .gaussian: "GaussianKernel"
    case .laplacian: "LaplacianKernel"
    case .matern32: "Matern32Kernel"
    case .matern52: "Matern52Kernel"
    }
  }

  /// For the exponential families, u = rateFactor · t/σ and the profile P(u) e^(−u); `nil` for the
  /// Gaussian, whose averages have their own closed forms.
  var exponentialPolynomial: (rateFactor: Double, profile: ExponentialPolynomialProfile)? {
    switch self {
    case .gaussian: nil
    case .laplacian: (1, ExponentialPolynomialProfile([1]))
    case .matern32: (3.0.squareRoot(), ExponentialPolynomialProfile([1, 1]))
    case .matern52: (5.0.squareRoot(), ExponentialPolynomialProfile([1, 1, 1.0 / 3]))
    }
  }
}

/// A stationary kernel of one length scale whose profile is one of the ``RadialKernelFamily``
/// profiles, so that ``HaarAveragedKernel`` can average it over O(3), SO(3), O(2) and SO(2).
///
/// Contract: `value(x, x′)` is exactly the family's κ(‖x − x′‖) with σ = ``LengthScaleKernel/lengthScale``.
/// The four shipped kernels conform; the set of families is closed because each needs its own
/// closed form or quadrature bound.
public protocol HaarAverageableKernel: StationaryKernel, LengthScaleKernel {
  /// The family of the kernel's profile.
  static var radialFamily: RadialKernelFamily { get }
}

extension GaussianKernel: HaarAverageableKernel {
  /// ``RadialKernelFamily/gaussian``.
  public static var radialFamily: RadialKernelFamily { .gaussian }
}

extension LaplacianKernel: HaarAverageableKernel {
  /// ``RadialKernelFamily/laplacian``.
  public static var radialFamily: RadialKernelFamily { .laplacian }
}

extension Matern32Kernel: HaarAverageableKernel {
  /// ``RadialKernelFamily/matern32``.
  public static var radialFamily: RadialKernelFamily { .matern32 }
}

extension Matern52Kernel: HaarAverageableKernel {
  /// ``RadialKernelFamily/matern52``.
  public static var radialFamily: RadialKernelFamily { .matern52 }
}

extension SymmetryError {
  /// The refusal of the Haar route for a kernel without a Haar average, naming those with one.
  static func noHaarAverage(for kernel: Any.Type) -> SymmetryError {
    let families = RadialKernelFamily.allCases
    let names = families.dropLast().map(\.description).joined(separator: ", ") + " and " + families.last!.description
    let types = families.map(\.kernelTypeName).joined(separator: ", ")
    return SymmetryError(.routeNotApplicable,
                         "The Haar-averaged kernel exists for the \(names) kernels (\(types)), got \(kernel); use "
                           + "one of them, or route .augment with Haar samples.")
  }
}
