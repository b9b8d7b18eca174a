/// The weight of one group of sectors of a ``CharacterWeightedKernel``: a name, the sectors it
/// covers (indices into the `CharacterTable`'s sectors), its value and how an optimiser treats it.
///
/// Tying sectors to one weight states which parts of a symmetry are trusted alike; for water's
/// normal coordinates (q₁, q₂ approximate, q₃ exact) under Z2³:
///
/// ```swift
/// let table = try CharacterTable(signFlips: flips, coordinateNames: ["q1", "q2", "q3"])
/// let weights = [
///   SectorWeight(name: "even", sectors: [0], value: 1, isFixed: true),
///   SectorWeight(name: "odd in q1", sectors: table.sectorIndices { $0.isOdd(in: 0) && !$0.isOdd(in: 2) }, value: b1),
///   SectorWeight(name: "odd only in q2", sectors: table.sectorIndices { $0.oddCoordinates == [1] }, value: b2),
///   SectorWeight(name: "odd in q3", sectors: table.sectorIndices { $0.isOdd(in: 2) }, value: 0),
/// ]
/// ```
///
/// A weight of 0 switches its sectors off exactly (an exact sub-symmetry); it is always fixed,
/// since it has no logarithm. Other weights are optimised in log space within ``bounds`` unless
/// ``isFixed``.
public struct SectorWeight: Sendable, Hashable, CustomStringConvertible {
  /// A name, distinct within the kernel; the hyperparameter is called "weight[name]".
  public var name: String
  /// The sectors this weight applies to (indices into the character table's sectors).
  public var sectors: [Int]
  /// The weight w ≥ 0 (dimensionless: 1 keeps the sectors as in the base kernel).
  public var value: Double
  /// Optimisation bounds of a free, positive weight (positive and finite).
  public var bounds: ClosedRange<Double>
  /// Whether optimisers keep the weight as it is (always the case for 0).
  public var isFixed: Bool

  /// A weight for a group of sectors.
  ///
  /// - Parameters:
  ///   - name: a distinct, non-empty name.
  ///   - sectors: the sector indices it covers.
  ///   - value: w ≥ 0, finite.
  ///   - bounds: optimisation bounds of w (default 1e-5…1e5, as for every hyperparameter).
  ///   - isFixed: whether optimisers keep w fixed (0 is fixed regardless).
  public init(name: String, sectors: [Int], value: Double, bounds: ClosedRange<Double> = 1e-5...1e5,
              isFixed: Bool = false) {
    self.name = name
    self.sectors = sectors
    self.value = value
    self.bounds = bounds
    self.isFixed = isFixed
  }

  /// `true` when an optimiser may change the weight: not fixed, and positive.
  public var isFree: Bool { !isFixed && value > 0 }

  /// The weight as a kernel hyperparameter, "weight[name]"; a zero weight is fixed with bounds 0...0.
  public var hyperparameter: Hyperparameter {
    Hyperparameter(name: "weight[\(name)]", value: value, bounds: value == 0 ? 0...0 : bounds, isFixed: !isFree)
  }

  /// "name = value on sectors […]".
  public var description: String { "\(name) = \(value)\(isFree ? "" : " (fixed)") on sectors \(sectors)" }
}
