import Foundation

/// A fast, seedable random number generator (xoshiro256**, seeded through SplitMix64).
///
/// Every random draw in SymmetryScaling — data sampling, train/test splits, Haar-random
/// rotations, optimizer restarts — goes through a generator the caller passes in, so one
/// seed reproduces a whole run bit for bit on the same platform.
///
/// ```swift
/// var g = SeededGenerator(seed: 42)
/// g.next()                    // 64 random bits
/// g.uniform()                 // a Double in [0, 1)
/// g.gaussian()                // a standard normal draw
/// ```
///
/// Not cryptographically secure. References: D. Blackman and S. Vigna, "Scrambled linear
/// pseudorandom number generators", ACM TOMS 47 (2021), doi:10.1145/3460772.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
  private var s0, s1, s2, s3: UInt64

  /// A generator whose whole stream is determined by `seed`.
  public init(seed: UInt64) {
    var sm = seed
    func splitMix() -> UInt64 {
      sm &+= 0x9E37_79B9_7F4A_7C15
      var z = sm
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
  }

  /// 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// An independent generator for a sub-task (e.g. repeat r of a study): the child's stream
  /// depends only on this generator's seed and `index`, not on how many draws were made.
  public func derived(_ index: UInt64) -> SeededGenerator {
    var copy = SeededGenerator(seed: 0)
    copy.s0 = s0 ^ (index &* 0x9E37_79B9_7F4A_7C15)
    copy.s1 = s1 &+ index
    copy.s2 = s2
    copy.s3 = s3 ^ 0xD1B5_4A32_D192_ED03
    return SeededGenerator(seed: copy.next())
  }
}

extension RandomNumberGenerator {
  /// A uniform draw from [0, 1) with 53 random bits.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform draw from [low, high).
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * uniform()
  }

  /// A standard normal draw (Box–Muller; one draw per call, two uniforms consumed).
  public mutating func gaussian() -> Double {
    var u1 = uniform()
    while u1 == 0 { u1 = uniform() }
    let u2 = uniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A normal draw with the given mean and standard deviation.
  public mutating func gaussian(mean: Double, standardDeviation: Double) -> Double {
    mean + standardDeviation * gaussian()
  }

  /// A uniform random integer in 0..<upperBound.
  public mutating func index(below upperBound: Int) -> Int {
    precondition(upperBound > 0, "index(below:) needs a positive bound, got \(upperBound)")
    return Int(next(upperBound: UInt64(upperBound)))
  }

  /// A random permutation of 0..<n (Fisher–Yates, deterministic for a seeded generator).
  public mutating func permutation(_ n: Int) -> [Int] {
    var p = Array(0..<n)
    if n > 1 {
      for i in stride(from: n - 1, to: 0, by: -1) {
        let j = Int(next(upperBound: UInt64(i + 1)))
        p.swapAt(i, j)
      }
    }
    return p
  }

  /// An n × d matrix of independent standard normal draws, row by row.
  ///
  /// - Throws: ``LinearAlgebraError`` `.invalidParameter` for a negative size,
  ///   `.exceedsMemoryBudget` when the matrix would not fit in ``MemoryBudget/bytes``.
  /// - Complexity: O(rows · columns).
  public mutating func gaussianMatrix(rows: Int, columns: Int) throws(LinearAlgebraError) -> Matrix {
    try checkRandomMatrixShape(rows: rows, columns: columns)
    var e = [Double](repeating: 0, count: rows * columns)
    for i in e.indices { e[i] = gaussian() }
    return Matrix(rows: rows, columns: columns, elements: e)
  }

  /// An n × d matrix of independent uniform draws from [low, high), row by row.
  ///
  /// ```swift
  /// var g = SeededGenerator(seed: 1)
  /// let x = try g.uniformMatrix(rows: 100, columns: 3, low: -1, high: 1)
  /// try g.uniformMatrix(rows: 2, columns: 2, low: 1, high: 0)   // throws: low 1 is above high 0
  /// ```
  ///
  /// - Throws: ``LinearAlgebraError`` `.invalidParameter` for a negative size or bounds that
  ///   are not finite with low ≤ high; `.exceedsMemoryBudget` when the matrix would not fit in
  ///   ``MemoryBudget/bytes``.
  /// - Complexity: O(rows · columns).
  public mutating func uniformMatrix(rows: Int, columns: Int, low: Double = 0, high: Double = 1) throws(LinearAlgebraError) -> Matrix {
    guard low.isFinite, high.isFinite, low <= high else {
      throw LinearAlgebraError(code: .invalidParameter, order: rows, columns: columns,
        detail: "The uniform bounds are low \(low) and high \(high); they must be finite with low ≤ high. Swap them or give finite bounds.")
    }
    try checkRandomMatrixShape(rows: rows, columns: columns)
    var e = [Double](repeating: 0, count: rows * columns)
    for i in e.indices { e[i] = uniform(low, high) }
    return Matrix(rows: rows, columns: columns, elements: e)
  }
}

/// Negative sizes and matrices over the memory budget throw.
private func checkRandomMatrixShape(rows: Int, columns: Int) throws(LinearAlgebraError) {
  guard rows >= 0, columns >= 0 else {
    throw LinearAlgebraError(code: .invalidParameter, order: rows, columns: columns,
      detail: "A random matrix of \(rows) × \(columns) was asked for; both sizes must be ≥ 0.")
  }
  try MemoryBudget.check(rows: rows, columns: columns)
}
