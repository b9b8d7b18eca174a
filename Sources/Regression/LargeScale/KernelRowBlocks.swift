import Foundation
import LinearAlgebra

/// The N × M kernel matrices between the training rows and the centres, one per *channel*, visited
/// in row blocks: kept in memory when they fit the budget, recomputed block by block otherwise.
///
/// A plain Nyström problem has one channel, K_nm. The group-Fourier route has |G| channels, the
/// sector matrices K̂_s = Σ_u χ_s(u) K(X, u·C), formed per block from the |G| blocks K(X_b, u·C) by
/// an in-place Walsh–Hadamard transform. A block of b rows is laid out channel-major: channel s
/// occupies `s · b · M ..< (s + 1) · b · M`, row-major b × M.
final class KernelRowBlocks: @unchecked Sendable {
  /// N.
  let rowCount: Int
  /// M (per channel).
  let centreCount: Int
  /// 1, or |G| sectors.
  let channelCount: Int
  /// Rows per block.
  let blockRows: Int
  /// All blocks in order, when kept.
  private let stored: [Double]?
  /// All blocks in order rounded to `Float`, when kept in single precision.
  private let storedSingle: [Float]?
  /// Fills the channels of a block (rows, buffer of channelCount · |rows| · M).
  private let compute: @Sendable (Range<Int>, UnsafeMutablePointer<Double>) -> Void

  /// Bytes of one kept copy of every block: 8 · S · N · M (4 · S · N · M in single precision).
  static func storedBytes(rows: Int, centres: Int, channels: Int, singlePrecision: Bool = false) -> Int {
    (singlePrecision ? 4 : 8) &* channels &* rows &* centres
  }

  init(rowCount: Int, centreCount: Int, channelCount: Int, blockRows: Int, keep: Bool, singlePrecision: Bool = false,
       compute: @escaping @Sendable (Range<Int>, UnsafeMutablePointer<Double>) -> Void) {
    self.rowCount = rowCount
    self.centreCount = centreCount
    self.channelCount = channelCount
    self.blockRows = max(1, min(blockRows, rowCount))
    self.compute = compute
    if keep && singlePrecision {
      let total = channelCount * rowCount * centreCount
      let bRows = self.blockRows
      let buffer = UnsafeMutablePointer<Double>.allocate(capacity: channelCount * bRows * centreCount)
      defer { buffer.deallocate() }
      storedSingle = [Float](unsafeUninitializedCapacity: total) { out, initialized in
        var start = 0
        while start < rowCount {
          let end = min(start + bRows, rowCount)
          let count = channelCount * (end - start) * centreCount
          compute(start..<end, buffer)
          let base = out.baseAddress! + channelCount * start * centreCount
          for i in 0..<count { base[i] = Float(buffer[i]) }
          start = end
        }
        initialized = total
      }
      stored = nil
    } else if keep {
      let total = channelCount * rowCount * centreCount
      let bRows = self.blockRows
      stored = [Double](unsafeUninitializedCapacity: total) { buffer, initialized in
        var start = 0
        while start < rowCount {
          let end = min(start + bRows, rowCount)
          compute(start..<end, buffer.baseAddress! + channelCount * start * centreCount)
          start = end
        }
        initialized = total
      }
      storedSingle = nil
    } else {
      stored = nil
      storedSingle = nil
    }
  }

  /// Whether the blocks are kept in memory.
  var isStored: Bool { stored != nil || storedSingle != nil }

  /// Calls `body(rows, block)` for every row block in order; `block` holds the channels of those rows.
  /// - Complexity: kept: O(1) per block; recomputed: one kernel evaluation per element.
  func forEachBlock(_ body: (Range<Int>, UnsafePointer<Double>) -> Void) {
    if let stored {
      stored.withUnsafeBufferPointer { p in
        var start = 0
        while start < rowCount {
          let end = min(start + blockRows, rowCount)
          body(start..<end, p.baseAddress! + channelCount * start * centreCount)
          start = end
        }
      }
    } else {
      let buffer = UnsafeMutablePointer<Double>.allocate(capacity: channelCount * blockRows * centreCount)
      defer { buffer.deallocate() }
      var start = 0
      while start < rowCount {
        let end = min(start + blockRows, rowCount)
        if let storedSingle {
          // Widen the kept single-precision block into a cache-resident double buffer.
          let count = channelCount * (end - start) * centreCount
          storedSingle.withUnsafeBufferPointer { p in
            let base = p.baseAddress! + channelCount * start * centreCount
            for i in 0..<count { buffer[i] = Double(base[i]) }
          }
        } else {
          compute(start..<end, buffer)
        }
        body(start..<end, UnsafePointer(buffer))
        start = end
      }
    }
  }
}

/// The in-place unnormalised Walsh–Hadamard transform over `count` (a power of two) equal slots of
/// `length` doubles: slot s ← Σ_u χ_s(u) slot u with χ_s(u) = (−1)^popcount(s & u).
func walshHadamardSlots(_ p: UnsafeMutablePointer<Double>, count: Int, length: Int) {
  var h = 1
  while h < count {
    for start in stride(from: 0, to: count, by: 2 * h) {
      for a in start..<(start + h) {
        let x = p + a * length, y = p + (a + h) * length
        for i in 0..<length {
          let u = x[i], v = y[i]
          x[i] = u + v
          y[i] = u - v
        }
      }
    }
    h *= 2
  }
}
