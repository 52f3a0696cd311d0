// SPDX-License-Identifier: Apache-2.0

/// NAT traversal UDP encapsulation of an SA (`XFRMA_ENCAP`); `struct xfrm_encap_tmpl`.
public struct XfrmEncapsulationTemplate: Hashable, Sendable {
  /// `encap_type` (`UDP_ENCAP_ESPINUDP` is 2), host order.
  public var type: UInt16 = 2
  /// `encap_sport`, big-endian on the wire.
  public var sourcePort: UInt16 = 0
  /// `encap_dport`, big-endian on the wire.
  public var destinationPort: UInt16 = 0
  /// `encap_oa`: original address before NAT, network order, 16 bytes.
  public var originalAddress = Xfrm.zeroAddress

  /// ESP-in-UDP with zero ports.
  public init() {}
}

// MARK: - WireStruct

extension XfrmEncapsulationTemplate: WireStruct {
  /// `sizeof(struct xfrm_encap_tmpl)`.
  public static let wireSize = 24

  /// Writes the template.
  public func encode(to writer: inout ByteWriter) {
    writer.write(type, .host)
    writer.write(sourcePort, .big)
    writer.write(destinationPort, .big)
    writer.writeZeros(2)
    writer.write(address: originalAddress)
  }

  /// Reads a template.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_encap_tmpl"
    type = try reader.read(UInt16.self, .host, context)
    sourcePort = try reader.read(UInt16.self, .big, context)
    destinationPort = try reader.read(UInt16.self, .big, context)
    try reader.skip(2, context)
    originalAddress = try reader.readAddress(context)
  }
}
