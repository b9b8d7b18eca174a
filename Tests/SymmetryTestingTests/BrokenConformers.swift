// Deliberately broken conformers and a test-only anisotropic kernel (not a suite), used by
// BrokenSymmetriesTests to show that each breach of the LabelSymmetry contract is caught.
import Foundation
import LinearAlgebra
import Regression
import Symmetries

/// A finite "group" given as a plain list, with an optionally wrong stated order and an
/// optional (possibly wrong) label correction.
struct ListedElements: FiniteLabelSymmetry {
  let elements: [OrthogonalAction]
  var statedOrder: Int?
  var isExact: Bool = true
  var constantCorrection: Double = 0
  var name: String = "listed elements"
  var order: Int { statedOrder ?? elements.count }
  var dimension: Int { elements[0].matrix.rows }
  var centre: [Double] { [Double](repeating: 0, count: dimension) }
  func labelCorrection(for element: OrthogonalAction, at x: [Double]) -> Double { constantCorrection }

  init(_ matrices: [Matrix], statedOrder: Int? = nil) {
    elements = matrices.map { OrthogonalAction(uncheckedMatrix: $0, centre: [Double](repeating: 0, count: $0.rows)) }
    self.statedOrder = statedOrder
  }

  static let rotation90 = Matrix(rows: 2, columns: 2, elements: [0, -1, 1, 0])
}

/// A rotation group whose sampler is wrong in one of several ways.
struct BiasedRotations: ContinuousLabelSymmetry {
  enum Flaw: Sendable { case uniformEulerAngles, neverImproper, alwaysMayReflect, wrongAxis }
  let flaw: Flaw
  var kind: ContinuousGroupKind {
    switch flaw {
    case .uniformEulerAngles: .so3
    case .neverImproper: .o3
    case .alwaysMayReflect: .so3
    case .wrongAxis: .o2(axis: [0, 0, 1])
    }
  }
  var dimension: Int { 3 }
  var centre: [Double] { [0, 0, 0] }
  var isExact: Bool { true }
  var name: String { "biased \(kind)" }

  func randomElement(using generator: inout some RandomNumberGenerator) -> OrthogonalAction {
    let r: Matrix
    switch flaw {
    case .uniformEulerAngles:
      // ZYZ Euler angles drawn uniformly: not Haar (β should be drawn with density sin β / 2).
      let (a, b, c) = (generator.uniform(0, 2 * .pi), generator.uniform(0, .pi), generator.uniform(0, 2 * .pi))
      r = Rotations.rotation(axis: [0, 0, 1], angle: a) * Rotations.rotation(axis: [0, 1, 0], angle: b)
        * Rotations.rotation(axis: [0, 0, 1], angle: c)
    case .neverImproper:
      r = (try! Rotations(.so3)).randomElement(using: &generator).matrix
    case .alwaysMayReflect:
      r = (try! Rotations(.o3)).randomElement(using: &generator).matrix
    case .wrongAxis:
      r = (try! Rotations(.o2(axis: [1, 0, 0]))).randomElement(using: &generator).matrix
    }
    return OrthogonalAction(uncheckedMatrix: r, centre: centre)
  }
}

/// exp(−½ Σᵢ (xᵢ − yᵢ)² / ℓᵢ²): stationary but not isotropic, so not invariant under maps that
/// mix coordinates with different ℓᵢ.
struct AnisotropicGaussian: Kernel {
  let lengthScales: [Double]
  func value(_ x: [Double], _ y: [Double]) -> Double {
    var s = 0.0
    for i in x.indices { let d = (x[i] - y[i]) / lengthScales[i]; s += d * d }
    return exp(-s / 2)
  }
  func matrix(_ x: Matrix) -> Matrix { crossMatrix(x, x) }
  func crossMatrix(_ a: Matrix, _ b: Matrix) -> Matrix {
    var m = Matrix(rows: a.rows, columns: b.rows)
    for i in 0..<a.rows { for j in 0..<b.rows { m[i, j] = value(a.row(i), b.row(j)) } }
    return m
  }
  func diagonal(_ x: Matrix) -> [Double] { [Double](repeating: 1, count: x.rows) }
  var hyperparameters: [Hyperparameter] { [] }
  func withLogHyperparameters(_ theta: [Double]) -> AnisotropicGaussian { self }
  func gradientMatrices(_ x: Matrix) -> [Matrix] { [] }
  var isStationary: Bool { true }
  var isIsotropic: Bool { false }
}
