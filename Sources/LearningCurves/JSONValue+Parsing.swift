import Foundation

extension JSONValue {
  /// Parses JSON text (RFC 8259) into a value, keeping the order of object keys.
  ///
  /// Strict where a hand-written study configuration goes wrong: no trailing commas, no
  /// comments, no duplicate keys, no NaN or infinite numbers, no number too large for a
  /// `Double` (such as `1e999`), nesting at most ``maximumNestingDepth`` deep. A UTF-8
  /// byte-order mark is skipped. Numbers become ``JSONValue/number(_:)``.
  ///
  /// ```swift
  /// try JSONValue(parsing: Data(#"{"sizes": [16, 32,]}"#.utf8))
  /// // throws: line 1, column 19: expected a value after ',' in an array, found ']'
  /// ```
  ///
  /// - Parameter data: UTF-8 text.
  /// - Throws: ``LearningCurvesError`` `.invalidConfiguration` whose message gives the 1-based
  ///   line and column (in Unicode scalars) of the first problem, what was expected there and
  ///   what was found.
  /// - Complexity: O(data.count).
  public init(parsing data: Data) throws(LearningCurvesError) {
    var parser = JSONParser(bytes: [UInt8](data))
    self = try parser.document()
  }

  /// The deepest nesting of arrays and objects ``init(parsing:)`` reads.
  public static let maximumNestingDepth = 64
}

/// A recursive-descent JSON reader over UTF-8 bytes that tracks line and column.
struct JSONParser {
  let bytes: [UInt8]
  var position = 0
  var depth = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  mutating func document() throws(LearningCurvesError) -> JSONValue {
    skipWhitespace()
    guard position < bytes.count else { throw failure("expected a JSON value, found the end of the text") }
    let value = try self.value()
    skipWhitespace()
    guard position == bytes.count else {
      throw failure("expected the end of the text after the top-level value, found \(found())")
    }
    return value
  }

  // MARK: - Values

  mutating func value() throws(LearningCurvesError) -> JSONValue {
    guard position < bytes.count else { throw failure("expected a value, found the end of the text") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw failure("expected a value (an object, array, string, number, true, false or null), found \(found())")
    }
  }

  mutating func object() throws(LearningCurvesError) -> JSONValue {
    try enter()
    position += 1  // {
    var pairs: [(String, JSONValue)] = []
    var keys = Set<String>()
    skipWhitespace()
    if peek(UInt8(ascii: "}")) { position += 1; depth -= 1; return .object(pairs) }
    while true {
      skipWhitespace()
      guard peek(UInt8(ascii: "\"")) else {
        throw failure(pairs.isEmpty ? "expected a key in double quotes, found \(found())"
                                    : "expected a key in double quotes after ',' in an object, found \(found())")
      }
      let keyStart = position
      let key = try string()
      guard keys.insert(key).inserted else {
        throw failure("the key \"\(key)\" appears twice in one object; keep one", at: keyStart)
      }
      skipWhitespace()
      guard peek(UInt8(ascii: ":")) else { throw failure("expected ':' after the key \"\(key)\", found \(found())") }
      position += 1
      skipWhitespace()
      pairs.append((key, try value()))
      skipWhitespace()
      if peek(UInt8(ascii: ",")) { position += 1; continue }
      if peek(UInt8(ascii: "}")) { position += 1; depth -= 1; return .object(pairs) }
      throw failure("expected ',' or '}' after the value of \"\(key)\", found \(found())")
    }
  }

  mutating func array() throws(LearningCurvesError) -> JSONValue {
    try enter()
    position += 1  // [
    var items: [JSONValue] = []
    skipWhitespace()
    if peek(UInt8(ascii: "]")) { position += 1; depth -= 1; return .array(items) }
    while true {
      skipWhitespace()
      if !items.isEmpty, peek(UInt8(ascii: "]")) || peek(UInt8(ascii: "}")) || position == bytes.count {
        throw failure("expected a value after ',' in an array, found \(found())")
      }
      items.append(try value())
      skipWhitespace()
      if peek(UInt8(ascii: ",")) { position += 1; continue }
      if peek(UInt8(ascii: "]")) { position += 1; depth -= 1; return .array(items) }
      throw failure("expected ',' or ']' after an array element, found \(found())")
    }
  }

  mutating func enter() throws(LearningCurvesError) {
    depth += 1
    guard depth <= JSONValue.maximumNestingDepth else {
      throw failure("arrays and objects nest more than \(JSONValue.maximumNestingDepth) deep; a study configuration needs 4")
    }
  }

  mutating func literal(_ word: String) throws(LearningCurvesError) {
    let expected = Array(word.utf8)
    guard bytes[position...].starts(with: expected) else {
      throw failure("expected \(word), found \(found())")
    }
    position += expected.count
  }

