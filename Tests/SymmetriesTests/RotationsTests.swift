import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct RotationsTests {
  /// Moments of `count` Haar draws: mean of R, mean of R², mean trace and trace², fraction det < 0.
  struct Moments {
    var mean = [Double](repeating: 0, count: 9)
    var meanSquare = [Double](repeating: 0, count: 9)
    var trace = 0.0, traceSquare = 0.0, improper = 0.0
    var worstDefect = 0.0, worstCentreShift = 0.0
  }

  static func moments(_ symmetry: Rotations, count: Int, seed: UInt64) -> Moments {
    var g = SeededGenerator(seed: seed)
    var m = Moments()
    for _ in 0..<count {
      let r = symmetry.randomElement(using: &g)
      m.worstDefect = max(m.worstDefect, r.orthogonalityDefect)
      m.worstCentreShift = max(m.worstCentreShift, zip(r.apply(to: symmetry.centre), symmetry.centre).map { abs($0 - $1) }.max()!)
      for k in 0..<9 { m.mean[k] += r.matrix.elements[k] / Double(count); m.meanSquare[k] += r.matrix.elements[k] * r.matrix.elements[k] / Double(count) }
      let t = r.matrix[0, 0] + r.matrix[1, 1] + r.matrix[2, 2]
      m.trace += t / Double(count); m.traceSquare += t * t / Double(count)
      if r.determinant < 0 { m.improper += 1 / Double(count) }
    }
    return m
  }

  @Test("SO(3) draws are proper rotations with Haar moments E[R] = 0, E[R_ij²] = 1/3, E[tr R] = 0, E[(tr R)²] = 1")
  func so3Haar() throws {
    let so3 = try Rotations(.so3, centre: [1, -2, 0.5])
    let m = Self.moments(so3, count: 4000, seed: 11)
    #expect(m.worstDefect < 1e-12 && m.worstCentreShift < 1e-12)
    #expect(m.improper == 0)
    // standard errors: R_ij 0.009, R_ij² 0.0047, tr 0.016, tr² 0.02
    for k in 0..<9 {
      expectClose(m.mean[k], 0, absolute: 0.05, "E[R]")
      expectClose(m.meanSquare[k], 1.0 / 3, absolute: 0.025, "E[R²]")
    }
    expectClose(m.trace, 0, absolute: 0.08, "E[tr R]")
    expectClose(m.traceSquare, 1, absolute: 0.1, "E[(tr R)²]")
  }

  @Test("O(3) draws have det −1 about half the time and the same second moments")
  func o3Haar() throws {
    let o3 = try Rotations(.o3)
    let m = Self.moments(o3, count: 4000, seed: 12)
    #expect(m.worstDefect < 1e-12)
    expectClose(m.improper, 0.5, absolute: 0.04, "fraction improper")  // standard error 0.008
    for k in 0..<9 { expectClose(m.meanSquare[k], 1.0 / 3, absolute: 0.025) }
    let so3 = try Rotations(.so3)
    #expect(o3.containsReflections && !so3.containsReflections)
  }

  @Test("SO(2) and O(2) about an axis fix the axis line and draw uniform angles")
  func axialGroups() throws {
    let axis = [1.0, 2.0, 2.0]  // normalized to (1, 2, 2)/3
    let centre = [0.0, 1.0, 0.0]
    for (kind, improper) in [(ContinuousGroupKind.so2(axis: axis), 0.0), (.o2(axis: axis), 0.5)] {
      let group = try Rotations(kind, centre: centre)
      var g = SeededGenerator(seed: 13)
      var cosine = 0.0, fractionImproper = 0.0
      let count = 3000
      for _ in 0..<count {
        let r = group.randomElement(using: &g)
        #expect(r.orthogonalityDefect < 1e-12)
        let onAxis = zip(centre, axis).map { $0 + 2 * $1 }
        expectClose(r.apply(to: onAxis), onAxis, absolute: 1e-12)
        if r.determinant < 0 { fractionImproper += 1 / Double(count) }
        else { cosine += ((r.matrix[0, 0] + r.matrix[1, 1] + r.matrix[2, 2]) - 1) / 2 }  // tr = 1 + 2 cos θ
      }
      expectClose(fractionImproper, improper, absolute: 0.04)
      expectClose(cosine / (Double(count) * (1 - improper)), 0, absolute: 0.06, "E[cos θ]")
    }
  }

  @Test("the quaternion and axis–angle formulas agree with a known quarter turn")
  func closedForms() throws {
    let q = Rotations.rotation(quaternion: (cos(Double.pi / 4), 0, 0, sin(Double.pi / 4)))  // 90° about z
    expectClose(q, try Matrix(rows: [[0, -1, 0], [1, 0, 0], [0, 0, 1]]), absolute: 1e-15)
    expectClose(Rotations.rotation(axis: [0, 0, 1], angle: Double.pi / 2), q, absolute: 1e-15)
    let s = Rotations.reflection(perpendicularTo: [0, 0, 1])
    expectClose(s * [0.0, 0, 1], [0, 0, 1], absolute: 1e-15)
    expectClose(OrthogonalAction(uncheckedMatrix: s, centre: [0, 0, 0]).determinant, -1, absolute: 1e-15)
  }

  @Test("equal seeds give equal draws")
  func seeded() throws {
    let o3 = try Rotations(.o3)
    var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5)
    for _ in 0..<10 { #expect(o3.randomElement(using: &a) == o3.randomElement(using: &b)) }
  }

  @Test("a zero axis or a centre of the wrong length is refused")
  func badArguments() {
    #expect {
      _ = try Rotations(.o2(axis: [0, 0, 0]))
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("has length 0.0")
    }
    #expect {
      _ = try Rotations(.so2(axis: [0, 1]))
    } throws: { error in
      (error as? SymmetryError)?.code == .dimensionMismatch && "\(error)".contains("The rotation axis has dimension 2")
    }
    #expect {
      _ = try Rotations(.o3, centre: [0, 0])
    } throws: { error in
      (error as? SymmetryError)?.code == .dimensionMismatch
    }
  }
}
