import ArgumentParser
import Foundation
import LearningCurves
import Regression

/// `symscale learning-curve`: a learning-curve study from a JSON description, or on a data file
/// with one symmetry given on the command line.
struct LearningCurve: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "learning-curve",
    abstract: "Run a learning-curve study from a JSON config, or on a CSV/extended XYZ file with one symmetry.",
    discussion: """
      With --config STUDY.json: runs the study it describes (see Examples/configs/ and \
      StudyConfiguration's documentation for the fields). --seed, --sizes and --repeats override \
      the file; --symmetry SPEC [--route R] adds a variant named after SPEC (repeatable).
      With --data FILE (.csv with a y column, or .xyz/.extxyz; --coordinates normal turns water \
      frames into normal coordinates) and no config: compares 'none' with \
      --symmetry on that file; 20% of the samples (at most 1000) are the test set, 10% (at most \
      200) the validation set, and sizes are powers of two from 8 up to what is left.
      With --data FRAMES.xyz --molecule FILE: the frames are that molecule's (energies under \
      --energy-key in --energy-unit), studied in its dimensionless normal coordinates with labels \
      in cm^-1 above the file's equilibrium energy; --symmetry also takes the presets exact, soft, \
      delta+soft and sign-flips+taylor3, and the symmetries molecule:exact and molecule:approximate.
      Symmetries: none, inversion, signs:i,j,..., reflection:i,j,..., o3, o2:x|y|z, \
      permutation:p0,p1,..., molecule:exact, molecule:approximate. Routes: augment, kernel, fourier, haar.
      Writes <output>/<name>.json, .csv and .svg and prints a table of slopes, efficiency factors \
      and floors.
      """)

  @Option(help: "The study description (JSON).") var config: String?
  @Option(help: "A CSV (label column y) or extended XYZ file to study without a config.") var data: String?
  @Option(help: "The label column of a --data CSV file.") var labelColumn = "y"
  @Option(help: "The energy key of a --data extended XYZ file.") var energyKey = "energy"
  @Option(help: "Inputs of a --data extended XYZ file: positions (flattened, Å) or normal (water O,H,H frames, or the --molecule's frames, as normal coordinates).")
  var coordinates: String?
  @Option(help: "A molecule file (symscale-molecule or ASE VibrationsData JSON): the --data frames are this molecule's.") var molecule: String?
  @Option(help: "Unit of the --data frames' energies with --molecule: hartree, eV, kcal/mol or kJ/mol.") var energyUnit = "eV"
  @Option(help: "Add a variant using this symmetry, e.g. signs:0,1,2 or reflection:0 (repeatable; with --molecule also a preset: exact, soft, delta+soft, sign-flips+taylor3).")
  var symmetry: [String] = []
  @Option(help: "Route of the --symmetry variant: augment, kernel, fourier or haar.") var route: String?
  @Option(help: "Folder for <name>.json, .csv and .svg.") var output = "results"
  @Option(parsing: .unconditional, help: "Override the seed.") var seed: UInt64?
  @Option(parsing: .unconditional, help: "Override the training sizes (comma separated, increasing, e.g. 16,32,64).") var sizes: String?
  @Option(parsing: .unconditional, help: "Override the number of repeats (1 to 10000).") var repeats: Int?
  @Flag(help: "Sizes ≤ 64 (at most three), 2 repeats, ≤ 100 validation and ≤ 300 test samples: a smoke test.") var quick = false

  func validate() throws {
    if config == nil && data == nil {
      throw ValidationError("Give --config STUDY.json, or --data FILE with --symmetry SPEC.")
    }
    if config != nil && data != nil {
      throw ValidationError("Give either --config or --data, not both: a config names its data in 'source'.")
    }
    if data != nil && symmetry.isEmpty {
      throw ValidationError("--data needs --symmetry SPEC (e.g. signs:0,1,2) to compare with 'none'.")
    }
    if route != nil && symmetry.isEmpty {
      throw ValidationError("--route applies to the --symmetry variant; give --symmetry too.")
    }
    if molecule != nil && data == nil {
      throw ValidationError("--molecule applies to --data frames; in a config, name the molecule in the source (\"kind\": \"molecule\").")
    }
    if molecule != nil, let coordinates, coordinates != "normal" {
      throw ValidationError("--molecule studies the frames in the molecule's normal coordinates; use --coordinates normal or leave it out, not '\(coordinates)'.")
    }
    if let repeats, repeats < 1 { throw ValidationError("--repeats is \(repeats); it must be at least 1.") }
  }

  func run() throws {
    var configuration = try config.map { try StudyConfiguration(contentsOf: URL(fileURLWithPath: $0)) }
      ?? StudyConfiguration.dataFile(URL(fileURLWithPath: data!), labelColumn: labelColumn, energyKey: energyKey,
                                     coordinates: xyzCoordinates(), molecule: molecule.map { URL(fileURLWithPath: $0) },
                                     energyUnit: try StudyConfiguration.moleculeEnergyUnit(energyUnit))
    if let seed { configuration.seed = seed }
    if let sizes { configuration.sizes = try parseSizes(sizes) }
    if let repeats { configuration.repeats = repeats }
    for symmetry in symmetry {
      if let preset = try configuration.moleculePreset(symmetry) {
        guard route == nil else { throw ValidationError("--route does not apply to the preset '\(symmetry)', which sets its own routes.") }
        configuration.variants.append(preset)
        continue
      }
      let spec = try SymmetrySpecification(parsing: symmetry)
      let routeValue = try route.map { (r: String) throws(LearningCurvesError) in try SymmetryRoute(configurationName: r) }
      var variantName = spec.variantName
      if let routeValue { variantName += "+" + routeValue.configurationName }
      configuration.variants.append(.init(name: variantName, symmetry: spec, route: routeValue))
    }
    if quick { configuration = configuration.quick() }
    let study = try configuration.makeStudy()
    let result = try StudyRunner.run(study)
    let urls = try result.write(to: URL(fileURLWithPath: output))
    print(result.summaryTable())
    print("wrote " + urls.map(\.path).joined(separator: ", "))
  }

  func xyzCoordinates() throws -> StudyConfiguration.XYZCoordinates {
    let coordinates = coordinates ?? "positions"
    guard let c = StudyConfiguration.XYZCoordinates(rawValue: coordinates) else {
      throw ValidationError("--coordinates '\(coordinates)' is not one of positions, normal.")
    }
    return c
  }

  func parseSizes(_ text: String) throws -> [Int] {
    let parsed = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !parsed.isEmpty, parsed.allSatisfy({ ($0 ?? 0) > 0 }) else {
      throw ValidationError("--sizes '\(text)' is not a comma-separated list of positive integers, e.g. 16,32,64.")
    }
    return parsed.map { $0! }
  }
}
