// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Reads the messages the kernel multicasts into `XfrmEvent`s.
///
/// SAs and policies go through `StateDecoder` and `PolicyDecoder`, the same code that
/// reads dumps, so an event prints exactly like a dump entry. Messages that wrap the SA or
/// policy (deletions carry it in `XFRMA_SA`/`XFRMA_POLICY` after an id, expiries and
/// acquires embed it) are rebuilt as the plain message those decoders expect: the fixed
/// struct, then the attributes.
public enum XfrmEventDecoder {
  /// The event in one message; nil for netlink control messages (`NLMSG_NOOP`, ...).
  public static func decode(_ message: NetlinkMessage) throws -> XfrmEvent? {
    let type = message.header.type
    guard let change = try change(in: message) else { return nil }
    return XfrmEvent(
      change, messageName: type.eventName, sequence: message.header.sequence,
      portID: message.header.portID)
  }

  private static func change(in message: NetlinkMessage) throws -> XfrmEvent.Change? {
    switch message.header.type {
    case .newSA, .updateSA:
      guard let sa = try StateDecoder.decode(message) else { return unrepresented(message) }
      return message.header.type == .newSA ? .stateAdded(sa) : .stateUpdated(sa)
    case .deleteSA:
      return try deletedState(message)
    case .flushSA:
      var reader = message.reader
      let proto = try XfrmUserSAFlush(decoding: &reader).proto
      return .statesFlushed(SecurityProtocol(ipProtocolNumber: proto))
    case .newPolicy, .updatePolicy:
      guard let sp = try PolicyDecoder.decode(message) else { return unrepresented(message) }
      return message.header.type == .newPolicy ? .policyAdded(sp) : .policyUpdated(sp)
    case .deletePolicy:
      return try deletedPolicy(message)
    case .flushPolicy:
      return .policiesFlushed
    case .expire:
      return try stateExpiry(message)
    case .policyExpire:
      return try policyExpiry(message)
    case .acquire:
      return .acquire(try acquire(message))
    case .newAsyncEvent:
      return .asyncEvent(try asyncEvent(message))
    case .report:
      return .report(try report(message))
    case .migrate:
      return .migration(try migration(message))
    case .mapping:
      return .mapping(try mapping(message))
    case .noop, .error, .done, .overrun:
      return nil
    default:
      return .unrepresented("\(message.header.type.eventName), not decoded")
    }
  }

  private static func unrepresented(_ message: NetlinkMessage) -> XfrmEvent.Change {
    .unrepresented("\(message.header.type.eventName) for an entry setkey cannot express")
  }

  // MARK: - Deletions and expiries

  /// DELSA: `struct xfrm_usersa_id`, then the SA in `XFRMA_SA` among its attributes.
  private static func deletedState(_ message: NetlinkMessage) throws -> XfrmEvent.Change {
    var reader = message.reader
    _ = try XfrmUserSAID(decoding: &reader)
    let attributes = try NetlinkAttribute.decodeAll(&reader)
    guard let wrapped = attributes.first(where: { $0.type == XfrmAttributeType.sa.rawValue }),
      let sa = try StateDecoder.decode(rebuilt(message, wrapped.payload, attributes))
    else { return unrepresented(message) }
    return .stateDeleted(sa)
  }

  /// DELPOLICY: `struct xfrm_userpolicy_id`, then the policy in `XFRMA_POLICY`.
  private static func deletedPolicy(_ message: NetlinkMessage) throws -> XfrmEvent.Change {
    var reader = message.reader
    _ = try XfrmUserPolicyID(decoding: &reader)
    let attributes = try NetlinkAttribute.decodeAll(&reader)
    let policyType = XfrmAttributeType.policy.rawValue
    guard let wrapped = attributes.first(where: { $0.type == policyType }),
      let sp = try PolicyDecoder.decode(rebuilt(message, wrapped.payload, attributes))
    else { return unrepresented(message) }
    return .policyDeleted(sp)
  }

  private static func stateExpiry(_ message: NetlinkMessage) throws -> XfrmEvent.Change {
    var reader = message.reader
    let expire = try XfrmUserExpire(decoding: &reader)
    let attributes = try NetlinkAttribute.decodeAll(&reader)
    let fixed = Array(message.payload.prefix(XfrmUserSAInfo.wireSize))
    guard let sa = try StateDecoder.decode(rebuilt(message, fixed, attributes)) else {
      return unrepresented(message)
    }
    return .stateExpired(sa, hard: expire.hard != 0)
  }

