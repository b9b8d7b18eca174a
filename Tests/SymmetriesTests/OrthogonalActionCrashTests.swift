import LinearAlgebra
import Symmetries
import Testing

/// Preconditions of `OrthogonalAction` (programmer errors inside the package trap).
@Suite struct OrthogonalActionCrashTests {
  @Test("composing elements about different centres traps")
  func differentCentres() async {
    await #expect(processExitsWith: .failure) {
      let a = OrthogonalAction.identity(dimension: 2, centre: [0, 0])
      let b = OrthogonalAction.identity(dimension: 2, centre: [1, 0])
      _ = a.composed(with: b)
    }
  }

  @Test("applying to a point of the wrong dimension traps")
  func wrongDimension() async {
    await #expect(processExitsWith: .failure) {
      _ = OrthogonalAction.identity(dimension: 3).apply(to: [1, 2])
    }
  }
}
