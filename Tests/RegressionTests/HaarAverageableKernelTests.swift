// The radial families and the kernels that declare them.
import Foundation
import Regression
import Testing

@Suite("HaarAverageableKernel")
struct HaarAverageableKernelTests {
  @Test("each shipped radial kernel declares its family, whose names match the type and the configuration names")
  func families() {
    let declared: [(any HaarAverageableKernel.Type, RadialKernelFamily)] = [
      (GaussianKernel.self, .gaussian), (LaplacianKernel.self, .laplacian), (Matern32Kernel.self, .matern32),
      (Matern52Kernel.self, .matern52),
    ]
    for (type, family) in declared {
      #expect(type.radialFamily == family)
      #expect(family.kernelTypeName == String(describing: type))
    }
    #expect(RadialKernelFamily.allCases.map(\.rawValue) == ["gaussian", "laplacian", "matern32", "matern52"])
    #expect(RadialKernelFamily.allCases.map(\.description) == ["Gaussian", "Laplacian", "Matérn 3/2", "Matérn 5/2"])
    #expect(RadialKernelFamily(rawValue: "matern52") == .matern52 && RadialKernelFamily(rawValue: "rbf") == nil)
  }
}
