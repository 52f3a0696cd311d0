// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Turns one request into the exact netlink message `ip xfrm` would send for it: the
/// same message type, flags (`NLM_F_REQUEST|NLM_F_ACK` for changes, `NLM_F_REQUEST` alone
/// for GETSA and ALLOCSPI, `NLM_F_REQUEST|NLM_F_DUMP` for dumps) and attribute order.
///
/// SA attributes are written in this order, each only when present: `XFRMA_ALG_AEAD`,
/// `XFRMA_ALG_CRYPT`, `XFRMA_ALG_AUTH_TRUNC`, `XFRMA_ALG_COMP`, `XFRMA_ENCAP`,
/// `XFRMA_SEC_CTX`, `XFRMA_REPLAY_ESN_VAL`. Policies carry `XFRMA_TMPL`, then
/// `XFRMA_SEC_CTX`. The result holds key bytes for SA requests: wipe it after sending.
public enum XfrmMessageBuilder {
  /// The message for one request, exactly `nlmsg_len` bytes long (not padded).
  /// Throws when Linux cannot express the request (an algorithm it lacks, an `entrust`
  /// policy, a `unique` template whose reqid has not been allocated yet).
  public static func message(
    for request: KernelRequest, sequence: UInt32, portID: UInt32 = 0
  ) throws(KernelError) -> [UInt8] {
    var writer = ByteWriter(capacity: messageCapacity)
    try append(request, sequence: sequence, portID: portID, to: &writer)
    return writer.bytes
  }

  /// Appends the message for one request to a batch, padded to 4 bytes first: the bytes
  /// `message(for:sequence:portID:)` returns, written in place. When the request cannot
  /// be expressed the batch is left as it was (what was written is wiped).
  static func append(
    _ request: KernelRequest, sequence: UInt32, portID: UInt32, to writer: inout ByteWriter
  ) throws(KernelError) {
    switch request {
    case .addPolicy(let sp):
      return try appendPolicy(sp, replacing: false, sequence: sequence, portID: portID, to: &writer)
    case .updatePolicy(let sp):
      return try appendPolicy(sp, replacing: true, sequence: sequence, portID: portID, to: &writer)
    default:
      break
    }

    let before = writer.count
    var failure: KernelError?
    NetlinkMessage.append(
      type: messageType(for: request), flags: flags(for: request), sequence: sequence,
      portID: portID, to: &writer
    ) { body in
      do throws(KernelError) {
        try writeBody(of: request, to: &body)
      } catch {
        failure = error
      }
    }
    if let failure {
      writer.truncate(to: before)
      throw failure
    }
  }

  /// Appends a NEWPOLICY (UPDPOLICY when `replacing`) straight from the policy: what
  /// `append` writes for `.addPolicy` and `.updatePolicy`, without building the request.
  static func appendPolicy(
    _ sp: SecurityPolicy, replacing: Bool, sequence: UInt32, portID: UInt32,
    to writer: inout ByteWriter
  ) throws(KernelError) {
    writer.alignToFour()
    let header = NetlinkMessageHeader(
      length: 0, type: replacing ? .updatePolicy : .newPolicy, flags: changeFlags,
      sequence: sequence, portID: portID)
    try PolicyEncoder.appendMessage(sp, header: header, to: &writer)
  }

  /// The message for a statement that is a single request (everything but `deleteall`
  /// and `exit`, which throw `EINVAL`).
  public static func message(
    for statement: Statement, sequence: UInt32, portID: UInt32 = 0
  ) throws(KernelError) -> [UInt8] {
    guard let request = KernelRequest(statement.command) else {
      throw .refused("statement", errno: 22, "not a single kernel request")
    }
    return try message(for: request, sequence: sequence, portID: portID)
  }

  /// Room reserved up front so a message holding keys is never regrown (a regrown buffer
  /// would leave a copy of the key in freed memory).
  static let messageCapacity = 1024

