import Datasets
import Foundation
import LearningCurves
import LinearAlgebra
import Regression
import Symmetries
import Testing
import _TestSupport

/// Seeded 2D samples, y = x0² + x1² (even in both coordinates).
private func evenData(count: Int, seed: UInt64) throws -> Dataset {
  var g = SeededGenerator(seed: seed)
  let x = try g.uniformMatrix(rows: count, columns: 2, low: -2, high: 2)
  return try Dataset(inputs: x, labels: (0..<count).map { x[$0, 0] * x[$0, 0] + x[$0, 1] * x[$0, 1] })
}

private let grid = HyperparameterGrid(lengthScales: [1], ridges: [1e-6])

@Suite("Study")
struct StudyTests {
  func study(name: String = "s", sizes: [Int] = [8, 16], repeats: Int = 2, validation: Int = 10,
             variants: [Variant]? = nil) throws -> Study {
    try Study(name: name, summary: "", labelUnit: "1", pool: evenData(count: 60, seed: 1), test: evenData(count: 20, seed: 2),
              sizes: sizes, repeats: repeats, validationCount: validation, seed: 1,
              variants: variants ?? [try Variant(name: "none", summary: "KRR", model: VariantModel(grid: grid))])
  }

  func message(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch { return "\(error)" }
  }

  @Test("unsorted or repeated sizes are refused, with the sorted list to use instead")
  func unsortedSizes() throws {
    #expect(message { _ = try study(sizes: [16, 8]) } == "Study 's' cannot run: the training sizes [16, 8] are not strictly increasing; give each size once, smallest first ([8, 16]).")
    #expect(message { _ = try study(sizes: [8, 8, 16]) }?.contains("the training sizes [8, 8, 16] are not strictly increasing") == true)
    #expect(try study(sizes: [8, 16]).sizes == [8, 16])
  }

  @Test("a symmetry of another dimension than the data is refused before any fit, not as a fit failure")
  func symmetryDimension() throws {
    let flips3 = try SignFlips(dimension: 3, coordinates: [0, 1, 2])
    let m = message { _ = try study(variants: [try Variant(name: "none", summary: "KRR", model: VariantModel(grid: grid)),
                                               try Variant(name: "z2", summary: "Z2³", model: VariantModel(grid: grid, symmetry: flips3))]) }
    #expect(m == "Study 's' cannot run: variant 'z2' uses a symmetry of 3-dimensional inputs but the data have dimension 2; build the symmetry with dimension 2.")
    #expect(m?.contains("ridge") == false)
  }

  @Test("a name that cannot name the output files is refused", arguments: [
    ("..", "the name is '..', which names a folder, not a file; give a plain name such as \"my-study\""),
    ("a/b", "the name contains '/' or a NUL character, which cannot be part of a file name; use a plain name such as \"my-study\""),
    ("", "the name is empty; give the study a name, used for the output files"),
  ])
  func fileNames(name: String, problem: String) {
    #expect(message { _ = try study(name: name) } == "Study '\(name)' cannot run: \(problem).")
  }

  @Test("repeats and sizes beyond their limits are refused with the limit, without overflow")
  func limits() {
    #expect(message { _ = try study(repeats: 8_000_000_000_000_000) }?.contains("repeats is 8000000000000000; it must be from 1 to 10000") == true)
    let huge = message { _ = try study(sizes: [8, Int.max]) }
    #expect(huge?.contains("the largest training size 9223372036854775807 plus 10 validation samples needs more than 9223372036854775807 samples but the pool has 60") == true)
    #expect(huge?.contains("matrix needs more than 8.0 EiB but the memory budget is") == true)
    #expect(huge?.contains("..") == false)
  }

  @Test("the N × N memory check applies only when a variant forms square kernel matrices (not Nyström or auto)")
  func squareMatrixCheck() throws {
    var model = VariantModel(grid: grid)
    model.solver = .automatic(centres: 64)
    let planned = try Variant(name: "auto", summary: "", model: model)
    #expect(!planned.formsSquareKernelMatrices)
    let onlyPlanned = message { _ = try study(sizes: [8, 1 << 40], variants: [planned]) }
    #expect(onlyPlanned?.contains("plus 10 validation samples needs 1099511627786 samples but the pool has 60") == true)
    #expect(onlyPlanned?.contains("matrix needs") == false, "\(onlyPlanned ?? "")")
    let dense = try Variant(name: "none", summary: "", model: VariantModel(grid: grid))
    let mixed = message { _ = try study(sizes: [8, 1 << 40], variants: [dense, planned]) }
    #expect(mixed?.contains("matrix needs") == true,
            "\(mixed ?? "")")
  }

  @Test("a result whose name cannot name files is not written")
  func resultWriteRefusesBadName() throws {
    let result = StudyResult(name: "..", summary: "", seed: 1, sizes: [8], repeats: 1, testCount: 1, poolCount: 1,
                             labelUnit: "1", variants: [])
    let folder = try BuiltProducts.temporaryFolder("study-name")
    #expect(message { try result.write(to: folder) } == "The study name '..' is '..', which names a folder, not a file; give a plain name such as \"my-study\".")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }
}
