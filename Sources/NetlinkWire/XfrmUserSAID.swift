// SPDX-License-Identifier: Apache-2.0

/// Names one SA for GETSA and DELSA; `struct xfrm_usersa_id`.
public struct XfrmUserSAID: Hashable, Sendable {
  /// `daddr`, network order, 16 bytes.
  public var destination = Xfrm.zeroAddress
  /// `spi`, big-endian on the wire.
  public var spi: UInt32 = 0
  /// `family`, host order.
  public var family: UInt16 = 0
  /// `proto`.
  public var proto: UInt8 = 0

  /// An all-zero id.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserSAID: WireStruct {
  /// `sizeof(struct xfrm_usersa_id)`.
  public static let wireSize = 24

  /// Writes the id.
  public func encode(to writer: inout ByteWriter) {
    writer.write(address: destination)
    writer.write(spi, .big)
    writer.write(family, .host)
    writer.write(proto, .host)
    writer.writeZeros(1)
  }

  /// Reads an id.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_usersa_id"
    destination = try reader.readAddress(context)
    spi = try reader.read(UInt32.self, .big, context)
    family = try reader.read(UInt16.self, .host, context)
    proto = try reader.read(UInt8.self, .host, context)
    try reader.skip(1, context)
  }
}
