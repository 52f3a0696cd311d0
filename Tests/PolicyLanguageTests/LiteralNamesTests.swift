// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing

@testable import PolicyLanguage

/// The literal names printers copy are the enumerations' raw values, case for case.
@Suite struct LiteralNamesTests {
  static func text(_ literal: StaticString) -> String { literal.description }

  @Test func everyLiteralIsTheRawValue() {
    for value in PolicyDirection.allCases {
      #expect(Self.text(LiteralNames.of(value)) == value.rawValue)
    }
    for value in PolicyAction.allCases {
      #expect(Self.text(LiteralNames.of(value)) == value.rawValue)
    }
    for value in PolicyType.allCases {
      #expect(Self.text(LiteralNames.of(value)) == value.rawValue)
    }
    for value in SecurityProtocol.allCases {
      #expect(Self.text(LiteralNames.of(value)) == value.rawValue)
    }
    for value in IPsecMode.allCases {
      #expect(Self.text(LiteralNames.of(value)) == value.rawValue)
    }
  }
}
