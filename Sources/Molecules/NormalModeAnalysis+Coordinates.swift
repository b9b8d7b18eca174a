import Foundation
public import Datasets
public import LinearAlgebra

// MARK: - Maps between normal coordinates and geometries

extension NormalModeAnalysis {
  /// The geometry at dimensionless normal coordinates q: x = x_e + Σₖ qₖ dₖ, n × 3 (bohr), in
  /// the frame of ``equilibrium``.
  ///
  /// - Parameter q: m values, dimensionless.
  /// - Throws: ``MoleculeError`` `.shapeMismatch` unless m values; `.invalidValue` for NaN or infinity.
  /// - Complexity: O(m n).
  public func geometry(normalCoordinates q: [Double]) throws(MoleculeError) -> Matrix {
    guard q.count == modeCount else {
      throw MoleculeError(.shapeMismatch, "\(q.count) normal coordinates given; this molecule has \(modeCount) modes (q1 … q\(modeCount)).")
    }
    guard q.allSatisfy(\.isFinite) else {
      throw MoleculeError(.invalidValue, "Normal coordinates \(q) are not finite; pass finite dimensionless values.")
    }
    var x = equilibrium.elements
    for k in 0..<modeCount where q[k] != 0 { for a in x.indices { x[a] += q[k] * cartesianDisplacements[k, a] } }
    return Matrix(rows: molecule.atomCount, columns: 3, elements: x)
  }

  /// The dimensionless normal coordinates of a geometry of this molecule, in any position and
  /// orientation.
  ///
  /// The geometry is translated and rotated onto the equilibrium (mass-weighted optimal
  /// superposition, Horn's quaternion method, which satisfies the Eckart rotational condition)
  /// and projected: qₖ = √ωₖ lₖ · M^(1/2) (x_aligned − x_e). The atom order is fixed: atom i of
  /// the geometry is atom i of the molecule.
  ///
  /// For a linear molecule the Eckart conditions leave the rotation about the molecular axis
  /// free (3n − 5 coordinates describe 3n − 6 internal degrees of freedom): it is fixed by
  /// turning the bends until the first Π pair's second coordinate is 0 and its first is ≥ 0.
  ///
  /// - Parameter positions: n × 3 (bohr).
  /// - Returns: m values (q₁ … q_m).
  /// - Throws: ``MoleculeError`` `.frameMismatch` unless n × 3; `.invalidValue` for NaN or infinity.
  /// - Complexity: O(m n).
  public func normalCoordinates(of positions: Matrix) throws(MoleculeError) -> [Double] {
    guard positions.rows == molecule.atomCount, positions.columns == 3 else {
      throw MoleculeError(.frameMismatch, "A geometry of \(positions.rows) × \(positions.columns) coordinates was given; this molecule (\(molecule.species.joined(separator: " "))) needs \(molecule.atomCount) × 3, atoms in that order.")
    }
    guard positions.isFinite else {
      throw MoleculeError(.invalidValue, "The geometry contains NaN or infinity; every coordinate must be finite.")
    }
    return normalCoordinates(ofCartesian: Matrix(rows: 1, columns: 3 * molecule.atomCount, elements: positions.elements)).row(0)
  }

