// SPDX-License-Identifier: Apache-2.0

/// What the kernel has counted; `struct xfrm_lifetime_cur`, host-order `__u64` fields.
public struct XfrmLifetimeCurrent: Hashable, Sendable {
  /// `bytes`.
  public var bytes: UInt64 = 0
  /// `packets`.
  public var packets: UInt64 = 0
  /// `add_time`, seconds since the epoch.
  public var addTime: UInt64 = 0
  /// `use_time`, seconds since the epoch; 0 when unused.
  public var useTime: UInt64 = 0

  /// Nothing counted.
  public init() {}
}

// MARK: - WireStruct

extension XfrmLifetimeCurrent: WireStruct {
  /// `sizeof(struct xfrm_lifetime_cur)`.
  public static let wireSize = 32

  /// Writes the counters.
  public func encode(to writer: inout ByteWriter) {
    writer.write(bytes, .host)
    writer.write(packets, .host)
    writer.write(addTime, .host)
    writer.write(useTime, .host)
  }

  /// Reads counters.
  public init(decoding reader: inout ByteReader) throws {
    self = try reader.readFields(Self.wireSize, "struct xfrm_lifetime_cur") {
      Self(fields: &$0)
    }
  }

  /// Reads the fields in wire order from a struct already known to be whole.
  init(fields: inout StructFieldReader) {
    self.init()
    bytes = fields.read(UInt64.self, .host)
    packets = fields.read(UInt64.self, .host)
    addTime = fields.read(UInt64.self, .host)
    useTime = fields.read(UInt64.self, .host)
  }
}
