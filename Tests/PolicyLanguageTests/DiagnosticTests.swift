// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

@Suite struct DiagnosticTests {
  @Test func descriptionReadsLikeACompilerDiagnostic() {
    let found = expectErrors("‸bogus;")
    #expect(
      found.first?.description.hasPrefix("test.conf:1:1: error: unknown command 'bogus'") == true)
  }

  @Test func aBackslashContinuationIsAnErrorWithAHintAndParsingGoesOn() {
    let found = expectErrors(
      """
      flush;
      add 10.0.0.1 10.0.3.2 esp 0x1565785 -m tunnel ‸\\
          -E aes-cbc 0x0123456789abcdef0123456789abcdef ;
      spdadd 10.0.0.1 10.0.3.2 any -P out ipsec ‸\\
          esp/tunnel/10.0.0.1-10.0.3.2/require;
      spdflush;
      """)
    #expect(found.first?.message.contains("remove the backslash") == true)
    let result = parse("flush;\nadd 1.1.1.1 \\\n 2.2.2.2 ah 1 -A null;\nspdflush;")
    #expect(commands(result) == [.flush(nil), .spdFlush])
  }

  @Test func everyBrokenStatementIsReportedNotOnlyTheFirst() {
    let found = expectErrors(
      """
      ‸+flush;
      ‸+spdflush;
      spddump;
      add 192.0.2.1 192.0.2.2 esp 1 -E ‸rc5-cbc "kamekame";
      add 192.0.2.1 192.0.2.2 ‸ah-old 2 -A keyed-md5 "this is the test";
      """)
    #expect(
      found.map(\.message) == [
        "unexpected character '+'", "unexpected character '+'",
        "'rc5-cbc' is not supported by the Linux kernel",
        "'ah-old' is not supported by the Linux kernel",
      ])
  }

  @Test func helpInAFileSaysWhereHelpWorks() {
    let found = expectErrors("‸help ;")
    let message = found.first?.message ?? ""
    #expect(message.hasPrefix("'help' is not a statement: it works in the shell"), "\(message)")
  }

  @Test func entrustIsNamedOnce() {
    let found = expectErrors("spdadd ::1 ::2 any -P out ‸entrust;")
    #expect(
      found.first?.message
        == "policy action 'entrust' (defer to the system default) is not supported by the "
        + "Linux kernel")
  }

  @Test func keyLengthsAreCheckedAtTheKeyAndNeverShowIt() {
    let found = expectErrors("add ::1 ::1 esp 1 -E aes-cbc ‸\"secretsecret\" ;")
    #expect(found.first?.message == "'aes-cbc' needs a key of 128, 192 or 256 bits, not 96 bits")
    #expect(found.first?.description.contains("secret") == false)
  }

  @Test func rangesOfKeyLengthsAreSummarised() {
    let found = expectErrors("add ::1 ::1 esp 1 -E blowfish-cbc ‸0x1122 ;")
    #expect(
      found.first?.message
        == "'blowfish-cbc' needs a key of 40 to 448 bits in steps of 8, not 16 bits")
  }

  @Test func unknownAlgorithmsListTheChoices() {
    let found = expectErrors("add ::1 ::1 ah 1 -A ‸hmac-sha3 0x11 ;")
    #expect(found.first?.message.contains("hmac-sha256") == true)
    #expect(found.first?.message.contains("keyed-md5") == false)
  }

  @Test func badKeysAreLocated() {
    expectErrors(
      """
      add ::1 ::1 esp 1 -E des-cbc ‸0xzz112233445566 ;
      add ::1 ::1 esp 2 -E des-cbc ‸12345678 ;
      add ::1 ::1 esp 3 -E des-cbc ‸;
      """)
  }

  @Test func algorithmsMustFitTheProtocol() {
    let found = expectErrors(
      """
      add ::1 ::1 ‸esp 1 -A hmac-md5 "1234123412341234" ;
      add ::1 ::1 esp 1 -E aes-gcm-16 0x3ffe050148193ffe050148193ffe050148193ffe ‸-A null ;
      add ::1 ::1 ah 1 ‸-E null -A null ;
      add ::1 ::1 ‸ipcomp 1 ;
      add ::1 ::1 ipcomp ‸65536 -C deflate ;
      add ::1 ::1 ‸ah 1 ;
      add 10.1.10.34 10.1.10.36 ‸tcp 0x1000 -A tcp-md5 "TCP-MD5 BGP secret" ;
      """)
    #expect(found[0].message.contains("'-E null'"))
    #expect(
      found[6].message == "TCP-MD5 signature SAs ('tcp') are not supported by the Linux kernel")
  }

  @Test func optionsAreCheckedOneByOne() {
    expectErrors(
      """
      add ::1 ::1 esp 1 ‸-Q 1 -E null ;
      add ::1 ::1 esp 1 -m ‸beet -E null ;
      add ::1 ::1 esp 1 -f ‸no-pad -E null ;
      add ::1 ::1 esp 1 -E null ‸-E null ;
      add ::1 ::1 esp 1 -u ‸4294967296 -E null ;
      get ::1 ::1 esp 1 ‸-E null ;
      add ::1 ::1 esp ‸-E null ;
      """)
  }

  @Test func resolutionFailuresAreLocatedAtTheName() {
    let found = expectErrors(
      """
      spdadd ‸IPSNET_Propria IPSNET_Outra any -P out ipsec
      esp/tunnel/IPO_Proprio-IPO_Outro/require;
      add 192.0.2.1 ‸nowhere.example.com esp 1 -E null ;
      """)
    #expect(found.first?.message == "cannot resolve 'IPSNET_Propria': name or service not known")
  }

  @Test func numericOnlyAndFamilyFlagsAreEnforced() {
    expectErrors(
      """
      add -n ‸host.example.com 192.0.2.2 esp 1 -E null ;
      add -6 ‸192.0.2.1 192.0.2.2 esp 1 -E null ;
      add -4 ‸v6only.example.com 192.0.2.2 esp 1 -E null ;
      add 192.0.2.1 ‸2001:db8::1 esp 1 -E null ;
      """)
  }

  @Test func policiesNeedExactlyOneAddressPerSide() {
    let found = expectErrors(
      """
      spdadd ‸two.example.com 192.0.2.1 any -P out none;
      spdadd 192.0.2.1 ‸2001:db8::1 any -P out none;
      spdadd 192.0.2.1/‸33 192.0.2.2 any -P out none;
      """)
    #expect(
      found[0].message == "'two.example.com' resolves to 2 addresses; a policy needs exactly one")
  }

  @Test func policyErrorsPointIntoThePolicyText() {
    expectErrors(
      """
      spdadd ::1 ::2 any -P ‸sideways ipsec;
      spdadd ::1 ::2 any -P out ‸allow;
      spdadd ::1 ::2 any -P out ipsec esp/‸use;
      spdadd ::1 ::2 any -P out ipsec ‸esp;
      spdadd ::1 ::2 any -P out ipsec esp/‸tunnel/ require;
      spdadd ::1 ::2 any -P out ipsec esp/tunnel/10.0.0.1-‸::2/require;
      spdadd ::1 ::2 any -P out ipsec esp/transport//‸sometimes;
      spdadd ::1 ::2 any -P out ipsec esp/tunnel/‸gw.example.com-::2/require;
      spdadd ::1 ::2 any -P out prio low - ‸-1 ipsec;
      spdadd ::1 ::2 any -P out prio low + ‸high ipsec;
      spdadd ::1 ::2 any -P out ‸entrust;
      spdadd ::1 ::2 any -P ‸;
      spdadd ::1 ::2 any ‸;
      spdadd ::1 ::2 ‸nosuchproto -P out none;
      spdadd ::1 ::2 tcp ‸8,0 -P out none;
      spdadd ::1 ::2 icmp6 ‸echo -P out none;
      spdadd ‸tagged "t" -P out none;
      """)
  }

  @Test func icmpProtocolsMustMatchTheAddressFamily() {
    let found = expectErrors(
      """
      spdadd 10.0.0.1 10.0.0.2 ‸icmp6 -P out none;
      spdadd ::1 ::2 ‸icmp 8 -P out none;
      spdadd 10.0.0.0/8 10.0.0.2 ‸58 -P out none;
      spddelete ::1 ::2 ‸1 -P out;
      """)
    #expect(
      found.prefix(2).map(\.message) == [
        "'icmp6' is an IPv6 protocol, but the addresses are IPv4",
        "'icmp' is an IPv4 protocol, but the addresses are IPv6",
      ])
    #expect(!parse("spdadd 10.0.0.1 10.0.0.2 icmp 8 -P out none;").hasErrors)
    #expect(!parse("spdadd ::1 ::2 icmp6 135 -P out none;").hasErrors)
  }

  @Test func anSAWithSPIZeroIsRefusedAtTheSPI() {
    let found = expectErrors(
      """
      add 10.0.0.1 10.0.0.2 esp ‸0 -E null ;
      update 10.0.0.1 10.0.0.2 ah ‸0x0 -A hmac-md5 0x00112233445566778899aabbccddeeff ;
      """)
    #expect(found.first?.message == "invalid SPI '0': the kernel refuses an SA with SPI 0")
    #expect(!parse("add 10.0.0.1 10.0.0.2 esp 1 -E null ;").hasErrors)
  }

  @Test func spddeleteMayNameOnlyADirectionButSpdaddMayNot() {
    #expect(!parse("spddelete ::1 ::2 any -P out;").hasErrors)
    expectErrors("spdadd ::1 ::2 any -P out‸;")
  }

  @Test func unterminatedStatementsAndStringsAreErrors() {
    expectErrors("flush;\nspdflush‸")
    expectErrors("add ::1 ::1 esp 1 -E des-cbc ‸\"kamekame ;\nflush;")
  }

  @Test func columnsCountBytesAfterTabs() {
    let found = expectErrors("\tspdadd ::1 ::2 any -P out ipsec\n\t\tesp/‸bogus;")
    #expect(found.first?.location.column == 7)
  }
}

@Suite struct DiagnosticRenderingTests {
  @Test func renderingShowsTheLineAndACaretThatKeepsTabs() throws {
    let text = "flush;\n\t-E ‸rc5-cbc \"kamekame\" ;"
    let (source, locations) = markers(text)
    let diagnostic = Diagnostic("x", at: try #require(locations.first))
    #expect(
      diagnostic.rendered(in: source) == """
        test.conf:2:5: error: x
        \t-E rc5-cbc "kamekame" ;
        \t   ^
        """)
  }

  @Test func renderingFallsBackToTheDescriptionOutsideTheText() {
    let diagnostic = Diagnostic("x", at: .init(file: "f", line: 9, column: 1))
    #expect(diagnostic.rendered(in: "flush;") == "f:9:1: error: x")
  }

  @Test func rawCPIOnlyAppliesToIPcomp() {
    expectErrors("add ::1 ::1 esp 1 -E null ‸-R ;")
  }
}
