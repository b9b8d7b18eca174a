import Foundation
import LinearAlgebra
import Testing
import _TestSupport
@testable import Datasets

@Suite("Partridge–Schwenke water surface")
struct PartridgeSchwenkeTests {
  let pes = PartridgeSchwenke()

  static let checkValues = ReferenceValues.waterCheckValues

  @Test("reproduces the five reference check values to 1e-12 hartree", arguments: 0..<5)
  func checkValue(index: Int) throws {
    let c = Self.checkValues[index]
    let v = try pes.energy(r1: c.r1, r2: c.r2, theta: c.theta)
    expectClose(v, c.energy, absolute: 1e-12)
    // The reference is reproduced to the last bits (documented: ~1e-15 hartree).
    expectClose(v, c.energy, absolute: 1e-15, "agreement with the reference beyond the test tolerance")
    #if os(Linux) && arch(x86_64)
    // On the reference platform (x86-64, glibc exp/cos) the reference is reproduced bit for bit.
    #expect(v == c.energy, "bitwise: \(v) vs \(c.energy)")
    #endif
    let swapped = try pes.energy(r1: c.r2, r2: c.r1, theta: c.theta)
    expectClose(swapped, c.energy, absolute: 1e-15, "bond swap")
  }

  @Test("derived constants match the specification's intermediate values")
  func derivedConstants() {
    expectClose(pes.referenceBondLength, 1.8115839292251963, relative: 1e-15)
    expectClose(pes.dampingExponent, 0.5600571217184159, relative: 1e-15)
    expectClose(pes.referenceCosine, -0.24780227221366455, relative: 1e-15)
    expectClose(pes.constantTerm, 0.38514521585264877, relative: 1e-15)
    expectClose(pes.morseDepth, 0.1926295310023511, relative: 1e-15)
    expectClose(pes.morseRange, 1.3694841332524748, relative: 1e-15)
    expectClose(pes.morsePosition, 1.7989449050601587, relative: 1e-15)
    expectClose(pes.repulsionPrefactor, 24.41389721918442, relative: 1e-15)
    expectClose(pes.repulsionExponent, 6.701643549471963, relative: 1e-15)
    #expect(pes.coefficients.count == 244)
  }

  @Test("the pieces of V at check point 1 match the specification")
  func componentsAtCheckPoint1() throws {
    let c = try pes.energyComponents(r1: 1.8, r2: 1.8, theta: 1.8)
    expectClose(c.threeBodySum, 2.2814427174034293e-04, relative: 1e-14)
    expectClose(c.damping, 0.9998497060589848, relative: 1e-15)
    expectClose(c.constant, 0.38514521585264877, relative: 1e-15)
    expectClose(c.morse1, -0.1926291294034596, relative: 1e-15)
    expectClose(c.morse2, -0.1926291294034596, relative: 1e-15)
    expectClose(c.repulsion, 1.5140199736534062e-07, relative: 1e-14)
    #expect(c.total == (try pes.energy(r1: 1.8, r2: 1.8, theta: 1.8)))
  }

  @Test("the coefficient table has the documented shape")
  func coefficientTable() {
    typealias P = PartridgeSchwenkeCoefficients
    #expect(P.powers.count == 3 * 245)
    #expect([P.c5z.count, P.cbasis.count, P.ccore.count, P.crest.count] == [Int](repeating: 245, count: 4))
    #expect(Array(P.powers[0..<3]) == [UInt8](repeating: 0, count: 3))
    // Non-zero counts stated in water-pes.md §2.
    #expect(P.cbasis.filter { $0 != 0 }.count == 50)
    #expect(P.ccore.filter { $0 != 0 }.count == 50)
    #expect(P.crest.filter { $0 != 0 }.count == 18)
    // Long literals are bit-identical to Double(String) of the source digits.
    #expect(P.c5z[0] == Double("4.2278462684916e+04")!)
    #expect(P.roh == Double("0.9519607159623009e0")!)
    #expect(P.fcore == Double("-1.6351695982132e0")!)
    var triples = Set<[UInt8]>()
    for i in 0..<245 {
      let t = Array(P.powers[(3 * i)..<(3 * i + 3)])
      #expect(t[0] >= t[1] && t[0] <= 8 && t[1] <= 4 && t[2] <= 14)
      triples.insert(t)
    }
    #expect(triples.count == 245)
  }

