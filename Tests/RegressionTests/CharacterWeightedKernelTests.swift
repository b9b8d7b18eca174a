// The character-weighted kernel against its definition (entry-by-entry sums over the group), its
// special cases (the base kernel, the sum kernel), positive semi-definiteness of every sector,
// log-space derivatives (finite differences), the Gaussian-process likelihood, its errors, and
// exact odd labels on hydrogen wavefunctions (explicit augmentation with signed labels is the truth).
import Datasets
import Foundation
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

@Suite("CharacterWeightedKernel")
struct CharacterWeightedKernelTests {
  let base = GaussianKernel(lengthScale: 0.9)

  static func flips() throws -> SignFlips { try SignFlips(dimension: 3, coordinates: [0, 1, 2], centre: [0.2, -0.1, 0.3]) }

  /// Σ_g c_g k(a_i, g·b_j), entry by entry.
  static func bruteForce(_ k: some Kernel, _ elements: [OrthogonalAction], _ c: [Double], _ a: Matrix, _ b: Matrix) -> Matrix {
    var m = Matrix(rows: a.rows, columns: b.rows)
    for i in 0..<a.rows { for j in 0..<b.rows {
      m[i, j] = elements.indices.reduce(0.0) { $0 + c[$1] * k.value(a.row(i), elements[$1].apply(to: b.row(j))) }
    } }
    return m
  }

  /// c_g = (1/8) Σ_s w_s (−1)^popcount(s & g) for Z2³ in the documented element order.
  static func coefficients(_ w: [Double]) -> [Double] {
    (0..<8).map { (g: Int) -> Double in
      var total = 0.0
      for s in 0..<8 { total += (s & g).nonzeroBitCount % 2 == 0 ? w[s] : -w[s] }
      return total / 8
    }
  }

  static func minimumEigenvalue(_ m: Matrix) throws -> Double {
    try SymmetricEigendecomposition(of: m).eigenvalues.min()!
  }

  @Test("w = (1, …, 1) is the base kernel and w = e₀ the sum kernel over |G|, to 1e-10")
  func specialCases() throws {
    let flips = try Self.flips()
    let (x, _) = try RouteData.sample(n: 25, seed: 1)
    let t = try RouteData.test(m: 7, seed: 2)
    let ones = try CharacterWeightedKernel(base, symmetry: flips, sectorWeights: [Double](repeating: 1, count: 8))
    #expect(ones.elementCoefficients == [1, 0, 0, 0, 0, 0, 0, 0])
    expectClose(ones.matrix(x), base.matrix(x), absolute: 1e-10)
    expectClose(ones.crossMatrix(t, x), base.crossMatrix(t, x), absolute: 1e-10)
    expectClose(ones.diagonal(x), base.diagonal(x), absolute: 1e-10)

    let invariant = try CharacterWeightedKernel(base, symmetry: flips, sectorWeights: [1, 0, 0, 0, 0, 0, 0, 0])
    let sum = try SymmetrizedKernel(base, symmetry: flips)
    expectClose(invariant.matrix(x), (1.0 / 8) * sum.matrix(x), absolute: 1e-10)
    expectClose(invariant.crossMatrix(t, x), (1.0 / 8) * sum.crossMatrix(t, x), absolute: 1e-10)
    expectClose(invariant.diagonal(x), sum.diagonal(x).map { $0 / 8 }, absolute: 1e-10)
    expectClose(invariant.value(t.row(0), x.row(1)), sum.value(t.row(0), x.row(1)) / 8, absolute: 1e-12)
  }

