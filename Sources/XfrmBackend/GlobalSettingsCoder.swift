// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Requests and replies about the databases as a whole: default policies
/// (GETDEFAULT/SETDEFAULT), SPD information and hash thresholds (GETSPDINFO/NEWSPDINFO),
/// SAD information (GETSADINFO). Bodies are written as `ip xfrm` writes them.
enum GlobalSettingsCoder {
  /// The body of a global request; other requests write nothing.
  static func writeBody(of request: KernelRequest, to writer: inout ByteWriter) {
    switch request {
    case .getDefaultPolicies:
      XfrmUserPolicyDefault().encode(to: &writer)
    case .setDefaultPolicies(let defaults):
      var wire = XfrmUserPolicyDefault()
      wire.inbound = code(defaults.inbound)
      wire.forward = code(defaults.forward)
      wire.outbound = code(defaults.outbound)
      wire.encode(to: &writer)
    case .getSPDInfo, .getSADInfo:
      writer.write(XfrmDatabaseAttribute.requestFlags, .host)
    case .setSPDHashThresholds(let thresholds):
      writer.write(XfrmDatabaseAttribute.requestFlags, .host)
      write(thresholds.ipv4, XfrmDatabaseAttribute.spdIPv4Threshold, to: &writer)
      write(thresholds.ipv6, XfrmDatabaseAttribute.spdIPv6Threshold, to: &writer)
    default:
      break
    }
  }

  /// `XFRM_USERPOLICY_*` for an action; nil is unspecified (unchanged).
  static func code(_ action: PolicyAction?) -> UInt8 {
    switch action {
    case nil: XfrmUserPolicyDefault.unspecified
    case .discard?: XfrmUserPolicyDefault.block
    default: XfrmUserPolicyDefault.accept
    }
  }

  /// The action of an `XFRM_USERPOLICY_*` code; nil for unspecified or unknown.
  static func action(_ code: UInt8) -> PolicyAction? {
    switch code {
    case XfrmUserPolicyDefault.block: .discard
    case XfrmUserPolicyDefault.accept: PolicyAction.none
    default: nil
    }
  }

  private static func write(
    _ threshold: HashThreshold?, _ type: UInt16, to writer: inout ByteWriter
  ) {
    guard let threshold else { return }
    writer.writeAttribute(type: type) {
      $0.write(threshold.local, .host)
      $0.write(threshold.remote, .host)
    }
  }

  // MARK: - Replies

  /// The reply to a global get, by its message type.
  static func decodeReply(_ message: NetlinkMessage) throws -> StatementOutput {
    var reader = message.reader
    switch message.header.type {
    case .getDefault:
      let wire = try XfrmUserPolicyDefault(decoding: &reader)
      return .defaultPolicies(
        DefaultPolicies(
          inbound: action(wire.inbound), forward: action(wire.forward),
          outbound: action(wire.outbound)))
    case .newSPDInfo:
      return .spdInformation(try spdInformation(&reader))
    case .newSADInfo:
      return .sadInformation(try sadInformation(&reader))
    default:
      throw WireDecodingError(message.header.type.name, "not a reply to a global get")
    }
  }

  private static func spdInformation(_ reader: inout ByteReader) throws -> SPDInformation {
    _ = try reader.read(UInt32.self, .host, "XFRM_MSG_NEWSPDINFO flags")
    var info = SPDInformation()
    for attribute in try NetlinkAttribute.decodeAll(&reader) {
      var payload = attribute.reader
      let context = "XFRMA_SPD attribute \(attribute.type)"
      switch attribute.type {
      case XfrmDatabaseAttribute.spdInfo:
        let counts = try (0..<6).map { _ in try payload.read(UInt32.self, .host, context) }
        (info.inbound, info.outbound, info.forward) = (counts[0], counts[1], counts[2])
        (info.socketInbound, info.socketOutbound, info.socketForward) =
          (counts[3], counts[4], counts[5])
      case XfrmDatabaseAttribute.spdHashInfo:
        info.hashBuckets = try payload.read(UInt32.self, .host, context)
        info.hashBucketsMaximum = try payload.read(UInt32.self, .host, context)
      case XfrmDatabaseAttribute.spdIPv4Threshold, XfrmDatabaseAttribute.spdIPv6Threshold:
        let threshold = HashThreshold(
          local: try payload.read(UInt8.self, .host, context),
          remote: try payload.read(UInt8.self, .host, context))
        if attribute.type == XfrmDatabaseAttribute.spdIPv4Threshold {
          info.thresholds.ipv4 = threshold
        } else {
          info.thresholds.ipv6 = threshold
        }
      default:
        continue
      }
    }
    return info
  }

  private static func sadInformation(_ reader: inout ByteReader) throws -> SADInformation {
    _ = try reader.read(UInt32.self, .host, "XFRM_MSG_NEWSADINFO flags")
    var info = SADInformation()
    for attribute in try NetlinkAttribute.decodeAll(&reader) {
      var payload = attribute.reader
      let context = "XFRMA_SAD attribute \(attribute.type)"
      switch attribute.type {
      case XfrmDatabaseAttribute.sadCount:
        info.count = try payload.read(UInt32.self, .host, context)
      case XfrmDatabaseAttribute.sadHashInfo:
        info.hashBuckets = try payload.read(UInt32.self, .host, context)
        info.hashBucketsMaximum = try payload.read(UInt32.self, .host, context)
      default:
        continue
      }
    }
    return info
  }
}