  @Test("the polynomial sum equals a direct evaluation with pow")
  func polynomialAgainstPow() {
    typealias P = PartridgeSchwenkeCoefficients
    var g = SeededGenerator(seed: 7)
    for _ in 0..<20 {
      let x1 = g.uniform(-0.3, 0.5), x2 = g.uniform(-0.3, 0.5), x3 = g.uniform(-0.6, 0.6)
      var direct = 0.0
      for i in 1..<245 {
        let p = Double(P.powers[3 * i]), q = Double(P.powers[3 * i + 1]), s = Double(P.powers[3 * i + 2])
        direct += pes.coefficients[i - 1] * (pow(x1, p) * pow(x2, q) + pow(x1, q) * pow(x2, p)) * pow(x3, s)
      }
      expectClose(pes.polynomialSum(x1, x2, x3), direct, absolute: 1e-15, relative: 1e-12)
    }
  }

  @Test("the asymptote and the barrier to linearity have the documented sizes")
  func landmarks() throws {
    let minimum = try pes.energy(r1: 1.81005, r2: 1.81005, theta: 104.508 * .pi / 180)
    expectClose(minimum, -1.911e-6, absolute: 2e-9)
    let cm = 1 / PartridgeSchwenke.hartreePerWavenumber
    let stretched = try pes.energy(r1: 1.81005, r2: 10, theta: 104.508 * .pi / 180)
    expectClose((stretched - minimum) * cm, 42_260, absolute: 50)
  }

  @Test("the Cartesian interface equals the internal one")
  func cartesianEqualsInternal() throws {
    var g = SeededGenerator(seed: 11)
    for _ in 0..<50 {
      let r1 = g.uniform(1.4, 2.6), r2 = g.uniform(1.4, 2.6), theta = g.uniform(0.8, 3.0)
      let geometry = try WaterGeometry(r1: r1, r2: r2, theta: theta)
      let viaInternal = try pes.energy(r1: r1, r2: r2, theta: theta)
      expectClose(try pes.energy(cartesian: geometry.cartesian), viaInternal, absolute: 1e-13)
      expectClose(try pes.energy(at: geometry.cartesian), viaInternal, absolute: 1e-13)
      expectClose(try pes.energy(cartesian: geometry.cartesianInAngstrom, unit: .angstrom), viaInternal, absolute: 1e-13)
      expectClose(try pes.internalCoordinates.energy(at: [r1, r2, theta]), viaInternal, absolute: 0)
      expectClose(geometry.r1, r1, relative: 1e-15)
      expectClose(geometry.theta, theta, absolute: 1e-12)
    }
  }

