// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import Testing
import XfrmBackend

@Suite("Dumps, deleteall and unique reqids")
struct DumpAndReqidTests {
  static let here = SourceLocation(file: "test.conf", line: 1, column: 1)

  /// A policy in a dump whose only template has `reqid` (and `mode`).
  static func dumpedPolicy(reqid: UInt32, mode: XfrmMode = .transport) -> [UInt8] {
    var info = XfrmUserPolicyInfo()
    info.selector.family = 2
    info.direction = .outbound
    var template = XfrmUserTemplate()
    template.id.proto = 50
    template.family = 2
    template.reqid = reqid
    template.mode = mode
    var writer = ByteWriter()
    info.encode(to: &writer)
    writer.writeAttribute(type: XfrmAttributeType.templates.rawValue, template)
    return writer.bytes
  }

  /// A state in a dump.
  static func dumpedState(source: String, destination: String, spi: UInt32) -> [UInt8] {
    var info = XfrmUserSAInfo()
    info.family = 2
    info.id.proto = 50
    info.id.spi = spi
    info.id.destination = IPAddress(destination)!.bytes
    info.source = IPAddress(source)!.bytes
    var writer = ByteWriter()
    info.encode(to: &writer)
    writer.writeAttribute(
      type: XfrmAttributeType.encryptionAlgorithm.rawValue,
      XfrmAlgorithm(name: "cbc(mystery)", key: [1, 2, 3, 4]))
    writer.writeAttribute(type: 200, bytes: [9, 9, 9])  // unknown: skipped
    return writer.bytes
  }

  /// Answers dumps with `parts` (each flagged as given) and acknowledges everything else.
  static func responder(
    policies: [[UInt8]] = [], states: [[UInt8]] = [],
    interruptions: @escaping () -> Bool = { false }
  ) -> ([NetlinkMessage]) -> [[UInt8]] {
    { messages in
      guard let request = messages.first, request.header.flags.contains(.dump) else {
        return FakeTransport.acknowledgeAll(messages)
      }
      let sequence = request.header.sequence
      let isPolicy = request.header.type == .getPolicy
      let type: NetlinkMessageType = isPolicy ? .newPolicy : .newSA
      let flags: NetlinkMessageFlags = interruptions() ? [.multi, .dumpInterrupted] : [.multi]
      let parts = (isPolicy ? policies : states).map {
        FakeTransport.data(type, sequence: sequence, flags: flags, $0)
      }
      return [
        FakeTransport.datagram(parts), FakeTransport.done(sequence: sequence, flags: flags),
      ]
    }
  }

  static func uniquePolicy(_ port: UInt16, _ reqid: UInt32?) -> Statement {
    let selector = TrafficSelector(
      source: IPPrefix(IPAddress("::1")!), destination: IPPrefix(IPAddress("::1")!),
      destinationPort: port, upperProtocol: 6)
    var sp = SecurityPolicy(selector: selector, direction: .out, action: .ipsec)
    sp.templates = [
      PolicyTemplate(securityProtocol: .esp, mode: .transport, level: .unique(reqid: reqid))
    ]
    return Statement(.spdAdd(sp), at: here)
  }

  /// The reqid of the first template in a sent NEWPOLICY.
  static func sentReqid(_ message: NetlinkMessage) throws -> UInt32 {
    var reader = message.reader
    _ = try XfrmUserPolicyInfo(decoding: &reader)
    let attributes = try NetlinkAttribute.decodeAll(&reader)
    var payload = attributes[0].reader
    return try XfrmUserTemplate(decoding: &payload).reqid
  }

  @Test func bareUniqueGetsReqidsFrom16384SkippingUsedOnes() throws {
    let transport = FakeTransport(
      respond: Self.responder(policies: [Self.dumpedPolicy(reqid: 16384)]))
    let outcomes = try XfrmKernel(transport: transport).run([
      Self.uniquePolicy(9999, 2),
      Self.uniquePolicy(9997, nil),
      Self.uniquePolicy(9995, 28000),
      Self.uniquePolicy(9994, 16386),
    ])
    #expect(outcomes.allSatisfy { $0.result == .success(.done) })
    #expect(transport.sent.count == 2)
    #expect(transport.sent[0].map(\.header.type) == [.getPolicy])
    let reqids = try transport.sent[1].map(Self.sentReqid)
    // 16384 is in the SPD; 28000 is above the manual range, so it is allocated too.
    #expect(reqids == [2, 16385, 16386, 16387])
  }

