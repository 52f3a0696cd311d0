// SPDX-License-Identifier: Apache-2.0

/// Reads the fields of one fixed-size kernel struct in place, front to back, after
/// `ByteReader.readFields` has checked that the whole struct is there: one bounds check
/// for the struct instead of one per field, and no copy. Reading past the struct is a
/// programming error (the field layout disagrees with `wireSize`) and traps.
public struct StructFieldReader {
  /// The struct's bytes, inside the message being decoded.
  private let bytes: UnsafeRawBufferPointer
  /// Index of the next field.
  private var offset = 0

  /// A reader over a struct's bytes.
  init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// Reads an integer in the given byte order.
  @inline(__always)
  public mutating func read<T: FixedWidthInteger>(_ type: T.Type, _ order: ByteOrder) -> T {
    let size = MemoryLayout<T>.size
    precondition(offset + size <= bytes.count, "field past the end of its struct")
    let stored = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
    offset += size
    let value = T(littleEndian: stored)
    return order.resolved == .big ? value.byteSwapped : value
  }

  /// Reads an `xfrm_address_t`.
  @inline(__always)
  public mutating func readAddress() -> XfrmAddress {
    precondition(offset + Xfrm.addressSize <= bytes.count, "field past the end of its struct")
    let address = XfrmAddress(
      rawBytes: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Xfrm.addressSize]))
    offset += Xfrm.addressSize
    return address
  }

  /// Skips padding.
  @inline(__always)
  public mutating func skip(_ count: Int) {
    precondition(offset + count <= bytes.count, "field past the end of its struct")
    offset += count
  }
}

extension ByteReader {
  /// Reads one fixed-size struct of `size` bytes with `body`, in place; throws when fewer
  /// bytes are left.
  public mutating func readFields<T>(
    _ size: Int, _ context: @autoclosure () -> String,
    _ body: (inout StructFieldReader) -> T
  ) throws -> T {
    try withNextBytes(size, context()) { raw in
      var fields = StructFieldReader(raw)
      return body(&fields)
    }
  }
}