  private static func policyExpiry(_ message: NetlinkMessage) throws -> XfrmEvent.Change {
    var reader = message.reader
    let expire = try XfrmUserPolicyExpire(decoding: &reader)
    let attributes = try NetlinkAttribute.decodeAll(&reader)
    let fixed = Array(message.payload.prefix(XfrmUserPolicyInfo.wireSize))
    guard let sp = try PolicyDecoder.decode(rebuilt(message, fixed, attributes)) else {
      return unrepresented(message)
    }
    return .policyExpired(sp, hard: expire.hard != 0)
  }

  /// A message of the same header whose payload is `fixed` then `attributes`, minus the
  /// `XFRMA_SA`/`XFRMA_POLICY` wrapper: what the dump decoders read.
  static func rebuilt(
    _ message: NetlinkMessage, _ fixed: [UInt8], _ attributes: [NetlinkAttribute]
  ) -> NetlinkMessage {
    var writer = ByteWriter(capacity: message.payload.count)
    writer.write(bytes: fixed)
    writer.alignToFour()
    let wrappers = [XfrmAttributeType.sa.rawValue, XfrmAttributeType.policy.rawValue]
    for attribute in attributes where !wrappers.contains(attribute.type) {
      writer.writeAttribute(type: attribute.type, flags: attribute.flags) {
        $0.write(bytes: attribute.payload)
      }
    }
    return NetlinkMessage(header: message.header, payload: writer.bytes)
  }

  // MARK: - Acquires

  private static func acquire(_ message: NetlinkMessage) throws -> XfrmEvent.Acquire {
    var reader = message.reader
    let wire = try XfrmUserAcquire(decoding: &reader)
    let attributes = try NetlinkAttribute.decodeAll(&reader)
    let policy = try PolicyDecoder.decode(
      rebuilt(message, wire.policy.encodedBytes, attributes))

    let family =
      WireMapping.family(wire.selector.family) ?? WireMapping.family(wire.policy.selector.family)
    var wanted: SecurityAssociationID?
    if let family, let proto = SecurityProtocol(ipProtocolNumber: wire.id.proto) {
      wanted = SecurityAssociationID(
        source: WireMapping.address(wire.source, family),
        destination: WireMapping.address(wire.id.destination, family),
        securityProtocol: proto, spi: wire.id.spi)
    }
    let flow = family.map { WireMapping.selector(wire.selector, fallback: $0) }
    return XfrmEvent.Acquire(
      sequence: wire.sequence, flow: flow ?? .any(.ipv4), wanted: wanted, policy: policy,
      template: template(for: wanted, in: policy))
  }

  /// The first template of `policy` the wanted SA can satisfy: same protocol and, for a
  /// tunnel, the same destination.
  static func template(for wanted: SecurityAssociationID?, in policy: SecurityPolicy?)
    -> PolicyTemplate?
  {
    guard let wanted, let policy else { return nil }
    return policy.templates.first { template in
      guard template.securityProtocol == wanted.securityProtocol else { return false }
      guard let destination = template.tunnelDestination, !destination.isUnspecified else {
        return true
      }
      return destination == wanted.destination
    }
  }

  // MARK: - Async events, reports, migrations, mappings

  private static func asyncEvent(_ message: NetlinkMessage) throws -> XfrmEvent.AsyncEvent {
    var reader = message.reader
    let wire = try XfrmAsyncEventID(decoding: &reader)
    var event = XfrmEvent.AsyncEvent(
      id: stateID(wire.saID, source: wire.source), reqid: wire.reqid, flags: wire.flags)

    for attribute in try NetlinkAttribute.decodeAll(&reader) {
      var payload = attribute.reader
      switch XfrmAttributeType(rawValue: attribute.type) {
      case .replayState:
        let replay = try XfrmReplayState(decoding: &payload)
        event.outboundSequence = replay.outboundSequence
        event.inboundSequence = replay.sequence
      case .replayStateESN:
        let replay = try XfrmReplayStateESN(decoding: &payload)
        event.outboundSequence = replay.outboundSequence
        event.inboundSequence = replay.sequence
      case .lifetimeCurrent:
        event.current = WireMapping.current(try XfrmLifetimeCurrent(decoding: &payload))
      case .replayThreshold:
        event.replayThreshold = try payload.read(UInt32.self, .host, "XFRMA_REPLAY_THRESH")
      case .eventTimerThreshold:
        event.timerThreshold = try payload.read(UInt32.self, .host, "XFRMA_ETIMER_THRESH")
      default:
        continue
      }
    }
    return event
  }

