// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import XfrmBackend

/// The JSON shapes of `diff -j` and `apply -j` (one object per run, documented in the
/// README). Entries use the member names of the JSON dump objects on branch `dumps`
/// (`kind`, `source`, `selector`, ...), a subset of them, as that writer is not merged yet.
/// Keys appear only inside `statement`, and only with `--show-keys`.
public struct DiffJSON: Sendable {
  /// Writes statements with keys.
  public var text: StatementText

  /// A writer; keys hidden unless `showKeys`.
  public init(showKeys: Bool) { text = StatementText(showKeys: showKeys) }

  /// `{"in_sync":…,"scope":[…],"add":[…],"remove":[…],"change":[…],"conflicts":[…]}`.
  public func diff(_ diff: StateDiff, ownership: Ownership) -> JSONValue {
    .object([
      // As the exit status says: entries in conflict with the scope are not in sync.
      ("in_sync", .bool(diff.isInSync && diff.conflicts.isEmpty)),
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
      ("residue", .array(report.residue.map(change))),
    ]
    if let diff = report.diff, let ownership {
      members.append(("diff", self.diff(diff, ownership: ownership)))
    }
    return .object(members)
  }

  // MARK: - Pieces

  /// An entry: the members of branch `dumps`' JSON dump objects that say what it is (same
  /// names, `kind` first), then the statement that declares it and where it came from.
  func entry(_ item: ProvisioningItem, _ value: ProvisioningEntry) -> JSONValue {
    var members: [(String, JSONValue)]
    switch value {
    case .state(let sa):
      members = [
        ("kind", .string("sa")), ("family", family(sa.id.destination.family)),
        ("source", .string("\(sa.id.source)")),
        ("destination", .string("\(sa.id.destination)")),
        ("protocol", .string(sa.id.securityProtocol.rawValue)),
        ("spi", .number(Int64(sa.id.spi))), ("mark", mark(sa.id.mark)),
        ("mode", .string(sa.mode.rawValue)), ("reqid", .number(Int64(sa.reqid))),
        ("interface_id", .number(Int64(sa.interfaceID))),
      ]
    case .policy(let sp):
      members = [
        ("kind", .string("sp")), ("direction", .string(sp.direction.rawValue)),
        ("action", .string(sp.action.rawValue)), ("priority", .number(Int64(sp.priority))),
        ("type", .string(sp.type.rawValue)), ("mark", mark(sp.mark)),
        ("interface_id", .number(Int64(sp.interfaceID))),
        ("selector", selector(sp.selector)), ("templates", .array(sp.templates.map(template))),
      ]
    }
    members.append(("statement", .string(text.text(value))))
    members.append(("location", item.location.map { .string("\($0)") } ?? .null))
    return .object(members)
  }

  private func family(_ family: AddressFamily) -> JSONValue {
    .string(family == .ipv4 ? "ipv4" : "ipv6")
  }

  private func mark(_ mark: Mark?) -> JSONValue {
    guard let mark else { return .null }
    return .object([
      ("value", .number(Int64(mark.value))), ("mask", .number(Int64(mark.mask))),
    ])
  }

  private func selector(_ selector: TrafficSelector) -> JSONValue {
    func number<T: BinaryInteger>(_ value: T?) -> JSONValue {
      value.map { .number(Int64($0)) } ?? .null
    }
    return .object([
      ("family", family(selector.family)),
      ("source", .string("\(selector.source.address)")),
      ("source_prefix_length", number(selector.source.length)),
      ("destination", .string("\(selector.destination.address)")),
      ("destination_prefix_length", number(selector.destination.length)),
      ("source_port", number(selector.sourcePort)),
      ("destination_port", number(selector.destinationPort)),
      ("upper_protocol", number(selector.upperProtocol)),
      ("interface_index", number(selector.interfaceIndex)),
    ])
  }

  private func template(_ template: PolicyTemplate) -> JSONValue {
    var reqid = template.reqid
    let level: String
    switch template.level {
    case .default: level = "default"
    case .use: level = "use"
    case .require: level = "require"
    case .unique(let given):
      level = "unique"
      reqid = given ?? template.reqid
    }
    return .object([
      ("protocol", .string(template.securityProtocol.rawValue)),
      ("mode", .string(template.mode.rawValue)),
      ("tunnel_source", template.tunnelSource.map { .string("\($0)") } ?? .null),
      ("tunnel_destination", template.tunnelDestination.map { .string("\($0)") } ?? .null),
      ("level", .string(level)), ("reqid", .number(Int64(reqid))),
    ])
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
      ("operation", .string(outcome.statement.command.setkeyWord)),
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
