import Foundation

/// A JSON document with ordered object keys and a deterministic rendering.
///
/// Reports must be byte-identical for one seed, so key order is the order of construction and
/// numbers are written with Swift's shortest round-trip representation (`"\(double)"`):
/// a value read back with `Double(String)` has the same bits. NaN and infinities, which JSON
/// cannot represent, are written as `null`.
public indirect enum JSONValue: Sendable, Equatable {
  case object([(String, JSONValue)])
  case array([JSONValue])
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case null

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }

  /// A number, or `null` when `value` is nil or not finite.
  public static func optional(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  /// The JSON text, indented by two spaces per level, ending without a newline.
  public func rendered(indent: Int = 0) -> String {
    var out = ""
    write(into: &out, indent: indent)
    return out
  }

  private func write(into out: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent + 1)
    let closePad = String(repeating: "  ", count: indent)
    switch self {
    case .object(let pairs):
      if pairs.isEmpty { out += "{}"; return }
      out += "{\n"
      for (i, (key, value)) in pairs.enumerated() {
        out += pad + JSONValue.quoted(key) + ": "
        value.write(into: &out, indent: indent + 1)
        out += i + 1 < pairs.count ? ",\n" : "\n"
      }
      out += closePad + "}"
    case .array(let items):
      if items.isEmpty { out += "[]"; return }
      // Arrays of scalars stay on one line; arrays of objects get one element per line.
      if items.allSatisfy({ if case .object = $0 { return false }; if case .array = $0 { return false }; return true }) {
        out += "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad
        item.write(into: &out, indent: indent + 1)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += closePad + "]"
    case .number(let v):
      out += v.isFinite ? JSONValue.format(v) : "null"
    case .integer(let v):
      out += String(v)
    case .string(let s):
      out += JSONValue.quoted(s)
    case .bool(let b):
      out += b ? "true" : "false"
    case .null:
      out += "null"
    }
  }

  static func format(_ v: Double) -> String {
    if v == v.rounded(), Swift.abs(v) < 1e15 { return String(Int(v)) }
    return "\(v)"
  }

  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out + "\""
  }
}
