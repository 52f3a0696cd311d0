// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

@Suite struct SecurityAssociationParsingTests {
  @Test func addCarriesEveryOption() throws {
    let sa = try #require(
      singleSA(
        """
        add 192.0.2.1 192.0.2.2 esp 0x10001 -m tunnel -r 32 -u 7 -f random-pad
          -lh 100 -ls 80 -bh 2000 -bs 1000 -ctx 1 2 "system_u:object_r:x"
          -E aes-cbc 0x00112233445566778899aabbccddeeff -A hmac-sha1 "01234567890123456789" ;
        """))
    #expect(
      sa.id
        == SecurityAssociationID(
          source: ip("192.0.2.1"), destination: ip("192.0.2.2"), securityProtocol: .esp,
          spi: 0x10001))
    #expect(sa.mode == .tunnel)
    #expect(sa.replayWindow == 32)
    #expect(sa.reqid == 7)
    #expect(sa.setkeyExtensions == ["random-pad"])
    #expect(sa.lifetime.hardAddSeconds == 100)
    #expect(sa.lifetime.softAddSeconds == 80)
    #expect(sa.lifetime.hardBytes == 2000)
    #expect(sa.lifetime.softBytes == 1000)
    #expect(
      sa.securityContext == SecurityContext(doi: 1, algorithm: 2, context: "system_u:object_r:x"))
    #expect(sa.encryption?.algorithm.kernelName == "cbc(aes)")
    #expect(sa.encryption?.key.bytes.first == 0x00)
    #expect(sa.encryption?.key.bitCount == 128)
    #expect(sa.authentication?.algorithm.kernelName == "hmac(sha1)")
    #expect(sa.authentication?.key.bytes == Array("01234567890123456789".utf8))
    #expect(sa.authentication?.icvBits == 96)
  }

  @Test func modeDefaultsToAnyAndDecimalSPIsWork() throws {
    let sa = try #require(singleSA("add ::1 ::1 esp 123457 -E des-cbc 0x3ffe05014819ffff ;"))
    #expect(sa.mode == .any)
    #expect(sa.id.spi == 123_457)
    #expect(sa.id.source.family == .ipv6)
  }

  @Test func updateYieldsAnUpdate() {
    let result = parse("update 192.0.2.1 192.0.2.2 ah 300 -A hmac-md5 \"1234123412341234\";")
    guard case .update(let sa) = result.statements.first?.command else {
      Issue.record("\(commands(result))")
      return
    }
    #expect(sa.id.securityProtocol == .ah)
  }

  @Test func oddLengthHexKeysGetALeadingZeroNibble() throws {
    let sa = try #require(
      singleSA("add ::1 ::1 esp 1 -E null -A hmac-md5 0xabc0112233445566778899aabbccdde ;"))
    #expect(sa.authentication?.key.bytes.prefix(2) == [0x0a, 0xbc])
    #expect(sa.authentication?.key.bitCount == 128)
  }

  @Test func aeadAlgorithmsGoInTheAEADFieldWithNoAuthentication() throws {
    let sa = try #require(
      singleSA(
        "add 10.1.1.1 20.1.1.1 esp 9876 -E aes-gcm-16 0x3ffe050148193ffe050148193ffe050148193ffe ;")
    )
    #expect(sa.aead?.algorithm.kernelName == "rfc4106(gcm(aes))")
    #expect(sa.aead?.icvBits == 128)
    #expect(sa.encryption == nil)
    #expect(sa.authentication == nil)
  }

  @Test func freeBSDNamesAreAliases() throws {
    let sa = try #require(
      singleSA(
        """
        add 192.0.2.1 192.0.2.2 esp 1 -E rijndael-cbc 0xffffffffffffffffffffffffffffffff
          -A hmac-sha2-256 "12345678901234567890123456789012";
        """))
    #expect(sa.encryption?.algorithm.name == "aes-cbc")
    #expect(sa.authentication?.algorithm.name == "hmac-sha256")
  }

  @Test func sha2UsesRFCLengthsUnlessTruncationIsAsked() throws {
    let text = "add ::1 ::1 esp 1 -E null -A hmac-sha512 0x\(String(repeating: "ab", count: 64));"
    let rfc = try #require(singleSA(text))
    #expect(rfc.authentication?.icvBits == 256)
    let linux = try #require(singleSA(text, sha2TruncationBits: 96))
    #expect(linux.authentication?.icvBits == 96)
  }

  @Test func truncationLeavesOtherAuthenticatorsAlone() throws {
    let sa = try #require(
      singleSA(
        "add ::1 ::1 ah 1 -A aes-xcbc-mac 0x00112233445566778899aabbccddeeff ;",
        sha2TruncationBits: 96))
    #expect(sa.authentication?.icvBits == 96)
    #expect(sa.authentication?.algorithm.kernelName == "xcbc(aes)")
  }

  @Test func ipcompTakesAnAlgorithmWithoutKeyAndTheRawCPIFlag() throws {
    let sa = try #require(singleSA("add ::1 ::1 ipcomp 30001 -C deflate -R ;"))
    #expect(sa.compression?.algorithm.kernelName == "deflate")
    #expect(sa.compression?.key.bytes == [])
    #expect(sa.setkeyExtensions == ["raw-cpi"])
  }

  @Test func espUDPTakesItsPortsFromTheAddresses() throws {
    let sa = try #require(
      singleSA(
        "add 192.0.2.1 [4500] 198.51.100.2 [31000] esp-udp 10000 -E null -A null ;"))
    #expect(sa.id.securityProtocol == .esp)
    #expect(sa.encapsulation == NATEncapsulation(sourcePort: 4500, destinationPort: 31000))
  }

  @Test func espUDPDefaultsTo4500AndAcceptsAnOriginalAddress() throws {
    let sa = try #require(
      singleSA(
        "add 192.0.2.1 198.51.100.2 esp-udp 203.0.113.9 10000 -E null -A null ;"))
    #expect(sa.encapsulation?.sourcePort == 4500)
    #expect(sa.encapsulation?.destinationPort == 4500)
    #expect(sa.encapsulation?.originalAddress == ip("203.0.113.9"))
  }

  @Test func hostNamesYieldOneStatementPerSameFamilyPair() {
    let result = parse(
      "add myhost.example.com yourhost.example.com ah 1 -A hmac-md5 \"0123456789abcdef\";")
    #expect(errors(result).isEmpty)
    let pairs = result.statements.compactMap { statement -> String? in
      guard case .add(let sa) = statement.command else { return nil }
      return "\(sa.id.source)>\(sa.id.destination)"
    }
    #expect(pairs == ["192.0.2.1>198.51.100.2", "2001:db8::1>2001:db8::2"])
    #expect(Set(result.statements.map(\.location.column)) == [1])
  }

  @Test func familyFlagsFilterResolvedAddresses() {
    let result = parse("add -6 myhost.example.com yourhost.example.com ah 1 -A null ;")
    #expect(result.statements.count == 1)
    guard case .add(let sa) = result.statements.first?.command else { return }
    #expect(sa.id.source == ip("2001:db8::1"))
  }

  @Test func getDeleteAndDeleteallNameTheirSAs() {
    let result = parse(
      """
      get 192.0.2.1 192.0.2.2 ah 0x10004 ;
      delete 192.0.2.1 192.0.2.2 esp 5 ;
      deleteall 192.0.2.1 192.0.2.2 ipcomp ;
      """)
    let id = { (proto: SecurityProtocol, spi: UInt32) in
      SecurityAssociationID(
        source: ip("192.0.2.1"), destination: ip("192.0.2.2"), securityProtocol: proto, spi: spi)
    }
    #expect(
      commands(result) == [
        .get(id(.ah, 0x10004)), .delete(id(.esp, 5)),
        .deleteAll(
          source: ip("192.0.2.1"), destination: ip("192.0.2.2"), securityProtocol: .ipcomp),
      ])
  }

  @Test func modeOnDeleteIsAWarningNotAnError() {
    let result = parse("delete ::1 ::1 esp 5 -m transport ;")
    #expect(!result.hasErrors)
    #expect(result.diagnostics.map(\.severity) == [.warning])
  }

  @Test func flushAndDumpTakeAnOptionalProtocol() {
    let result = parse("flush; flush esp ; dump ; dump ah; dump ipcomp; flush esp-old;")
    #expect(
      commands(result) == [
        .flush(nil), .flush(.esp), .dump(nil), .dump(.ah), .dump(.ipcomp), .flush(.esp),
      ])
  }

  @Test func getspiTakesARangeASingleSPIOrNone() {
    let result = parse(
      """
      getspi 10.0.0.1 10.0.0.2 esp 0x100-0x1ff ;
      getspi 10.0.0.1 10.0.0.2 ah 10000 -m tunnel -u 5 ;
      getspi 10.0.0.1 10.0.0.2 ipcomp ;
      """)
    let a = ip("10.0.0.1")
    let b = ip("10.0.0.2")
    #expect(
      commands(result) == [
        .getSPI(
          source: a, destination: b, securityProtocol: .esp, mode: .any, reqid: 0,
          range: 0x100...0x1ff),
        .getSPI(
          source: a, destination: b, securityProtocol: .ah, mode: .tunnel, reqid: 5,
          range: 10000...10000),
        .getSPI(
          source: a, destination: b, securityProtocol: .ipcomp, mode: .any, reqid: 0,
          range: 0x100...0xffff),
      ])
  }

  @Test func exitStopsReadingTheRest() {
    let result = parse("flush; quit; this is not setkey at all")
    #expect(commands(result) == [.flush(nil), .exit])
    #expect(result.diagnostics.isEmpty)
  }

  @Test(arguments: AlgorithmCatalogue.encryption.filter(\.isAvailableOnLinux))
  func everyLinuxCipherAcceptsEachOfItsKeyLengths(algorithm: Algorithm) {
    for bits in algorithm.keyBits where bits > 0 {
      let key = "0x" + String(repeating: "5a", count: bits / 8)
      let result = parse("add ::1 ::1 esp 1 -E \(algorithm.name) \(key) ;")
      #expect(errors(result).isEmpty, "\(algorithm.name) \(bits)")
    }
  }
}