  @Test("general weights: Gram, cross and diagonal equal Σ_g c_g k(x, g·x′) with c_g = (1/|G|) Σ_s w_s χ_s(g)")
  func definition() throws {
    let flips = try Self.flips()
    let w = [1, 0.3, 0, 2, 0.1, 0, 0.5, 0.7]
    let k = try CharacterWeightedKernel(base, symmetry: flips, sectorWeights: w)
    let c = Self.coefficients(w)
    expectClose(k.elementCoefficients, c, absolute: 1e-15)
    let (x, _) = try RouteData.sample(n: 12, seed: 3)
    let t = try RouteData.test(m: 5, seed: 4)
    let gram = k.matrix(x)
    expectClose(gram, Self.bruteForce(base, flips.elements, c, x, x), absolute: 1e-14, relative: 1e-12)
    #expect(gram.maxAbsoluteDifference(to: gram.transposed()) == 0)
    expectClose(k.crossMatrix(t, x), Self.bruteForce(base, flips.elements, c, t, x), absolute: 1e-14, relative: 1e-12)
    expectClose(k.diagonal(t), Self.bruteForce(base, flips.elements, c, t, t).diagonal, absolute: 1e-14)
    // An abelian group leaves the weighted kernel invariant: k_w(g·x, g·x′) = k_w(x, x′).
    for g in flips.elements { expectClose(k.matrix(g.apply(to: x)), gram, absolute: 1e-13) }
  }

  @Test("each sector kernel is PSD on random data and the sectors add up to the base kernel (Z2³, C3, C4)")
  func sectorsArePSD() throws {
    var rng = SeededGenerator(seed: 5)
    let x = try rng.gaussianMatrix(rows: 40, columns: 3)
    let scale = 1.0  // k(x, x) = 1
    func check(_ k: CharacterWeightedKernel<GaussianKernel, some FiniteLabelSymmetry>) throws {
      let sectors = k.sectorMatrices(x)
      var sum = Matrix(rows: x.rows, columns: x.rows)
      for (s, m) in sectors.enumerated() {
        let c = k.characterTable.sectors[s].characters.map { $0 / Double(k.characterTable.order) }
        expectClose(m, Self.bruteForce(base, k.symmetry.elements, c, x, x), absolute: 1e-13)
        let smallest = try Self.minimumEigenvalue(m)
        #expect(smallest >= -1e-10 * scale, "sector \(s): min eigenvalue \(smallest)")
        sum = sum + m
      }
      expectClose(sum, base.matrix(x), absolute: 1e-12)
    }
    try check(try CharacterWeightedKernel(base, symmetry: try Self.flips(), sectorWeights: [Double](repeating: 1, count: 8)))
    let c3 = try GeneratedGroup(generators: [Rotations.rotation(axis: [0, 0, 1], angle: 2 * .pi / 3)], name: "C3",
                                expectedOrder: 3)
    let t3 = try CharacterTable(symmetry: c3, sectors: [.init(name: "invariant", characters: [1, 1, 1]),
                                                        .init(name: "rotating", characters: [2, -1, -1], dimension: 2)])
    try check(try CharacterWeightedKernel(base, symmetry: c3, table: t3, sectorWeights: [1, 1]))
    let c4 = try GeneratedGroup(generators: [Rotations.rotation(axis: [0, 0, 1], angle: .pi / 2)], name: "C4",
                                expectedOrder: 4)
    let t4 = try CharacterTable(symmetry: c4, sectors: [
      .init(name: "invariant", characters: [1, 1, 1, 1]), .init(name: "alternating", characters: [1, -1, 1, -1]),
      .init(name: "rotating", characters: [2, 0, -2, 0], dimension: 2)])
    try check(try CharacterWeightedKernel(base, symmetry: c4, table: t4, sectorWeights: [1, 1, 1]))
  }

