// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import XfrmBackend

/// What `diff` and `apply` need from a kernel: whole dumps and a way to run statements.
/// `XfrmKernel` is one; tests use an in-memory one.
public protocol ProvisioningKernel: AnyObject {
  /// Every SA, keys included.
  func allStates() throws -> [SecurityAssociation]
  /// Every policy.
  func allPolicies() throws -> [SecurityPolicy]
  /// Runs statements in order; one outcome per statement (see `XfrmKernel.run`).
  func run(_ statements: [Statement]) throws -> [StatementOutcome]
}

extension XfrmKernel: ProvisioningKernel {
  /// The SAD through `forEachState`.
  public func allStates() throws -> [SecurityAssociation] {
    var states: [SecurityAssociation] = []
    try forEachState(nil) { states.append($0) }
    return states
  }

  /// The SPD through `forEachPolicy`.
  public func allPolicies() throws -> [SecurityPolicy] {
    var policies: [SecurityPolicy] = []
    try forEachPolicy { policies.append($0) }
    return policies
  }
}

/// The kernel's entries at one moment, as items: the dump value with its counters cleared
/// (kept for restoring) and its kernel form (for comparing).
public struct KernelSnapshot: Hashable, Sendable {
  /// Every entry, SAs first, in dump order.
  public var items: [ProvisioningItem]

  /// Dumps the SAD and the SPD.
  public init(of kernel: any ProvisioningKernel) throws {
    let states = try kernel.allStates().map { ProvisioningEntry.state($0) }
    let policies = try kernel.allPolicies().map { ProvisioningEntry.policy($0) }
    self.init(entries: states + policies)
  }

  /// Wraps dumped entries. A dumped entry is already in kernel form (the decoder made
  /// it), so only what a dump alone carries (a policy's index, the replay counters the
  /// kernel advances with every packet) is cleared for comparing; sending 10k dumped
  /// entries through `KernelForm` again would double the cost of a diff.
  public init(entries: [ProvisioningEntry]) {
    items = entries.map { entry in
      let value = Self.restorable(entry)
      var canonical = value
      switch canonical {
      case .policy(var sp):
        sp.index = 0
        canonical = .policy(sp)
      case .state(var sa):
        sa.replayCounters = ReplayCounters()
        canonical = .state(sa)
      }
      return ProvisioningItem(value: value, canonical: canonical, location: nil)
    }
  }

  /// A dumped entry without what only a dump carries, ready to be sent again.
  static func restorable(_ entry: ProvisioningEntry) -> ProvisioningEntry {
    switch entry {
    case .state(var sa):
      sa.current = nil
      sa.statistics = nil
      sa.sequence = 0
      return .state(sa)
    case .policy(var sp):
      sp.current = nil
      return .policy(sp)
    }
  }
}
