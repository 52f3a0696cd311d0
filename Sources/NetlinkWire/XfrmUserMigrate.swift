// SPDX-License-Identifier: Apache-2.0

/// One SA endpoint change of a migration (an element of `XFRMA_MIGRATE`);
/// `struct xfrm_user_migrate`, 76 bytes.
public struct XfrmUserMigrate: Hashable, Sendable {
  /// `old_daddr`, network order, 16 bytes.
  public var oldDestination = [UInt8](repeating: 0, count: 16)
  /// `old_saddr`, network order, 16 bytes.
  public var oldSource = [UInt8](repeating: 0, count: 16)
  /// `new_daddr`, network order, 16 bytes.
  public var newDestination = [UInt8](repeating: 0, count: 16)
  /// `new_saddr`, network order, 16 bytes.
  public var newSource = [UInt8](repeating: 0, count: 16)
  /// `proto`.
  public var proto: UInt8 = 0
  /// `mode`.
  public var mode = XfrmMode.transport
  /// `reqid`, host order.
  public var reqid: UInt32 = 0
  /// `old_family`, host order.
  public var oldFamily: UInt16 = 0
  /// `new_family`, host order.
  public var newFamily: UInt16 = 0

  /// An all-zero migration.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserMigrate: WireStruct {
  /// `sizeof(struct xfrm_user_migrate)`.
  public static let wireSize = 76

  /// Writes the migration.
  public func encode(to writer: inout ByteWriter) {
    writer.write(address: oldDestination)
    writer.write(address: oldSource)
    writer.write(address: newDestination)
    writer.write(address: newSource)
    writer.write(proto, .host)
    writer.write(mode.rawValue, .host)
    writer.writeZeros(2)
    writer.write(reqid, .host)
    writer.write(oldFamily, .host)
    writer.write(newFamily, .host)
  }

  /// Reads a migration.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_user_migrate"
    oldDestination = try reader.readAddress(context)
    oldSource = try reader.readAddress(context)
    newDestination = try reader.readAddress(context)
    newSource = try reader.readAddress(context)
    proto = try reader.read(UInt8.self, .host, context)
    mode = XfrmMode(rawValue: try reader.read(UInt8.self, .host, context))
    try reader.skip(2, context)
    reqid = try reader.read(UInt32.self, .host, context)
    oldFamily = try reader.read(UInt16.self, .host, context)
    newFamily = try reader.read(UInt16.self, .host, context)
  }
}
