// SPDX-License-Identifier: Apache-2.0

/// The policy database a policy lives in (`XFRM_POLICY_TYPE_MAIN`, `_SUB`).
public enum PolicyType: String, Hashable, Sendable, CaseIterable {
  /// `XFRM_POLICY_TYPE_MAIN`, where every setkey policy goes.
  case main
  /// `XFRM_POLICY_TYPE_SUB`, consulted before main (CONFIG_XFRM_SUB_POLICY).
  case sub
}

/// `XFRM_POLICY_*` bits of `xfrm_userpolicy_info.flags`.
public struct PolicyFlags: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// `XFRM_POLICY_LOCALOK`: a socket policy may override this one.
  public static let localOK = PolicyFlags(rawValue: 1)
  /// `XFRM_POLICY_ICMP`: ICMP errors about matching traffic match too.
  public static let icmp = PolicyFlags(rawValue: 2)
}

/// What names one policy to `spddelete` and `spdget`: selector and direction, plus the
/// other fields the kernel compares (mark, if_id, type, security context), or its index.
public struct PolicyIdentity: Hashable, Sendable {
  /// `sel`.
  public var selector: TrafficSelector
  /// `dir`.
  public var direction: PolicyDirection
  /// `XFRMA_MARK`; nil sends none (mark 0/0).
  public var mark: Mark?
  /// `XFRMA_IF_ID`; 0 sends none.
  public var interfaceID: UInt32 = 0
  /// `XFRMA_POLICY_TYPE`; main sends none, as `ip xfrm` does.
  public var type: PolicyType = .main
  /// `XFRMA_SEC_CTX`.
  public var securityContext: SecurityContext?
  /// `index`: when non-zero the kernel looks the policy up by it alone.
  public var index: UInt32 = 0

  /// Names a policy by selector and direction.
  public init(selector: TrafficSelector, direction: PolicyDirection) {
    self.selector = selector
    self.direction = direction
  }

  /// The identity of an existing policy, every field copied.
  public init(of policy: SecurityPolicy) {
    self.init(selector: policy.selector, direction: policy.direction)
    mark = policy.mark
    interfaceID = policy.interfaceID
    type = policy.type
    securityContext = policy.securityContext
  }
}
