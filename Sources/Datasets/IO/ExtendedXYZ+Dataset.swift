import LinearAlgebra

extension ExtendedXYZ {
  /// A data set from frames of one molecule: inputs are the flattened positions, labels an
  /// energy key, gradients minus the forces.
  ///
  /// ```
  /// inputs[f]    = (x₁, y₁, z₁, x₂, …, z_N)   of frame f, in ångström
  /// labels[f]    = info[energyKey]            (eV for the default key "energy")
  /// gradients[f] = −(forces of frame f, flattened)   in eV/Å, only when every frame has forces
  /// ```
  ///
  /// Positions are not converted: multiply by 1/0.529177210544 for bohr.
  ///
  /// - Parameters:
  ///   - frames: Frames with the same species in the same order.
  ///   - energyKey: The info key holding the label, e.g. `energy` or `energy_hartree`.
  /// - Returns: A data set with one sample per frame, dimension 3N.
  /// - Throws: `DatasetError`: `invalidParameter` for no frames or frames without atoms; `shapeMismatch` when a frame's
  ///   species differ from the first frame's; `unknownName` when a frame lacks `energyKey`
  ///   or its value is not a finite number (the keys present are listed).
  /// - Complexity: O(frames · atoms).
  public static func dataset(_ frames: [ExtendedXYZFrame], energyKey: String = "energy") throws(DatasetError) -> Dataset {
    guard let first = frames.first else {
      throw DatasetError(.invalidParameter, "no frames; expected at least one frame to build a data set from")
    }
    let n = first.atomCount
    guard n > 0 else {
      throw DatasetError(.invalidParameter, "frame 0 has no atoms, which gives samples with no input coordinates; expected frames with at least one atom each")
    }
    var inputs: [Double] = []
    var labels: [Double] = []
    var gradients: [Double]? = frames.allSatisfy { $0.forces != nil } ? [] : nil
    for (f, frame) in frames.enumerated() {
      guard frame.species == first.species, frame.positions.rows == n, frame.positions.columns == 3 else {
        throw DatasetError(.shapeMismatch, "frame \(f) has atoms \(frame.species.joined(separator: " ")) but frame 0 has \(first.species.joined(separator: " ")); expected the same molecule, atoms in the same order, in every frame")
      }
      guard let e = frame.number(forKey: energyKey), e.isFinite else {
        throw DatasetError(.unknownName, "frame \(f) has no finite '\(energyKey)' value (its keys: \(frame.info.keys.sorted().joined(separator: ", "))); choose the energy key with energyKey:")
      }
      inputs += frame.positions.elements
      labels.append(e)
      if gradients != nil, let forces = frame.forces { gradients! += forces.elements.map { -$0 } }
    }
    let d = 3 * n
    return Dataset(checkedInputs: Matrix(rows: frames.count, columns: d, elements: inputs), labels: labels,
                   gradients: gradients.map { Matrix(rows: frames.count, columns: d, elements: $0) })
  }
}
