import LinearAlgebra
import Regression
import Symmetries

/// A character-weighted kernel is what it claims: each sector kernel is positive semi-definite,
/// the weighted sectors add up to the kernel, and the table belongs to the symmetry's group.
///
/// ```
/// K_s = (1/|G|) Σ_g χ_s(g) K^(g) ⪰ 0 (min eigenvalue ≥ −tol · scale),     ‖Σ_s w_s K_s − K‖_max ≤ tol · scale
/// ```
///
/// on the sample, with scale = max(1, max |K_ij|). Applies when the subject's kernel is a
/// `SectorWeightedKernel` (such as `CharacterWeightedKernel`) and a sample is given; its invariance
/// k(g·x, g·x′) = k(x, x′) is the ``KernelInvarianceCheck``'s. A negative eigenvalue means the
/// table's rows are not characters of the group or the base kernel is not invariant; a sum that
/// misses means the weights or coefficients are inconsistent. Tolerance 1e-9 relative.
///
/// - Complexity: S eigendecompositions of N × N for S sectors.
public struct SectorKernelCheck: SymmetryCheck {
  public var name: String { "sector kernels" }
  public var property: String {
    "Each sector kernel k_s = (1/|G|) Σ_g χ_s(g) k(x, g·x′) is positive semi-definite and Σ_s w_s k_s is the kernel."
  }
  public var tolerance: SymmetryTolerancePolicy

  /// The check.
  ///
  /// - Parameter tolerance: relative tolerance on eigenvalues and on the sum.
  public init(tolerance: SymmetryTolerancePolicy = .uniform(1e-9)) { self.tolerance = tolerance }

  public func isApplicable(to subject: SymmetryCheckSubject) -> Bool {
    subject.kernel is any SectorWeightedKernel && subject.sample != nil
  }

  public func run(on subject: SymmetryCheckSubject) -> [SymmetryFinding] {
    guard let kernel = subject.kernel as? any SectorWeightedKernel, let sample = subject.sample else { return [] }
    let table = kernel.characterTable
    if let finite = subject.finite, finite.order != table.order {
      return [SymmetryFinding(
        check: name, quantity: "the character table's order", expected: Double(finite.order), observed: Double(table.order),
        tolerance: 0, message: "The kernel's character table has \(table.order) columns but \(subject.symmetry.name) has "
          + "\(finite.order) elements; build the kernel from the symmetry under test.")]
    }
    let full = kernel.matrix(sample)
    let scale = max(1, full.elements.map(abs).max() ?? 0)
    let tol = tolerance.tolerance(isExact: subject.symmetry.isExact) * scale
    let sectors = kernel.sectorMatrices(sample)
    var findings: [SymmetryFinding] = []
    var sum = Matrix(rows: sample.rows, columns: sample.rows)
    for (s, (k, w)) in zip(sectors, kernel.sectorWeights).enumerated() {
      sum.add(k, scaledBy: w)
      let smallest: Double
      do { smallest = try SymmetricEigendecomposition(of: k).eigenvalues.min() ?? 0 } catch { smallest = .nan }
      if !(smallest >= -tol) {
        findings.append(SymmetryFinding(
          check: name, quantity: "the smallest eigenvalue of K_s for sector \(s) (\(table.sectors[s].name))", expected: 0,
          observed: smallest, tolerance: tol,
          message: "Sector \(s)'s kernel is not positive semi-definite on the sample: the table's row is not a character "
            + "of the group, or the base kernel is not invariant under it."))
      }
    }
    let gap = sum.maxAbsoluteDifference(to: full)
    if !(gap <= tol) {
      findings.append(SymmetryFinding(
        check: name, quantity: "max |Σ_s w_s K_s − K|", expected: 0, observed: gap, tolerance: tol,
        message: "The weighted sector kernels do not add up to the kernel; its element coefficients disagree with its "
          + "sector weights and character table."))
    }
    return findings
  }
}
