import Foundation
public import LinearAlgebra

/// Harmonic normal-mode analysis of a ``Molecule``: wavenumbers, normal modes, dimensionless
/// normal coordinates, the point group and its action on the modes.
///
/// ```
/// F = M^(−1/2) H M^(−1/2)                        (mass-weighted Hessian; M in mₑ, H in hartree/bohr²)
/// B: orthonormal basis of the complement of the 6 (linear: 5) translations and rotations at x_e
/// Bᵀ F B vₖ = ωₖ² vₖ,   lₖ = B vₖ               (ωₖ in hartree, ħ = 1)
/// dₖ = M^(−1/2) lₖ / √ωₖ                         (bohr per unit qₖ)
/// x(q) = x_e + Σₖ qₖ dₖ,   qₖ = √ωₖ lₖ · M^(1/2) (x − x_e)    (x Eckart-aligned to x_e)
/// V(q) ≈ V_e + ½ Σₖ ωₖ qₖ² + ⅙ Σ φᵢⱼₖ qᵢ qⱼ qₖ + …
/// ```
///
/// The convention is the one of `Datasets/WaterNormalModes`: dimensionless normal coordinates
/// qₖ = √ωₖ Qₖ in atomic units (Qₖ the mass-weighted normal coordinate), so that a unit of qₖ
/// is the zero-point amplitude scale and ½ωₖqₖ² is the harmonic energy in hartree. H₂O through
/// this type reproduces `WaterNormalModes` (wavenumbers and q, tested).
///
/// **Symmetry.** The point group is detected (``PointGroup``), the equilibrium symmetrised and
/// the Hessian averaged over the group, H̄ = (1/|G|) Σ_g P_g H P_gᵀ (P_g moves atom i to π_g(i)
/// and rotates its displacement by R_g). The modes are then symmetry-adapted: degenerate modes
/// (E, T, Π) are split into irreducible blocks and given the basis that diagonalises a maximal
/// set of commuting twofold operations, so each operation acts on q as a signed permutation or
/// an orthogonal 2 × 2 / 3 × 3 block (``actions``).
///
/// **Order and phase.** Modes are numbered by irreducible representation in character-table
/// order, and within one by decreasing wavenumber (Herzberg's convention: for H₂O q₁ symmetric
/// stretch, q₂ bend, q₃ antisymmetric stretch); without a labelled table, by decreasing
/// wavenumber. Each mode vector lₖ has its largest component positive (the first one among
/// equal magnitudes, in atom order).
///
/// - Complexity: O(n³) for n atoms (two dense eigenproblems of order 3n) plus O(|G| n²) for
///   the symmetry; under a millisecond for ten atoms in release.
///
/// References: E. B. Wilson, J. C. Decius and P. C. Cross, *Molecular Vibrations* (1955);
/// C. Eckart, Phys. Rev. 47, 552 (1935); arXiv 2605.28238.
public struct NormalModeAnalysis: Sendable {
  /// The molecule as given.
  public let molecule: Molecule
  /// The point group of the equilibrium.
  public let pointGroup: PointGroup
  /// The symmetrised equilibrium geometry, n × 3 (bohr), the reference of the Eckart frame.
  public let equilibrium: Matrix
  /// Harmonic frequencies ωₖ (hartree, ħ = 1), in mode order.
  public let frequencies: [Double]
  /// Orthonormal mass-weighted mode vectors lₖ, the rows of an m × 3n matrix.
  public let massWeightedModes: Matrix
  /// Cartesian displacement dₖ per unit qₖ (bohr), the rows of an m × 3n matrix.
  public let cartesianDisplacements: Matrix
  /// Per mode: its irreducible representation, block and characters.
  public let modeSymmetries: [ModeSymmetry]
  /// Per operation of ``pointGroup``: its action on q, an orthogonal m × m matrix A_g with
  /// q(g·x) = A_g q(x).
  public let actions: [Matrix]
  /// max |H_ab − H̄_ab| (hartree/bohr²): how far the given Hessian was from the group-averaged one.
  public let hessianSymmetryDefect: Double

  /// The masses (u).
  public var masses: [Double] { molecule.masses }
  /// Number of vibrational modes m = 3n − 6 (3n − 5 for a linear molecule).
  public var modeCount: Int { frequencies.count }
  /// Harmonic wavenumbers ωₖ (cm⁻¹), in mode order.
  public var wavenumbers: [Double] { frequencies.map { $0 * MolecularUnits.wavenumbersPerHartree } }

  /// The default largest gradient of a stationary point: 1e-4 hartree/bohr (≈ 0.005 eV/Å).
  public static let defaultGradientTolerance = 1e-4

