// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import Testing
import XfrmBackend

@Suite("Messages match what ip xfrm sends, byte for byte")
struct GoldenMessageTests {
  static func address(_ text: String) -> IPAddress { IPAddress(text)! }

  static func prefix(_ text: String) -> IPPrefix {
    let parts = text.split(separator: "/")
    return IPPrefix(address(String(parts[0])), length: Int(parts[1])!)
  }

  static let subnets = TrafficSelector(
    source: prefix("10.0.1.0/24"), destination: prefix("10.0.2.0/24"))

  /// The message for `request` with the sequence number the vector was captured with.
  func message(_ request: KernelRequest, like vector: [UInt8]) throws -> [UInt8] {
    var reader = ByteReader(vector)
    let header = try NetlinkMessageHeader(decoding: &reader)
    return try XfrmMessageBuilder.message(
      for: request, sequence: header.sequence, portID: header.portID)
  }

  @Test func tunnelPolicyMatchesIPRoute() throws {
    // ip xfrm policy add src 10.0.1.0/24 dst 10.0.2.0/24 dir out
    //   tmpl src 172.16.0.1 dst 172.16.0.2 proto esp mode tunnel
    var sp = SecurityPolicy(selector: Self.subnets, direction: .out, action: .ipsec)
    sp.priority = 0
    sp.templates = [
      PolicyTemplate(
        securityProtocol: .esp, mode: .tunnel, tunnelSource: Self.address("172.16.0.1"),
        tunnelDestination: Self.address("172.16.0.2"), level: .require)
    ]
    let vector = IPRouteVectors.tunnelPolicy
    #expect(try message(.addPolicy(sp), like: vector) == vector)
  }

  @Test func transportTemplateWithLevelUseMatchesIPRoute() throws {
    // ip xfrm policy add src 10.0.1.0/24 dst 10.0.2.0/24 dir in priority 2147483648
    //   tmpl proto esp mode transport level use
    var sp = SecurityPolicy(selector: Self.subnets, direction: .in, action: .ipsec)
    sp.templates = [PolicyTemplate(securityProtocol: .esp, mode: .any, level: .use)]
    let vector = IPRouteVectors.transportUsePolicy
    #expect(try message(.addPolicy(sp), like: vector) == vector)
  }

  @Test func ipv6PortSelectorWithReqidMatchesIPRoute() throws {
    // ip xfrm policy add src 2001:db8::1/128 dst 2001:db8::2/128 proto tcp dport 80
    //   dir out priority 2147483648 tmpl proto esp mode transport reqid 16384
    let selector = TrafficSelector(
      source: IPPrefix(Self.address("2001:db8::1")),
      destination: IPPrefix(Self.address("2001:db8::2")), destinationPort: 80,
      upperProtocol: 6)
    var sp = SecurityPolicy(selector: selector, direction: .out, action: .ipsec)
    sp.templates = [
      PolicyTemplate(securityProtocol: .esp, mode: .transport, level: .unique(reqid: 16384))
    ]
    let vector = IPRouteVectors.ipv6UniquePolicy
    #expect(try message(.addPolicy(sp), like: vector) == vector)
  }

  @Test func updateOfPolicyWithoutTemplatesMatchesIPRoute() throws {
    // ip xfrm policy update src 10.0.1.0/24 dst 10.0.2.0/24 dir out priority 5
    var sp = SecurityPolicy(selector: Self.subnets, direction: .out, action: .none)
    sp.priority = 5
    let vector = IPRouteVectors.updateNonePolicy
    #expect(try message(.updatePolicy(sp), like: vector) == vector)
  }

  @Test func discardIsBlockAndMatchesIPRoute() throws {
    // ip xfrm policy add src 10.0.1.0/24 dst 10.0.2.0/24 dir fwd action block
    var sp = SecurityPolicy(selector: Self.subnets, direction: .fwd, action: .discard)
    sp.priority = 0
    let vector = IPRouteVectors.blockPolicy
    #expect(try message(.addPolicy(sp), like: vector) == vector)
  }

