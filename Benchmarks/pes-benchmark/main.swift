// pes-benchmark: evaluation rate of the Partridge–Schwenke water surface on one core, and the
// time of a full normal-mode analysis including the cubic force field. Release build only:
//
//   swift build -c release --product pes-benchmark && .build/release/pes-benchmark [--count N] [--seed S]
//
// Geometries: N seeded draws (default 1 000 000) with r1, r2 uniform in [1.4, 2.6] bohr and
// theta uniform in [1.2, 2.6] rad, generated before timing. Two entry points are timed over
// the same geometries, each the best of three passes:
//   validated  PartridgeSchwenke.energy(r1:r2:theta:)   (checks, then cos θ and the surface)
//   unchecked  PartridgeSchwenke.uncheckedEnergy(r1:r2:cosTheta:)   (cos θ precomputed)
// Targets (issue 4): ≥ 1e6 energies per second per core; normal modes + cubic force field < 1 s.
// The process is single-threaded (the surface does not call BLAS; the 9 × 9 eigenproblems are
// too small for OpenBLAS to thread).
import Datasets
import Foundation
import LinearAlgebra

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// (--count N, --seed S) from the command line.
func parseArguments() -> (count: Int, seed: UInt64) {
  var count = 1_000_000
  var seed: UInt64 = 2026
  var arguments = CommandLine.arguments.dropFirst().makeIterator()
  while let a = arguments.next() {
    switch a {
    case "--count": count = Int(arguments.next() ?? "") ?? count
    case "--seed": seed = UInt64(arguments.next() ?? "") ?? seed
    default:
      print("usage: pes-benchmark [--count N] [--seed S]")
      exit(2)
    }
  }
  return (max(count, 1), seed)
}

let (count, seed) = parseArguments()

var generator = SeededGenerator(seed: seed)
var r1 = [Double](repeating: 0, count: count)
var r2 = [Double](repeating: 0, count: count)
var theta = [Double](repeating: 0, count: count)
var cosTheta = [Double](repeating: 0, count: count)
for i in 0..<count {
  r1[i] = generator.uniform(1.4, 2.6)
  r2[i] = generator.uniform(1.4, 2.6)
  theta[i] = generator.uniform(1.2, 2.6)
  cosTheta[i] = cos(theta[i])
}
let pes = PartridgeSchwenke()

func timeBest(_ body: () throws -> Double) rethrows -> (seconds: Double, checksum: Double) {
  var best = Double.infinity
  var checksum = 0.0
  for _ in 0..<3 {
    let t0 = now()
    checksum = try body()
    best = min(best, now() - t0)
  }
  return (best, checksum)
}

let validated = try timeBest {
  var sum = 0.0
  for i in 0..<count { sum += try pes.energy(r1: r1[i], r2: r2[i], theta: theta[i]) }
  return sum
}
let unchecked = timeBest {
  var sum = 0.0
  r1.withUnsafeBufferPointer { a in
    r2.withUnsafeBufferPointer { b in
      cosTheta.withUnsafeBufferPointer { c in
        for i in 0..<count { sum += pes.uncheckedEnergy(r1: a[i], r2: b[i], cosTheta: c[i]) }
      }
    }
  }
  return sum
}

var modeTimes: [Double] = []
var wavenumbers: [Double] = []
var phi111 = 0.0
for _ in 0..<3 {
  let t0 = now()
  let modes = try WaterNormalModes()
  let phi = try modes.cubicForceConstants()
  modeTimes.append(now() - t0)
  wavenumbers = modes.wavenumbers
  phi111 = phi[0, 0, 0]
}

func rate(_ seconds: Double) -> String { String(format: "%.3e", Double(count) / seconds) }

print("pes-benchmark: \(count) seeded geometries (seed \(seed)), one thread, best of 3 passes")
print("validated  energy(r1:r2:theta:)          \(String(format: "%.4f", validated.seconds)) s  \(rate(validated.seconds)) energies/s  (checksum \(validated.checksum))")
print("unchecked  uncheckedEnergy(r1:r2:cosTheta:) \(String(format: "%.4f", unchecked.seconds)) s  \(rate(unchecked.seconds)) energies/s  (checksum \(unchecked.checksum))")
print("normal modes + cubic force field: best \(String(format: "%.4f", modeTimes.min()!)) s, runs \(modeTimes.map { String(format: "%.4f", $0) }.joined(separator: ", ")) s")
print("  wavenumbers \(wavenumbers.map { String(format: "%.6f", $0) }.joined(separator: ", ")) cm^-1, phi_111 \(String(format: "%.4f", phi111)) cm^-1")
print("targets: >= 1e6 energies/s/core -> \(Double(count) / unchecked.seconds >= 1e6 && Double(count) / validated.seconds >= 1e6 ? "met" : "NOT met"); normal modes < 1 s -> \(modeTimes.min()! < 1 ? "met" : "NOT met")")
