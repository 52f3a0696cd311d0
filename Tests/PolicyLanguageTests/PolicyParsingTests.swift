// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

@Suite struct PolicyParsingTests {
  @Test func spdaddBuildsSelectorAndTemplates() throws {
    let found = policies(
      """
      spdadd fec0:0:0:1::/64 fec0:0:0:2::/64[80] tcp -P out ipsec
        esp/tunnel/fec0:0:0:1::1-fec0:0:0:2::1/require
        ah/transport//use ;
      """)
    let policy = try #require(found.first)
    #expect(found.count == 1)
    #expect(policy.selector.source == IPPrefix(ip("fec0::1:0:0:0:0"), length: 64))
    #expect(policy.selector.destinationPort == 80)
    #expect(policy.selector.sourcePort == nil)
    #expect(policy.selector.upperProtocol == 6)
    #expect(policy.direction == .out)
    #expect(policy.action == .ipsec)
    #expect(policy.priority == PolicyPriority.default)
    #expect(
      policy.templates == [
        PolicyTemplate(
          securityProtocol: .esp, mode: .tunnel, tunnelSource: ip("fec0:0:0:1::1"),
          tunnelDestination: ip("fec0:0:0:2::1"), level: .require),
        PolicyTemplate(securityProtocol: .ah, mode: .transport, level: .use),
      ])
  }

  @Test func hostsWithoutPrefixGetAFullLengthAndAnyPortsAreNil() throws {
    let policy = try #require(policies("spdadd 10.0.0.1[any] 10.0.0.2[0] any -P out none;").first)
    #expect(policy.selector.source.length == 32)
    #expect(policy.selector.sourcePort == nil)
    #expect(policy.selector.destinationPort == nil)
    #expect(policy.selector.upperProtocol == nil)
    #expect(policy.templates.isEmpty)
  }

  @Test func inPoliciesGetAForwardTwinInRFCMode() throws {
    let text = """
      spdadd ::1[9998] ::1 tcp -P in prio high ipsec
        esp/transport//unique:2 ah/transport//unique:3;
      """
    let found = policies(text)
    #expect(found.map(\.direction) == [.in, .fwd])
    let twin = try #require(found.last)
    #expect(twin.priority == PolicyPriority.high)
    #expect(twin.templates[0].level == .require)
    #expect(twin.templates[0].reqid == 0)
    #expect(twin.templates[1].level == .unique(reqid: 3))
    #expect(
      found[0].templates[0]
        == PolicyTemplate(
          securityProtocol: .esp, mode: .transport, level: .unique(reqid: 2), reqid: 2))
    #expect(policies(text, rfcMode: false).map(\.direction) == [.in])
  }

  @Test func forwardTwinsFollowDeletesToo() {
    let result = parse("spddelete 10.0.0.0/8 10.1.0.0/16 any -P in;")
    let selector = TrafficSelector(
      source: IPPrefix(ip("10.0.0.0"), length: 8), destination: IPPrefix(ip("10.1.0.0"), length: 16)
    )
    #expect(commands(result) == [.spdDelete(selector, .in), .spdDelete(selector, .fwd)])
  }

  @Test func outAndFwdPoliciesHaveNoTwin() {
    #expect(
      policies("spdadd ::1 ::2 any -P fwd prio low none; spdadd ::1 ::2 any -P out discard;")
        .map(\.direction) == [.fwd, .out])
  }

  @Test func spdupdateYieldsAnUpdate() {
    let result = parse("spdupdate 192.0.2.1 192.0.2.2 any -P out ipsec esp/transport//require;")
    guard case .spdUpdate(let policy) = result.statements.first?.command else {
      Issue.record("\(commands(result))")
      return
    }
    #expect(policy.templates.count == 1)
  }

  @Test func uniqueAboveTheManualRangeLetsTheKernelChooseWithAWarning() {
    let result = parse("spdadd ::1 ::1[9995] tcp -P out ipsec esp/transport//unique:28000 ;")
    #expect(result.diagnostics.map(\.severity) == [.warning])
    guard case .spdAdd(let policy) = result.statements.first?.command else { return }
    #expect(policy.templates[0].level == .unique(reqid: nil))
  }

  @Test func bareUniqueHasNoReqid() {
    #expect(
      policies("spdadd ::1 ::1 any -P out ipsec esp/transport//unique;").first?
        .templates.first?.level == .unique(reqid: nil))
  }

  @Test func icmpTypeAndCodeGoInThePortFields() throws {
    let policy = try #require(policies("spdadd 0.0.0.0/0 0.0.0.0/0 icmp 8,3 -P out none;").first)
    #expect(policy.selector.upperProtocol == 1)
    #expect(policy.selector.sourcePort == 8)
    #expect(policy.selector.destinationPort == 3)
  }

  @Test func icmpv6NamesAndATypeAloneWork() throws {
    let found = policies(
      """
      spdadd ::/0 ::/0 icmp6 135 -P out none;
      spdadd ::/0 ::/0 ipv6-icmp -P out none;
      """)
    #expect(found.map(\.selector.upperProtocol) == [58, 58])
    #expect(found[0].selector.sourcePort == 135)
    #expect(found[0].selector.destinationPort == nil)
  }

  @Test func greKeysSplitIntoTheTwoPortFields() throws {
    let found = policies(
      """
      spdadd 10.0.0.1 10.0.0.2 gre 1.2.3.4 -P out none;
      spdadd 10.0.0.1 10.0.0.2 gre 65537 -P out none;
      """)
    #expect(found.map(\.selector.sourcePort) == [0x0102, 1])
    #expect(found.map(\.selector.destinationPort) == [0x0304, 1])
  }

  @Test(arguments: [("udp", 17), ("50", 50), ("ipv6", 41), ("255", nil)] as [(String, UInt8?)])
  func upperLayerProtocolsByNameOrNumber(text: String, number: UInt8?) {
    #expect(policies("spdadd ::1 ::2 \(text) -P out none;").first?.selector.upperProtocol == number)
  }

  @Test func securityContextsAttachToPolicies() {
    let policy = policies(
      """
      spdadd 10.0.11.41 10.0.11.33 any
        -ctx 1 1 "system_u:system_r:unconfined_t:SystemLow-SystemHigh"
        -P out ipsec esp/transport//require ;
      """
    ).first
    #expect(
      policy?.securityContext?.context == "system_u:system_r:unconfined_t:SystemLow-SystemHigh")
  }

  @Test func bypassIsAccepted() {
    #expect(policies("spdadd ::1 ::2 any -P out bypass;").first?.action == .bypass)
  }

  @Test func rulesAfterNonIPsecActionsAreDroppedWithAWarning() {
    let result = parse("spdadd ::1 ::2 any -P out none esp/transport//require;")
    #expect(result.diagnostics.map(\.severity) == [.warning])
  }

  @Test func hostNamesWorkInPoliciesWhenTheyResolveToOneAddress() {
    #expect(
      policies("spdadd host.example.com peer.example.com any -P out none;").first?
        .selector.destination.address == ip("198.51.100.20"))
  }

  // MARK: - Vectors

  /// One row of 030: ok/ng, round-trip, policy text, expected priority.
  struct PriorityVector: CustomTestStringConvertible, Sendable {
    var ok: Bool
    var policy: String
    var priority: UInt32?
    var testDescription: String { policy }
  }

  static let priorityVectors: [PriorityVector] = Corpus.rows("030-").compactMap {
    row -> PriorityVector? in
    guard row.count >= 4, row[0] == "ok" || row[0] == "ng" else { return nil }
    let expected = row[3]
    var priority: UInt32?
    if let open = expected.firstIndex(of: "("), let close = expected.firstIndex(of: ")") {
      let hex = expected[expected.index(open, offsetBy: 3)..<close]
      priority = UInt32(hex, radix: 16)
    } else {
      priority = UInt32(expected)
    }
    return PriorityVector(ok: row[0] == "ok", policy: row[2], priority: priority)
  }

  @Test(.enabled(if: Corpus.isPresent), arguments: priorityVectors)
  func priorityVectorsEncodeLikeIPsecTools(vector: PriorityVector) {
    let result = parse("spdadd 192.0.2.1 192.0.2.2 any -P \(vector.policy) ;", rfcMode: false)
    #expect(result.hasErrors == !vector.ok, "\(result.diagnostics.map(\.description))")
    guard vector.ok, case .spdAdd(let policy) = result.statements.first?.command else { return }
    #expect(policy.priority == vector.priority)
  }

  @Test func priorityVectorsAreAllThere() {
    if Corpus.isPresent { #expect(Self.priorityVectors.count == 14) }
  }

  @Test(
    arguments: [
      ("prio def", 0x8000_0000), ("prio 0", 0x8000_0000), ("prio 1", 0x7fff_ffff),
      ("priority high + 1073741824", 0), ("prio low - 1073741823", 0xffff_ffff),
      ("prio - 2147483647", 0xffff_ffff),
    ] as [(String, UInt32)])
  func priorityLimitsReachBothEnds(spec: String, value: UInt32) {
    #expect(policies("spdadd ::1 ::2 any -P out \(spec) none;").first?.priority == value)
  }

  @Test(arguments: [
    "prio 2147483649", "prio high + 1073741825", "prio low - 1073741824", "prio - 2147483648",
    "prio medium", "prio",
  ])
  func prioritiesOutOfRangeAreErrors(spec: String) {
    #expect(parse("spdadd ::1 ::2 any -P out \(spec) none;").hasErrors)
  }

  /// One row of 029: ok/ng and a policy string (`\n`, `\t` escaped).
  struct PolicyVector: CustomTestStringConvertible, Sendable {
    var ok: Bool
    var policy: String
    var testDescription: String { policy }
  }

  /// KAME judged some strings for per-socket policies; these are what setkey on Linux
  /// does with them: `discard` and `none` are fine in the SPD, and Linux has no `entrust`.
  static let linuxVerdicts: [String: Bool] = [
    "out discard": true, "out none": true, "in entrust": false, "out entrust": false,
  ]

  static let policyVectors: [PolicyVector] = Corpus.rows("029-").compactMap {
    row -> PolicyVector? in
    guard row.count >= 2, row[0] == "ok" || row[0] == "ng" else { return nil }
    let policy = unescape(row[1])
    return PolicyVector(ok: linuxVerdicts[policy] ?? (row[0] == "ok"), policy: policy)
  }

  /// Turns the file's `\n` and `\t` back into a newline and a tab.
  static func unescape(_ text: String) -> String {
    var out = ""
    var escaped = false
    for character in text {
      if escaped {
        out.append(character == "n" ? "\n" : character == "t" ? "\t" : character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        out.append(character)
      }
    }
    return out
  }

  @Test(.enabled(if: Corpus.isPresent), arguments: policyVectors)
  func kamePolicyVectorsAreAcceptedOrRejected(vector: PolicyVector) {
    let result = parse("spdadd ::1 ::2 any -P \(vector.policy);")
    #expect(result.hasErrors == !vector.ok, "\(result.diagnostics.map(\.description))")
  }

  @Test func policyVectorsAreAllThere() {
    if Corpus.isPresent { #expect(Self.policyVectors.count == 24) }
  }
}