  @Test func policyDeleteAndFlushesMatchIPRoute() throws {
    // ip xfrm policy del src 10.0.1.0/24 dst 10.0.2.0/24 dir out
    let delete = IPRouteVectors.deletePolicy
    #expect(try message(.deletePolicy(Self.subnets, .out), like: delete) == delete)
    // ip xfrm policy flush
    let flush = IPRouteVectors.flushPolicies
    #expect(try message(.flushPolicies, like: flush) == flush)
    // ip xfrm state flush proto esp; ip xfrm state flush
    #expect(
      try message(.flushStates(.esp), like: IPRouteVectors.flushESP)
        == IPRouteVectors.flushESP)
    #expect(
      try message(.flushStates(nil), like: IPRouteVectors.flushAll)
        == IPRouteVectors.flushAll)
  }

  @Test func stateDeleteGetAndAllocateSPIMatchIPRoute() throws {
    let id = SecurityAssociationID(
      source: Self.address("1.1.1.1"), destination: Self.address("2.2.2.2"),
      securityProtocol: .esp, spi: 0x1000)
    // ip xfrm state del src 1.1.1.1 dst 2.2.2.2 proto esp spi 0x1000
    let delete = IPRouteVectors.deleteState
    #expect(try message(.deleteState(id), like: delete) == delete)
    // ip xfrm state get src 1.1.1.1 dst 2.2.2.2 proto esp spi 0x1000
    let get = IPRouteVectors.getState
    #expect(try message(.getState(id), like: get) == get)
    // ip xfrm state allocspi src 1.1.1.1 dst 2.2.2.2 proto esp min 256 max 512
    let allocate = KernelRequest.allocateSPI(
      source: id.source, destination: id.destination, securityProtocol: .esp,
      mode: .transport, reqid: 0, range: 256...512)
    #expect(
      try message(allocate, like: IPRouteVectors.allocateSPI)
        == IPRouteVectors.allocateSPI)
  }

  @Test func stateWithCipherAndAuthenticatorMatchesIPRoute() throws {
    // ip xfrm state add src 1.1.1.1 dst 2.2.2.2 proto esp spi 0x1000
    //   enc "cbc(aes)" 0x00112233445566778899aabbccddeeff
    //   auth-trunc "hmac(sha1)" 0x0011223344556677889900112233445566778899 96
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: Self.address("1.1.1.1"), destination: Self.address("2.2.2.2"),
        securityProtocol: .esp, spi: 0x1000))
    let aes = AlgorithmCatalogue.lookup(setkeyName: "aes-cbc", option: [.encryption])!
    let sha1 = AlgorithmCatalogue.lookup(setkeyName: "hmac-sha1", option: [.authentication])!
    sa.encryption = AlgorithmKey(
      aes, key: Key(IPRouteVectors.hex("00112233445566778899aabbccddeeff")))
    sa.authentication = AlgorithmKey(
      sha1, key: Key(IPRouteVectors.hex("0011223344556677889900112233445566778899")))
    let vector = IPRouteVectors.addStateCBC
    #expect(try message(.addState(sa), like: vector) == vector)
  }

  @Test func aeadStateWithWideReplayWindowMatchesIPRoute() throws {
    // ip xfrm state add src 1.1.1.1 dst 2.2.2.2 proto esp spi 0x1000
    //   aead "rfc4106(gcm(aes))" 0x0011223344556677889900112233445566778899 128
    //   replay-window 64 sel src 0.0.0.0/0 dst 0.0.0.0/0
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: Self.address("1.1.1.1"), destination: Self.address("2.2.2.2"),
        securityProtocol: .esp, spi: 0x1000))
    let gcm = AlgorithmCatalogue.lookup(setkeyName: "aes-gcm-16", option: [.aead])!
    sa.aead = AlgorithmKey(
      gcm, key: Key(IPRouteVectors.hex("0011223344556677889900112233445566778899")))
    sa.replayWindow = 64
    sa.selector = .any(.ipv4)
    let vector = IPRouteVectors.addStateAEADESN
    #expect(try message(.addState(sa), like: vector) == vector)
  }
}

