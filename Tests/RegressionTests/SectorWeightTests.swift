import Regression
import Testing

@Suite("SectorWeight")
struct SectorWeightTests {
  @Test("a positive weight is a free log-space hyperparameter; zero or fixed weights are fixed")
  func hyperparameter() {
    let free = SectorWeight(name: "odd in q1", sectors: [1, 3], value: 0.25, bounds: 1e-4...10)
    #expect(free.isFree && free.hyperparameter == Hyperparameter(name: "weight[odd in q1]", value: 0.25, bounds: 1e-4...10))
    #expect(free.description == "odd in q1 = 0.25 on sectors [1, 3]")
    let zero = SectorWeight(name: "odd in q3", sectors: [4, 5, 6, 7], value: 0)
    #expect(!zero.isFree && zero.hyperparameter.isFixed && zero.hyperparameter.bounds == 0...0)
    #expect(zero.description == "odd in q3 = 0.0 (fixed) on sectors [4, 5, 6, 7]")
    let fixed = SectorWeight(name: "even", sectors: [0], value: 1, isFixed: true)
    #expect(!fixed.isFree && fixed.hyperparameter.isFixed && fixed.hyperparameter.bounds == 1e-5...1e5)
  }
}
