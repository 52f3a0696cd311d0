// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import XfrmBackend

/// The text forms of `diff` and `apply` reports.
///
/// A diff prints one line per entry, marked `+` (to add), `-` (to remove) or `~` (to
/// change, followed by an indented `was:` line with the kernel's version), each a setkey
/// statement with a `#` comment saying where it was declared and, for a change, how and
/// what differs; then one summary line. Keys show as `<hidden>` unless asked for.
public struct ProvisioningSummary: Sendable {
  /// Writes statements.
  public var text: StatementText

  /// A summary writer; keys hidden unless `showKeys`.
  public init(showKeys: Bool) { text = StatementText(showKeys: showKeys) }

  /// Every line of a diff, summary last.
  public func lines(_ diff: StateDiff) -> [String] {
    var lines: [String] = []
    for item in diff.additions {
      lines.append("+ " + text.text(item.value) + comment(item.location, nil))
    }
    for item in diff.removals {
      lines.append("- " + text.text(item.value) + comment(nil, nil))
    }
    for change in diff.changes {
      let how = "\(change.method.rawValue): " + change.fields.joined(separator: ", ")
      lines.append("~ " + text.text(change.to.value) + comment(change.to.location, how))
      lines.append("    was: " + text.text(change.from.value))
    }
    lines.append(Self.counts(diff))
    return lines
  }

  /// `in sync`, or `2 to add, 0 to remove, 1 to change`, with `, 1 in conflict with the
  /// scope` when declared entries are (then never `in sync`: apply would stop).
  public static func counts(_ diff: StateDiff) -> String {
    if diff.isInSync && diff.conflicts.isEmpty { return "in sync" }
    var text =
      "\(diff.additions.count) to add, \(diff.removals.count) to remove, "
      + "\(diff.changes.count) to change"
    if !diff.conflicts.isEmpty { text += ", \(diff.conflicts.count) in conflict with the scope" }
    return text
  }

  /// `changed`, `unchanged`, `rolled back` or `conflict`.
  public static func result(of report: ProvisioningReport) -> String {
    if let diff = report.diff, !diff.conflicts.isEmpty { return "conflict" }
    if report.rolledBack { return "rolled back" }
    return report.changed ? "changed" : "unchanged"
  }

  /// The last line of an apply: `changed: 2 added, 0 removed, 1 changed` or `unchanged`.
  public static func applied(_ report: ProvisioningReport) -> String {
    let result = result(of: report)
    guard result == "changed", let diff = report.diff else { return result }
    return "changed: \(diff.additions.count) added, \(diff.removals.count) removed, "
      + "\(diff.changes.count) changed"
  }

  private func comment(_ location: SourceLocation?, _ detail: String?) -> String {
    let parts = [location.map { "\($0)" }, detail].compactMap { $0 }
    return parts.isEmpty ? "" : "  # " + parts.joined(separator: ", ")
  }

  // MARK: - Statements of any kind

  /// A statement's text; keys as `text` decides.
  public static func text(_ command: Command, _ text: StatementText) -> String {
    switch command {
    case .add(let sa): return text.text(sa)
    case .update(let sa): return "update" + text.text(sa).dropFirst("add".count)
    case .spdAdd(let sp): return text.text(sp)
    case .spdUpdate(let sp): return "spdupdate" + text.text(sp).dropFirst("spdadd".count)
    case .delete(let id):
      let spi = "0x" + String(id.spi, radix: 16)
      return "delete \(id.source) \(id.destination) \(id.securityProtocol.rawValue) \(spi) ;"
    case .spdDelete(let selector, let direction):
      var sp = SecurityPolicy(selector: selector, direction: direction, action: .none)
      sp.priority = PolicyPriority.default
      let added = text.text(sp)
      let selectorPart = added.dropFirst("spdadd ".count).prefix { $0 != "-" }
      return "spddelete \(selectorPart)-P \(direction.rawValue) ;"
    default:
      return command.setkeyWord + " ;"
    }
  }
}
