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
  private var deletedStates: [SecurityAssociationID] = []
  /// `spddelete` names no security context, so it matches policies with any.
  private var deletedPolicies: [(TrafficSelector, PolicyDirection)] = []

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
        || deletedPolicies.contains { $0.0 == sp.selector && $0.1 == sp.direction }
    case .state(let sa):
      if everyState || stateProtocols.contains(sa.id.securityProtocol) { return true }
      let deleted = deletedStates.contains {
        $0.destination == sa.id.destination && $0.securityProtocol == sa.id.securityProtocol
          && $0.spi == sa.id.spi
      }
      if deleted { return true }
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
      deletedStates.append(id)
    case .deleteAll(let source, let destination, let proto),
      .getSPI(let source, let destination, let proto, _, _, _):
      statePairs.append((source, destination, proto))
    case .flush(let proto):
      if let proto { stateProtocols.insert(proto) } else { everyState = true }
    case .spdAdd(let sp), .spdUpdate(let sp):
      identities.insert(ProvisioningEntry.policy(sp).identity)
    case .spdDelete(let selector, let direction):
      deletedPolicies.append((selector, direction))
    case .spdFlush:
      everyPolicy = true
    case .get, .dump, .spdDump, .exit:
      break
    }
  }
}
