// SPDX-License-Identifier: Apache-2.0
import Foundation
import IPsecModel
import PolicyLanguage
import Testing

/// Entries Linux setkey printed in layouts the corpus does not hold (AH, IPComp, NAT-T,
/// discard, long keys) and the lines only xfrm has. Expected text follows ipsec-tools'
/// pfkey_dump layout field by field.
@Suite struct SetkeyDumpFormatterTests {
  /// 2026-12-03 16:39:40 UTC.
  static let added: UInt64 = 1_796_315_980

  /// Ten seconds after `added`, UTC, pid 4242.
  static let formatter = SetkeyDumpFormatter(
    now: { Int64(added + 10) },
    timeZone: .utc, processID: 4242)

  /// The lifetime block of an SA added at `added`, never used, without limits.
  static let lifetimeBlock = """
    \tcreated: Dec  3 16:39:40 2026\tcurrent: Dec  3 16:39:50 2026
    \tdiff: 10(s)\thard: 0(s)\tsoft: 0(s)
    \tlast:                     \thard: 0(s)\tsoft: 0(s)
    \tcurrent: 0(bytes)\thard: 0(bytes)\tsoft: 0(bytes)
    \tallocated: 0\thard: 0\tsoft: 0

    """

  static func address(_ text: String) -> IPAddress { IPAddress(text)! }

  static func algorithm(_ name: String, _ kinds: [Algorithm.Kind]) -> Algorithm {
    AlgorithmCatalogue.lookup(setkeyName: name, option: kinds)!
  }