// MARK: - Compression, NAT-T, lifetimes, security contexts

extension GoldenMessageTests {
  static let context = "system_u:object_r:ipsec_spd_t:s0"

  @Test func compressionTunnelStateMatchesIPRoute() throws {
    // ip xfrm state add src 1.1.1.1 dst 2.2.2.2 proto comp spi 0x1000 comp deflate
    //   mode tunnel reqid 5
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: Self.address("1.1.1.1"), destination: Self.address("2.2.2.2"),
        securityProtocol: .ipcomp, spi: 0x1000))
    sa.mode = .tunnel
    sa.reqid = 5
    let deflate = AlgorithmCatalogue.lookup(setkeyName: "deflate", option: [.compression])!
    sa.compression = AlgorithmKey(deflate, key: Key([]))
    let vector = IPRouteVectors.addCompressionTunnelState
    #expect(try message(.addState(sa), like: vector) == vector)
  }

  @Test func natTraversalFlagsAndLimitsMatchIPRoute() throws {
    // ip xfrm state add src 1.1.1.1 dst 2.2.2.2 proto esp spi 0x1000
    //   enc "cbc(aes)" 0x00112233445566778899aabbccddeeff
    //   encap espinudp 4500 4501 0.0.0.0 flag noecn limit time-hard 100 limit byte-soft 1000
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: Self.address("1.1.1.1"), destination: Self.address("2.2.2.2"),
        securityProtocol: .esp, spi: 0x1000))
    let aes = AlgorithmCatalogue.lookup(setkeyName: "aes-cbc", option: [.encryption])!
    sa.encryption = AlgorithmKey(
      aes, key: Key(IPRouteVectors.hex("00112233445566778899aabbccddeeff")))
    sa.encapsulation = NATEncapsulation(sourcePort: 4500, destinationPort: 4501)
    sa.flags = [.noECN]
    sa.lifetime.hardAddSeconds = 100
    sa.lifetime.softBytes = 1000
    let vector = IPRouteVectors.addStateEncapLimits
    #expect(try message(.addState(sa), like: vector) == vector)
  }

  @Test func ipv6AHStateWithContextMatchesIPRoute() throws {
    // ip xfrm state add src 2001:db8::1 dst 2001:db8::2 proto ah spi 0x2000
    //   auth-trunc "hmac(sha256)" 0x3132...3132 96 ctx "system_u:object_r:ipsec_spd_t:s0"
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: Self.address("2001:db8::1"), destination: Self.address("2001:db8::2"),
        securityProtocol: .ah, spi: 0x2000))
    let sha256 = AlgorithmCatalogue.lookup(
      setkeyName: "hmac-sha256", option: [.authentication])!
    sa.authentication = AlgorithmKey(
      sha256, key: Key(Array("12345678901234567890123456789012".utf8)), icvBits: 96)
    sa.securityContext = SecurityContext(doi: 1, algorithm: 1, context: Self.context)
    let vector = IPRouteVectors.addIPv6AHStateWithContext
    #expect(try message(.addState(sa), like: vector) == vector)
  }

  @Test func policyWithContextMatchesIPRoute() throws {
    // ip xfrm policy add src 10.0.1.0/24 dst 10.0.2.0/24 dir out priority 2147483648
    //   ctx "system_u:object_r:ipsec_spd_t:s0" tmpl proto ah mode transport
    var sp = SecurityPolicy(selector: Self.subnets, direction: .out, action: .ipsec)
    sp.templates = [PolicyTemplate(securityProtocol: .ah, mode: .transport, level: .require)]
    sp.securityContext = SecurityContext(doi: 1, algorithm: 1, context: Self.context)
    let vector = IPRouteVectors.addPolicyWithContext
    #expect(try message(.addPolicy(sp), like: vector) == vector)
  }
}
