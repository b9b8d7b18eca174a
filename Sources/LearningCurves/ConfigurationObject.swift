import Foundation

/// A JSON object from a study configuration, read field by field with typed errors.
///
/// ``rejectUnknownKeys(valid:)`` refuses any key not in the list, naming it, the object it sits
/// in, and the valid keys. Numbers arrive as `Double`s (``JSONValue/init(parsing:)``); whole
/// numbers must be integral and within the field's range, which the message states.
struct ConfigurationObject {
  /// Where this object sits, for messages: `the configuration`, `source`, `variants[2]`.
  let path: String
  let fields: [String: JSONValue]

  /// The largest whole number a field holds exactly (2⁵³): JSON numbers are doubles.
  static let largestWholeNumber = 9_007_199_254_740_992

  init(_ value: JSONValue, path: String) throws(LearningCurvesError) {
    guard case .object(let pairs) = value else {
      throw LearningCurvesError(.invalidConfiguration,
        "\(path.prefix(1).uppercased() + path.dropFirst()) must be a JSON object ({…}), got \(ConfigurationObject.describe(value)); see Examples/configs/ for the format.")
    }
    self.path = path
    self.fields = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
  }

  /// Throws for the first key (alphabetically) not in `valid`, listing the valid keys.
  func rejectUnknownKeys(valid: [String]) throws(LearningCurvesError) {
    if let bad = fields.keys.sorted().first(where: { !valid.contains($0) }) {
      throw LearningCurvesError(.invalidConfiguration,
        "Unknown field '\(bad)' in \(path); valid fields are \(valid.joined(separator: ", ")); remove it or correct its spelling.")
    }
  }

  func has(_ key: String) -> Bool {
    guard let value = fields[key] else { return false }
    if case .null = value { return false }
    return true
  }

  func string(_ key: String) throws(LearningCurvesError) -> String? {
    guard has(key) else { return nil }
    guard case .string(let s) = fields[key]! else { throw wrongType(key, "a string") }
    return s
  }

  func bool(_ key: String) throws(LearningCurvesError) -> Bool? {
    guard has(key) else { return nil }
    guard case .bool(let b) = fields[key]! else { throw wrongType(key, "true or false") }
    return b
  }

  func strings(_ key: String) throws(LearningCurvesError) -> [String]? {
    guard has(key) else { return nil }
    guard case .array(let array) = fields[key]! else { throw wrongType(key, "an array of strings") }
    var out: [String] = []
    for item in array {
      guard case .string(let s) = item else { throw wrongType(key, "an array of strings") }
      out.append(s)
    }
    return out
  }

  func requiredString(_ key: String, hint: String) throws(LearningCurvesError) -> String {
    guard let s = try string(key) else { throw missing(key, hint: hint) }
    return s
  }

  func double(_ key: String) throws(LearningCurvesError) -> Double? {
    guard has(key) else { return nil }
    guard let n = ConfigurationObject.number(fields[key]!), n.isFinite else { throw wrongType(key, "a finite number") }
    return n
  }

  /// A whole number in `range` (a value outside it is refused with the range in the message).
  func integer(_ key: String, in range: ClosedRange<Int> = -largestWholeNumber...largestWholeNumber,
               why: String? = nil) throws(LearningCurvesError) -> Int? {
    guard has(key) else { return nil }
    guard let n = ConfigurationObject.number(fields[key]!), n == n.rounded() else { throw wrongType(key, "a whole number") }
    return try ConfigurationObject.whole(n, in: range) { () -> LearningCurvesError in
      outOfRange(key, ConfigurationObject.describe(fields[key]!), range, why: why)
    }
  }

  func doubles(_ key: String) throws(LearningCurvesError) -> [Double]? {
    guard has(key) else { return nil }
    guard case .array(let array) = fields[key]! else { throw wrongType(key, "an array of numbers") }
    var out: [Double] = []
    for item in array {
      guard let n = ConfigurationObject.number(item) else { throw wrongType(key, "an array of finite numbers") }
      out.append(n)
    }
    return out
  }

