// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import Testing
import XfrmBackend

@Suite("XfrmKernel batches statements and matches acknowledgements")
struct BatchTests {
  static let here = SourceLocation(file: "test.conf", line: 1, column: 1)

  static func policy(_ source: String, _ port: UInt16? = nil, level: PolicyLevel = .require)
    -> SecurityPolicy
  {
    let selector = TrafficSelector(
      source: IPPrefix(IPAddress(source)!), destination: IPPrefix(IPAddress("10.9.9.9")!),
      destinationPort: port, upperProtocol: port == nil ? nil : 6)
    var sp = SecurityPolicy(selector: selector, direction: .out, action: .ipsec)
    sp.templates = [PolicyTemplate(securityProtocol: .esp, mode: .transport, level: level)]
    return sp
  }

  static func statement(_ command: Command) -> Statement { Statement(command, at: here) }

  @Test func threeStatementsGoInOneSendAndTheRefusedOneCarriesErrnoAndText() throws {
    let transport = FakeTransport { messages in
      [
        FakeTransport.datagram([
          FakeTransport.acknowledgement(of: messages[0]),
          FakeTransport.acknowledgement(of: messages[1], errno: 17, text: "Policy exists"),
        ]),
        FakeTransport.datagram([FakeTransport.acknowledgement(of: messages[2])]),
      ]
    }
    let kernel = XfrmKernel(transport: transport, firstSequence: 100)
    let outcomes = try kernel.run([
      Self.statement(.spdAdd(Self.policy("10.0.0.1"))),
      Self.statement(.spdAdd(Self.policy("10.0.0.2"))),
      Self.statement(.spdFlush),
    ])

    #expect(transport.sent.count == 1)
    #expect(transport.sent[0].map(\.header.sequence) == [100, 101, 102])
    #expect(transport.sent[0].map(\.header.type) == [.newPolicy, .newPolicy, .flushPolicy])
    #expect(transport.sent[0].allSatisfy { $0.header.flags == [.request, .ack] })

    #expect(outcomes.count == 3)
    #expect(outcomes[0].result == .success(.done))
    #expect(outcomes[2].result == .success(.done))
    guard case .failure(let error) = outcomes[1].result else {
      Issue.record("second statement should fail")
      return
    }
    #expect(error.operation == "XFRM_MSG_NEWPOLICY")
    #expect(error.errno == 17)
    #expect(error.errnoName == "EEXIST")
    #expect(error.kernelMessage == "Policy exists")
    #expect(error.description == "File exists (EEXIST): Policy exists")
  }

  @Test func acknowledgementsArrivingOutOfOrderStillReachTheirStatements() throws {
    let transport = FakeTransport { messages in
      [
        FakeTransport.datagram(
          messages.reversed().map { message in
            message.header.type == .flushSA
              ? FakeTransport.acknowledgement(of: message, errno: 1)
              : FakeTransport.acknowledgement(of: message)
          })
      ]
    }
    let outcomes = try XfrmKernel(transport: transport).run([
      Self.statement(.flush(.esp)), Self.statement(.spdFlush),
    ])
    #expect(outcomes.map { (try? $0.result.get()) == nil } == [true, false])
  }

  @Test func entrustIsRefusedWithoutBeingSent() throws {
    let transport = FakeTransport()
    var sp = Self.policy("10.0.0.1")
    sp.action = .entrust
    let outcomes = try XfrmKernel(transport: transport).run([
      Self.statement(.spdAdd(sp)), Self.statement(.spdFlush),
    ])
    #expect(transport.allSent.map(\.header.type) == [.flushPolicy])
    guard case .failure(let error) = outcomes[0].result else {
      Issue.record("entrust should be refused")
      return
    }
    #expect(error.errnoName == "EOPNOTSUPP")
    #expect(error.reason == "linux has no 'entrust' policy")
    #expect(outcomes[1].result == .success(.done))
  }

  @Test func algorithmsLinuxLacksAreRefusedByName() throws {
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: IPAddress("10.0.0.1")!, destination: IPAddress("10.0.0.2")!,
        securityProtocol: .esp, spi: 0x100))
    let rc5 = AlgorithmCatalogue.lookup(setkeyName: "rc5-cbc", option: [.encryption])!
    sa.encryption = AlgorithmKey(rc5, key: Key([UInt8](repeating: 1, count: 16)))
    let outcomes = try XfrmKernel(transport: FakeTransport()).run([Self.statement(.add(sa))])
    guard case .failure(let error) = outcomes[0].result else {
      Issue.record("rc5-cbc should be refused")
      return
    }
    #expect(error.description.contains("'rc5-cbc' is not available on linux"))
    #expect(!error.description.contains("0101"))
    #expect(error.operation == NetlinkMessageType.newSA.name)
  }

  @Test func getSPIReturnsTheAllocatedSPI() throws {
    let transport = FakeTransport { messages in
      var info = XfrmUserSAInfo()
      info.id.spi = 0x1234
      info.id.proto = 50
      info.family = 2
      return [
        FakeTransport.data(
          .newSA, sequence: messages[0].header.sequence, flags: [], info.encodedBytes)
      ]
    }
    let outcomes = try XfrmKernel(transport: transport).run([
      Self.statement(
        .getSPI(
          source: IPAddress("10.0.0.1")!, destination: IPAddress("10.0.0.2")!,
          securityProtocol: .esp, mode: .any, reqid: 0, range: 0x1000...0x2000))
    ])
    #expect(transport.allSent.first?.header.flags == [.request])
    #expect(outcomes[0].result == .success(.allocatedSPI(0x1234)))
  }
}
