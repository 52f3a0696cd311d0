// SPDX-License-Identifier: Apache-2.0

/// Hardware offload of an SA (`XFRMA_OFFLOAD_DEV`); `struct xfrm_user_offload`, 8 bytes
/// with its tail padding.
public struct XfrmUserOffload: Hashable, Sendable {
  /// `XFRM_OFFLOAD_INBOUND`.
  public static let inbound: UInt8 = 2
  /// `XFRM_OFFLOAD_PACKET`: full packet offload, not crypto only.
  public static let packet: UInt8 = 4

  /// `ifindex`, host order.
  public var interfaceIndex: Int32
  /// `flags`: `XFRM_OFFLOAD_*`.
  public var flags: UInt8

  /// Creates an offload request.
  public init(interfaceIndex: Int32, flags: UInt8) {
    self.interfaceIndex = interfaceIndex
    self.flags = flags
  }
}

// MARK: - WireStruct

extension XfrmUserOffload: WireStruct {
  /// `sizeof(struct xfrm_user_offload)`.
  public static let wireSize = 8

  /// Writes the index, the flags and 3 padding bytes.
  public func encode(to writer: inout ByteWriter) {
    writer.write(interfaceIndex, .host)
    writer.write(flags, .host)
    writer.writeZeros(3)
  }

  /// Reads the index and flags; the padding may be absent.
  public init(decoding reader: inout ByteReader) throws {
    interfaceIndex = try reader.read(Int32.self, .host, "struct xfrm_user_offload")
    flags = try reader.read(UInt8.self, .host, "struct xfrm_user_offload")
    try reader.skip(min(3, reader.remaining))
  }
}
