import Foundation
import LinearAlgebra
import Symmetries

/// Checks k(g·x, g·x′) = k(x, x′) for every element on seeded points at several scales (0.3, 1, 3
/// input units) about the symmetry's centre; throws `kernelNotInvariant` naming the element, the
/// points and both values.
func checkKernelInvariance(_ base: some Kernel, symmetry: some FiniteLabelSymmetry, route: String,
                           tolerance: Double) throws(SymmetryError) {
  var rng = SeededGenerator(seed: 0x5EED_1417)
  let d = symmetry.dimension
  let c = symmetry.centre
  for scale in [0.3, 1.0, 3.0] {
    for _ in 0..<4 {
      let x = (0..<d).map { c[$0] + scale * rng.gaussian() }
      let y = (0..<d).map { x[$0] + scale * 0.5 * rng.gaussian() }
      let k0 = base.value(x, y)
      for (gi, g) in symmetry.elements.enumerated() {
        let k1 = base.value(g.apply(to: x), g.apply(to: y))
        let difference = abs(k1 - k0)
        if difference > tolerance * max(abs(k0), abs(k1)) && difference > 1e-300 {
          throw SymmetryError(.kernelNotInvariant,
                              "The kernel is not invariant under element \(gi) of \(symmetry.name): "
                                + "k(x, x′) = \(k0) but k(g·x, g·x′) = \(k1) at x = \(x), x′ = \(y) "
                                + "(relative tolerance \(tolerance)). The \(route) route needs k(g·x, g·x′) = k(x, x′); use "
                                + "an isotropic kernel (one length scale) or explicit augmentation (route .augment).",
                              value: difference, indices: [gi])
        }
      }
    }
  }
}