  private static func report(_ message: NetlinkMessage) throws -> XfrmEvent.Report {
    var reader = message.reader
    let wire = try XfrmUserReport(decoding: &reader)
    let family = WireMapping.family(wire.selector.family)
    var report = XfrmEvent.Report(
      upperProtocol: wire.proto,
      selector: family.map { WireMapping.selector(wire.selector, fallback: $0) })
    for attribute in try NetlinkAttribute.decodeAll(&reader)
    where attribute.type == XfrmAttributeType.careOfAddress.rawValue {
      var payload = attribute.reader
      if let family {
        report.careOfAddress = WireMapping.address(try payload.readAddress(), family)
      }
    }
    return report
  }

  private static func migration(_ message: NetlinkMessage) throws -> XfrmEvent.Migration {
    var reader = message.reader
    let id = try XfrmUserPolicyID(decoding: &reader)
    let family = WireMapping.family(id.selector.family)
    var migration = XfrmEvent.Migration(
      selector: family.map { WireMapping.selector(id.selector, fallback: $0) },
      direction: WireMapping.direction(id.direction), moves: [])

    for attribute in try NetlinkAttribute.decodeAll(&reader) {
      var payload = attribute.reader
      switch XfrmAttributeType(rawValue: attribute.type) {
      case .migrate:
        while payload.remaining >= XfrmUserMigrate.wireSize {
          migration.moves.append(move(try XfrmUserMigrate(decoding: &payload)))
        }
      case .keyManagerAddress:
        let wire = try XfrmUserKMAddress(decoding: &payload)
        if let family = WireMapping.family(wire.family) {
          migration.keyManagerLocal = WireMapping.address(wire.local, family)
          migration.keyManagerRemote = WireMapping.address(wire.remote, family)
        }
      default:
        continue
      }
    }
    return migration
  }

  private static func move(_ wire: XfrmUserMigrate) -> XfrmEvent.Migration.Move {
    let old = WireMapping.family(wire.oldFamily)
    let new = WireMapping.family(wire.newFamily)
    return XfrmEvent.Migration.Move(
      securityProtocol: SecurityProtocol(ipProtocolNumber: wire.proto),
      mode: WireMapping.mode(wire.mode), reqid: wire.reqid,
      oldSource: old.map { WireMapping.address(wire.oldSource, $0) },
      oldDestination: old.map { WireMapping.address(wire.oldDestination, $0) },
      newSource: new.map { WireMapping.address(wire.newSource, $0) },
      newDestination: new.map { WireMapping.address(wire.newDestination, $0) })
  }

  private static func mapping(_ message: NetlinkMessage) throws -> XfrmEvent.Mapping {
    var reader = message.reader
    let wire = try XfrmUserMapping(decoding: &reader)
    let family = WireMapping.family(wire.id.family)
    return XfrmEvent.Mapping(
      id: stateID(wire.id, source: nil), reqid: wire.reqid,
      oldSource: family.map { WireMapping.address(wire.oldSource, $0) },
      oldPort: wire.oldSourcePort,
      newSource: family.map { WireMapping.address(wire.newSource, $0) },
      newPort: wire.newSourcePort)
  }

  /// An SA id from `struct xfrm_usersa_id`; the source is unspecified when not given.
  private static func stateID(_ wire: XfrmUserSAID, source: [UInt8]?)
    -> SecurityAssociationID?
  {
    guard let family = WireMapping.family(wire.family),
      let proto = SecurityProtocol(ipProtocolNumber: wire.proto)
    else { return nil }
    return SecurityAssociationID(
      source: source.map { WireMapping.address($0, family) } ?? .any(family),
      destination: WireMapping.address(wire.destination, family), securityProtocol: proto,
      spi: wire.spi)
  }
}
