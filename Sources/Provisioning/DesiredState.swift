// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import XfrmBackend

/// The SAs and policies a file declares, for `diff` and `apply`.
///
/// A file for `apply` says what should exist, not what to do: `add`/`update` declare SAs,
/// `spdadd`/`spdupdate` declare policies (RFC-mode `fwd` twins included), `flush` and
/// `spdflush` are accepted and mean nothing more (the scope decides what is removed), and
/// commands that only make sense as actions (`delete`, `getspi`, ...) are errors. Declaring
/// one identity twice with `add`/`spdadd` is an error, as the kernel would refuse the second;
/// `update`/`spdupdate` replace an earlier declaration.
public struct DesiredState: Hashable, Sendable {
  /// The declared entries, in file order.
  public private(set) var items: [ProvisioningItem] = []

  /// Builds the state; throws every problem found, each at its statement.
  public init(_ statements: [Statement]) throws(DesiredStateError) {
    var positions: [EntryIdentity: Int] = [:]
    var problems: [Diagnostic] = []

    for statement in statements {
      let value: ProvisioningEntry
      let replaces: Bool
      switch statement.command {
      case .add(let sa): (value, replaces) = (.state(sa), false)
      case .update(let sa): (value, replaces) = (.state(sa), true)
      case .spdAdd(let sp): (value, replaces) = (.policy(sp), false)
      case .spdUpdate(let sp): (value, replaces) = (.policy(sp), true)
      case .flush, .spdFlush, .dump, .spdDump, .exit:
        continue
      default:
        problems.append(Self.actionOnly(statement))
        continue
      }

      guard let item = Self.item(value, at: statement.location) else {
        problems.append(
          Diagnostic("this entry cannot be expressed on linux", at: statement.location))
        continue
      }
      if let earlier = positions[item.identity] {
        guard replaces else {
          let first = items[earlier].location.map { " (first at \($0))" } ?? ""
          problems.append(Diagnostic("duplicate entry\(first)", at: statement.location))
          continue
        }
        items[earlier] = item
      } else {
        positions[item.identity] = items.count
        items.append(item)
      }
    }
    if !problems.isEmpty { throw DesiredStateError(diagnostics: problems) }
  }

  /// An item for a value from a file or a snapshot; nil when Linux cannot express it. An
  /// SA's replay counters are where the kernel starts counting, not a state to keep, so
  /// they are not compared (see `KernelSnapshot`).
  static func item(_ value: ProvisioningEntry, at location: SourceLocation?)
    -> ProvisioningItem?
  {
    switch value {
    case .state(let sa):
      guard var canonical = KernelForm.state(sa) else { return nil }
      canonical.replayCounters = ReplayCounters()
      return ProvisioningItem(value: value, canonical: .state(canonical), location: location)
    case .policy(let sp):
      guard let canonical = KernelForm.policy(sp) else { return nil }
      return ProvisioningItem(value: value, canonical: .policy(canonical), location: location)
    }
  }

  /// Items straight from a snapshot (dump values), for restoring.
  init(snapshotItems: [ProvisioningItem]) { items = snapshotItems }

  private static func actionOnly(_ statement: Statement) -> Diagnostic {
    let word: String
    switch statement.command {
    case .get: word = "get"
    case .delete: word = "delete"
    case .deleteAll: word = "deleteall"
    case .getSPI: word = "getspi"
    default: word = "spddelete"
    }
    return Diagnostic(
      "'\(word)' has no place in a desired state; leave the entry out of the file and "
        + "'apply' removes it", at: statement.location)
  }
}

/// The problems that keep a file from being a desired state.
public struct DesiredStateError: Error, Hashable, Sendable {
  /// Every problem, located.
  public var diagnostics: [Diagnostic]
}
