// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import Testing

@testable import NetlinkSocket
@testable import XfrmBackend

/// Notifications the kernel multicasts, built the way `xfrm_user.c` lays them out, read
/// back through the same decoders as dumps.
@Suite struct XfrmEventDecoderTests {
  static let a = IPAddress("192.0.2.1")!
  static let b = IPAddress("192.0.2.2")!

  static var policy: SecurityPolicy {
    var sp = SecurityPolicy(
      selector: TrafficSelector(source: IPPrefix(a), destination: IPPrefix(b), upperProtocol: 6),
      direction: .out, action: .ipsec)
    sp.templates = [PolicyTemplate(securityProtocol: .esp, mode: .transport, level: .require)]
    sp.index = 8
    return sp
  }

  static var state: SecurityAssociation {
    var sa = SecurityAssociation(
      id: SecurityAssociationID(source: a, destination: b, securityProtocol: .esp, spi: 0x1001))
    sa.mode = .tunnel
    sa.reqid = 7
    let cipher = AlgorithmCatalogue.lookup(setkeyName: "aes-cbc", option: [.encryption])!
    sa.encryption = AlgorithmKey(cipher, key: Key([UInt8](repeating: 0x11, count: 16)))
    return sa
  }

  /// The message the builder makes for `request`, with its type replaced.
  static func message(_ request: KernelRequest, as type: NetlinkMessageType? = nil)
    throws -> NetlinkMessage
  {
    var message = try NetlinkMessage.split(XfrmMessageBuilder.message(for: request, sequence: 9))[0]
    if let type { message.header.type = type }
    return message
  }

  /// `fixed` then the attributes of `message` after its first `skip` bytes.
  static func notification(
    _ type: NetlinkMessageType, fixed: [UInt8], wrapping attribute: XfrmAttributeType? = nil,
    from message: NetlinkMessage, skip: Int
  ) -> NetlinkMessage {
    var writer = ByteWriter()
    writer.write(bytes: fixed)
    if let attribute {
      writer.writeAttribute(type: attribute.rawValue, bytes: Array(message.payload.prefix(skip)))
    }
    writer.write(bytes: message.payload.dropFirst(skip))
    var header = message.header
    header.type = type
    return NetlinkMessage(header: header, payload: writer.bytes)
  }

  static func change(_ message: NetlinkMessage) throws -> XfrmEvent.Change? {
    try XfrmEventDecoder.decode(message)?.change
  }

  // MARK: - Policies

  @Test func addedPolicyReadsLikeADumpEntry() throws {
    let message = try Self.message(.addPolicy(Self.policy))
    let event = try XfrmEventDecoder.decode(message)
    #expect(event?.change == .policyAdded(try PolicyDecoder.decode(message)!))
    #expect(event?.messageName == "XFRM_MSG_NEWPOLICY")
    #expect(event?.sequence == 9)
  }

  @Test func deletedPolicyIsUnwrappedFromXfrmaPolicy() throws {
    let added = try Self.message(.addPolicy(Self.policy))
    var id = XfrmUserPolicyID()
    id.direction = .outbound
    id.index = 8
    let deleted = Self.notification(
      .deletePolicy, fixed: id.encodedBytes, wrapping: .policy, from: added,
      skip: XfrmUserPolicyInfo.wireSize)
    #expect(try Self.change(deleted) == .policyDeleted(try PolicyDecoder.decode(added)!))
  }

