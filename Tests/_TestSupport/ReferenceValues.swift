// Internal test support: reference values shared by several test targets.

/// Independent truths from the project's references.
public enum ReferenceValues {
  /// The five check values of the Partridge–Schwenke water surface (reference/water-pes.md §6):
  /// r₁, r₂ (bohr), θ (rad) and V (hartree) from the compiled reference routine.
  public static let waterCheckValues: [(r1: Double, r2: Double, theta: Double, energy: Double)] = [
    (1.8, 1.8, 1.8, 1.152184307655441e-04),
    (1.7, 2.0, 1.6, 1.5295657472602482e-02),
    (2.2, 1.9, 2.2, 4.2050326507747204e-02),
    (2.0, 2.0, 1.3, 3.284292632922186e-02),
    (1.6, 2.4, 2.6, 1.0641228063797765e-01),
  ]

  /// Harmonic wavenumbers of H₂¹⁶O on that surface (cm⁻¹): q₁, q₂, q₃ (reference/water-pes.md §7).
  public static let waterWavenumbers = [3832.763706977, 1649.071595886, 3944.325112922]
}
