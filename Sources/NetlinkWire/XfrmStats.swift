// SPDX-License-Identifier: Apache-2.0

/// Error counters of an SA; `struct xfrm_stats`, host-order `__u32` fields.
public struct XfrmStats: Hashable, Sendable {
  /// `replay_window`.
  public var replayWindow: UInt32 = 0
  /// `replay`.
  public var replay: UInt32 = 0
  /// `integrity_failed`.
  public var integrityFailed: UInt32 = 0

  /// No counts.
  public init() {}
}

// MARK: - WireStruct

extension XfrmStats: WireStruct {
  /// `sizeof(struct xfrm_stats)`.
  public static let wireSize = 12

  /// Writes the counters.
  public func encode(to writer: inout ByteWriter) {
    writer.write(replayWindow, .host)
    writer.write(replay, .host)
    writer.write(integrityFailed, .host)
  }

  /// Reads counters.
  public init(decoding reader: inout ByteReader) throws {
    self = try reader.readFields(Self.wireSize, "struct xfrm_stats") {
      Self(fields: &$0)
    }
  }

  /// Reads the fields in wire order from a struct already known to be whole.
  init(fields: inout StructFieldReader) {
    self.init()
    replayWindow = fields.read(UInt32.self, .host)
    replay = fields.read(UInt32.self, .host)
    integrityFailed = fields.read(UInt32.self, .host)
  }
}
