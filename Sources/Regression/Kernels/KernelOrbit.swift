import Foundation
import LinearAlgebra
import Symmetries

/// Weighted sums of a kernel over a finite group's elements, the engine of the sum kernel and the
/// character-weighted kernel:
///
/// ```
/// k_c(x, x′) = Σ_g c_g k(x, g·x′),      K_c = Σ_g c_g K^(g),   K^(g)_ij = k(x_i, g·x_j)
/// ```
///
/// With an invariant base kernel K^(g⁻¹) = (K^(g))ᵀ, so when c_{g⁻¹} = c_g (true for real
/// characters, χ(g⁻¹) = χ(g)) each element is paired with its inverse and one cross-kernel call
/// gives c_g (K^(g) + K^(g)ᵀ); involutions give symmetric blocks, of which stationary kernels
/// evaluate the lower half only. Elements with c_g = 0 cost nothing.
struct KernelOrbit: Sendable {
  /// The group elements, identity first.
  let elements: [OrthogonalAction]
  /// For each element index, the index of its inverse (−1 when it is not listed).
  let inverseIndex: [Int]

  /// Pairs each element with its inverse by the product g·h = I (not by assuming Rᵀ is listed): a
  /// set that is not a group then simply has unpaired elements, each evaluated on its own.
  ///
  /// - Complexity: O(|G|² d³).
  init(elements: [OrthogonalAction]) {
    self.elements = elements
    let identity = Matrix.identity(elements.first?.dimension ?? 0)
    self.inverseIndex = elements.indices.map { i in
      elements.firstIndex { h in
        h.centre == elements[i].centre && (elements[i].matrix * h.matrix).maxAbsoluteDifference(to: identity) <= 1e-10
      } ?? -1
    }
  }

  init(elements: [OrthogonalAction], inverseIndex: [Int]) {
    self.elements = elements
    self.inverseIndex = inverseIndex
  }

  /// Σ_g c_g k(x, g·y). Complexity: one base evaluation per element with c_g ≠ 0.
  func value(_ base: some Kernel, _ c: [Double], _ x: [Double], _ y: [Double]) -> Double {
    var total = 0.0
    for (g, element) in elements.enumerated() where c[g] != 0 { total = total + c[g] * base.value(x, element.apply(to: y)) }
    return total
  }

  /// The Gram matrix Σ_g c_g K^(g), exactly symmetric (symmetrised from its lower triangle).
  ///
  /// - Precondition: c_{g⁻¹} = c_g for every paired element.
  /// - Complexity: about |G|/2 to |G| cross-kernel N × N blocks (fewer when some c_g = 0), each one
  ///   BLAS call for stationary kernels, plus O(|G| N²) additions.
  func gram(_ base: some Kernel, _ c: [Double], _ x: Matrix) -> Matrix {
    let n = x.rows
    var sum = base.matrix(x)
    if c[0] != 1 { sum.withUnsafeMutableBufferPointer { s in for i in s.indices { s[i] *= c[0] } } }
    var done = [Bool](repeating: false, count: elements.count)
    done[0] = true
    let stationary = base as? any StationaryKernel
    sum.withUnsafeMutableBufferPointer { s in
      for (gi, g) in elements.enumerated() where !done[gi] {
        done[gi] = true
        let partner = inverseIndex[gi]
        if partner >= 0 { done[partner] = true }
        let cg = c[gi]
        guard cg != 0 else { continue }
        let gx = g.apply(to: x)
        // An involution gives a symmetric block: stationary kernels evaluate only its lower half.
        let block = partner == gi ? stationary?.symmetricCrossMatrix(x, gx) ?? base.crossMatrix(x, gx)
                                  : base.crossMatrix(x, gx)
        block.withUnsafeBufferPointer { b in
          if partner == gi || partner < 0 {
            for i in s.indices { s[i] += cg * b[i] }
          } else {
            // K^(g⁻¹) = K^(g)ᵀ and c_{g⁻¹} = c_g.
            for i in 0..<n { for j in 0..<n { s[i * n + j] += cg * (b[i * n + j] + b[j * n + i]) } }
          }
        }
      }
    }
    sum.symmetrizeFromLower()
    return sum
  }

  /// The cross matrix Σ_g c_g K(a, g·b). Complexity: one cross-kernel call per element with c_g ≠ 0.
  func cross(_ base: some Kernel, _ c: [Double], _ a: Matrix, _ b: Matrix) -> Matrix {
    var sum = base.crossMatrix(a, b)
    if c[0] != 1 { sum.withUnsafeMutableBufferPointer { s in for i in s.indices { s[i] *= c[0] } } }
    sum.withUnsafeMutableBufferPointer { s in
      for (gi, g) in elements.enumerated().dropFirst() where c[gi] != 0 {
        let cg = c[gi]
        base.crossMatrix(a, g.apply(to: b)).withUnsafeBufferPointer { p in for i in s.indices { s[i] += cg * p[i] } }
      }
    }
    return sum
  }

