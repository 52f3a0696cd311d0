// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import XfrmBackend

/// The JSON lines `xfrmkey -x -j` prints: one object per event with `time` (RFC 3339),
/// `event` (the text output's words; `expire` and `spdexpire` with `hard`), `message` (the
/// kernel's name), `pid` and `seq`, then the payload: `sa` or `sp` (entries in the schema of
/// the `-D -j` dumps, `kind` included), `protocol` (SA flushes), `acquire`, `aevent`,
/// `report`, `migrate` or `mapping`. A loss is `{"time":...,"event":"lost","count":N}`, with
/// `count` null when unknown. Members are always present; absent values are null.
///
/// The event envelope is written with a small encoder; the SA, SP, selector, template and
/// counter objects inside it come from `JSONDumpFormatter` (`MonitorJSON+Entries.swift`),
/// so they follow `Documentation/xfrmkey-dump.schema.json` (version 2) exactly.
struct MonitorJSON {
  let showKeys: Bool

  /// One line, without its newline.
  func line(for item: XfrmMonitor.Item, at time: String) -> String {
    var members: [(String, JSONValue)] = [("time", .string(time))]
    switch item {
    case .lost(let count):
      members += [("event", .string("lost")), ("count", Self.number(count))]
    case .undecodable(let reason):
      members += [("event", .string("undecodable")), ("reason", .string(reason))]
    case .event(let event):
      members += [
        ("event", .string(name(event.change))), ("message", .string(event.messageName)),
        ("pid", .unsigned(UInt64(event.portID))), ("seq", .unsigned(UInt64(event.sequence))),
      ]
      members += payload(event.change)
    }
    return JSONValue.object(members).text
  }

  private func name(_ change: XfrmEvent.Change) -> String {
    switch change {
    case .statesFlushed: "flush"
    case .stateExpired: "expire"
    case .policyExpired: "spdexpire"
    case .acquire: "acquire"
    case .asyncEvent: "aevent"
    case .report: "report"
    case .unrepresented: "other"
    default: MonitorEventWords.word(for: change)
    }
  }

  private func payload(_ change: XfrmEvent.Change) -> [(String, JSONValue)] {
    switch change {
    case .stateAdded(let sa), .stateUpdated(let sa), .stateDeleted(let sa):
      return [("sa", state(sa))]
    case .stateExpired(let sa, let hard):
      return [("hard", .bool(hard)), ("sa", state(sa))]
    case .policyAdded(let sp), .policyUpdated(let sp), .policyDeleted(let sp):
      return [("sp", policy(sp))]
    case .policyExpired(let sp, let hard):
      return [("hard", .bool(hard)), ("sp", policy(sp))]
    case .statesFlushed(let proto):
      return [("protocol", proto.map { .string($0.rawValue) } ?? .null)]
    case .policiesFlushed:
      return []
    case .acquire(let acquire):
      return [("acquire", self.acquire(acquire))]
    case .asyncEvent(let event):
      return [("aevent", asyncEvent(event))]
    case .report(let report):
      return [("report", self.report(report))]
    case .migration(let migration):
      return [("migrate", self.migration(migration))]
    case .mapping(let mapping):
      return [("mapping", self.mapping(mapping))]
    case .unrepresented(let text):
      return [("note", .string(text))]
    }
  }

  // MARK: - Event payloads

  private func acquire(_ acquire: XfrmEvent.Acquire) -> JSONValue {
    .object([
      ("sequence", .unsigned(UInt64(acquire.sequence))), ("flow", selector(acquire.flow)),
      ("sa", acquire.wanted.map(stateID) ?? .null),
      ("template", acquire.template.map(template) ?? .null),
      ("sp", acquire.policy.map(policy) ?? .null),
    ])
  }

  private func asyncEvent(_ event: XfrmEvent.AsyncEvent) -> JSONValue {
    .object([
      ("cause", .string(event.cause)), ("sa", event.id.map(stateID) ?? .null),
      ("reqid", .unsigned(UInt64(event.reqid))), ("flags", .unsigned(UInt64(event.flags))),
      ("outbound_sequence", Self.number(event.outboundSequence)),
      ("inbound_sequence", Self.number(event.inboundSequence)),
      ("current", current(event.current)),
      ("replay_threshold", Self.number(event.replayThreshold)),
      ("timer_threshold", Self.number(event.timerThreshold)),
    ])
  }

  private func report(_ report: XfrmEvent.Report) -> JSONValue {
    .object([
      ("protocol", .unsigned(UInt64(report.upperProtocol))),
      ("selector", report.selector.map(selector) ?? .null),
      ("care_of_address", Self.address(report.careOfAddress)),
    ])
  }

  private func migration(_ migration: XfrmEvent.Migration) -> JSONValue {
    let moves: [JSONValue] = migration.moves.map { move in
      .object([
        ("protocol", move.securityProtocol.map { .string($0.rawValue) } ?? .null),
        ("mode", move.mode.map { .string($0.rawValue) } ?? .null),
        ("reqid", .unsigned(UInt64(move.reqid))),
        ("old_source", Self.address(move.oldSource)),
        ("old_destination", Self.address(move.oldDestination)),
        ("new_source", Self.address(move.newSource)),
        ("new_destination", Self.address(move.newDestination)),
      ])
    }
    return .object([
      ("selector", migration.selector.map(selector) ?? .null),
      ("direction", migration.direction.map { .string($0.rawValue) } ?? .null),
      ("moves", .array(moves)),
      ("km_local", Self.address(migration.keyManagerLocal)),
      ("km_remote", Self.address(migration.keyManagerRemote)),
    ])
  }

  private func mapping(_ mapping: XfrmEvent.Mapping) -> JSONValue {
    .object([
      ("sa", mapping.id.map(stateID) ?? .null), ("reqid", .unsigned(UInt64(mapping.reqid))),
      ("old_source", Self.address(mapping.oldSource)),
      ("old_port", .unsigned(UInt64(mapping.oldPort))),
      ("new_source", Self.address(mapping.newSource)),
      ("new_port", .unsigned(UInt64(mapping.newPort))),
    ])
  }

  /// The identity of an SA an event names: addresses, protocol, SPI and mark.
  private func stateID(_ id: SecurityAssociationID) -> JSONValue {
    .object([
      ("source", .string(id.source.description)),
      ("destination", .string(id.destination.description)),
      ("protocol", .string(id.securityProtocol.rawValue)), ("spi", .unsigned(UInt64(id.spi))),
      ("mark", mark(id.mark)),
    ])
  }

  static func address(_ address: IPAddress?) -> JSONValue {
    address.map { .string($0.description) } ?? .null
  }

  static func number<T: BinaryInteger>(_ value: T?) -> JSONValue {
    value.map { .number(Int64($0)) } ?? .null
  }
}
