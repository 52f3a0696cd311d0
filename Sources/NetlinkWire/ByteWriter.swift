// SPDX-License-Identifier: Apache-2.0

/// Appends fields to a growing byte buffer, each with its byte order stated at the call.
public struct ByteWriter: Sendable {
  /// Everything written so far.
  public private(set) var bytes: [UInt8]

  /// An empty writer; `capacity` avoids regrowth when the final size is known.
  public init(capacity: Int = 0) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// Bytes written so far.
  public var count: Int { bytes.count }

  /// Appends an integer in the given byte order.
  public mutating func write<T: FixedWidthInteger>(_ value: T, _ order: ByteOrder) {
    let ordered = order.resolved == .big ? value.bigEndian : value.littleEndian
    withUnsafeBytes(of: ordered) { raw in bytes.append(contentsOf: raw) }
  }

  /// Appends raw bytes as they are.
  public mutating func write<C: Collection>(bytes more: C) where C.Element == UInt8 {
    bytes.append(contentsOf: more)
  }

  /// Appends `bytes` zero-filled to exactly `width` bytes (C `char name[64]`,
  /// `xfrm_address_t`). More than `width` bytes is a programming error.
  public mutating func write(bytes more: [UInt8], paddedTo width: Int) {
    precondition(more.count <= width, "field of \(width) bytes given \(more.count)")
    bytes.append(contentsOf: more)
    writeZeros(width - more.count)
  }

  /// Appends `count` zero bytes (padding, reserved fields).
  public mutating func writeZeros(_ count: Int) {
    var left = count
    while left > 0 {
      let chunk = min(left, Self.zeros.count)
      Self.zeros.withUnsafeBytes { zeros in
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: zeros[..<chunk]))
      }
      left -= chunk
    }
  }

  /// A block of zeros appended in one copy, rather than a byte at a time.
  private static let zeros = [UInt8](repeating: 0, count: 512)

  /// Pads with zeros to the next multiple of 4, as netlink aligns messages and attributes.
  public mutating func alignToFour() {
    writeZeros(Netlink.align(count) - count)
  }

  /// Overwrites an integer already written at `offset` (a length known only at the end).
  public mutating func set<T: FixedWidthInteger>(_ value: T, _ order: ByteOrder, at offset: Int) {
    let ordered = order.resolved == .big ? value.bigEndian : value.littleEndian
    bytes.withUnsafeMutableBytes { raw in
      raw.storeBytes(of: ordered, toByteOffset: offset, as: T.self)
    }
  }

  /// Lends the bytes from `offset` to the end for writing in place (`appendFixed`).
  mutating func withUnsafeMutableBytes(
    from offset: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void
  ) {
    bytes.withUnsafeMutableBytes { raw in
      body(UnsafeMutableRawBufferPointer(rebasing: raw[offset...]))
    }
  }

  /// Zeroes the bytes from `count` on and drops them, keeping the capacity: takes back a
  /// message that could not be finished, or empties a reused batch.
  public mutating func truncate(to count: Int) {
    precondition(count >= 0 && count <= bytes.count, "truncate to \(count) of \(bytes.count)")
    bytes.withUnsafeMutableBytes { raw in
      _ = UnsafeMutableRawBufferPointer(rebasing: raw[count...]).initializeMemory(
        as: UInt8.self, repeating: 0)
    }
    bytes.removeSubrange(count...)
  }

  /// Empties the buffer without zeroing it, keeping the capacity: for a reused buffer
  /// whose bytes held no secrets (policies, deletes), where zeroing 64 KiB after every
  /// send would cost more than writing the messages did.
  public mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
  }

  /// Zeroes every byte and empties the buffer; for buffers that held key material.
  public mutating func wipe() {
    truncate(to: 0)
    bytes.removeAll()
  }
}

/// Netlink constants that are not wire codes.
public enum Netlink {
  /// `NLMSG_ALIGNTO` and `NLA_ALIGNTO`: messages and attributes start on 4-byte boundaries.
  public static let alignment = 4

  /// Rounds a length up to the netlink alignment (`NLMSG_ALIGN`, `NLA_ALIGN`).
  public static func align(_ length: Int) -> Int {
    (length + alignment - 1) & ~(alignment - 1)
  }
}