  @Test("Cartesian energies are invariant under rotation, translation, inversion, reflection and H exchange")
  func cartesianInvariances() throws {
    var g = SeededGenerator(seed: 12)
    for _ in 0..<20 {
      let geometry = try WaterGeometry(r1: g.uniform(1.5, 2.3), r2: g.uniform(1.5, 2.3), theta: g.uniform(1.2, 2.6))
      let v = pes.energy(geometry)
      let xs = geometry.cartesian
      // A random rotation from a random unit quaternion, then a random translation.
      var quaternion = (0..<4).map { _ in g.gaussian() }
      let norm = quaternion.reduce(0) { $0 + $1 * $1 }.squareRoot()
      quaternion = quaternion.map { $0 / norm }
      let (w, x, y, z) = (quaternion[0], quaternion[1], quaternion[2], quaternion[3])
      let r: [Double] = [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
                         2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
                         2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)]
      let t = (0..<3).map { _ in g.uniform(-5, 5) }
      var moved = [Double](repeating: 0, count: 9)
      for atom in 0..<3 {
        for i in 0..<3 {
          moved[3 * atom + i] = t[i] + (0..<3).reduce(0) { $0 + r[3 * i + $1] * xs[3 * atom + $1] }
        }
      }
      expectClose(try pes.energy(cartesian: moved), v, absolute: 1e-13, "rotation and translation")
      expectClose(try pes.energy(cartesian: xs.map { -$0 }), v, absolute: 1e-13, "inversion")
      let reflected = xs.enumerated().map { $0.offset % 3 == 2 ? -$0.element : $0.element }
      expectClose(try pes.energy(cartesian: reflected), v, absolute: 1e-13, "reflection z → −z")
      let exchanged = Array(xs[0..<3] + xs[6..<9] + xs[3..<6])
      expectClose(try pes.energy(cartesian: exchanged), v, absolute: 1e-15, "H exchange")
    }
  }

  @Test("the unchecked fast path agrees bit for bit with the validated path")
  func fastPathLoop() {
    // A functional check of the hot loop: many calls agree with the validated path.
    var g = SeededGenerator(seed: 13)
    var sum = 0.0, reference = 0.0
    for _ in 0..<2000 {
      let r1 = g.uniform(1.5, 2.2), r2 = g.uniform(1.5, 2.2), t = g.uniform(1.3, 2.5)
      sum += pes.uncheckedEnergy(r1: r1, r2: r2, cosTheta: cos(t))
      reference += (try? pes.energy(r1: r1, r2: r2, theta: t)) ?? .nan
    }
    #expect(sum == reference)
  }

  // MARK: - Errors

  @Test("a non-positive bond length throws with the value, the range and a next step")
  func nonPositiveBond() {
    let error = #expect(throws: DatasetError.self) { try pes.energy(r1: -1, r2: 1.8, theta: 1.8) }
    #expect(error?.code == .invalidGeometry)
    #expect(error?.description == "Invalid water geometry: bond length r1 = -1.0 bohr is not positive; it must be > 0 bohr (about 1.81 at equilibrium; divide ångström by 0.529177249).")
  }

  @Test("an angle outside (0, π] throws, and all problems are reported at once")
  func badAngle() {
    let error = #expect(throws: DatasetError.self) { try pes.energy(r1: 0, r2: 1.8, theta: 4) }
    #expect(error?.code == .invalidGeometry)
    let text = error?.description ?? ""
    #expect(text.contains("bond length r1 = 0.0 bohr is not positive"))
    #expect(text.contains("angle theta = 4.0 rad is outside (0, π] = (0, 3.141592653589793] rad; pass the H–O–H angle in radians (degrees × π/180)"))
    #expect(throws: DatasetError.self) { try pes.energy(r1: 1.8, r2: 1.8, theta: 0) }
    #expect((try? pes.energy(r1: 1.8, r2: 1.8, theta: .pi)) != nil)
  }

  @Test("a NaN geometry throws")
  func nanGeometry() {
    let error = #expect(throws: DatasetError.self) { try pes.energy(r1: .nan, r2: 1.8, theta: 1.8) }
    #expect(error?.code == .invalidGeometry)
    #expect(error?.description == "Invalid water geometry: geometry (r1, r2, theta) = (nan, 1.8, 1.8) is not finite; pass finite bond lengths in bohr and an angle in radians.")
  }

  @Test("Cartesian input with the wrong count, NaN, coincident atoms or a zero angle throws")
  func cartesianErrors() {
    let count = #expect(throws: DatasetError.self) { try pes.energy(cartesian: [0, 0, 0, 1, 0, 0]) }
    #expect(count?.code == .shapeMismatch)
    #expect(count?.description == "A water geometry needs 9 Cartesian coordinates (atoms O, H, H in that order, x y z each), got 6; pass one molecule as [Ox, Oy, Oz, H1x, H1y, H1z, H2x, H2y, H2z].")
    let nan = #expect(throws: DatasetError.self) { try pes.energy(cartesian: [0, 0, 0, 1, 0, 0, 0, .nan, 0]) }
    #expect(nan?.code == .invalidGeometry)
    #expect(nan?.description.contains("has non-finite coordinates") == true)
    let onTop = #expect(throws: DatasetError.self) { try pes.energy(cartesian: [0, 0, 0, 0, 0, 0, 0, 1.8, 0]) }
    #expect(onTop?.description == "Invalid water geometry [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.8, 0.0] (bohr): bond length r1 = |H1 − O| is 0.0 bohr; it must be > 0 (is an H atom on top of the O, or are the atoms out of order? expected O, H, H).")
    let zeroAngle = #expect(throws: DatasetError.self) { try pes.energy(cartesian: [0, 0, 0, 1, 0, 0, 2, 0, 0], unit: .angstrom) }
    #expect(zeroAngle?.description.contains("the angle H1–O–H2 is 0 rad (cos θ = 1.0); it must lie in (0, π]") == true)
    let internalCount = #expect(throws: DatasetError.self) { try pes.internalCoordinates.energy(at: [1.8, 1.8]) }
    #expect(internalCount?.code == .shapeMismatch)
    #expect(internalCount?.description == "Internal coordinates of water are 3 values [r1 (bohr), r2 (bohr), theta (rad)], got 2.")
  }
}
