// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Writes NEWPOLICY/UPDPOLICY bodies: `struct xfrm_userpolicy_info`, `XFRMA_TMPL`,
/// `XFRMA_SEC_CTX`.
enum PolicyEncoder {
  /// The policy with its templates. `discard` is `XFRM_POLICY_BLOCK`; `none`, `bypass`
  /// and `ipsec` are `XFRM_POLICY_ALLOW`, and only `ipsec` sends templates.
  static func write(
    _ sp: SecurityPolicy, operation: String, to writer: inout ByteWriter
  ) throws(KernelError) {
    var info = XfrmUserPolicyInfo()
    info.selector = WireMapping.selector(sp.selector)
    info.lifetime = WireMapping.lifetime(sp.lifetime)
    info.priority = sp.priority
    info.index = sp.index
    info.direction = WireMapping.direction(sp.direction)
    switch sp.action {
    case .discard: info.action = .block
    case .none, .bypass, .ipsec: info.action = .allow
    case .entrust:
      throw .refused(operation, errno: 95, "linux has no 'entrust' policy")
    }
    info.flags = sp.flags.rawValue
    info.encode(to: &writer)

    writeType(sp.type, to: &writer)
    if sp.action == .ipsec, !sp.templates.isEmpty {
      var templates: [XfrmUserTemplate] = []
      for template in sp.templates {
        templates.append(try wireTemplate(template, selector: sp.selector, operation))
      }
      writer.writeAttribute(type: XfrmAttributeType.templates.rawValue) { body in
        for template in templates { template.encode(to: &body) }
      }
    }
    writeMark(sp.mark, to: &writer)
    if let context = sp.securityContext {
      writer.writeAttribute(
        type: XfrmAttributeType.securityContext.rawValue,
        WireMapping.securityContext(context))
    }
    writeInterfaceID(sp.interfaceID, to: &writer)
  }

  /// One template. Tunnel and BEET templates carry their endpoints and family; transport
  /// templates carry zero addresses of the selector's family. Algorithm masks are all
  /// ones (any algorithm), which is what PF_KEY's `allalgs` meant.
  static func wireTemplate(
    _ template: PolicyTemplate, selector: TrafficSelector, _ operation: String
  ) throws(KernelError) -> XfrmUserTemplate {
    var wire = XfrmUserTemplate()
    wire.id.proto = template.securityProtocol.ipProtocolNumber
    wire.id.spi = template.spi
    wire.mode = WireMapping.mode(template.mode)
    wire.family = WireMapping.family(selector.family)

    let carriesEndpoints = wire.mode == .tunnel || wire.mode == .beet
    if carriesEndpoints, let endpoint = template.tunnelDestination ?? template.tunnelSource {
      wire.family = WireMapping.family(endpoint.family)
      wire.id.destination = template.tunnelDestination?.bytes ?? []
      wire.source = template.tunnelSource?.bytes ?? []
    }

    switch template.level {
    case .use:
      wire.optional = 1
      wire.reqid = template.reqid
    case .require, .default:
      wire.reqid = template.reqid
    case .unique(let reqid):
      guard let reqid = reqid ?? (template.reqid == 0 ? nil : template.reqid) else {
        throw .refused(operation, errno: 22, "template 'unique' has no reqid allocated")
      }
      wire.reqid = reqid
    }
    applyXfrmEra(template, to: &wire)
    return wire
  }
}
