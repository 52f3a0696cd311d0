// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import XfrmBackend

/// Which entries a file owns, from `--scope`. `apply` adds, changes and removes entries
/// inside its scope only; an entry outside it (an IKE daemon's, say) is never touched.
public enum ProvisioningScope: Hashable, Sendable, CustomStringConvertible {
  /// `all`: the whole SAD and SPD.
  case all
  /// `reqid:A-B` (or `reqid:N`): SAs whose reqid is in the range, and policies with a
  /// template whose reqid is in it.
  case reqids(ClosedRange<UInt32>)
  /// `mark:V[/M]`: SAs and policies whose mark is exactly V/M (`XFRMA_MARK`; the mask is
  /// all ones when left out, as `-mark` reads it). Mark and mask are part of the kernel's
  /// identity of an entry, so another owner's marks are never matched by accident.
  case mark(Mark)
  /// `if-id:N`: SAs and policies bound to the xfrm interface N (`XFRMA_IF_ID`), as in a
  /// route-based VPN.
  case interfaceID(UInt32)

  /// Parses `all`, `reqid:A-B`, `reqid:N`, `mark:V[/M]` or `if-id:N`; nil for anything else.
  public init?(parsing text: String) {
    if text == "all" {
      self = .all
    } else if let rest = Self.value(of: "reqid:", in: text) {
      let bounds = rest.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
      guard let low = bounds.first.flatMap({ Self.number($0) }) else { return nil }
      let high = bounds.count == 2 ? Self.number(bounds[1]) : low
      guard let high, low <= high else { return nil }
      self = .reqids(low...high)
    } else if let rest = Self.value(of: "mark:", in: text) {
      let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
      guard let value = parts.first.flatMap({ Self.number($0) }) else { return nil }
      let mask = parts.count == 2 ? Self.number(parts[1]) : UInt32.max
      guard let mask, mask != 0 else { return nil }
      self = .mark(Mark(value, mask: mask))
    } else if let rest = Self.value(of: "if-id:", in: text) {
      guard let id = Self.number(rest), id != 0 else { return nil }
      self = .interfaceID(id)
    } else {
      return nil
    }
  }

  /// True when the scope owns the entry, which is in kernel form (`canonical`); a mark
  /// scope is compared in that form too.
  public func owns(_ entry: ProvisioningEntry) -> Bool {
    switch (self, entry) {
    case (.all, _):
      return true
    case (.reqids(let range), .state(let sa)):
      return range.contains(sa.reqid)
    case (.reqids(let range), .policy(let sp)):
      return sp.templates.contains { range.contains($0.reqid) }
    case (.mark(let mark), .state(let sa)):
      return sa.id.mark == KernelForm.kept(mark)
    case (.mark(let mark), .policy(let sp)):
      return sp.mark == KernelForm.kept(mark)
    case (.interfaceID(let id), .state(let sa)):
      return sa.interfaceID == id
    case (.interfaceID(let id), .policy(let sp)):
      return sp.interfaceID == id
    }
  }

  /// The spelling `--scope` takes.
  public var description: String {
    switch self {
    case .all: "all"
    case .reqids(let range):
      range.lowerBound == range.upperBound
        ? "reqid:\(range.lowerBound)" : "reqid:\(range.lowerBound)-\(range.upperBound)"
    case .mark(let mark): "mark:\(mark)"
    case .interfaceID(let id): "if-id:\(id)"
    }
  }

  /// What follows `prefix` in `text`, or nil when `text` does not start with it.
  private static func value(of prefix: String, in text: String) -> Substring? {
    text.hasPrefix(prefix) ? text.dropFirst(prefix.count) : nil
  }

  private static func number(_ text: Substring) -> UInt32? {
    if text.hasPrefix("0x") { return UInt32(text.dropFirst(2), radix: 16) }
    return UInt32(text)
  }
}

/// The union of the `--scope` options given.
///
/// An RFC-mode `fwd` twin carries no reqid (its rule was relaxed to `require`), so a
/// reqid scope also owns a `fwd` policy without reqids whose `in` policy, with the same
/// selector and context, it owns in the same set of entries.
public struct Ownership: Hashable, Sendable {
  /// Each `--scope`.
  public var scopes: [ProvisioningScope]

  /// Owns what any of `scopes` owns.
  public init(_ scopes: [ProvisioningScope]) { self.scopes = scopes }

  /// Everything.
  public static let everything = Ownership([.all])

  /// True when some scope owns the entry.
  public func owns(_ entry: ProvisioningEntry) -> Bool {
    scopes.contains { $0.owns(entry) }
  }

  /// The identities owned among `entries`, twins included.
  public func owned(among entries: [ProvisioningEntry]) -> Set<EntryIdentity> {
    var owned = Set(entries.filter(owns).map(\.identity))
    for entry in entries {
      guard case .policy(let sp) = entry, sp.direction == .fwd,
        sp.templates.allSatisfy({ $0.reqid == 0 })
      else { continue }
      var inbound = sp
      inbound.direction = .in
      if owned.contains(ProvisioningEntry.policy(inbound).identity) {
        owned.insert(entry.identity)
      }
    }
    return owned
  }
}
