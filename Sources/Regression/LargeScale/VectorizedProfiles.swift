import Foundation
import LinearAlgebra

// Kernel blocks between training rows and centres, computed without per-block allocation: squared
// distances in SIMD registers, then the kernel profile (a vectorised exp for the Gaussian kernel,
// the kernel's own `applyProfile` for other stationary kernels, `crossMatrix` for the rest).

/// SIMD exp on eight lanes: exp(x) = 2ⁿ · exp(r), r = x − n ln 2, |r| ≤ ln 2 / 2, with the degree-13
/// Taylor polynomial of exp(r) (truncation error below 4e-18 relative) and 2ⁿ built in the exponent
/// bits. Inputs are clamped to [−708, 709] (exp(−708) ≈ 3e-308 stands in for smaller values).
/// Maximum relative error about 2 ulp against glibc's exp (checked by the tests).
@inline(__always)
func vectorExp(_ x: SIMD8<Double>) -> SIMD8<Double> {
  let log2e = 1.4426950408889634
  let ln2hi = 6.93147180369123816490e-01, ln2lo = 1.90821492927058770002e-10
  let shifter = 6755399441055744.0  // 1.5 · 2⁵², rounds k to an integer held in the low mantissa bits
  let xc = x.clamped(lowerBound: SIMD8(repeating: -708.0), upperBound: SIMD8(repeating: 709.0))
  let k = xc * log2e + shifter
  let n = k - shifter
  let r = (xc - n * ln2hi) - n * ln2lo
  var p = SIMD8<Double>(repeating: 1.0 / 6227020800.0)
  p = p * r + 1.0 / 479001600.0
  p = p * r + 1.0 / 39916800.0
  p = p * r + 1.0 / 3628800.0
  p = p * r + 1.0 / 362880.0
  p = p * r + 1.0 / 40320.0
  p = p * r + 1.0 / 5040.0
  p = p * r + 1.0 / 720.0
  p = p * r + 1.0 / 120.0
  p = p * r + 1.0 / 24.0
  p = p * r + 1.0 / 6.0
  p = p * r + 0.5
  p = p * r + 1.0
  p = p * r + 1.0
  let bits = (unsafeBitCast(k, to: SIMD8<UInt64>.self) &+ 1023) &<< 52
  return p * unsafeBitCast(bits, to: SIMD8<Double>.self)
}

/// exp(scale · v) for every element of `buffer`, eight at a time (the tail through a padded lane).
func applyScaledExp(_ buffer: UnsafeMutablePointer<Double>, count: Int, scale: Double) {
  let raw = UnsafeMutableRawPointer(buffer)
  var j = 0
  while j + 8 <= count {
    let v = raw.loadUnaligned(fromByteOffset: j * 8, as: SIMD8<Double>.self)
    raw.storeBytes(of: vectorExp(v * scale), toByteOffset: j * 8, as: SIMD8<Double>.self)
    j += 8
  }
  if j < count {
    var tail = SIMD8<Double>(repeating: 0)
    for t in 0..<(count - j) { tail[t] = buffer[j + t] }
    let e = vectorExp(tail * scale)
    for t in 0..<(count - j) { buffer[j + t] = e[t] }
  }
}

/// The kernel between rows of a data matrix and a fixed set of centres, written into caller
/// buffers: the building block of every Nyström product and prediction.
struct CentreKernel<K: Kernel>: Sendable {
  let kernel: K
  /// M × d centres.
  let centres: Matrix
  /// ‖c_j‖².
  let centreNorms: [Double]
  /// The centres transposed (d × M), so that one coordinate of eight centres is one SIMD load.
  let centresTransposed: [Double]

  init(kernel: K, centres: Matrix) {
    self.kernel = kernel
    self.centres = centres
    self.centreNorms = PairwiseDistances.rowSquaredNorms(centres)
    self.centresTransposed = centres.transposed().elements
  }

  var count: Int { centres.rows }

  /// Writes k(x_i, c_j) for i in `rows` into `out` (row-major, `rows.count` × M).
  /// - Complexity: O(|rows| M d) plus one profile evaluation per element.
  func fill(_ x: Matrix, rows: Range<Int>, into out: UnsafeMutablePointer<Double>) {
    let m = centres.rows
    guard m > 0, !rows.isEmpty else { return }
    if let stationary = kernel as? any StationaryKernel {
      squaredDistances(x, rows: rows, into: out)
      let total = rows.count * m
      if let gaussian = kernel as? GaussianKernel {
        applyScaledExp(out, count: total, scale: -0.5 / (gaussian.lengthScale * gaussian.lengthScale))
      } else {
        stationary.applyProfile(UnsafeMutableBufferPointer(start: out, count: total))
      }
    } else {
      let block = kernel.crossMatrix(x.rows(at: rows), centres)
      block.withUnsafeBufferPointer { p in out.update(from: p.baseAddress!, count: p.count) }
    }
  }

  /// ‖x_i − c_j‖² = ‖x_i‖² + ‖c_j‖² − 2 x_i·c_j, clamped at 0, eight centres per SIMD step.
  func squaredDistances(_ x: Matrix, rows: Range<Int>, into out: UnsafeMutablePointer<Double>) {
    let m = centres.rows, d = centres.columns
    x.withUnsafeBufferPointer { xp in
      centresTransposed.withUnsafeBufferPointer { ct in
        centreNorms.withUnsafeBufferPointer { cn in
          let ctRaw = UnsafeRawPointer(ct.baseAddress!)
          let cnRaw = UnsafeRawPointer(cn.baseAddress!)
          let outRaw = UnsafeMutableRawPointer(out)
          for (local, i) in rows.enumerated() {
            let xi = xp.baseAddress! + i * d
            var ni = 0.0
            for k in 0..<d { ni += xi[k] * xi[k] }
            let rowOffset = local * m
            var j = 0
            while j + 8 <= m {
              var dotv = SIMD8<Double>(repeating: 0)
              for k in 0..<d {
                dotv += xi[k] * ctRaw.loadUnaligned(fromByteOffset: (k * m + j) * 8, as: SIMD8<Double>.self)
              }
              var r2 = cnRaw.loadUnaligned(fromByteOffset: j * 8, as: SIMD8<Double>.self) + ni - 2 * dotv
              r2.replace(with: 0, where: r2 .< 0)
              outRaw.storeBytes(of: r2, toByteOffset: (rowOffset + j) * 8, as: SIMD8<Double>.self)
              j += 8
            }
            while j < m {
              var dot = 0.0
              for k in 0..<d { dot += xi[k] * ct[k * m + j] }
              out[rowOffset + j] = max(0, cn[j] + ni - 2 * dot)
              j += 1
            }
          }
        }
      }
    }
  }

  /// The M × M kernel matrix between the centres (symmetrised from its lower triangle).
  func centreMatrix() -> Matrix {
    var k = Matrix(rows: count, columns: count)
    k.withUnsafeMutableBufferPointer { fill(centres, rows: 0..<count, into: $0.baseAddress!) }
    k.symmetrizeFromLower()
    return k
  }

  /// k(x_i, c_j) for all rows of `x` (|x| × M).
  func crossMatrix(_ x: Matrix) -> Matrix {
    var k = Matrix(rows: x.rows, columns: count)
    k.withUnsafeMutableBufferPointer { fill(x, rows: 0..<x.rows, into: $0.baseAddress!) }
    return k
  }
}
