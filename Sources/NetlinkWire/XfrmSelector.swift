// SPDX-License-Identifier: Apache-2.0

/// The traffic an SA or policy applies to; `struct xfrm_selector`.
public struct XfrmSelector: Hashable, Sendable {
  /// `daddr`, network order, 16 bytes.
  public var destinationAddress = XfrmAddress()
  /// `saddr`, network order, 16 bytes.
  public var sourceAddress = XfrmAddress()
  /// `dport`, big-endian on the wire; ICMP code for ICMP.
  public var destinationPort: UInt16 = 0
  /// `dport_mask`, big-endian on the wire.
  public var destinationPortMask: UInt16 = 0
  /// `sport`, big-endian on the wire; ICMP type for ICMP.
  public var sourcePort: UInt16 = 0
  /// `sport_mask`, big-endian on the wire.
  public var sourcePortMask: UInt16 = 0
  /// `family` (`AF_INET`, `AF_INET6`, 0 for unspecified), host order.
  public var family: UInt16 = 0
  /// `prefixlen_d`.
  public var destinationPrefixLength: UInt8 = 0
  /// `prefixlen_s`.
  public var sourcePrefixLength: UInt8 = 0
  /// `proto`: upper-layer protocol, 0 for any.
  public var upperProtocol: UInt8 = 0
  /// `ifindex`, host order.
  public var interfaceIndex: Int32 = 0
  /// `user`, host order.
  public var user: UInt32 = 0

  /// `daddr` as 16 bytes; setting takes the first 16, zero-filled.
  public var destination: [UInt8] {
    get { destinationAddress.bytes }
    set { destinationAddress = XfrmAddress(bytes: newValue) }
  }

  /// `saddr` as 16 bytes; setting takes the first 16, zero-filled.
  public var source: [UInt8] {
    get { sourceAddress.bytes }
    set { sourceAddress = XfrmAddress(bytes: newValue) }
  }

  /// An all-zero selector.
  public init() {}
}

// MARK: - WireStruct

extension XfrmSelector: WireStruct {
  /// `sizeof(struct xfrm_selector)`.
  public static let wireSize = 56

  /// Writes the selector.
  public func encode(to writer: inout ByteWriter) {
    writer.write(address: destinationAddress)
    writer.write(address: sourceAddress)
    writer.write(destinationPort, .big)
    writer.write(destinationPortMask, .big)
    writer.write(sourcePort, .big)
    writer.write(sourcePortMask, .big)
    writer.write(family, .host)
    writer.write(destinationPrefixLength, .host)
    writer.write(sourcePrefixLength, .host)
    writer.write(upperProtocol, .host)
    writer.writeZeros(3)
    writer.write(interfaceIndex, .host)
    writer.write(user, .host)
  }

  /// Reads a selector.
  public init(decoding reader: inout ByteReader) throws {
    self = try reader.readFields(Self.wireSize, "struct xfrm_selector") {
      Self(fields: &$0)
    }
  }

  /// Reads the fields in wire order from a struct already known to be whole.
  init(fields: inout StructFieldReader) {
    self.init()
    destinationAddress = fields.readAddress()
    sourceAddress = fields.readAddress()
    destinationPort = fields.read(UInt16.self, .big)
    destinationPortMask = fields.read(UInt16.self, .big)
    sourcePort = fields.read(UInt16.self, .big)
    sourcePortMask = fields.read(UInt16.self, .big)
    family = fields.read(UInt16.self, .host)
    destinationPrefixLength = fields.read(UInt8.self, .host)
    sourcePrefixLength = fields.read(UInt8.self, .host)
    upperProtocol = fields.read(UInt8.self, .host)
    fields.skip(3)
    interfaceIndex = fields.read(Int32.self, .host)
    user = fields.read(UInt32.self, .host)
  }
}
