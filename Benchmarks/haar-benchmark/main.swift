// haar-benchmark: building Haar-averaged kernel matrices for every radial family (issue 10), at the
// sizes of the hydrogen study: a 1024 × 1024 Gram matrix, its length-scale gradient, and a
// 2000 × 1024 cross matrix, for O(3) (1s-like points) and O(2) about z (2p_z-like points), next to
// the plain kernel's Gram matrix. Release build only:
//
//   swift build -c release --product haar-benchmark && .build/release/haar-benchmark
//
// Options: --n 1024 --m 2000 --sigma 0.4 --repeats 3 --seed 1 --output FILE.json. Single-threaded
// (the averages are not parallelised; the plain Gram matrix uses BLAS with OPENBLAS_NUM_THREADS).
// Prints one table row per family and group (the best of --repeats runs) and writes JSON.
import BenchmarkSupport
import Datasets
import Foundation
import LinearAlgebra
import Regression
import Symmetries

let arguments = BenchmarkArguments(program: "haar-benchmark", flags: [],
                                   keys: ["n", "m", "sigma", "repeats", "seed", "output"])
let n = arguments.int("n", 1024), m = arguments.int("m", 2000)
let sigma = arguments.double("sigma", 0.4)
let repeats = arguments.int("repeats", 3)
let seed = UInt64(arguments.int("seed", 1))

/// The best of `repeats` timings of `body`, in seconds, and a checksum of its result.
func best(_ body: () -> Matrix) -> (seconds: Double, checksum: Double) {
  var fastest = Double.infinity, checksum = 0.0
  for _ in 0..<repeats {
    let t0 = now()
    let result = body()
    fastest = min(fastest, now() - t0)
    checksum = result.elements.reduce(0, +)
  }
  return (fastest, checksum)
}

func measure<B: HaarAverageableKernel>(_ base: B, _ group: Rotations, _ train: Matrix, _ test: Matrix)
  throws -> [String: Double] {
  let haar = try HaarAveragedKernel(base, symmetry: group)
  let plain = best { base.matrix(train) }
  let gram = best { haar.matrix(train) }
  let gradient = best { haar.gradientMatrices(train)[0] }
  let cross = best { haar.crossMatrix(test, train) }
  return ["plain_gram_s": plain.seconds, "gram_s": gram.seconds, "gradient_s": gradient.seconds,
          "cross_s": cross.seconds, "gram_checksum": gram.checksum]
}

var rows: [(family: String, group: String, fields: [String: Double])] = []
for (orbital, group, label) in [("1s", try Rotations(.o3), "O(3)"), ("2p_z", try Rotations(.o2(axis: [0, 0, 1])), "O(2)")] {
  let sampler = try OrbitalSampler(orbital: HydrogenOrbital(name: orbital), region: .radialWeighted(scale: 1))
  var generator = SeededGenerator(seed: seed)
  let train = try sampler.sample(count: n, using: &generator).inputs
  let test = try sampler.sample(count: m, using: &generator).inputs
  let families: [(String, [String: Double])] = [
    ("gaussian", try measure(GaussianKernel(lengthScale: sigma), group, train, test)),
    ("laplacian", try measure(LaplacianKernel(lengthScale: sigma), group, train, test)),
    ("matern32", try measure(Matern32Kernel(lengthScale: sigma), group, train, test)),
    ("matern52", try measure(Matern52Kernel(lengthScale: sigma), group, train, test)),
  ]
  for (family, fields) in families { rows.append((family, label, fields)) }
}

func cell(_ x: Double) -> String { String(format: "%.3f", x) }
print("Haar-averaged kernels, N = \(n), cross \(m) × \(n), σ = \(sigma), best of \(repeats) (seconds)")
print("| family | group | plain Gram | Haar Gram | gradient | cross \(m) × \(n) |")
print("|---|---|---|---|---|---|")
for r in rows {
  print("| \(r.family) | \(r.group) | \(cell(r.fields["plain_gram_s"]!)) | \(cell(r.fields["gram_s"]!)) | "
        + "\(cell(r.fields["gradient_s"]!)) | \(cell(r.fields["cross_s"]!)) |")
}
if let path = arguments.values["output"] {
  let json = rows.map { r in
    "{\"family\": \"\(r.family)\", \"group\": \"\(r.group)\", "
      + r.fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
  }
  let text = "{\"n\": \(n), \"m\": \(m), \"sigma\": \(sigma), \"repeats\": \(repeats), \"rows\": [\n  "
    + json.joined(separator: ",\n  ") + "\n]}\n"
  try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                          withIntermediateDirectories: true)
  try text.write(toFile: path, atomically: true, encoding: .utf8)
}
