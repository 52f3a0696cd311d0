// SPDX-License-Identifier: Apache-2.0
import Foundation
import IPsecModel
import PolicyLanguage
import Testing

/// `setkey -DP` entries for what the corpus lacks: discard and none, priorities other than
/// `def`, reqid markers, ICMP types, IPComp, IPv6, security contexts.
@Suite struct SetkeyDumpFormatterPolicyTests {
  static let formatter = SetkeyDumpFormatter(
    timeZone: .utc, processID: 77)

  static func policy(
    _ source: String, _ destination: String, _ direction: PolicyDirection = .out,
    _ action: PolicyAction = .ipsec
  ) -> SecurityPolicy {
    let selector = TrafficSelector(
      source: prefix(source), destination: prefix(destination))
    var policy = SecurityPolicy(selector: selector, direction: direction, action: action)
    policy.index = 9
    return policy
  }

  static func prefix(_ text: String) -> IPPrefix {
    let parts = text.split(separator: "/")
    return IPPrefix(IPAddress(String(parts[0]))!, length: parts.count > 1 ? Int(parts[1]) : nil)
  }

  static func template(
    _ proto: SecurityProtocol, _ mode: IPsecMode, _ level: PolicyLevel, reqid: UInt32 = 0,
    tunnel: (String, String)? = nil
  ) -> PolicyTemplate {
    PolicyTemplate(
      securityProtocol: proto, mode: mode, tunnelSource: tunnel.map { IPAddress($0.0)! },
      tunnelDestination: tunnel.map { IPAddress($0.1)! }, level: level, reqid: reqid)
  }

  @Test func discardPolicyHasNoTemplateLines() {
    var sp = Self.policy("10.0.0.0/8", "0.0.0.0/0", .in, .discard)
    sp.templates = [Self.template(.esp, .transport, .require)]
    let expected = """
      10.0.0.0/8[any] 0.0.0.0/0[any] 255
      \tin prio def discard
      \tcreated:                       lastused:                     
      \tlifetime: 0(s) validtime: 0(s)
      \tspid=9 seq=0 pid=77
      \trefcnt=0

      """
    #expect(Self.formatter.format(sp, sequence: 0) == expected)
  }

  @Test func nonePolicyWithIcmpTypeAndCode() {
    var sp = Self.policy("192.0.2.1", "192.0.2.2", .out, .none)
    sp.selector.upperProtocol = 1
    sp.selector.sourcePort = 8
    sp.selector.destinationPort = 0
    sp.priority = PolicyPriority.high

    let text = Self.formatter.format(sp, sequence: 2)
    #expect(text.hasPrefix("192.0.2.1 192.0.2.2 icmp 8,0\n\tout prio high none\n\tcreated: "))
    #expect(text.hasSuffix("\tspid=9 seq=2 pid=77\n\trefcnt=0\n"))
  }

  @Test(arguments: [(UInt8(58), "ipv6-icmp"), (135, "mobility-header"), (47, "gre")])
  func portlessProtocolsDropTheBrackets(number: UInt8, name: String) {
    var sp = Self.policy("2001:db8::/32", "::/0")
    sp.selector.upperProtocol = number
    let firstLine = Self.formatter.format(sp, sequence: 0).prefix { $0 != "\n" }
    #expect(firstLine == "2001:db8::/32 ::/0 \(name)")
  }

  @Test func greKeyIsPrintedAsOneNumber() {
    var sp = Self.policy("10.0.0.1", "10.0.0.2")
    sp.selector.upperProtocol = 47
    sp.selector.sourcePort = 1
    sp.selector.destinationPort = 2
    #expect(Self.formatter.format(sp, sequence: 0).hasPrefix("10.0.0.1 10.0.0.2 gre 65538\n"))
  }

  @Test func unknownProtocolPrintsItsNumber() {
    var sp = Self.policy("10.0.0.1", "10.0.0.2")
    sp.selector.upperProtocol = 253
    sp.selector.destinationPort = 7
    #expect(Self.formatter.format(sp, sequence: 0).hasPrefix("10.0.0.1[any] 10.0.0.2[7] 253\n"))
  }

