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
    self = try reader.readFields(Self.wireSize, "struct xfrm_usersa_info") {
      Self(fields: &$0)
    }
  }

  /// Reads the fields in wire order from a struct already known to be whole.
  init(fields: inout StructFieldReader) {
    self.init()
    selector = XfrmSelector(fields: &fields)
    id = XfrmID(fields: &fields)
    sourceAddress = fields.readAddress()
    lifetime = XfrmLifetimeConfig(fields: &fields)
    current = XfrmLifetimeCurrent(fields: &fields)
    stats = XfrmStats(fields: &fields)
    sequence = fields.read(UInt32.self, .host)
    reqid = fields.read(UInt32.self, .host)
    family = fields.read(UInt16.self, .host)
    mode = XfrmMode(rawValue: fields.read(UInt8.self, .host))
    replayWindow = fields.read(UInt8.self, .host)
    flags = fields.read(UInt8.self, .host)
    fields.skip(7)
  }
}
