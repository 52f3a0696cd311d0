// SPDX-License-Identifier: Apache-2.0

/// One netlink message: a header and its payload (family header plus attributes).
///
/// A message split from a datagram shares the datagram's bytes instead of copying its
/// payload: a dump part of a hundred entries is one buffer, read in place.
public struct NetlinkMessage: Hashable, Sendable {
  /// The header as received or to be sent; `length` is recomputed when encoding.
  public var header: NetlinkMessageHeader
  /// The buffer the payload lies in: the payload itself, or a whole datagram.
  private var storage: [UInt8]
  /// Where the payload lies in `storage`.
  private var payloadRange: Range<Int>

  /// Creates a message.
  public init(header: NetlinkMessageHeader, payload: [UInt8]) {
    self.header = header
    storage = payload
    payloadRange = payload.indices
  }

  /// A message whose payload is `datagram[range]`, sharing the datagram.
  init(header: NetlinkMessageHeader, datagram: [UInt8], payloadRange: Range<Int>) {
    self.header = header
    storage = datagram
    self.payloadRange = payloadRange
  }

  /// Bytes after the header, without trailing alignment padding (a copy when the message
  /// was split from a datagram).
  public var payload: [UInt8] {
    get {
      payloadRange == storage.indices ? storage : Array(storage[payloadRange])
    }
    set {
      storage = newValue
      payloadRange = newValue.indices
    }
  }

  /// A reader over the payload, sharing its bytes.
  public var reader: ByteReader { ByteReader(storage, range: payloadRange) }

  /// Equal when both hold the same header and payload bytes, wherever the payload lies.
  public static func == (left: NetlinkMessage, right: NetlinkMessage) -> Bool {
    left.header == right.header
      && left.storage[left.payloadRange].elementsEqual(right.storage[right.payloadRange])
  }

  /// Hashes what `==` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(header)
    hasher.combine(payloadRange.count)
    for byte in storage[payloadRange] { hasher.combine(byte) }
  }

  /// Builds one message: the header, then what `body` writes. The result is exactly
  /// `nlmsg_len` bytes; `appendAligned` pads it when it is batched with others.
  public static func encode(
    type: NetlinkMessageType, flags: NetlinkMessageFlags, sequence: UInt32, portID: UInt32,
    capacity: Int = 256, _ body: (inout ByteWriter) -> Void
  ) -> [UInt8] {
    var writer = ByteWriter(capacity: capacity)
    append(type: type, flags: flags, sequence: sequence, portID: portID, to: &writer, body)
    return writer.bytes
  }

  /// Builds one message at the end of `writer` (a batch), first padding it to 4 bytes as
  /// `appendAligned` does: the same bytes as `encode`, without a buffer of its own.
  public static func append(
    type: NetlinkMessageType, flags: NetlinkMessageFlags, sequence: UInt32, portID: UInt32,
    to writer: inout ByteWriter, _ body: (inout ByteWriter) -> Void
  ) {
    writer.alignToFour()
    let start = writer.count
    let header = NetlinkMessageHeader(
      length: 0, type: type, flags: flags, sequence: sequence, portID: portID)
    header.encode(to: &writer)
    body(&writer)
    writer.set(UInt32(writer.count - start), .host, at: start)
  }

  /// Encodes this message (header length recomputed).
  public var encodedBytes: [UInt8] {
    Self.encode(
      type: header.type, flags: header.flags, sequence: header.sequence,
      portID: header.portID, capacity: NetlinkMessageHeader.wireSize + payload.count
    ) { $0.write(bytes: payload) }
  }

  /// Splits a received datagram into its messages (`NLMSG_OK`/`NLMSG_NEXT`), which share
  /// the datagram's bytes. A length that runs past the datagram throws rather than being
  /// truncated.
  public static func split(_ datagram: [UInt8]) throws -> [NetlinkMessage] {
    var reader = ByteReader(datagram)
    var messages: [NetlinkMessage] = []
    while reader.remaining >= NetlinkMessageHeader.wireSize {
      let header = try NetlinkMessageHeader(decoding: &reader)
      let length = Int(header.length)
      guard length >= NetlinkMessageHeader.wireSize else {
        throw WireDecodingError("struct nlmsghdr", "nlmsg_len \(length) below header size")
      }
      let start = reader.offset
      try reader.skip(length - NetlinkMessageHeader.wireSize, "\(header.type.name) payload")
      try reader.skip(min(Netlink.align(length) - length, reader.remaining))
      messages.append(
        NetlinkMessage(
          header: header, datagram: datagram,
          payloadRange: start..<start + length - NetlinkMessageHeader.wireSize))
    }
    return messages
  }
}

extension Array where Element == UInt8 {
  /// Appends one encoded message to a batch, padding the batch to 4 bytes first so the
  /// message starts aligned (`NLMSG_ALIGN`).
  public mutating func appendAligned(message: [UInt8]) {
    append(contentsOf: repeatElement(0, count: Netlink.align(count) - count))
    append(contentsOf: message)
  }
}
