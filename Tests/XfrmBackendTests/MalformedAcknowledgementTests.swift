// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import Testing
import XfrmBackend

/// Acknowledgements of a batch are read in place: one whose length runs past its datagram
/// fails the run instead of being read beyond it.
@Suite struct MalformedAcknowledgementTests {
  static let statement = Statement(
    .spdAdd(BatchTests.policy("10.0.0.1")), at: SourceLocation(file: "t", line: 1, column: 1))

  /// A run whose only reply is `reply(ack)`, made from the plain acknowledgement.
  static func run(_ reply: @escaping ([UInt8]) -> [UInt8]) throws -> [StatementOutcome] {
    let transport = FakeTransport { messages in
      [reply(FakeTransport.acknowledgement(of: messages[0]))]
    }
    return try XfrmKernel(transport: transport).run([statement])
  }

  /// `bytes` with `nlmsg_len` set to `length`.
  static func withLength(_ length: UInt32, _ bytes: [UInt8]) -> [UInt8] {
    var bytes = bytes
    withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(0..<4, with: $0) }
    return bytes
  }

  @Test func aPlainAcknowledgementIsAccepted() throws {
    #expect(try Self.run { $0 }.map(\.result) == [.success(.done)])
  }

  @Test(arguments: [0, 1, 15, 37, 1000, UInt32.max])
  func anAcknowledgementWithALengthPastItsDatagramOrBelowAHeaderThrows(length: UInt32) {
    #expect(throws: (any Error).self) { try Self.run { Self.withLength(length, $0) } }
  }

  @Test func anAcknowledgementCutShortThrows() {
    #expect(throws: (any Error).self) { try Self.run { Array($0.prefix(30)) } }
  }
}
