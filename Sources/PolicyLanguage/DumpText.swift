// SPDX-License-Identifier: Apache-2.0
import IPsecModel

#if canImport(Glibc)
  import Glibc
#endif

/// Dump text built as UTF-8 bytes. A dump of 100k entries goes through here, so it appends
/// straight into one buffer: no `String` per field, no interpolation, no allocation per
/// number or address. The buffer is kept initialized ahead of `count`, so an append is a
/// bounds check and a copy rather than a generic `Array.append(contentsOf:)`.
struct DumpText {
  /// Bytes `0..<count` are the text; the rest is room.
  private var storage: [UInt8]

  /// Bytes of text so far.
  private(set) var count = 0

  /// An empty text with room for `capacity` bytes.
  init(capacity: Int = 512) {
    storage = [UInt8](repeating: 0, count: Swift.max(capacity, 16))
  }

  /// The text as bytes.
  var bytes: [UInt8] { Array(storage[..<count]) }

  /// True when no text has been appended since the last `removeAll`.
  var isEmpty: Bool { count == 0 }

  /// The text as a `String`.
  var string: String { String(decoding: storage[..<count], as: UTF8.self) }

  /// Empties the text and keeps the room, to build the next entry in.
  mutating func removeAll() { count = 0 }

  /// Makes room for `more` bytes after `count`.
  private mutating func reserve(_ more: Int) {
    guard storage.count - count < more else { return }
    storage.append(contentsOf: repeatElement(0, count: Swift.max(storage.count, more)))
  }

  /// Appends raw bytes.
  private mutating func append(raw source: UnsafeRawBufferPointer) {
    guard let from = source.baseAddress, !source.isEmpty else { return }
    reserve(source.count)
    let at = count
    storage.withUnsafeMutableBytes { target in
      (target.baseAddress! + at).copyMemory(from: from, byteCount: source.count)
    }
    count += source.count
  }

  /// Appends one byte.
  private mutating func append(byte: UInt8) {
    reserve(1)
    storage[count] = byte
    count += 1
  }

  // MARK: - Words

  /// Appends a literal.
  mutating func append(_ text: StaticString) {
    append(raw: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Appends a string's UTF-8.
  mutating func append(string text: String) {
    var text = text
    text.withUTF8 { append(raw: UnsafeRawBufferPointer($0)) }
  }

  /// Appends one ASCII character.
  mutating func append(ascii: Unicode.Scalar) {
    append(byte: UInt8(ascii: ascii))
  }

  /// Appends bytes that are already text.
  mutating func append(bytes more: [UInt8]) {
    more.withUnsafeBytes { append(raw: $0) }
  }

  // MARK: - Numbers

  /// Appends an unsigned number in decimal, as `%llu`.
  mutating func append(decimal value: UInt64) {
    guard value >= 10 else {
      append(byte: UInt8(ascii: "0") + UInt8(value))
      return
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { raw in
      var rest = value
      var index = raw.count
      while rest > 0 {
        index -= 1
        raw[index] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      }
      append(raw: UnsafeRawBufferPointer(rebasing: raw[index...]))
    }
  }

  /// Appends a signed number in decimal, as `%lld`.
  mutating func append(signed value: Int64) {
    if value < 0 { append(byte: UInt8(ascii: "-")) }
    append(decimal: value.magnitude)
  }

  /// Appends any integer in decimal.
  mutating func append<T: BinaryInteger>(number value: T) {
    if value < 0 {
      append(signed: Int64(value))
    } else {
      append(decimal: UInt64(value))
    }
  }

  /// Appends eight lowercase hex digits, zero padded, as `%08x`.
  mutating func append(hex8 value: UInt32) {
    for shift in stride(from: 28, through: 0, by: -4) {
      append(byte: Self.hexDigits[Int((value >> UInt32(shift)) & 0xf)])
    }
  }

  /// Appends lowercase hex digits without padding, as `%x`.
  mutating func append(hex value: UInt64) {
    var started = false
    for shift in stride(from: 60, through: 0, by: -4) {
      let digit = Int((value >> UInt64(shift)) & 0xf)
      if digit == 0 && !started && shift != 0 { continue }
      started = true
      append(byte: Self.hexDigits[digit])
    }
  }

  /// `0123456789abcdef` as bytes.
  static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends a number zero padded to two digits (`%02d`, 0 through 99).
  mutating func append(twoDigits value: Int32) {
    append(byte: UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / 10))
    append(byte: UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10))
  }

  // MARK: - Addresses

  /// Appends an address as `inet_ntop` writes it; IPv4 without calling it.
  mutating func append(address: IPAddress) {
    address.withUnsafeBytes { raw in
      if raw.count == 4 {
        for position in 0..<4 {
          if position != 0 { append(byte: UInt8(ascii: ".")) }
          append(decimal: UInt64(raw[position]))
        }
        return
      }
      var text: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)
      withUnsafeMutableBytes(of: &text) { buffer in
        let written = inet_ntop(
          AF_INET6, raw.baseAddress, buffer.baseAddress, socklen_t(buffer.count))
        guard written != nil, let end = buffer.firstIndex(of: 0) else { return }
        append(raw: UnsafeRawBufferPointer(rebasing: buffer[..<end]))
      }
    }
  }
}