  @Test func policyExpiryCarriesHardness() throws {
    let added = try Self.message(.addPolicy(Self.policy))
    var expire = XfrmUserPolicyExpire()
    expire.policy = try XfrmUserPolicyInfo(decoding: added.payload)
    expire.hard = 1
    let message = Self.notification(
      .policyExpire, fixed: expire.encodedBytes, from: added, skip: XfrmUserPolicyInfo.wireSize)
    #expect(
      try Self.change(message) == .policyExpired(try PolicyDecoder.decode(added)!, hard: true))
  }

  @Test func policyFlushHasNoPayload() throws {
    let message = try Self.message(.flushPolicies)
    #expect(try Self.change(message) == .policiesFlushed)
  }

  // MARK: - SAs

  @Test func deletedStateIsUnwrappedFromXfrmaSa() throws {
    let added = try Self.message(.addState(Self.state))
    var id = XfrmUserSAID()
    id.destination = Self.b.bytes
    id.spi = 0x1001
    id.family = 2
    id.proto = 50
    let deleted = Self.notification(
      .deleteSA, fixed: id.encodedBytes, wrapping: .sa, from: added,
      skip: XfrmUserSAInfo.wireSize)
    let expected = try StateDecoder.decode(added)!
    #expect(try Self.change(deleted) == .stateDeleted(expected))
    #expect(expected.encryption?.key.bytes.count == 16)
  }

  @Test(arguments: [0, 1])
  func stateExpiryIsSoftOrHard(hard: UInt8) throws {
    let added = try Self.message(.addState(Self.state))
    var expire = XfrmUserExpire()
    expire.state = try XfrmUserSAInfo(decoding: added.payload)
    expire.hard = hard
    let message = Self.notification(
      .expire, fixed: expire.encodedBytes, from: added, skip: XfrmUserSAInfo.wireSize)
    let expected = try StateDecoder.decode(added)!
    #expect(try Self.change(message) == .stateExpired(expected, hard: hard == 1))
  }

  @Test(arguments: [(UInt8(50), SecurityProtocol?.some(.esp)), (255, nil), (0, nil)])
  func stateFlushNamesItsProtocol(proto: UInt8, expected: SecurityProtocol?) throws {
    var header = try Self.message(.flushStates(nil)).header
    header.type = .flushSA
    let message = NetlinkMessage(
      header: header, payload: XfrmUserSAFlush(proto: proto).encodedBytes)
    #expect(try Self.change(message) == .statesFlushed(expected))
  }

  // MARK: - Acquires and the rest

  @Test func acquireNamesTheFlowAndTheTemplate() throws {
    let added = try Self.message(.addPolicy(Self.policy))
    var acquire = XfrmUserAcquire()
    acquire.id.destination = Self.b.bytes
    acquire.id.proto = 50
    acquire.source = Self.a.bytes
    acquire.selector = WireMapping.selector(
      TrafficSelector(
        source: IPPrefix(Self.a), destination: IPPrefix(Self.b), sourcePort: 40000,
        destinationPort: 22, upperProtocol: 6))
    acquire.policy = try XfrmUserPolicyInfo(decoding: added.payload)
    acquire.sequence = 77
    let message = Self.notification(
      .acquire, fixed: acquire.encodedBytes, from: added, skip: XfrmUserPolicyInfo.wireSize)

    guard case .acquire(let decoded) = try Self.change(message) else {
      Issue.record("not an acquire")
      return
    }
    #expect(decoded.sequence == 77)
    #expect(decoded.flow.destinationPort == 22)
    #expect(decoded.wanted?.securityProtocol == .esp)
    #expect(decoded.wanted?.destination == Self.b)
    #expect(decoded.template == Self.policy.templates[0])
    #expect(decoded.policy?.templates.count == 1)
  }

  @Test func mappingReportsOldAndNewPorts() throws {
    var mapping = XfrmUserMapping()
    mapping.id.family = 2
    mapping.id.proto = 50
    mapping.id.destination = Self.b.bytes
    mapping.id.spi = 5
    mapping.oldSource = Self.a.bytes
    mapping.newSource = Self.a.bytes
    mapping.oldSourcePort = 4500
    mapping.newSourcePort = 61000
    var header = try Self.message(.flushPolicies).header
    header.type = .mapping
    let change = try Self.change(NetlinkMessage(header: header, payload: mapping.encodedBytes))
    guard case .mapping(let decoded) = change else {
      Issue.record("not a mapping")
      return
    }
    #expect(decoded.oldPort == 4500 && decoded.newPort == 61000)
    #expect(decoded.id?.spi == 5 && decoded.newSource == Self.a)
  }

  @Test func asyncEventReadsReplayAndLifetime() throws {
    var id = XfrmAsyncEventID()
    id.saID.family = 2
    id.saID.proto = 50
    id.saID.spi = 9
    id.flags = XfrmAsyncEventID.causeReplay
    var writer = ByteWriter()
    id.encode(to: &writer)
    var replay = XfrmReplayState()
    replay.outboundSequence = 12
    replay.sequence = 34
    writer.writeAttribute(type: XfrmAttributeType.replayState.rawValue, replay)
    writer.writeAttribute(type: XfrmAttributeType.replayThreshold.rawValue) {
      $0.write(UInt32(10), .host)
    }
    var header = try Self.message(.flushPolicies).header
    header.type = .newAsyncEvent
    let change = try Self.change(NetlinkMessage(header: header, payload: writer.bytes))
    guard case .asyncEvent(let event) = change else {
      Issue.record("not an async event")
      return
    }
    #expect(event.cause == "replay")
    #expect(event.outboundSequence == 12 && event.inboundSequence == 34)
    #expect(event.replayThreshold == 10)
  }

  @Test func migrationListsEveryMoveAndTheKeyManagerAddresses() throws {
    var id = XfrmUserPolicyID()
    id.selector = WireMapping.selector(
      TrafficSelector(source: IPPrefix(Self.a), destination: IPPrefix(Self.b)))
    id.direction = .outbound
    var move = XfrmUserMigrate()
    move.oldSource = Self.a.bytes
    move.oldDestination = Self.b.bytes
    move.newSource = IPAddress("198.51.100.1")!.bytes
    move.newDestination = Self.b.bytes
    move.proto = 50
    move.mode = .tunnel
    move.reqid = 4
    move.oldFamily = 2
    move.newFamily = 2
    var km = XfrmUserKMAddress()
    km.local = IPAddress("198.51.100.1")!.bytes
    km.remote = Self.b.bytes
    km.family = 2

    var writer = ByteWriter()
    id.encode(to: &writer)
    writer.writeAttribute(type: XfrmAttributeType.migrate.rawValue) {
      move.encode(to: &$0)
      move.encode(to: &$0)
    }
    writer.writeAttribute(type: XfrmAttributeType.keyManagerAddress.rawValue, km)
    var header = try Self.message(.flushPolicies).header
    header.type = .migrate
    let change = try Self.change(NetlinkMessage(header: header, payload: writer.bytes))
    guard case .migration(let migration) = change else {
      Issue.record("not a migration")
      return
    }
    #expect(migration.direction == .out)
    #expect(migration.moves.count == 2)
    #expect(migration.moves.first?.newSource == IPAddress("198.51.100.1"))
    #expect(migration.moves.first?.mode == .tunnel && migration.moves.first?.reqid == 4)
    #expect(migration.keyManagerLocal == IPAddress("198.51.100.1"))
    #expect(migration.keyManagerRemote == Self.b)
  }

  @Test func reportCarriesTheCareOfAddress() throws {
    var report = XfrmUserReport()
    report.proto = 43
    report.selector = WireMapping.selector(
      TrafficSelector(
        source: IPPrefix(IPAddress("2001:db8::1")!),
        destination: IPPrefix(IPAddress("2001:db8::2")!)))
    var writer = ByteWriter()
    report.encode(to: &writer)
    writer.writeAttribute(
      type: XfrmAttributeType.careOfAddress.rawValue, bytes: IPAddress("2001:db8::9")!.bytes)
    var header = try Self.message(.flushPolicies).header
    header.type = .report
    let change = try Self.change(NetlinkMessage(header: header, payload: writer.bytes))
    guard case .report(let decoded) = change else {
      Issue.record("not a report")
      return
    }
    #expect(decoded.upperProtocol == 43)
    #expect(decoded.selector?.destination.address == IPAddress("2001:db8::2"))
    #expect(decoded.careOfAddress == IPAddress("2001:db8::9"))
  }

  @Test func unknownMessageTypesAreNamedNotDropped() throws {
    var header = try Self.message(.flushPolicies).header
    header.type = NetlinkMessageType(rawValue: 0x2f)
    #expect(
      try Self.change(NetlinkMessage(header: header, payload: []))
        == .unrepresented(
          "message type 47, not decoded"))
  }

  @Test func truncatedPayloadThrowsInsteadOfTrapping() throws {
    var header = try Self.message(.flushPolicies).header
    header.type = .acquire
    #expect(throws: (any Error).self) {
      try XfrmEventDecoder.decode(NetlinkMessage(header: header, payload: [1, 2, 3]))
    }
  }
}

