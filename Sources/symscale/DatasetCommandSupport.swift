import ArgumentParser
import Datasets
import Foundation
import LinearAlgebra

/// The systems `symscale pes`, `normal-modes` and `sample` know by name.
enum WaterSystem: String, ExpressibleByArgument, CaseIterable {
  case water
}

/// File formats `symscale sample` writes.
enum SampleFormat: String, ExpressibleByArgument, CaseIterable {
  case csv, extxyz
}

/// Conversions shared by the data-set subcommands.
enum DatasetUnits {
  /// eV per hartree (CODATA 2018), as ASE's `units.Hartree`.
  static let electronvoltsPerHartree = 27.211386245988
  /// Atom order of every water file: O, H₁, H₂.
  static let waterSpecies = ["O", "H", "H"]
}

/// A file URL for a command-line path.
func fileURL(_ path: String) -> URL { URL(fileURLWithPath: path) }

/// Reads water geometries from an extended XYZ file (ångström, atoms O, H, H per frame).
///
/// - Returns: one validated geometry (bohr) per frame.
/// - Throws: `DatasetError` for an unreadable or malformed file, a frame with other atoms
///   than O, H, H in that order, or an invalid geometry (the frame is named).
func readWaterGeometries(extendedXYZ path: String) throws(DatasetError) -> [WaterGeometry] {
  let frames = try ExtendedXYZ.read(contentsOf: fileURL(path))
  guard !frames.isEmpty else {
    throw DatasetError(.malformedFile, "the file holds no frames; expected one water molecule (3 atoms O, H, H) per frame", file: path)
  }
  var geometries: [WaterGeometry] = []
  geometries.reserveCapacity(frames.count)
  for (f, frame) in frames.enumerated() {
    guard frame.species == DatasetUnits.waterSpecies else {
      throw DatasetError(.shapeMismatch, "frame \(f) has \(frame.atomCount) atom\(frame.atomCount == 1 ? "" : "s") (\(frame.species.joined(separator: " "))); expected 3 atoms in the order O, H, H (reorder the atoms so the oxygen comes first)", file: path)
    }
    do {
      geometries.append(try WaterGeometry(cartesian: frame.positions.elements, unit: .angstrom))
    } catch {
      throw DatasetError(error.code, "frame \(f): " + error.message, file: path)
    }
  }
  return geometries
}

/// A failure after the arguments were accepted (a file that cannot be written, results that
/// overflow): printed as "Error: <message>" with exit status 1, without the usage text that
/// ArgumentParser prints for a `ValidationError`.
struct CommandFailure: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}

/// A number for messages: `nan` (never `-nan`), `inf`, `-inf`, and `-0` as `0`.
func describe(_ x: Double) -> String {
  x.isNaN ? "nan" : "\(x + 0.0)"
}
