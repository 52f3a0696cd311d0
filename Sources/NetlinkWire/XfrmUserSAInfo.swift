// SPDX-License-Identifier: Apache-2.0

/// The fixed part of an SA message (NEWSA, UPDSA, and every state in a dump);
/// `struct xfrm_usersa_info`. The C struct ends in 7 bytes of padding (224 bytes on
/// x86_64, aligned for its `__u64` members).
public struct XfrmUserSAInfo: Hashable, Sendable {
  /// `sel`.
  public var selector = XfrmSelector()
  /// `id`: destination, SPI, protocol.
  public var id = XfrmID()
  /// `saddr`, network order, 16 bytes.
  public var sourceAddress = XfrmAddress()
  /// `lft`.
  public var lifetime = XfrmLifetimeConfig()
  /// `curlft`.
  public var current = XfrmLifetimeCurrent()
  /// `stats`.
  public var stats = XfrmStats()
  /// `seq`.
  public var sequence: UInt32 = 0
  /// `reqid`.
  public var reqid: UInt32 = 0
  /// `family`, host order.
  public var family: UInt16 = 0
  /// `mode`.
  public var mode = XfrmMode.transport
  /// `replay_window`, at most 32 without `XFRMA_REPLAY_ESN_VAL`.
  public var replayWindow: UInt8 = 0
  /// `flags` (`XFRM_STATE_*`).
  public var flags: UInt8 = 0

  /// `saddr` as 16 bytes; setting takes the first 16, zero-filled.
  public var source: [UInt8] {
    get { sourceAddress.bytes }
    set { sourceAddress = XfrmAddress(bytes: newValue) }
  }

  /// An all-default SA.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserSAInfo: WireStruct {
  /// `sizeof(struct xfrm_usersa_info)`.
  public static let wireSize = 224

  /// Writes the SA.
  public func encode(to writer: inout ByteWriter) {
    selector.encode(to: &writer)
    id.encode(to: &writer)
    writer.write(address: sourceAddress)
    lifetime.encode(to: &writer)
    current.encode(to: &writer)
    stats.encode(to: &writer)
    writer.write(sequence, .host)
    writer.write(reqid, .host)
    writer.write(family, .host)
    writer.write(mode.rawValue, .host)
    writer.write(replayWindow, .host)
    writer.write(flags, .host)
    writer.writeZeros(7)
  }

  /// Reads an SA.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_usersa_info"
    selector = try XfrmSelector(decoding: &reader)
    id = try XfrmID(decoding: &reader)
    sourceAddress = try reader.readXfrmAddress(context)
    lifetime = try XfrmLifetimeConfig(decoding: &reader)
    current = try XfrmLifetimeCurrent(decoding: &reader)
    stats = try XfrmStats(decoding: &reader)
    sequence = try reader.read(UInt32.self, .host, context)
    reqid = try reader.read(UInt32.self, .host, context)
    family = try reader.read(UInt16.self, .host, context)
    mode = XfrmMode(rawValue: try reader.read(UInt8.self, .host, context))
    replayWindow = try reader.read(UInt8.self, .host, context)
    flags = try reader.read(UInt8.self, .host, context)
    try reader.skip(7, context)
  }
}