  @Test("weight groups: hyperparameters named after the groups, zero weights fixed at 0 with bounds 0...0")
  func hyperparameters() throws {
    let flips = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
    let table = try CharacterTable(signFlips: flips, coordinateNames: ["q1", "q2", "q3"])
    let k = try CharacterWeightedKernel(base, symmetry: flips, table: table, weights: [
      SectorWeight(name: "even", sectors: [0], value: 1, isFixed: true),
      SectorWeight(name: "odd in q1", sectors: table.sectorIndices { $0.isOdd(in: 0) && !$0.isOdd(in: 2) }, value: 0.2),
      SectorWeight(name: "odd only in q2", sectors: table.sectorIndices { $0.oddCoordinates == [1] }, value: 0.05),
      SectorWeight(name: "odd in q3", sectors: table.sectorIndices { $0.isOdd(in: 2) }, value: 0)])
    #expect(k.sectorWeights == [1, 0.2, 0.05, 0.2, 0, 0, 0, 0])
    #expect(k.hyperparameters.map(\.name) == ["lengthScale", "weight[even]", "weight[odd in q1]", "weight[odd only in q2]",
                                              "weight[odd in q3]"])
    #expect(k.hyperparameters.map(\.isFixed) == [false, true, false, false, true])
    #expect(k.hyperparameters[4].bounds == 0...0 && k.freeHyperparameterCount == 3)
    let theta = [log(0.7), log(0.5), log(0.01)]
    let moved = k.withLogHyperparameters(theta)
    expectClose(moved.logHyperparameters, theta, absolute: 1e-15)
    expectClose(moved.sectorWeights, [1, 0.5, 0.01, 0.5, 0, 0, 0, 0], relative: 1e-15)
    expectClose(moved.base.lengthScale, 0.7, relative: 1e-15)
    // Regressors accept the structural zero (it never enters θ).
    let (x, y) = try RouteData.sample(n: 10, seed: 6)
    _ = try KernelRidgeRegression(kernel: k, ridge: 1e-3).fit(x, y)
  }

  @Test("gradient matrices equal central differences of the Gram matrix in log space", arguments: [false, true])
  func gradients(nonStationaryBase: Bool) throws {
    let flips = try SignFlips(dimension: 3, coordinates: [0, 2])
    let (x, _) = try RouteData.sample(n: 9, seed: 7)
    let groups = [SectorWeight(name: "even", sectors: [0], value: 1), SectorWeight(name: "a", sectors: [1, 2], value: 0.3),
                  SectorWeight(name: "b", sectors: [3], value: 0)]
    func check(_ k: some Kernel) {
      let analytic = k.gradientMatrices(x)
      let theta = k.logHyperparameters
      #expect(analytic.count == theta.count && theta.count == 3)
      let h = 1e-5
      for m in theta.indices {
        var plus = theta, minus = theta
        plus[m] += h
        minus[m] -= h
        let numeric = (1 / (2 * h)) * (k.withLogHyperparameters(plus).matrix(x) - k.withLogHyperparameters(minus).matrix(x))
        expectClose(analytic[m], numeric, absolute: 1e-8, "∂K/∂θ_\(m)")
      }
    }
    if nonStationaryBase {
      // An invariant, non-stationary base: the inversion sum kernel (checked numerically on construction).
      let inverted = try SymmetrizedKernel(base, symmetry: try Inversion(dimension: 3))
      check(try CharacterWeightedKernel(inverted, symmetry: flips, weights: groups))
    } else {
      check(try CharacterWeightedKernel(base, symmetry: flips, weights: groups))
    }
  }

  @Test("a Gaussian process: the likelihood gradient matches finite differences, and fitting switches an unused sector off")
  func gaussianProcess() throws {
    let flips = try SignFlips(dimension: 2, coordinates: [0])
    var rng = SeededGenerator(seed: 8)
    let x = try rng.gaussianMatrix(rows: 40, columns: 2)
    let y = (0..<40).map { i -> Double in let p = x.row(i); return cos(1.3 * p[0]) + 0.5 * p[1] + 0.3 * p[0] * p[0] * p[1] }
    let k = try CharacterWeightedKernel(GaussianKernel(lengthScale: 1), symmetry: flips, weights: [
      SectorWeight(name: "even", sectors: [0], value: 1, isFixed: true), SectorWeight(name: "odd", sectors: [1], value: 1)])
    let gp = GaussianProcessRegression(kernel: k, signalVariance: 1, noiseLevel: 1e-4)
    let (_, gradient) = try gp.logMarginalLikelihood(x, y)
    let theta = gp.logHyperparameters
    for m in theta.indices {
      var plus = theta, minus = theta
      plus[m] += 1e-5
      minus[m] -= 1e-5
      let numeric = (try gp.withLogHyperparameters(plus).logMarginalLikelihood(x, y).value
                     - gp.withLogHyperparameters(minus).logMarginalLikelihood(x, y).value) / 2e-5
      expectClose(gradient[m], numeric, absolute: 1e-5, relative: 1e-5, "∂ log p/∂θ_\(m)")
    }
    // The labels are even in x₀: the likelihood drives the odd sector's weight towards its lower bound.
    let fitted = try gp.fit(x, y)
    let odd = try #require(fitted.kernel.hyperparameters.first { $0.name == "weight[odd]" })
    #expect(odd.value < 1e-3, "fitted odd weight \(odd.value)")
    #expect(fitted.logMarginalLikelihood > (try gp.logMarginalLikelihood(x, y).value))
  }

  @Test("bad weights are refused with every problem named: value, sector and the valid range")
  func badWeights() throws {
    let flips = try SignFlips(dimension: 2, coordinates: [0, 1])
    #expect {
      _ = try CharacterWeightedKernel(base, symmetry: flips, sectorWeights: [1, -0.5, .nan, 1])
    } throws: { error in
      (error as? SymmetryError)?.description == "Invalid sector weights: sector weight \"odd in x0\" (sectors [1]) is -0.5; "
        + "weights must be finite and ≥ 0 (0 switches the sectors off, 1 keeps them as in the base kernel); sector weight "
        + "\"odd in x1\" (sectors [2]) is nan; weights must be finite and ≥ 0 (0 switches the sectors off, 1 keeps them as "
        + "in the base kernel)."
    }
    #expect {
      _ = try CharacterWeightedKernel(base, symmetry: flips, sectorWeights: [1, 1, 1])
    } throws: { error in
      (error as? SymmetryError)?.description == "There are 3 sector weights but the character table of Z2^2 sign flips on "
        + "[0, 1] has 4 sectors (even; odd in x0; odd in x1; odd in x0,x1); give one weight per sector, in the table's order."
    }
    #expect {
      _ = try CharacterWeightedKernel(base, symmetry: flips, weights: [
        SectorWeight(name: "even", sectors: [0, 1], value: 1), SectorWeight(name: "rest", sectors: [1, 2, 7], value: 1)])
    } throws: { error in
      let m = "\(error)"
      return m.contains("sector 1 (odd in x0) is in both weight \"even\" and \"rest\"")
        && m.contains("sector weight \"rest\" (sectors [1, 2, 7]) names sector 7, out of range 0..<4")
        && m.contains("sectors [3] (odd in x0,x1) have no weight")
    }
    #expect {
      _ = try CharacterWeightedKernel(base, symmetry: flips, sectorWeights: [0, 0, 0, 0])
    } throws: { error in
      "\(error)".contains("every weight is 0, which makes the kernel identically zero")
    }
    #expect {
      _ = try CharacterWeightedKernel(base, symmetry: flips, weights: [
        SectorWeight(name: "all", sectors: [0, 1, 2, 3], value: 1, bounds: 0...1)])
    } throws: { error in
      "\(error)".contains("has bounds 0.0…1.0; the bounds of a free weight must be finite and > 0")
    }
  }

  @Test("a table of another group, a group without a table, and a non-invariant base kernel are refused")
  func refusals() throws {
    let flips = try SignFlips(dimension: 2, coordinates: [0, 1])
    let other = try CharacterTable(signFlips: try SignFlips(dimension: 2, coordinates: [0]))
    #expect {
      _ = try CharacterWeightedKernel(base, symmetry: flips, table: other, sectorWeights: [1, 1])
    } throws: { error in
      (error as? SymmetryError)?.code == .dimensionMismatch && "\(error)".contains("has 2 columns for other elements than the 4")
    }
    let c3 = try GeneratedGroup(generators: [Rotations.rotation(axis: [0, 0, 1], angle: 2 * .pi / 3)], name: "C3")
    #expect {
      _ = try CharacterWeightedKernel(base, symmetry: c3, sectorWeights: [1, 1])
    } throws: { error in
      (error as? SymmetryError)?.code == .routeNotApplicable
    }
    // Swapping two coordinates with different length scales: not invariant.
    let swap = try CoordinatePermutations(dimension: 3, generators: [[1, 0, 2]])
    let table = try CharacterTable(symmetry: swap, sectors: [.init(name: "even", characters: [1, 1]),
                                                            .init(name: "odd", characters: [1, -1])])
    #expect {
      _ = try CharacterWeightedKernel(AxisGaussianKernel(lengthScales: [0.5, 2, 1]), symmetry: swap, table: table,
                                      sectorWeights: [1, 0.5])
    } throws: { error in
      (error as? SymmetryError)?.code == .kernelNotInvariant && "\(error)".contains("The character-weighted kernel route needs")
    }
  }

  // MARK: - Exact odd labels on hydrogen wavefunctions

  /// Seeded points, Gaussian with standard deviation 2 bohr about the nucleus, and ψ there (bohr^(−3/2)).
  static func orbitalData(_ name: String, n: Int, seed: UInt64) throws -> (x: Matrix, y: [Double]) {
    var rng = SeededGenerator(seed: seed)
    let x = try 2.0 * rng.gaussianMatrix(rows: n, columns: 3)
    return (x, try HydrogenOrbital(name: name).value(at: x))
  }

  @Test("ψ_2pz: KRR with w = e_χ and λ/|G| equals augmentation with signed labels, and the model is exactly odd")
  func oddLabelAgreesWithAugmentation() throws {
    let pz = try SignedLabelSymmetry(try SignFlips(dimension: 3, coordinates: [0, 1, 2]), oddIn: [2])
    let kernel = GaussianKernel(lengthScale: 2)
    let ridge = 1e-6
    let (x, y) = try Self.orbitalData("2p_z", n: 30, seed: 9)
    let (t, _) = try Self.orbitalData("2p_z", n: 50, seed: 10)
    let augmented = try Augmentation.augment(inputs: x, labels: y, by: pz)
    let truth = try KernelRidgeRegression(kernel: kernel, ridge: ridge).fit(augmented.inputs, augmented.labels).predict(t)
    let odd = try CharacterWeightedKernel(kernel, labelCharacterOf: pz)
    #expect(odd.sectorWeights == [0, 0, 0, 0, 1, 0, 0, 0])
    let model = try KernelRidgeRegression(kernel: odd, ridge: ridge / 8).fit(x, y)
    let predicted = try model.predict(t)
    #expect(RouteData.scaledDifference(predicted, truth) <= 1e-9)
    // Exactly odd: f(g·x) = χ(g) f(x) for every element, to rounding. f = Σ_i α_i k_χ(·, x_i) with
    // |k_χ| ≤ 1, so rounding is bounded by a few ε Σ|α_i| (the odd part is not approximate).
    let rounding = 1e-14 * model.dualCoefficients.reduce(0) { $0 + abs($1) }
    for (g, element) in pz.elements.enumerated() {
      let moved = try model.predict(element.apply(to: t))
      expectClose(moved, predicted.map { pz.labelCharacter[g] * $0 }, absolute: rounding, "element \(g)")
    }
    // The plain model is not odd (the comparison above can fail).
    let plain = try KernelRidgeRegression(kernel: kernel, ridge: ridge).fit(x, y)
    let flipped = try plain.predict(pz.elements[4].apply(to: t)), direct = try plain.predict(t)
    #expect(zip(flipped, direct).map { abs($0 + $1) }.max()! > 1e3 * rounding)
  }

  @Test("ψ_2pz at N = 16: the exact odd symmetry beats plain KRR on a seeded draw")
  func oddLabelBeatsPlainKRR() throws {
    let pz = try SignedLabelSymmetry(try SignFlips(dimension: 3, coordinates: [0, 1, 2]), oddIn: [2])
    let kernel = GaussianKernel(lengthScale: 1.5)
    let (x, y) = try Self.orbitalData("2p_z", n: 16, seed: 11)
    let (t, truth) = try Self.orbitalData("2p_z", n: 400, seed: 12)
    func mae(_ p: [Double]) -> Double { zip(p, truth).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(truth.count) }
    let plain = mae(try KernelRidgeRegression(kernel: kernel, ridge: 1e-8).fit(x, y).predict(t))
    let odd = mae(try KernelRidgeRegression(kernel: try CharacterWeightedKernel(kernel, labelCharacterOf: pz),
                                            ridge: 1e-8 / 8).fit(x, y).predict(t))
    #expect(odd < 0.5 * plain, "MAE plain \(plain), odd \(odd)")
  }
}
