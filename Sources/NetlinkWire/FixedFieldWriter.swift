// SPDX-License-Identifier: Apache-2.0

/// Fills a run of bytes that `ByteWriter.appendFixed` has already appended and zeroed, field
/// by field, front to back: the fast way to write a fixed-size kernel struct (a policy's
/// `struct xfrm_userpolicy_info`, a template) straight from the model, with no array per
/// field or address. Fields left alone stay zero, so padding and reserved fields need only
/// `skip`.
///
/// It lives only for the call that lends it and never writes outside its bytes: a field
/// past the end is a programming error.
@frozen
public struct FixedFieldWriter {
  @usableFromInline let bytes: UnsafeMutableRawBufferPointer
  @usableFromInline var offset = 0

  @inlinable
  init(_ bytes: UnsafeMutableRawBufferPointer) { self.bytes = bytes }

  /// Bytes not written or skipped yet.
  @inlinable
  public var remaining: Int { bytes.count - offset }

  /// Writes an integer in the given byte order.
  @inlinable @inline(__always)
  public mutating func write<T: FixedWidthInteger>(_ value: T, _ order: ByteOrder) {
    let ordered: T
    switch order {
    case .big: ordered = value.bigEndian
    case .little: ordered = value.littleEndian
    case .host: ordered = value
    }
    precondition(MemoryLayout<T>.size <= remaining, "field past the end of a fixed struct")
    bytes.storeBytes(of: ordered, toByteOffset: offset, as: T.self)
    offset += MemoryLayout<T>.size
  }

  /// Writes raw bytes (an address in network order) into a field of `width` bytes; the
  /// rest of the field stays zero. More than `width` bytes is a programming error.
  @inlinable @inline(__always)
  public mutating func write(bytes field: UnsafeRawBufferPointer, paddedTo width: Int) {
    precondition(field.count <= width && width <= remaining, "field past the end")
    if let source = field.baseAddress, !field.isEmpty {
      (bytes.baseAddress! + offset).copyMemory(from: source, byteCount: field.count)
    }
    offset += width
  }

  /// Leaves `count` bytes zero: padding, reserved fields, fields the request leaves 0.
  @inlinable @inline(__always)
  public mutating func skip(_ count: Int) {
    precondition(count <= remaining, "skip past the end of a fixed struct")
    offset += count
  }
}

// MARK: - ByteWriter

extension ByteWriter {
  /// Appends `count` zero bytes and lets `body` fill them in place through a
  /// `FixedFieldWriter`; the bytes are the same as writing the fields one by one.
  public mutating func appendFixed(_ count: Int, _ body: (inout FixedFieldWriter) -> Void) {
    let start = self.count
    writeZeros(count)
    withUnsafeMutableBytes(from: start) { raw in
      var fields = FixedFieldWriter(raw)
      body(&fields)
    }
  }
}
