// SPDX-License-Identifier: Apache-2.0

/// The header in front of every netlink message; `struct nlmsghdr`, all fields host order.
public struct NetlinkMessageHeader: Hashable, Sendable {
  /// Bytes in the message, header included, padding excluded (`nlmsg_len`).
  public var length: UInt32
  /// `nlmsg_type`.
  public var type: NetlinkMessageType
  /// `nlmsg_flags`.
  public var flags: NetlinkMessageFlags
  /// Sequence number the reply echoes (`nlmsg_seq`).
  public var sequence: UInt32
  /// Sender port id (`nlmsg_pid`); 0 lets the kernel fill in ours.
  public var portID: UInt32

  /// Creates a header.
  public init(
    length: UInt32, type: NetlinkMessageType, flags: NetlinkMessageFlags, sequence: UInt32,
    portID: UInt32
  ) {
    self.length = length
    self.type = type
    self.flags = flags
    self.sequence = sequence
    self.portID = portID
  }
}

// MARK: - WireStruct

extension NetlinkMessageHeader: WireStruct {
  /// `sizeof(struct nlmsghdr)`.
  public static let wireSize = 16

  /// Writes the header.
  public func encode(to writer: inout ByteWriter) {
    writer.appendFixed(Self.wireSize) { encode(to: &$0) }
  }

  /// Writes the header in place, at the start of a block of fixed fields.
  public func encode(to fields: inout FixedFieldWriter) {
    fields.write(length, .host)
    fields.write(type.rawValue, .host)
    fields.write(flags.rawValue, .host)
    fields.write(sequence, .host)
    fields.write(portID, .host)
  }

  /// Reads a header.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct nlmsghdr"
    length = try reader.read(UInt32.self, .host, context)
    type = NetlinkMessageType(rawValue: try reader.read(UInt16.self, .host, context))
    flags = NetlinkMessageFlags(rawValue: try reader.read(UInt16.self, .host, context))
    sequence = try reader.read(UInt32.self, .host, context)
    portID = try reader.read(UInt32.self, .host, context)
  }
}
