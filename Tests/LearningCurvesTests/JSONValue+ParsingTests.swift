import Foundation
import LearningCurves
import Testing

@Suite("JSONValue parsing")
struct JSONValueParsingTests {
  func parse(_ text: String) throws(LearningCurvesError) -> JSONValue { try JSONValue(parsing: Data(text.utf8)) }

  func failure(_ text: String) -> String? {
    do { _ = try parse(text); return nil } catch { return error.message }
  }

  @Test("reads every JSON value, keeping key order, escapes and surrogate pairs")
  func values() throws {
    let v = try parse("\u{FEFF} {\"b\": [1, -2.5e3, true, false, null], \"a\": \"x\\n\\u00e9\\ud83d\\ude00\\/\"} ")
    #expect(v == .object([("b", .array([.number(1), .number(-2500), .bool(true), .bool(false), .null])),
                          ("a", .string("x\né😀/"))]))
    guard case .object(let pairs) = v else { Issue.record("not an object"); return }
    #expect(pairs.map(\.0) == ["b", "a"])
    #expect(try parse("[]") == .array([]) && parse("{}") == .object([]))
  }

  @Test("each malformed input names line, column, what was expected and what was found", arguments: [
    ("", "line 1, column 1: expected a JSON value, found the end of the text."),
    ("[1, 2", "line 1, column 6: expected ',' or ']' after an array element, found the end of the text."),
    ("{\"a\" 1}", "line 1, column 6: expected ':' after the key \"a\", found '1'."),
    ("{\"a\": 1,\n \"b\": 2,}", "line 2, column 9: expected a key in double quotes after ',' in an object, found '}'."),
    ("{\"a\": 01}", "line 1, column 7: a number may not start with 0 followed by digits (write 7, not 07)."),
    ("[1.]", "line 1, column 4: expected a digit after the decimal point, found ']'."),
    ("[NaN]", "line 1, column 2: expected a value (an object, array, string, number, true, false or null), found 'NaN'."),
    ("\"abc", "line 1, column 1: a string opened here is never closed; add the closing '\"'."),
    ("\"a\u{01}\"", "line 1, column 3: a control character (byte 1) inside a string; write it as an escape such as \\n or \\t."),
    ("\"\\q\"", "line 1, column 2: unknown escape '\\q' in a string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX."),
    ("\"\\ud800\"", "line 1, column 2: the escape \\uD800 is half of a surrogate pair; give both halves or the character itself."),
    ("\"\\udc00\"", "line 1, column 2: the escape \\uDC00 is a lone low surrogate."),
    ("{} x", "line 1, column 4: expected the end of the text after the top-level value, found 'x'."),
    ("{\"é\": tru}", "line 1, column 7: expected true, found 'tru'."),
  ])
  func malformed(text: String, expected: String) {
    #expect(failure(text) == "The study configuration is not valid JSON: " + expected)
  }

  @Test("invalid UTF-8 inside a string is refused, not replaced")
  func invalidUTF8() {
    let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
    #expect(throws: LearningCurvesError.self) { try JSONValue(parsing: Data(bytes)) }
  }

  @Test("nesting deeper than 64 levels is refused without exhausting the stack")
  func deepNesting() {
    #expect(failure(String(repeating: "[", count: 100_000))?.contains("nest more than 64 deep") == true)
    #expect(throws: Never.self) { try parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) }
  }
}
