// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import XfrmBackend

/// A JSON value, written compactly on one line. Object members keep their order.
enum JSONValue {
  case string(String)
  case integer(Int64)
  case unsigned(UInt64)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// The value's JSON text.
  var text: String {
    var out = ""
    write(to: &out)
    return out
  }

  private func write(to out: inout String) {
    switch self {
    case .string(let value): Self.quote(value, into: &out)
    case .integer(let value): out += String(value)
    case .unsigned(let value): out += String(value)
    case .bool(let value): out += value ? "true" : "false"
    case .null: out += "null"
    case .array(let values):
      out += "["
      for (index, value) in values.enumerated() {
        if index > 0 { out += "," }
        value.write(to: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (index, (name, value)) in members.enumerated() {
        if index > 0 { out += "," }
        Self.quote(name, into: &out)
        out += ":"
        value.write(to: &out)
      }
      out += "}"
    }
  }

  /// A JSON string literal: quotes, backslashes and control characters escaped.
  private static func quote(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}

/// The JSON lines `xfrmkey -x -j` prints: one object per event with `time` (RFC 3339),
/// `event` (the same words as the text output, `expire` and `spdexpire` with `hard`),
/// `message` (the kernel's name), `pid` and `seq`, then the payload: `sa`, `policy`,
/// `proto` (flushes), `acquire`, `aevent`, `report`, `migrate` or `mapping`. A loss is
/// `{"time":...,"event":"lost","count":N}`, `count` null when unknown.
///
/// The dump branch defines JSON for `-D`/`-DP`; until the two are merged this file carries
/// its own encoder and the SA/policy schema below.
struct MonitorJSON {
  let showKeys: Bool

  /// One line, without its newline.
  func line(for item: XfrmMonitor.Item, at time: String) -> String {
    var members: [(String, JSONValue)] = [("time", .string(time))]
    switch item {
    case .lost(let count):
      members += [
        ("event", .string("lost")), ("count", count.map { .integer(Int64($0)) } ?? .null),
      ]
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
      return [("policy", policy(sp))]
    case .policyExpired(let sp, let hard):
      return [("hard", .bool(hard)), ("policy", policy(sp))]
    case .statesFlushed(let proto):
      return [("proto", proto.map { .string($0.rawValue) } ?? .null)]
    case .policiesFlushed:
      return []
    case .acquire(let acquire):
      return [("acquire", self.acquire(acquire))]
    case .asyncEvent(let event):
      return [("aevent", asyncEvent(event))]
    case .report(let report):
      return [
        (
          "report",
          .object([
            ("proto", .unsigned(UInt64(report.upperProtocol))),
            ("selector", report.selector.map(selector) ?? .null),
            ("coaddr", Self.address(report.careOfAddress)),
          ])
        )
      ]
    case .migration(let migration):
      return [("migrate", self.migration(migration))]
    case .mapping(let mapping):
      return [
        (
          "mapping",
          .object([
            ("sa", mapping.id.map(stateID) ?? .null), ("reqid", .unsigned(UInt64(mapping.reqid))),
            ("old", endpoint(mapping.oldSource, mapping.oldPort)),
            ("new", endpoint(mapping.newSource, mapping.newPort)),
          ])
        )
      ]
    case .unrepresented(let text):
      return [("note", .string(text))]
    }
  }

  // MARK: - Entries

  /// An SA; keys are `"<hidden>"` unless shown.
  func state(_ sa: SecurityAssociation) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("src", .string(sa.id.source.description)), ("dst", .string(sa.id.destination.description)),
      ("proto", .string(sa.id.securityProtocol.rawValue)), ("spi", .unsigned(UInt64(sa.id.spi))),
      ("mode", .string(sa.mode.rawValue)), ("reqid", .unsigned(UInt64(sa.reqid))),
      ("replay", .unsigned(UInt64(sa.replayWindow))),
      ("flags", .unsigned(UInt64(sa.flags.rawValue))),
    ]
    let algorithms: [(String, AlgorithmKey?)] = [
      ("encryption", sa.encryption), ("authentication", sa.authentication), ("aead", sa.aead),
      ("compression", sa.compression),
    ]
    for (name, choice) in algorithms {
      guard let choice else { continue }
      members.append((name, algorithm(choice)))
    }
    if let encap = sa.encapsulation {
      members.append(
        (
          "encap",
          .object([
            ("type", .unsigned(UInt64(encap.type))), ("sport", .unsigned(UInt64(encap.sourcePort))),
            ("dport", .unsigned(UInt64(encap.destinationPort))),
            ("oa", Self.address(encap.originalAddress)),
          ])
        ))
    }
    if let selector = sa.selector { members.append(("selector", self.selector(selector))) }
    members.append(("lifetime", limits(sa.lifetime)))
    if let current = sa.current { members.append(("current", self.current(current))) }
    return .object(members)
  }

  private func algorithm(_ choice: AlgorithmKey) -> JSONValue {
    var members: [(String, JSONValue)] = [("name", .string(choice.algorithm.name))]
    if let kernelName = choice.algorithm.kernelName {
      members.append(("kernel", .string(kernelName)))
    }
    if !choice.key.bytes.isEmpty {
      let key = showKeys ? "0x" + choice.key.hexadecimal : SetkeyDumpFormatter.keyMask
      members.append(("key", .string(key)))
    }
    if choice.icvBits != 0 { members.append(("icv", .integer(Int64(choice.icvBits)))) }
    return .object(members)
  }

  /// A policy.
  func policy(_ sp: SecurityPolicy) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("selector", selector(sp.selector)), ("dir", .string(sp.direction.rawValue)),
      ("priority", .unsigned(UInt64(sp.priority))), ("action", .string(sp.action.rawValue)),
      ("index", .unsigned(UInt64(sp.index))),
      ("templates", .array(sp.templates.map(template))),
      ("lifetime", limits(sp.lifetime)),
    ]
    if let current = sp.current { members.append(("current", self.current(current))) }
    return .object(members)
  }

  func selector(_ selector: TrafficSelector) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("src", .string(selector.source.description)),
      ("dst", .string(selector.destination.description)),
      ("sport", selector.sourcePort.map { .unsigned(UInt64($0)) } ?? .null),
      ("dport", selector.destinationPort.map { .unsigned(UInt64($0)) } ?? .null),
      ("upper", selector.upperProtocol.map { .unsigned(UInt64($0)) } ?? .null),
    ]
    if selector.interfaceIndex != 0 {
      members.append(("ifindex", .integer(Int64(selector.interfaceIndex))))
    }
    return .object(members)
  }

  func template(_ template: PolicyTemplate) -> JSONValue {
    let level: String
    switch template.level {
    case .default: level = "default"
    case .use: level = "use"
    case .require: level = "require"
    case .unique: level = "unique"
    }
    return .object([
      ("proto", .string(template.securityProtocol.rawValue)),
      ("mode", .string(template.mode.rawValue)),
      ("src", Self.address(template.tunnelSource)),
      ("dst", Self.address(template.tunnelDestination)),
      ("level", .string(level)), ("reqid", .unsigned(UInt64(template.reqid))),
    ])
  }

  private func limits(_ limits: LifetimeLimits) -> JSONValue {
    .object([
      ("soft-add", .unsigned(limits.softAddSeconds)),
      ("hard-add", .unsigned(limits.hardAddSeconds)),
      ("soft-use", .unsigned(limits.softUseSeconds)),
      ("hard-use", .unsigned(limits.hardUseSeconds)),
      ("soft-bytes", .unsigned(limits.softBytes)), ("hard-bytes", .unsigned(limits.hardBytes)),
      ("soft-packets", .unsigned(limits.softPackets)),
      ("hard-packets", .unsigned(limits.hardPackets)),
    ])
  }

  private func current(_ current: LifetimeCurrent) -> JSONValue {
    .object([
      ("bytes", .unsigned(current.bytes)), ("packets", .unsigned(current.packets)),
      ("add-time", .unsigned(current.addTime)), ("use-time", .unsigned(current.useTime)),
    ])
  }

  // MARK: - Event payloads

  private func acquire(_ acquire: XfrmEvent.Acquire) -> JSONValue {
    .object([
      ("seq", .unsigned(UInt64(acquire.sequence))), ("flow", selector(acquire.flow)),
      ("sa", acquire.wanted.map(stateID) ?? .null),
      ("template", acquire.template.map(template) ?? .null),
      ("policy", acquire.policy.map(policy) ?? .null),
    ])
  }

  private func asyncEvent(_ event: XfrmEvent.AsyncEvent) -> JSONValue {
    func number(_ value: UInt32?) -> JSONValue { value.map { .unsigned(UInt64($0)) } ?? .null }
    return .object([
      ("cause", .string(event.cause)), ("sa", event.id.map(stateID) ?? .null),
      ("reqid", .unsigned(UInt64(event.reqid))), ("flags", .unsigned(UInt64(event.flags))),
      ("oseq", number(event.outboundSequence)), ("seq", number(event.inboundSequence)),
      ("current", event.current.map(current) ?? .null),
      ("replay-threshold", number(event.replayThreshold)),
      ("timer-threshold", number(event.timerThreshold)),
    ])
  }

  private func migration(_ migration: XfrmEvent.Migration) -> JSONValue {
    let moves: [JSONValue] = migration.moves.map { move in
      .object([
        ("proto", move.securityProtocol.map { .string($0.rawValue) } ?? .null),
        ("mode", move.mode.map { .string($0.rawValue) } ?? .null),
        ("reqid", .unsigned(UInt64(move.reqid))),
        ("old-src", Self.address(move.oldSource)), ("old-dst", Self.address(move.oldDestination)),
        ("new-src", Self.address(move.newSource)), ("new-dst", Self.address(move.newDestination)),
      ])
    }
    return .object([
      ("selector", migration.selector.map(selector) ?? .null),
      ("dir", migration.direction.map { .string($0.rawValue) } ?? .null),
      ("moves", .array(moves)),
      ("km-local", Self.address(migration.keyManagerLocal)),
      ("km-remote", Self.address(migration.keyManagerRemote)),
    ])
  }

  private func stateID(_ id: SecurityAssociationID) -> JSONValue {
    .object([
      ("src", .string(id.source.description)), ("dst", .string(id.destination.description)),
      ("proto", .string(id.securityProtocol.rawValue)), ("spi", .unsigned(UInt64(id.spi))),
    ])
  }

  private func endpoint(_ address: IPAddress?, _ port: UInt16) -> JSONValue {
    .object([("addr", Self.address(address)), ("port", .unsigned(UInt64(port)))])
  }

  private static func address(_ address: IPAddress?) -> JSONValue {
    address.map { .string($0.description) } ?? .null
  }
}
