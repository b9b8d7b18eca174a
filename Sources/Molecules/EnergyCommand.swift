import Datasets
import Foundation
public import LinearAlgebra

/// Your quantum-chemistry code as a command: given a geometry in an extended XYZ file, it
/// prints the energy and, when asked, the Cartesian Hessian.
///
/// ## The energy/Hessian command contract
///
/// - The command is run as `command… FILE` (the arguments you give, then the path of a
///   one-frame extended XYZ file: the molecule's atoms in its order, positions in ångström,
///   `Properties=species:S:1:pos:R:3`). The executable is looked up on `PATH`.
/// - The environment variable `SYMSCALE_REQUEST` is `energy` or `hessian`; `SYMSCALE_ATOMS` is n.
/// - The command prints on standard output whitespace-separated numbers: the energy, then — for
///   `hessian` — the 9n² entries of the Cartesian Hessian, row-major, rows and columns
///   atom-major (x₁, y₁, z₁, x₂, …). Lines starting with `#` are ignored; anything else that is
///   not a number is an error. Units: hartree and hartree/bohr² unless stated otherwise here.
/// - Exit status 0 means success; anything else is a failure (its standard error is reported).
/// - A command running longer than `timeout` seconds is stopped with its children (SIGTERM to
///   its process group, then SIGKILL after 5 s).
///
/// Errors name the geometry (Å) the command was run on.
///
/// ```swift
/// let pyscf = try EnergyCommand(["python3", "my_hessian.py"], timeout: 600)
/// let phi = try modes.anharmonicConstants { x in try pyscf.hessian(species: molecule.species, positions: x) }
/// ```
public struct EnergyCommand: Sendable {
  /// The program and its arguments (the file path is appended).
  public let command: [String]
  /// The time-out per call (seconds).
  public let timeout: Double
  /// The unit of the printed energy.
  public let energyUnit: MolecularUnits.Energy
  /// The unit of the printed Hessian.
  public let hessianUnit: MolecularUnits.Derivative

  /// A command, checked.
  ///
  /// - Parameters:
  ///   - command: the program (a path or a name on `PATH`) and its arguments.
  ///   - timeout: seconds per call, > 0. Default 3600.
  ///   - energyUnit: unit of the printed energy (default hartree).
  ///   - hessianUnit: unit of the printed Hessian (default hartree/bohr²).
  /// - Throws: ``MoleculeError`` `.invalidParameter` for an empty command or a non-positive time-out.
  public init(_ command: [String], timeout: Double = 3600, energyUnit: MolecularUnits.Energy = .hartree,
              hessianUnit: MolecularUnits.Derivative = .init(.hartree, per: .bohr, power: 2)) throws(MoleculeError) {
    guard let first = command.first, !first.isEmpty else {
      throw MoleculeError(.invalidParameter, "The energy/Hessian command is empty; give the program and its arguments, e.g. [\"python3\", \"my_hessian.py\"].")
    }
    guard timeout > 0 && timeout.isFinite else {
      throw MoleculeError(.invalidParameter, "The command time-out \(timeout) s must be positive and finite.")
    }
    self.command = command
    self.timeout = timeout
    self.energyUnit = energyUnit
    self.hessianUnit = hessianUnit
  }

  /// The energy at a geometry (hartree).
  ///
  /// - Parameters:
  ///   - species: the atoms, in order.
  ///   - positions: n × 3 (bohr).
  /// - Throws: ``MoleculeError`` `.commandFailed`, `.commandTimedOut`, `.commandOutputMalformed`,
  ///   each naming the geometry.
  public func energy(species: [String], positions: Matrix) throws(MoleculeError) -> Double {
    try run(species: species, positions: positions, hessian: false).energy
  }

  /// The Cartesian Hessian at a geometry, 3n × 3n (hartree/bohr²).
  ///
  /// - Throws: as ``energy(species:positions:)``.
  public func hessian(species: [String], positions: Matrix) throws(MoleculeError) -> Matrix {
    try run(species: species, positions: positions, hessian: true).hessian!
  }