  /// An array of whole numbers, each in `range`.
  func integers(_ key: String, in range: ClosedRange<Int> = -largestWholeNumber...largestWholeNumber,
                why: String? = nil) throws(LearningCurvesError) -> [Int]? {
    guard let values = try doubles(key) else { return nil }
    var out: [Int] = []
    for n in values {
      guard n == n.rounded() else { throw wrongType(key, "an array of whole numbers") }
      out.append(try ConfigurationObject.whole(n, in: range) { () -> LearningCurvesError in
        outOfRange(key, "an array holding \(ConfigurationObject.describe(.number(n)))", range, why: why)
      })
    }
    return out
  }

  /// `n` as an `Int` when it lies in `range` (compared as doubles first: no overflow).
  static func whole(_ n: Double, in range: ClosedRange<Int>,
                    otherwise error: () -> LearningCurvesError) throws(LearningCurvesError) -> Int {
    guard n >= Double(range.lowerBound) && n <= Double(range.upperBound) else { throw error() }
    let i = Int(n)
    guard range.contains(i) else { throw error() }
    return i
  }

  /// An array of arrays of numbers (a matrix given row by row).
  func rows(_ key: String) throws(LearningCurvesError) -> [[Double]]? {
    guard has(key) else { return nil }
    guard case .array(let array) = fields[key]! else { throw wrongType(key, "an array of rows (arrays of numbers)") }
    var out: [[Double]] = []
    for row in array {
      guard case .array(let items) = row else { throw wrongType(key, "an array of rows (arrays of numbers)") }
      var values: [Double] = []
      for item in items {
        guard let n = ConfigurationObject.number(item) else { throw wrongType(key, "an array of rows of finite numbers") }
        values.append(n)
      }
      out.append(values)
    }
    return out
  }

  func object(_ key: String) throws(LearningCurvesError) -> ConfigurationObject? {
    guard has(key) else { return nil }
    return try ConfigurationObject(fields[key]!, path: key)
  }

  func array(_ key: String) throws(LearningCurvesError) -> [JSONValue]? {
    guard has(key) else { return nil }
    guard case .array(let a) = fields[key]! else { throw wrongType(key, "an array") }
    return a
  }

  func missing(_ key: String, hint: String) -> LearningCurvesError {
    LearningCurvesError(.invalidConfiguration, "\(path.prefix(1).uppercased() + path.dropFirst()) has no '\(key)' field; \(hint).")
  }

  func wrongType(_ key: String, _ expected: String) -> LearningCurvesError {
    LearningCurvesError(.invalidConfiguration,
      "Field '\(key)' in \(path) is \(ConfigurationObject.describe(fields[key] ?? .null)); it must be \(expected).")
  }

  func outOfRange(_ key: String, _ what: String, _ range: ClosedRange<Int>, why: String?) -> LearningCurvesError {
    LearningCurvesError(.invalidConfiguration,
      "Field '\(key)' in \(path) is \(what); it must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        + (why.map { " (\($0))" } ?? "") + ".")
  }

  /// A JSON number as a Double (finite by ``JSONValue/init(parsing:)``).
  static func number(_ value: JSONValue) -> Double? {
    switch value {
    case .number(let x): x.isFinite ? x : nil
    case .integer(let i): Double(i)
    default: nil
    }
  }

  /// A short rendering of a JSON value for messages.
  static func describe(_ value: JSONValue) -> String {
    switch value {
    case .string(let s): "the string \"\(s)\""
    case .number(let x): "the number \(x == x.rounded() && abs(x) <= 9.007_199_254_740_992e15 ? String(Int(x)) : "\(x)")"
    case .integer(let i): "the number \(i)"
    case .bool(let b): "the boolean \(b)"
    case .array: "an array"
    case .object: "an object"
    case .null: "null"
    }
  }
}
