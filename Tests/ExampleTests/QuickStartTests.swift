import Foundation
import Testing
import _TestSupport

/// README's "Quick start (as a dependency)", taken from README.md itself: its `Package.swift`
/// (with the package URL replaced by this checkout's path) and its Swift snippets (concatenated
/// into `main.swift`) become a consumer package, which is built and run. A second package build
/// of the libraries takes minutes, so the check runs when `SYMMETRYSCALING_QUICK_START=1` is set
/// (`.ci/run` sets it).
@Suite("README Quick start")
struct QuickStartTests {
  /// The repository root: three levels above this file (Tests/ExampleTests/QuickStartTests.swift).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let enabled = ProcessInfo.processInfo.environment["SYMMETRYSCALING_QUICK_START"] == "1"

  /// The manifest and the code snippets of the Quick start section.
  static func snippets() throws -> (manifest: String, code: String) {
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "## Quick start (as a dependency)"), "README has no Quick start section")
    let rest = readme[start.upperBound...]
    let section = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
    var blocks: [String] = []
    var current: [Substring]? = nil
    for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line == "```swift" { current = [] } else if current != nil, line == "```" {
        blocks.append(current!.joined(separator: "\n") + "\n")
        current = nil
      } else if current != nil {
        current!.append(line)
      }
    }
    let manifest = try #require(blocks.first { $0.hasPrefix("// swift-tools-version") }, "no Package.swift block")
    return (manifest, blocks.filter { !$0.hasPrefix("// swift-tools-version") }.joined(separator: "\n"))
  }

  @Test("the Quick start has a manifest naming every imported module as a product, and Swift snippets")
  func extracted() throws {
    let (manifest, code) = try Self.snippets()
    #expect(manifest.contains(#".package(url: "https://github.com/OWNER/SymmetryScaling.git", branch: "main")"#))
    let imports = code.split(separator: "\n").filter { $0.hasPrefix("import ") }.map { String($0.dropFirst(7)) }
    #expect(!imports.isEmpty)
    for module in imports where module != "Foundation" {
      #expect(manifest.contains(#".product(name: "\#(module)", package: "SymmetryScaling")"#), "\(module) is imported but not a dependency")
    }
  }

  @Test("a consumer package built from README.md compiles and predicts the labels", .enabled(if: enabled))
  func consumerBuildsAndRuns() throws {
    let (manifest, code) = try Self.snippets()
    let package = try BuiltProducts.temporaryFolder("quick-start")
    defer { try? FileManager.default.removeItem(at: package) }
    let local = manifest.replacingOccurrences(
      of: #".package(url: "https://github.com/OWNER/SymmetryScaling.git", branch: "main"),"#,
      with: ".package(name: \"SymmetryScaling\", path: \"\(Self.root.path)\"),")
    #expect(local != manifest)
    let sources = package.appendingPathComponent("Sources/QuickStart")
    try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
    try local.write(to: package.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
    try code.write(to: sources.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)

    let build = try Self.shell(["swift", "build", "--package-path", package.path], in: package)
    try #require(build.status == 0, "the Quick start does not build:\n\(build.standardOutput)\n\(build.standardError)")
    let run = try Self.shell([package.appendingPathComponent(".build/debug/QuickStart").path], in: package)
    try #require(run.status == 0, "the Quick start fails:\n\(run.standardError)")

    // Independent truth: the label functions the snippets state.
    let lines = run.standardOutput.split(separator: "\n").map(String.init)
    try #require(lines.count == 3, "output: \(run.standardOutput)")
    let predicted = Self.numbers(lines[0])
    let truth = [[0.1, -0.2, 0.3], [-0.5, 0.5, -0.5]].map { p in cos(2 * p[0]) + p[1] * p[1] + pow(p[2], 4) }
    try #require(predicted.count == 2)
    for (a, b) in zip(predicted, truth) { #expect(abs(a - b) < 0.02, "prediction \(a), label \(b)") }
    let diagnostics = Self.numbers(lines[1])
    try #require(diagnostics.count == 2)
    #expect(diagnostics[0] > 0 && diagnostics[1] > 0 && diagnostics[1] < diagnostics[0], "mean error, floor (cm⁻¹): \(lines[1])")
    #expect(Self.numbers(lines[2]).count == 1)
  }

  /// The numbers in a printed line such as `[1.02, 0.85]` or `0.17 0.08`.
  static func numbers(_ line: String) -> [Double] {
    line.split(whereSeparator: { " ,[]".contains($0) }).compactMap { Double($0) }
  }

  /// Runs a command found on PATH.
  static func shell(_ command: [String], in folder: URL) throws -> BuiltProducts.Outcome {
    try BuiltProducts.run(executable: URL(fileURLWithPath: "/usr/bin/env"), command, in: folder)
  }
}