  /// Runs the command once and parses its output.
  func run(species: [String], positions: Matrix, hessian wantsHessian: Bool) throws(MoleculeError) -> (energy: Double, hessian: Matrix?) {
    let n = species.count
    let angstrom = MolecularUnits.angstromPerBohr * positions
    let geometry = (0..<n).map { a in species[a] + " " + angstrom.row(a).map { String(format: "%.6f", $0) }.joined(separator: " ") }.joined(separator: "; ")
    let context = "the energy/Hessian command `\(command.joined(separator: " "))` at the geometry (Å) \(geometry)"
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("symscale-command-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("geometry.xyz")
    let stdoutURL = folder.appendingPathComponent("stdout"), stderrURL = folder.appendingPathComponent("stderr")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try ExtendedXYZ.write([ExtendedXYZFrame(species: species, positions: angstrom, pbc: [false, false, false])], to: input)
      _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
      _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    } catch {
      throw MoleculeError(.commandFailed, "Could not write the geometry file for \(context): \(error)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command + [input.path]
    var environment = ProcessInfo.processInfo.environment
    environment["SYMSCALE_REQUEST"] = wantsHessian ? "hessian" : "energy"
    environment["SYMSCALE_ATOMS"] = "\(n)"
    process.environment = environment
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    do {
      let out = try FileHandle(forWritingTo: stdoutURL), err = try FileHandle(forWritingTo: stderrURL)
      defer { try? out.close(); try? err.close() }
      process.standardOutput = out
      process.standardError = err
      process.standardInput = FileHandle.nullDevice
      try process.run()
      if finished.wait(timeout: .now() + timeout) == .timedOut {
        // Foundation starts the command as the leader of its own process group: stop the group.
        let target = -process.processIdentifier
        kill(target, SIGTERM)
        if finished.wait(timeout: .now() + 5) == .timedOut {
          kill(target, SIGKILL)
          finished.wait()
        }
        throw MoleculeError(.commandTimedOut, "Stopped \(context) after the time-out of \(timeout) s; raise the time-out if the calculation is just slow, or check that the command does not wait for input.")
      }
    } catch let error as MoleculeError {
      throw error
    } catch {
      throw MoleculeError(.commandFailed, "Could not start \(context): \(error.localizedDescription); check the program name and PATH.")
    }
    let stdout = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
    guard process.terminationStatus == 0 else {
      let tail = stderr.split(separator: "\n").suffix(5).joined(separator: " | ")
      throw MoleculeError(.commandFailed, "\(context.prefix(1).uppercased() + context.dropFirst()) exited with status \(process.terminationStatus)\(tail.isEmpty ? "" : " (standard error: \(tail))"); run it by hand on that geometry to see why.")
    }
    var numbers: [Double] = []
    for (l, line) in stdout.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
      for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
        guard let x = Double(token), x.isFinite else {
          throw MoleculeError(.commandOutputMalformed, "\(context.prefix(1).uppercased() + context.dropFirst()) printed '\(token)' on line \(l + 1) of its output, which is not a finite number; it must print only numbers (the energy, then the Hessian), with comments on lines starting with #.")
        }
        numbers.append(x)
      }
    }
    let wanted = wantsHessian ? 1 + 9 * n * n : 1
    guard numbers.count == wanted || (!wantsHessian && numbers.count == 1 + 9 * n * n) else {
      throw MoleculeError(.commandOutputMalformed, "\(context.prefix(1).uppercased() + context.dropFirst()) printed \(numbers.count) number\(numbers.count == 1 ? "" : "s"); a\(wantsHessian ? " Hessian" : "n energy") request needs \(wanted) (the energy\(wantsHessian ? ", then the \(3 * n) × \(3 * n) Hessian row by row" : "")).")
    }
    let energy = numbers[0] * energyUnit.hartree
    guard wantsHessian else { return (energy, nil) }
    let factor = hessianUnit.atomicUnits
    return (energy, Matrix(rows: 3 * n, columns: 3 * n, elements: numbers.dropFirst().map { $0 * factor }))
  }
}
