// SPDX-License-Identifier: Apache-2.0

/// A small JSON text builder for one value at a time, so a dump can write each entry as it
/// arrives and keep nothing else. It tracks commas itself; the caller opens and closes
/// containers in order and names every member of an object with `key(_:)`.
///
/// Numbers are written as JSON numbers (unsigned 64-bit, exact), strings are escaped as
/// RFC 8259 requires (quote, backslash, control characters), and the text holds no
/// newlines, so one entry is one line.
public struct JSONWriter {
  /// The UTF-8 bytes written so far; bytes, not a `String`, because appending to an
  /// array is several times faster, which shows at 100k entries.
  public private(set) var bytes: [UInt8] = []

  /// The text written so far.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// One flag per open container: true once it holds a member, so the next needs a comma.
  private var hasMembers: [Bool] = []

  /// True right after `key(_:)`: the value that follows takes no comma.
  private var afterKey = false

  /// An empty writer with room for a typical entry.
  public init() { bytes.reserveCapacity(1024) }

  // MARK: - Containers

  /// Opens `{`.
  public mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    hasMembers.append(false)
  }

  /// Closes the innermost object.
  public mutating func endObject() {
    hasMembers.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }

  /// Opens `[`.
  public mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    hasMembers.append(false)
  }

  /// Closes the innermost array.
  public mutating func endArray() {
    hasMembers.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }

  /// Writes `"name":`; the next call writes its value.
  public mutating func key(_ name: String) {
    separate()
    appendQuoted(name)
    bytes.append(UInt8(ascii: ":"))
    afterKey = true
  }

  // MARK: - Values

  /// A string, or `null` for nil.
  public mutating func value(_ string: String?) {
    separate()
    if let string { appendQuoted(string) } else { bytes += Self.nullBytes }
  }

  /// An unsigned number.
  public mutating func value<T: BinaryInteger>(_ number: T) {
    separate()
    bytes += String(number).utf8
  }

  /// An unsigned number, or `null` for nil.
  public mutating func value<T: BinaryInteger>(_ number: T?) {
    guard let number else { return null() }
    value(number)
  }

  /// `true` or `false`.
  public mutating func value(_ flag: Bool) {
    separate()
    bytes += (flag ? "true" : "false").utf8
  }

  /// `null`.
  public mutating func null() {
    separate()
    bytes += Self.nullBytes
  }

  /// `"name": string` in one call.
  public mutating func member(_ name: String, _ string: String?) {
    key(name)
    value(string)
  }

  /// `"name": number` in one call.
  public mutating func member<T: BinaryInteger>(_ name: String, _ number: T) {
    key(name)
    value(number)
  }

  /// `"name": number-or-null` in one call.
  public mutating func member<T: BinaryInteger>(_ name: String, _ number: T?) {
    key(name)
    value(number)
  }

  // MARK: - Text

  /// The comma before a value or key, unless it is the first in its container or
  /// follows its key.
  private mutating func separate() {
    if afterKey {
      afterKey = false
      return
    }
    guard let last = hasMembers.indices.last else { return }
    if hasMembers[last] { bytes.append(UInt8(ascii: ",")) }
    hasMembers[last] = true
  }

  private static let nullBytes = Array("null".utf8)

  /// Appends a string literal; text without anything to escape is copied as it is.
  private mutating func appendQuoted(_ string: String) {
    let utf8 = string.utf8
    let plain = utf8.allSatisfy {
      $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
    }
    guard plain else {
      bytes += Self.quoted(string).utf8
      return
    }
    bytes.append(UInt8(ascii: "\""))
    bytes += utf8
    bytes.append(UInt8(ascii: "\""))
  }

  /// A JSON string literal: `"`, `\` and control characters escaped, the rest as is
  /// (JSON text is UTF-8).
  public static func quoted(_ string: String) -> String {
    var out = "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default:
        out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
