import ArgumentParser
import Datasets
import Foundation
import LinearAlgebra
import Molecules

/// `symscale sample water|ORBITAL`: a seeded data set written to a file. `symscale sample
/// --molecule FILE`: seeded geometries of any molecule, Gaussian in its normal coordinates.
struct Sample: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample",
    abstract: "Write a seeded data set: water energies, a hydrogen-orbital density, or geometries of your molecule (--molecule).",
    discussion: """
      --molecule FILE (symscale-molecule or ASE VibrationsData JSON): geometries with \
      q_k ~ N(0, std_k^2) independently in the molecule's dimensionless normal coordinates \
      (default std 1; 0.7071 is the ground-state spread), written as extended XYZ (atoms in the \
      file's order, positions in angstrom, the drawn q as the info key q) for you to label with \
      your own code. No energies are written.
      water: q_k ~ N(0, std_k^2) independently in the dimensionless normal coordinates \
      (q1 symmetric stretch, q2 bend, q3 antisymmetric stretch; default std 1 each, the \
      zero-point amplitude), keeping only draws with V - V_e <= --energy-cutoff (default \
      0.05 hartree, about 11 000 cm^-1; pass inf for none). CSV columns: \
      r1,r2,theta,q1,q2,q3,energy,energy_above_minimum (bohr, bohr, radian, dimensionless, \
      hartree on the surface's zero, hartree above the minimum). Extended XYZ: one frame per \
      sample, atoms O, H, H, positions in angstrom (0.529177249 angstrom/bohr) in the \
      equilibrium's standard frame, energy= in eV (1 hartree = 27.211386245988 eV) and \
      energy_hartree= in hartree, both on the surface's zero.
      ORBITAL (\(HydrogenOrbital.validNames.joined(separator: " "))): points with uniform \
      directions and radius r ~ Gamma(2n + 1, scale s n/2) (s = --radial-scale, default 1), \
      labelled by the density. CSV columns x,y,z,density (bohr, bohr^-3). Extended XYZ is not \
      available for orbitals (there are no atoms).
      """)

  // Numeric options take the next argument even when it starts with '-' (then validate() says why
  // a negative value is refused, instead of "Missing value").
  @Argument(help: "water, or an orbital name such as 1s, 2p_z, 3d_z2, 4f_xyz (or use --molecule FILE).") var system: String?
  @Option(help: "A molecule file (symscale-molecule or ASE VibrationsData JSON): sample its geometries.") var molecule: String?
  @Option(parsing: .unconditional, help: "Number of samples (at least 1, at most what the memory budget holds).") var n: Int
  @Option(parsing: .unconditional, help: "Seed of the random generator (the same seed gives the same file).") var seed: UInt64
  @Option(help: "csv or extxyz (water; a molecule is always extxyz).") var format: SampleFormat?
  @Option(help: "Output file.") var output: String
  @Option(name: [.customLong("std"), .customLong("sigma")], parsing: .unconditional,
          help: "Water or molecule: standard deviation of each q_k, one value or one per mode, comma-separated.") var std = "1"
  @Option(parsing: .unconditional, help: "Water: keep draws with energy above the minimum at most this (hartree); inf for no cut-off.") var energyCutoff = 0.05
  @Option(parsing: .unconditional, help: "Orbital: scale s of the radial law (dimensionless).") var radialScale = 1.0

  func validate() throws {
    if n < 1 { throw ValidationError("--n is \(n); ask for at least 1 sample.") }
    switch (system, molecule) {
    case (nil, nil): throw ValidationError("Give the system: water, an orbital name, or --molecule FILE.")
    case (.some, .some): throw ValidationError("Give either a system name or --molecule FILE, not both.")
    default: break
    }
    if molecule != nil && format == .csv {
      throw ValidationError("--molecule writes extended XYZ geometries (there are no energies to put in a CSV); drop --format csv.")
    }
  }

  func run() throws {
    var generator = SeededGenerator(seed: seed)
    let format = self.format ?? (molecule == nil ? .csv : .extxyz)
    if let molecule {
      let analysis = try NormalModeAnalysis(try Molecule(contentsOf: fileURL(molecule)))
      let sigma = try std.split(separator: ",").map { part -> Double in
        guard let x = Double(part.trimmingCharacters(in: .whitespaces)) else {
          throw DatasetError(.invalidParameter, "--std '\(std)' is not a list of numbers; use e.g. --std 0.7071 or one value per mode.")
        }
        return x
      }
      let frames = try analysis.sample(count: n, standardDeviations: sigma, using: &generator).frames
      try ExtendedXYZ.write(frames, to: fileURL(output))
    } else if system == WaterSystem.water.rawValue {
      try sampleWater(format: format, using: &generator)
    } else {
      let system = self.system ?? ""
      let orbital: HydrogenOrbital
      do { orbital = try HydrogenOrbital(name: system) } catch {
        throw DatasetError(.unknownName, "unknown system '\(system)'; use water or an orbital name: \(HydrogenOrbital.validNames.joined(separator: " ")) (or --molecule FILE for your own molecule)")
      }
      guard format == .csv else {
        throw DatasetError(.invalidParameter, "--format extxyz is for water only: an orbital data set has no atoms; use --format csv (columns x,y,z,density).")
      }
      let sampler = try OrbitalSampler(orbital: orbital, region: .radialWeighted(scale: radialScale))
      let data = try sampler.sample(count: n, using: &generator)
      try CSV.write(data, to: fileURL(output), inputNames: ["x", "y", "z"], labelName: "density")
    }
  }

  func standardDeviations() throws -> [Double] {
    let parts = std.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.allSatisfy({ $0 != nil }), parts.count == 1 || parts.count == 3 else {
      throw DatasetError(.invalidParameter, "--std '\(std)' is not one number or three comma-separated numbers; use e.g. --std 1 or --std 1,0.5,1.")
    }
    let values = parts.map { $0! }
    return values.count == 1 ? Array(repeating: values[0], count: 3) : values
  }

  func sampleWater(format: SampleFormat, using generator: inout SeededGenerator) throws {
    let sigma = try standardDeviations()
    let sampling = try WaterSampling()
    let data = try sampling.gaussian(count: n, standardDeviations: sigma,
                                     energyCutoff: energyCutoff.isInfinite ? nil : energyCutoff, using: &generator)
    let pes = PartridgeSchwenke()
    let ve = sampling.modes.equilibrium.energy
    switch format {
    case .csv:
      var values: [Double] = []
      values.reserveCapacity(8 * n)
      for i in 0..<data.count {
        let q = data.inputs.row(i)
        let g = try sampling.modes.geometry(normalCoordinates: q)
        let e = pes.energy(g)
        values += [g.r1, g.r2, g.theta] + q + [e, e - ve]
      }
      try CSV.write(CSVTable(columnNames: ["r1", "r2", "theta", "q1", "q2", "q3", "energy", "energy_above_minimum"],
                             values: Matrix(rows: data.count, columns: 8, elements: values)),
                    to: fileURL(output))
    case .extxyz:
      var frames: [ExtendedXYZFrame] = []
      frames.reserveCapacity(n)
      for i in 0..<data.count {
        let g = try sampling.modes.geometry(normalCoordinates: data.inputs.row(i))
        let e = pes.energy(g)
        var frame = ExtendedXYZFrame(species: DatasetUnits.waterSpecies,
                                     positions: Matrix(rows: 3, columns: 3, elements: g.cartesianInAngstrom),
                                     energy: e * DatasetUnits.electronvoltsPerHartree)
        frame.info["energy_hartree"] = String(format: "%.17g", e)
        frame.pbc = [false, false, false]
        frames.append(frame)
      }
      try ExtendedXYZ.write(frames, to: fileURL(output))
    }
  }
}
