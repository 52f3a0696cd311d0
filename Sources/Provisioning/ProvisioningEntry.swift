// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// One SA or policy, the unit `diff` and `apply` compare.
public enum ProvisioningEntry: Hashable, Sendable {
  /// A security association.
  case state(SecurityAssociation)
  /// A security policy.
  case policy(SecurityPolicy)

  /// What the kernel keys the entry by: the entry with every part that is not part of
  /// its identity reset. Resetting the known non-identity parts, rather than copying the
  /// identity parts, keeps identity-bearing fields the model gains (a mark, an interface
  /// id) in the identity without changing this code.
  public var identity: EntryIdentity {
    switch self {
    case .state(var sa):
      sa.id.source = .any(sa.id.destination.family)
      sa.mode = .any
      sa.reqid = 0
      sa.replayWindow = 0
      sa.flags = []
      sa.encryption = nil
      sa.authentication = nil
      sa.aead = nil
      sa.compression = nil
      sa.encapsulation = nil
      sa.lifetime = LifetimeLimits()
      sa.selector = nil
      sa.securityContext = nil
      sa.setkeyExtensions = []
      sa.current = nil
      sa.statistics = nil
      sa.sequence = 0
      sa.interfaceID = 0
      sa.outputMark = nil
      sa.extraFlags = []
      sa.tfcPadding = 0
      sa.replayCounters = ReplayCounters()
      sa.offload = nil
      return .state(sa)
    case .policy(var sp):
      sp.action = .none
      sp.priority = 0
      sp.templates = []
      sp.lifetime = LifetimeLimits()
      sp.index = 0
      sp.current = nil
      sp.flags = []
      return .policy(sp)
    }
  }

  /// True for an SA.
  public var isState: Bool {
    if case .state = self { return true }
    return false
  }
}

/// How the kernel finds an entry: an SA by destination, protocol, SPI and mark
/// (`struct xfrm_usersa_id`, what `xfrm_state_lookup` matches), a policy by selector,
/// direction, security context, mark, if_id and type (what `xfrm_policy_bysel_ctx`
/// matches), each with whatever else of the entry is not known to be changeable (see
/// `ProvisioningEntry.identity`). Two entries with one identity cannot coexist.
public enum EntryIdentity: Hashable, Sendable {
  /// The SA with only its identity parts left.
  case state(SecurityAssociation)
  /// The policy with only its identity parts left.
  case policy(SecurityPolicy)
}

/// An entry as `diff` and `apply` hold it: the value to send, the kernel form it is
/// compared in, and where it came from.
public struct ProvisioningItem: Hashable, Sendable {
  /// What would be sent to the kernel: the parsed value, or a dump's value with only
  /// dump-only counters cleared (a policy keeps its index, so a restore gets it back).
  public var value: ProvisioningEntry

  /// The value as the kernel holds it (`KernelForm`), for comparison.
  public var canonical: ProvisioningEntry {
    didSet { identity = canonical.identity }
  }

  /// The statement that declared it; nil for entries read from the kernel.
  public var location: SourceLocation?

  /// Creates an item.
  public init(value: ProvisioningEntry, canonical: ProvisioningEntry, location: SourceLocation?) {
    self.value = value
    self.canonical = canonical
    self.location = location
    identity = canonical.identity
  }

  /// The kernel key, worked out once.
  public private(set) var identity: EntryIdentity
}
