// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// The identity attributes of a policy message (`XFRMA_MARK`, `XFRMA_IF_ID`,
/// `XFRMA_POLICY_TYPE`), gathered while its attributes are read.
struct PolicyIdentityAttributes {
  var mark: Mark?
  var interfaceID: UInt32 = 0
  var type: PolicyType = .main

  /// Takes the attribute if it is one of ours; others are skipped.
  mutating func apply(_ attribute: NetlinkAttributeRecord) throws {
    var reader = attribute.payload
    switch XfrmAttributeType(rawValue: attribute.type) {
    case .mark:
      let wire = try XfrmMark(decoding: &reader)
      mark = wire.value == 0 && wire.mask == 0 ? nil : Mark(wire.value, mask: wire.mask)
    case .interfaceID:
      interfaceID = try reader.read(UInt32.self, .host, "XFRMA_IF_ID")
    case .policyType:
      let wire = try XfrmUserPolicyType(decoding: &reader)
      type = wire.type == XfrmUserPolicyType.sub ? .sub : .main
    default:
      break
    }
  }

  /// Copies what was read into the policy.
  func apply(to policy: inout SecurityPolicy) {
    policy.mark = mark
    policy.interfaceID = interfaceID
    policy.type = type
  }
}
