// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// What separates the kernel from a desired state, within an ownership: entries to add,
/// to remove and to change, keyed by `EntryIdentity`, compared in kernel form.
public struct StateDiff: Hashable, Sendable {
  /// Declared entries the kernel lacks.
  public var additions: [ProvisioningItem] = []
  /// Owned kernel entries the file does not declare.
  public var removals: [ProvisioningItem] = []
  /// Entries present on both sides with different contents.
  public var changes: [StateChange] = []
  /// Declared entries `apply` may not touch; any of them stops an apply before it starts.
  public var conflicts: [StateConflict] = []

  /// True when nothing needs doing.
  public var isInSync: Bool { additions.isEmpty && removals.isEmpty && changes.isEmpty }

  /// Compares `desired` with `current`; only entries `ownership` owns are removed or
  /// changed.
  public init(desired: [ProvisioningItem], current: [ProvisioningItem], ownership: Ownership) {
    var present: [EntryIdentity: ProvisioningItem] = [:]
    for item in current { present[item.identity] = item }
    var matched: Set<EntryIdentity> = []
    let ownedDeclared = ownership.owned(among: desired.map(\.canonical))
    let ownedPresent = ownership.owned(among: current.map(\.canonical))

    for declared in desired {
      guard ownedDeclared.contains(declared.identity) else {
        conflicts.append(StateConflict(item: declared, reason: .outsideScope))
        continue
      }
      guard let existing = present[declared.identity] else {
        additions.append(declared)
        continue
      }
      matched.insert(declared.identity)
      let wanted = Self.adoptingReqids(declared, from: existing)
      if wanted.canonical == existing.canonical { continue }
      guard ownedPresent.contains(existing.identity) else {
        conflicts.append(StateConflict(item: declared, reason: .ownedElsewhere))
        continue
      }
      changes.append(StateChange(from: existing, to: wanted))
    }

    for item in current where !matched.contains(item.identity) {
      if ownedPresent.contains(item.identity) { removals.append(item) }
    }
  }

  /// A declared policy whose `unique` templates have no reqid yet takes the reqids the
  /// kernel's version already has, so an allocated reqid does not count as a change.
  static func adoptingReqids(_ declared: ProvisioningItem, from existing: ProvisioningItem)
    -> ProvisioningItem
  {
    guard case .policy(var value) = declared.value,
      case .policy(var canonical) = declared.canonical,
      case .policy(let kernel) = existing.canonical,
      kernel.templates.count == canonical.templates.count
    else { return declared }

    for position in canonical.templates.indices {
      guard case .unique(nil) = canonical.templates[position].level,
        case .unique(let reqid?) = kernel.templates[position].level
      else { continue }
      canonical.templates[position].level = .unique(reqid: reqid)
      canonical.templates[position].reqid = reqid
      if position < value.templates.count {
        value.templates[position].level = .unique(reqid: reqid)
        value.templates[position].reqid = reqid
      }
    }
    var adopted = declared
    adopted.value = .policy(value)
    adopted.canonical = .policy(canonical)
    return adopted
  }
}

/// One entry to change, and how.
public struct StateChange: Hashable, Sendable {
  /// How the kernel is brought to the new version.
  public enum Method: String, Hashable, Sendable {
    /// `update` (XFRM_MSG_UPDSA) or `spdupdate` (XFRM_MSG_UPDPOLICY) in place.
    case update
    /// Delete then add, because the kernel cannot change the difference in place.
    case replace
  }

  /// The kernel's version.
  public var from: ProvisioningItem
  /// The declared version.
  public var to: ProvisioningItem
  /// Update or replace.
  public var method: Method
  /// The names of the parts that differ (`encryption key`, `priority`, ...), never values.
  public var fields: [String]

  /// Works out the differing parts and the method.
  init(from: ProvisioningItem, to: ProvisioningItem) {
    self.from = from
    self.to = to
    fields = EntryComparison.differingFields(from.canonical, to.canonical)
    method =
      EntryComparison.canUpdateInPlace(from.canonical, to.canonical, fields: fields)
      ? .update : .replace
  }
}

/// A declared entry that `apply` will not install.
public struct StateConflict: Hashable, Sendable {
  /// Why.
  public enum Reason: String, Hashable, Sendable {
    /// The declared entry itself is outside every `--scope`.
    case outsideScope = "the entry is outside the scope"
    /// The kernel has an entry with the same identity that the scope does not own.
    case ownedElsewhere = "an entry with the same identity exists outside the scope"
  }

  /// The declared entry.
  public var item: ProvisioningItem
  /// Why it cannot be installed.
  public var reason: Reason
}
