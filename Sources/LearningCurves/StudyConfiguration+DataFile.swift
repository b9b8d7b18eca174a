import Datasets
import Foundation
public import Molecules

extension StudyConfiguration {
  /// A configuration for one data file and no config: the study is named after the file, the
  /// source is chosen by extension (`.csv`; `.xyz`/`.extxyz`, as frames of `molecule` when one is
  /// given), and the only variant is `none` (add the symmetry variants to compare).
  ///
  /// Splits: 20 % of the samples (at most 1000) are the test set, 10 % (at most 200) the
  /// validation set, and the training sizes are powers of two from 8 (or fewer when the file is
  /// small) up to what is left; 3 repeats.
  ///
  /// - Parameters:
  ///   - url: the data file.
  ///   - labelColumn: the label column of a CSV file.
  ///   - energyKey: the label key of an extended XYZ file.
  ///   - coordinates: the inputs of an extended XYZ file (flattened positions, or water normal coordinates).
  ///   - molecule: a molecule file: the extended XYZ frames are that molecule's, studied in its
  ///     normal coordinates (a ``Source/molecule(_:)`` source; `coordinates` is then ignored).
  ///   - energyUnit: the unit of the frames' energies with `molecule`.
  /// - Throws: ``LearningCurvesError`` `.invalidConfiguration` for another extension or fewer
  ///   than 3 samples, `.unreadableData` for a file that cannot be read or parsed.
  /// - Complexity: one read of the file.
  public static func dataFile(_ url: URL, labelColumn: String = "y", energyKey: String = "energy",
                              coordinates: XYZCoordinates = .positions, molecule: URL? = nil,
                              energyUnit: MolecularUnits.Energy = .electronvolt) throws(LearningCurvesError) -> StudyConfiguration {
    let ext = url.pathExtension.lowercased()
    let source: Source
    let count: Int
    switch (ext, molecule) {
    case ("csv", nil):
      source = .csv(path: url.path, labelColumn: labelColumn, testPath: nil)
      count = try readFile { () throws(DatasetError) in try CSV.readDataset(from: url, labelColumn: labelColumn) }.count
    case ("xyz", let molecule?), ("extxyz", let molecule?):
      let spec = MoleculeSource(path: molecule.path, frames: url.path, energyKey: energyKey, energyUnit: energyUnit)
      source = .molecule(spec)
      count = try moleculeData(url.path, analysis: try moleculeAnalysis(path: spec.path), source: spec).count
    case ("xyz", nil), ("extxyz", nil):
      source = .extendedXYZ(path: url.path, energyKey: energyKey, coordinates: coordinates, testPath: nil)
      count = try readXYZ(url.path, key: energyKey, coordinates: coordinates).count
    default:
      throw LearningCurvesError(.invalidConfiguration,
        "The data file '\(url.path)' has extension '.\(ext)'; use \(molecule == nil ? "a .csv file (label column \(labelColumn)) or " : "")an extended XYZ file (.xyz, .extxyz)\(molecule == nil ? "" : " of the molecule's frames").")
    }
    let test = min(1000, max(1, count / 5))
    let validation = min(200, max(1, count / 10))
    let largest = count - test - validation
    guard largest >= 1 else {
      throw LearningCurvesError(.invalidConfiguration,
        "The data file '\(url.path)' has \(count) samples, too few for a test, a validation and a training set; give at least 10.")
    }
    var sizes: [Int] = []
    var n = min(8, largest)
    while n <= largest { sizes.append(n); n *= 2 }
    return StudyConfiguration(name: url.deletingPathExtension().lastPathComponent, sizes: sizes, repeats: 3,
                              validation: validation, test: test, source: source, variants: [.init(name: "none")])
  }
}
