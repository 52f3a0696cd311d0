// SPDX-License-Identifier: Apache-2.0
import NetlinkWire
import Testing

@Suite("Wire structs decode to what was encoded")
struct RoundTripTests {
  func roundTrip<S: WireStruct & Equatable>(_ value: S) throws -> S {
    try S(decoding: value.encodedBytes)
  }

  static var selector: XfrmSelector {
    var selector = XfrmSelector()
    selector.destination = [10, 0, 2, 0] + [UInt8](repeating: 0, count: 12)
    selector.source = [10, 0, 1, 0] + [UInt8](repeating: 0, count: 12)
    selector.destinationPort = 443
    selector.destinationPortMask = 0xffff
    selector.sourcePort = 1
    selector.sourcePortMask = 0xffff
    selector.family = 2
    selector.destinationPrefixLength = 24
    selector.sourcePrefixLength = 16
    selector.upperProtocol = 6
    selector.interfaceIndex = -3
    selector.user = 1000
    return selector
  }

  @Test func selectorRoundTripsAndPortsAreBigEndian() throws {
    let bytes = Self.selector.encodedBytes
    #expect(Array(bytes[32..<34]) == [0x01, 0xbb])
    #expect(Array(bytes[40..<42]) == [2, 0])
    #expect(try roundTrip(Self.selector) == Self.selector)
  }

  @Test func stateInfoRoundTripsWithSPIBigEndian() throws {
    var info = XfrmUserSAInfo()
    info.selector = Self.selector
    info.id.spi = 0x0102_0304
    info.id.proto = 50
    info.lifetime.hardAddExpiresSeconds = 100
    info.current.bytes = 12345
    info.stats.replay = 7
    info.reqid = 16384
    info.family = 10
    info.mode = .tunnel
    info.replayWindow = 32
    info.flags = 0x80
    let bytes = info.encodedBytes
    #expect(Array(bytes[72..<76]) == [1, 2, 3, 4])
    #expect(try roundTrip(info) == info)
  }

  @Test func policyStructsRoundTrip() throws {
    var info = XfrmUserPolicyInfo()
    info.selector = Self.selector
    info.priority = 0x8000_0000
    info.index = 9
    info.direction = .forward
    info.action = .block
    #expect(try roundTrip(info) == info)

    var id = XfrmUserPolicyID()
    id.selector = Self.selector
    id.direction = .outbound
    #expect(try roundTrip(id) == id)

    var template = XfrmUserTemplate()
    template.id.spi = 7
    template.id.proto = 51
    template.family = 10
    template.reqid = 3
    template.mode = .beet
    template.optional = 1
    #expect(try roundTrip(template) == template)
  }

  @Test func algorithmsRoundTripWithTheirKeys() throws {
    let crypt = XfrmAlgorithm(name: "cbc(aes)", key: Array(0..<16))
    #expect(try roundTrip(crypt) == crypt)
    #expect(crypt.keyBits == 128)
    let auth = XfrmAuthenticationAlgorithm(
      name: "hmac(sha256)", key: Array(0..<32), truncationBits: 128)
    #expect(try roundTrip(auth) == auth)
    let aead = XfrmAEADAlgorithm(name: "rfc4106(gcm(aes))", key: Array(0..<20), icvBits: 64)
    #expect(try roundTrip(aead) == aead)
  }

  @Test func smallStructsRoundTrip() throws {
    var encap = XfrmEncapsulationTemplate()
    encap.sourcePort = 4500
    encap.destinationPort = 4501
    #expect(Array(encap.encodedBytes[2..<4]) == [0x11, 0x94])
    #expect(try roundTrip(encap) == encap)

    let context = XfrmSecurityContext(doi: 1, algorithm: 2, context: Array("ctx".utf8))
    #expect(try roundTrip(context) == context)

    var spi = XfrmUserSPIInfo()
    spi.minimum = 0x100
    spi.maximum = 0x200
    #expect(try roundTrip(spi) == spi)

    var said = XfrmUserSAID()
    said.spi = 0xdead_beef
    said.proto = 108
    #expect(try roundTrip(said) == said)

    #expect(try roundTrip(XfrmUserSAFlush(proto: 255)) == XfrmUserSAFlush(proto: 255))

    var replay = XfrmReplayState()
    replay.bitmap = 0xff
    #expect(try roundTrip(replay) == replay)

    var esn = XfrmReplayStateESN(replayWindow: 64)
    esn.bitmap = [1, 2]
    #expect(try roundTrip(esn) == esn)
    #expect(esn.bitmapLength == 2)
  }

  @Test func truncatedStructThrowsNamingTheStruct() {
    let short = [UInt8](repeating: 0, count: 100)
    let error = #expect(throws: WireDecodingError.self) {
      try XfrmUserSAInfo(decoding: short)
    }
    #expect(error?.context.hasPrefix("struct xfrm_") == true)
  }
}
