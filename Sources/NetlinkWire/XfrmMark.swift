// SPDX-License-Identifier: Apache-2.0

/// A mark and mask (`XFRMA_MARK`); `struct xfrm_mark`, host order.
public struct XfrmMark: Hashable, Sendable {
  /// `v`.
  public var value: UInt32
  /// `m`.
  public var mask: UInt32

  /// Creates a mark.
  public init(value: UInt32, mask: UInt32) {
    self.value = value
    self.mask = mask
  }
}

// MARK: - WireStruct

extension XfrmMark: WireStruct {
  /// `sizeof(struct xfrm_mark)`.
  public static let wireSize = 8

  /// Writes `v` then `m`.
  public func encode(to writer: inout ByteWriter) {
    writer.write(value, .host)
    writer.write(mask, .host)
  }

  /// Reads `v` then `m`.
  public init(decoding reader: inout ByteReader) throws {
    value = try reader.read(UInt32.self, .host, "struct xfrm_mark")
    mask = try reader.read(UInt32.self, .host, "struct xfrm_mark")
  }
}
