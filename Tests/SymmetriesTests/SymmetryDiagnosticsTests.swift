import Foundation
import LinearAlgebra
import Symmetries
import Testing
import _TestSupport

@Suite struct SymmetryDiagnosticsTests {
  @Test("a reflected cubic well: errors 2|a||x|³, floor half the mean, zero with the order-3 correction")
  func cubicWell() throws {
    let a = 0.3
    let v: ([Double]) -> Double = { x in 0.5 * x[0] * x[0] + a * x[0] * x[0] * x[0] }
    let xs = [0.5, -1.0, 1.5, 2.0]
    let sample = Matrix(column: xs)
    let plain = try SymmetryDiagnostics(symmetry: try ApproximateReflection(equilibrium: [0], coordinates: [0]),
                                        label: v, sample: sample)
    let cubes = xs.map { abs($0 * $0 * $0) }
    expectClose(plain.meanAbsoluteError, 2 * a * cubes.reduce(0, +) / 4, relative: 1e-13)
    expectClose(plain.maximumAbsoluteError, 2 * a * 8, relative: 1e-13)
    expectClose(plain.rootMeanSquareError, (cubes.map { 4 * a * a * $0 * $0 }.reduce(0, +) / 4).squareRoot(), relative: 1e-13)
    expectClose(plain.predictedFloor, plain.halfMeanError, relative: 1e-13)
    #expect(plain.perElement.count == 1 && plain.perElement[0].index == 1 && plain.sampleCount == 4)

    let t3 = try TaylorCorrection(hessian: .diagonal([1]), cubicConstants: [6 * a])
    let corrected = try SymmetryDiagnostics(
      symmetry: try ApproximateReflection(equilibrium: [0], coordinates: [0], correction: t3), label: v, sample: sample)
    #expect(corrected.maximumAbsoluteError < 1e-13 && corrected.predictedFloor < 1e-13)
  }

  @Test("per-element errors and the orbit-averaged floor for Z2² on V = ax³ + by³ + x² + y²")
  func twoFlips() throws {
    let (a, b) = (0.2, -0.5)
    let v: ([Double]) -> Double = { x in a * pow(x[0], 3) + b * pow(x[1], 3) + x[0] * x[0] + x[1] * x[1] }
    var g = SeededGenerator(seed: 7)
    let sample = try g.uniformMatrix(rows: 20, columns: 2, low: -1, high: 1)
    let d = try SymmetryDiagnostics(symmetry: try ApproximateReflection(equilibrium: [0, 0], coordinates: [0, 1]),
                                    label: v, sample: sample)
    let xs = (0..<20).map { sample[$0, 0] }, ys = (0..<20).map { sample[$0, 1] }
    func mean(_ f: (Int) -> Double) -> Double { (0..<20).map(f).reduce(0, +) / 20 }
    // e₁ = 2a x³ (flip x), e₂ = 2b y³ (flip y), e₃ = 2a x³ + 2b y³
    let e1 = mean { abs(2 * a * pow(xs[$0], 3)) }, e2 = mean { abs(2 * b * pow(ys[$0], 3)) }
    let e3 = mean { abs(2 * a * pow(xs[$0], 3) + 2 * b * pow(ys[$0], 3)) }
    expectClose(d.perElement.map(\.meanAbsoluteError), [e1, e2, e3], relative: 1e-12)
    let r1 = mean { pow(2 * a * pow(xs[$0], 3), 2) }.squareRoot()
    expectClose(d.perElement[0].rootMeanSquareError, r1, relative: 1e-12)
    expectClose(d.perElement[0].maximumAbsoluteError, xs.map { abs(2 * a * pow($0, 3)) }.max()!, relative: 1e-12)
    expectClose(d.meanAbsoluteError, (e1 + e2 + e3) / 3, relative: 1e-12)
    // ē(z) = ¼ Σ_g [V(g⁻¹z) − V(z)] = −(a z₀³ + b z₁³)
    expectClose(d.predictedFloor, mean { abs(a * pow(xs[$0], 3) + b * pow(ys[$0], 3)) }, relative: 1e-12)
  }