  /// `nlmsg_type` of a request.
  public static func messageType(for request: KernelRequest) -> NetlinkMessageType {
    switch request {
    case .addState: .newSA
    case .updateState: .updateSA
    case .deleteState: .deleteSA
    case .getState, .dumpStates: .getSA
    case .flushStates: .flushSA
    case .allocateSPI: .allocateSPI
    case .addPolicy: .newPolicy
    case .updatePolicy: .updatePolicy
    case .deletePolicy, .deletePolicyMatching: .deletePolicy
    case .getPolicy: .getPolicy
    case .getDefaultPolicies: .getDefault
    case .setDefaultPolicies: .setDefault
    case .getSPDInfo: .getSPDInfo
    case .setSPDHashThresholds: .newSPDInfo
    case .getSADInfo: .getSADInfo
    case .flushPolicies: .flushPolicy
    case .dumpPolicies: .getPolicy
    }
  }

  /// `nlmsg_flags` of a request, as iproute2 sets them.
  public static func flags(for request: KernelRequest) -> NetlinkMessageFlags {
    switch request {
    case .getState, .allocateSPI, .getPolicy: [.request]
    case .getDefaultPolicies, .getSPDInfo, .getSADInfo: [.request]
    case .dumpStates, .dumpPolicies: [.request, .dump]
    default: changeFlags
    }
  }

  /// `nlmsg_flags` of requests that change something: the kernel acknowledges each.
  static let changeFlags: NetlinkMessageFlags = [.request, .ack]

  // MARK: - Bodies

  private static func writeBody(of request: KernelRequest, to writer: inout ByteWriter)
    throws(KernelError)
  {
    switch request {
    case .addState(let sa), .updateState(let sa):
      try StateEncoder.write(sa, operation: messageType(for: request), to: &writer)
    case .deleteState(let id), .getState(let id):
      StateEncoder.write(id, to: &writer)
    case .flushStates(let proto):
      XfrmUserSAFlush(proto: proto?.ipProtocolNumber ?? 0).encode(to: &writer)
    case .allocateSPI(let source, let destination, let proto, let mode, let reqid, let range):
      // A larval SA has no limits yet: iproute2 leaves the lifetime all zero.
      var info = XfrmUserSPIInfo()
      info.info.lifetime = XfrmLifetimeConfig.zero
      info.info.id.destination = destination.bytes
      info.info.id.proto = proto.ipProtocolNumber
      info.info.source = source.bytes
      info.info.family = WireMapping.family(destination.family)
      info.info.mode = WireMapping.mode(mode)
      info.info.reqid = reqid
      info.minimum = range.lowerBound
      info.maximum = range.upperBound
      info.encode(to: &writer)
    case .addPolicy, .updatePolicy:
      preconditionFailure("policies are written whole by PolicyEncoder.appendMessage")
    case .deletePolicy(let selector, let direction):
      var id = XfrmUserPolicyID()
      id.selector = WireMapping.selector(selector)
      id.direction = WireMapping.direction(direction)
      id.encode(to: &writer)
    case .deletePolicyMatching(let identity), .getPolicy(let identity):
      PolicyEncoder.write(identity, to: &writer)
    case .getDefaultPolicies, .setDefaultPolicies, .getSPDInfo, .setSPDHashThresholds,
      .getSADInfo:
      GlobalSettingsCoder.writeBody(of: request, to: &writer)
    case .dumpStates(let proto):
      // As iproute2 asks: the kernel filters by protocol, and an all-zero address filter
      // passes every SA.
      if let proto {
        writer.writeAttribute(type: XfrmAttributeType.proto.rawValue) {
          $0.write(proto.ipProtocolNumber, .host)
        }
      }
      writer.writeAttribute(type: XfrmAttributeType.addressFilter.rawValue, XfrmAddressFilter())
    case .flushPolicies, .dumpPolicies:
      break
    }
  }
}
