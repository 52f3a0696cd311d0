// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing

@testable import PolicyLanguage

/// The byte-matching keyword initializers accept exactly what `init(rawValue:)` accepts.
@Suite struct KeywordTests {
  /// `read` applied to the first token of `text`, while its lexer is alive.
  private func firstToken<Value>(_ text: String, _ read: (Token) -> Value) -> Value {
    var lexer = Lexer(Array(text.utf8), file: "t")
    return read(lexer.next())
  }

  /// Every case of `Value` reads back from its raw value, and near misses read as nil.
  private func check<Value: CaseIterable & RawRepresentable<String> & Equatable>(
    _ type: Value.Type, _ initializer: (Token) -> Value?
  ) {
    for value in Value.allCases {
      #expect(firstToken(value.rawValue, initializer) == value)
      #expect(firstToken(value.rawValue + "x", initializer) == nil)
      #expect(firstToken(value.rawValue.uppercased(), initializer) == nil)
    }
  }

  @Test func everyKeywordEnumMatchesItsRawValues() {
    check(PolicyDirection.self, PolicyDirection.init)
    check(PolicyAction.self, PolicyAction.init)
    check(SecurityProtocol.self, SecurityProtocol.init)
    check(IPsecMode.self, IPsecMode.init)
    check(ProtocolChoice.self, ProtocolChoice.init)
  }

  @Test func numbersReadFromBytesMatchTheStringRoute() {
    let cases: [(String, UInt64?)] = [
      ("0", 0), ("42", 42), ("0x1f", 31), ("0X1F", 31), ("0x", nil),
      ("18446744073709551615", .max), ("18446744073709551616", nil),
      ("0x10000000000000000", nil), ("12a", nil), ("0xg", nil),
    ]
    for (text, expected) in cases {
      #expect(firstToken(text) { $0.unsignedValue } == expected, "\(text)")
    }
  }
}