/// Plays back receptions to a monitor.
final class FakeEventSource: NetlinkEventSource {
  var receptions: [NetlinkReception]
  init(_ receptions: [NetlinkReception]) { self.receptions = receptions }
  func receive() throws -> NetlinkReception {
    receptions.isEmpty ? .interrupted : receptions.removeFirst()
  }
}

@Suite struct XfrmMonitorTests {
  @Test func eventsLossesAndBadMessagesComeOutInOrder() throws {
    var datagram: [UInt8] = []
    for request in [KernelRequest.addPolicy(XfrmEventDecoderTests.policy), .flushPolicies] {
      datagram.appendAligned(message: try XfrmMessageBuilder.message(for: request, sequence: 1))
    }
    var bad = NetlinkMessageHeader(length: 20, type: .acquire, flags: [], sequence: 2, portID: 0)
      .encodedBytes
    bad += [0, 0, 0, 0]
    let monitor = XfrmMonitor(
      source: FakeEventSource([.datagram(datagram), .overrun(lostMessages: 3), .datagram(bad)]))

    var items: [XfrmMonitor.Item] = []
    while let item = try monitor.next() { items.append(item) }
    #expect(items.count == 4)
    guard items.count == 4 else { return }
    if case .event(let event) = items[0], case .policyAdded = event.change {
    } else {
      Issue.record("first item: \(items[0])")
    }
    if case .event(let event) = items[1] { #expect(event.change == .policiesFlushed) }
    #expect(items[2] == .lost(3))
    if case .undecodable(let text) = items[3] { #expect(text.hasPrefix("XFRM_MSG_ACQUIRE")) }
  }

  @Test func dropsColumnIsReadForThisSocketOnly() {
    let table = """
      sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode
      00000000ffc01949 6   14264      00000008 0        0        0     2        19837    196027
      0000000013d970e1 6   0          00000000 0        0        0     2        0        196016
      00000000aaaaaaaa 0   14264      00000000 0        0        0     2        5        1
      """
    #expect(NetlinkEventSocket.drops(in: table, portID: 14264) == 19837)
    #expect(NetlinkEventSocket.drops(in: table, portID: 1) == nil)
  }
}
