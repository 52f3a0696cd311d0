// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// One SA or policy, the unit `diff` and `apply` compare.
public enum ProvisioningEntry: Hashable, Sendable {
  /// A security association.
  case state(SecurityAssociation)
  /// A security policy.
  case policy(SecurityPolicy)

  /// What the kernel keys the entry by.
  public var identity: EntryIdentity {
    switch self {
    case .state(let sa):
      .state(
        destination: sa.id.destination, securityProtocol: sa.id.securityProtocol,
        spi: sa.id.spi)
    case .policy(let sp):
      .policy(selector: sp.selector, direction: sp.direction, context: sp.securityContext)
    }
  }

  /// True for an SA.
  public var isState: Bool {
    if case .state = self { return true }
    return false
  }
}

/// How the kernel finds an entry: an SA by destination, protocol and SPI
/// (`struct xfrm_usersa_id`), a policy by selector, direction and security context (what
/// `xfrm_policy_bysel_ctx` matches). Two entries with one identity cannot coexist.
public enum EntryIdentity: Hashable, Sendable {
  /// An SA's key.
  case state(destination: IPAddress, securityProtocol: SecurityProtocol, spi: UInt32)
  /// A policy's key.
  case policy(selector: TrafficSelector, direction: PolicyDirection, context: SecurityContext?)
}

/// An entry as `diff` and `apply` hold it: the value to send, the kernel form it is
/// compared in, and where it came from.
public struct ProvisioningItem: Hashable, Sendable {
  /// What would be sent to the kernel: the parsed value, or a dump's value with only
  /// dump-only counters cleared (a policy keeps its index, so a restore gets it back).
  public var value: ProvisioningEntry

  /// The value as the kernel holds it (`KernelForm`), for comparison.
  public var canonical: ProvisioningEntry

  /// The statement that declared it; nil for entries read from the kernel.
  public var location: SourceLocation?

  /// Creates an item.
  public init(value: ProvisioningEntry, canonical: ProvisioningEntry, location: SourceLocation?) {
    self.value = value
    self.canonical = canonical
    self.location = location
  }

  /// The kernel key.
  public var identity: EntryIdentity { canonical.identity }
}
