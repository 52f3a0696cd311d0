// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// The statements that carry out a `StateDiff`, in phases run one after another.
///
/// The order keeps traffic protected while it changes:
/// 1. new SAs are added, so policies that will need them find them;
/// 2. changed SAs are updated in place, or replaced: delete and add of one identity go
///    back to back in one batch (same SPI, so the new one cannot come first; in the gap an
///    outbound packet finds no SA and is held or dropped by its policy, never sent in the
///    clear);
/// 3. new policies are added and changed ones updated (`spdupdate` swaps a policy in one
///    step), now that their SAs exist;
/// 4. policies no longer declared are removed, before
/// 5. the SAs no longer declared, so no remaining policy points at a removed SA.
public struct ApplyPlan: Hashable, Sendable {
  /// Statements grouped by phase; empty phases are left out.
  public private(set) var phases: [[Statement]] = []

  /// Where statements about entries that came from the kernel, not a file, say they are.
  public static let kernelLocation = SourceLocation(file: "<kernel>", line: 0, column: 0)

  /// Orders the diff's work.
  public init(_ diff: StateDiff) {
    var stateAdds: [Statement] = []
    var stateChanges: [Statement] = []
    var policyAdds: [Statement] = []
    var policyRemovals: [Statement] = []
    var stateRemovals: [Statement] = []

    for item in diff.additions {
      switch item.value {
      case .state(let sa): stateAdds.append(Statement(.add(sa), at: Self.place(item)))
      case .policy(let sp): policyAdds.append(Statement(.spdAdd(sp), at: Self.place(item)))
      }
    }
    for change in diff.changes {
      let place = Self.place(change.to)
      switch (change.from.value, change.to.value, change.method) {
      case (.state, .state(let sa), .update):
        stateChanges.append(Statement(.update(sa), at: place))
      case (.state(let old), .state(let sa), .replace):
        stateChanges.append(Statement(.delete(old.id), at: place))
        stateChanges.append(Statement(.add(sa), at: place))
      case (.policy(let old), .policy(let sp), _):
        if old.direction == sp.direction {
          policyAdds.append(Statement(.spdUpdate(sp), at: place))
        }
      default:
        continue
      }
    }
    for item in diff.removals {
      switch item.value {
      case .state(let sa):
        stateRemovals.append(Statement(.delete(sa.id), at: Self.place(item)))
      case .policy(let sp):
        // A policy with a mark, if_id, sub type or context is only found with all of them.
        let identity = PolicyIdentity(of: sp)
        let plain = PolicyIdentity(selector: sp.selector, direction: sp.direction)
        let delete: Command =
          identity == plain
          ? .spdDelete(sp.selector, sp.direction) : .spdDeleteMatching(identity)
        policyRemovals.append(Statement(delete, at: Self.place(item)))
      }
    }
    phases = [stateAdds, stateChanges, policyAdds, policyRemovals, stateRemovals]
      .filter { !$0.isEmpty }
  }

  /// Every statement, in order.
  public var statements: [Statement] { phases.flatMap { $0 } }

  private static func place(_ item: ProvisioningItem) -> SourceLocation {
    item.location ?? kernelLocation
  }
}
