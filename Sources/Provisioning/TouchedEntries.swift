// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// The entries a run may have changed, worked out from its statements; a rollback puts
/// back exactly these and leaves every other entry (another program's) alone.
struct TouchedEntries {
  private var identities: Set<EntryIdentity> = []
  private var everyState = false
  private var everyPolicy = false
  private var stateProtocols: Set<SecurityProtocol> = []
  private var statePairs: [(IPAddress, IPAddress, SecurityProtocol)] = []
  /// `delete` names destination, protocol and SPI; an SA with any other parts matches.
  private var deletedStates: Set<StateKey> = []
  /// `spddelete` names no security context, so it matches policies with any.
  private var deletedPolicies: Set<PolicyKey> = []

  private struct StateKey: Hashable {
    var destination: IPAddress
    var securityProtocol: SecurityProtocol
    var spi: UInt32
  }

  private struct PolicyKey: Hashable {
    var selector: TrafficSelector
    var direction: PolicyDirection
  }

  /// What `statements` can change.
  init(_ statements: [Statement]) {
    for statement in statements { note(statement.command) }
  }

  /// True when the run may have changed `item`.
  func contains(_ item: ProvisioningItem) -> Bool {
    if identities.contains(item.identity) { return true }
    switch item.canonical {
    case .policy(let sp):
      return everyPolicy
        || deletedPolicies.contains(PolicyKey(selector: sp.selector, direction: sp.direction))
    case .state(let sa):
      if everyState || stateProtocols.contains(sa.id.securityProtocol) { return true }
      let key = StateKey(
        destination: sa.id.destination, securityProtocol: sa.id.securityProtocol, spi: sa.id.spi)
      if deletedStates.contains(key) { return true }
      return statePairs.contains { source, destination, proto in
        sa.id.source == source && sa.id.destination == destination
          && sa.id.securityProtocol == proto
      }
    }
  }

  private mutating func note(_ command: Command) {
    switch command {
    case .add(let sa), .update(let sa):
      identities.insert(ProvisioningEntry.state(sa).identity)
    case .delete(let id):
      deletedStates.insert(
        StateKey(destination: id.destination, securityProtocol: id.securityProtocol, spi: id.spi))
    case .deleteAll(let source, let destination, let proto),
      .getSPI(let source, let destination, let proto, _, _, _):
      statePairs.append((source, destination, proto))
    case .flush(let proto):
      if let proto { stateProtocols.insert(proto) } else { everyState = true }
    case .spdAdd(let sp), .spdUpdate(let sp):
      identities.insert(ProvisioningEntry.policy(sp).identity)
    case .spdDelete(let selector, let direction):
      deletedPolicies.insert(PolicyKey(selector: selector, direction: direction))
    case .spdDeleteMatching(let identity):
      deletedPolicies.insert(
        PolicyKey(selector: identity.selector, direction: identity.direction))
    case .spdFlush:
      everyPolicy = true
    case .get, .dump, .spdDump, .exit, .spdGet, .spdDefaultGet, .spdInfo, .sadInfo:
      break
    case .spdDefaultSet, .spdSetHashThresholds:
      // Settings of the whole database, not entries a diff compares.
      break
    }
  }
}
