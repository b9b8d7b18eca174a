import ArgumentParser
import Datasets
import Foundation
import LinearAlgebra

/// `symscale orbital NAME`: hydrogen-orbital densities at given points.
struct Orbital: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "orbital",
    abstract: "Evaluate a hydrogen orbital's density |psi|^2 at points from a CSV file.",
    discussion: """
      NAME is one of \(HydrogenOrbital.validNames.joined(separator: " ")).
      The input CSV has columns x,y,z in bohr (other columns are ignored); the output repeats \
      them and adds density in bohr^-3 (Z = 1, atomic units), 17 significant digits.
      """)

  @Argument(help: "Orbital name, e.g. 1s, 2p_z, 3d_x2-y2, 4f_xyz.") var name: String
  @Option(help: "CSV file with columns x,y,z (bohr).") var input: String
  @Option(help: "Output CSV (x,y,z,density in bohr^-3).") var output: String

  func run() throws {
    let orbital = try HydrogenOrbital(name: name)
    let points = try CSV.readColumns(["x", "y", "z"], from: fileURL(input))
    let density: [Double]
    do { density = try orbital.density(at: points) } catch {
      throw DatasetError(error.code, error.message, file: input)
    }
    var values = [Double](repeating: 0, count: 4 * points.rows)
    for i in 0..<points.rows {
      for j in 0..<3 { values[4 * i + j] = points[i, j] }
      values[4 * i + 3] = density[i]
    }
    try CSV.write(CSVTable(columnNames: ["x", "y", "z", "density"],
                           values: Matrix(rows: points.rows, columns: 4, elements: values)),
                  to: fileURL(output))
  }
}
