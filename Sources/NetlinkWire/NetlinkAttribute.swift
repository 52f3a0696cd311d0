// SPDX-License-Identifier: Apache-2.0

/// One netlink attribute (`struct nlattr`): a type-length-value record. The length counts
/// the 4-byte header and the payload but not the padding that aligns the next record:
///
///     +----------+----------+-------------------+---------+
///     | len: u16 | type: u16| payload (len - 4) | pad 0-3 |
///     +----------+----------+-------------------+---------+
///
/// Nested attributes are attributes whose payload is itself a run of attributes.
public struct NetlinkAttribute: Hashable, Sendable {
  /// `NLA_F_NESTED`.
  public static let nestedFlag: UInt16 = 0x8000
  /// `NLA_F_NET_BYTEORDER`.
  public static let networkByteOrderFlag: UInt16 = 0x4000
  /// `NLA_HDRLEN`.
  public static let headerSize = 4

  /// The type with the flag bits removed (`NLA_TYPE_MASK`).
  public var type: UInt16
  /// The flag bits of `nla_type`.
  public var flags: UInt16
  /// The payload without padding.
  public var payload: [UInt8]

  /// Creates an attribute.
  public init(type: UInt16, flags: UInt16 = 0, payload: [UInt8]) {
    self.type = type
    self.flags = flags
    self.payload = payload
  }

  /// True when `NLA_F_NESTED` is set.
  public var isNested: Bool { flags & Self.nestedFlag != 0 }

  /// A reader over the payload.
  public var reader: ByteReader { ByteReader(payload) }

  /// Reads attributes until the reader is empty. A length shorter than the header or
  /// longer than what is left throws; the caller decides which types it knows, and
  /// skips the rest.
  public static func decodeAll(_ reader: inout ByteReader) throws -> [NetlinkAttribute] {
    var attributes: [NetlinkAttribute] = []
    while let record = try reader.nextAttribute() {
      var payload = record.payload
      attributes.append(
        NetlinkAttribute(type: record.type, flags: record.flags, payload: payload.readRest()))
    }
    return attributes
  }
}

/// One attribute read in place: its type and flags, and a reader over its payload that
/// shares the message's bytes. Decoders walk a message with `ByteReader.nextAttribute()`
/// instead of `decodeAll`, so no attribute is copied.
public struct NetlinkAttributeRecord {
  /// The type with the flag bits removed (`NLA_TYPE_MASK`).
  public var type: UInt16
  /// The flag bits of `nla_type`.
  public var flags: UInt16
  /// A reader over the payload, without padding.
  public var payload: ByteReader
}

extension ByteReader {
  /// Reads the next attribute in place and moves past it and its padding; nil when no
  /// whole header is left. A length shorter than the header or longer than what is left
  /// throws.
  public mutating func nextAttribute() throws -> NetlinkAttributeRecord? {
    let headerSize = NetlinkAttribute.headerSize
    guard remaining >= headerSize else { return nil }
    let length = Int(try read(UInt16.self, .host, "struct nlattr"))
    let rawType = try read(UInt16.self, .host, "struct nlattr")
    guard length >= headerSize else {
      throw WireDecodingError("attribute \(rawType)", "length \(length) below header")
    }
    let payload = try subreader(length - headerSize, "attribute \(rawType)")
    try skip(min(Netlink.align(length) - length, remaining))

    let flagBits = NetlinkAttribute.nestedFlag | NetlinkAttribute.networkByteOrderFlag
    return NetlinkAttributeRecord(
      type: rawType & ~flagBits, flags: rawType & flagBits, payload: payload)
  }
}

// MARK: - Writing attributes

extension ByteWriter {
  /// Appends an attribute whose payload `body` writes; the length is filled in after, and
  /// the record is padded to 4 bytes.
  public mutating func writeAttribute(
    type: UInt16, flags: UInt16 = 0, _ body: (inout ByteWriter) -> Void
  ) {
    let start = count
    write(UInt16(0), .host)
    write(type | flags, .host)
    body(&self)
    set(UInt16(count - start), .host, at: start)
    alignToFour()
  }

  /// Appends an attribute holding one encoded struct.
  public mutating func writeAttribute<S: WireStruct>(type: UInt16, _ value: S) {
    writeAttribute(type: type) { value.encode(to: &$0) }
  }

  /// Appends an attribute holding raw bytes.
  public mutating func writeAttribute(type: UInt16, bytes payload: [UInt8]) {
    writeAttribute(type: type) { $0.write(bytes: payload) }
  }
}
