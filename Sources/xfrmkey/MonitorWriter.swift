// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import XfrmBackend

/// Turns monitor items into output text: a header line with the time and what happened,
/// then the SA or policy exactly as `-D`/`-DP` print it; or one JSON object a line.
///
/// Header words are the setkey statements that would cause the change (`add`, `spdadd`,
/// `spddelete`, `flush esp`), so a reader knows them already; the rest are `expire`,
/// `spdexpire`, `acquire`, `aevent`, `report`, `migrate`, `mapping` and `lost`. Keys are
/// masked unless `showKeys`.
struct MonitorWriter {
  let showKeys: Bool
  let json: Bool
  private var base: SetkeyDumpFormatter

  /// A writer; the formatter (and its time zone) is made once, not per event.
  init(showKeys: Bool, json: Bool) {
    self.showKeys = showKeys
    self.json = json
    base = SetkeyDumpFormatter(showKeys: showKeys)
  }

  /// The text for one item, newline-terminated.
  func text(for item: XfrmMonitor.Item, at time: MonitorClock) -> String {
    if json { return MonitorJSON(showKeys: showKeys).line(for: item, at: time.rfc3339) + "\n" }
    switch item {
    case .lost(let count):
      return "\(time.text) lost: \(Self.lostText(count))\n"
    case .undecodable(let reason):
      return "\(time.text) undecodable: \(reason)\n"
    case .event(let event):
      return "\(time.text) \(header(event))\n" + body(event)
    }
  }

  /// `1234 events were lost ...`, or `some events were lost ...` when the count is unknown.
  static func lostText(_ count: Int?) -> String {
    let what = count.map { $0 == 1 ? "1 event was lost" : "\($0) events were lost" }
    return (what ?? "some events were lost") + " (the receive queue overflowed)"
  }

  // MARK: - Text

  /// The formatter, with `pid=` the port of the process that caused the event.
  private func formatter(_ event: XfrmEvent) -> SetkeyDumpFormatter {
    var formatter = base
    formatter.processID = Int(event.portID)
    return formatter
  }

  /// `spdadd`, `expire hard`, `acquire seq=7`; a flush, which has no entry to carry
  /// `pid=`, names the process that asked for it.
  private func header(_ event: XfrmEvent) -> String {
    let words = MonitorEventWords.word(for: event.change)
    switch event.change {
    case .statesFlushed, .policiesFlushed:
      return event.portID == 0 ? words : words + " pid=\(event.portID)"
    default:
      return words
    }
  }

  private func body(_ event: XfrmEvent) -> String {
    let formatter = formatter(event)
    let sequence = Int(event.sequence)
    switch event.change {
    case .stateAdded(let sa), .stateUpdated(let sa), .stateDeleted(let sa),
      .stateExpired(let sa, _):
      return formatter.format(sa, sequence: sequence)
    case .policyAdded(let sp), .policyUpdated(let sp), .policyDeleted(let sp),
      .policyExpired(let sp, _):
      return formatter.format(sp, sequence: sequence)
    case .statesFlushed, .policiesFlushed, .unrepresented:
      return ""
    case .acquire(let acquire):
      return acquireLines(acquire, formatter)
    case .asyncEvent(let event):
      return asyncEventLines(event)
    case .report(let report):
      var out = report.selector.map { "\t\(formatter.selectorLine($0))\n" } ?? ""
      if let address = report.careOfAddress { out += "\tcare-of: \(address)\n" }
      return out
    case .migration(let migration):
      return migrationLines(migration, formatter)
    case .mapping(let mapping):
      var out = mapping.id.map { "\t\(Self.stateText($0)) reqid=\(mapping.reqid)\n" } ?? ""
      out += "\tfrom: \(Self.endpoint(mapping.oldSource, mapping.oldPort))"
      out += " to: \(Self.endpoint(mapping.newSource, mapping.newPort))\n"
      return out
    }
  }

