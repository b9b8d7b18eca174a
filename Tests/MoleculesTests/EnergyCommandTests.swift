import Foundation
import LinearAlgebra
@testable import Molecules
import Testing
import _TestSupport

@Suite("EnergyCommand")
struct EnergyCommandTests {
  /// A shell script in a fresh folder, executable.
  static func script(_ body: String) throws -> (folder: URL, path: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("energy-command-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("calc.sh")
    try ("#!/bin/sh\n" + body).write(to: url, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    return (folder, url.path)
  }

  static let positions = Matrix(rows: 3, columns: 3, elements: [0, 0, 0, 0, 1.43, 1.11, 0, -1.43, 1.11])

  @Test("the command gets an extended XYZ file in ångström and SYMSCALE_REQUEST; its numbers are read in the stated units")
  func contract() throws {
    // Prints E = (x of atom 2 in Å, read from the file) in eV, then a diagonal Hessian of 2 eV/Å² when asked.
    let (folder, path) = try Self.script("""
      y=$(awk 'NR == 4 { print $3 }' "$1")
      echo "# energy from the file"
      echo "$y"
      if [ "$SYMSCALE_REQUEST" = hessian ]; then
        for i in 1 2 3 4 5 6 7 8 9; do
          for j in 1 2 3 4 5 6 7 8 9; do if [ $i = $j ]; then printf '2 '; else printf '0 '; fi; done; echo
        done
      fi
      """)
    defer { try? FileManager.default.removeItem(at: folder) }
    let command = try EnergyCommand([path], timeout: 30, energyUnit: .electronvolt,
                                    hessianUnit: .init(.electronvolt, per: .angstrom, power: 2))
    let species = ["O", "H", "H"]
    let e = try command.energy(species: species, positions: Self.positions)
    expectClose(e, 1.43 * MolecularUnits.angstromPerBohr / MolecularUnits.electronvoltsPerHartree, relative: 1e-6)
    let h = try command.hessian(species: species, positions: Self.positions)
    let a = MolecularUnits.angstromPerBohr
    expectClose(h, 2 * a * a / MolecularUnits.electronvoltsPerHartree * Matrix.identity(9), relative: 1e-14)
  }

  @Test("failure, hang and garbage are reported with the geometry", arguments: [
    ("echo 'SCF did not converge' >&2; exit 3", "exited with status 3 (standard error: SCF did not converge)"),
    ("sleep 30", "Stopped the energy/Hessian command"),
    ("echo 'Energy: -76.4'", "printed 'Energy:' on line 1 of its output, which is not a finite number"),
    ("echo 1 2", "printed 2 numbers; an energy request needs 1 (the energy)"),
  ])
  func failures(body: String, message: String) throws {
    let (folder, path) = try Self.script(body)
    defer { try? FileManager.default.removeItem(at: folder) }
    let command = try EnergyCommand([path], timeout: 1)
    #expect {
      _ = try command.energy(species: ["O", "H", "H"], positions: Self.positions)
    } throws: { error in
      let text = "\(error)"
      return text.contains(message) && text.contains("at the geometry (Å) O 0.000000 0.000000 0.000000; H 0.000000 0.756723 0.587387")
    }
  }

  @Test("a missing program and an empty command are refused")
  func missing() throws {
    let command = try EnergyCommand(["no-such-program-symscale"], timeout: 5)
    #expect { _ = try command.energy(species: ["O", "H", "H"], positions: Self.positions) } throws: { error in
      (error as? MoleculeError)?.code == .commandFailed
    }
    #expect(throws: MoleculeError.self) { _ = try EnergyCommand([]) }
    #expect(throws: MoleculeError.self) { _ = try EnergyCommand(["x"], timeout: 0) }
  }

  @Test("cubic constants through a command equal those through the same closure")
  func anharmonicThroughCommand() throws {
    // The command evaluates the water model's Hessian by calling back into this test binary is not
    // possible; instead it replays Hessians this test wrote, keyed by the geometry file's contents.
    let model = TestMolecule.water.model
    let analysis = try NormalModeAnalysis(try TestMolecule.water.modelMolecule)
    let (folder, path) = try Self.script("""
      key=$(awk 'NR > 2 { printf "%s %.4f %.4f %.4f ", $1, $2, $3, $4 }' "$1" | md5sum | cut -c1-32)
      echo 0
      cat "$(dirname "$0")/$key"
      """)
    defer { try? FileManager.default.removeItem(at: folder) }
    for d in try analysis.displacements() {
      let x = MolecularUnits.angstromPerBohr * d.positions
      let line = (0..<3).map { a in ["O", "H", "H"][a] + " " + x.row(a).map { String(format: "%.4f", Double(String(format: "%.6f", $0))!) }.joined(separator: " ") }.joined(separator: " ") + " "
      let key = try Self.md5(line)
      let h = try model.hessian(at: d.positions)
      try (0..<9).map { h.row($0).map { String(format: "%.17g", $0) }.joined(separator: " ") }.joined(separator: "\n")
        .write(to: folder.appendingPathComponent(key), atomically: true, encoding: .utf8)
    }
    let command = try EnergyCommand([path], timeout: 30)
    let viaCommand = try analysis.anharmonicConstants { (x: Matrix) throws(MoleculeError) -> Matrix in
      try command.hessian(species: ["O", "H", "H"], positions: x)
    }
    let direct = try analysis.anharmonicConstants { (x: Matrix) throws(MoleculeError) -> Matrix in
      do { return try model.hessian(at: x) } catch { throw MoleculeError(.invalidValue, "\(error)") }
    }
    expectClose(viaCommand.cubic, direct.cubic, absolute: 1e-9)
  }

  static func md5(_ text: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["md5sum"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(32))
  }
}
