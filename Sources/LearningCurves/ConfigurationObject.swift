import Foundation

/// A JSON object from a study configuration, read field by field with typed errors.
///
/// Every read records the key as known; ``rejectUnknownKeys(valid:)`` then refuses any other key,
/// naming it, the object it sits in, and the valid keys. Numbers arrive from
/// `JSONSerialization` as `NSNumber`; integers must be integral.
struct ConfigurationObject {
  /// Where this object sits, for messages: `the configuration`, `source`, `variants[2]`.
  let path: String
  let fields: [String: Any]

  init(_ value: Any, path: String) throws(LearningCurvesError) {
    guard let fields = value as? [String: Any] else {
      throw LearningCurvesError(.invalidConfiguration,
        "\(path.prefix(1).uppercased() + path.dropFirst()) must be a JSON object ({…}), got \(ConfigurationObject.describe(value)); see Examples/configs/ for the format.")
    }
    self.path = path
    self.fields = fields
  }

  /// Throws for the first key (alphabetically) not in `valid`, listing the valid keys.
  func rejectUnknownKeys(valid: [String]) throws(LearningCurvesError) {
    if let bad = fields.keys.sorted().first(where: { !valid.contains($0) }) {
      throw LearningCurvesError(.invalidConfiguration,
        "Unknown field '\(bad)' in \(path); valid fields are \(valid.joined(separator: ", ")); remove it or correct its spelling.")
    }
  }

  func has(_ key: String) -> Bool { fields[key] != nil && !(fields[key] is NSNull) }

  func string(_ key: String) throws(LearningCurvesError) -> String? {
    guard has(key) else { return nil }
    guard let s = fields[key] as? String else { throw wrongType(key, "a string") }
    return s
  }

  func bool(_ key: String) throws(LearningCurvesError) -> Bool? {
    guard has(key) else { return nil }
    guard let n = fields[key] as? NSNumber, ConfigurationObject.isBoolean(n) else { throw wrongType(key, "true or false") }
    return n.boolValue
  }

  func strings(_ key: String) throws(LearningCurvesError) -> [String]? {
    guard has(key) else { return nil }
    guard let array = fields[key] as? [Any], array.allSatisfy({ $0 is String }) else {
      throw wrongType(key, "an array of strings")
    }
    return array.map { $0 as! String }
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

  func integer(_ key: String) throws(LearningCurvesError) -> Int? {
    guard has(key) else { return nil }
    guard let n = ConfigurationObject.number(fields[key]!), n == n.rounded(), abs(n) < 9.0e15 else {
      throw wrongType(key, "a whole number")
    }
    return Int(n)
  }

  func doubles(_ key: String) throws(LearningCurvesError) -> [Double]? {
    guard has(key) else { return nil }
    guard let array = fields[key] as? [Any] else { throw wrongType(key, "an array of numbers") }
    var out: [Double] = []
    for item in array {
      guard let n = ConfigurationObject.number(item), n.isFinite else { throw wrongType(key, "an array of finite numbers") }
      out.append(n)
    }
    return out
  }

  func integers(_ key: String) throws(LearningCurvesError) -> [Int]? {
    guard let values = try doubles(key) else { return nil }
    guard values.allSatisfy({ $0 == $0.rounded() && abs($0) < 9.0e15 }) else { throw wrongType(key, "an array of whole numbers") }
    return values.map { Int($0) }
  }

  /// An array of arrays of numbers (a matrix given row by row).
  func rows(_ key: String) throws(LearningCurvesError) -> [[Double]]? {
    guard has(key) else { return nil }
    guard let array = fields[key] as? [Any] else { throw wrongType(key, "an array of rows (arrays of numbers)") }
    var out: [[Double]] = []
    for row in array {
      guard let items = row as? [Any] else { throw wrongType(key, "an array of rows (arrays of numbers)") }
      var values: [Double] = []
      for item in items {
        guard let n = ConfigurationObject.number(item), n.isFinite else { throw wrongType(key, "an array of rows of finite numbers") }
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

  func array(_ key: String) throws(LearningCurvesError) -> [Any]? {
    guard has(key) else { return nil }
    guard let a = fields[key] as? [Any] else { throw wrongType(key, "an array") }
    return a
  }

  func missing(_ key: String, hint: String) -> LearningCurvesError {
    LearningCurvesError(.invalidConfiguration, "\(path.prefix(1).uppercased() + path.dropFirst()) has no '\(key)' field; \(hint).")
  }

  func wrongType(_ key: String, _ expected: String) -> LearningCurvesError {
    LearningCurvesError(.invalidConfiguration,
      "Field '\(key)' in \(path) is \(ConfigurationObject.describe(fields[key] as Any)); it must be \(expected).")
  }

  /// A JSON number as a Double; booleans are not numbers.
  static func number(_ value: Any) -> Double? {
    guard let n = value as? NSNumber, !isBoolean(n) else { return nil }
    return n.doubleValue
  }

  static func isBoolean(_ n: NSNumber) -> Bool {
    #if canImport(Darwin)
    return CFGetTypeID(n) == CFBooleanGetTypeID()
    #else
    return n === NSNumber(value: true) || n === NSNumber(value: false) || String(cString: n.objCType) == "c"
    #endif
  }

  /// A short rendering of a JSON value for messages.
  static func describe(_ value: Any) -> String {
    switch value {
    case let s as String: return "the string \"\(s)\""
    case let n as NSNumber: return isBoolean(n) ? "the boolean \(n.boolValue)" : "the number \(n)"
    case is [Any]: return "an array"
    case is [String: Any]: return "an object"
    case is NSNull: return "null"
    default: return "\(value)"
    }
  }
}
