// SPDX-License-Identifier: Apache-2.0

/// The SA an async event is about, and why it was sent (`XFRM_MSG_NEWAE`);
/// `struct xfrm_aevent_id`, 48 bytes. Replay and lifetime values follow as attributes.
public struct XfrmAsyncEventID: Hashable, Sendable {
  /// `sa_id`: destination, SPI, family, protocol.
  public var saID = XfrmUserSAID()
  /// `saddr`, network order, 16 bytes.
  public var source = [UInt8](repeating: 0, count: 16)
  /// `flags`, host order: `XFRM_AE_*` bits, which values follow and what caused the event.
  public var flags: UInt32 = 0
  /// `reqid`, host order.
  public var reqid: UInt32 = 0

  /// An all-zero id.
  public init() {}

  /// `XFRM_AE_CR`: the replay counter moved past its threshold.
  public static let causeReplay: UInt32 = 16
  /// `XFRM_AE_CE`: the event timer fired.
  public static let causeTimer: UInt32 = 32
  /// `XFRM_AE_CU`: a user changed the values.
  public static let causeUpdate: UInt32 = 64
}

// MARK: - WireStruct

extension XfrmAsyncEventID: WireStruct {
  /// `sizeof(struct xfrm_aevent_id)`.
  public static let wireSize = 48

  /// Writes the id.
  public func encode(to writer: inout ByteWriter) {
    saID.encode(to: &writer)
    writer.write(address: source)
    writer.write(flags, .host)
    writer.write(reqid, .host)
  }

  /// Reads an id.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_aevent_id"
    saID = try XfrmUserSAID(decoding: &reader)
    source = try reader.readAddress(context)
    flags = try reader.read(UInt32.self, .host, context)
    reqid = try reader.read(UInt32.self, .host, context)
  }
}