  /// Normal modes of a molecule at a minimum.
  ///
  /// - Parameters:
  ///   - molecule: the molecule, its Hessian at the equilibrium.
  ///   - symmetryTolerance: the point group's tolerance (bohr), ``PointGroup/defaultTolerance``.
  ///   - gradientTolerance: the largest |gradient component| (hartree/bohr) accepted when the
  ///     molecule carries a gradient. Default 1e-4.
  /// - Throws: ``MoleculeError`` `.notStationary` (the gradient, its atom and size);
  ///   `.notAMinimum` (how many imaginary vibrational frequencies, and their values in cm⁻¹);
  ///   the errors of ``PointGroup/detect(species:masses:positions:tolerance:)``;
  ///   `.symmetryUndetermined` when the modes cannot be made symmetric (a Hessian far from the
  ///   geometry's symmetry).
  public init(_ molecule: Molecule, symmetryTolerance: Double = PointGroup.defaultTolerance,
              gradientTolerance: Double = defaultGradientTolerance) throws(MoleculeError) {
    if let g = molecule.gradient {
      let worst = g.elements.indices.max { abs(g.elements[$0]) < abs(g.elements[$1]) }!
      let value = g.elements[worst]
      if abs(value) > gradientTolerance {
        throw MoleculeError(.notStationary, "The gradient at the equilibrium is \(value) hartree/bohr (atom \(worst / 3), \(molecule.species[worst / 3]), component \(["x", "y", "z"][worst % 3])), larger than the \(gradientTolerance) hartree/bohr a stationary point allows: the geometry is not optimised. Optimise it further (to max |gradient| below 1e-5 hartree/bohr) and recompute the Hessian there, or raise gradientTolerance if the residual gradient is known to be harmless.")
      }
    }
    let n = molecule.atomCount, dim = 3 * n
    let (group, eq) = try PointGroup.detect(species: molecule.species, masses: molecule.masses,
                                            positions: molecule.positions, tolerance: symmetryTolerance)
    let ops = group.operations
    // Group-averaged Hessian.
    var hs = Matrix(rows: dim, columns: dim)
    let h = molecule.hessian
    for op in ops {
      let r = op.matrix
      for i in 0..<n {
        for j in 0..<n {
          let pi = op.permutation[i], pj = op.permutation[j]
          for a in 0..<3 { for c in 0..<3 {
            var s = 0.0
            for b in 0..<3 { for d in 0..<3 { s += r[a, b] * h[3 * i + b, 3 * j + d] * r[c, d] } }
            hs[3 * pi + a, 3 * pj + c] += s
          } }
        }
      }
    }
    hs = (1 / Double(ops.count)) * hs
    let defect = hs.maxAbsoluteDifference(to: h)
    // Mass weighting and the vibrational subspace.
    let sqrtM = (0..<dim).map { (molecule.masses[$0 / 3] * MolecularUnits.electronMassesPerDalton).squareRoot() }
    var f = Matrix(rows: dim, columns: dim)
    for a in 0..<dim { for b in 0..<dim { f[a, b] = hs[a, b] / (sqrtM[a] * sqrtM[b]) } }
    let external = Self.externalBasis(eq, sqrtM: sqrtM)
    var projector = Matrix.identity(dim)
    for u in external { for a in 0..<dim { for b in 0..<dim { projector[a, b] -= u[a] * u[b] } } }
    let basis: Matrix  // dim × m
    do {
      let pe = try SymmetricEigendecomposition(of: projector)
      let keep = (0..<dim).filter { pe.eigenvalues[$0] > 0.5 }
      var b = Matrix(rows: dim, columns: keep.count)
      for (k, col) in keep.enumerated() { for a in 0..<dim { b[a, k] = pe.eigenvectors[a, col] } }
      basis = b
    } catch {
      throw MoleculeError(.invalidValue, "The projector onto the vibrations could not be diagonalised (\(error)); check the positions for huge values.")
    }
    let m = basis.columns
    let fv = basis.multiplied(by: f.multiplied(by: basis), transposingSelf: true)
    let eigen: SymmetricEigendecomposition
    do { eigen = try SymmetricEigendecomposition(of: 0.5 * (fv + fv.transposed())) } catch {
      throw MoleculeError(.invalidValue, "The mass-weighted Hessian could not be diagonalised (\(error)); check the Hessian for huge entries.")
    }
    let cm = MolecularUnits.wavenumbersPerHartree
    let imaginary = eigen.eigenvalues.filter { $0 <= 0 }
    if !imaginary.isEmpty {
      let listed = imaginary.map { String(format: "%.1fi", (-$0).squareRoot() * cm) }.joined(separator: ", ")
      throw MoleculeError(.notAMinimum, "The Hessian has \(imaginary.count) imaginary or zero vibrational frequenc\(imaginary.count == 1 ? "y" : "ies") (\(listed) cm⁻¹) besides the \(dim - m) translations and rotations projected out (\(m) vibrations, lowest real one \(eigen.eigenvalues.first { $0 > 0 }.map { String(format: "%.1f", $0.squareRoot() * cm) } ?? "none") cm⁻¹): the geometry is a saddle point or the Hessian belongs to another geometry. Displace along the imaginary mode(s), re-optimise, and recompute the Hessian at the minimum.")
    }
    let l0 = basis.multiplied(by: eigen.eigenvectors)  // dim × m, columns
    let omega0 = eigen.eigenvalues.map { $0.squareRoot() }
    // Symmetry-adapted blocks.
    let adapted = try Self.symmetryAdaptedBlocks(modes: l0, omega: omega0, operations: ops, f: f, group: group)
    var l = Matrix(rows: m, columns: dim)
    var d = Matrix(rows: m, columns: dim)
    var omega = [Double](repeating: 0, count: m)
    var symmetries: [ModeSymmetry] = []
    var k = 0
    for (b, block) in adapted.enumerated() {
      for v in block.vectors {
        omega[k] = block.omega
        for a in 0..<dim {
          l[k, a] = v[a]
          d[k, a] = v[a] / sqrtM[a] / block.omega.squareRoot()
        }
        symmetries.append(ModeSymmetry(irrep: block.label, block: b, degeneracy: block.degeneracy, characters: block.characters))
        k += 1
      }
    }
    // Actions on q.
    var actions: [Matrix] = []
    for op in ops {
      var a = Matrix(rows: m, columns: m)
      for j in 0..<m {
        let image = Self.apply(op, to: l.row(j))
        for i in 0..<m {
          var s = 0.0
          for c in 0..<dim { s += l[i, c] * image[c] }
          a[i, j] = abs(s) < 1e-9 ? 0 : abs(abs(s) - 1) < 1e-9 ? (s > 0 ? 1 : -1) : s
        }
      }
      let defect = (a.multiplied(by: a, transposingSelf: true) - .identity(m)).elements.map(abs).max() ?? 0
      guard defect < 1e-6 else {
        throw MoleculeError(.symmetryUndetermined, "The operation \(op.name) does not act orthogonally on the normal modes (‖AᵀA − I‖_max = \(defect)): the Hessian does not have the symmetry of the geometry. Check that the Hessian belongs to this geometry and atom order, or lower the symmetry tolerance.")
      }
      actions.append(a)
    }
    self.molecule = molecule
    self.pointGroup = group
    self.equilibrium = eq
    self.frequencies = omega
    self.massWeightedModes = l
    self.cartesianDisplacements = d
    self.modeSymmetries = symmetries
    self.actions = actions
    self.hessianSymmetryDefect = defect
  }

