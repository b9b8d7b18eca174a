// End-to-end tests of the `symscale` executable (built next to the test bundle).
import Foundation
import LinearAlgebra
import Testing
import _TestSupport

@Suite("symscale fit")
struct SymscaleTests {
  /// The built `symscale` binary: `swift test` runs the test bundle from the build products
  /// directory (`.build/<triple>/debug`), where SwiftPM also puts the executables.
  static var binary: URL { BuiltProducts.directory.appendingPathComponent("symscale") }

  static func fixture(_ name: String, _ ext: String) throws -> String {
    try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures")).path
  }

  /// Runs symscale with arguments; returns exit status, stdout and stderr.
  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let outcome = try BuiltProducts.run("symscale", arguments)
    return (outcome.status, outcome.standardOutput, outcome.standardError)
  }

  static func temporary(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("symscale-\(UUID().uuidString)-\(name)").path
  }

  static func predictions(_ path: String) throws -> [Double] {
    try TestData.readCSV(URL(fileURLWithPath: path)).rows.map { $0[0] }
  }

  func fit(_ extra: [String], test: String? = nil) throws -> [Double] {
    let out = Self.temporary("pred.csv"), summary = Self.temporary("summary.json")
    defer {
      try? FileManager.default.removeItem(atPath: out)
      try? FileManager.default.removeItem(atPath: summary)
    }
    let r = try Self.run(["fit", "--model", "krr", "--train", try Self.fixture("train", "csv"),
                          "--test", try test ?? Self.fixture("test", "csv"), "--sigma", "0.5", "--lambda", "1e-3",
                          "--predictions", out, "--summary", summary] + extra)
    #expect(r.status == 0, "stderr: \(r.err)")
    return try Self.predictions(out)
  }

  @Test("the binary exists next to the test bundle")
  func binaryExists() {
    #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "looked at \(Self.binary.path)")
  }

  @Test("KRR reproduces scikit-learn's predictions (sigma 0.5, lambda 1e-3)")
  func sklearn() throws {
    let ours = try fit([])
    let theirs = try Self.predictions(try Self.fixture("krr_pred", "csv"))
    #expect(ours.count == 100)
    let scale = theirs.map(abs).max()!
    #expect(zip(ours, theirs).map { abs($0 - $1) }.max()! / scale <= 1e-8)
  }

  @Test("sign flips on 0,1,2: the Fourier route equals explicit augmentation and the sum kernel")
  func routes() throws {
    let augment = try fit(["--symmetry", "signs:0,1,2", "--route", "augment"])
    let fourier = try fit(["--symmetry", "signs:0,1,2", "--route", "fourier"])
    let kernel = try fit(["--symmetry", "signs:0,1,2"])
    let scale = augment.map(abs).max()!
    #expect(zip(fourier, augment).map { abs($0 - $1) }.max()! / scale <= 1e-9)
    #expect(zip(kernel, augment).map { abs($0 - $1) }.max()! / scale <= 1e-9)
    // The symmetry changes the model: the plain predictions differ.
    let plain = try fit([])
    #expect(zip(plain, augment).map { abs($0 - $1) }.max()! / scale > 1e-4)
  }

  @Test("o3 and o2:z with the kernel route predict the same at rotated (and reflected) test points")
  func rotations() throws {
    let (header, rows) = try TestData.readCSV(URL(fileURLWithPath: try Self.fixture("test", "csv")))
    let t = 0.7
    // Rotation by t about z followed by the reflection x → −x: in O(2) about z and in O(3).
    let moved = rows.map { r in [-(cos(t) * r[0] - sin(t) * r[1]), sin(t) * r[0] + cos(t) * r[1], r[2], r[3]] }
    let path = Self.temporary("rotated.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let text = ([header.joined(separator: ",")] + moved.map { $0.map { String(format: "%.17g", $0) }.joined(separator: ",") })
      .joined(separator: "\n") + "\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    for kernel in ["gaussian", "laplacian", "matern32"] {
      let plain = try fit(["--kernel", kernel])
      for spec in ["o3", "o2:z"] {
        let original = try fit(["--kernel", kernel, "--symmetry", spec])
        let rotated = try fit(["--kernel", kernel, "--symmetry", spec], test: path)
        let scale = original.map(abs).max()!
        #expect(zip(original, rotated).map { abs($0 - $1) }.max()! / scale <= 1e-10, "\(kernel), \(spec)")
        #expect(zip(original, plain).map { abs($0 - $1) }.max()! / scale > 1e-3, "\(kernel), \(spec)")
      }
    }
  }

  @Test("GP with the Haar-averaged Laplacian kernel (o2:z, 40 samples) predicts the same at rotated test points")
  func haarGaussianProcess() throws {
    let (header, rows) = try TestData.readCSV(URL(fileURLWithPath: try Self.fixture("test", "csv")))
    let t = 1.1
    let moved = rows.map { r in [cos(t) * r[0] - sin(t) * r[1], sin(t) * r[0] + cos(t) * r[1], r[2], r[3]] }
    let (trainHeader, trainRows) = try TestData.readCSV(URL(fileURLWithPath: try Self.fixture("train", "csv")))
    let test = Self.temporary("rotated.csv"), train = Self.temporary("train40.csv")
    defer {
      try? FileManager.default.removeItem(atPath: test)
      try? FileManager.default.removeItem(atPath: train)
    }
    func write(_ header: [String], _ rows: some Sequence<[Double]>, to path: String) throws {
      try ([header.joined(separator: ",")] + rows.map { $0.map { String(format: "%.17g", $0) }.joined(separator: ",") })
        .joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
    try write(header, moved, to: test)
    try write(trainHeader, trainRows.prefix(40), to: train)
    func run(_ testPath: String) throws -> [Double] {
      let out = Self.temporary("gp.csv"), summary = Self.temporary("gp.json")
      defer {
        try? FileManager.default.removeItem(atPath: out)
        try? FileManager.default.removeItem(atPath: summary)
      }
      let r = try Self.run(["fit", "--model", "gp", "--kernel", "laplacian", "--train", train, "--test", testPath,
                            "--sigma", "0.5", "--lambda", "1e-3", "--symmetry", "o2:z", "--predictions", out,
                            "--summary", summary])
      #expect(r.status == 0, "stderr: \(r.err)")
      let json = try String(contentsOfFile: summary, encoding: .utf8)
      #expect(json.contains("haarKernel") && json.contains("\"kernel\": \"laplacian\""), "\(json)")
      return try Self.predictions(out)
    }
    let a = try run(try Self.fixture("test", "csv")), b = try run(test)
    #expect(a.count == 100)
    #expect(zip(a, b).map { abs($0 - $1) }.max()! / a.map(abs).max()! <= 1e-10)
  }

  @Test("GP with the sum kernel of signs:0,2 (60 samples) predicts the same at sign-flipped test points")
  func gaussianProcess() throws {
    let (header, rows) = try TestData.readCSV(URL(fileURLWithPath: try Self.fixture("test", "csv")))
    let flipped = rows.map { [-$0[0], $0[1], -$0[2], $0[3]] }
    let path = Self.temporary("flipped.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let text = ([header.joined(separator: ",")] + flipped.map { $0.map { String(format: "%.17g", $0) }.joined(separator: ",") })
      .joined(separator: "\n") + "\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    // The first 60 training samples keep the debug-build optimiser quick.
    let (trainHeader, trainRows) = try TestData.readCSV(URL(fileURLWithPath: try Self.fixture("train", "csv")))
    let train = Self.temporary("train60.csv")
    defer { try? FileManager.default.removeItem(atPath: train) }
    try ([trainHeader.joined(separator: ",")] + trainRows.prefix(60).map { $0.map { String(format: "%.17g", $0) }.joined(separator: ",") })
      .joined(separator: "\n").appending("\n").write(toFile: train, atomically: true, encoding: .utf8)
    func run(_ test: String) throws -> [Double] {
      let out = Self.temporary("gp.csv"), summary = Self.temporary("gp.json")
      defer {
        try? FileManager.default.removeItem(atPath: out)
        try? FileManager.default.removeItem(atPath: summary)
      }
      let r = try Self.run(["fit", "--model", "gp", "--train", train, "--test", test,
                            "--sigma", "0.5", "--lambda", "1e-3", "--symmetry", "signs:0,2", "--route", "kernel",
                            "--predictions", out, "--summary", summary])
      #expect(r.status == 0, "stderr: \(r.err)")
      let json = try String(contentsOfFile: summary, encoding: .utf8)
      #expect(json.contains("sumKernel") && json.contains("sign flips"))
      return try Self.predictions(out)
    }
    let a = try run(try Self.fixture("test", "csv")), b = try run(path)
    #expect(a.count == 100)
    #expect(zip(a, b).map { abs($0 - $1) }.max()! / a.map(abs).max()! <= 1e-10)
  }

  @Test("a missing training file fails with exit code 1 and names the file")
  func missingFile() throws {
    let r = try Self.run(["fit", "--model", "krr", "--train", "/nonexistent/train.csv", "--sigma", "1", "--lambda", "1"])
    #expect(r.status == 1)
    #expect(r.err.contains("/nonexistent/train.csv"), "stderr: \(r.err)")
  }

  @Test("KRR without --sigma is a usage error (exit code 64) that says what to add")
  func missingSigma() throws {
    let r = try Self.run(["fit", "--model", "krr", "--train", try Self.fixture("train", "csv"), "--lambda", "1"])
    #expect(r.status == 64)
    #expect(r.err.contains("KRR needs --sigma and --lambda"), "stderr: \(r.err)")
  }

  @Test("bad symmetry specifications and routes are refused with the accepted forms")
  func badSymmetry() throws {
    let train = try Self.fixture("train", "csv")
    let unknown = try Self.run(["fit", "--model", "krr", "--train", train, "--sigma", "1", "--lambda", "1",
                                "--symmetry", "mirror"])
    #expect(unknown.status != 0 && unknown.err.contains("inversion, signs:0,1,2"), "stderr: \(unknown.err)")
    let fourier = try Self.run(["fit", "--model", "krr", "--train", train, "--sigma", "1", "--lambda", "1",
                                "--symmetry", "inversion", "--route", "fourier"])
    #expect(fourier.status != 0 && fourier.err.contains("use explicit augmentation"), "stderr: \(fourier.err)")
  }

  // MARK: - Issue 9: inputs that used to trap or mislead

  /// A scratch file with `text`.
  static func file(_ name: String, _ text: String) throws -> String {
    let path = temporary(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("a test file with a header and no data rows is an error naming the file, also with --predictions",
        arguments: ["x0,x1,y\n", "x0,x1\n", "x0,x1,y\r\n\r\n"])
  func headerOnlyTestFile(text: String) throws {
    let test = try Self.file("empty.csv", text)
    let predictions = Self.temporary("p.csv")
    for extra in [[], ["--predictions", predictions]] {
      let r = try Self.run(["fit", "--model", "krr", "--train", try Self.fixture("train", "csv"), "--test", test,
                            "--sigma", "0.5", "--lambda", "1e-3"] + extra)
      #expect(r.status == 1)
      #expect(r.err == "Error: \(test): the test file has a header but no data rows; expected one sample per line after the header (a file whose lines were deleted, or whose line ends were lost, reads as empty)\n")
      #expect(!FileManager.default.fileExists(atPath: predictions))
    }
  }

  @Test("negative --sigma or --lambda are read and refused with the reason (not 'Missing value')",
        arguments: [(["--sigma", "-1", "--lambda", "1e-3"], "--sigma is -1.0; the kernel length scale (in the units of the inputs) must be a finite number > 0, e.g. 0.5."),
                    (["--sigma=-1", "--lambda", "1e-3"], "--sigma is -1.0; the kernel length scale (in the units of the inputs) must be a finite number > 0, e.g. 0.5."),
                    (["--sigma", "0.5", "--lambda", "-0"], "--lambda is 0.0; the ridge must be a finite number > 0, e.g. 1e-3."),
                    (["--sigma", "nan", "--lambda", "1"], "--sigma is nan; the kernel length scale (in the units of the inputs) must be a finite number > 0, e.g. 0.5.")])
  func negativeHyperparameters(arguments: [String], message: String) throws {
    let r = try Self.run(["fit", "--model", "krr", "--train", try Self.fixture("train", "csv")] + arguments)
    #expect(r.status == 64)
    #expect(r.err.hasPrefix("Error: \(message)\n"), "stderr: \(r.err)")
    #expect(!r.err.contains("Missing value") && !r.err.contains("-nan"))
  }

  @Test("a summary or predictions file that cannot be written exits 1 with the reason, without usage text")
  func unwritableOutputs() throws {
    let train = try Self.fixture("train", "csv"), test = try Self.fixture("test", "csv")
    let summary = try Self.run(["fit", "--model", "krr", "--train", train, "--sigma", "0.5", "--lambda", "1e-3",
                                "--summary", "/nonexistent/s.json"])
    #expect(summary.status == 1)
    #expect(summary.err == "Error: Cannot write the summary to '/nonexistent/s.json': the folder '/nonexistent' does not exist; create it or write elsewhere.\n")
    let predictions = try Self.run(["fit", "--model", "krr", "--train", train, "--test", test, "--sigma", "0.5", "--lambda", "1e-3",
                                    "--predictions", FileManager.default.temporaryDirectory.path])
    #expect(predictions.status == 1)
    #expect(predictions.err.contains("cannot write the CSV file: '\(FileManager.default.temporaryDirectory.path)' is a folder; give a file name inside it"), "stderr: \(predictions.err)")
    for r in [summary, predictions] {
      #expect(!r.err.contains("Usage") && !r.err.contains("NSCocoaErrorDomain") && !r.err.contains("could not be completed"))
    }
  }

  @Test("labels near 1e300 give finite metrics; errors beyond the double range are an error, never 'inf' with exit 0")
  func overflowingMetrics() throws {
    let large = try Self.file("large.csv", "x0,y\n0,1e300\n1,-1e300\n2,1e300\n")
    let ok = try Self.run(["fit", "--model", "krr", "--train", large, "--test", large, "--sigma", "1", "--lambda", "1e-3"])
    #expect(ok.status == 0, "stderr: \(ok.err)")
    #expect(!ok.out.contains("inf") && !ok.out.contains("null") && !ok.out.contains("nan"), "stdout: \(ok.out)")
    let train = try Self.file("huge.csv", "x0,y\n0,1.5e308\n0.001,1.5e308\n")
    let opposite = try Self.file("opposite.csv", "x0,y\n0,-1.5e308\n")
    let r = try Self.run(["fit", "--model", "krr", "--train", train, "--test", opposite, "--sigma", "1", "--lambda", "1e-3"])
    #expect(r.status == 1)
    #expect(r.err == "Error: The test errors overflow (the largest |prediction − label| is inf): labels and predictions differ by more than 1.8e308. Rescale the labels (e.g. to zero mean and unit variance).\n", "stderr: \(r.err)")
    #expect(!r.out.contains("inf") && !r.err.contains("-nan"))
  }

  @Test("signs on 20 coordinates (|G| = 2²⁰) are refused at once with the estimated cost")
  func hugeGroup() throws {
    var text = (0..<20).map { "x\($0)" }.joined(separator: ",") + ",y\n"
    var g = SeededGenerator(seed: 9)
    for _ in 0..<50 { text += (0..<21).map { _ in "\(g.uniform(-1, 1))" }.joined(separator: ",") + "\n" }
    let data = try Self.file("d20.csv", text)
    let signs = "signs:" + (0..<20).map(String.init).joined(separator: ",")
    let r = try Self.run(["fit", "--model", "krr", "--train", data, "--sigma", "1", "--lambda", "1e-3", "--symmetry", signs])
    #expect(r.status == 1)
    #expect(r.err.hasPrefix("Error: --symmetry \(signs) has |G| = 1048576 elements: a fit on 50 samples by route kernel needs about "), "stderr: \(r.err)")
    #expect(r.err.hasSuffix("floating-point operations, above the limit of 1e+13. Flip fewer coordinates or use fewer samples.\n"))
  }

  @Test("GP restarts and Haar copies are bounded before any loop or allocation")
  func restartsAndCopies() throws {
    let train = try Self.fixture("train", "csv")
    let restarts = try Self.run(["fit", "--model", "gp", "--train", train, "--sigma", "1", "--lambda", "1", "--restarts", "1000000000000"])
    #expect(restarts.status == 64)
    #expect(restarts.err.hasPrefix("Error: --restarts is 1000000000000; use 0 to 1000 (each restart is a full optimisation).\n"), "stderr: \(restarts.err)")
    let data = try Self.file("d3.csv", "x0,x1,x2,y\n1,2,3,4\n2,3,4,5\n")
    let copies = try Self.run(["fit", "--model", "krr", "--train", data, "--sigma", "1", "--lambda", "1", "--symmetry", "o3",
                               "--route", "augment", "--copies", "1000000000000"])
    #expect(copies.status == 1)
    #expect(copies.err.hasPrefix("Error: --symmetry o3 with --copies 1000000000000: a fit on 2 samples by route augment needs about "), "stderr: \(copies.err)")
    #expect(copies.err.hasSuffix("Use fewer --copies or fewer samples.\n"))
  }
}
