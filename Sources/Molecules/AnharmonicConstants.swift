import Foundation
public import LinearAlgebra

/// Cubic force constants φᵢⱼₖ and semi-diagonal quartic constants φᵢᵢₖₖ in dimensionless normal
/// coordinates (cm⁻¹), the constants of
///
/// ```
/// V(q) = V_e + ½ Σₖ ωₖ qₖ² + ⅙ Σᵢⱼₖ φᵢⱼₖ qᵢ qⱼ qₖ + (1/24) Σᵢⱼₖₗ φᵢⱼₖₗ qᵢ qⱼ qₖ qₗ + …
/// ```
///
/// — the convention of `Datasets/CubicForceConstants` (water) and of the `TaylorCorrection`
/// of `Symmetries`. Computed by ``NormalModeAnalysis/anharmonicConstants(from:)`` from Hessians
/// at geometries displaced along each normal mode.
public struct AnharmonicConstants: Sendable, Equatable {
  /// Number of modes m.
  public let modeCount: Int
  /// φᵢⱼₖ (cm⁻¹) at index (i·m + j)·m + k, 0-based modes; symmetric under index permutations
  /// and invariant under the point group.
  public let cubic: [Double]
  /// φᵢᵢₖₖ = ∂²Hᵢᵢ/∂qₖ² (cm⁻¹), m × m, symmetrised; its diagonal is φₖₖₖₖ.
  public let quarticSemidiagonal: Matrix
  /// max |∂ₖHᵢⱼ − ∂ᵢHₖⱼ| over index pairs before symmetrisation (cm⁻¹): the cubic constants
  /// got two ways that must agree; a finite-difference error estimate.
  public let cubicAsymmetry: Double
  /// The step h of each mode's stencil (dimensionless q).
  public let steps: [Double]

  /// φᵢⱼₖ (cm⁻¹) for 0-based mode indices.
  /// - Precondition: indices in 0..<m.
  public subscript(i: Int, j: Int, k: Int) -> Double {
    precondition([i, j, k].allSatisfy { (0..<modeCount).contains($0) }, "Mode indices (\(i), \(j), \(k)) out of range 0..<\(modeCount)")
    return cubic[(i * modeCount + j) * modeCount + k]
  }

  /// φₖₖₖₖ (cm⁻¹), the diagonal quartic constants.
  public var quarticDiagonal: [Double] { quarticSemidiagonal.diagonal }

  /// The cubic term ⅙ Σ φᵢⱼₖ qᵢ qⱼ qₖ at q (cm⁻¹).
  /// - Precondition: `q.count == modeCount`.
  public func cubicEnergy(at q: [Double]) -> Double {
    precondition(q.count == modeCount, "\(q.count) normal coordinates for \(modeCount) modes")
    var s = 0.0
    for i in 0..<modeCount { for j in 0..<modeCount { for k in 0..<modeCount {
      s += cubic[(i * modeCount + j) * modeCount + k] * q[i] * q[j] * q[k]
    } } }
    return s / 6
  }
}

/// A geometry displaced along one normal mode, where a Hessian is wanted.
public struct ModeDisplacement: Sendable, Equatable {
  /// The mode k (0-based).
  public let mode: Int
  /// The displacement qₖ (dimensionless): ±h or ±2h.
  public let offset: Double
  /// The geometry x_e + offset · dₖ, n × 3 (bohr).
  public let positions: Matrix
}

extension NormalModeAnalysis {
  /// The default displacement step for Hessians, h = 0.05 in dimensionless q: the five-point
  /// derivative's truncation error (~h⁴ times quintic constants) and its rounding error
  /// (~|δH|/h for Hessians with relative noise |δH|) are both well below 0.01 cm⁻¹ for
  /// analytic SCF Hessians.
  public static let defaultDisplacementStep = 0.05

  /// The geometries where Hessians are needed for anharmonic constants: qₖ = ±h, ±2h along
  /// each mode (five-point stencil) or ±h (three-point), 4m or 2m geometries.
  ///
  /// - Parameters:
  ///   - step: h (dimensionless), in (0, 1].
  ///   - fivePoint: `true` for ±h, ±2h (default), `false` for ±h.
  /// - Throws: ``MoleculeError`` `.invalidParameter` for a step outside (0, 1].
  public func displacements(step: Double = defaultDisplacementStep, fivePoint: Bool = true) throws(MoleculeError) -> [ModeDisplacement] {
    guard step > 0 && step <= 1 else {
      throw MoleculeError(.invalidParameter, "Displacement step \(step) is outside (0, 1] (dimensionless q); 0.05 suits analytic Hessians, 0.02–0.1 works.")
    }
    var out: [ModeDisplacement] = []
    for k in 0..<modeCount {
      for s in fivePoint ? [-2.0, -1, 1, 2] : [-1.0, 1] {
        var q = [Double](repeating: 0, count: modeCount)
        q[k] = s * step
        out.append(ModeDisplacement(mode: k, offset: s * step, positions: try geometry(normalCoordinates: q)))
      }
    }
    return out
  }