  /// Translations and rotations at `x` in mass-weighted coordinates, orthonormalised (5 for a
  /// linear structure, 6 otherwise).
  static func externalBasis(_ x: Matrix, sqrtM: [Double]) -> [[Double]] {
    let n = x.rows, dim = 3 * n
    let m = (0..<n).map { sqrtM[3 * $0] * sqrtM[3 * $0] }
    let total = m.reduce(0, +)
    let com = (0..<3).map { c in (0..<n).reduce(0.0) { $0 + m[$1] * x[$1, c] } / total }
    var vectors: [[Double]] = []
    for a in 0..<3 {
      var t = [Double](repeating: 0, count: dim)
      for i in 0..<n { t[3 * i + a] = sqrtM[3 * i] }
      vectors.append(t)
    }
    for a in 0..<3 {
      var r = [Double](repeating: 0, count: dim)
      let b = (a + 1) % 3, c = (a + 2) % 3
      for i in 0..<n {
        r[3 * i + b] = -(x[i, c] - com[c]) * sqrtM[3 * i]
        r[3 * i + c] = (x[i, b] - com[b]) * sqrtM[3 * i]
      }
      vectors.append(r)
    }
    var basis: [[Double]] = []
    let scale = vectors.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }.max() ?? 1
    for v in vectors {
      var w = v
      for u in basis {
        let p = zip(u, w).reduce(0) { $0 + $1.0 * $1.1 }
        for i in 0..<dim { w[i] -= p * u[i] }
      }
      let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
      if norm > 1e-6 * scale { basis.append(w.map { $0 / norm }) }
    }
    return basis
  }

  /// P_g v for a mass-weighted (or Cartesian displacement) vector v: (P_g v)_π(i) = R v_i.
  static func apply(_ op: SymmetryOperation, to v: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: v.count)
    for i in 0..<(v.count / 3) {
      let j = op.permutation[i]
      for a in 0..<3 { out[3 * j + a] = (0..<3).reduce(0.0) { $0 + op.matrix[a, $1] * v[3 * i + $1] } }
    }
    return out
  }
}

/// The symmetry of one normal mode.
public struct ModeSymmetry: Sendable, Equatable {
  /// The Mulliken label of its irreducible representation (A1, B2, E, T2, Σg+, Πu, …), or `nil`
  /// when the group has no labelled table (``CharacterTable/known``).
  public let irrep: String?
  /// The index of its symmetry block: modes of one block share a wavenumber and mix under the
  /// group (a block of an E irrep has two modes).
  public let block: Int
  /// How many modes share its wavenumber by symmetry (1, 2 or 3; 2 for the Π bends of a linear
  /// molecule, even though the finite subgroup used splits them into two blocks).
  public let degeneracy: Int
  /// The characters of its block, χ(g) = tr A_g restricted to the block, one per operation of
  /// the point group (in ``PointGroup/operations`` order).
  public let characters: [Double]
}
