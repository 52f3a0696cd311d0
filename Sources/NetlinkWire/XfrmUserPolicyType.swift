// SPDX-License-Identifier: Apache-2.0

/// Which policy database (`XFRMA_POLICY_TYPE`); `struct xfrm_userpolicy_type`, 6 bytes:
/// `type`, one padding byte, `reserved1` (u16), `reserved2` (u8), one padding byte.
public struct XfrmUserPolicyType: Hashable, Sendable {
  /// `XFRM_POLICY_TYPE_MAIN`.
  public static let main: UInt8 = 0
  /// `XFRM_POLICY_TYPE_SUB`.
  public static let sub: UInt8 = 1

  /// `type`.
  public var type: UInt8

  /// Creates a type.
  public init(type: UInt8) { self.type = type }
}

// MARK: - WireStruct

extension XfrmUserPolicyType: WireStruct {
  /// `sizeof(struct xfrm_userpolicy_type)`.
  public static let wireSize = 6

  /// Writes the type and zero reserved fields.
  public func encode(to writer: inout ByteWriter) {
    writer.write(type, .host)
    writer.writeZeros(5)
  }

  /// Reads the type; the reserved bytes are skipped.
  public init(decoding reader: inout ByteReader) throws {
    type = try reader.read(UInt8.self, .host, "struct xfrm_userpolicy_type")
    try reader.skip(min(5, reader.remaining))
  }
}
