// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Policy attributes of the xfrm era, in the order `ip xfrm policy` writes them:
/// `XFRMA_POLICY_TYPE` first, then the templates, `XFRMA_MARK`, `XFRMA_SEC_CTX` and last
/// `XFRMA_IF_ID`.
extension PolicyEncoder {
  /// `XFRMA_POLICY_TYPE`, sent only for sub policies: main is the kernel's default and
  /// what `ip xfrm` leaves unsaid.
  static func writeType(_ type: PolicyType, to writer: inout ByteWriter) {
    guard type == .sub else { return }
    writer.writeAttribute(
      type: XfrmAttributeType.policyType.rawValue,
      XfrmUserPolicyType(type: XfrmUserPolicyType.sub))
  }

  /// `XFRMA_MARK`, when the policy has one.
  static func writeMark(_ mark: Mark?, to writer: inout ByteWriter) {
    guard let mark else { return }
    StateEncoder.writeMark(mark, to: &writer)
  }

  /// `XFRMA_IF_ID`, when the policy has one.
  static func writeInterfaceID(_ id: UInt32, to writer: inout ByteWriter) {
    guard id != 0 else { return }
    StateEncoder.writeUInt32(id, .interfaceID, to: &writer)
  }

  /// DELPOLICY/GETPOLICY body: `struct xfrm_userpolicy_id`, then every identity field the
  /// kernel compares, so the exact policy is found.
  static func write(_ identity: PolicyIdentity, to writer: inout ByteWriter) {
    var id = XfrmUserPolicyID()
    id.selector = WireMapping.selector(identity.selector)
    id.index = identity.index
    id.direction = WireMapping.direction(identity.direction)
    id.encode(to: &writer)

    writeType(identity.type, to: &writer)
    writeMark(identity.mark, to: &writer)
    if let context = identity.securityContext {
      writer.writeAttribute(
        type: XfrmAttributeType.securityContext.rawValue,
        WireMapping.securityContext(context))
    }
    writeInterfaceID(identity.interfaceID, to: &writer)
  }
}
