// nystrom-mpi: Nyström KRR (Falkon) with the training rows distributed over MPI ranks. Optional:
// built only with the package trait MPI and Open MPI installed (Debian: libopenmpi-dev, openmpi-bin):
//
//   swift build -c release --traits MPI --product nystrom-mpi
//   mpirun -np 2 .build/release/nystrom-mpi --n 20000 --m 1024 --predictions p2.csv
//
// Each rank holds the rows [r·N/P, (r+1)·N/P) of the training set (water's surface, sampled with
// --seed as in Examples/water-pes, or a CSV file --train read by every rank), the centres are
// gathered from their owners with one reduction, and every CG product sums one M-vector over the
// ranks (MPI_Reduce to rank 0, then MPI_Bcast, so that every rank holds bitwise the same sum and
// takes the same convergence decision). Before the iteration the ranks exchange their data shapes
// (MPI_Allgather) and stop with a typed error if they differ. Rank 0 prints a JSON summary and
// writes the test predictions. Scripts/check-mpi.sh compares `-np 1` with `-np 2`.
import Datasets
import Foundation
import LinearAlgebra
import Regression
#if MPI
import CMPI
#endif

struct Options {
  var n = 4096, m = 256, test = 1000, seed: UInt64 = 1
  var sigma = 1.8, lambda = 1e-6, tolerance = 1e-10, maxIterations = 1000
  var train: String?
  var predictions: String?
  var mismatchRank: Int?
  var method = NystromSolveMethod.conjugateGradient
  var centreRank = CentreRank.all

  init(_ arguments: [String]) throws {
    var a = arguments
    while !a.isEmpty {
      let key = a.removeFirst()
      guard !a.isEmpty else { throw NSError(domain: "nystrom-mpi", code: 2, userInfo: [NSLocalizedDescriptionKey: "\(key) needs a value"]) }
      let value = a.removeFirst()
      switch key {
      case "--n": n = Int(value) ?? n
      case "--m": m = Int(value) ?? m
      case "--test": test = Int(value) ?? test
      case "--seed": seed = UInt64(value) ?? seed
      case "--sigma": sigma = Double(value) ?? sigma
      case "--lambda": lambda = Double(value) ?? lambda
      case "--tolerance": tolerance = Double(value) ?? tolerance
      case "--max-iterations": maxIterations = Int(value) ?? maxIterations
      case "--train": train = value
      case "--predictions": predictions = value
      case "--mismatch-dimension-on-rank": mismatchRank = Int(value)
      case "--method": method = value == "direct" ? .direct : .conjugateGradient
      case "--centre-rank": centreRank = value == "numerical" ? .numerical : .all
      default:
        throw NSError(domain: "nystrom-mpi", code: 2, userInfo: [NSLocalizedDescriptionKey:
          "unknown option \(key); options: --n --m --test --seed --sigma --lambda --tolerance --max-iterations "
          + "--train FILE --predictions FILE --mismatch-dimension-on-rank R --method cg|direct --centre-rank all|numerical"])
      }
    }
  }
}

/// Water energies in cm⁻¹ on a Gaussian in normal coordinates (σ = 1/√2, E ≤ 12 000 cm⁻¹).
func water(_ count: Int, seed: UInt64) throws -> Dataset {
  var g = SeededGenerator(seed: seed)
  let cm = WaterNormalModes.wavenumbersPerHartree
  var d = try WaterSampling().gaussian(count: count, standardDeviations: Array(repeating: 0.5.squareRoot(), count: 3),
                                       energyCutoff: 12_000 / cm, using: &g)
  d.labels = d.labels.map { $0 * cm }
  return d
}

#if MPI
/// Sums over the ranks by MPI_Reduce to rank 0 and MPI_Bcast: every rank gets bitwise the same sum.
struct MPIReduction: NystromReduction {
  func sum(_ values: inout [Double]) {
    var total = [Double](repeating: 0, count: values.count)
    values.withUnsafeBufferPointer { v in
      total.withUnsafeMutableBufferPointer { t in
        _ = MPI_Reduce(v.baseAddress, t.baseAddress, Int32(values.count), cmpi_double(), cmpi_sum(), 0, cmpi_comm_world())
        _ = MPI_Bcast(t.baseAddress, Int32(values.count), cmpi_double(), 0, cmpi_comm_world())
      }
    }
    values = total
  }
}

