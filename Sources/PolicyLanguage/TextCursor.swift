// SPDX-License-Identifier: Apache-2.0
import IPsecModel

#if canImport(Glibc)
  import Glibc
#endif

/// Writes text into room a `DumpText` has set aside (`DumpText.appendInPlace`): bytes,
/// literals, decimal and hex numbers and IPv4 addresses, each straight into the buffer.
/// The caller sets aside at least the most a field can take (`maximumDecimal` and so on);
/// debug builds check that nothing is written past it.
struct TextCursor {
  /// Where the room starts.
  private let base: UnsafeMutablePointer<UInt8>
  /// Bytes of room set aside.
  private let room: Int
  /// Bytes written so far.
  private(set) var written = 0

  /// The most `put(decimal:)` writes: 18446744073709551615.
  static let maximumDecimal = 20
  /// The most `put(signed:)` writes.
  static let maximumSigned = 20
  /// The most `put(hex:)` writes.
  static let maximumHex = 16
  /// The most `put(ipv4:)` writes: 255.255.255.255.
  static let maximumIPv4 = 15

  /// A cursor at the start of `room` bytes at `base`.
  init(_ base: UnsafeMutablePointer<UInt8>, room: Int) {
    self.base = base
    self.room = room
  }

  /// Writes one byte.
  @inline(__always)
  mutating func put(_ byte: UInt8) {
    assert(written < room, "TextCursor: more written than the room set aside")
    base[written] = byte
    written += 1
  }

  /// Writes one ASCII character.
  @inline(__always)
  mutating func put(ascii: Unicode.Scalar) {
    put(UInt8(ascii: ascii))
  }

  /// Writes a literal.
  @inline(__always)
  mutating func put(_ text: StaticString) {
    let length = text.utf8CodeUnitCount
    assert(written + length <= room, "TextCursor: more written than the room set aside")
    (base + written).update(from: text.utf8Start, count: length)
    written += length
  }

  /// Writes an unsigned number in decimal, as `%llu`: the digits are counted first, then
  /// written from the last, two at a time.
  mutating func put(decimal value: UInt64) {
    guard value >= 10 else {
      put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value))
      return
    }
    var digits = 2
    var bound: UInt64 = 100
    while digits < 20 && value >= bound {
      digits += 1
      bound &*= 10
    }
    assert(written + digits <= room, "TextCursor: more written than the room set aside")

    var end = written + digits
    var rest = value
    while rest >= 10 {
      let pair = Int(rest % 100) * 2
      rest /= 100
      base[end - 1] = Self.digitPairs[digit: pair + 1]
      base[end - 2] = Self.digitPairs[digit: pair]
      end -= 2
    }
    if end > written { base[end - 1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest) }
    written += digits
  }

  /// `00`, `01`, ... `99`, for writing two digits at a time.
  private static let digitPairs: StaticString = """
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """

  /// Writes a signed number in decimal, as `%lld`.
  mutating func put(signed value: Int64) {
    if value < 0 { put(ascii: "-") }
    put(decimal: value.magnitude)
  }

  /// Writes any integer in decimal.
  @inline(__always)
  mutating func put<T: BinaryInteger>(number value: T) {
    if value < 0 {
      put(signed: Int64(value))
    } else {
      put(decimal: UInt64(value))
    }
  }

  /// Writes lowercase hex digits without padding, as `%x`.
  mutating func put(hex value: UInt64) {
    var shift = 60
    while shift > 0 && (value >> UInt64(shift)) & 0xf == 0 { shift -= 4 }
    while shift >= 0 {
      put(Self.hexDigits[digit: Int((value >> UInt64(shift)) & 0xf)])
      shift -= 4
    }
  }

  /// Writes eight lowercase hex digits, zero padded, as `%08x`.
  mutating func put(hex8 value: UInt32) {
    assert(written + 8 <= room, "TextCursor: more written than the room set aside")
    for position in 0..<8 {
      let nibble = value >> UInt32(28 - 4 * position) & 0xf
      base[written + position] = Self.hexDigits[digit: Int(nibble)]
    }
    written += 8
  }

  /// Writes a byte as two lowercase hex digits, as `%02x`.
  @inline(__always)
  mutating func put(hexByte byte: UInt8) {
    put(Self.hexDigits[digit: Int(byte >> 4)])
    put(Self.hexDigits[digit: Int(byte & 0x0f)])
  }

  /// `0123456789abcdef`.
  private static let hexDigits: StaticString = "0123456789abcdef"

  /// The room `put(address:)` needs: `INET6_ADDRSTRLEN`, an IPv6 address as `inet_ntop`
  /// writes it and the NUL after it (not counted as written).
  static let maximumAddress = 46

  /// Writes an address as `inet_ntop` writes it; IPv4 without calling it.
  mutating func put(address: IPAddress) {
    address.withUnsafeBytes { raw in
      if raw.count == 4 { return put(ipv4: raw) }
      assert(written + Self.maximumAddress <= room, "TextCursor: more written than the room")
      let target = UnsafeMutableRawPointer(base + written).assumingMemoryBound(to: CChar.self)
      let text = inet_ntop(AF_INET6, raw.baseAddress, target, socklen_t(Self.maximumAddress))
      guard text != nil else { return }
      written += strlen(target)
    }
  }

  /// Writes an IPv4 address (`bytes` holds its 4 bytes) in dotted decimal.
  mutating func put(ipv4 bytes: UnsafeRawBufferPointer) {
    for position in 0..<4 {
      if position != 0 { put(ascii: ".") }
      let octet = bytes[position]
      if octet >= 100 { put(UInt8(ascii: "0") + octet / 100) }
      if octet >= 10 { put(UInt8(ascii: "0") + octet / 10 % 10) }
      put(UInt8(ascii: "0") + octet % 10)
    }
  }
}

extension StaticString {
  /// The digit for `value` (0 through 15) when the string is a table of digits.
  fileprivate subscript(digit value: Int) -> UInt8 { utf8Start[value] }
}
