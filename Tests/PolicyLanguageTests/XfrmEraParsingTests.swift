// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

/// The options PF_KEY could not express: their values, and errors placed at the token.
@Suite struct XfrmEraParsingTests {
  static let keys =
    "-E aes-cbc 0x00112233445566778899aabbccddeeff -A hmac-sha1 0x"
    + String(repeating: "ab", count: 20)

  @Test func saIdentityMarksInterfaceAndOutputMarkAreRead() throws {
    let sa = try #require(
      singleSA(
        "add 192.0.2.1 192.0.2.2 esp 0x100 -m tunnel -mark 0x10/0xff -output-mark 3 "
          + "-if-id 42 -tfcpad 512 \(Self.keys) ;"))
    #expect(sa.id.mark == Mark(0x10, mask: 0xff))
    #expect(sa.outputMark == Mark(3))
    #expect(sa.interfaceID == 42)
    #expect(sa.tfcPadding == 512)
  }

  @Test func flagWordsSetStateAndExtraFlagsAndKeepPaddingWords() throws {
    let sa = try #require(
      singleSA(
        "add 192.0.2.1 192.0.2.2 esp 0x100 -f esn -f noecn -f align4 -f dont-encap-dscp "
          + "-f oseq-may-wrap -f random-pad -r 1024 \(Self.keys) ;"))
    #expect(sa.flags == [.extendedSequenceNumbers, .noECN, .align4])
    #expect(sa.extraFlags == [.dontEncapsulateDSCP, .outputSequenceMayWrap])
    #expect(sa.setkeyExtensions == ["random-pad"])
    #expect(sa.replayWindow == 1024)
  }

  @Test func saveFormatFlagListMeansTheSameAsRepeatedF() throws {
    let listed = try #require(
      singleSA("add ::1 ::1 esp 1 -flags noecn,esn \(Self.keys) ;"))
    let repeated = try #require(singleSA("add ::1 ::1 esp 1 -f noecn -f esn \(Self.keys) ;"))
    #expect(listed == repeated)
  }

  @Test func requireWithReqidKeepsAnyNumber() throws {
    let result = parse("spdadd ::/0 ::/0 any -P out ipsec esp/transport//require:70000 ;")
    guard case .spdAdd(let sp) = commands(result).first else {
      Issue.record("expected spdadd, got \(commands(result))")
      return
    }
    #expect(sp.templates.first?.level == .require)
    #expect(sp.templates.first?.reqid == 70000)
  }

  @Test func everyLifetimeUnitHasAnOption() throws {
    let sa = try #require(
      singleSA(
        "add 192.0.2.1 192.0.2.2 esp 0x100 -lh 9 -ls 8 -bh 7 -bs 6 -ph 5 -ps 4 -uh 3 -us 2 "
          + "\(Self.keys) ;"))
    var expected = LifetimeLimits()
    (expected.hardAddSeconds, expected.softAddSeconds) = (9, 8)
    (expected.hardBytes, expected.softBytes) = (7, 6)
    (expected.hardPackets, expected.softPackets) = (5, 4)
    (expected.hardUseSeconds, expected.softUseSeconds) = (3, 2)
    #expect(sa.lifetime == expected)
  }

  @Test func icvPicksTheAEADVariantOrTruncatesTheAuthenticator() throws {
    let gcm = try #require(
      singleSA("add ::1 ::1 esp 1 -E aes-gcm-16 0x\(String(repeating: "11", count: 20)) -icv 96 ;"))
    #expect(gcm.aead?.icvBits == 96)

    let sha = try #require(
      singleSA(
        "add ::1 ::1 esp 1 -E null -A hmac-sha256 0x\(String(repeating: "22", count: 32)) "
          + "-icv 96 ;"))
    #expect(sha.authentication?.icvBits == 96)
  }

  @Test func selectorCountersAndEncapsulationAreRead() throws {
    let sa = try #require(
      singleSA(
        "add 192.0.2.1[4501] 192.0.2.2 esp 1 -f esn -seq 0x100000005 -oseq 6 "
          + "-sel 10.0.0.0/24 10.0.1.0/24[80] tcp -encap espintcp \(Self.keys) ;"))
    #expect(sa.replayCounters == ReplayCounters(inbound: 0x1_0000_0005, outbound: 6))
    #expect(sa.selector?.destinationPort == 80)
    #expect(sa.selector?.upperProtocol == 6)
    #expect(sa.selector?.source.length == 24)
    #expect(sa.encapsulation == NATEncapsulation(type: 7, sourcePort: 4501, destinationPort: 4500))
  }

  /// `[any]` is written as in a policy's selector; it is the same as no port.
  @Test func anyPortInTheSelectorIsNoPort() throws {
    let head = "add 192.0.2.1 192.0.2.2 esp 1 -sel"
    let any = try #require(singleSA("\(head) 10.0.0.0/24[any] 10.0.1.0/24 tcp \(Self.keys) ;"))
    let none = try #require(singleSA("\(head) 10.0.0.0/24 10.0.1.0/24 tcp \(Self.keys) ;"))
    #expect(any == none && any.selector?.sourcePort == nil)
  }

  @Test func nattIsFreeBSDsSpellingOfEspUDP() throws {
    let natt = try #require(singleSA("add 192.0.2.1 192.0.2.2 esp 1 -natt \(Self.keys) ;"))
    let udp = try #require(singleSA("add 192.0.2.1 192.0.2.2 esp-udp 1 \(Self.keys) ;"))
    #expect(natt == udp)
  }

  @Test func offloadNamesDeviceDirectionAndKind() throws {
    let sa = try #require(
      singleSA("add ::1 ::1 esp 1 -offload eth0 in packet \(Self.keys) ;"))
    #expect(sa.offload == HardwareOffload(device: "eth0", isInbound: true, isPacketOffload: true))
  }

  @Test func getAndDeleteCarryTheMark() {
    let result = parse("delete 192.0.2.1 192.0.2.2 esp 1 -mark 7 ; get ::1 ::1 ah 2 -mark 1/1 ;")
    guard case .delete(let deleted) = commands(result).first,
      case .get(let got) = commands(result).last
    else {
      Issue.record("expected delete and get, got \(commands(result))")
      return
    }
    #expect(deleted.mark == Mark(7))
    #expect(got.mark == Mark(1, mask: 1))
  }

  // MARK: - SA errors

  @Test func saOptionErrorsPointAtTheOffendingToken() {
    let found = expectErrors(
      """
      add ::1 ::1 esp 1 -r ‸5000 \(Self.keys) ;
      add ::1 ::1 ipcomp 1 -r ‸64 -C deflate ;
      add ::1 ::1 esp 1 -oseq ‸0x100000000 \(Self.keys) ;
      add ::1 ::1 esp 1 ‸-tfcpad 16 \(Self.keys) ;
      add ::1 ::1 ah 1 ‸-natt -A hmac-sha1 0x\(String(repeating: "ab", count: 20)) ;
      add ::1 ::1 esp 1 -E aes-gcm-16 0x\(String(repeating: "11", count: 20)) -icv ‸100 ;
      add ::1 ::1 esp 1 -E aes-cbc 0x00112233445566778899aabbccddeeff -icv ‸96 ;
      add ::1 ::1 esp 1 -mark 0x1/‸zz \(Self.keys) ;
      add ::1 ::1 esp 1 -f ‸esn2 \(Self.keys) ;
      add ::1 ::1 esp 1 -encap ‸espinsctp \(Self.keys) ;
      delete ::1 ::1 esp 1 ‸-if-id 3 ;
      add ::1 ::1 esp 1 ‸-dir out \(Self.keys) ;
      """)
    #expect(found.count == 12)
    #expect(found.last?.message.contains("XFRMA_SA_DIR, Linux 6.10") == true)
    #expect(found.first?.message.contains("at most 4096 packets") == true)
    #expect(found.dropFirst(2).first?.message.contains("add '-f esn'") == true)
    #expect(found.dropFirst(5).first?.message.contains("64, 96, 128 bits") == true)
  }

  // MARK: - Policies

  @Test func policyOptionsAndTemplateExtrasAreRead() throws {
    let result = parse(
      "spdadd 10.0.0.0/24 10.0.1.0/24 any -mark 5/0xff -if-id 9 -type sub -f localok "
        + "-f icmp -lh 100 -us 30 -ph 1000 -index 0x101 -P out ipsec "
        + "esp/transport//use:5/spi:0x100/ealgos:0xff ;")
    #expect(errors(result).isEmpty, "\(result.diagnostics)")
    guard case .spdAdd(let sp) = commands(result).first else {
      Issue.record("expected spdadd, got \(commands(result))")
      return
    }
    #expect(sp.mark == Mark(5, mask: 0xff))
    #expect(sp.interfaceID == 9)
    #expect(sp.type == .sub)
    #expect(sp.flags == [.localOK, .icmp])
    #expect(sp.index == 0x101)
    #expect(sp.lifetime.hardAddSeconds == 100)
    #expect(sp.lifetime.softUseSeconds == 30)
    #expect(sp.lifetime.hardPackets == 1000)
    let template = try #require(sp.templates.first)
    #expect(template.level == .use)
    #expect(template.reqid == 5)
    #expect(template.spi == 0x100)
    #expect(template.encryptionAlgorithms == 0xff)
    #expect(template.authenticationAlgorithms == .max)
  }

  @Test func spddeleteWithIdentityFieldsNamesThemAndItsTwinDropsTheIndex() {
    let result = parse(
      "spddelete 10.0.0.0/24 10.0.1.0/24 any -mark 5 -if-id 9 -index 0x100 -P in ;")
    guard case .spdDeleteMatching(let inbound) = commands(result).first,
      case .spdDeleteMatching(let forward) = commands(result).last
    else {
      Issue.record("expected two exact deletes, got \(commands(result))")
      return
    }
    #expect(inbound.mark == Mark(5))
    #expect(inbound.interfaceID == 9)
    #expect(inbound.index == 0x100)
    #expect(forward.direction == .fwd)
    #expect(forward.index == 0)
    #expect(forward.mark == Mark(5))
  }

  @Test func plainSpddeleteStaysTheSetkeyCommand() {
    let result = parse("spddelete 10.0.0.0/24 10.0.1.0/24 any -P out ;")
    guard case .spdDelete = commands(result).first else {
      Issue.record("expected spdDelete, got \(commands(result))")
      return
    }
  }

  @Test func spdgetNamesOnePolicyWithoutATwin() {
    let result = parse("spdget 10.0.0.0/24 10.0.1.0/24 any -type sub -P in ;")
    #expect(commands(result).count == 1)
    guard case .spdGet(let identity) = commands(result).first else {
      Issue.record("expected spdget, got \(commands(result))")
      return
    }
    #expect(identity.type == .sub)
    #expect(identity.direction == .in)
  }

  @Test func policyOptionErrorsPointAtTheOffendingToken() {
    let found = expectErrors(
      """
      spdadd ::/0 ::/0 any -type ‸main2 -P out none ;
      spdadd ::/0 ::/0 any -f ‸nocheck -P out none ;
      spddelete ::/0 ::/0 any ‸-lh 5 -P out ;
      spdadd ::/0 ::/0 any -P out ipsec esp/transport//require/‸spy:1 ;
      spdadd ::/0 ::/0 any -mark 1 ‸-mark 2 -P out none ;
      """)
    #expect(found.count == 5)
    let warned = parse("spdadd ::/0 ::/0 any -index 0x100 -P out none ;").diagnostics
    #expect(warned.first?.severity == .warning)
    #expect(warned.first?.message.contains("low 3 bits to be 1") == true)
  }

  // MARK: - Global statements

  @Test func globalStatementsShowWhenBareAndSetWithArguments() {
    let result = parse(
      "spddefault ; spddefault in discard out accept ; spdinfo ; "
        + "spdinfo hthresh6 64 48 ; sadinfo ;")
    #expect(
      commands(result) == [
        .spdDefaultGet,
        .spdDefaultSet(DefaultPolicies(inbound: .discard, outbound: PolicyAction.none)),
        .spdInfo,
        .spdSetHashThresholds(SPDHashThresholds(ipv6: HashThreshold(local: 64, remote: 48))),
        .sadInfo,
      ])
  }

  @Test func globalStatementErrorsPointAtTheOffendingToken() {
    let found = expectErrors(
      """
      spddefault ‸up discard ;
      spddefault in ‸allow ;
      spddefault in none ‸in none ;
      spdinfo hthresh4 ‸33 32 ;
      spdinfo ‸hthresh 1 1 ;
      sadinfo ‸now ;
      """)
    #expect(found.count == 6)
    #expect(found.dropFirst(3).first?.message.contains("at most 32") == true)
  }
}
