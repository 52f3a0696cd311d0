// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Writes NEWPOLICY/UPDPOLICY bodies: `struct xfrm_userpolicy_info`, `XFRMA_TMPL`,
/// `XFRMA_SEC_CTX`.
enum PolicyEncoder {
  /// The policy with its templates. `discard` is `XFRM_POLICY_BLOCK`; `none`, `bypass`
  /// and `ipsec` are `XFRM_POLICY_ALLOW`, and only `ipsec` sends templates. The fixed
  /// parts are written straight from the model into the writer's bytes; nothing is
  /// written when the policy cannot be sent.
  static func write(
    _ sp: SecurityPolicy, operation: String, to writer: inout ByteWriter
  ) throws(KernelError) {
    let action: XfrmPolicyAction
    switch sp.action {
    case .discard: action = .block
    case .none, .bypass, .ipsec: action = .allow
    case .entrust:
      throw .refused(operation, errno: 95, "linux has no 'entrust' policy")
    }
    let sendsTemplates = sp.action == .ipsec && !sp.templates.isEmpty
    if sendsTemplates, sp.templates.contains(where: { reqid(of: $0) == nil }) {
      throw .refused(operation, errno: 22, "template 'unique' has no reqid allocated")
    }

    writer.appendFixed(XfrmUserPolicyInfo.wireSize) { fields in
      WireMapping.write(sp.selector, to: &fields)
      WireMapping.write(sp.lifetime, to: &fields)
      fields.skip(XfrmLifetimeCurrent.wireSize)
      fields.write(sp.priority, .host)
      fields.write(sp.index, .host)
      fields.write(WireMapping.direction(sp.direction).rawValue, .host)
      fields.write(action.rawValue, .host)
      fields.write(sp.flags.rawValue, .host)
    }
    writeType(sp.type, to: &writer)
    if sendsTemplates { writeTemplates(of: sp, to: &writer) }
    writeMark(sp.mark, to: &writer)
    if let context = sp.securityContext {
      writer.writeAttribute(
        type: XfrmAttributeType.securityContext.rawValue,
        WireMapping.securityContext(context))
    }
    writeInterfaceID(sp.interfaceID, to: &writer)
  }

  /// `XFRMA_TMPL`: the attribute header and every `struct xfrm_user_tmpl`, in one go.
  private static func writeTemplates(of sp: SecurityPolicy, to writer: inout ByteWriter) {
    let length = NetlinkAttribute.headerSize + sp.templates.count * XfrmUserTemplate.wireSize
    writer.appendFixed(length) { fields in
      fields.write(UInt16(length), .host)
      fields.write(XfrmAttributeType.templates.rawValue, .host)
      for template in sp.templates { write(template, selector: sp.selector, to: &fields) }
    }
  }

  /// One template. Tunnel and BEET templates carry their endpoints and family; transport
  /// templates carry zero addresses of the selector's family. Algorithm masks are all
  /// ones (any algorithm) unless the policy narrowed them, which is what PF_KEY's
  /// `allalgs` meant. `reqid(of:)` has accepted the template.
  private static func write(
    _ template: PolicyTemplate, selector: TrafficSelector, to fields: inout FixedFieldWriter
  ) {
    let mode = WireMapping.mode(template.mode)
    var family = WireMapping.family(selector.family)
    var destination: IPAddress?
    var source: IPAddress?
    let carriesEndpoints = mode == .tunnel || mode == .beet
    if carriesEndpoints, let endpoint = template.tunnelDestination ?? template.tunnelSource {
      family = WireMapping.family(endpoint.family)
      destination = template.tunnelDestination
      source = template.tunnelSource
    }

    // struct xfrm_id, then the rest of struct xfrm_user_tmpl.
    WireMapping.write(destination, to: &fields)
    fields.write(template.spi, .big)
    fields.write(template.securityProtocol.ipProtocolNumber, .host)
    fields.skip(3)
    fields.write(family, .host)
    fields.skip(2)
    WireMapping.write(source, to: &fields)
    fields.write(reqid(of: template) ?? 0, .host)
    fields.write(mode.rawValue, .host)
    fields.skip(1)  // share
    fields.write(UInt8(template.level == .use ? 1 : 0), .host)
    fields.skip(1)
    fields.write(template.authenticationAlgorithms, .host)
    fields.write(template.encryptionAlgorithms, .host)
    fields.write(template.compressionAlgorithms, .host)
  }

  /// The reqid a template sends: its own for `use`, `require` and `default`; for `unique`
  /// the one it names or was allocated, nil while it has none.
  static func reqid(of template: PolicyTemplate) -> UInt32? {
    guard case .unique(let reqid) = template.level else { return template.reqid }
    return reqid ?? (template.reqid == 0 ? nil : template.reqid)
  }
}
