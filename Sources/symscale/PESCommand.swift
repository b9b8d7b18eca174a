import ArgumentParser
import Datasets
import Foundation
import LinearAlgebra

/// `symscale pes water`: energies of the Partridge–Schwenke water surface at given geometries.
struct PES: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pes",
    abstract: "Evaluate the Partridge-Schwenke (1997) water surface at geometries from a CSV or extended XYZ file.",
    discussion: """
      --input reads a CSV file with columns r1,r2,theta (bond lengths in bohr, H-O-H angle in \
      radians; other columns are ignored). --extxyz instead reads an extended XYZ file as ASE \
      writes it: one molecule per frame, atoms O, H, H in that order, positions in angstrom \
      (converted with the surface's 0.529177249 angstrom/bohr).
      The output CSV has columns r1,r2,theta,energy: bohr, bohr, radian, hartree, 17 significant \
      digits. Energies are on the surface's own zero (the minimum is -1.911e-6 hartree).
      Reference: H. Partridge and D. W. Schwenke, J. Chem. Phys. 106, 4618 (1997), doi:10.1063/1.473987.
      """)

  @Argument(help: "The surface: water.") var system: WaterSystem
  @Option(help: "CSV file with columns r1,r2,theta (bohr, bohr, radian).") var input: String?
  @Option(help: "Extended XYZ file, atoms O, H, H per frame, positions in angstrom.") var extxyz: String?
  @Option(help: "Output CSV (r1,r2,theta,energy in hartree).") var output: String

  func validate() throws {
    switch (input, extxyz) {
    case (nil, nil): throw ValidationError("Give the geometries with --input FILE.csv (r1,r2,theta) or --extxyz FILE.xyz.")
    case (.some, .some): throw ValidationError("Give either --input or --extxyz, not both.")
    default: break
    }
  }

  func run() throws {
    let pes = PartridgeSchwenke()
    var rows: [Double] = []
    var count = 0
    if let input {
      let table = try CSV.read(contentsOf: fileURL(input))
      let g = try table.columns(["r1", "r2", "theta"])
      for i in 0..<g.rows {
        let r1 = g[i, 0], r2 = g[i, 1], theta = g[i, 2]
        let e: Double
        do { e = try pes.energy(r1: r1, r2: r2, theta: theta) } catch {
          // The header is line 1 and the first data row line 2 (blank lines aside).
          throw DatasetError(error.code, "data row \(i + 1): " + error.message, file: input)
        }
        rows += [r1, r2, theta, e]
      }
      count = g.rows
    } else if let extxyz {
      for (f, geometry) in try readWaterGeometries(extendedXYZ: extxyz).enumerated() {
        let e: Double
        do { e = try pes.energy(r1: geometry.r1, r2: geometry.r2, theta: geometry.theta) } catch {
          throw DatasetError(error.code, "frame \(f): " + error.message, file: extxyz)
        }
        rows += [geometry.r1, geometry.r2, geometry.theta, e]
      }
      count = rows.count / 4
    }
    try CSV.write(CSVTable(columnNames: ["r1", "r2", "theta", "energy"],
                           values: Matrix(rows: count, columns: 4, elements: rows)),
                  to: fileURL(output))
  }
}