  /// The `roundtrip yes` rows of corpus vector 030 and its `priority 2147483648` row.
  @Test(
    arguments: [
      (PolicyPriority.default, "in prio def ipsec"),
      (PolicyPriority.low, "in prio low ipsec"),
      (PolicyPriority.high, "in prio high ipsec"),
      (0x7fff_ffff, "in prio def + 1 ipsec"),
      (0x8000_0001, "in prio def - 1 ipsec"),
      (0xbfff_ffff, "in prio low + 1 ipsec"),
      (0xc000_0001, "in prio low - 1 ipsec"),
      (0x3fff_ffff, "in prio high + 1 ipsec"),
      (0x4000_0001, "in prio high - 1 ipsec"),
      (0, "in ipsec"),
      (0x5fff_ffff, "in prio high - 536870911 ipsec"),
      (0x6000_0000, "in prio def + 536870912 ipsec"),
      (0xa000_0000, "in prio low + 536870912 ipsec"),
      (0xffff_ffff, "in prio low - 1073741823 ipsec"),
    ] as [(UInt32, String)])
  func priorityPrintsAsIpsecToolsWroteIt(priority: UInt32, line: String) {
    var sp = Self.policy("10.0.0.1", "10.0.0.2", .in)
    sp.priority = priority
    sp.templates = [Self.template(.esp, .transport, .require)]
    #expect(Self.formatter.format(sp, sequence: 0).contains("\n\t\(line)\n\tesp/transport//"))
  }

  @Test(
    arguments: [
      (PolicyLevel.require, UInt32(0), "esp/transport//require"),
      (.default, 0, "esp/transport//require"),
      (.use, 0, "esp/transport//use"),
      (.unique(reqid: 1), 0, "esp/transport//unique:1"),
      (.unique(reqid: 0x3fff), 0, "esp/transport//unique:16383"),
      (.unique(reqid: nil), 16384, "esp/transport//unique#16384"),
      (.require, 16385, "esp/transport//unique#16385"),
      (.use, 28000, "esp/transport//unique#28000"),
    ] as [(PolicyLevel, UInt32, String)])
  func levelAndReqidPrintAsLinuxPFKeyReportedThem(
    level: PolicyLevel, reqid: UInt32, text: String
  ) {
    var sp = Self.policy("::1", "::1")
    sp.templates = [Self.template(.esp, .transport, level, reqid: reqid)]
    #expect(Self.formatter.format(sp, sequence: 0).contains("\n\t\(text)\n"))
  }

  @Test func nestedTemplatesPrintOnePerLineWithTunnelEndpoints() {
    var sp = Self.policy("2001:db8:1::/48", "2001:db8:2::/48", .fwd)
    sp.templates = [
      Self.template(.ipcomp, .tunnel, .use, tunnel: ("2001:db8::1", "2001:db8::2")),
      Self.template(.esp, .transport, .require, tunnel: ("::", "::")),
      Self.template(.ah, .tunnel, .unique(reqid: 7), tunnel: ("192.0.2.1", "192.0.2.2")),
    ]
    let expected = """
      2001:db8:1::/48[any] 2001:db8:2::/48[any] 255
      \tfwd prio def ipsec
      \tipcomp/tunnel/2001:db8::1-2001:db8::2/use
      \tesp/transport//require
      \tah/tunnel/192.0.2.1-192.0.2.2/unique:7
      \tcreated: 
      """
    #expect(Self.formatter.format(sp, sequence: 0).hasPrefix(expected))
  }

  @Test func timesLimitsInterfaceAndContextLines() {
    var sp = Self.policy("10.0.0.1", "10.0.0.2")
    var current = LifetimeCurrent()
    current.addTime = 1_796_315_980
    current.useTime = 1_796_315_990
    sp.current = current
    sp.lifetime.hardAddSeconds = 3600
    sp.lifetime.hardUseSeconds = 600
    sp.selector.interfaceIndex = 3
    sp.securityContext = SecurityContext(doi: 1, algorithm: 2, context: "ctx")

    let expected = """
      \tcreated: Dec  3 16:39:40 2026  lastused: Dec  3 16:39:50 2026
      \tlifetime: 3600(s) validtime: 600(s)
      \tifindex=3
      \tsecurity context doi: 1
      \tsecurity context algorithm: 2
      \tsecurity context length: 4
      \tsecurity context: ctx
      \tspid=9 seq=0 pid=77

      """
    #expect(Self.formatter.format(sp, sequence: 0).contains(expected))
  }

  @Test func emptyDumpMessagesMatchSetkey() {
    #expect(SetkeyDumpFormatter.noSADEntries == "No SAD entries.\n")
    #expect(SetkeyDumpFormatter.noSPDEntries == "No SPD entries.\n")
  }
}
