// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Reads a policy message (a NEWPOLICY from a dump) into the model.
public enum PolicyDecoder {
  /// The policy in a policy message; nil for policies setkey cannot express (socket
  /// policies, unknown directions or actions, a selector of no known family, a template
  /// of a mode or protocol the model has no name for). Such a policy is left out whole:
  /// without the template it would read as another policy, an allow without IPsec.
  public static func decode(_ message: NetlinkMessage) throws -> SecurityPolicy? {
    var reader = message.reader
    let info = try XfrmUserPolicyInfo(decoding: &reader)
    guard let family = WireMapping.family(info.selector.family),
      let direction = WireMapping.direction(info.direction)
    else { return nil }

    var templates: [PolicyTemplate] = []
    var context: SecurityContext?
    var identity = PolicyIdentityAttributes()
    while let attribute = try reader.nextAttribute() {
      var payload = attribute.payload
      switch XfrmAttributeType(rawValue: attribute.type) {
      case .templates:
        while payload.remaining >= XfrmUserTemplate.wireSize {
          let wire = try XfrmUserTemplate(decoding: &payload)
          guard let template = template(wire) else { return nil }
          templates.append(template)
        }
      case .securityContext:
        context = WireMapping.securityContext(try XfrmSecurityContext(decoding: &payload))
      default:
        try identity.apply(attribute)
      }
    }

    let action: PolicyAction
    switch info.action {
    case .block: action = .discard
    case .allow: action = templates.isEmpty ? .none : .ipsec
    default: return nil
    }
    var sp = SecurityPolicy(
      selector: WireMapping.selector(info.selector, fallback: family), direction: direction,
      action: action)
    sp.priority = info.priority
    sp.index = info.index
    sp.templates = templates
    sp.lifetime = WireMapping.lifetime(info.lifetime)
    sp.current = WireMapping.current(info.current)
    sp.securityContext = context
    sp.flags = PolicyFlags(rawValue: info.flags)
    identity.apply(to: &sp)
    return sp
  }

  /// The non-zero reqids of a policy message's templates, whatever their mode.
  static func templateReqids(_ message: NetlinkMessage) throws -> [UInt32] {
    var reader = message.reader
    _ = try XfrmUserPolicyInfo(decoding: &reader)
    var reqids: [UInt32] = []
    while let attribute = try reader.nextAttribute() {
      guard XfrmAttributeType(rawValue: attribute.type) == .templates else { continue }
      var payload = attribute.payload
      while payload.remaining >= XfrmUserTemplate.wireSize {
        let reqid = try XfrmUserTemplate(decoding: &payload).reqid
        if reqid != 0 { reqids.append(reqid) }
      }
    }
    return reqids
  }

  /// One template: `optional` reads as `use`, a reqid as `unique:N`, else `require`.
  /// Endpoints are kept for tunnel and BEET templates only.
  static func template(_ wire: XfrmUserTemplate) -> PolicyTemplate? {
    guard let proto = SecurityProtocol(ipProtocolNumber: wire.id.proto),
      let mode = WireMapping.mode(wire.mode)
    else { return nil }

    let level: PolicyLevel
    if wire.optional != 0 {
      level = .use
    } else if wire.reqid != 0 {
      level = .unique(reqid: wire.reqid)
    } else {
      level = .require
    }

    var template = PolicyTemplate(securityProtocol: proto, mode: mode, level: level)
    template.reqid = wire.reqid
    template.spi = wire.id.spi
    template.authenticationAlgorithms = wire.authenticationAlgorithms
    template.encryptionAlgorithms = wire.encryptionAlgorithms
    template.compressionAlgorithms = wire.compressionAlgorithms
    if mode != .transport, let family = WireMapping.family(wire.family) {
      template.tunnelSource = WireMapping.address(wire.sourceAddress, family)
      template.tunnelDestination = WireMapping.address(wire.id.destinationAddress, family)
    }
    return template
  }
}
