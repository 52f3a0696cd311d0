// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import XfrmBackend

/// The JSON shapes of `diff -j` and `apply -j` (one object per run, documented in the
/// README). Keys appear only inside `statement`, and only with `--show-keys`.
public struct DiffJSON: Sendable {
  /// Writes statements with keys.
  public var text: StatementText

  /// A writer; keys hidden unless `showKeys`.
  public init(showKeys: Bool) { text = StatementText(showKeys: showKeys) }

  /// `{"in_sync":…,"scope":[…],"add":[…],"remove":[…],"change":[…],"conflicts":[…]}`.
  public func diff(_ diff: StateDiff, ownership: Ownership) -> JSONValue {
    .object([
      ("in_sync", .bool(diff.isInSync)),
      ("scope", .array(ownership.scopes.map { .string($0.description) })),
      ("add", .array(diff.additions.map { entry($0, $0.value) })),
      ("remove", .array(diff.removals.map { entry($0, $0.value) })),
      ("change", .array(diff.changes.map(change))),
      ("conflicts", .array(diff.conflicts.map(conflict))),
    ])
  }

  /// `{"result":"changed"|"unchanged"|"rolled back"|"conflict","changed":…,…}`.
  public func apply(_ report: ProvisioningReport, ownership: Ownership?) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("result", .string(ProvisioningSummary.result(of: report))),
      ("changed", .bool(report.changed)),
      ("rolled_back", .bool(report.rolledBack)),
      ("operations", .array(report.outcomes.map(outcome))),
      ("rollback_failures", .array(report.rollbackFailures.map(outcome))),
    ]
    if let diff = report.diff, let ownership {
      members.append(("diff", self.diff(diff, ownership: ownership)))
    }
    return .object(members)
  }

  // MARK: - Pieces

  /// An entry: its identity fields, the statement that declares it, where it came from.
  func entry(_ item: ProvisioningItem, _ value: ProvisioningEntry) -> JSONValue {
    var members: [(String, JSONValue)]
    switch value {
    case .state(let sa):
      members = [
        ("type", .string("sa")), ("src", .string("\(sa.id.source)")),
        ("dst", .string("\(sa.id.destination)")),
        ("proto", .string(sa.id.securityProtocol.rawValue)), ("spi", .number(Int64(sa.id.spi))),
        ("reqid", .number(Int64(sa.reqid))),
      ]
    case .policy(let sp):
      members = [
        ("type", .string("sp")), ("src", .string("\(sp.selector.source)")),
        ("dst", .string("\(sp.selector.destination)")),
        ("upper", sp.selector.upperProtocol.map { .number(Int64($0)) } ?? .string("any")),
        ("dir", .string(sp.direction.rawValue)), ("priority", .number(Int64(sp.priority))),
        ("action", .string(sp.action.rawValue)),
      ]
    }
    members.append(("statement", .string(text.text(value))))
    members.append(("location", item.location.map { .string("\($0)") } ?? .null))
    return .object(members)
  }

  private func change(_ change: StateChange) -> JSONValue {
    .object([
      ("method", .string(change.method.rawValue)),
      ("fields", .array(change.fields.map { .string($0) })),
      ("from", entry(change.from, change.from.value)),
      ("to", entry(change.to, change.to.value)),
    ])
  }

  private func conflict(_ conflict: StateConflict) -> JSONValue {
    .object([
      ("reason", .string(conflict.reason.rawValue)),
      ("entry", entry(conflict.item, conflict.item.value)),
    ])
  }

  private func outcome(_ outcome: StatementOutcome) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("operation", .string(ProvisioningSummary.verb(outcome.statement.command))),
      ("statement", .string(ProvisioningSummary.text(outcome.statement.command, text))),
      ("location", .string("\(outcome.statement.location)")),
    ]
    switch outcome.result {
    case .success: members.append(("ok", .bool(true)))
    case .failure(let error):
      members.append(("ok", .bool(false)))
      members.append(("error", .string("\(error)")))
    }
    return .object(members)
  }
}
