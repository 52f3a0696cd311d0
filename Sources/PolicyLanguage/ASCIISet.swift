// SPDX-License-Identifier: Apache-2.0

/// A set of ASCII bytes kept as a 128-bit mask, so a character class is one shift and test
/// per byte instead of a chain of comparisons. Bytes of 0x80 and up are never members.
struct ASCIISet {
  private var low: UInt64 = 0
  private var high: UInt64 = 0

  /// The set of the ASCII characters in `members`.
  init(_ members: String) {
    for byte in members.utf8 where byte < 0x80 { insert(byte) }
  }

  /// This set with the ASCII characters of `members` added.
  func adding(_ members: String) -> ASCIISet {
    var set = self
    for byte in members.utf8 where byte < 0x80 { set.insert(byte) }
    return set
  }

  /// True when `byte` is in the set.
  @inline(__always)
  func contains(_ byte: UInt8) -> Bool {
    let half = byte < 64 ? low : high
    return byte < 128 && half &>> (byte & 63) & 1 != 0
  }

  private mutating func insert(_ byte: UInt8) {
    if byte < 64 { low |= 1 << byte } else { high |= 1 << (byte - 64) }
  }
}
