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

  /// The most bytes the text has held since the last wipe (read when the text is
  /// emptied); beyond it the buffer is still the zeros it was made with.
  private var highWater = 0

  /// An empty text with room for `capacity` bytes.
  init(capacity: Int = 512) {
    storage = [UInt8](repeating: 0, count: Swift.max(capacity, 16))
  }

  /// The text as bytes.
  var bytes: [UInt8] { Array(storage[..<count]) }

  /// Every byte of the buffer, room included: what a wipe must have zeroed.
  var bufferBytes: [UInt8] { storage }

  /// Calls `body` with the text's bytes, without copying them.
  func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows
    -> Result
  {
    try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
  }

  /// True when no text has been appended since the last `removeAll`.
  var isEmpty: Bool { count == 0 }

  /// The text as a `String`.
  var string: String { String(decoding: storage[..<count], as: UTF8.self) }

  /// Zeroes every byte that has held text and empties the text: a dump's text may hold
  /// keys. An empty dump wipes nothing of its 68 KiB.
  mutating func wipe() {
    let held = Swift.max(highWater, count)
    storage.withUnsafeMutableBytes { raw in
      guard let base = raw.baseAddress else { return }
      _ = memset(base, 0, held)
    }
    count = 0
    highWater = 0
  }

  /// Empties the text and keeps the room, to build the next entry in.
  mutating func removeAll() {
    highWater = Swift.max(highWater, count)
    count = 0
  }

  /// Makes room for `more` bytes after `count`.
  @inline(__always)
  private mutating func reserve(_ more: Int) {
    guard storage.count - count < more else { return }
    grow(by: Swift.max(storage.count, more))
  }

  /// Moves the text into a larger buffer and wipes the old one: letting the array grow
  /// itself would free the old storage with the text (SA keys) still in it.
  private mutating func grow(by extra: Int) {
    var grown = [UInt8](repeating: 0, count: storage.count + extra)
    let used = count
    grown.withUnsafeMutableBytes { target in
      storage.withUnsafeBytes { source in
        target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<used]))
      }
    }
    wipe()
    storage = grown
    count = used
    highWater = used
  }

  /// Sets aside `maximum` bytes after the text and lets `body` write into them with a
  /// cursor; the text grows by what it wrote. One check for room and one for a shared
  /// buffer however many pieces `body` writes, which is what makes a field cheap.
  @inline(__always)
  mutating func appendInPlace(maximum: Int, _ body: (inout TextCursor) -> Void) {
    reserve(maximum)
    let at = count
    let written = storage.withUnsafeMutableBufferPointer { buffer in
      var cursor = TextCursor(buffer.baseAddress! + at, room: maximum)
      body(&cursor)
      return cursor.written
    }
    count += written
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

  // MARK: - Words

  /// Appends a literal.
  mutating func append(_ text: StaticString) {
    appendInPlace(maximum: text.utf8CodeUnitCount) { $0.put(text) }
  }

  /// Appends a string's UTF-8.
  mutating func append(string text: String) {
    var text = text
    text.withUTF8 { append(raw: UnsafeRawBufferPointer($0)) }
  }

  /// Appends one ASCII character.
  mutating func append(ascii: Unicode.Scalar) {
    appendInPlace(maximum: 1) { $0.put(ascii: ascii) }
  }

  /// Appends bytes that are already text.
  mutating func append(bytes more: [UInt8]) {
    more.withUnsafeBytes { append(raw: $0) }
  }

  // MARK: - Numbers

  /// Appends an unsigned number in decimal, as `%llu`.
  mutating func append(decimal value: UInt64) {
    appendInPlace(maximum: TextCursor.maximumDecimal) { $0.put(decimal: value) }
  }

  /// Appends a signed number in decimal, as `%lld`.
  mutating func append(signed value: Int64) {
    appendInPlace(maximum: TextCursor.maximumSigned) { $0.put(signed: value) }
  }

  /// Appends any integer in decimal.
  mutating func append<T: BinaryInteger>(number value: T) {
    appendInPlace(maximum: TextCursor.maximumSigned) { $0.put(number: value) }
  }

  /// Appends eight lowercase hex digits, zero padded, as `%08x`.
  mutating func append(hex8 value: UInt32) {
    appendInPlace(maximum: 8) { $0.put(hex8: value) }
  }

  /// Appends lowercase hex digits without padding, as `%x`.
  mutating func append(hex value: UInt64) {
    appendInPlace(maximum: TextCursor.maximumHex) { $0.put(hex: value) }
  }

  /// Appends a number zero padded to two digits (`%02d`, 0 through 99).
  mutating func append(twoDigits value: Int32) {
    appendInPlace(maximum: 2) { cursor in
      cursor.put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / 10))
      cursor.put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10))
    }
  }

  // MARK: - Addresses

  /// Bytes of `inet_ntop` text for the longest IPv6 address, with its NUL
  /// (`INET6_ADDRSTRLEN`).
  static let maximumIPv6Text = 46

  /// Appends an address as `inet_ntop` writes it; IPv4 without calling it.
  mutating func append(address: IPAddress) {
    address.withUnsafeBytes { raw in
      if raw.count == 4 {
        appendInPlace(maximum: TextCursor.maximumIPv4) { $0.put(ipv4: raw) }
        return
      }
      var text: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
      withUnsafeMutableBytes(of: &text) { buffer in
        let written = inet_ntop(
          AF_INET6, raw.baseAddress, buffer.baseAddress, socklen_t(Self.maximumIPv6Text))
        guard written != nil, let end = buffer.firstIndex(of: 0) else { return }
        append(raw: UnsafeRawBufferPointer(rebasing: buffer[..<end]))
      }
    }
  }
}
