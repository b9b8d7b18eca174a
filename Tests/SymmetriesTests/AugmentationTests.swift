import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct AugmentationTests {
  static func data(n: Int, d: Int, seed: UInt64) throws -> (Matrix, [Double]) {
    var g = SeededGenerator(seed: seed)
    let x = try g.gaussianMatrix(rows: n, columns: d)
    return (x, (0..<n).map { _ in g.uniform(-1, 1) })
  }

  @Test("finite augmentation has N|G| rows in g-major order, identity block first, labels kept for exact groups")
  func finiteExact() throws {
    let (x, y) = try Self.data(n: 5, d: 3, seed: 1)
    let flips = try SignFlips(dimension: 3, coordinates: [0, 1, 2], centre: [0.1, 0.2, 0.3])
    let aug = try Augmentation.augment(inputs: x, labels: y, by: flips)
    #expect(aug.inputs.rows == 40 && aug.inputs.columns == 3 && aug.labels.count == 40 && aug.originalCount == 5)
    for g in 0..<8 { for i in 0..<5 {
      let row = g * 5 + i
      #expect(aug.sourceSample[row] == i && aug.elementIndex[row] == g)
      expectClose(aug.inputs.row(row), flips.elements[g].apply(to: x.row(i)), absolute: 1e-14)
      #expect(aug.labels[row] == y[i])
    } }
    #expect(aug.inputs.rows(at: 0..<5) == x)
  }

  @Test("approximate symmetries get corrected labels y + c_g(x)")
  func correctedLabels() throws {
    let t = try TaylorCorrection(hessian: .diagonal([1, 2]), cubicConstants: [6, 0, 0, 0, 0, 0, 0, 0])
    let s = try ApproximateReflection(equilibrium: [0.5, 0], coordinates: [0, 1], correction: t)
    let (x, y) = try Self.data(n: 4, d: 2, seed: 2)
    let aug = try Augmentation.augment(inputs: x, labels: y, by: s)
    for g in 0..<4 { for i in 0..<4 {
      // T3 = ½d₀² + d₁² + d₀³ is even in d₁, so only the d₀³ term changes: c = −2 d₀³ when coordinate 0 flips.
      let d0 = x[i, 0] - 0.5
      let expected = y[i] + (g & 1 == 1 ? -2 * d0 * d0 * d0 : 0)
      expectClose(aug.labels[g * 4 + i], expected, absolute: 1e-13)
    } }
  }

  @Test("continuous augmentation draws M − 1 Haar elements after the identity, reproducibly from the seed")
  func continuousSeeded() throws {
    let (x, y) = try Self.data(n: 6, d: 3, seed: 3)
    let o3 = try Rotations(.o3, centre: [1, 0, 0])
    var g1 = SeededGenerator(seed: 9), g2 = SeededGenerator(seed: 9), g3 = SeededGenerator(seed: 10)
    let a = try Augmentation.augment(inputs: x, labels: y, by: o3, copies: 4, using: &g1)
    let b = try Augmentation.augment(inputs: x, labels: y, by: o3, copies: 4, using: &g2)
    let c = try Augmentation.augment(inputs: x, labels: y, by: o3, copies: 4, using: &g3)
    #expect(a == b)
    #expect(a.inputs != c.inputs)
    #expect(a.inputs.rows == 24 && a.elements.count == 4 && a.elements[0].isIdentity())
    #expect(a.labels == Array([[Double]](repeating: y, count: 4).joined()))
    // every copy keeps its distance to the centre
    for row in 0..<24 {
      let r0 = zip(x.row(a.sourceSample[row]), o3.centre).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
      let r1 = zip(a.inputs.row(row), o3.centre).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
      expectClose(r1, r0, relative: 1e-12)
    }
    var g4 = SeededGenerator(seed: 9)
    let single = try Augmentation.augment(inputs: x, labels: y, by: o3, copies: 1, using: &g4)
    #expect(single.inputs == x && single.labels == y)
  }

  @Test("bad data is refused: wrong dimension, label count, NaN, no samples, memory budget, copies")
  func badInput() throws {
    let inv = try Inversion(dimension: 3)
    let (x, y) = try Self.data(n: 4, d: 3, seed: 4)
    #expect {
      _ = try Augmentation.augment(inputs: Matrix(rows: 4, columns: 2), labels: y, by: inv)
    } throws: { error in
      guard let e = error as? SymmetryError else { return false }
      return e.code == .dimensionMismatch && e.expected == 3 && e.actual == 2
        && e.description.hasPrefix("The data (4 × 2, one sample per row) has dimension 2, but the symmetry acts on 3-dimensional inputs.")
    }
    #expect {
      _ = try Augmentation.augment(inputs: x, labels: [1, 2], by: inv)
    } throws: { error in
      (error as? SymmetryError)?.code == .dimensionMismatch && "\(error)".contains("2 labels for 4 input rows")
    }
    #expect {
      _ = try Augmentation.augment(inputs: x, labels: [1, 2, .infinity, 4], by: inv)
    } throws: { error in
      (error as? SymmetryError)?.code == .nonFiniteValue && "\(error)".contains("NaN or infinity in the labels (at index 2)")
    }
    #expect {
      _ = try Augmentation.augment(inputs: Matrix(rows: 0, columns: 3), labels: [], by: inv)
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("no samples")
    }
    let o3 = try Rotations(.o3)
    var g = SeededGenerator(seed: 1)
    #expect {
      _ = try Augmentation.augment(inputs: x, labels: y, by: o3, copies: Int.max / 2, using: &g)
    } throws: { error in
      (error as? SymmetryError)?.code == .exceedsMemoryBudget && "\(error)".contains("more than the memory budget")
    }
    #expect {
      _ = try Augmentation.augment(inputs: x, labels: y, by: o3, copies: 0, using: &g)
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("copies ≥ 1")
    }
  }
}
