// SPDX-License-Identifier: Apache-2.0

/// Soft and hard limits; `struct xfrm_lifetime_cfg`, every field a host-order `__u64`.
public struct XfrmLifetimeConfig: Hashable, Sendable {
  /// `soft_byte_limit`; `Xfrm.infinity` for none.
  public var softByteLimit: UInt64 = Xfrm.infinity
  /// `hard_byte_limit`.
  public var hardByteLimit: UInt64 = Xfrm.infinity
  /// `soft_packet_limit`.
  public var softPacketLimit: UInt64 = Xfrm.infinity
  /// `hard_packet_limit`.
  public var hardPacketLimit: UInt64 = Xfrm.infinity
  /// `soft_add_expires_seconds`; 0 for none.
  public var softAddExpiresSeconds: UInt64 = 0
  /// `hard_add_expires_seconds`.
  public var hardAddExpiresSeconds: UInt64 = 0
  /// `soft_use_expires_seconds`.
  public var softUseExpiresSeconds: UInt64 = 0
  /// `hard_use_expires_seconds`.
  public var hardUseExpiresSeconds: UInt64 = 0

  /// No limits: infinite byte and packet counts, no timers.
  public init() {}

  /// Every field zero, as in requests that carry no lifetime (ALLOCSPI).
  public static var zero: XfrmLifetimeConfig {
    var config = XfrmLifetimeConfig()
    config.softByteLimit = 0
    config.hardByteLimit = 0
    config.softPacketLimit = 0
    config.hardPacketLimit = 0
    return config
  }
}

// MARK: - WireStruct

extension XfrmLifetimeConfig: WireStruct {
  /// `sizeof(struct xfrm_lifetime_cfg)`.
  public static let wireSize = 64

  /// Writes the limits.
  public func encode(to writer: inout ByteWriter) {
    writer.write(softByteLimit, .host)
    writer.write(hardByteLimit, .host)
    writer.write(softPacketLimit, .host)
    writer.write(hardPacketLimit, .host)
    writer.write(softAddExpiresSeconds, .host)
    writer.write(hardAddExpiresSeconds, .host)
    writer.write(softUseExpiresSeconds, .host)
    writer.write(hardUseExpiresSeconds, .host)
  }

  /// Reads limits.
  public init(decoding reader: inout ByteReader) throws {
    self = try reader.readFields(Self.wireSize, "struct xfrm_lifetime_cfg") {
      Self(fields: &$0)
    }
  }

  /// Reads the fields in wire order from a struct already known to be whole.
  init(fields: inout StructFieldReader) {
    self.init()
    softByteLimit = fields.read(UInt64.self, .host)
    hardByteLimit = fields.read(UInt64.self, .host)
    softPacketLimit = fields.read(UInt64.self, .host)
    hardPacketLimit = fields.read(UInt64.self, .host)
    softAddExpiresSeconds = fields.read(UInt64.self, .host)
    hardAddExpiresSeconds = fields.read(UInt64.self, .host)
    softUseExpiresSeconds = fields.read(UInt64.self, .host)
    hardUseExpiresSeconds = fields.read(UInt64.self, .host)
  }
}
