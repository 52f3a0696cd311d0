// SPDX-License-Identifier: Apache-2.0

/// Replay state for windows above 32 packets or extended sequence numbers
/// (`XFRMA_REPLAY_ESN_VAL`); `struct xfrm_replay_state_esn`, host order, then
/// `bmp_len` 32-bit bitmap words.
public struct XfrmReplayStateESN: Hashable, Sendable {
  /// `oseq`.
  public var outboundSequence: UInt32 = 0
  /// `seq`.
  public var sequence: UInt32 = 0
  /// `oseq_hi`.
  public var outboundSequenceHigh: UInt32 = 0
  /// `seq_hi`.
  public var sequenceHigh: UInt32 = 0
  /// `replay_window`, in packets.
  public var replayWindow: UInt32 = 0
  /// `bmp`: empty when sending a new SA (the kernel accepts the bare struct).
  public var bitmap: [UInt32] = []

  /// A state with the given window and no bitmap.
  public init(replayWindow: UInt32 = 0) { self.replayWindow = replayWindow }

  /// `bmp_len` the kernel needs for the window: one word per 32 packets.
  public var bitmapLength: UInt32 { (replayWindow + 31) / 32 }
}

// MARK: - WireStruct

extension XfrmReplayStateESN: WireStruct {
  /// `sizeof(struct xfrm_replay_state_esn)`, without the bitmap.
  public static let wireSize = 24

  /// Writes the struct (`bmp_len` from the window) and the bitmap words present.
  public func encode(to writer: inout ByteWriter) {
    writer.write(bitmapLength, .host)
    writer.write(outboundSequence, .host)
    writer.write(sequence, .host)
    writer.write(outboundSequenceHigh, .host)
    writer.write(sequenceHigh, .host)
    writer.write(replayWindow, .host)
    for word in bitmap { writer.write(word, .host) }
  }

  /// Reads the struct and as many bitmap words as are present, up to `bmp_len`.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_replay_state_esn"
    let length = try reader.read(UInt32.self, .host, context)
    outboundSequence = try reader.read(UInt32.self, .host, context)
    sequence = try reader.read(UInt32.self, .host, context)
    outboundSequenceHigh = try reader.read(UInt32.self, .host, context)
    sequenceHigh = try reader.read(UInt32.self, .host, context)
    replayWindow = try reader.read(UInt32.self, .host, context)
    let words = min(Int(length), reader.remaining / 4)
    bitmap = try (0..<words).map { _ in try reader.read(UInt32.self, .host, context) }
  }
}