  /// Cubic and semi-diagonal quartic force constants from Hessians at displaced geometries.
  ///
  /// Each geometry is put in the Eckart frame of the equilibrium (rotating its Hessian with it)
  /// and located in q; it must lie on one mode's axis (other |q| ≤ 1e-3 of it). Per mode the
  /// points must be ±h, ±2h (five-point) or ±h (three-point). With Hᵠ(q) = Dᵀ H(x(q)) D the
  /// Hessian in q (exact, since x(q) is linear in q):
  ///
  /// ```
  /// ∂ₖHᵠ  = [Hᵠ(−2h) − 8Hᵠ(−h) + 8Hᵠ(h) − Hᵠ(2h)] / 12h           (or [Hᵠ(h) − Hᵠ(−h)] / 2h)
  /// ∂ₖ²Hᵠ = [−Hᵠ(−2h) + 16Hᵠ(−h) − 30Hᵠ(0) + 16Hᵠ(h) − Hᵠ(2h)] / 12h²   (or [Hᵠ(h) − 2Hᵠ(0) + Hᵠ(−h)] / h²)
  /// φᵢⱼₖ  = sym(∂ₖHᵠᵢⱼ), averaged over index permutations and over the point group
  /// φᵢᵢₖₖ = (∂ₖ²Hᵠᵢᵢ + ∂ᵢ²Hᵠₖₖ) / 2,   Hᵠ(0) = diag(ω)
  /// ```
  ///
  /// Error: O(h⁴) (five-point) or O(h²) (three-point), plus the Hessians' noise over h.
  ///
  /// - Parameter displaced: the Hessians (any order, any orientation; atoms in the molecule's order).
  /// - Returns: the constants in cm⁻¹.
  /// - Throws: ``MoleculeError`` `.frameMismatch` (a geometry of another size);
  ///   `.incompleteDisplacements` naming the geometry that is off every mode axis, the mode whose
  ///   points are not a stencil, or the modes without points.
  /// - Complexity: O(P n² m) for P Hessians, plus O(|G| m⁴) for the group average.
  public func anharmonicConstants(from displaced: [DisplacedHessian]) throws(MoleculeError) -> AnharmonicConstants {
    let n = molecule.atomCount, m = modeCount, dim = 3 * n
    let cm = MolecularUnits.wavenumbersPerHartree
    var points = [[(offset: Double, hessian: Matrix)]](repeating: [], count: m)
    for (p, d) in displaced.enumerated() {
      guard d.positions.rows == n else {
        throw MoleculeError(.frameMismatch, "Displaced Hessian \(p) has \(d.positions.rows) atoms; the molecule has \(n).")
      }
      let q = try normalCoordinates(of: d.positions)
      let k = q.indices.max { abs(q[$0]) < abs(q[$1]) }!
      let off = q.indices.filter { $0 != k }.map { abs(q[$0]) }.max() ?? 0
      guard abs(q[k]) > 1e-6, off <= 1e-3 * abs(q[k]) else {
        throw MoleculeError(.incompleteDisplacements, "Displaced Hessian \(p) is at q = \(q.map { String(format: "%.4g", $0) }), not along a single normal mode; compute the Hessians at the geometries of displacements(step:) (symscale normal-modes --write-displaced).")
      }
      // Rotate the Hessian into the Eckart frame, then Hᵠ = D H Dᵀ (D rows dₖ).
      let r = eckartRotation(of: d.positions).rotation
      var rotated = Matrix(rows: dim, columns: dim)
      for i in 0..<n { for j in 0..<n { for a in 0..<3 { for c in 0..<3 {
        var s = 0.0
        for b in 0..<3 { for e in 0..<3 { s += r[3 * a + b] * d.hessian[3 * i + b, 3 * j + e] * r[3 * c + e] } }
        rotated[3 * i + a, 3 * j + c] = s
      } } } }
      let hq = cartesianDisplacements.multiplied(by: rotated.multiplied(by: cartesianDisplacements, transposingOther: true))
      points[k].append((q[k], hq))
    }
    let missing = (0..<m).filter { points[$0].isEmpty }
    guard missing.isEmpty else {
      throw MoleculeError(.incompleteDisplacements, "No displaced Hessians along mode\(missing.count == 1 ? "" : "s") \(missing.map { "q\($0 + 1)" }.joined(separator: ", ")) (of \(m)); every mode needs Hessians at ±h (and ±2h for the five-point stencil): use displacements(step:).")
    }
    let h0 = Matrix.diagonal(frequencies)
    var first = [Matrix](), second = [[Double]](), steps = [Double]()
    for k in 0..<m {
      let sorted = points[k].sorted { $0.offset < $1.offset }
      let offsets = sorted.map(\.offset)
      let five = offsets.count == 4, three = offsets.count == 2
      let h = five ? (offsets[3] - offsets[0]) / 4 : three ? (offsets[1] - offsets[0]) / 2 : 0
      let pattern: [Double] = five ? [-2, -1, 1, 2] : [-1, 1]
      guard five || three, h > 0, zip(offsets, pattern).allSatisfy({ abs($0 - $1 * h) <= 1e-3 * h }) else {
        throw MoleculeError(.incompleteDisplacements, "Mode q\(k + 1) has displaced Hessians at q = \(offsets.map { String(format: "%.5g", $0) }); a central difference needs ±h, ±2h (five-point) or ±h (three-point) with one step h: use displacements(step:).")
      }
      let hs = sorted.map(\.hessian)
      let d1: Matrix, d2: [Double]
      if five {
        d1 = (1 / (12 * h)) * (hs[0] - 8 * hs[1] + 8 * hs[2] - hs[3])
        d2 = (0..<m).map { i in (-hs[0][i, i] + 16 * hs[1][i, i] - 30 * h0[i, i] + 16 * hs[2][i, i] - hs[3][i, i]) / (12 * h * h) }
      } else {
        d1 = (1 / (2 * h)) * (hs[1] - hs[0])
        d2 = (0..<m).map { i in (hs[1][i, i] - 2 * h0[i, i] + hs[0][i, i]) / (h * h) }
      }
      first.append(d1)
      second.append(d2)
      steps.append(h)
    }
    var raw = [Double](repeating: 0, count: m * m * m)  // ∂ₖHᵢⱼ at (i m + j) m + k
    for i in 0..<m { for j in 0..<m { for k in 0..<m { raw[(i * m + j) * m + k] = first[k][i, j] * cm } } }
    var asymmetry = 0.0
    var phi = raw
    for i in 0..<m { for j in 0..<m { for k in 0..<m {
      let perms = [(i, j, k), (i, k, j), (j, i, k), (j, k, i), (k, i, j), (k, j, i)].map { raw[($0.0 * m + $0.1) * m + $0.2] }
      asymmetry = max(asymmetry, (perms.max()! - perms.min()!))
      phi[(i * m + j) * m + k] = perms.reduce(0, +) / 6
    } } }
    phi = groupAveraged(phi)
    var quartic = Matrix(rows: m, columns: m)
    for i in 0..<m { for k in 0..<m { quartic[i, k] = (second[k][i] + second[i][k]) / 2 * cm } }
    return AnharmonicConstants(modeCount: m, cubic: phi, quarticSemidiagonal: quartic, cubicAsymmetry: asymmetry, steps: steps)
  }