  /// Normal coordinates of many geometries at once: each row of `cartesian` is one geometry,
  /// 3n values (bohr), atom-major. Rows with NaN give NaN.
  ///
  /// - Returns: N × m.
  /// - Precondition: `cartesian.columns == 3n` (use ``normalCoordinates(of:)-(Matrix)`` for checked input).
  /// - Complexity: O(N m n), no allocation per geometry beyond a 16-element scratch array.
  public func normalCoordinates(ofCartesian cartesian: Matrix) -> Matrix {
    let n = molecule.atomCount, dim = 3 * n, m = modeCount
    precondition(cartesian.columns == dim, "Geometries of \(cartesian.columns) coordinates for a \(n)-atom molecule")
    let weights = masses
    // Rows of W: √ωₖ lₖ M^(1/2) (so q = W (x_aligned − x_e)).
    var w = [Double](repeating: 0, count: m * dim)
    for k in 0..<m {
      let s = frequencies[k].squareRoot()
      for a in 0..<dim { w[k * dim + a] = s * massWeightedModes[k, a] * (masses[a / 3] * MolecularUnits.electronMassesPerDalton).squareRoot() }
    }
    let xe = equilibrium.elements
    let linearFrame = self.linearFrame
    var out = Matrix(rows: cartesian.rows, columns: m)
    var aligned = [Double](repeating: 0, count: dim)
    xe.withUnsafeBufferPointer { ye in
      let ce = RigidAlignment.centre(ye, weights: weights)
      cartesian.withUnsafeBufferPointer { all in
        out.withUnsafeMutableBufferPointer { q in
          for row in 0..<cartesian.rows {
            let x = UnsafeBufferPointer(rebasing: all[(row * dim)..<((row + 1) * dim)])
            let c = RigidAlignment.centre(x, weights: weights)
            let r = RigidAlignment(weights: weights, from: x, to: ye, centreX: c, centreY: ce).rotation
            for i in 0..<n {
              let p0 = x[3 * i] - c.0, p1 = x[3 * i + 1] - c.1, p2 = x[3 * i + 2] - c.2
              aligned[3 * i] = ce.0 + r[0] * p0 + r[1] * p1 + r[2] * p2 - ye[3 * i]
              aligned[3 * i + 1] = ce.1 + r[3] * p0 + r[4] * p1 + r[5] * p2 - ye[3 * i + 1]
              aligned[3 * i + 2] = ce.2 + r[6] * p0 + r[7] * p1 + r[8] * p2 - ye[3 * i + 2]
            }
            for k in 0..<m {
              var s = 0.0
              for a in 0..<dim { s += w[k * dim + a] * aligned[a] }
              q[row * m + k] = s
            }
            if let (axis, a, b) = linearFrame {
              // Rotate about the axis by φ maximising the first Π pair's first coordinate:
              // q(φ) = cos φ A + sin φ B + (1 − cos φ) C with A = WΔ, B = W(ẑ × Δ), C = W(Δ·ẑ)ẑ.
              var across = [Double](repeating: 0, count: dim), along = [Double](repeating: 0, count: dim)
              for i in 0..<n {
                let d = (aligned[3 * i], aligned[3 * i + 1], aligned[3 * i + 2])
                across[3 * i] = axis.1 * d.2 - axis.2 * d.1
                across[3 * i + 1] = axis.2 * d.0 - axis.0 * d.2
                across[3 * i + 2] = axis.0 * d.1 - axis.1 * d.0
                let t = axis.0 * d.0 + axis.1 * d.1 + axis.2 * d.2
                along[3 * i] = t * axis.0; along[3 * i + 1] = t * axis.1; along[3 * i + 2] = t * axis.2
              }
              func project(_ v: [Double], _ k: Int) -> Double {
                var s = 0.0
                for c in 0..<dim { s += w[k * dim + c] * v[c] }
                return s
              }
              let phi = atan2(project(across, a), q[row * m + a])
              let (cosine, sine) = (cos(phi), sin(phi))
              for k in 0..<m {
                q[row * m + k] = cosine * q[row * m + k] + sine * project(across, k) + (1 - cosine) * project(along, k)
              }
              q[row * m + b] = 0
            }
          }
        }
      }
    }
    return out
  }

  /// For a linear molecule: the unit molecular axis and the first Π pair (mode indices).
  var linearFrame: (axis: (Double, Double, Double), first: Int, second: Int)? {
    guard pointGroup.isLinear, let a = modeSymmetries.firstIndex(where: { $0.degeneracy == 2 }) else { return nil }
    let n = molecule.atomCount
    let far = (1..<n).max { i, j in
      (0..<3).reduce(0.0) { $0 + pow(equilibrium[i, $1] - equilibrium[0, $1], 2) } < (0..<3).reduce(0.0) { $0 + pow(equilibrium[j, $1] - equilibrium[0, $1], 2) }
    }!
    let d = (0..<3).map { equilibrium[far, $0] - equilibrium[0, $0] }
    let norm = d.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return ((d[0] / norm, d[1] / norm, d[2] / norm), a, a + 1)
  }

