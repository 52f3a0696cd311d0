// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import Testing
import XfrmBackend

@Suite("A bulk load records only what is not a plain success, and batches stay exact")
struct BulkLoadTests {
  static func statement(_ command: Command, line: Int) -> Statement {
    Statement(command, at: SourceLocation(file: "bulk.conf", line: line, column: 1))
  }

  /// `count` policies from 10.0.<i / 256>.<i % 256>, one a line.
  static func policies(_ count: Int) -> [Statement] {
    (0..<count).map { i in
      statement(.spdAdd(BatchTests.policy("10.0.\(i / 256).\(i % 256)")), line: i + 1)
    }
  }

  @Test func onlyTheRefusedStatementComesBackWithItsIndexInTheSlice() throws {
    let transport = FakeTransport { messages in
      [
        FakeTransport.datagram(
          messages.map { message in
            message.header.sequence == 3
              ? FakeTransport.acknowledgement(of: message, errno: 17, text: "Policy exists")
              : FakeTransport.acknowledgement(of: message)
          })
      ]
    }
    let all = Self.policies(6)
    let results = try XfrmKernel(transport: transport).runReportingExceptions(all[2..<6])

    // Statements 2, 3, 4, 5 get sequence numbers 1, 2, 3, 4: the third is all[4].
    #expect(transport.allSent.count == 4)
    #expect(results.count == 1)
    #expect(results.first?.index == 4)
    guard case .failure(let error) = results.first?.result else {
      Issue.record("the refused statement should come back as a failure")
      return
    }
    #expect(error.operation == "XFRM_MSG_NEWPOLICY")
    #expect(error.errnoName == "EEXIST")
    #expect(error.kernelMessage == "Policy exists")
  }

  @Test func aLoadLargerThanOneBatchIsSplitInOrderWithTheBuildersBytes() throws {
    let transport = FakeTransport()
    let kernel = XfrmKernel(transport: transport, firstSequence: 7)
    kernel.maximumBatchBytes = 1000
    let statements = Self.policies(20)
    let outcomes = try kernel.run(statements)

    #expect(outcomes.allSatisfy { $0.result == .success(.done) })
    #expect(transport.sent.count > 1)
    #expect(transport.allSent.map(\.header.sequence) == Array(7..<27))

    // Each message in the batches is the one the builder (and the golden vectors) make.
    for (offset, (statement, sent)) in zip(statements, transport.allSent).enumerated() {
      let expected = try XfrmMessageBuilder.message(
        for: statement, sequence: 7 + UInt32(offset))
      #expect(sent.encodedBytes == expected)
    }
  }

  @Test func updatesAndPoliciesWithEveryAttributeMatchTheBuilder() throws {
    var sp = BatchTests.policy("10.0.0.1", 443)
    sp.type = .sub
    sp.mark = Mark(7, mask: 0xff)
    sp.interfaceID = 9
    sp.securityContext = SecurityContext(doi: 1, algorithm: 1, context: "system_u:object_r")
    sp.templates.append(
      PolicyTemplate(
        securityProtocol: .ah, mode: .tunnel, tunnelSource: IPAddress("192.0.2.1"),
        tunnelDestination: IPAddress("192.0.2.2"), level: .use, reqid: 5))
    let statements = [
      Self.statement(.spdUpdate(sp), line: 1), Self.statement(.spdAdd(sp), line: 2),
    ]
    let transport = FakeTransport()
    let outcomes = try XfrmKernel(transport: transport).run(statements)

    #expect(outcomes.allSatisfy { $0.result == .success(.done) })
    #expect(transport.allSent.map(\.header.type) == [.updatePolicy, .newPolicy])
    for (offset, (statement, sent)) in zip(statements, transport.allSent).enumerated() {
      let expected = try XfrmMessageBuilder.message(for: statement, sequence: 1 + UInt32(offset))
      #expect(sent.encodedBytes == expected)
    }
  }
}
