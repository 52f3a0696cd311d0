// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Numbers and addresses read straight from a token's bytes. Each gives what the `String` code it
/// replaces gave; text the fast loop does not know (a sign, a non-ASCII digit) takes that
/// code instead.
extension Token {
  /// A decimal or `0x` number, as `UInt64(text, radix: 10)` or, after `0x` or `0X`,
  /// `UInt64(hex, radix: 16)` reads it; nil when it is not one or needs more than 64 bits.
  var unsignedValue: UInt64? {
    let bytes = self.bytes
    let isHex =
      bytes.count >= 2 && bytes[0] == UInt8(ascii: "0")
      && bytes[1] | 0x20 == UInt8(ascii: "x")
    let digits = bytes.dropFirst(isHex ? 2 : 0)
    guard !digits.isEmpty else { return nil }

    let radix: UInt64 = isHex ? 16 : 10
    var value: UInt64 = 0
    for byte in digits {
      guard let digit = Self.digitValue(byte), digit < radix else { return textValue }
      let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
      guard !overflow else { return nil }
      let (sum, carry) = shifted.addingReportingOverflow(digit)
      guard !carry else { return nil }
      value = sum
    }
    return value
  }

  /// True when every character is a digit, as `text.allSatisfy(\.isNumber)` says (so also
  /// for an empty token).
  var isAllDigits: Bool {
    for byte in bytes {
      if byte >= 0x80 { return text.allSatisfy(\.isNumber) }
      if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") { return false }
    }
    return true
  }

  /// The `String` route `unsignedValue` stands for.
  private var textValue: UInt64? {
    let text = self.text.lowercased()
    return text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text, radix: 10)
  }

  /// The value of an ASCII hex digit (either case); nil for anything else.
  static func digitValue(_ byte: UInt8) -> UInt64? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }
}

extension IPAddress {
  /// A numeric address spelt by the whole token, as `IPAddress(token.text)` reads it.
  init?(_ token: Token) {
    self.init(utf8: UnsafeRawBufferPointer(token.bytes))
  }
}