  /// The rotation (row-major 3 × 3) and centres that carry `positions` into the Eckart frame
  /// of the equilibrium: x_aligned = c_e + R (x − c).
  func eckartRotation(of positions: Matrix) -> (rotation: [Double], centre: (Double, Double, Double), equilibriumCentre: (Double, Double, Double)) {
    positions.elements.withUnsafeBufferPointer { x in
      equilibrium.elements.withUnsafeBufferPointer { ye in
        let c = RigidAlignment.centre(x, weights: masses), ce = RigidAlignment.centre(ye, weights: masses)
        return (RigidAlignment(weights: masses, from: x, to: ye, centreX: c, centreY: ce).rotation, c, ce)
      }
    }
  }

  /// Checks that an extended XYZ frame holds this molecule's atoms in its order.
  ///
  /// - Throws: ``MoleculeError`` `.frameMismatch` naming both atom lists: a different count, other
  ///   species, or the same atoms in another order ("permuted": reorder the frame's atoms).
  public func checkAtoms(of frame: ExtendedXYZFrame, index: Int? = nil) throws(MoleculeError) {
    guard frame.species != molecule.species else { return }
    let which = index.map { "Frame \($0)" } ?? "The frame"
    let expected = molecule.species.joined(separator: " "), found = frame.species.joined(separator: " ")
    if frame.species.sorted() == molecule.species.sorted() {
      throw MoleculeError(.frameMismatch, "\(which) has the molecule's atoms in another order (\(found); the molecule has \(expected)); normal coordinates need a fixed atom order: reorder the frame's atoms to \(expected).")
    }
    throw MoleculeError(.frameMismatch, "\(which) has atoms \(found) but the molecule has \(expected) (\(molecule.atomCount) atoms); every frame must be this molecule with its atoms in this order.")
  }

  /// Normal coordinates of extended XYZ frames (positions in ångström).
  ///
  /// - Returns: N × m.
  /// - Throws: ``MoleculeError`` `.frameMismatch` for a frame with other atoms (named by index).
  public func normalCoordinates(of frames: [ExtendedXYZFrame]) throws(MoleculeError) -> Matrix {
    var flat: [Double] = []
    flat.reserveCapacity(frames.count * 3 * molecule.atomCount)
    let toBohr = MolecularUnits.Length.angstrom.bohr
    for (f, frame) in frames.enumerated() {
      try checkAtoms(of: frame, index: f)
      flat += frame.positions.elements.map { $0 * toBohr }
    }
    return normalCoordinates(ofCartesian: Matrix(rows: frames.count, columns: 3 * molecule.atomCount, elements: flat))
  }

