import Symmetries
import LinearAlgebra

/// The kernel is invariant under every element: k(g·x, g·x′) = k(x, x′).
///
/// ```
/// max_{i,j} |k(g·xᵢ, g·xⱼ) − k(xᵢ, xⱼ)| ≤ tol · max(1, max_{i,j} |k(xᵢ, xⱼ)|)
/// ```
///
/// Every stationary isotropic kernel passes for orthogonal elements; an anisotropic kernel
/// (different length scales per coordinate) fails under permutations or rotations that mix
/// coordinates with different scales, and then the symmetrized-kernel route would be wrong.
/// Checked on all sample pairs for each element of ``SymmetryCheckSubject/elementsUnderTest``,
/// one finding per failing element at its worst pair. Tolerance 1e-9 relative for both kinds
/// of symmetry (kernel invariance does not depend on the labels).
///
/// A `CharacterWeightedKernel` of an abelian group is itself invariant (k_w(g·x, g·x′) =
/// Σ_h c_h k(x, g⁻¹hg·x′) = k_w(x, x′)), so it passes this check like its base kernel; its sector
/// parts are the ``SectorKernelCheck``'s.
///
/// - Complexity: O(|G| N² d) (one kernel matrix per element).
public struct KernelInvarianceCheck: SymmetryCheck {
  public var name: String { "kernel invariance" }
  public var property: String { "The kernel is unchanged when both arguments are moved by the same element: k(g·x, g·x′) = k(x, x′)." }
  public var tolerance: SymmetryTolerancePolicy

  /// The check.
  ///
  /// - Parameter tolerance: the relative tolerance on kernel values.
  public init(tolerance: SymmetryTolerancePolicy = .uniform(1e-9)) { self.tolerance = tolerance }

  public func isApplicable(to subject: SymmetryCheckSubject) -> Bool { subject.kernel != nil && subject.sample != nil }

  public func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    guard let kernel = subject.kernel, let sample = subject.sample else { return [] }
    let reference = kernel.matrix(sample)
    let scale = max(1, reference.elements.map(abs).max() ?? 0)
    let tol = tolerance.tolerance(isExact: subject.symmetry.isExact) * scale
    let n = sample.rows
    var findings: [SymmetryFinding] = []
    for (k, g) in subject.elementsUnderTest.enumerated() where subject.acts(g) {
      let moved = kernel.matrix(g.apply(to: sample))
      var worst = (i: 0, j: 0, error: -1.0), failures = 0
      moved.withUnsafeBufferPointer { m in
        reference.withUnsafeBufferPointer { r in
          for i in 0..<n { for j in 0...i {
            let e = abs(m[i * n + j] - r[i * n + j])
            if !(e <= tol) {
              failures += 1
              if e > worst.error || e.isNaN { worst = (i, j, e.isNaN ? .infinity : e) }
            }
          } }
        }
      }
      guard failures > 0 else { continue }
      let (i, j) = (worst.i, worst.j)
      findings.append(SymmetryFinding(
        check: name, elementIndex: k, element: g, inputs: [sample.row(i), sample.row(j)],
        quantity: "k(g·x, g·x′) = k(x, x′)", expected: reference[i, j], observed: moved[i, j], tolerance: tol,
        message: "\(failures) of \(n * (n + 1) / 2) sample pairs differ (the worst is shown). The kernel is not "
          + "invariant under this element (is it anisotropic, e.g. per-coordinate length scales?): use an isotropic "
          + "kernel, or give coordinates that the element mixes the same length scale."))
    }
    return findings
  }
}
