// molecule-benchmark: the two speed targets of issue 11 for the Molecules module. Release only:
//
//   swift build -c release --product molecule-benchmark && OPENBLAS_NUM_THREADS=1 .build/release/molecule-benchmark [--count N] [--seed S]
//
// The molecule: a 10-atom acetone-like structure (C2v: C=O along z, heavy atoms in the yz-plane,
// two methyl groups), with a pair-spring Hessian (every pair i < j a spring of stiffness
// 0.3 exp(−r/2) hartree/bohr², so the Hessian is translation- and rotation-invariant and has the
// molecule's symmetry). Timed:
//   harmonic analysis   NormalModeAnalysis(molecule): point group, symmetrisation, projection,
//                       two eigenproblems of order 30, symmetry adaptation — best of 20 runs.
//                       Target < 10 ms.
//   Cartesian → q       normalCoordinates(ofCartesian:) on N seeded geometries (default 200 000),
//                       each displaced in q (σ = 0.7) then rotated and shifted at random (made
//                       before timing) — best of 3 passes. Target ≥ 1e5 geometries/s.
// Prints the two numbers, the targets and one JSON line. One thread.
import BenchmarkSupport
import Foundation
import LinearAlgebra
import Molecules

var count = 200_000
var seed: UInt64 = 2026
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let a = arguments.next() {
  switch a {
  case "--count": count = max(1, Int(arguments.next() ?? "") ?? count)
  case "--seed": seed = UInt64(arguments.next() ?? "") ?? seed
  default:
    print("usage: molecule-benchmark [--count N] [--seed S]")
    exit(2)
  }
}

// Acetone-like C2v structure (bohr).
let species = ["C", "O", "C", "C", "H", "H", "H", "H", "H", "H"]
let positions: [[Double]] = [
  [0, 0, 0], [0, 0, 2.3], [0, 2.45, -1.4], [0, -2.45, -1.4],
  [0, 4.2, -0.3], [0, -4.2, -0.3],
  [1.68, 2.5, -2.6], [-1.68, 2.5, -2.6], [1.68, -2.5, -2.6], [-1.68, -2.5, -2.6],
]
let n = species.count
var hessian = Matrix(rows: 3 * n, columns: 3 * n)
for i in 0..<n {
  for j in 0..<n where j != i {
    let d = (0..<3).map { positions[j][$0] - positions[i][$0] }
    let r = d.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let k = 0.3 * exp(-r / 2)
    for a in 0..<3 {
      for b in 0..<3 {
        let block = k * d[a] * d[b] / (r * r)
        hessian[3 * i + a, 3 * j + b] -= block
        hessian[3 * i + a, 3 * i + b] += block
      }
    }
  }
}
let molecule = try Molecule(species: species, positions: Matrix(rows: positions), hessian: hessian)

var best = Double.infinity
var analysis = try NormalModeAnalysis(molecule)
for _ in 0..<20 {
  let t0 = now()
  analysis = try NormalModeAnalysis(molecule)
  best = min(best, now() - t0)
}
print("molecule: \(species.joined(separator: " ")), point group \(analysis.pointGroup.name), \(analysis.modeCount) modes, "
      + "wavenumbers \(Int(analysis.wavenumbers.min()!.rounded()))…\(Int(analysis.wavenumbers.max()!.rounded())) cm⁻¹")
print(String(format: "harmonic analysis (10 atoms): %.3f ms (best of 20; target < 10 ms)", best * 1e3))

// Geometries: random q, then a random rotation and shift per geometry.
var generator = SeededGenerator(seed: seed)
var flat = [Double](repeating: 0, count: count * 3 * n)
for g in 0..<count {
  let q = (0..<analysis.modeCount).map { _ in 0.7 * generator.gaussian() }
  let x = try analysis.geometry(normalCoordinates: q)
  var u = (0..<4).map { _ in generator.gaussian() }
  let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
  u = u.map { $0 / norm }
  let (w, a, b, c) = (u[0], u[1], u[2], u[3])
  let r00 = w * w + a * a - b * b - c * c, r11 = w * w - a * a + b * b - c * c, r22 = w * w - a * a - b * b + c * c
  let rot = [r00, 2 * (a * b - w * c), 2 * (a * c + w * b), 2 * (a * b + w * c), r11, 2 * (b * c - w * a),
             2 * (a * c - w * b), 2 * (b * c + w * a), r22]
  let shift = (0..<3).map { _ in generator.gaussian() }
  for i in 0..<n {
    for p in 0..<3 {
      var s = shift[p]
      for q in 0..<3 { s += rot[3 * p + q] * x[i, q] }
      flat[(g * n + i) * 3 + p] = s
    }
  }
}
let cartesian = Matrix(rows: count, columns: 3 * n, elements: flat)
var bestPass = Double.infinity
var checksum = 0.0
for _ in 0..<3 {
  let t0 = now()
  let q = analysis.normalCoordinates(ofCartesian: cartesian)
  bestPass = min(bestPass, now() - t0)
  checksum = q.elements.reduce(0) { $0 + $1 * $1 } / Double(q.elements.count)
}
let rate = Double(count) / bestPass
print(String(format: "Cartesian → q: %.3g geometries/s (%d geometries, best of 3; target ≥ 1e5); mean q² %.4f (drawn 0.49)",
             rate, count, checksum))
emit(["harmonic_analysis_ms": best * 1e3, "cartesian_to_q_per_s": rate, "geometries": Double(count)])
