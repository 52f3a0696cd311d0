// SPDX-License-Identifier: Apache-2.0

/// The direction a policy applies to (`XFRM_POLICY_IN/OUT/FWD`).
public enum PolicyDirection: String, Hashable, Sendable, CaseIterable {
  case `in`
  case out
  case fwd
}

/// What a policy does with matching traffic, in setkey's words.
public enum PolicyAction: String, Hashable, Sendable, CaseIterable {
  /// Drop (`XFRM_POLICY_BLOCK`).
  case discard
  /// Pass in the clear (`XFRM_POLICY_ALLOW`, no templates).
  case none
  /// Apply the templates (`XFRM_POLICY_ALLOW` with templates).
  case ipsec
  /// Defer to the system default; Linux has no such policy, so it cannot be sent.
  case entrust
  /// Bypass socket policies; on Linux the same as `none`.
  case bypass
}

/// How strictly a template must be satisfied, in setkey's words.
public enum PolicyLevel: Hashable, Sendable {
  /// `default`: the system-wide level; Linux treats it as `require`.
  case `default`
  /// `use`: optional (`optional = 1`).
  case use
  /// `require`: mandatory.
  case require
  /// `unique` or `unique:N`: mandatory and bound to one SA by reqid; nil lets the tool
  /// allocate one, as Linux PF_KEY did from 16384 up.
  case unique(reqid: UInt32?)
}

/// One `proto/mode/src-dst/level` rule of a policy (`struct xfrm_user_tmpl`).
public struct PolicyTemplate: Hashable, Sendable {
  /// ESP, AH or IPComp (`id.proto`).
  public var securityProtocol: SecurityProtocol
  /// Mode (`mode`).
  public var mode: IPsecMode
  /// Tunnel source (`saddr`); nil when not given.
  public var tunnelSource: IPAddress?
  /// Tunnel destination (`id.daddr`); nil when not given.
  public var tunnelDestination: IPAddress?
  /// Level.
  public var level: PolicyLevel
  /// Request id (`reqid`) from `unique:N`, or as the kernel reports it in dumps.
  public var reqid: UInt32 = 0
  /// SPI the template requires (`id.spi`); 0 is any.
  public var spi: UInt32 = 0
  /// Authentication algorithms allowed (`aalgos`), a bit per SADB algorithm number;
  /// all ones is any.
  public var authenticationAlgorithms: UInt32 = .max
  /// Encryption algorithms allowed (`ealgos`); all ones is any.
  public var encryptionAlgorithms: UInt32 = .max
  /// Compression algorithms allowed (`calgos`); all ones is any.
  public var compressionAlgorithms: UInt32 = .max

  /// Creates a template.
  public init(
    securityProtocol: SecurityProtocol, mode: IPsecMode, tunnelSource: IPAddress? = nil,
    tunnelDestination: IPAddress? = nil, level: PolicyLevel, reqid: UInt32 = 0
  ) {
    self.securityProtocol = securityProtocol
    self.mode = mode
    self.tunnelSource = tunnelSource
    self.tunnelDestination = tunnelDestination
    self.level = level
    self.reqid = reqid
  }
}

/// A security policy (`struct xfrm_userpolicy_info` plus templates).
public struct SecurityPolicy: Hashable, Sendable {
  /// The traffic it matches (`sel`).
  public var selector: TrafficSelector
  /// Direction (`dir`).
  public var direction: PolicyDirection
  /// Action.
  public var action: PolicyAction
  /// Kernel priority (`priority`): lower wins. setkey's default is 0x80000000 (`prio def`).
  public var priority: UInt32 = PolicyPriority.default
  /// Templates, outermost last as setkey writes them.
  public var templates: [PolicyTemplate] = []
  /// Limits (`lft`).
  public var lifetime = LifetimeLimits()
  /// Security context (`XFRMA_SEC_CTX`).
  public var securityContext: SecurityContext?
  /// Kernel index (`index`, setkey's `spid`); 0 lets the kernel choose.
  public var index: UInt32 = 0
  /// Kernel-reported counters; dumps only.
  public var current: LifetimeCurrent?
  /// Mark and mask (`XFRMA_MARK`); part of the identity; nil for an unmarked policy.
  public var mark: Mark?
  /// xfrm interface id (`XFRMA_IF_ID`); part of the identity; 0 for none.
  public var interfaceID: UInt32 = 0
  /// Main or sub policy (`XFRMA_POLICY_TYPE`); part of the identity.
  public var type: PolicyType = .main
  /// `XFRM_POLICY_LOCALOK` and `XFRM_POLICY_ICMP` (`flags`).
  public var flags: PolicyFlags = []

  /// Creates a policy.
  public init(selector: TrafficSelector, direction: PolicyDirection, action: PolicyAction) {
    self.selector = selector
    self.direction = direction
    self.action = action
  }
}

/// ipsec-tools' priority constants (libpfkey.h) and its `prio` arithmetic.
public enum PolicyPriority {
  /// `prio high`.
  public static let high: UInt32 = 0x4000_0000
  /// `prio def`, and what a policy without `prio` gets.
  public static let `default`: UInt32 = 0x8000_0000
  /// `prio low`.
  public static let low: UInt32 = 0xC000_0000
}
