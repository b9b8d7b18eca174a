import LearningCurves
import Testing

@Suite("HyperparameterSet")
struct HyperparameterSetTests {
  @Test("a dictionary literal gives numbers; choices are kept apart and both print sorted by name")
  func literalAndDescription() {
    var h: HyperparameterSet = ["ridge": 1e-6, "length_scale": 0.5]
    #expect(h["ridge"] == 1e-6)
    #expect(h.choice("ridge") == nil)
    h.choices["trust"] = "copy-ridge"
    h["copy_ridge"] = 0.01
    #expect(h.description == "copy_ridge=0.01;length_scale=0.5;ridge=1e-06;trust=copy-ridge")
    #expect(h.sortedEntries.map(\.name) == ["copy_ridge", "length_scale", "ridge", "trust"])
  }

  @Test("merging lets the other set win, also when a name changes from number to choice")
  func merging() {
    let a = HyperparameterSet(numbers: ["length_scale": 1, "kernel": 3], choices: ["trust": "full"])
    let b = HyperparameterSet(numbers: ["length_scale": 2], choices: ["kernel": "laplacian"])
    let m = a.merging(b)
    #expect(m["length_scale"] == 2)
    #expect(m["kernel"] == nil)
    #expect(m.choice("kernel") == "laplacian")
    #expect(m.choice("trust") == "full")
  }

  @Test("the JSON and CSV reports write choices as strings and numbers as numbers")
  func reports() throws {
    let run = RunRecord(repeatIndex: 0, n: 4, trainingRows: 4, metrics: ErrorMetrics(mae: 1, rmse: 1, maxError: 1),
                        hyperparameters: HyperparameterSet(numbers: ["ridge": 0.001], choices: ["baseline": "taylor3"]),
                        fitSeconds: 0, predictSeconds: 0)
    let result = StudyResult(name: "toy", summary: "", seed: 1, sizes: [4], repeats: 1, testCount: 1, poolCount: 5,
                             labelUnit: "1", variants: [VariantResult(name: "none", summary: "", groupOrder: 1, runs: [run])])
    let json = result.jsonReport().rendered()
    #expect(json.contains("\"baseline\": \"taylor3\""))
    #expect(json.contains("\"ridge\": 0.001"))
    #expect(result.csvReport().contains(",baseline=taylor3;ridge=0.001,"))
  }
}
