/// One hyperparameter candidate of a ``Variant``, or the values a fitted model settled on: named
/// numbers (length scale, ridge, copy ridge ε², sector weights, …) and named categorical choices
/// (kernel family, trust level, baseline on or off, …).
///
/// A dictionary literal gives the numbers, so grids of numbers read as before:
///
/// ```swift
/// let candidate: HyperparameterSet = ["length_scale": 0.5, "ridge": 1e-6]
/// candidate["ridge"]                  // 1e-06
/// var soft = candidate
/// soft.choices["trust"] = "copy-ridge"
/// soft.description                    // "length_scale=0.5;ridge=1e-06;trust=copy-ridge"
/// ```
///
/// Reports write numbers as JSON numbers and choices as JSON strings, in one object sorted by
/// name; a name is either a number or a choice, never both (``init(numbers:choices:)`` checks it).
public struct HyperparameterSet: Sendable, Hashable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
  /// Numeric hyperparameters by name. Values are finite: a report cannot hold ∞ (say "no
  /// symmetry" with a choice instead of an infinite copy ridge).
  public var numbers: [String: Double]
  /// Categorical hyperparameters by name (e.g. `"kernel": "laplacian"`).
  public var choices: [String: String]

  /// A set from numbers and choices.
  /// - Precondition: no name is both a number and a choice.
  public init(numbers: [String: Double] = [:], choices: [String: String] = [:]) {
    precondition(Set(numbers.keys).isDisjoint(with: choices.keys),
                 "Hyperparameter names \(Set(numbers.keys).intersection(choices.keys).sorted()) are both numbers and choices")
    self.numbers = numbers
    self.choices = choices
  }

  /// An empty set.
  public init() { self.init(numbers: [:], choices: [:]) }

  /// Numbers from a dictionary literal; later duplicates win.
  public init(dictionaryLiteral elements: (String, Double)...) {
    self.init(numbers: Dictionary(elements, uniquingKeysWith: { $1 }))
  }

  /// The number named `name`, or `nil`.
  public subscript(_ name: String) -> Double? {
    get { numbers[name] }
    set { numbers[name] = newValue }
  }

  /// The choice named `name`, or `nil`.
  public func choice(_ name: String) -> String? { choices[name] }

  /// This set with the entries of `other` added (`other` wins on a shared name).
  public func merging(_ other: HyperparameterSet) -> HyperparameterSet {
    var merged = self
    for (k, v) in other.numbers { merged.choices[k] = nil; merged.numbers[k] = v }
    for (k, v) in other.choices { merged.numbers[k] = nil; merged.choices[k] = v }
    return merged
  }

  /// Every entry as (name, value) sorted by name, numbers as `.number` and choices as `.string`.
  public var sortedEntries: [(name: String, value: Entry)] {
    (numbers.map { ($0.key, Entry.number($0.value)) } + choices.map { ($0.key, Entry.choice($0.value)) })
      .sorted { $0.0 < $1.0 }
  }

  /// A number or a choice.
  public enum Entry: Sendable, Hashable {
    case number(Double)
    case choice(String)
  }

  /// `name=value` pairs sorted by name, joined by `;` (the CSV report's format).
  public var description: String {
    sortedEntries.map { entry in
      switch entry.value {
      case .number(let v): "\(entry.name)=\(JSONValue.format(v))"
      case .choice(let s): "\(entry.name)=\(s)"
      }
    }.joined(separator: ";")
  }
}
