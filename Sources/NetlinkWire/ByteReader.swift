// SPDX-License-Identifier: Apache-2.0

/// Reads fields from a byte buffer front to back, each with its byte order stated at the
/// call. Reading past the end throws instead of trapping, since the bytes come from the
/// kernel.
public struct ByteReader: Sendable {
  private let storage: [UInt8]
  private let end: Int

  /// Index of the next byte to read in the underlying buffer.
  public private(set) var offset: Int

  /// A reader over `bytes[range]`; the whole buffer by default.
  public init(_ bytes: [UInt8], range: Range<Int>? = nil) {
    storage = bytes
    let range = range ?? bytes.indices
    offset = range.lowerBound
    end = range.upperBound
  }

  /// Bytes left to read.
  public var remaining: Int { end - offset }

  /// Reads an integer in the given byte order.
  public mutating func read<T: FixedWidthInteger>(
    _ type: T.Type, _ order: ByteOrder, _ context: @autoclosure () -> String = "field"
  ) throws -> T {
    let size = MemoryLayout<T>.size
    try require(size, context())
    let stored = storage.withUnsafeBytes { raw in
      raw.loadUnaligned(fromByteOffset: offset, as: T.self)
    }
    offset += size
    let value = T(littleEndian: stored)
    return order.resolved == .big ? value.byteSwapped : value
  }

  /// Reads `count` raw bytes.
  public mutating func readBytes(
    _ count: Int, _ context: @autoclosure () -> String = "field"
  ) throws -> [UInt8] {
    try require(count, context())
    defer { offset += count }
    return Array(storage[offset..<offset + count])
  }

  /// Calls `body` with the next `count` bytes in place, without copying them, and moves
  /// past them. The bytes are only valid inside `body`.
  public mutating func withNextBytes<Result>(
    _ count: Int, _ context: @autoclosure () -> String = "field",
    _ body: (UnsafeRawBufferPointer) throws -> Result
  ) throws -> Result {
    try require(count, context())
    defer { offset += count }
    let start = offset
    return try storage.withUnsafeBytes { raw in
      try body(UnsafeRawBufferPointer(rebasing: raw[start..<start + count]))
    }
  }

  /// Reads a `char name[width]` field up to its first NUL.
  public mutating func readCString(
    width: Int, _ context: @autoclosure () -> String = "string"
  ) throws -> String {
    try withNextBytes(width, context()) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
  }

  /// Skips `count` bytes (padding, fields we do not use).
  public mutating func skip(_ count: Int, _ context: @autoclosure () -> String = "field")
    throws
  {
    try require(count, context())
    offset += count
  }

  /// A reader over the next `count` bytes, and moves past them; shares the storage.
  public mutating func subreader(
    _ count: Int, _ context: @autoclosure () -> String = "field"
  ) throws -> ByteReader {
    try require(count, context())
    defer { offset += count }
    return ByteReader(storage, range: offset..<offset + count)
  }

  /// Everything left, as an array.
  public mutating func readRest() -> [UInt8] {
    defer { offset = end }
    return Array(storage[offset..<end])
  }

  /// Throws unless `count` bytes are left; the context is only built for the error.
  private func require(_ count: Int, _ context: @autoclosure () -> String) throws {
    guard count >= 0, count <= remaining else {
      throw WireDecodingError(context(), "needs \(count) bytes, \(remaining) left")
    }
  }
}