  /// A number by the JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  mutating func number() throws(LearningCurvesError) -> Double {
    let start = position
    func digits(_ p: inout Int) -> Int {
      let s = p
      while p < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[p]) { p += 1 }
      return p - s
    }
    var p = position
    if bytes[p] == UInt8(ascii: "-") { p += 1 }
    let integerStart = p
    let integerDigits = digits(&p)
    guard integerDigits > 0 else { position = p; throw failure("expected a digit after '-', found \(found())") }
    if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
      throw failure("a number may not start with 0 followed by digits (write 7, not 07)", at: start)
    }
    if p < bytes.count && bytes[p] == UInt8(ascii: ".") {
      p += 1
      guard digits(&p) > 0 else { position = p; throw failure("expected a digit after the decimal point, found \(found())") }
    }
    if p < bytes.count && (bytes[p] == UInt8(ascii: "e") || bytes[p] == UInt8(ascii: "E")) {
      p += 1
      if p < bytes.count && (bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-")) { p += 1 }
      guard digits(&p) > 0 else { position = p; throw failure("expected a digit in the exponent, found \(found())") }
    }
    let text = String(decoding: bytes[start..<p], as: UTF8.self)
    guard let x = Double(text), x.isFinite else {
      throw failure("the number \(text) is too large for a double-precision number (at most about 1.8e308)", at: start)
    }
    position = p
    return x
  }

  mutating func string() throws(LearningCurvesError) -> String {
    let start = position
    position += 1  // "
    var out: [UInt8] = []
    while true {
      guard position < bytes.count else { throw failure("a string opened here is never closed; add the closing '\"'", at: start) }
      let b = bytes[position]
      switch b {
      case UInt8(ascii: "\""):
        position += 1
        guard let s = String(validating: out, as: UTF8.self) else {
          throw failure("the string is not valid UTF-8 text; save the file as UTF-8", at: start)
        }
        return s
      case UInt8(ascii: "\\"):
        position += 1
        guard position < bytes.count else { throw failure("a string opened here is never closed; add the closing '\"'", at: start) }
        let e = bytes[position]
        position += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          let escapeStart = position - 2
          var scalar = try hex4()
          if (0xD800...0xDBFF).contains(scalar) {
            // A high surrogate must be followed by \u and a low surrogate.
            guard bytes[position...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
              throw failure("the escape \\u\(String(scalar, radix: 16, uppercase: true)) is half of a surrogate pair; give both halves or the character itself", at: escapeStart)
            }
            position += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else {
              throw failure("the escape \\u\(String(scalar, radix: 16, uppercase: true)) is not followed by a low surrogate", at: escapeStart)
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else if (0xDC00...0xDFFF).contains(scalar) {
            throw failure("the escape \\u\(String(scalar, radix: 16, uppercase: true)) is a lone low surrogate", at: escapeStart)
          }
          out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        default:
          throw failure("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: position - 2)
        }
      default:
        guard b >= 0x20 else {
          throw failure("a control character (byte \(b)) inside a string; write it as an escape such as \\n or \\t")
        }
        out.append(b)
        position += 1
      }
    }
  }

  mutating func hex4() throws(LearningCurvesError) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard position < bytes.count, let d = Self.hexDigit(bytes[position]) else {
        throw failure("expected four hexadecimal digits after \\u, found \(found())")
      }
      v = v * 16 + d
      position += 1
    }
    return v
  }

  static func hexDigit(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  // MARK: - Positions and messages

  mutating func skipWhitespace() {
    while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
  }

  func peek(_ b: UInt8) -> Bool { position < bytes.count && bytes[position] == b }

  /// What sits at the current position, for messages: `'}'`, `the end of the text`, `'tru'`.
  func found() -> String {
    guard position < bytes.count else { return "the end of the text" }
    let b = bytes[position]
    if b < 0x20 || b == 0x7F { return "a control character (byte \(b))" }
    guard Self.isWordByte(b) else { return "'\(Character(Unicode.Scalar(b)))'" }
    var end = position
    while end < bytes.count && end - position < 12 && Self.isWordByte(bytes[end]) { end += 1 }
    while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }  // whole UTF-8 sequences
    let more = end < bytes.count && Self.isWordByte(bytes[end])
    return "'" + String(decoding: bytes[position..<end], as: UTF8.self) + (more ? "…'" : "'")
  }

  static func isWordByte(_ b: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b >= 0x80 || b == UInt8(ascii: "_")
  }

  /// The 1-based line and column (in Unicode scalars) of byte `offset`.
  func location(of offset: Int) -> (line: Int, column: Int) {
    var line = 1, column = 1
    var k = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while k < min(offset, bytes.count) {
      if bytes[k] == 0x0A {
        line += 1; column = 1
      } else if bytes[k] & 0xC0 != 0x80 {
        column += 1
      }
      k += 1
    }
    return (line, column)
  }

  func failure(_ what: String, at offset: Int? = nil) -> LearningCurvesError {
    let (line, column) = location(of: offset ?? position)
    return LearningCurvesError(.invalidConfiguration, "The study configuration is not valid JSON: line \(line), column \(column): \(what).")
  }
}