  /// (1/|G|) Σ_g (A_g ⊗ A_g ⊗ A_g) φ, by three contractions per operation.
  func groupAveraged(_ phi: [Double]) -> [Double] {
    let m = modeCount
    var sum = [Double](repeating: 0, count: m * m * m)
    for a in actions {
      var t = phi
      for axis in 0..<3 {
        var next = [Double](repeating: 0, count: m * m * m)
        for i in 0..<m { for j in 0..<m { for k in 0..<m {
          let idx = [i, j, k]
          var s = 0.0
          for l in 0..<m where a[idx[axis], l] != 0 {
            var src = idx
            src[axis] = l
            s += a[idx[axis], l] * t[(src[0] * m + src[1]) * m + src[2]]
          }
          next[(i * m + j) * m + k] = s
        } } }
        t = next
      }
      for e in sum.indices { sum[e] += t[e] }
    }
    return sum.map { $0 / Double(actions.count) }
  }

  /// Anharmonic constants from a function that returns the Cartesian Hessian at a geometry —
  /// your own code, a model, or an ``EnergyCommand``.
  ///
  /// - Parameters:
  ///   - step: h (dimensionless), default 0.05.
  ///   - fivePoint: the stencil (default five-point, 4m Hessians; three-point needs 2m).
  ///   - hessian: positions (n × 3, bohr) → the 3n × 3n Hessian (hartree/bohr²).
  /// - Throws: the closure's errors, with the mode and displacement added; the errors of
  ///   ``anharmonicConstants(from:)``.
  public func anharmonicConstants(step: Double = defaultDisplacementStep, fivePoint: Bool = true,
                                  hessian: (Matrix) throws(MoleculeError) -> Matrix) throws(MoleculeError) -> AnharmonicConstants {
    var displaced: [DisplacedHessian] = []
    for d in try displacements(step: step, fivePoint: fivePoint) {
      do {
        displaced.append(try DisplacedHessian(positions: d.positions, hessian: try hessian(d.positions)))
      } catch {
        throw MoleculeError(error.code, "At the displacement q\(d.mode + 1) = \(d.offset): " + error.message, file: error.file)
      }
    }
    return try anharmonicConstants(from: displaced)
  }
}
