// SPDX-License-Identifier: Apache-2.0

/// Destination, SPI and protocol, the kernel's key for an SA; `struct xfrm_id`.
public struct XfrmID: Hashable, Sendable {
  /// `daddr`, network order, 16 bytes.
  public var destinationAddress = XfrmAddress()
  /// `spi`, big-endian on the wire.
  public var spi: UInt32 = 0
  /// `proto`: `IPPROTO_ESP`, `IPPROTO_AH`, `IPPROTO_COMP`.
  public var proto: UInt8 = 0

  /// `daddr` as 16 bytes; setting takes the first 16, zero-filled.
  public var destination: [UInt8] {
    get { destinationAddress.bytes }
    set { destinationAddress = XfrmAddress(bytes: newValue) }
  }

  /// An all-zero id.
  public init() {}
}

// MARK: - WireStruct

extension XfrmID: WireStruct {
  /// `sizeof(struct xfrm_id)`.
  public static let wireSize = 24

  /// Writes the id.
  public func encode(to writer: inout ByteWriter) {
    writer.write(address: destinationAddress)
    writer.write(spi, .big)
    writer.write(proto, .host)
    writer.writeZeros(3)
  }

  /// Reads an id.
  public init(decoding reader: inout ByteReader) throws {
    self = try reader.readFields(Self.wireSize, "struct xfrm_id") {
      Self(fields: &$0)
    }
  }

  /// Reads the fields in wire order from a struct already known to be whole.
  init(fields: inout StructFieldReader) {
    self.init()
    destinationAddress = fields.readAddress()
    spi = fields.read(UInt32.self, .big)
    proto = fields.read(UInt8.self, .host)
    fields.skip(3)
  }
}
