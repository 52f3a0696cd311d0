// SPDX-License-Identifier: Apache-2.0
import Foundation
import IPsecModel
import PolicyLanguage
import Testing

/// JSON dumps: every object the formatter writes follows the schema in Documentation/, and
/// the validator really rejects what the schema forbids.
@Suite struct JSONDumpTests {
  static let formatter = JSONDumpFormatter()

  static func dump(_ sas: [SecurityAssociation], _ sps: [SecurityPolicy]) -> String {
    formatter.formatArray(sas.map { formatter.format($0) } + sps.map { formatter.format($0) })
  }

  @Test func schemaFileIsFoundAndUsesOnlyKnownKeywords() {
    #expect(Package.schema.root["$defs"] != nil)
    #expect(Package.schema.errors(.array([])).isEmpty)
  }

  @Test func everySAShapeFollowsTheSchema() {
    for sa in Fixtures.associations {
      let text = Self.dump([sa], [])
      #expect(Package.validateDump(text) == [], "\(SaveFormatter.name(of: sa))")
    }
  }

  @Test func everyPolicyShapeFollowsTheSchema() {
    for sp in Fixtures.policies {
      let text = Self.dump([], [sp])
      #expect(Package.validateDump(text) == [], "\(SaveFormatter.name(of: sp))")
    }
  }

  @Test func hiddenKeysAreNullAndStillValid() throws {
    let hidden = JSONDumpFormatter(showKeys: false)
    let text = hidden.formatArray(Fixtures.associations.map { hidden.format($0) })
    #expect(Package.validateDump(text) == [])
    #expect(!text.contains(Fixtures.key(16).hexadecimal))
    let first = try JSONReader.parse(hidden.format(Fixtures.plainESP))
    #expect(first["encryption"]?["key"] == .null)
    #expect(first["encryption"]?["key_bits"] == .unsigned(128))
  }

  @Test func numbersAreNumbersAddressesAndKeysAreStrings() throws {
    let sa = try JSONReader.parse(Self.formatter.format(Fixtures.plainESP))
    #expect(sa["spi"] == .unsigned(0x1000))
    #expect(sa["source"] == .string("10.0.0.1"))
    #expect(sa["encryption"]?["key"] == .string(Fixtures.key(16).hexadecimal))
    #expect(sa["selector"] == .null)
  }

  @Test func emptyDumpIsAnEmptyArrayAndStreamsOneEntryPerLine() {
    var written: [String] = []
    Self.formatter.writeSPD({ _ in }, to: { written.append($0) })
    #expect(written == ["[]\n"])

    written = []
    Self.formatter.writeSPD({ each in Fixtures.policies.forEach(each) }, to: { written.append($0) })
    // A few entries fit in one chunk; a dump hands on about 64 KiB at a time.
    #expect(written.count == 1)
    let text = written.joined()
    #expect(text.split(separator: "\n").count == Fixtures.policies.count + 2)
    #expect(Package.validateDump(text) == [])
  }

  @Test func largeDumpsAreHandedOnInChunksAndMatchTheWholeArray() {
    let policies = Array(repeating: Fixtures.policies, count: 300).flatMap { $0 }
    var written: [String] = []
    Self.formatter.writeSPD({ each in policies.forEach(each) }, to: { written.append($0) })

    #expect(written.count > 1)
    #expect(written.joined() == Self.formatter.formatArray(policies.map(Self.formatter.format)))
  }

  @Test func stringsAreEscaped() throws {
    let text = "a\"b\\c\n\u{1}é"
    #expect(JSONWriter.quoted(text) == "\"a\\\"b\\\\c\\n\\u0001é\"")
    #expect(try JSONReader.parse(JSONWriter.quoted(text)) == .string(text))
  }

  // MARK: - The check can fail

  /// Replaces one member of the first entry of a valid dump.
  static func mutated(_ member: String, _ replacement: String?) -> String {
    let object = formatter.format(Fixtures.plainESP)
    guard let replacement else {
      return "[" + object.replacingOccurrences(of: "\"reqid\":0,", with: "") + "]"
    }
    return "[" + object.replacingOccurrences(of: member, with: replacement) + "]"
  }

  @Test(arguments: [
    ("\"spi\":4096", "\"spi\":\"4096\""),
    ("\"spi\":4096", "\"spi\":-1"),
    ("\"spi\":4096", "\"spi\":4294967296"),
    ("\"protocol\":\"esp\"", "\"protocol\":\"esp-udp\""),
    ("\"kind\":\"sa\"", "\"kind\":\"sp\""),
    ("\"source\":\"10.0.0.1\"", "\"source\":\"host.example\""),
    ("\"mode\":\"transport\"", "\"mode\":\"transport\",\"extra\":1"),
    ("\"flags\":[]", "\"flags\":[\"fast\"]"),
    ("\"selector\":null", "\"selector\":{}"),
  ])
  func validatorRejectsWhatTheSchemaForbids(member: String, replacement: String) {
    let text = Self.mutated(member, replacement)
    #expect(text.contains(replacement))
    #expect(!Package.validateDump(text).isEmpty)
  }

  @Test func validatorRejectsAMissingMemberAndAnUppercaseKey() {
    #expect(!Package.validateDump(Self.mutated("reqid", nil)).isEmpty)
    let hex = Fixtures.key(16).hexadecimal
    #expect(!Package.validateDump(Self.mutated(hex, hex.uppercased())).isEmpty)
    #expect(!Package.validateDump("{}").isEmpty)
    #expect(!Package.validateDump("[1,]").isEmpty)
  }

  @Test func validatorRefusesKeywordsItDoesNotImplement() {
    let schema = SchemaValidator(root: .object([("minLength", .unsigned(1))]))
    #expect(!schema.errors(.string("x")).isEmpty)
  }
}

/// JSON the kernel VM cases saved (Tests/kernel/cases/50-save-restore-sa.sh writes its SA
/// dumps as `*.json`; run-all.sh copies them under .build/kernel-tests/). They are checked
/// here, with the same validator, whenever a kernel run left them; `XFRMKEY_JSON_DUMPS`
/// names another folder.
@Suite struct KernelDumpFileTests {
  static let folder: URL = {
    if let given = ProcessInfo.processInfo.environment["XFRMKEY_JSON_DUMPS"] {
      return URL(fileURLWithPath: given)
    }
    return Package.root.appendingPathComponent(".build/kernel-tests")
  }()

  static var files: [URL] {
    let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    return (walker?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "json" }
  }

  @Test(.enabled(if: !files.isEmpty, "no JSON dumps from a kernel run"))
  func dumpsFromTheKernelVMFollowTheSchema() throws {
    for file in Self.files {
      let text = try String(contentsOf: file, encoding: .utf8)
      #expect(Package.validateDump(text) == [], "\(file.path)")
    }
  }
}
