// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Provisioning
import Testing

/// The statements `diff` and `apply` print must name the entry they stand for: two entries
/// of different identities never print alike, and a statement reads back as its entry's
/// identity.
@Suite("diff statements and JSON entries name the entry")
struct StatementTextTests {
  static let auth = "0x0123456789abcdef0123456789abcdef01234567"

  /// One entry per identity field the language can set.
  static let declarations = [
    "spdadd 10.0.0.0/24 10.0.1.0/24 udp -mark 5 -P out none ;",
    "spdadd 10.0.0.0/24 10.0.1.0/24 udp -mark 0x10/0xf0 -P out none ;",
    "spdadd 10.0.0.0/24 10.0.1.0/24 udp -if-id 7 -P out none ;",
    "spdadd 10.0.0.0/24 10.0.1.0/24 udp -type sub -P out none ;",
    "spdadd 10.0.0.0/24 10.0.1.0/24 udp -ifindex 3 -P out none ;",
    "spdadd 10.0.0.0/24 10.0.1.0/24 udp -mark 7 -lh 60 -ph 3 -f localok -P out none ;",
    "add 192.0.2.1 192.0.2.2 ah 0x2000 -mark 9 -A hmac-sha1 \(auth) ;",
    "add 192.0.2.1 192.0.2.2 ah 0x2000 -if-id 4 -A hmac-sha1 \(auth) ;",
  ]

  /// The SA or policy a one-statement text declares.
  static func entry(_ text: String) throws -> ProvisioningEntry {
    let statement = try #require(try statements(text).first, "\(text)")
    switch statement.command {
    case .add(let sa): return .state(sa)
    case .spdAdd(let sp): return .policy(sp)
    default: throw ParseFailure(diagnostics: [])
    }
  }

  @Test(arguments: declarations)
  func theStatementReadsBackAsTheSameIdentity(declaration: String) throws {
    let entry = try Self.entry(declaration)
    let text = StatementText(showKeys: true).text(entry)
    #expect(try Self.entry(text).identity == entry.identity, "\(text)")
  }

  @Test func entriesThatDifferOnlyInIdentityFieldsPrintDifferently() throws {
    let texts = try Self.declarations.map { StatementText().text(try Self.entry($0)) }
    #expect(Set(texts).count == texts.count, "\(texts)")
  }

  /// What `diff` can change in place must show in its `~` and `was:` statements.
  @Test func policyFlagsAndLimitsAreWritten() throws {
    let text = StatementText().text(
      try Self.entry("spdadd 10.0.0.0/24 10.0.1.0/24 udp -lh 60 -bs 9 -f icmp -P out none ;"))
    #expect(text.contains(" -lh 60 -bs 9 -f icmp -P out "), "\(text)")
  }

  @Test func jsonEntriesCarryTheIdentityFields() throws {
    let kernel = try makeKernel(
      holding: "spdadd 10.0.0.0/24 10.0.1.0/24 udp -mark 5 -if-id 2 -P out none ;")
    let file = "spdadd 10.0.0.0/24 10.0.1.0/24 udp -mark 6 -type sub -P out none ;"
    let diff = try Provisioner(kernel: kernel).diff(try desired(file), ownership: .everything)
    let json = DiffJSON(showKeys: false).diff(diff, ownership: .everything).text
    #expect(json.contains(#""type":"sub","mark":{"value":6,"mask":4294967295}"#), "\(json)")
    #expect(json.contains(#""mark":{"value":5,"mask":4294967295},"interface_id":2"#), "\(json)")
  }
}
