// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// A small JSON text builder for one value at a time, so a dump can write each entry as it
/// arrives and keep nothing else. It tracks commas itself; the caller opens and closes
/// containers in order and names every member of an object with `key(_:)`.
///
/// Numbers are written as JSON numbers (unsigned 64-bit, exact), strings are escaped as
/// RFC 8259 requires (quote, backslash, control characters), and the text holds no
/// newlines, so one entry is one line.
///
/// A dump of 100k entries goes through here, so member names are literals copied as they
/// are, numbers and addresses are written as digits straight into the buffer (`DumpText`),
/// and one writer is reused for all the entries of a chunk.
public struct JSONWriter {
  /// The text so far, as UTF-8.
  var output = DumpText(capacity: 1024)

  /// One bit per open container, innermost lowest: set once it holds a member, so the
  /// next needs a comma. JSON dumps nest a few levels; `maximumDepth` is the limit.
  private var hasMembers: UInt64 = 0

  /// Containers open.
  private var depth = 0

  /// Open containers the bits of `hasMembers` can track.
  static let maximumDepth = 64

  /// True right after `key(_:)`: the value that follows takes no comma.
  private var afterKey = false

  /// An empty writer with room for a typical entry.
  public init() {}

  /// An empty writer with room for `capacity` bytes.
  init(capacity: Int) {
    output = DumpText(capacity: capacity)
  }

  /// The UTF-8 bytes written so far.
  public var bytes: [UInt8] { output.bytes }

  /// The text written so far.
  public var text: String { output.string }

  /// Empties the text and keeps its room; for a writer reused entry after entry.
  mutating func removeAll() {
    output.removeAll()
    hasMembers = 0
    depth = 0
    afterKey = false
  }

  /// Appends text outside any JSON value (the `[`, `,` and newlines around entries).
  mutating func appendRaw(_ text: StaticString) {
    output.append(text)
  }

  /// Appends JSON text made elsewhere (a whole entry), as it is.
  mutating func appendRaw(string text: String) {
    output.append(string: text)
  }

  // MARK: - Containers

  /// Opens `{`.
  public mutating func beginObject() {
    open(UInt8(ascii: "{"))
  }

  /// Writes a whole object of at most `members` members, none of them a container, in
  /// one step: `body` writes the members with a `JSONObjectCursor`.
  mutating func writeFlatObject(members: Int, _ body: (inout JSONObjectCursor) -> Void) {
    let comma = takeComma()
    output.appendInPlace(maximum: 3 + members * JSONObjectCursor.memberRoom) { text in
      if comma { text.put(ascii: ",") }
      text.put(ascii: "{")
      var object = JSONObjectCursor(text, members: members)
      body(&object)
      text = object.text
      text.put(ascii: "}")
    }
  }

  /// Closes the innermost object.
  public mutating func endObject() {
    close(UInt8(ascii: "}"))
  }

  /// Opens `[`.
  public mutating func beginArray() {
    open(UInt8(ascii: "["))
  }

  /// Closes the innermost array.
  public mutating func endArray() {
    close(UInt8(ascii: "]"))
  }

  /// Writes `"name":`; the next call writes its value. Names are plain ASCII literals,
  /// copied without escaping.
  public mutating func key(_ name: StaticString) {
    let comma = takeComma()
    output.appendInPlace(maximum: name.utf8CodeUnitCount + 4) { text in
      Self.put(comma: comma, key: name, to: &text)
    }
    afterKey = true
  }

  // MARK: - Values

  /// A string, or `null` for nil.
  public mutating func value(_ string: String?) {
    separate()
    if let string { appendQuoted(string) } else { output.append("null") }
  }

  /// A number.
  public mutating func value<T: BinaryInteger>(_ number: T) {
    separate()
    output.append(number: number)
  }

  /// A number, or `null` for nil.
  public mutating func value<T: BinaryInteger>(_ number: T?) {
    guard let number else { return null() }
    value(number)
  }

  /// `true` or `false`.
  public mutating func value(_ flag: Bool) {
    separate()
    output.append(flag ? "true" : "false")
  }

  /// An address as a string in `inet_ntop` form, or `null` for nil.
  public mutating func value(address: IPAddress?) {
    separate()
    guard let address else { return output.append("null") }
    output.append(ascii: "\"")
    output.append(address: address)
    output.append(ascii: "\"")
  }