func run(_ o: Options, rank: Int, size: Int) throws {
  let training = try o.train.map { try CSV.readDataset(from: URL(fileURLWithPath: $0)) } ?? water(o.n, seed: o.seed)
  let test = try water(o.test, seed: o.seed &+ 1)
  let n = training.count
  let rows = (rank * n / size)..<((rank + 1) * n / size)
  var local = training.inputs.rows(at: rows)
  if o.mismatchRank == rank { local = try Matrix(rows: (0..<local.rows).map { Array(local.row($0).dropLast()) }) }
  let labels = Array(training.labels[rows])
  var regressor = NystromKernelRidge(kernel: GaussianKernel(lengthScale: o.sigma), ridge: o.lambda, centres: o.m,
                                     seed: o.seed, tolerance: o.tolerance, maximumIterations: o.maxIterations)
  regressor.method = o.method
  regressor.centreRank = o.centreRank  // the pivoted Cholesky sees the same centres on every rank
  // Shapes of every rank, then the check (a typed error on every rank if they differ).
  var mine = [Int(rank), local.rows, local.columns, o.m, 1]
  var all = [Int](repeating: 0, count: 5 * size)
  mine.withUnsafeMutableBufferPointer { p in
    all.withUnsafeMutableBufferPointer { q in
      _ = MPI_Allgather(p.baseAddress, 5, cmpi_long(), q.baseAddress, 5, cmpi_long(), cmpi_comm_world())
    }
  }
  try DistributedShape.check((0..<size).map { r in
    DistributedShape(rank: all[5 * r], rows: all[5 * r + 1], dimension: all[5 * r + 2], centres: all[5 * r + 3],
                     ridges: all[5 * r + 4])
  })
  // Centres: uniform indices from the seed; each owner contributes its rows, one reduction assembles them.
  let indices = try regressor.selectCentres(training.inputs)
  var centres = [Double](repeating: 0, count: o.m * local.columns)
  for (j, i) in indices.enumerated() where rows.contains(i) {
    for c in 0..<local.columns { centres[j * local.columns + c] = local[i - rows.lowerBound, c] }
  }
  let reduction = MPIReduction()
  reduction.sum(&centres)
  let t0 = Date()
  let model = try regressor.fit(localInputs: local, localLabels: labels,
                                centres: Matrix(rows: o.m, columns: local.columns, elements: centres),
                                ridges: [o.lambda], reduction: reduction)[0]
  let seconds = Date().timeIntervalSince(t0)
  let predicted = try model.predict(test.inputs)
  if rank == 0 {
    let mae = zip(predicted, test.labels).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(predicted.count)
    if let path = o.predictions {
      try CSV.write(CSVTable(columnNames: ["y_pred"], values: Matrix(column: predicted)), to: URL(fileURLWithPath: path))
    }
    print("{\"ranks\": \(size), \"n\": \(n), \"m\": \(o.m), \"centres_kept\": \(model.report.centreCount), "
      + "\"iterations\": \(model.report.iterations), "
      + "\"relative_residual\": \(model.report.relativeResidual), \"fit_s\": \(seconds), \"mae\": \(mae)}")
  }
}

MPI_Init(nil, nil)
var rank: Int32 = 0, size: Int32 = 1
MPI_Comm_rank(cmpi_comm_world(), &rank)
MPI_Comm_size(cmpi_comm_world(), &size)
var status: Int32 = 0
do {
  try run(try Options(Array(CommandLine.arguments.dropFirst())), rank: Int(rank), size: Int(size))
} catch {
  FileHandle.standardError.write(Data("nystrom-mpi (rank \(rank) of \(size)): \(error)\n".utf8))
  status = 1
}
MPI_Finalize()
exit(status)
#else
FileHandle.standardError.write(Data(("nystrom-mpi was built without the MPI trait. Install Open MPI (Debian: apt-get install "
  + "libopenmpi-dev openmpi-bin) and build with: swift build -c release --traits MPI --product nystrom-mpi\n").utf8))
exit(2)
#endif