  /// A data set in normal coordinates from labelled extended XYZ frames: inputs q (N × m),
  /// labels the energy above the equilibrium.
  ///
  /// ```
  /// inputs[f] = q(frame f),   labels[f] = (E_f − E_ref) in labelUnit
  /// ```
  ///
  /// - Parameters:
  ///   - frames: frames of this molecule (positions in Å).
  ///   - energyKey: the info key of the energy (default `energy`, ASE's, in eV).
  ///   - energyUnit: the unit of that key's values (default eV; `.hartree` for `energy_hartree`).
  ///   - referenceEnergy: E_ref (hartree); default the molecule's equilibrium energy.
  ///   - labelUnit: the unit of the labels (default cm⁻¹).
  /// - Throws: ``MoleculeError`` `.frameMismatch`; `.invalidParameter` for a frame without the
  ///   energy key or with a non-numeric value (the keys present are listed), or no reference energy.
  public func dataset(frames: [ExtendedXYZFrame], energyKey: String = "energy",
                      energyUnit: MolecularUnits.Energy = .electronvolt, referenceEnergy: Double? = nil,
                      labelUnit: MolecularUnits.Energy = .wavenumber) throws(MoleculeError) -> Dataset {
    guard let reference = referenceEnergy ?? molecule.energy else {
      throw MoleculeError(.invalidParameter, "No reference energy: the molecule file has no \"energy\"; give referenceEnergy: (hartree), e.g. the equilibrium energy of your calculation.")
    }
    var labels: [Double] = []
    labels.reserveCapacity(frames.count)
    for (f, frame) in frames.enumerated() {
      guard let e = frame.number(forKey: energyKey), e.isFinite else {
        throw MoleculeError(.invalidParameter, "Frame \(f) has no finite '\(energyKey)' (its keys: \(frame.info.keys.sorted().joined(separator: ", "))); choose the energy key and its unit.")
      }
      labels.append((e * energyUnit.hartree - reference) / labelUnit.hartree)
    }
    let inputs = try normalCoordinates(of: frames)
    do { return try Dataset(inputs: inputs, labels: labels) } catch {
      throw MoleculeError(.invalidParameter, "The frames' normal coordinates and energies do not make a data set: \(error)")
    }
  }

  /// An extended XYZ frame of the geometry at q (positions in ångström), with the info key
  /// `q` holding the normal coordinates.
  ///
  /// - Throws: as ``geometry(normalCoordinates:)``.
  public func frame(normalCoordinates q: [Double]) throws(MoleculeError) -> ExtendedXYZFrame {
    let x = try geometry(normalCoordinates: q)
    return ExtendedXYZFrame(species: molecule.species, positions: MolecularUnits.angstromPerBohr * x,
                            info: ["q": q.map { String(format: "%.17g", $0) }.joined(separator: " ")],
                            pbc: [false, false, false])
  }

  /// Geometries drawn from a Gaussian in normal coordinates, qₖ ~ N(0, σₖ²) independently, as
  /// extended XYZ frames for the user to label with their own code.
  ///
  /// - Parameters:
  ///   - count: number of geometries (≥ 1).
  ///   - standardDeviations: σₖ, one per mode or one for all (dimensionless; 1/√2 is the spread
  ///     of the vibrational ground state |ψ₀(q)|² ∝ exp(−q²)).
  ///   - generator: a seeded generator (`LinearAlgebra/SeededGenerator`).
  /// - Returns: N × m normal coordinates and the frames (Å, with the `q` info key).
  /// - Throws: ``MoleculeError`` `.invalidParameter` for count < 1, or σ not 1 or m positive
  ///   finite values.
  /// - Complexity: O(N m n).
  public func sample(count: Int, standardDeviations: [Double],
                     using generator: inout some RandomNumberGenerator) throws(MoleculeError) -> (normalCoordinates: Matrix, frames: [ExtendedXYZFrame]) {
    guard count >= 1 else {
      throw MoleculeError(.invalidParameter, "Asked for \(count) geometries; ask for at least 1.")
    }
    guard standardDeviations.count == 1 || standardDeviations.count == modeCount,
          standardDeviations.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw MoleculeError(.invalidParameter, "Standard deviations \(standardDeviations) must be one or \(modeCount) positive finite numbers (dimensionless; 0.7071 is the ground-state spread).")
    }
    let sigma = standardDeviations.count == 1 ? Array(repeating: standardDeviations[0], count: modeCount) : standardDeviations
    var q = Matrix(rows: count, columns: modeCount)
    var frames: [ExtendedXYZFrame] = []
    frames.reserveCapacity(count)
    for i in 0..<count {
      var row = [Double](repeating: 0, count: modeCount)
      for k in 0..<modeCount {
        row[k] = sigma[k] * generator.gaussian()
        q[i, k] = row[k]
      }
      frames.append(try frame(normalCoordinates: row))
    }
    return (q, frames)
  }
}
