// SPDX-License-Identifier: Apache-2.0

/// The NAT in front of a peer now uses another address or port (`XFRM_MSG_MAPPING`);
/// `struct xfrm_user_mapping`, 64 bytes.
public struct XfrmUserMapping: Hashable, Sendable {
  /// `id`: the ESP-in-UDP SA that saw the change.
  public var id = XfrmUserSAID()
  /// `reqid`, host order.
  public var reqid: UInt32 = 0
  /// `old_saddr`, network order, 16 bytes.
  public var oldSource = [UInt8](repeating: 0, count: 16)
  /// `new_saddr`, network order, 16 bytes.
  public var newSource = [UInt8](repeating: 0, count: 16)
  /// `old_sport`, big-endian on the wire.
  public var oldSourcePort: UInt16 = 0
  /// `new_sport`, big-endian on the wire.
  public var newSourcePort: UInt16 = 0

  /// An all-zero mapping.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserMapping: WireStruct {
  /// `sizeof(struct xfrm_user_mapping)`.
  public static let wireSize = 64

  /// Writes the mapping.
  public func encode(to writer: inout ByteWriter) {
    id.encode(to: &writer)
    writer.write(reqid, .host)
    writer.write(address: oldSource)
    writer.write(address: newSource)
    writer.write(oldSourcePort, .big)
    writer.write(newSourcePort, .big)
  }

  /// Reads a mapping.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_user_mapping"
    id = try XfrmUserSAID(decoding: &reader)
    reqid = try reader.read(UInt32.self, .host, context)
    oldSource = try reader.readAddress(context)
    newSource = try reader.readAddress(context)
    oldSourcePort = try reader.read(UInt16.self, .big, context)
    newSourcePort = try reader.read(UInt16.self, .big, context)
  }
}
