import LinearAlgebra

/// Cubic force constants φᵢⱼₖ = ∂³V/∂qᵢ∂qⱼ∂qₖ at the minimum, in dimensionless normal
/// coordinates (cm⁻¹).
///
/// With them the potential near the minimum reads
///
/// ```
/// V(q) = V_e + ½ Σₖ ωₖ qₖ² + ⅙ Σᵢⱼₖ φᵢⱼₖ qᵢ qⱼ qₖ + O(|q|⁴)
/// ```
///
/// By C₂ᵥ symmetry every constant with an odd number of indices equal to 3 (the B₂
/// antisymmetric stretch) vanishes: φ₁₁₃, φ₁₂₃, φ₂₂₃, φ₃₃₃ (and permutations).
///
/// ```swift
/// let phi = try WaterNormalModes().cubicForceConstants()
/// phi[0, 0, 0]          // φ₁₁₁ (cm⁻¹)
/// phi.keyed["113"]      // ≈ 0
/// ```
public struct CubicForceConstants: Sendable, Equatable {
  /// The 27 values (cm⁻¹), element (i, j, k) at 9i + 3j + k with 0-based mode indices
  /// (0 = q₁ symmetric stretch, 1 = q₂ bend, 2 = q₃ antisymmetric stretch). Fully symmetric.
  public let values: [Double]

  /// φᵢⱼₖ (cm⁻¹) for 0-based mode indices i, j, k ∈ 0...2 (0 = q₁, 1 = q₂, 2 = q₃).
  public subscript(i: Int, j: Int, k: Int) -> Double {
    precondition((0..<3).contains(i) && (0..<3).contains(j) && (0..<3).contains(k),
                 "Mode indices (\(i), \(j), \(k)) out of range 0...2")
    return values[9 * i + 3 * j + k]
  }

  /// The ten distinct constants keyed by 1-based mode numbers in non-decreasing order:
  /// "111", "112", "113", "122", "123", "133", "222", "223", "233", "333" (cm⁻¹).
  public var keyed: [String: Double] {
    var out: [String: Double] = [:]
    for i in 0..<3 { for j in i..<3 { for k in j..<3 { out["\(i + 1)\(j + 1)\(k + 1)"] = self[i, j, k] } } }
    return out
  }

  /// The cubic term ⅙ Σ φᵢⱼₖ qᵢ qⱼ qₖ at q (cm⁻¹).
  public func cubicEnergy(at q: [Double]) -> Double {
    precondition(q.count == 3, "Normal coordinates are 3 values, got \(q.count)")
    var sum = 0.0
    for i in 0..<3 { for j in 0..<3 { for k in 0..<3 { sum += values[9 * i + 3 * j + k] * q[i] * q[j] * q[k] } } }
    return sum / 6
  }
}

extension WaterNormalModes {
  /// Cubic force constants by five-point central differences of normal-coordinate Hessians.
  ///
  /// For each direction k the Hessian ∂²V/∂qᵢ∂qⱼ (itself five-point differences of energies,
  /// ``hessianInNormalCoordinates(at:step:)``) is evaluated at q = ±h eₖ, ±2h eₖ and
  ///
  /// ```
  /// Dₖ Hᵢⱼ = [H(−2h eₖ) − 8 H(−h eₖ) + 8 H(h eₖ) − H(2h eₖ)]ᵢⱼ / (12 h)
  /// φᵢⱼₖ   = (Dₖ Hᵢⱼ + Dᵢ Hⱼₖ + Dⱼ Hᵢₖ) / 3
  /// ```
  ///
  /// (the average of the three orders of differentiation).
  ///
  /// - Parameter step: h in dimensionless q for both the outer and the inner differences.
  ///   Default 0.02 (truncation error ~h⁴, rounding ~1e-16 hartree/h³ ≈ 3e-6 cm⁻¹).
  /// - Returns: the constants in cm⁻¹.
  /// - Throws: ``DatasetError`` `.invalidParameter` for a non-positive step; any error of the
  ///   surface.
  /// - Complexity: 12 Hessians of 61 energies each (732 energy evaluations).
  public func cubicForceConstants(step: Double = 0.02) throws(DatasetError) -> CubicForceConstants {
    guard step > 0 && step.isFinite else {
      throw DatasetError(.invalidParameter, "Finite-difference step \(step) for cubic force constants must be positive and finite (dimensionless q; 0.005 … 0.05 works well).")
    }
    var derivative = [Double](repeating: 0, count: 27)  // (k, i, j) → Dₖ Hᵢⱼ at 9k + 3i + j
    let weights: [Double] = [1, -8, 8, -1]
    let offsets: [Double] = [-2, -1, 1, 2]
    for k in 0..<3 {
      var acc = [Double](repeating: 0, count: 9)
      for (w, a) in zip(weights, offsets) {
        var q = [0.0, 0, 0]
        q[k] = a * step
        let h = try hessianInNormalCoordinates(at: q, step: step)
        for e in 0..<9 { acc[e] += w * h.elements[e] }
      }
      for e in 0..<9 { derivative[9 * k + e] = acc[e] / (12 * step) }
    }
    var values = [Double](repeating: 0, count: 27)
    for i in 0..<3 {
      for j in 0..<3 {
        for k in 0..<3 {
          values[9 * i + 3 * j + k] = (derivative[9 * k + 3 * i + j] + derivative[9 * i + 3 * j + k]
                                       + derivative[9 * j + 3 * i + k]) / 3
        }
      }
    }
    return CubicForceConstants(values: values)
  }
}