  /// A policy the model cannot hold (here a template of mode 2, `ro`) is left out of
  /// dumps, but its reqids are still taken.
  @Test func reqidsOfPoliciesTheModelCannotHoldAreNotAllocatedAgain() throws {
    let transport = FakeTransport(
      respond: Self.responder(policies: [
        Self.dumpedPolicy(reqid: 16384, mode: XfrmMode(rawValue: 2))
      ]))
    _ = try XfrmKernel(transport: transport).run([Self.uniquePolicy(9997, nil)])
    #expect(try transport.sent[1].map(Self.sentReqid) == [16385])
  }

  @Test func noDumpWhenNoTemplateNeedsAReqid() throws {
    let transport = FakeTransport()
    _ = try XfrmKernel(transport: transport).run([Self.uniquePolicy(80, 7)])
    #expect(transport.allSent.map(\.header.type) == [.newPolicy])
  }

  @Test func dumpOfOneProtocolDecodesStatesAndSkipsUnknownAttributes() throws {
    let transport = FakeTransport(
      respond: Self.responder(states: [
        Self.dumpedState(source: "10.0.0.1", destination: "10.0.0.2", spi: 0x100)
      ]))
    let outcomes = try XfrmKernel(transport: transport).run([
      Statement(.dump(.esp), at: Self.here), Statement(.dump(.ah), at: Self.here),
    ])
    guard case .success(.states(let esp)) = outcomes[0].result else {
      Issue.record("dump esp should succeed")
      return
    }
    #expect(esp.count == 1)
    #expect(esp.first?.id.spi == 0x100)
    #expect(esp.first?.encryption?.algorithm.name == "cbc(mystery)")
    #expect(esp.first?.encryption?.algorithm.kind == .encryption)
    #expect(esp.first?.lifetime == LifetimeLimits())
    #expect(outcomes[1].result == .success(.states([])))
  }

  @Test func deleteAllDeletesOnlyMatchingStates() throws {
    let transport = FakeTransport(
      respond: Self.responder(states: [
        Self.dumpedState(source: "10.0.0.1", destination: "10.0.0.2", spi: 0x100),
        Self.dumpedState(source: "10.0.0.1", destination: "10.0.0.3", spi: 0x101),
        Self.dumpedState(source: "10.0.0.1", destination: "10.0.0.2", spi: 0x102),
      ]))
    let outcomes = try XfrmKernel(transport: transport).run([
      Statement(
        .deleteAll(
          source: IPAddress("10.0.0.1")!, destination: IPAddress("10.0.0.2")!,
          securityProtocol: .esp), at: Self.here)
    ])
    #expect(outcomes[0].result == .success(.done))
    let deletes = transport.sent[1]
    #expect(deletes.map(\.header.type) == [.deleteSA, .deleteSA])
    let spis = try deletes.map { message -> UInt32 in
      var reader = message.reader
      return try XfrmUserSAID(decoding: &reader).spi
    }
    #expect(spis == [0x100, 0x102])
  }

  @Test func interruptedDumpIsRetriedThenSucceeds() throws {
    var calls = 0
    let transport = FakeTransport(
      respond: Self.responder(
        policies: [Self.dumpedPolicy(reqid: 5)],
        interruptions: {
          calls += 1
          return calls == 1
        }))
    let outcomes = try XfrmKernel(transport: transport).run([
      Statement(.spdDump, at: Self.here)
    ])
    guard case .success(.policies(let policies)) = outcomes[0].result else {
      Issue.record("spddump should succeed on the second try")
      return
    }
    #expect(policies.count == 1)
    #expect(policies.first?.templates.first?.level == .unique(reqid: 5))
    #expect(transport.sent.count == 2)
  }

  @Test func dumpThatStaysInterruptedFailsClearly() throws {
    let transport = FakeTransport(
      respond: Self.responder(policies: [Self.dumpedPolicy(reqid: 5)], interruptions: { true }))
    let kernel = XfrmKernel(transport: transport)
    let outcomes = try kernel.run([Statement(.spdDump, at: Self.here)])
    guard case .failure(let error) = outcomes[0].result else {
      Issue.record("spddump should fail")
      return
    }
    #expect(transport.sent.count == XfrmKernel.dumpAttempts)
    #expect(error.description.contains("NLM_F_DUMP_INTR"))

    var seen = 0
    #expect(throws: KernelError.self) { try kernel.forEachPolicy { _ in seen += 1 } }
    #expect(seen == 0)
  }
}