  @Test("an exact symmetry of the label has zero error, for finite and continuous groups")
  func exactIsZero() throws {
    let radial: ([Double]) -> Double = { x in exp(-(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])) }
    var g = SeededGenerator(seed: 8)
    let sample = try g.gaussianMatrix(rows: 10, columns: 3)
    let finite = try SymmetryDiagnostics(symmetry: try SignFlips(dimension: 3, coordinates: [0, 1, 2]), label: radial, sample: sample)
    #expect(finite.maximumAbsoluteError < 1e-15 && finite.perElement.count == 7)
    let continuous = try SymmetryDiagnostics(symmetry: try Rotations(.o3), label: radial, sample: sample, draws: 5, using: &g)
    #expect(continuous.maximumAbsoluteError < 1e-14 && continuous.perElement.count == 5)
    // an O(3) check of a label that is not rotation invariant does show errors
    let anisotropic: ([Double]) -> Double = { x in x[0] * x[0] }
    let broken = try SymmetryDiagnostics(symmetry: try Rotations(.o3), label: anisotropic, sample: sample, draws: 5, using: &g)
    #expect(broken.meanAbsoluteError > 0.1)
  }

  @Test("bad input is refused: dimension, non-finite label values, empty sample, draws")
  func badInput() throws {
    let s = try Inversion(dimension: 2)
    #expect {
      _ = try SymmetryDiagnostics(symmetry: s, label: { _ in 0 }, sample: Matrix(rows: 3, columns: 3))
    } throws: { error in
      (error as? SymmetryError)?.code == .dimensionMismatch && "\(error)".contains("acts on 2-dimensional inputs")
    }
    #expect {
      _ = try SymmetryDiagnostics(symmetry: s, label: { x in x[0] > 0 ? .nan : 0 }, sample: Matrix(rows: [[1, 1]]))
    } throws: { error in
      (error as? SymmetryError)?.code == .nonFiniteValue && "\(error)".contains("label function's value at [1.0, 1.0]")
    }
    #expect {
      _ = try SymmetryDiagnostics(symmetry: s, label: { _ in 0 }, sample: Matrix(rows: 0, columns: 2))
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("got 0 samples")
    }
    var g = SeededGenerator(seed: 1)
    #expect {
      _ = try SymmetryDiagnostics(symmetry: try Rotations(.so3), label: { _ in 0 }, sample: Matrix(rows: 1, columns: 3), draws: 0, using: &g)
    } throws: { error in
      (error as? SymmetryError)?.code == .invalidParameter && "\(error)".contains("draws ≥ 1, got 0")
    }
  }
}

/// C3 rotations of the plane with a made-up correction c_g(x) = x₀ for the 120° turn only.
private struct SkewedC3: FiniteLabelSymmetry {
  let group = try! GeneratedGroup(generators: [Rotations.thirdTurn])
  var dimension: Int { 2 }
  var isExact: Bool { false }
  var name: String { "skewed C3" }
  var centre: [Double] { [0, 0] }
  var elements: [OrthogonalAction] { group.elements }
  func labelCorrection(for element: OrthogonalAction, at x: [Double]) -> Double {
    element.isApproximatelyEqual(to: group.elements[1]) ? x[0] : 0
  }
}

private extension Rotations {
  /// The 120° rotation of the plane.
  static var thirdTurn: Matrix {
    let a = 2 * Double.pi / 3
    return Matrix(rows: 2, columns: 2, elements: [cos(a), -sin(a), sin(a), cos(a)])
  }
}

extension SymmetryDiagnosticsTests {
  @Test("the floor averages the copies that land on each point: e_g evaluated at g⁻¹·z, not g·z")
  func floorUsesPreimages() throws {
    let s = SkewedC3()
    #expect(s.order == 3)
    var g = SeededGenerator(seed: 17)
    let sample = try g.gaussianMatrix(rows: 12, columns: 2)
    let d = try SymmetryDiagnostics(symmetry: s, label: { _ in 0 }, sample: sample)
    let turn = s.elements[1]
    // e_turn(x) = x₀, the others 0: ē(z) = ⅓ (turn⁻¹·z)₀
    let expected = (0..<12).map { abs(turn.inverse.apply(to: sample.row($0))[0]) / 3 }.reduce(0, +) / 12
    let wrong = (0..<12).map { abs(turn.apply(to: sample.row($0))[0]) / 3 }.reduce(0, +) / 12
    expectClose(d.predictedFloor, expected, relative: 1e-12)
    #expect(abs(expected - wrong) > 1e-3)
    expectClose(d.perElement[0].meanAbsoluteError, (0..<12).map { abs(sample[$0, 0]) }.reduce(0, +) / 12, relative: 1e-12)
    #expect(d.perElement[1].maximumAbsoluteError == 0)
  }
}
