// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing

@testable import PolicyLanguage

@Suite struct AddressParsingTests {
  @Test(arguments: [
    ("-4", AddressFamily.ipv4), ("-6", .ipv6), ("-n4", .ipv4), ("-46", .ipv6), ("-64n", .ipv4),
    ("-4 -6", .ipv6),
  ])
  func familyFlagsCombineAndTheLastOneWins(flags: String, family: AddressFamily) {
    let host = flags.contains("n") ? "192.0.2.1" : "dual.example.com"
    let result = parse("add \(flags) \(host) \(host) ah 1 -A null;")
    guard case .add(let sa) = result.statements.first?.command else {
      Issue.record("\(result.diagnostics.map(\.description))")
      return
    }
    #expect(result.statements.count == 1)
    #expect(sa.id.source.family == family)
  }

  @Test func withoutFlagsADualStackNameGivesOnePairPerFamily() {
    #expect(parse("add dual.example.com dual.example.com ah 1 -A null;").statements.count == 2)
  }

  @Test func scopedAddressesAreNumericAndLoseTheirScope() {
    let result = parse("add -n fe80::1%eth0 fe80::2%eth0 ah 1 -A null;")
    guard case .add(let sa) = result.statements.first?.command else {
      Issue.record("\(result.diagnostics.map(\.description))")
      return
    }
    #expect(sa.id.source == ip("fe80::1"))
  }

  @Test func prefixesAndPortsOnlyWhereTheCommandTakesThem() {
    expectErrors(
      """
      add 192.0.2.1‸/32 192.0.2.2 ah 1 -A null;
      deleteall 192.0.2.1 192.0.2.2‸[500] esp;
      spdadd 192.0.2.1[‸http-ish] 192.0.2.2 any -P out none;
      spdadd 192.0.2.1[‸70000] 192.0.2.2 any -P out none;
      spdadd 192.0.2.1[80 ‸192.0.2.2 any -P out none;
      spdadd 192.0.2.1/‸x 192.0.2.2 any -P out none;
      """)
  }

  @Test func portNamesComeFromTheServicesDatabase() {
    guard ServiceTable.port(named: "ssh") == 22 else { return }  // no /etc/services
    #expect(policies("spdadd ::1 ::2[ssh] tcp -P out none;").first?.selector.destinationPort == 22)
  }

  @Test func theBuiltInProtocolTableCoversAMissingSystemFile() {
    let table = ProtocolTable(path: "/nonexistent/protocols")
    #expect(table.number(named: "ipv6-icmp") == 58)
    #expect(table.number(named: "icmp6") == 58)
    #expect(table.number(named: "gre") == 47)
    #expect(table.number(named: "TCP") == 6)
    #expect(table.number(named: "sctpish") == nil)
  }

  @Test func systemResolverAnswersNumericAddressesWithoutLookingUp() throws {
    let resolver = SystemResolver()
    #expect(try resolver.resolve("192.0.2.7", family: nil) == [ip("192.0.2.7")])
    #expect(try resolver.resolve("192.0.2.7", family: .ipv6) == [])
  }

  @Test func commentsMayAppearInsideAPolicy() {
    let found = policies(
      """
      spdadd 10.0.0.0/8 10.1.0.0/16 any -P out ipsec # the outer tunnel:
        esp/tunnel/192.0.2.1-192.0.2.2/require # and inside it:
        ah/transport//use ;
      """)
    #expect(found.first?.templates.count == 2)
  }
}
