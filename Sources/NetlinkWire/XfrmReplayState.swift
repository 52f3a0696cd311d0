// SPDX-License-Identifier: Apache-2.0

/// Replay counters of an SA with a window of 32 or less (`XFRMA_REPLAY_VAL`);
/// `struct xfrm_replay_state`, host order.
public struct XfrmReplayState: Hashable, Sendable {
  /// `oseq`.
  public var outboundSequence: UInt32 = 0
  /// `seq`.
  public var sequence: UInt32 = 0
  /// `bitmap`.
  public var bitmap: UInt32 = 0

  /// Zero counters.
  public init() {}
}

// MARK: - WireStruct

extension XfrmReplayState: WireStruct {
  /// `sizeof(struct xfrm_replay_state)`.
  public static let wireSize = 12

  /// Writes the counters.
  public func encode(to writer: inout ByteWriter) {
    writer.write(outboundSequence, .host)
    writer.write(sequence, .host)
    writer.write(bitmap, .host)
  }

  /// Reads counters.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_replay_state"
    outboundSequence = try reader.read(UInt32.self, .host, context)
    sequence = try reader.read(UInt32.self, .host, context)
    bitmap = try reader.read(UInt32.self, .host, context)
  }
}