  /// Σ_g c_g k(x_i, g·x_i). Complexity: N base evaluations per element with c_g ≠ 0.
  func diagonal(_ base: some Kernel, _ c: [Double], _ x: Matrix) -> [Double] {
    var out = base.diagonal(x)
    if c[0] != 1 { for i in out.indices { out[i] *= c[0] } }
    for (gi, g) in elements.enumerated().dropFirst() where c[gi] != 0 {
      let gx = g.apply(to: x)
      for i in 0..<x.rows { out[i] += c[gi] * base.value(x.row(i), gx.row(i)) }
    }
    return out
  }

  /// Several combinations of the blocks, each block built once:
  ///
  /// ```
  /// D_m = Σ_g c_g ∂K^(g)/∂log θ_m      (m < derivativeCount; stationary base kernels only)
  /// S_o = Σ_g C[o][g] K^(g)            (o < blockCoefficients.count)
  /// ```
  ///
  /// For a stationary kernel the squared distances ‖x_i − g·x_j‖² come from one BLAS call per
  /// element and feed every output (the profile, then each derivative profile, on the lower
  /// triangle only); otherwise
  /// K^(g) is one cross-kernel call. The outputs are accumulated with `daxpy` and symmetrised from
  /// their lower triangle. Returns the D_m, then the S_o.
  ///
  /// - Precondition: `derivativeCount == 0` unless `base` is a ``StationaryKernel``.
  /// - Complexity: one N × N × d gemm (or cross-kernel call) per element used, plus
  ///   O(N²) per output and element. Memory: (outputs + 2) N² doubles.
  func combinations(_ base: some Kernel, _ x: Matrix, derivativeCount: Int, derivativeCoefficients c: [Double],
                    blockCoefficients: [[Double]]) -> [Matrix] {
    let n = x.rows
    let stationary = base as? any StationaryKernel
    precondition(derivativeCount == 0 || stationary != nil, "Exact block derivatives need a stationary kernel")
    var outputs = [Matrix](repeating: Matrix(rows: n, columns: n), count: derivativeCount + blockCoefficients.count)
    for (gi, g) in elements.enumerated() {
      let needsDerivative = derivativeCount > 0 && c[gi] != 0
      let needsBlock = blockCoefficients.contains { $0[gi] != 0 }
      guard needsDerivative || needsBlock else { continue }
      let gx = g.apply(to: x)
      if let stationary {
        let r2 = PairwiseDistances.squared(x, gx)
        // Only lower triangles are profiled: the outputs are symmetrised from their lower triangles,
        // whose entries are sums of the blocks' lower entries (the upper ones keep finite r² values).
        if needsDerivative {
          for m in 0..<derivativeCount {
            var d = r2
            Self.lowerRows(&d) { stationary.applyLogDerivativeProfile(m, $0) }
            outputs[m].add(d, scaledBy: c[gi])
          }
        }
        if needsBlock {
          var k = r2
          Self.lowerRows(&k) { stationary.applyProfile($0) }
          for (o, row) in blockCoefficients.enumerated() where row[gi] != 0 { outputs[derivativeCount + o].add(k, scaledBy: row[gi]) }
        }
      } else {
        let k = base.crossMatrix(x, gx)
        for (o, row) in blockCoefficients.enumerated() where row[gi] != 0 { outputs[derivativeCount + o].add(k, scaledBy: row[gi]) }
      }
    }
    for o in outputs.indices { outputs[o].symmetrizeFromLower() }
    return outputs
  }

  /// Applies `body` to row i's entries 0...i of a square matrix (its lower triangle), row by row.
  static func lowerRows(_ m: inout Matrix, _ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
    let n = m.rows
    m.withUnsafeMutableBufferPointer { p in
      guard let base = p.baseAddress else { return }
      for i in 0..<n { body(UnsafeMutableBufferPointer(start: base + i * n, count: i + 1)) }
    }
  }

  /// ∂K/∂θ_k by central differences in log θ (step 1e-5, relative accuracy about 1e-10), for kernels
  /// whose base has no exact derivative profile.
  ///
  /// - Parameters:
  ///   - theta: the log hyperparameters differentiated (count = number of outputs).
  ///   - matrix: the Gram matrix at given log hyperparameters.
  /// - Complexity: two Gram matrices per hyperparameter.
  static func centralDifferences(_ theta: [Double], matrix: ([Double]) -> Matrix) -> [Matrix] {
    let h = 1e-5
    return theta.indices.map { k in
      var plus = theta, minus = theta
      plus[k] += h
      minus[k] -= h
      var m = matrix(plus) - matrix(minus)
      m.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] /= 2 * h } }
      return m
    }
  }
}
