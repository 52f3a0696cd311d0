// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

/// References answered from a table: a file's mode is given with its text.
struct TableKeyReader: KeyReferenceReader {
  var table: [KeyReference: (String, UInt32?)]

  func read(_ reference: KeyReference) throws(KeyReferenceError) -> KeyReferenceContents {
    guard let (text, mode) = table[reference] else {
      throw KeyReferenceError("no such file or directory")
    }
    return KeyReferenceContents(bytes: Array(text.utf8), permissions: mode)
  }
}

@Suite("Keys given as file:, env: and fd: references")
struct KeyReferenceTests {
  static let hex = "00112233445566778899aabbccddeeff"

  static func parse(_ text: String, allowShared: Bool = false) -> ParseResult {
    var options = testOptions()
    options.keyReader = TableKeyReader(table: [
      .file("/etc/xfrmkey/k1.key"): ("0x\(hex)\n", 0o600),
      .file("/etc/xfrmkey/open.key"): (hex, 0o644),
      .file("/etc/xfrmkey/junk.key"): ("not a key", 0o600),
      .environment("K1"): (" \(hex) ", nil),
      .fileDescriptor(3): (hex, nil),
    ])
    options.allowsSharedKeyFiles = allowShared
    return SetkeyParser.parse(text, file: "test.conf", options: options)
  }

  static func sa(_ key: String) -> String {
    "add 192.0.2.1 192.0.2.2 esp 0x100 -E aes-cbc \(key) ;"
  }

  @Test(arguments: ["file:/etc/xfrmkey/k1.key", "env:K1", "fd:3"])
  func aReferenceGivesTheKeyItHolds(reference: String) throws {
    let result = Self.parse(Self.sa(reference))
    #expect(result.diagnostics.isEmpty)
    guard case .add(let sa) = try #require(result.statements.first).command else {
      Issue.record("not an add")
      return
    }
    #expect(sa.encryption?.key.hexadecimal == Self.hex)
  }

  @Test func aKeyFileOthersCanReadIsALocatedError() throws {
    let result = Self.parse(Self.sa("file:/etc/xfrmkey/open.key"))
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location.column == 46)
    #expect(diagnostic.message.contains("mode 0644"))
  }

  @Test func theOptOutTurnsItIntoAWarning() throws {
    let result = Self.parse(Self.sa("file:/etc/xfrmkey/open.key"), allowShared: true)
    #expect(!result.hasErrors)
    #expect(result.diagnostics.map(\.severity) == [.warning])
  }

  @Test(arguments: ["file:/etc/xfrmkey/missing.key", "env:UNSET", "file:/etc/xfrmkey/junk.key"])
  func unreadableOrMalformedReferencesAreErrorsThatShowNoKey(reference: String) throws {
    let result = Self.parse(Self.sa(reference))
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.message.contains("'\(reference)'"))
    #expect(!diagnostic.message.contains("not a key"))
  }

  @Test func aKeyOfTheWrongLengthIsStillRefused() {
    var options = testOptions()
    options.keyReader = TableKeyReader(table: [.environment("SHORT"): ("0011", nil)])
    let result = SetkeyParser.parse(Self.sa("env:SHORT"), file: "t", options: options)
    #expect(result.hasErrors)
  }
}
