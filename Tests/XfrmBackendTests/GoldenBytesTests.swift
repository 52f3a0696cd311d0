// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing
import XfrmBackend

/// xfrmkey's requests equal, byte for byte, what iproute2 6.1 sends for the same request.
/// Each case builds the vector's statement from `GoldenRequests`, encodes it with the
/// vector's own sequence number and port id, and compares all bytes but the ignored ones.
@Suite struct GoldenBytesTests {
  /// Vectors whose bytes differ from iproute2's on purpose or by a known gap, with the
  /// field. Each stays a failing comparison under `withKnownIssue`, so it is reported
  /// again, and the test fails once the difference is gone and the entry is stale.
  static let knownDifferences: [String: String] = [
    // nlmsg_len (offset 0), XFRMA_PROTO and XFRMA_ADDRESS_FILTER (16-63) - by design:
    // deleteall's dump asks the kernel for the one protocol, as `dump esp` does; ip dumps
    // every SA and filters them itself.
    "getsa-dump-deleteall":
      "XFRMA_PROTO + XFRMA_ADDRESS_FILTER: ip sends a bare dump (16 bytes), builder 64",
    // nlmsg_flags (offset 6) - by design: ip sends deleteall's deletes without NLM_F_ACK
    // (0x0001); xfrmkey asks for an acknowledgement of each (0x0005) so that every delete
    // has an outcome. Keep unless the backend stops wanting per-SA results.
    "delsa-deleteall-esp":
      "nlmsg_flags: ip 0x0001 (no ACK) for deleteall's deletes, builder 0x0005 (REQUEST|ACK)",
  ]

  @Test(arguments: GoldenVector.allNames.filter { GoldenRequests.statements[$0] != nil })
  func encoderMatchesIproute2(name: String) throws {
    let vector = try GoldenVector(named: name)
    let statement = try #require(GoldenRequests.statements[name])
    let request = try #require(Self.request(in: vector, of: statement.command))

    let bytes = try XfrmMessageBuilder.message(
      for: request, sequence: vector.word(at: 8), portID: vector.word(at: 12))
    let diff = HexDiff(expected: vector.bytes, actual: bytes, isIgnored: vector.isIgnored)

    let matches = diff.isMatch
    let report = Comment(rawValue: diff.report(name: name))
    if let known = Self.knownDifferences[name] {
      withKnownIssue(Comment(rawValue: known)) { #expect(matches, report) }
    } else {
      #expect(matches, report)
    }
  }

  @Test(arguments: GoldenRequests.equivalents.map { "\($0.vector) as '\($0.spelling)'" })
  func otherSpellingsOfARequestSendItsBytes(label: String) throws {
    let entry = try #require(
      GoldenRequests.equivalents.first { "\($0.vector) as '\($0.spelling)'" == label })
    let (name, statement) = (entry.vector, entry.statement)
    let vector = try GoldenVector(named: name)
    let request = try #require(KernelRequest(statement.command))

    let bytes = try XfrmMessageBuilder.message(
      for: request, sequence: vector.word(at: 8), portID: vector.word(at: 12))
    let diff = HexDiff(expected: vector.bytes, actual: bytes, isIgnored: vector.isIgnored)

    let matches = diff.isMatch
    #expect(matches, Comment(rawValue: diff.report(name: label)))
  }

  @Test(arguments: GoldenVector.allNames.filter { GoldenRequests.statements[$0] != nil })
  func sequenceAndPortChangeOnlyTheIgnoredBytes(name: String) throws {
    let vector = try GoldenVector(named: name)
    let statement = try #require(GoldenRequests.statements[name])
    let request = try #require(Self.request(in: vector, of: statement.command))

    let first = try XfrmMessageBuilder.message(for: request, sequence: 1, portID: 2)
    let second = try XfrmMessageBuilder.message(for: request, sequence: 0xfeed, portID: 0xbeef)
    let changed = HexDiff(expected: first, actual: second) { _ in false }.differingOffsets

    #expect(!changed.isEmpty && changed.allSatisfy(vector.isIgnored))
  }

  @Test(arguments: GoldenVector.allNames)
  func everyVectorHasAStatementOrAReason(name: String) {
    let hasStatement = GoldenRequests.statements[name] != nil
    let hasReason = GoldenRequests.withoutStatement[name] != nil

    #expect(hasStatement != hasReason, "exactly one of: a statement, a reason for none")
  }

  @Test func tablesNameOnlyExistingVectors() {
    let names = Set(GoldenVector.allNames)
    let listed = Array(GoldenRequests.statements.keys) + Array(Self.knownDifferences.keys)
    let unknown = listed.filter { !names.contains($0) }

    #expect(unknown.isEmpty, "no .vec file for \(unknown.sorted())")
  }

  /// The request in the vector's message: a statement's one request; for `deleteall` the
  /// dump that comes first, then a delete per SA the dump found (`laterMessages`).
  static func request(in vector: GoldenVector, of command: Command) -> KernelRequest? {
    if vector.messageIndex > 1 { return laterMessages[vector.name] }
    if case .deleteAll(_, _, let proto) = command { return .dumpStates(proto) }
    return KernelRequest(command)
  }

  /// Requests of messages after a statement's first, by vector.
  static let laterMessages: [String: KernelRequest] = [
    // The setup added esp 0x1000 from 192.0.2.1 to 198.51.100.1; the dump found it.
    "delsa-deleteall-esp": .deleteState(GoldenRequests.espID(0x1000))
  ]
}