  private func acquireLines(_ acquire: XfrmEvent.Acquire, _ formatter: SetkeyDumpFormatter)
    -> String
  {
    var out = "\tflow: \(formatter.selectorLine(acquire.flow))\n"
    if let wanted = acquire.wanted {
      out += "\tsa: \(wanted.securityProtocol.rawValue) \(wanted.source) \(wanted.destination)\n"
    }
    if let template = acquire.template {
      out += "\ttemplate: \(formatter.templateLine(template))\n"
    }
    if let policy = acquire.policy {
      out += "\tpolicy: \(formatter.selectorLine(policy.selector)) "
      out += "\(formatter.directionLine(policy)) spid=\(policy.index)\n"
    }
    return out
  }

  private func asyncEventLines(_ event: XfrmEvent.AsyncEvent) -> String {
    var out = event.id.map { "\t\(Self.stateText($0)) reqid=\(event.reqid)\n" } ?? ""
    var values: [String] = []
    if let sequence = event.outboundSequence { values.append("oseq=\(sequence)") }
    if let sequence = event.inboundSequence { values.append("seq=\(sequence)") }
    if let current = event.current {
      values.append("bytes=\(current.bytes) packets=\(current.packets)")
    }
    if let threshold = event.replayThreshold { values.append("replay-threshold=\(threshold)") }
    if let threshold = event.timerThreshold { values.append("timer-threshold=\(threshold)") }
    if !values.isEmpty { out += "\t" + values.joined(separator: " ") + "\n" }
    return out
  }

  private func migrationLines(_ migration: XfrmEvent.Migration, _ formatter: SetkeyDumpFormatter)
    -> String
  {
    var out = ""
    if let selector = migration.selector {
      out += "\t\(formatter.selectorLine(selector)) \(migration.direction?.rawValue ?? "?")\n"
    }
    for move in migration.moves {
      out += "\t\(move.securityProtocol?.rawValue ?? "?")/\(move.mode?.rawValue ?? "?") "
      out += "reqid=\(move.reqid): \(Self.address(move.oldSource))-"
      out += "\(Self.address(move.oldDestination)) -> \(Self.address(move.newSource))-"
      out += "\(Self.address(move.newDestination))\n"
    }
    if let local = migration.keyManagerLocal, let remote = migration.keyManagerRemote {
      out += "\tkm: \(local)-\(remote)\n"
    }
    return out
  }

  /// `esp 10.0.0.1 10.0.0.2 spi=4097(0x00001001)`.
  static func stateText(_ id: SecurityAssociationID) -> String {
    let hex = String(id.spi, radix: 16)
    let padded = String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    return "\(id.securityProtocol.rawValue) \(id.source) \(id.destination) "
      + "spi=\(id.spi)(0x\(padded))"
  }

  static func address(_ address: IPAddress?) -> String {
    address?.description ?? "?"
  }

  static func endpoint(_ address: IPAddress?, _ port: UInt16) -> String {
    "\(Self.address(address))[\(port)]"
  }
}

/// The header word of each kind of change.
enum MonitorEventWords {
  /// `add`, `spddelete`, `flush esp`, `expire soft`, `acquire seq=3`.
  static func word(for change: XfrmEvent.Change) -> String {
    switch change {
    case .stateAdded: "add"
    case .stateUpdated: "update"
    case .stateDeleted: "delete"
    case .statesFlushed(let proto): proto.map { "flush \($0.rawValue)" } ?? "flush"
    case .policyAdded: "spdadd"
    case .policyUpdated: "spdupdate"
    case .policyDeleted: "spddelete"
    case .policiesFlushed: "spdflush"
    case .stateExpired(_, let hard): hard ? "expire hard" : "expire soft"
    case .policyExpired(_, let hard): hard ? "spdexpire hard" : "spdexpire soft"
    case .acquire(let acquire): "acquire seq=\(acquire.sequence)"
    case .asyncEvent(let event): "aevent \(event.cause)"
    case .report(let report): "report proto=\(report.upperProtocol)"
    case .migration: "migrate"
    case .mapping: "mapping"
    case .unrepresented(let text): "other: \(text)"
    }
  }
}
