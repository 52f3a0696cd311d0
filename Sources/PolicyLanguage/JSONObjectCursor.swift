// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Writes the members of one flat JSON object (numbers, literal words, addresses, null)
/// straight into room its `JSONWriter` set aside for the whole object: the selector,
/// template, lifetime and counter objects of a dump entry each cost one room check
/// instead of one per member. See `JSONWriter.writeFlatObject(members:_:)`.
struct JSONObjectCursor {
  /// The longest member name the room of a member allows.
  static let maximumName = 40
  /// Room for one member: `,"name":` and the longest value (a quoted IPv6 address).
  static let memberRoom = maximumName + 4 + TextCursor.maximumAddress + 2

  /// Where the text goes.
  var text: TextCursor
  /// Members the room was set aside for and not yet written.
  private var membersLeft: Int
  /// True once a member has been written: the next takes a comma.
  private var hasMembers = false

  /// A cursor for an object of at most `members` members.
  init(_ text: TextCursor, members: Int) {
    self.text = text
    membersLeft = members
  }

  /// `"name": number`.
  mutating func member<T: BinaryInteger>(_ name: StaticString, _ number: T) {
    key(name)
    text.put(number: number)
  }

  /// `"name": number`, or `null` for nil.
  mutating func member<T: BinaryInteger>(_ name: StaticString, _ number: T?) {
    key(name)
    if let number { text.put(number: number) } else { text.put("null") }
  }

  /// `"name": "word"` for a word that needs no escaping, or `null` for nil.
  mutating func member(_ name: StaticString, plain: StaticString?) {
    key(name)
    guard let plain else { return text.put("null") }
    text.put(ascii: "\"")
    text.put(plain)
    text.put(ascii: "\"")
  }

  /// `"name": "address"`, or `null` for nil.
  mutating func member(_ name: StaticString, address: IPAddress?) {
    key(name)
    guard let address else { return text.put("null") }
    text.put(ascii: "\"")
    text.put(address: address)
    text.put(ascii: "\"")
  }

  /// `,"name":`, the comma for every member but the first.
  private mutating func key(_ name: StaticString) {
    precondition(membersLeft > 0, "JSON object: more members than room was set aside for")
    precondition(name.utf8CodeUnitCount <= Self.maximumName, "JSON member name too long")
    membersLeft -= 1
    if hasMembers { text.put(ascii: ",") }
    hasMembers = true
    text.put(ascii: "\"")
    text.put(name)
    text.put("\":")
  }
}
