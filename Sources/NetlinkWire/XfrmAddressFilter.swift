// SPDX-License-Identifier: Apache-2.0

/// Restricts an SA dump to source and destination prefixes (`XFRMA_ADDRESS_FILTER`);
/// `struct xfrm_address_filter`. All zero (family `AF_UNSPEC`, prefix lengths 0) passes
/// every SA; iproute2 sends that with every SA dump.
public struct XfrmAddressFilter: Hashable, Sendable {
  /// `saddr`.
  public var source = XfrmAddress()
  /// `daddr`.
  public var destination = XfrmAddress()
  /// `family`: `AF_INET`, `AF_INET6`, or 0 for either.
  public var family: UInt16 = 0
  /// `splen`: bits of `source` compared.
  public var sourcePrefixLength: UInt8 = 0
  /// `dplen`: bits of `destination` compared.
  public var destinationPrefixLength: UInt8 = 0

  /// A filter that passes every SA.
  public init() {}
}

// MARK: - WireStruct

extension XfrmAddressFilter: WireStruct {
  /// `sizeof(struct xfrm_address_filter)`.
  public static let wireSize = 36

  /// Writes the addresses, the family and the two prefix lengths.
  public func encode(to writer: inout ByteWriter) {
    writer.write(address: source)
    writer.write(address: destination)
    writer.write(family, .host)
    writer.write(sourcePrefixLength, .host)
    writer.write(destinationPrefixLength, .host)
  }

  /// Reads the struct.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_address_filter"
    source = try reader.readXfrmAddress(context)
    destination = try reader.readXfrmAddress(context)
    family = try reader.read(UInt16.self, .host, context)
    sourcePrefixLength = try reader.read(UInt8.self, .host, context)
    destinationPrefixLength = try reader.read(UInt8.self, .host, context)
  }
}