  /// A string known to need no escaping (a literal name), or `null` for nil.
  public mutating func value(plain: StaticString?) {
    separate()
    guard let plain else { return output.append("null") }
    output.append(ascii: "\"")
    output.append(plain)
    output.append(ascii: "\"")
  }

  /// `null`.
  public mutating func null() {
    separate()
    output.append("null")
  }

  /// `"name": string` in one call.
  public mutating func member(_ name: StaticString, _ string: String?) {
    key(name)
    value(string)
  }

  /// `"name": number` in one call.
  public mutating func member<T: BinaryInteger>(_ name: StaticString, _ number: T) {
    let comma = takeComma()
    let maximum = name.utf8CodeUnitCount + 4 + TextCursor.maximumSigned
    output.appendInPlace(maximum: maximum) { text in
      Self.put(comma: comma, key: name, to: &text)
      text.put(number: number)
    }
  }

  /// `"name": number-or-null` in one call.
  public mutating func member<T: BinaryInteger>(_ name: StaticString, _ number: T?) {
    guard let number else {
      key(name)
      return null()
    }
    member(name, number)
  }

  /// `"name": "address"` or `"name": null` in one call.
  public mutating func member(_ name: StaticString, address: IPAddress?) {
    key(name)
    value(address: address)
  }

  /// `"name": "literal"` or `"name": null` in one call.
  public mutating func member(_ name: StaticString, plain: StaticString?) {
    guard let plain else {
      key(name)
      return null()
    }
    let comma = takeComma()
    output.appendInPlace(maximum: name.utf8CodeUnitCount + 6 + plain.utf8CodeUnitCount) {
      text in
      Self.put(comma: comma, key: name, to: &text)
      text.put(ascii: "\"")
      text.put(plain)
      text.put(ascii: "\"")
    }
  }

  /// `"name": "hex"` for a key, lowercase hex digits, or `"name": null` for nil. The
  /// digits go straight into the output (wiped with it), never into a `String`.
  mutating func member(_ name: StaticString, hexKey secret: Key?) {
    guard let secret else {
      key(name)
      return null()
    }
    let comma = takeComma()
    output.appendInPlace(maximum: name.utf8CodeUnitCount + 6 + secret.bytes.count * 2) {
      text in
      Self.put(comma: comma, key: name, to: &text)
      text.put(ascii: "\"")
      for byte in secret.bytes { text.put(hexByte: byte) }
      text.put(ascii: "\"")
    }
  }

  // MARK: - Text

  /// Writes a container's opening bracket and starts tracking its members.
  private mutating func open(_ bracket: UInt8) {
    let comma = takeComma()
    output.appendInPlace(maximum: 2) { text in
      if comma { text.put(ascii: ",") }
      text.put(bracket)
    }
    precondition(depth < Self.maximumDepth, "JSON nested deeper than \(Self.maximumDepth)")
    hasMembers <<= 1
    depth += 1
  }

  /// Writes a container's closing bracket and returns to its parent.
  private mutating func close(_ bracket: UInt8) {
    hasMembers >>= 1
    depth -= 1
    output.appendInPlace(maximum: 1) { $0.put(bracket) }
  }

  /// The comma before a value or key, unless it is the first in its container or
  /// follows its key.
  private mutating func separate() {
    if takeComma() { output.append(ascii: ",") }
  }

  /// Whether the next value or key needs a comma before it; notes that the innermost
  /// container now holds a member.
  @inline(__always)
  private mutating func takeComma() -> Bool {
    if afterKey {
      afterKey = false
      return false
    }
    guard depth > 0 else { return false }
    let comma = hasMembers & 1 != 0
    hasMembers |= 1
    return comma
  }

  /// Writes `,"name":` (the comma when asked for).
  @inline(__always)
  private static func put(comma: Bool, key name: StaticString, to text: inout TextCursor) {
    if comma { text.put(ascii: ",") }
    text.put(ascii: "\"")
    text.put(name)
    text.put("\":")
  }

  /// Appends a string literal; text without anything to escape is copied as it is.
  private mutating func appendQuoted(_ string: String) {
    let plain = string.utf8.allSatisfy {
      $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
    }
    guard plain else {
      output.append(string: Self.quoted(string))
      return
    }
    output.append(ascii: "\"")
    output.append(string: string)
    output.append(ascii: "\"")
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
