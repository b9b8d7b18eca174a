/// How a model uses a label symmetry (arXiv 2605.28238, "Using a symmetry in a model").
///
/// | Route | Applies to | Cost |
/// |---|---|---|
/// | `augment` | any symmetry (continuous: M Haar samples) | one solve of size N·|G| |
/// | `sumKernel` | exact finite groups, invariant kernel | one solve of size N, |G| kernel builds |
/// | `fourier` | Z2^m sign flips, exact or corrected | |G| solves of size N |
/// | `haarKernel` | O(3), SO(3), O(2), SO(2) with a Gaussian, Laplacian or Matérn kernel | one solve of size N |
///
/// Where several apply to a finite group they give the same predictions up to rounding. How
/// strongly the symmetry is trusted is a separate choice (`SymmetryTrust`): `augment` and `fourier`
/// also carry a per-copy ridge ε² (`fourier` with one more solve of size N), the kernel routes do not.
public enum SymmetryRoute: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Explicit augmentation: train on every copy (g·x_i, y_i + c_g(x_i)).
  case augment
  /// The sum kernel k_G(x, x′) = Σ_g k(x, g·x′) on the original samples (`SymmetrizedKernel`).
  case sumKernel
  /// The group-Fourier solve for sign-flip groups (`GroupFourierSolver`).
  case fourier
  /// The Haar-averaged kernel (`HaarAveragedKernel`: Gaussian, Laplacian, Matérn 3/2 or 5/2).
  case haarKernel

  /// The case name, e.g. `fourier`.
  public var description: String { rawValue }
}
