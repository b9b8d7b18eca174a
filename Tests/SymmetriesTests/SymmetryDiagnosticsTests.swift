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

extension SymmetryDiagnosticsTests {
  /// V = T₃ + Q about x_eq, with the quartic Q = κ(d₀³d₁ + d₀d₂³ + d₀⁴) (``ModelPotential`` without
  /// its quintic term): the residual V − T₃ is Q exactly.
  static let quarticWell = ModelPotential(kappa: 0.7, mu: 0)

  static func quartic(_ x: [Double]) -> Double {
    let m = quarticWell, d = zip(x, m.equilibrium).map { $0 - $1 }
    return m.kappa * (pow(d[0], 3) * d[1] + d[0] * pow(d[2], 3) + pow(d[0], 4))
  }

  @Test("on V = T₃ + quartic, the residual after the T₃ baseline breaks the symmetry exactly as the quartic term")
  func residualIsTheQuartic() throws {
    let m = Self.quarticWell
    let baseline = try TaylorBaseline(hessian: m.h, cubicConstants: m.phi, equilibrium: m.equilibrium)
    let flips = try ApproximateReflection(equilibrium: m.equilibrium, coordinates: [0, 1, 2])
    var g = SeededGenerator(seed: 51)
    let sample = try Matrix(rows: (0..<60).map { _ in m.equilibrium.map { $0 + 0.6 * g.gaussian() } })
    let onResidual = try SymmetryDiagnostics(symmetry: flips, label: m.energy, baseline: baseline, sample: sample)
    let onQuartic = try SymmetryDiagnostics(symmetry: flips, label: Self.quartic, sample: sample)
    expectClose(onResidual.meanAbsoluteError, onQuartic.meanAbsoluteError, relative: 1e-10)
    expectClose(onResidual.rootMeanSquareError, onQuartic.rootMeanSquareError, relative: 1e-10)
    expectClose(onResidual.maximumAbsoluteError, onQuartic.maximumAbsoluteError, relative: 1e-10)
    expectClose(onResidual.predictedFloor, onQuartic.predictedFloor, relative: 1e-10)
    // (flipping all three leaves Q unchanged: element 7's error is rounding, hence the absolute tolerance)
    expectClose(onResidual.perElement.map(\.meanAbsoluteError), onQuartic.perElement.map(\.meanAbsoluteError),
                absolute: 1e-12, relative: 1e-10)
    // Closed form for flipping d₀ alone: e = Q(d) − Q(R₀d) = 2κ(d₀³d₁ + d₀d₂³) (d₀⁴ is even).
    let closedForm = (0..<60).map { i -> Double in
      let d = zip(sample.row(i), m.equilibrium).map { $0 - $1 }
      return abs(2 * m.kappa * (pow(d[0], 3) * d[1] + d[0] * pow(d[2], 3)))
    }.reduce(0, +) / 60
    expectClose(onResidual.perElement[0].meanAbsoluteError, closedForm, relative: 1e-10)
    // Flipping d₁ alone: Q(d) − Q(R₁d) = 2κ d₀³d₁.
    let flip1 = (0..<60).map { i -> Double in
      let d = zip(sample.row(i), m.equilibrium).map { $0 - $1 }
      return abs(2 * m.kappa * pow(d[0], 3) * d[1])
    }.reduce(0, +) / 60
    expectClose(onResidual.perElement[1].meanAbsoluteError, flip1, relative: 1e-10)
    // The identity: plain labels of V − T₃ err exactly as the T₃-corrected labels of V.
    let corrected = try ApproximateReflection(equilibrium: m.equilibrium, coordinates: [0, 1, 2],
                                              correction: baseline.polynomial)
    let correctedOnV = try SymmetryDiagnostics(symmetry: corrected, label: m.energy, sample: sample)
    expectClose(onResidual.meanAbsoluteError, correctedOnV.meanAbsoluteError, relative: 1e-10)
    expectClose(onResidual.predictedFloor, correctedOnV.predictedFloor, relative: 1e-10)
    // …and the baseline removes most of the plain breaking of V (the cubic terms).
    let plainOnV = try SymmetryDiagnostics(symmetry: flips, label: m.energy, sample: sample)
    #expect(plainOnV.meanAbsoluteError > 2 * onResidual.meanAbsoluteError)
  }

  @Test("a continuous symmetry on a residual: x₀ + radial label with baseline x₀ has no error")
  func continuousResidual() throws {
    let label: ([Double]) -> Double = { x in x[0] + exp(-(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])) }
    let baseline = try ClosureBaseline(dimension: 3) { x in x[0] }
    var g = SeededGenerator(seed: 52)
    let sample = try g.gaussianMatrix(rows: 10, columns: 3)
    let o3 = try Rotations(.o3)
    let residual = try SymmetryDiagnostics(symmetry: o3, label: label, baseline: baseline, sample: sample, draws: 4, using: &g)
    #expect(residual.maximumAbsoluteError < 1e-14 && residual.perElement.count == 4)
    let raw = try SymmetryDiagnostics(symmetry: o3, label: label, sample: sample, draws: 4, using: &g)
    #expect(raw.meanAbsoluteError > 0.1)
  }

  @Test("a baseline of the wrong dimension or with non-finite values is refused, messages pinned")
  func residualErrors() throws {
    let flips = try SignFlips(dimension: 2, coordinates: [0])
    let wide = try ClosureBaseline(dimension: 3, name: "the wide baseline") { _ in 0 }
    #expect {
      _ = try SymmetryDiagnostics(symmetry: flips, label: { _ in 0 }, baseline: wide, sample: Matrix(rows: [[1, 2]]))
    } throws: { error in
      let e = error as! SymmetryError
      return e.code == .dimensionMismatch && e.expected == 2 && e.actual == 3 && e.message ==
        "The baseline (the wide baseline) has dimension 3, but the symmetry acts on 2-dimensional inputs. Build the "
        + "baseline in the symmetry's 2 coordinates."
    }
    let holey = try ClosureBaseline(dimension: 2, name: "the holey baseline") { x in x[0] < 0 ? .nan : 1 }
    #expect {
      _ = try SymmetryDiagnostics(symmetry: flips, label: { _ in 0 }, baseline: holey, sample: Matrix(rows: [[1, 2]]))
    } throws: { error in
      let e = error as! SymmetryError
      return e.code == .nonFiniteValue && e.message ==
        "The value of the holey baseline at x = [-1.0, 2.0] is nan; a baseline must be finite wherever the "
        + "model is trained or evaluated. Fix the baseline there or remove that sample."
    }
  }
}
