// SPDX-License-Identifier: Apache-2.0
import Foundation
import IPsecModel
import PolicyLanguage
import Testing

/// Whole dumps: numbering, the empty-database messages, and streaming with one entry held
/// back.
@Suite struct SetkeyDumpFormatterDumpTests {
  static let formatter = SetkeyDumpFormatter(
    now: { 0 }, timeZone: .utc,
    processID: 1)

  static func policies(_ count: Int) -> [SecurityPolicy] {
    (0..<count).map { index in
      var sp = SecurityPolicy(selector: .any(.ipv4), direction: .out, action: .none)
      sp.index = UInt32(index * 8 + 1)
      return sp
    }
  }

  static func sequences(in text: String) -> [String] {
    text.split(separator: "\n").filter { $0.hasPrefix("\tspid=") }.map {
      String($0.split(separator: " ")[1])
    }
  }

  @Test func emptyDatabasesPrintSetkeysMessages() {
    #expect(Self.formatter.formatSAD([]) == "No SAD entries.\n")
    #expect(Self.formatter.formatSPD([]) == "No SPD entries.\n")

    var streamed = ""
    Self.formatter.writeSAD({ _ in }, to: { streamed += $0 })
    #expect(streamed == "No SAD entries.\n")
  }

  @Test(arguments: [1, 2, 5])
  func streamingMatchesFormattingAllAtOnce(count: Int) {
    let policies = Self.policies(count)
    var chunks: [String] = []
    Self.formatter.writeSPD({ body in policies.forEach(body) }, to: { chunks.append($0) })

    // A few entries fit in one chunk; a dump hands on about 64 KiB at a time.
    #expect(chunks.count == 1)
    #expect(chunks.joined() == Self.formatter.formatSPD(policies))
    let expected = (1..<count).map { "seq=\($0)" } + ["seq=0"]
    #expect(Self.sequences(in: chunks.joined()) == expected)
  }

  @Test func largeDumpsAreHandedOnInChunksOfAbout64KiB() {
    let policies = Self.policies(2000)
    var chunks: [String] = []
    Self.formatter.writeSPD({ body in policies.forEach(body) }, to: { chunks.append($0) })

    #expect(chunks.count > 1)
    #expect(chunks.dropLast().allSatisfy { $0.utf8.count >= 64 * 1024 })
    #expect(chunks.joined() == Self.formatter.formatSPD(policies))
  }

  struct SourceFailed: Error {}

  @Test func aFailingSourceStopsAfterTheEntriesWritten() {
    var chunks: [String] = []
    #expect(throws: SourceFailed.self) {
      try Self.formatter.writeSPD(
        { body in
          for sp in Self.policies(3) { body(sp) }
          throw SourceFailed()
        }, to: { chunks.append($0) })
    }
    // The third entry waits for a successor to learn its number; the two before it are
    // still handed on.
    #expect(Self.sequences(in: chunks.joined()) == ["seq=1", "seq=2"])
  }

  @Test func saDumpNumbersLikeLinuxSetkey() {
    let sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: IPAddress("10.0.0.1")!, destination: IPAddress("10.0.0.2")!,
        securityProtocol: .esp, spi: 1))
    let text = Self.formatter.formatSAD([sa, sa, sa])
    let numbers = text.split(separator: "\n").filter { $0.hasPrefix("\tsadb_seq=") }
    #expect(
      numbers.map { String($0.split(separator: " ")[0]) } == [
        "\tsadb_seq=1", "\tsadb_seq=2", "\tsadb_seq=0",
      ])
  }
}
