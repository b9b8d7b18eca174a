import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct BaselineTests {
  @Test("a closure baseline evaluates its function on every row, point by point or batched")
  func closureValues() throws {
    var g = SeededGenerator(seed: 31)
    let x = try g.gaussianMatrix(rows: 9, columns: 2)
    let pointwise = try ClosureBaseline(dimension: 2) { p in p[0] * p[0] - 3 * p[1] }
    let batched = try ClosureBaseline(dimension: 2, batch: { m in (0..<m.rows).map { m[$0, 0] * m[$0, 0] - 3 * m[$0, 1] } })
    let expected = (0..<9).map { x[$0, 0] * x[$0, 0] - 3 * x[$0, 1] }
    #expect(try pointwise.values(at: x) == expected)
    #expect(try batched.values(at: x) == expected)
    #expect(try pointwise.value(at: [2, 1]) == 1)
    #expect(try pointwise.values(at: Matrix(rows: 0, columns: 2)).isEmpty)
    #expect(pointwise.name == "the closure baseline" && pointwise.dimension == 2)
  }

  @Test("the point-by-point closure sees each row, even when it keeps the array it was given")
  func closureBufferIsNotShared() throws {
    let seen = Captured()
    let b = try ClosureBaseline(dimension: 2) { p in seen.append(p); return p[0] }
    _ = try b.values(at: Matrix(rows: [[1, 2], [3, 4], [5, 6]]))
    #expect(seen.rows == [[1, 2], [3, 4], [5, 6]])
  }

  @Test("bad input and bad baselines: every message pinned")
  func errors() throws {
    let b = try ClosureBaseline(dimension: 2, name: "the test baseline") { p in p[0] > 1 ? .nan : p[0] }
    #expect {
      _ = try b.values(at: Matrix(rows: 2, columns: 3))
    } throws: { error in
      let e = error as! SymmetryError
      return e.code == .dimensionMismatch && e.expected == 2 && e.actual == 3 && e.message ==
        "The inputs have 3 columns, but the test baseline is a function of 2 coordinates; give inputs with 2 columns, "
        + "in the baseline's coordinates, or build the baseline for 3 coordinates."
    }
    #expect {
      _ = try b.values(at: Matrix(rows: [[0, 0], [0, .infinity]]))
    } throws: { error in
      let e = error as! SymmetryError
      return e.code == .nonFiniteValue && e.indices == [1] && e.message ==
        "NaN or infinity in the inputs of the test baseline (at row 1); remove or fix the non-finite entries first."
    }
    #expect {
      _ = try b.values(at: Matrix(rows: [[0.5, 0], [2, 7]]))
    } throws: { error in
      let e = error as! SymmetryError
      return e.code == .nonFiniteValue && e.indices == [1] && e.value!.isNaN && e.message ==
        "The value of the test baseline at x = [2.0, 7.0] (row 1) is nan; a baseline must be finite wherever the "
        + "model is trained or evaluated. Fix the baseline there or remove that sample."
    }
    let short = try ClosureBaseline(dimension: 1, batch: { _ in [1] })
    #expect {
      _ = try short.values(at: Matrix(rows: [[1], [2]]))
    } throws: { error in
      let e = error as! SymmetryError
      return e.code == .shapeMismatch && e.message ==
        "uncheckedValues(at:) of the closure baseline returned 1 values for 2 input rows; a Baseline returns one "
        + "value per row. Fix that method."
    }
    #expect {
      _ = try ClosureBaseline(dimension: 0) { _ in 0 }
    } throws: { error in
      let e = error as! SymmetryError
      return e.code == .invalidParameter && e.actual == 0
        && e.message == "A baseline's dimension is 0; it must be ≥ 1, the number of input coordinates."
    }
  }
}

/// Records the arrays a closure baseline passes (a reference type, so the closure can be `@Sendable`).
private final class Captured: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [[Double]] = []
  func append(_ row: [Double]) { lock.lock(); stored.append(row); lock.unlock() }
  var rows: [[Double]] { lock.lock(); defer { lock.unlock() }; return stored }
}
