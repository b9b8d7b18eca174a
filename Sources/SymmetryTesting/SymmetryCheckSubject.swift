public import LinearAlgebra
public import Regression
public import Symmetries

/// What a ``SymmetryCheck`` runs on: a symmetry, and optionally a label function, sample
/// points, a kernel and a stated error bound, with the seed for every random draw.
///
/// Checks take what they need and skip what is absent (``SymmetryCheck/isApplicable(to:)``).
/// For a continuous group the elements under test are the identity followed by
/// ``elementDraws`` Haar draws seeded by ``seed`` (``elementsUnderTest``), so a failure names
/// a reproducible draw.
public struct SymmetryCheckSubject: Sendable {
  /// The symmetry under test.
  public let symmetry: any LabelSymmetry
  /// The label function f, in the label's units, if given.
  public let label: (@Sendable ([Double]) -> Double)?
  /// Sample points, N × d (one per row), if given.
  public let sample: Matrix?
  /// A kernel the symmetry is to be used with, if given.
  public let kernel: (any Kernel)?
  /// The seed of every random draw the checks make.
  public let seed: UInt64
  /// For approximate symmetries: the stated bound on |f(x) + c_g(x) − f(g·x)| (label units).
  /// `nil` means the label-invariance check's relative default.
  public let labelBound: Double?
  /// How many Haar draws stand for a continuous group in the per-element checks.
  public let elementDraws: Int
  /// How many Haar draws the Haar-sampling check uses for its moments.
  public let haarDraws: Int

  /// A subject, validated.
  ///
  /// - Parameters:
  ///   - symmetry: the symmetry under test.
  ///   - label: f, if label invariance is to be checked (`@Sendable` so a subject can be a
  ///     static test fixture).
  ///   - sample: N × d points to check labels, corrections and kernels at.
  ///   - kernel: a kernel to check invariance of.
  ///   - seed: the seed of every random draw.
  ///   - labelBound: the stated label-error bound for approximate symmetries (≥ 0).
  ///   - elementDraws: Haar draws standing for a continuous group (≥ 1).
  ///   - haarDraws: Haar draws for the moment checks (≥ 100).
  /// - Throws: ``SymmetryTestingError`` `.dimensionMismatch` when the sample's width is not
  ///   the symmetry's dimension, `.invalidSample` for an empty or non-finite sample,
  ///   `.invalidParameter` for counts or a bound out of range.
  public init(symmetry: any LabelSymmetry, label: (@Sendable ([Double]) -> Double)? = nil, sample: Matrix? = nil,
              kernel: (any Kernel)? = nil, seed: UInt64 = 0, labelBound: Double? = nil,
              elementDraws: Int = 16, haarDraws: Int = 4000) throws(SymmetryTestingError) {
    if let sample {
      guard sample.columns == symmetry.dimension else {
        throw SymmetryTestingError(.dimensionMismatch,
                                   "The sample has \(sample.columns) columns but \(symmetry.name) acts on "
                                     + "\(symmetry.dimension) coordinates; give one sample point per row with "
                                     + "\(symmetry.dimension) entries.", value: Double(sample.columns))
      }
      guard sample.rows >= 1 else {
        throw SymmetryTestingError(.invalidSample, "The sample has no rows; give at least one point (10–50 is typical).")
      }
      if let bad = sample.elements.firstIndex(where: { !$0.isFinite }) {
        throw SymmetryTestingError(.invalidSample,
                                   "The sample has a non-finite value \(sample.elements[bad]) in row "
                                     + "\(bad / sample.columns); give finite sample points.", value: sample.elements[bad])
      }
    }
    if let labelBound, !(labelBound >= 0) || !labelBound.isFinite {
      throw SymmetryTestingError(.invalidParameter,
                                 "The label bound must be finite and ≥ 0, got \(labelBound); state the largest "
                                   + "acceptable |f(x) + c_g(x) − f(g·x)| in label units.", value: labelBound)
    }
    guard elementDraws >= 1 else {
      throw SymmetryTestingError(.invalidParameter,
                                 "elementDraws must be ≥ 1, got \(elementDraws); 16 is the default.", value: Double(elementDraws))
    }
    guard haarDraws >= 100 else {
      throw SymmetryTestingError(.invalidParameter,
                                 "haarDraws must be ≥ 100 for meaningful moments, got \(haarDraws); 4000 is the default.",
                                 value: Double(haarDraws))
    }
    self.symmetry = symmetry
    self.label = label
    self.sample = sample
    self.kernel = kernel
    self.seed = seed
    self.labelBound = labelBound
    self.elementDraws = elementDraws
    self.haarDraws = haarDraws
  }

  /// The symmetry as a finite group, if it is one.
  public var finite: (any FiniteLabelSymmetry)? { symmetry as? any FiniteLabelSymmetry }

  /// The symmetry as a continuous group, if it is one.
  public var continuous: (any ContinuousLabelSymmetry)? { symmetry as? any ContinuousLabelSymmetry }

  /// The elements the per-element checks test: all listed elements of a finite group; the
  /// identity followed by ``elementDraws`` seeded Haar draws of a continuous group; the
  /// identity alone otherwise.
  ///
  /// - Complexity: O(|G| d²) to build.
  public var elementsUnderTest: [OrthogonalAction] {
    if let finite { return finite.elements }
    let identity = OrthogonalAction.identity(dimension: symmetry.dimension, centre: symmetry.centre)
    guard let continuous else { return [identity] }
    var generator = SeededGenerator(seed: seed)
    return [identity] + (0..<elementDraws).map { _ in continuous.randomElement(using: &generator) }
  }

  /// The sample rows as arrays.
  var points: [[Double]] {
    guard let sample else { return [] }
    return (0..<sample.rows).map { sample.row($0) }
  }

  /// `true` when `element` can act on this symmetry's inputs (a d × d matrix and a d-vector centre).
  func acts(_ element: OrthogonalAction) -> Bool {
    element.matrix.rows == symmetry.dimension && element.matrix.columns == symmetry.dimension
      && element.centre.count == symmetry.dimension
  }
}