  static func sa(
    _ proto: SecurityProtocol, _ source: String = "10.0.0.1", _ destination: String = "10.0.0.2",
    spi: UInt32 = 0x1234
  ) -> SecurityAssociation {
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: address(source), destination: address(destination), securityProtocol: proto,
        spi: spi))
    sa.mode = .transport
    var current = LifetimeCurrent()
    current.addTime = added
    sa.current = current
    return sa
  }

  // MARK: - SAD

  @Test func ahTunnelPrintsOnlyTheAuthenticationLine() {
    var sa = Self.sa(.ah)
    sa.mode = .tunnel
    sa.reqid = 5
    sa.replayWindow = 4
    sa.authentication = AlgorithmKey(
      Self.algorithm("hmac-sha1", [.authentication]), key: Key(Array(repeating: 0xab, count: 20)))
    sa.encryption = AlgorithmKey(Self.algorithm("aes-cbc", [.encryption]), key: Key([1, 2]))

    let expected = """
      10.0.0.1 10.0.0.2 
      \tah mode=tunnel spi=4660(0x00001234) reqid=5(0x00000005)
      \tA: hmac-sha1  abababab abababab abababab abababab abababab
      \tseq=0x00000000 replay=4 flags=0x00000000 state=mature 

      """ + Self.lifetimeBlock + "\tsadb_seq=3 pid=4242 refcnt=0\n"
    #expect(Self.formatter.format(sa, sequence: 3) == expected)
  }

  @Test func ipcompKeepsSetkeysUnterminatedCompressionLine() {
    var sa = Self.sa(.ipcomp, spi: 0x4001)
    sa.compression = AlgorithmKey(Self.algorithm("deflate", [.compression]), key: Key([]))

    let expected = """
      10.0.0.1 10.0.0.2 
      \tipcomp mode=transport spi=16385(0x00004001) reqid=0(0x00000000)
      \tC: deflate \tseq=0x00000000 replay=0 flags=0x00000000 state=mature 

      """ + Self.lifetimeBlock + "\tsadb_seq=0 pid=4242 refcnt=0\n"
    #expect(Self.formatter.format(sa, sequence: 0) == expected)
  }

  @Test func keysLongerThan32BytesWrapOntoASpaceIndentedLine() {
    var sa = Self.sa(.esp, "2001:db8::1", "2001:db8::2")
    sa.encryption = AlgorithmKey(
      Self.algorithm("blowfish-cbc", [.encryption]), key: Key(Array(0..<56)))
    sa.authentication = AlgorithmKey(
      Self.algorithm("hmac-sha512", [.authentication]), key: Key(Array(repeating: 0x11, count: 64)))

    let text = Self.formatter.format(sa, sequence: 0)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "2001:db8::1 2001:db8::2 ")
    #expect(
      lines[2] == "\tE: blowfish-cbc  00010203 04050607 08090a0b 0c0d0e0f 10111213 14151617 "
        + "18191a1b 1c1d1e1f")
    #expect(lines[3] == " 20212223 24252627 28292a2b 2c2d2e2f 30313233 34353637")
    let words = Array(repeating: "11111111", count: 8).joined(separator: " ")
    #expect(lines[4] == "\tA: hmac-sha512  " + words)
    #expect(lines[5] == " " + words)
    #expect(lines[6].hasPrefix("\tseq="))
  }

  @Test func hiddenKeysPrintOneFixedMask() {
    var sa = Self.sa(.esp)
    sa.encryption = AlgorithmKey(
      Self.algorithm("aes-cbc", [.encryption]), key: Key(Array(repeating: 0x5a, count: 32)))
    sa.authentication = AlgorithmKey(
      Self.algorithm("hmac-sha1", [.authentication]), key: Key(Array(repeating: 0x5a, count: 20)))
    let hiding = SetkeyDumpFormatter(showKeys: false, timeZone: .utc)

    let text = hiding.format(sa, sequence: 0)
    #expect(text.contains("\tE: aes-cbc  <hidden>\n"))
    #expect(text.contains("\tA: hmac-sha1  <hidden>\n"))
    #expect(!text.contains("5a5a"))
  }

  @Test func nullAlgorithmsAreNamedWithoutKeyWords() {
    var sa = Self.sa(.esp)
    sa.encryption = AlgorithmKey(Self.algorithm("null", [.encryption]), key: Key([]))
    sa.authentication = AlgorithmKey(Self.algorithm("null", [.authentication]), key: Key([]))

    let text = Self.formatter.format(sa, sequence: 0)
    #expect(text.contains("\tE: null \n\tA: null \n\tseq="))
  }

  @Test func aeadPrintsItsFreeBSDNameChosenByICV() {
    var sa = Self.sa(.esp)
    let gcm = Self.algorithm("aes-gcm-16", [.aead])
    sa.aead = AlgorithmKey(gcm, key: Key(Array(repeating: 0, count: 20)), icvBits: 96)

    let text = Self.formatter.format(sa, sequence: 0)
    #expect(text.contains("\tE: aes-gcm-12  00000000 00000000 00000000 00000000 00000000\n"))
    #expect(!text.contains("icv:"))
  }

  @Test func unusualICVLengthsGetAnICVLine() {
    var sa = Self.sa(.esp)
    let chacha = Self.algorithm("chacha20-poly1305", [.aead])
    sa.aead = AlgorithmKey(chacha, key: Key(Array(repeating: 0, count: 36)), icvBits: 64)
    sa.authentication = nil

    let text = Self.formatter.format(sa, sequence: 0)
    #expect(text.contains("00000000\n\ticv: 64(bits)\n\tseq="))
  }

  @Test(arguments: [(96, false, true), (128, false, false), (96, true, false), (128, true, true)])
  func sha2ICVLineDependsOnTheLinuxTruncationSetting(bits: Int, linux96: Bool, shown: Bool) {
    var sa = Self.sa(.esp)
    sa.authentication = AlgorithmKey(
      Self.algorithm("hmac-sha256", [.authentication]), key: Key(Array(repeating: 1, count: 32)),
      icvBits: bits)
    let formatter = SetkeyDumpFormatter(sha2ICVIs96Bits: linux96)

    let text = formatter.format(sa, sequence: 0)
    #expect(text.contains("\ticv: \(bits)(bits)\n") == shown)
  }

  @Test func natTraversalUsesSetkeysEspUdpForm() {
    var sa = Self.sa(.esp)
    sa.encapsulation = NATEncapsulation(
      sourcePort: 4500, destinationPort: 4501, originalAddress: Self.address("192.0.2.7"))

    let text = Self.formatter.format(sa, sequence: 0)
    #expect(text.hasPrefix("10.0.0.1[4500] 10.0.0.2[4501] \n\tesp-udp mode=transport "))
    #expect(text.contains("reqid=0(0x00000000)\n\tNAT OA=192.0.2.7\n"))
    #expect(!text.contains("encap:"))
  }

  @Test func otherEncapsulationTypesAreNamed() {
    var sa = Self.sa(.ah)
    sa.encapsulation = NATEncapsulation(type: 1, sourcePort: 500, destinationPort: 500)

    let text = Self.formatter.format(sa, sequence: 0)
    #expect(text.contains("\tnatt+ah mode=transport "))
    #expect(text.contains("state=mature \n\tencap: type=1\n\tcreated: "))
  }

  @Test func flagsSplitBetweenPFKeyBitsAndAnXfrmFlagsLine() {
    var sa = Self.sa(.esp)
    sa.flags = [.noECN, .noPMTUDiscovery, .extendedSequenceNumbers, .addressFamilyUnspecified]

    let text = Self.formatter.format(sa, sequence: 0)
    #expect(text.contains("flags=0xa0000000 state=mature \n\txfrm-flags: af-unspec esn\n"))
  }

  @Test func narrowSASelectorAndNonZeroStatisticsGetTheirLines() {
    var sa = Self.sa(.esp)
    sa.selector = TrafficSelector(
      source: IPPrefix(Self.address("10.1.0.0"), length: 16),
      destination: IPPrefix(Self.address("10.2.0.0"), length: 16), destinationPort: 443,
      upperProtocol: 6)
    var stats = StateStatistics()
    stats.integrityFailed = 3
    sa.statistics = stats

    let text = Self.formatter.format(sa, sequence: 0)
    #expect(text.contains("\tsel: 10.1.0.0/16[any] 10.2.0.0/16[443] tcp\n"))
    #expect(text.contains("\tstats: replay-window=0 replay=0 failed=3\n"))
  }

  @Test func countersAndLimitsFillTheLifetimeBlock() {
    var sa = Self.sa(.esp)
    var current = LifetimeCurrent()
    current.addTime = Self.added
    current.useTime = Self.added + 5
    current.bytes = 304
    current.packets = 2
    sa.current = current
    sa.lifetime.hardAddSeconds = 100
    sa.lifetime.softAddSeconds = 80
    sa.lifetime.hardBytes = 5000
    sa.lifetime.softPackets = 7

    let text = Self.formatter.format(sa, sequence: 0)
    #expect(text.contains("\tdiff: 10(s)\thard: 100(s)\tsoft: 80(s)\n"))
    #expect(text.contains("\tlast: Dec  3 16:39:45 2026\thard: 0(s)\tsoft: 0(s)\n"))
    #expect(text.contains("\tcurrent: 304(bytes)\thard: 5000(bytes)\tsoft: 0(bytes)\n"))
    #expect(text.contains("\tallocated: 2\thard: 0\tsoft: 7\n"))
  }

  @Test func timesFollowTheConfiguredZone() {
    let tokyo = SetkeyDumpFormatter(
      now: { Int64(Self.added) },
      timeZone: .fixed(9 * 3600))
    let text = tokyo.format(Self.sa(.esp), sequence: 0)
    #expect(text.contains("\tcreated: Dec  4 01:39:40 2026\tcurrent: Dec  4 01:39:40 2026\n"))
  }

  @Test func securityContextUsesSetkeysFourLines() {
    var sa = Self.sa(.esp)
    sa.securityContext = SecurityContext(doi: 1, algorithm: 1, context: "system_u:object_r:t")

    let text = Self.formatter.format(sa, sequence: 0)
    let lines = """
      \tsecurity context doi: 1
      \tsecurity context algorithm: 1
      \tsecurity context length: 20
      \tsecurity context: system_u:object_r:t
      \tsadb_seq=0
      """
    #expect(text.contains(lines))
  }

  @Test func dumpSequencesCountUpAndEndWithZero() {
    let numbers = (0..<4).map { SetkeyDumpFormatter.dumpSequence(ofEntry: $0, count: 4) }
    #expect(numbers == [1, 2, 3, 0])
    #expect(SetkeyDumpFormatter.dumpSequence(ofEntry: 0, count: 1) == 0)
  }

  /// `current:` comes from `time(2)`, as setkey read it: whole seconds, never a
  /// `clock_gettime` system call per entry where the vDSO cannot read the clock source.
  @Test func defaultClockIsTheSystemTimeInWholeSeconds() {
    let before = time(nil)
    let seconds = SetkeyDumpFormatter().now()
    let after = time(nil)
    #expect(Int64(before) <= seconds && seconds <= Int64(after))
  }
}
