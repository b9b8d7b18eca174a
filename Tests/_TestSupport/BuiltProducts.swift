// Internal test support: run an executable product of this package (an example, the
// benchmarks, `symscale`) from a test, capturing its output.
import Foundation

/// Executables built next to the test bundle by `swift test` / `swift build --build-tests`.
public enum BuiltProducts {
  /// The folder holding the built products (where the running test binary lives).
  public static var directory: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
  }

  /// The outcome of running a product.
  public struct Outcome: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
  }

  /// Runs `name` with `arguments` and waits for it.
  /// - Throws: when the executable is missing (the message says where it looked).
  public static func run(_ name: String, _ arguments: [String], in workingDirectory: URL? = nil,
                         environment: [String: String] = [:]) throws -> Outcome {
    let url = directory.appendingPathComponent(name)
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path,
        NSLocalizedDescriptionKey: "No executable '\(name)' in \(directory.path); run the tests with `swift test`, which builds every product."])
    }
    return try run(executable: url, arguments, in: workingDirectory, environment: environment)
  }

  /// Runs the executable at `url` (e.g. `/usr/bin/env` with `["swift", "build"]`) and waits for it.
  public static func run(executable url: URL, _ arguments: [String], in workingDirectory: URL? = nil,
                         environment: [String: String] = [:]) throws -> Outcome {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    if let workingDirectory { process.currentDirectoryURL = workingDirectory }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently with the process so that a full pipe cannot block it.
    let errData = PipeData()
    let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errData.isSet { usleep(1000) }
    return Outcome(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                   standardError: String(decoding: errData.value, as: UTF8.self))
  }

  /// A fresh temporary folder (removed by the caller).
  public static func temporaryFolder(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// Data handed over from the standard-error reader thread.
private final class PipeData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private var done = false
  func set(_ d: Data) { lock.lock(); data = d; done = true; lock.unlock() }
  var isSet: Bool { lock.lock(); defer { lock.unlock() }; return done }
  var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}
