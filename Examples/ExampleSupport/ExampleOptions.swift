import ArgumentParser
import Foundation
import LearningCurves

/// Options every example shares: `--seed --sizes --repeats --output --quick`.
///
/// Defaults reproduce the figures in Documentation/Results.md; `--quick` shrinks sizes, repeats
/// and test sets so that an example finishes in seconds (the tests run that).
public struct ExampleOptions: ParsableArguments {
  @Option(help: "Seed of every random draw (pool, test set, repeats).")
  public var seed: UInt64 = 2605_28238

  @Option(help: "Training sizes, comma separated (default: the example's log-spaced sizes).")
  public var sizes: String?

  @Option(help: "Independent random draws per size.")
  public var repeats: Int?

  @Option(help: "Folder for <study>.json, <study>.csv and <study>.svg.")
  public var output: String = "results"

  @Flag(help: "Small sizes and few repeats: a smoke test that finishes in seconds.")
  public var quick = false

  public init() {}

  /// The sizes to run: `--sizes` if given, else `quickSizes` with `--quick`, else `defaultSizes`.
  public func resolvedSizes(default defaultSizes: [Int], quick quickSizes: [Int]) throws -> [Int] {
    guard let sizes else { return quick ? quickSizes : defaultSizes }
    let parsed = sizes.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !parsed.isEmpty, parsed.allSatisfy({ ($0 ?? 0) > 0 }) else {
      throw ValidationError("--sizes '\(sizes)' is not a comma-separated list of positive integers, e.g. 16,32,64.")
    }
    return parsed.map { $0! }
  }

  /// `--repeats` if given, else 2 with `--quick`, else `defaultRepeats`.
  public func resolvedRepeats(default defaultRepeats: Int) throws -> Int {
    let r = repeats ?? (quick ? 2 : defaultRepeats)
    guard r >= 1 else { throw ValidationError("--repeats is \(r); it must be at least 1.") }
    return r
  }

  /// The output folder as a URL.
  public var outputFolder: URL { URL(fileURLWithPath: output) }
}

/// Writes a study's files and prints its summary table.
public func report(_ result: StudyResult, to folder: URL) throws {
  let urls = try result.write(to: folder)
  print(result.summaryTable())
  print("wrote " + urls.map(\.path).joined(separator: ", "))
  print("")
}

