// What the release-mode benchmarks share: child-process measurement (peak RSS, a monotonic clock,
// one JSON line out), running the peer script or a child case and parsing its JSON, and a
// minimal `--key value` argument parser. Not API.
import Foundation

/// Peak resident set size of this process in MiB (Linux ru_maxrss is in KiB).
public func peakRSSMiB() -> Double {
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  return Double(usage.ru_maxrss) / 1024
}

/// Seconds on the monotonic clock.
public func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Prints one JSON object (sorted keys) on one line: how a child case reports to the driver.
public func emit(_ fields: [String: Double]) {
  let body = fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
  print("{\(body)}")
}

/// Runs a command with `OPENBLAS_NUM_THREADS = threads` and returns its last stdout line parsed as
/// a JSON object. A relative executable name is looked up on PATH.
public func runJSON(_ executable: String, _ arguments: [String], threads: Int) throws -> [String: Any] {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
  p.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
  var env = ProcessInfo.processInfo.environment
  env["OPENBLAS_NUM_THREADS"] = String(threads)
  p.environment = env
  let pipe = Pipe()
  p.standardOutput = pipe
  try p.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  let text = String(decoding: data, as: UTF8.self)
  guard p.terminationStatus == 0, let line = text.split(separator: "\n").last,
        let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
    throw NSError(domain: "benchmark", code: Int(p.terminationStatus),
                  userInfo: [NSLocalizedDescriptionKey: "\(executable) \(arguments.joined(separator: " ")) failed: \(text)"])
  }
  return obj
}

/// A number from a parsed JSON object (NaN when absent).
public func number(_ obj: [String: Any], _ key: String) -> Double {
  (obj[key] as? Double) ?? (obj[key] as? Int).map(Double.init) ?? .nan
}

/// `--key value` pairs and `--flag`s; `--case NAME` selects a child case.
public struct BenchmarkArguments {
  public var caseName: String?
  public var values: [String: String] = [:]
  public var flags: Set<String> = []

  /// Parses the command line; prints the usage and exits with status 2 on a malformed one.
  public init(program: String, flags knownFlags: Set<String>, keys knownKeys: [String],
              arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
    var args = arguments
    while !args.isEmpty {
      let a = args.removeFirst()
      let key = String(a.dropFirst(2))
      if a.hasPrefix("--"), knownFlags.contains(key) { flags.insert(key); continue }
      guard a.hasPrefix("--"), !args.isEmpty else {
        let usage = (knownKeys.map { "--\($0) V" } + knownFlags.sorted().map { "--\($0)" }).joined(separator: " ")
        FileHandle.standardError.write(Data("\(program): unexpected argument '\(a)'. Options: \(usage)\n".utf8))
        exit(2)
      }
      let v = args.removeFirst()
      if key == "case" { caseName = v } else { values[key] = v }
    }
  }

  public func int(_ key: String, _ fallback: Int) -> Int { values[key].flatMap(Int.init) ?? fallback }
  public func double(_ key: String, _ fallback: Double) -> Double { values[key].flatMap(Double.init) ?? fallback }
  public func string(_ key: String, _ fallback: String) -> String { values[key] ?? fallback }
}
