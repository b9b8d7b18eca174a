import LinearAlgebra
import Testing
import _TestSupport

@testable import Datasets

@Suite("Dataset")
struct DatasetTests {
  @Test("mismatched labels, inputs without columns and misshapen gradients throw, all at once")
  func shapesThrow() throws {
    let x = Matrix(rows: 3, columns: 2, elements: [1, 2, 3, 4, 5, 6])
    let e = caughtDatasetError { _ = try Dataset(inputs: x, labels: [1, 2], gradients: Matrix(rows: 3, columns: 1)) }
    #expect(e?.code == .shapeMismatch)
    #expect(e?.description == "Cannot build a data set: 3 input rows but 2 labels; give one label per row; gradients are 3 × 1 but the inputs are 3 × 2; give one gradient per input coordinate, or none.")
    let flat = caughtDatasetError { _ = try Dataset(inputs: Matrix(rows: 4, columns: 0), labels: [1, 2, 3, 4]) }
    #expect(flat?.description == "Cannot build a data set: the inputs have no columns (0-dimensional samples); give at least one input coordinate per sample.")
    let empty = try Dataset(inputs: Matrix(rows: 0, columns: 2), labels: [])
    #expect(empty.count == 0 && empty.dimension == 2)
  }

  @Test("a split asks for 0…count samples; concatenation needs one dimension")
  func splitAndConcatenate() throws {
    let d = try Dataset(inputs: Matrix(rows: 3, columns: 1, elements: [1, 2, 3]), labels: [10, 20, 30])
    var g = SeededGenerator(seed: 3)
    let (a, b) = try d.split(firstCount: 1, using: &g)
    #expect(a.count == 1 && b.count == 2)
    #expect(Set(a.labels + b.labels) == [10, 20, 30])
    let bad = caughtDatasetError { _ = try d.split(firstCount: 4, using: &g) }
    #expect(bad?.description == "Cannot split 4 samples off a data set of 3; ask for 0 to 3.")
    let other = try Dataset(inputs: Matrix(rows: 1, columns: 2, elements: [0, 0]), labels: [0])
    let mixed = caughtDatasetError { _ = try d.concatenated(with: other) }
    #expect(mixed?.description == "Cannot concatenate data sets of dimension 1 and 2; give both the same input columns.")
    #expect(try d.concatenated(with: a).labels == [10, 20, 30] + a.labels)
  }
}
