// SPDX-License-Identifier: Apache-2.0

/// The addresses a key manager should negotiate from after a migration
/// (`XFRMA_KMADDRESS`); `struct xfrm_user_kmaddress`, 40 bytes with tail padding.
public struct XfrmUserKMAddress: Hashable, Sendable {
  /// `local`, network order, 16 bytes.
  public var local = [UInt8](repeating: 0, count: 16)
  /// `remote`, network order, 16 bytes.
  public var remote = [UInt8](repeating: 0, count: 16)
  /// `family`, host order.
  public var family: UInt16 = 0

  /// All-zero addresses.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserKMAddress: WireStruct {
  /// `sizeof(struct xfrm_user_kmaddress)`.
  public static let wireSize = 40

  /// Writes the addresses.
  public func encode(to writer: inout ByteWriter) {
    writer.write(address: local)
    writer.write(address: remote)
    writer.writeZeros(4)
    writer.write(family, .host)
    writer.writeZeros(2)
  }

  /// Reads the addresses.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_user_kmaddress"
    local = try reader.readAddress(context)
    remote = try reader.readAddress(context)
    try reader.skip(4, context)
    family = try reader.read(UInt16.self, .host, context)
    try reader.skip(2, context)
  }
}
