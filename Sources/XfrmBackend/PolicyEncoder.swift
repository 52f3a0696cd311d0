// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Writes NEWPOLICY/UPDPOLICY messages: `struct nlmsghdr`, `struct xfrm_userpolicy_info`,
/// `XFRMA_TMPL`, `XFRMA_SEC_CTX` and the xfrm-era attributes.
enum PolicyEncoder {
  /// The whole message for a policy with its templates, at the end of `writer` (already
  /// aligned). `discard` is `XFRM_POLICY_BLOCK`; `none`, `bypass` and `ipsec` are
  /// `XFRM_POLICY_ALLOW`, and only `ipsec` sends templates. The header, the fixed part
  /// and the templates are written straight from the model in one block; nothing is
  /// written when the policy cannot be sent.
  static func appendMessage(
    _ sp: SecurityPolicy, header: NetlinkMessageHeader, to writer: inout ByteWriter
  ) throws(KernelError) {
    let action: XfrmPolicyAction
    switch sp.action {
    case .discard: action = .block
    case .none, .bypass, .ipsec: action = .allow
    case .entrust:
      throw .refused(header.type.name, errno: 95, "linux has no 'entrust' policy")
    }
    let sendsTemplates = sp.action == .ipsec && !sp.templates.isEmpty
    if sendsTemplates, sp.templates.contains(where: { reqid(of: $0) == nil }) {
      throw .refused(header.type.name, errno: 22, "template 'unique' has no reqid allocated")
    }
    // XFRMA_TMPL's length is 16 bits: more templates would overflow it (the kernel
    // takes at most XFRM_MAX_DEPTH, 6, and says so for any count that fits).
    if sendsTemplates, templatesAttributeLength(sp) > Int(UInt16.max) {
      throw .refused(
        header.type.name, errno: 22,
        "\(sp.templates.count) templates do not fit one netlink attribute")
    }

    // XFRMA_POLICY_TYPE goes between the fixed part and the templates: only a main
    // policy (the usual one, which sends no type) has them all in one block.
    let start = writer.count
    let templatesLength = sendsTemplates ? templatesAttributeLength(sp) : 0
    let inline = sp.type == .main ? templatesLength : 0
    let fixed = NetlinkMessageHeader.wireSize + XfrmUserPolicyInfo.wireSize
    writer.appendFixed(fixed + inline) { fields in
      header.encode(to: &fields)
      writeInfo(sp, action: action, to: &fields)
      if inline > 0 { writeTemplates(of: sp, length: inline, to: &fields) }
    }
    writeType(sp.type, to: &writer)
    if inline == 0, templatesLength > 0 {
      writer.appendFixed(templatesLength) { fields in
        writeTemplates(of: sp, length: templatesLength, to: &fields)
      }
    }
    writeMark(sp.mark, to: &writer)
    if let context = sp.securityContext {
      writer.writeAttribute(
        type: XfrmAttributeType.securityContext.rawValue,
        WireMapping.securityContext(context))
    }
    writeInterfaceID(sp.interfaceID, to: &writer)
    writer.set(UInt32(writer.count - start), .host, at: start)
  }

  /// `struct xfrm_userpolicy_info`; `curlft` and `share` stay zero.
  private static func writeInfo(
    _ sp: SecurityPolicy, action: XfrmPolicyAction, to fields: inout FixedFieldWriter
  ) {
    WireMapping.write(sp.selector, to: &fields)
    WireMapping.write(sp.lifetime, to: &fields)
    fields.skip(XfrmLifetimeCurrent.wireSize)
    fields.write(sp.priority, .host)
    fields.write(sp.index, .host)
    fields.write(WireMapping.direction(sp.direction).rawValue, .host)
    fields.write(action.rawValue, .host)
    fields.write(sp.flags.rawValue, .host)
    fields.skip(1 + 4)  // share, tail padding
  }

  /// Bytes of `XFRMA_TMPL` with every template (a multiple of 4: no padding).
  private static func templatesAttributeLength(_ sp: SecurityPolicy) -> Int {
    NetlinkAttribute.headerSize + sp.templates.count * XfrmUserTemplate.wireSize
  }

  /// `XFRMA_TMPL`: the attribute header and every `struct xfrm_user_tmpl`.
  private static func writeTemplates(
    of sp: SecurityPolicy, length: Int, to fields: inout FixedFieldWriter
  ) {
    fields.write(UInt16(length), .host)
    fields.write(XfrmAttributeType.templates.rawValue, .host)
    var family = WireMapping.family(sp.selector.family)
    for template in sp.templates { family = write(template, family: family, to: &fields) }
  }

  /// One template. Tunnel and BEET templates carry their endpoints and family; transport
  /// templates carry zero addresses of `family`, that of the header they protect: the
  /// selector's, or the last tunnel's before them (the kernel refuses any other). Algorithm
  /// masks are all ones (any algorithm) unless the policy narrowed them, which is what
  /// PF_KEY's `allalgs` meant. `reqid(of:)` has accepted the template. Returns the family
  /// of the header the template makes, for the next one.
  private static func write(
    _ template: PolicyTemplate, family outer: UInt16, to fields: inout FixedFieldWriter
  ) -> UInt16 {
    let mode = WireMapping.mode(template.mode)
    var family = outer
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
    fields.write(UInt8(isOptional(template) ? 1 : 0), .host)
    fields.skip(1)
    fields.write(template.authenticationAlgorithms, .host)
    fields.write(template.encryptionAlgorithms, .host)
    fields.write(template.compressionAlgorithms, .host)
    return family
  }

  /// True for a `use` template, which the kernel may skip (`optional`).
  private static func isOptional(_ template: PolicyTemplate) -> Bool {
    if case .use = template.level { return true }
    return false
  }

  /// The reqid a template sends: its own for `use`, `require` and `default`; for `unique`
  /// the one it names or was allocated, nil while it has none.
  static func reqid(of template: PolicyTemplate) -> UInt32? {
    guard case .unique(let reqid) = template.level else { return template.reqid }
    return reqid ?? (template.reqid == 0 ? nil : template.reqid)
  }
}
