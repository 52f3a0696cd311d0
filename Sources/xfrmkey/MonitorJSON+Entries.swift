// SPDX-License-Identifier: Apache-2.0
import IPsecModel

// MARK: - Entries, in the schema of the JSON dumps

extension MonitorJSON {
  /// An SA (`kind` `sa`); keys are lowercase hex, null unless shown.
  func state(_ sa: SecurityAssociation) -> JSONValue {
    .object([
      ("kind", .string("sa")), ("family", Self.family(sa.id.destination.family)),
      ("source", .string(sa.id.source.description)),
      ("destination", .string(sa.id.destination.description)),
      ("protocol", .string(sa.id.securityProtocol.rawValue)),
      ("spi", .unsigned(UInt64(sa.id.spi))), ("mode", .string(sa.mode.rawValue)),
      ("reqid", .unsigned(UInt64(sa.reqid))),
      ("replay_window", .unsigned(UInt64(sa.replayWindow))), ("flags", flags(sa.flags)),
      ("encryption", algorithm(sa.encryption)),
      ("authentication", algorithm(sa.authentication)), ("aead", algorithm(sa.aead)),
      ("compression", algorithm(sa.compression)),
      ("encapsulation", encapsulation(sa.encapsulation)),
      ("selector", sa.selector.map(selector) ?? .null), ("lifetime", limits(sa.lifetime)),
      ("current", current(sa.current)), ("statistics", statistics(sa.statistics)),
      ("security_context", context(sa.securityContext)),
      ("sequence", .unsigned(UInt64(sa.sequence))),
    ])
  }

  /// A policy (`kind` `sp`).
  func policy(_ sp: SecurityPolicy) -> JSONValue {
    .object([
      ("kind", .string("sp")), ("direction", .string(sp.direction.rawValue)),
      ("action", .string(sp.action.rawValue)), ("priority", .unsigned(UInt64(sp.priority))),
      ("index", .unsigned(UInt64(sp.index))), ("selector", selector(sp.selector)),
      ("templates", .array(sp.templates.map(template))), ("lifetime", limits(sp.lifetime)),
      ("current", current(sp.current)), ("security_context", context(sp.securityContext)),
    ])
  }

  /// A selector: prefixes as address and length; a nil port or protocol is any (null).
  func selector(_ selector: TrafficSelector) -> JSONValue {
    .object([
      ("family", Self.family(selector.family)),
      ("source", .string(selector.source.address.description)),
      ("source_prefix_length", .integer(Int64(selector.source.length))),
      ("destination", .string(selector.destination.address.description)),
      ("destination_prefix_length", .integer(Int64(selector.destination.length))),
      ("source_port", Self.number(selector.sourcePort)),
      ("destination_port", Self.number(selector.destinationPort)),
      ("upper_protocol", Self.number(selector.upperProtocol)),
      ("interface_index", .integer(Int64(selector.interfaceIndex))),
      ("user", .unsigned(UInt64(selector.user))),
    ])
  }

  /// A template; `level` is the setkey word, `reqid` the kernel's (or `unique:N`'s).
  func template(_ template: PolicyTemplate) -> JSONValue {
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
      ("tunnel_source", Self.address(template.tunnelSource)),
      ("tunnel_destination", Self.address(template.tunnelDestination)),
      ("level", .string(level)), ("reqid", .unsigned(UInt64(reqid))),
      ("spi", .unsigned(UInt64(template.spi))),
    ])
  }

  /// `struct xfrm_lifetime_cur`, or null.
  func current(_ current: LifetimeCurrent?) -> JSONValue {
    guard let current else { return .null }
    return .object([
      ("bytes", .unsigned(current.bytes)), ("packets", .unsigned(current.packets)),
      ("add_time", .unsigned(current.addTime)), ("use_time", .unsigned(current.useTime)),
    ])
  }

  // MARK: - SA parts

  private func algorithm(_ choice: AlgorithmKey?) -> JSONValue {
    guard let choice else { return .null }
    return .object([
      ("name", .string(choice.algorithm.name)),
      ("kernel_name", choice.algorithm.kernelName.map { .string($0) } ?? .null),
      ("key", showKeys ? .string(choice.key.hexadecimal) : .null),
      ("key_bits", .integer(Int64(choice.key.bitCount))),
      ("icv_bits", .integer(Int64(choice.icvBits))),
    ])
  }

  private func flags(_ flags: StateFlags) -> JSONValue {
    let names: [(StateFlags, String)] = [
      (.noECN, "noecn"), (.decapDSCP, "decap-dscp"), (.noPMTUDiscovery, "nopmtudisc"),
      (.wildcardReceive, "wildrecv"), (.icmp, "icmp"), (.addressFamilyUnspecified, "af-unspec"),
      (.align4, "align4"), (.extendedSequenceNumbers, "esn"),
    ]
    return .array(names.filter { flags.contains($0.0) }.map { .string($0.1) })
  }

  private func encapsulation(_ encap: NATEncapsulation?) -> JSONValue {
    guard let encap else { return .null }
    return .object([
      ("type", .unsigned(UInt64(encap.type))),
      ("source_port", .unsigned(UInt64(encap.sourcePort))),
      ("destination_port", .unsigned(UInt64(encap.destinationPort))),
      ("original_address", Self.address(encap.originalAddress)),
    ])
  }

  private func limits(_ limits: LifetimeLimits) -> JSONValue {
    .object([
      ("soft_bytes", .unsigned(limits.softBytes)), ("hard_bytes", .unsigned(limits.hardBytes)),
      ("soft_packets", .unsigned(limits.softPackets)),
      ("hard_packets", .unsigned(limits.hardPackets)),
      ("soft_add_seconds", .unsigned(limits.softAddSeconds)),
      ("hard_add_seconds", .unsigned(limits.hardAddSeconds)),
      ("soft_use_seconds", .unsigned(limits.softUseSeconds)),
      ("hard_use_seconds", .unsigned(limits.hardUseSeconds)),
    ])
  }

  private func statistics(_ stats: StateStatistics?) -> JSONValue {
    guard let stats else { return .null }
    return .object([
      ("replay_window", .unsigned(UInt64(stats.replayWindow))),
      ("replay", .unsigned(UInt64(stats.replay))),
      ("integrity_failed", .unsigned(UInt64(stats.integrityFailed))),
    ])
  }

  private func context(_ context: SecurityContext?) -> JSONValue {
    guard let context else { return .null }
    return .object([
      ("doi", .unsigned(UInt64(context.doi))),
      ("algorithm", .unsigned(UInt64(context.algorithm))),
      ("context", .string(context.context)),
    ])
  }

  private static func family(_ family: AddressFamily) -> JSONValue {
    .string(family == .ipv4 ? "ipv4" : "ipv6")
  }
}
