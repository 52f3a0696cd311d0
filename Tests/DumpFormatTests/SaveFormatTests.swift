// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

/// The save format: each entry becomes one statement that parses back, in kernel mode, to
/// the same entry; whatever has no syntax fails naming the entry.
@Suite struct SaveFormatTests {
  static let saver = SaveFormatter()

  static func parse(_ text: String) -> ParseResult {
    var options = ParseOptions()
    options.rfcMode = false
    return SetkeyParser.parse(text, file: "<test>", options: options)
  }

  @Test func everySAShapeIsSavedAsOneAddStatement() throws {
    for sa in Fixtures.associations {
      let text = try Self.saver.statement(for: sa)
      #expect(text.hasPrefix("add -n ") && text.hasSuffix(" ;\n"))
      let parsed = Self.parse(text)
      #expect(parsed.diagnostics.isEmpty)
      #expect(parsed.statements.count == 1)
    }
  }

  @Test func saExtensionsCarryWhatSetkeyCouldNotSay() throws {
    let all = Fixtures.associations
    let aead = try Self.saver.statement(for: all[1])
    #expect(aead.contains("-E aes-gcm-12 0x") && aead.contains("-r 1024"))
    #expect(aead.contains("-flags noecn,align4,esn"))
    let ah = try Self.saver.statement(for: all[2])
    #expect(ah.contains("-icv 96"))
    #expect(ah.contains("-sel 2001:db8::/64 2001:db8::2/128[443] 6"))
    let natt = try Self.saver.statement(for: all[4])
    #expect(natt.contains("10.0.0.1[4500] 10.0.0.2[4501] esp-udp 172.16.0.1 0x3000"))
    #expect(natt.contains("-lh 3600 -ls 3000 -bh 1099511627776 -bs 549755813888"))
    #expect(natt.contains("-ph 1000000 -ps 900000 -uh 600 -us 500"))
    #expect(natt.contains("-ctx 1 1 \"system_u:object_r:x\""))
  }

  @Test func policiesKeepExactPrioritiesReqidsAndZeroPorts() throws {
    let policies = Fixtures.policies
    let out = try Self.saver.statement(for: policies[0])
    #expect(out.contains("-P out prio high + 1073741824 ipsec"))
    #expect(out.contains("ipcomp/transport//use esp/transport//unique:5"))
    #expect(out.contains("ah/tunnel/192.0.2.1-192.0.2.2/require:70000"))
    let icmp = try Self.saver.statement(for: policies[1])
    #expect(icmp.contains("2001:db8::/32 ::/0 58 128,0 -dport 0 -ls 10 -ph 5 -index 4105"))
    #expect(icmp.contains("-P in prio low - 1073741823 discard"))
    let gre = try Self.saver.statement(for: policies[3])
    #expect(gre.contains(" 47 16909060 "))
    #expect(gre.contains("esp/tunnel/2001:db8::1-2001:db8::2/use:9"))
  }

  @Test func exactLevelsParseToTheReqidAsGiven() {
    let parsed = Self.parse(
      "spdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp/transport//require:99999"
        + " ah/transport//use:4 ;")
    guard case .spdAdd(let sp) = parsed.statements.first?.command else {
      Issue.record("no policy: \(parsed.diagnostics)")
      return
    }
    #expect(sp.templates.map(\.reqid) == [99999, 4])
    #expect(sp.templates.map(\.level) == [.require, .use])
  }

  @Test func unknownExtensionOptionIsStillAnError() {
    let parsed = Self.parse("add 10.0.0.1 10.0.0.2 esp 0x100 -E null -zz 1 ;")
    #expect(parsed.diagnostics.map(\.message) == ["unknown option '-zz'"])
  }

  // MARK: - Loud failures

  static func failure(_ body: () throws -> String) -> String? {
    do {
      _ = try body()
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func whatHasNoSyntaxFailsNamingTheEntry() {
    var beet = Fixtures.plainESP
    beet.mode = .beet
    #expect(
      Self.failure { try Self.saver.statement(for: beet) }
        == "cannot save SA esp 10.0.0.1 -> 10.0.0.2 spi 0x00001000: no syntax for mode 'beet'")

    var unknown = Fixtures.plainESP
    unknown.encryption = AlgorithmKey(
      Algorithm(names: ["cbc(foo)"], kind: .encryption, kernelName: "cbc(foo)", keyBits: [128]),
      key: Fixtures.key(16))
    #expect(
      Self.failure { try Self.saver.statement(for: unknown) }?
        .hasSuffix("algorithm 'cbc(foo)' has no setkey name") == true)

    let quoted = Fixtures.policies[2]
    #expect(
      Self.failure { try Self.saver.statement(for: quoted) }?
        .contains("SP fwd 0.0.0.0/0 -> 0.0.0.0/0 proto any index 0") == true)

    var beetRule = Fixtures.policies[0]
    beetRule.templates[0].mode = .beet
    #expect(
      Self.failure { try Self.saver.statement(for: beetRule) }?
        .hasSuffix("no syntax for a 'beet' template") == true)

    var blocked = Fixtures.policies[0]
    blocked.action = .discard
    #expect(Self.failure { try Self.saver.statement(for: blocked) } != nil)

    var user = Fixtures.policies[1]
    user.selector.user = 1000
    #expect(
      Self.failure { try Self.saver.statement(for: user) }?
        .hasSuffix("no syntax for a selector user (uid)") == true)
  }

  @Test func aKeyTheParserRefusesFailsInsteadOfBeingDropped() {
    var odd = Fixtures.plainESP
    odd.encryption?.key = Fixtures.key(15)
    let message = Self.failure { try Self.saver.statement(for: odd) }
    #expect(message?.hasPrefix("cannot save SA esp 10.0.0.1") == true)
    #expect(message?.contains(Fixtures.key(15).hexadecimal) == false)
  }
}
