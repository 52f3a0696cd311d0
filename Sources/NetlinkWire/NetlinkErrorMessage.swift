// SPDX-License-Identifier: Apache-2.0

/// The payload of an `NLMSG_ERROR` message; `struct nlmsgerr` plus extended-ack
/// attributes. `error` 0 is an acknowledgement.
public struct NetlinkErrorMessage: Hashable, Sendable {
  /// `NLMSGERR_ATTR_MSG`: the kernel's text explaining the error.
  public static let messageAttribute: UInt16 = 1
  /// `NLMSGERR_ATTR_OFFS`: offset of the offending attribute in the request.
  public static let offsetAttribute: UInt16 = 2

  /// Negative errno, or 0 for an acknowledgement (`error`, host order).
  public var error: Int32
  /// The header of the request this answers (`msg`).
  public var request: NetlinkMessageHeader
  /// The extended-ack text, when the kernel gave one.
  public var message: String?
  /// The extended-ack offset, when the kernel gave one.
  public var offset: UInt32?

  /// Creates an error message.
  public init(
    error: Int32, request: NetlinkMessageHeader, message: String? = nil, offset: UInt32? = nil
  ) {
    self.error = error
    self.request = request
    self.message = message
    self.offset = offset
  }

  /// `sizeof(struct nlmsgerr)`.
  public static let wireSize = 4 + NetlinkMessageHeader.wireSize

  /// The positive errno, 0 for an acknowledgement.
  public var errno: Int32 { -error }

  /// Decodes the payload of an `NLMSG_ERROR` message. `flags` are that message's flags:
  /// they say whether the original request was echoed (no `NLM_F_CAPPED`) and whether
  /// attributes follow (`NLM_F_ACK_TLVS`). Unknown attributes are skipped.
  public init(decoding reader: inout ByteReader, flags: NetlinkMessageFlags) throws {
    error = try reader.read(Int32.self, .host, "struct nlmsgerr")
    request = try NetlinkMessageHeader(decoding: &reader)
    guard flags.contains(.acknowledgementTLVs) else { return }

    if !flags.contains(.capped) {
      let echoed = Int(request.length) - NetlinkMessageHeader.wireSize
      try reader.skip(min(Netlink.align(max(echoed, 0)), reader.remaining))
    }
    for attribute in try NetlinkAttribute.decodeAll(&reader) {
      switch attribute.type {
      case Self.messageAttribute:
        message = String(decoding: attribute.payload.prefix { $0 != 0 }, as: UTF8.self)
      case Self.offsetAttribute where attribute.payload.count >= 4:
        var payload = attribute.reader
        offset = try payload.read(UInt32.self, .host)
      default:
        continue
      }
    }
  }

  /// Encodes as a capped acknowledgement with attributes; used by tests and fakes.
  public func encode(to writer: inout ByteWriter) {
    writer.write(error, .host)
    request.encode(to: &writer)
    if let message {
      writer.writeAttribute(type: Self.messageAttribute, bytes: Array(message.utf8) + [0])
    }
    if let offset {
      writer.writeAttribute(type: Self.offsetAttribute) { $0.write(offset, .host) }
    }
  }
}
