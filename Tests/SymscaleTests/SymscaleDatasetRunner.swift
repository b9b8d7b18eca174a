// Test helpers for DatasetCommandsTests: locate the built `symscale` executable and run it.
// Names are distinctive (other suites of this target may bring their own runner).
import Foundation
import Testing

/// The result of one `symscale` run.
struct SymscaleDatasetRun {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

enum SymscaleDatasetRunner {
  /// The `symscale` executable built next to the test bundle (`.build/<config>/symscale`), or
  /// `nil` if none is found. `swift build --build-tests` and `swift test` build it there.
  static let executable: URL? = {
    var candidates: [URL] = []
    // On Linux the test bundle is an executable in .build/<triple>/<config>/; Bundle.main
    // is its directory.
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("symscale"))
    if let exe = Bundle.main.executableURL {
      candidates.append(exe.deletingLastPathComponent().appendingPathComponent("symscale"))
    }
    let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    candidates.append(argument0.deletingLastPathComponent().appendingPathComponent("symscale"))
    // macOS: the .xctest bundle is a directory inside the build directory.
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("symscale"))
    // Fallback: the package's debug build directory, from this file's location.
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(packageRoot.appendingPathComponent(".build/debug/symscale"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// Runs `symscale` with `arguments` in `directory`, capturing stdout, stderr and the exit status.
  static func run(_ arguments: [String], in directory: URL,
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> SymscaleDatasetRun {
    let executable = try #require(executable, "the symscale executable was not found next to the test bundle; run 'swift build --build-tests' first", sourceLocation: sourceLocation)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so a full pipe cannot block the child.
    let errData = SymscaleDatasetPipeData()
    let errReader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    errReader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errData.isSet { usleep(1000) }
    return SymscaleDatasetRun(status: process.terminationStatus,
                              standardOutput: String(decoding: outData, as: UTF8.self),
                              standardError: String(decoding: errData.value, as: UTF8.self))
  }

  /// A fresh scratch directory.
  static func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("symscale-dataset-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Reads a CSV file written by symscale: header names and rows of numbers.
  static func readCSV(_ url: URL) throws -> (names: [String], rows: [[Double]]) {
    let text = try String(contentsOf: url, encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let names = lines.first.map { $0.split(separator: ",").map(String.init) } ?? []
    let rows = lines.dropFirst().map { $0.split(separator: ",").map { Double($0) ?? .nan } }
    return (names, rows)
  }
}

/// Data handed from the stderr reader thread.
final class SymscaleDatasetPipeData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private var done = false
  func set(_ d: Data) { lock.lock(); data = d; done = true; lock.unlock() }
  var isSet: Bool { lock.lock(); defer { lock.unlock() }; return done }
  var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}
