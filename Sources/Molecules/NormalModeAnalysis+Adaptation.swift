import Foundation
import LinearAlgebra

extension NormalModeAnalysis {
  /// One block of symmetry-adapted modes (an irreducible representation, or one component of a
  /// linear molecule's Π pair).
  struct AdaptedBlock {
    var vectors: [[Double]]
    var omega: Double
    var label: String?
    var degeneracy: Int
    var characters: [Double]
  }

  /// The irreducible-representation order of a linear molecule's labels.
  static let linearLabelOrder = ["Σ+", "Π", "Σg+", "Πg", "Σu+", "Πu"]

  /// Splits the modes (columns of `l0`, eigenvalues `omega` ascending) into symmetry-adapted
  /// blocks, fixes their bases and phases, labels them and puts them in mode order.
  ///
  /// Degenerate clusters (|Δω| ≤ 1e-6 ω_max) are split into irreducible subspaces by the
  /// eigenspaces of the group average Ā = (1/|G|) Σ_g D_g A D_gᵀ of a fixed random symmetric A
  /// (Ā commutes with every D_g, so its eigenspaces are invariant and, for a generic A,
  /// irreducible); a subspace of dimension > 1 gets the basis that diagonalises a greedy maximal
  /// set of commuting involutions of the group.
  static func symmetryAdaptedBlocks(modes l0: Matrix, omega: [Double], operations ops: [SymmetryOperation],
                                    f: Matrix, group: PointGroup) throws(MoleculeError) -> [AdaptedBlock] {
    let m = omega.count
    let scale = omega.max() ?? 1
    var clusters: [[Int]] = []
    for k in 0..<m {
      if let last = clusters.last?.last, omega[k] - omega[last] <= 1e-6 * scale { clusters[clusters.count - 1].append(k) } else { clusters.append([k]) }
    }
    func dot(_ u: [Double], _ v: [Double]) -> Double { zip(u, v).reduce(0) { $0 + $1.0 * $1.1 } }
    func combine(_ basis: [[Double]], _ w: Matrix, column: Int) -> [Double] {
      var out = [Double](repeating: 0, count: basis[0].count)
      for (j, b) in basis.enumerated() { for a in out.indices { out[a] += w[j, column] * b[a] } }
      return out
    }
    func representation(_ basis: [[Double]], _ op: SymmetryOperation) -> Matrix {
      let images = basis.map { apply(op, to: $0) }
      var d = Matrix(rows: basis.count, columns: basis.count)
      for i in basis.indices { for j in basis.indices { d[i, j] = dot(basis[i], images[j]) } }
      return d
    }
    func eigen(_ a: Matrix) throws(MoleculeError) -> SymmetricEigendecomposition {
      do { return try SymmetricEigendecomposition(of: 0.5 * (a + a.transposed())) } catch {
        throw MoleculeError(.symmetryUndetermined, "A symmetry block of the normal modes could not be diagonalised (\(error)).")
      }
    }
    var generator = SeededGenerator(seed: 20_260_611)
    var blocks: [AdaptedBlock] = []
    for cluster in clusters {
      let c = cluster.map { l0.column($0) }
      let clusterOmega = (c.map { v in dot(v, f.multiplied(by: v)) }.reduce(0, +) / Double(c.count)).squareRoot()
      var subspaces: [[[Double]]] = [c]
      if c.count > 1 {
        // A cluster holds at most 3n modes: far below any size limit of the generator.
        let g: Matrix
        do { g = try generator.gaussianMatrix(rows: c.count, columns: c.count) } catch { preconditionFailure("\(error)") }
        let a = g + g.transposed()
        var average = Matrix(rows: c.count, columns: c.count)
        for op in ops {
          let d = representation(c, op)
          average = average + d.multiplied(by: a.multiplied(by: d, transposingOther: true))
        }
        let split = try eigen(average)
        let spread = split.eigenvalues.map(abs).max() ?? 1
        var groups: [[Int]] = []
        for k in split.eigenvalues.indices {
          if let last = groups.last?.last, split.eigenvalues[k] - split.eigenvalues[last] <= 1e-7 * spread { groups[groups.count - 1].append(k) } else { groups.append([k]) }
        }
        subspaces = groups.map { cols in cols.map { combine(c, split.eigenvectors, column: $0) } }
      }
      for var s in subspaces {
        if s.count > 1 {
          // Commuting involutions, chosen greedily in operation order.
          var chosen: [Matrix] = []
          for op in ops {
            let e = representation(s, op)
            let identity = Matrix.identity(s.count)
            guard (e * e).maxAbsoluteDifference(to: identity) < 1e-6, e.maxAbsoluteDifference(to: identity) > 1e-6,
                  e.maxAbsoluteDifference(to: -1 * identity) > 1e-6 else { continue }
            if chosen.allSatisfy({ ($0 * e).maxAbsoluteDifference(to: e * $0) < 1e-6 }) { chosen.append(e) }
          }
          if !chosen.isEmpty {
            let weights = [2.0, 3, 5, 7, 11, 13, 17, 19].map { $0.squareRoot() }
            var combination = Matrix(rows: s.count, columns: s.count)
            for (j, e) in chosen.enumerated() { combination = combination + weights[j % weights.count] * e }
            let basis = try eigen(combination)
            s = (0..<s.count).map { combine(s, basis.eigenvectors, column: $0) }
          }
        }
        // Phases: the largest component positive (the first among equal magnitudes).
        s = s.map { v in
          let largest = v.map(abs).max() ?? 0
          let index = v.indices.first { abs(v[$0]) >= (1 - 1e-6) * largest } ?? 0
          return v[index] < 0 ? v.map { -$0 } : v
        }
        let rayleigh = s.map { v in dot(v, f.multiplied(by: v)) }.reduce(0, +) / Double(s.count)
        let characters = ops.map { op in
          let trace = (0..<s.count).reduce(0.0) { $0 + representation(s, op)[$1, $1] }
          return abs(trace - trace.rounded()) < 1e-9 ? trace.rounded() + 0 : trace  // + 0: no −0
        }
        blocks.append(AdaptedBlock(vectors: s, omega: group.isLinear ? clusterOmega : rayleigh.squareRoot(), label: nil,
                                   degeneracy: group.isLinear ? cluster.count : s.count, characters: characters))
      }
    }
    // Labels.
    var order: [String] = []
    if group.isLinear {
      let inversion = ops.firstIndex(where: \.isInversion)
      for k in blocks.indices {
        let pi = blocks[k].degeneracy == 2
        if let inversion {
          blocks[k].label = (pi ? "Π" : "Σ") + (blocks[k].characters[inversion] > 0 ? "g" : "u") + (pi ? "" : "+")
        } else {
          blocks[k].label = pi ? "Π" : "Σ+"
        }
      }
      order = linearLabelOrder
    } else if let table = group.characterTable {
      for k in blocks.indices {
        let perClass = table.classes.indices.map { c in blocks[k].characters[group.classOfOperation.firstIndex(of: c)!] }
        blocks[k].label = table.label(forCharacters: perClass)
      }
      order = table.irreps.map(\.label)
    }
    let rank = blocks.map { b in b.label.flatMap { order.firstIndex(of: $0) } ?? order.count }
    let sorted = blocks.indices.sorted { (rank[$0], -blocks[$0].omega, $0) < (rank[$1], -blocks[$1].omega, $1) }
    return sorted.map { blocks[$0] }
  }
}
