// SPDX-License-Identifier: Apache-2.0
import IPsecModel

extension StatementParser {
  /// The key a `file:`, `env:` or `fd:` word refers to. A key file that group or others
  /// may read is an error, or a warning with `ParseOptions.allowsSharedKeyFiles`. Errors
  /// name the reference, never what it held.
  mutating func resolveKeyReference(_ token: Token) throws(Diagnostic) -> Key {
    guard let reference = KeyReference(token.text) else {
      throw Diagnostic(
        "invalid key reference \(token.quoted); expected 'file:PATH', 'env:NAME' or 'fd:N'",
        at: token.location)
    }
    var contents: KeyReferenceContents
    do {
      contents = try options.keyReader.read(reference)
    } catch {
      throw Diagnostic("cannot read key \(token.quoted): \(error.reason)", at: token.location)
    }
    defer { for index in contents.bytes.indices { contents.bytes[index] = 0 } }

    if let permissions = contents.permissions, permissions & 0o077 != 0 {
      let mode = "0" + String(permissions, radix: 8)
      let message =
        "key file \(token.quoted) is readable by group or others (mode \(mode)); "
        + "'chmod 600' it"
      guard options.allowsSharedKeyFiles else {
        throw Diagnostic(message + " or pass '--allow-shared-key-files'", at: token.location)
      }
      warn(message, at: token)
    }
    guard let key = Self.hexKey(contents.bytes) else {
      throw Diagnostic(
        "key \(token.quoted) is not hexadecimal digits (optionally after '0x')",
        at: token.location)
    }
    return key
  }

  /// Hex digits, `0x` allowed in front, blanks and newlines anywhere ignored.
  static func hexKey(_ text: [UInt8]) -> Key? {
    var digits = text.filter { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }
    defer { for index in digits.indices { digits[index] = 0 } }
    if digits.count >= 2, digits[0] == UInt8(ascii: "0"), digits[1] | 0x20 == UInt8(ascii: "x") {
      digits.removeFirst(2)
    }
    guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }

    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = hexDigit(digits[index]), let low = hexDigit(digits[index + 1]) else {
        for position in bytes.indices { bytes[position] = 0 }
        return nil
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    return Key(bytes)
  }

  private static func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
