// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Field-by-field comparison of two versions of one entry, for reports and for choosing
/// between an in-place update and a replace.
enum EntryComparison {
  /// Names of the parts that differ; key parts say "key", never the key.
  static func differingFields(_ old: ProvisioningEntry, _ new: ProvisioningEntry) -> [String] {
    switch (old, new) {
    case (.state(let a), .state(let b)): stateFields(a, b)
    case (.policy(let a), .policy(let b)): policyFields(a, b)
    default: ["kind"]
    }
  }

  /// True when the kernel can move `old` to `new` in place. `XFRM_MSG_UPDSA` on a valid SA
  /// only copies its lifetime limits and, when both have one of the same type, its NAT-T
  /// encapsulation, and silently ignores everything else; any other difference is a
  /// replace. `XFRM_MSG_UPDPOLICY` swaps the whole policy, so policies always update.
  static func canUpdateInPlace(
    _ old: ProvisioningEntry, _ new: ProvisioningEntry, fields: [String]
  ) -> Bool {
    switch (old, new) {
    case (.policy, .policy):
      return true
    case (.state(let a), .state(let b)):
      let changeable: Set<String> = ["lifetime", "encapsulation"]
      guard Set(fields).isSubset(of: changeable) else { return false }
      if fields.contains("encapsulation") {
        guard let before = a.encapsulation, let after = b.encapsulation,
          before.type == after.type
        else { return false }
      }
      return true
    default:
      return false
    }
  }

  private static func stateFields(_ a: SecurityAssociation, _ b: SecurityAssociation)
    -> [String]
  {
    var fields: [String] = []
    func check(_ name: String, _ differs: Bool) { if differs { fields.append(name) } }
    check("source", a.id.source != b.id.source)
    check("mode", a.mode != b.mode)
    check("reqid", a.reqid != b.reqid)
    check("replay window", a.replayWindow != b.replayWindow)
    check("flags", a.flags != b.flags)
    algorithmFields("encryption", a.encryption, b.encryption, into: &fields)
    algorithmFields("authentication", a.authentication, b.authentication, into: &fields)
    algorithmFields("aead", a.aead, b.aead, into: &fields)
    algorithmFields("compression", a.compression, b.compression, into: &fields)
    check("encapsulation", a.encapsulation != b.encapsulation)
    check("lifetime", a.lifetime != b.lifetime)
    check("selector", a.selector != b.selector)
    check("security context", a.securityContext != b.securityContext)
    check("interface id", a.interfaceID != b.interfaceID)
    check("output mark", a.outputMark != b.outputMark)
    if fields.isEmpty && a != b { fields.append("other") }
    return fields
  }

  private static func algorithmFields(
    _ name: String, _ a: AlgorithmKey?, _ b: AlgorithmKey?, into fields: inout [String]
  ) {
    guard a != b else { return }
    guard let a, let b else { return fields.append(name) }
    if a.algorithm != b.algorithm || a.icvBits != b.icvBits { fields.append(name) }
    if a.key != b.key { fields.append("\(name) key") }
  }

  private static func policyFields(_ a: SecurityPolicy, _ b: SecurityPolicy) -> [String] {
    var fields: [String] = []
    func check(_ name: String, _ differs: Bool) { if differs { fields.append(name) } }
    check("action", a.action != b.action)
    check("priority", a.priority != b.priority)
    check("templates", a.templates != b.templates)
    check("lifetime", a.lifetime != b.lifetime)
    check("flags", a.flags != b.flags)
    if fields.isEmpty && a != b { fields.append("other") }
    return fields
  }
}
