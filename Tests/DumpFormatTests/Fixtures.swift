// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// SAs and policies of every shape the model holds, for the JSON and save tests.
enum Fixtures {
  static func address(_ text: String) -> IPAddress { IPAddress(text)! }

  static func algorithm(_ name: String, _ kinds: [Algorithm.Kind]) -> Algorithm {
    AlgorithmCatalogue.lookup(setkeyName: name, option: kinds)!
  }

  static func key(_ bytes: Int, seed: UInt8 = 1) -> Key {
    Key((0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(seed)) })
  }

  /// ESP transport with a cipher and an authenticator, nothing else.
  static var plainESP: SecurityAssociation {
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: address("10.0.0.1"), destination: address("10.0.0.2"),
        securityProtocol: .esp, spi: 0x1000))
    sa.mode = .transport
    sa.encryption = AlgorithmKey(algorithm("aes-cbc", [.encryption]), key: key(16))
    sa.authentication = AlgorithmKey(algorithm("hmac-sha1", [.authentication]), key: key(20))
    return sa
  }

  /// Every SA shape: AEAD, AH, IPComp, NAT-T, IPv6, flags, selector, limits, context,
  /// a large replay window, non-default ICVs, dump-only counters.
  static var associations: [SecurityAssociation] {
    var all = [plainESP]

    var aead = plainESP
    aead.id.spi = 0x2000
    aead.mode = .tunnel
    aead.encryption = nil
    aead.authentication = nil
    aead.aead = AlgorithmKey(algorithm("aes-gcm-12", [.aead]), key: key(20))
    aead.reqid = 7
    aead.replayWindow = 1024
    aead.flags = [.extendedSequenceNumbers, .noECN, .align4]
    all.append(aead)

    var ah = SecurityAssociation(
      id: SecurityAssociationID(
        source: address("2001:db8::1"), destination: address("2001:db8::2"),
        securityProtocol: .ah, spi: 0xffff_ffff))
    ah.mode = .transport
    ah.authentication = AlgorithmKey(
      algorithm("hmac-sha256", [.authentication]), key: key(32), icvBits: 96)
    ah.selector = TrafficSelector(
      source: IPPrefix(address("2001:db8::"), length: 64),
      destination: IPPrefix(address("2001:db8::2")), sourcePort: nil, destinationPort: 443,
      upperProtocol: 6)
    all.append(ah)

    var comp = SecurityAssociation(
      id: SecurityAssociationID(
        source: address("192.0.2.1"), destination: address("192.0.2.2"),
        securityProtocol: .ipcomp, spi: 0x4000))
    comp.mode = .tunnel
    comp.compression = AlgorithmKey(algorithm("deflate", [.compression]), key: Key([]))
    all.append(comp)

    var natt = plainESP
    natt.id.spi = 0x3000
    natt.encapsulation = NATEncapsulation(
      sourcePort: 4500, destinationPort: 4501, originalAddress: address("172.16.0.1"))
    natt.lifetime.hardAddSeconds = 3600
    natt.lifetime.softAddSeconds = 3000
    natt.lifetime.hardBytes = 1 << 40
    natt.lifetime.softBytes = 1 << 39
    natt.lifetime.hardPackets = 1_000_000
    natt.lifetime.softPackets = 900_000
    natt.lifetime.hardUseSeconds = 600
    natt.lifetime.softUseSeconds = 500
    natt.securityContext = SecurityContext(doi: 1, algorithm: 1, context: "system_u:object_r:x")
    all.append(natt)

    var dumped = plainESP
    dumped.id.spi = 0x5000
    dumped.encryption = AlgorithmKey(algorithm("null", [.encryption]), key: Key([]))
    var current = LifetimeCurrent()
    current.bytes = UInt64.max
    current.addTime = 1_796_000_000
    dumped.current = current
    var stats = StateStatistics()
    stats.replay = 3
    dumped.statistics = stats
    dumped.sequence = 42
    all.append(dumped)
    return all
  }

  /// Every policy shape: families, prefixes, ports, ICMP, GRE, actions, priorities,
  /// templates of each level, tunnel endpoints, limits, interface, context.
  static var policies: [SecurityPolicy] {
    var all: [SecurityPolicy] = []

    var out = SecurityPolicy(
      selector: TrafficSelector(
        source: IPPrefix(address("10.0.0.0"), length: 24),
        destination: IPPrefix(address("10.1.0.0"), length: 16), sourcePort: 80,
        destinationPort: nil, upperProtocol: 6),
      direction: .out, action: .ipsec)
    out.templates = [
      PolicyTemplate(securityProtocol: .ipcomp, mode: .transport, level: .use),
      PolicyTemplate(securityProtocol: .esp, mode: .transport, level: .unique(reqid: 5), reqid: 5),
      PolicyTemplate(
        securityProtocol: .ah, mode: .tunnel, tunnelSource: address("192.0.2.1"),
        tunnelDestination: address("192.0.2.2"), level: .unique(reqid: 70000), reqid: 70000),
    ]
    out.priority = 0
    all.append(out)

    var icmp = SecurityPolicy(
      selector: TrafficSelector(
        source: IPPrefix(address("2001:db8::"), length: 32),
        destination: .any(.ipv6), sourcePort: 128, destinationPort: 0, upperProtocol: 58),
      direction: .in, action: .discard)
    icmp.priority = 0xffff_ffff
    icmp.lifetime.softAddSeconds = 10
    icmp.lifetime.hardPackets = 5
    icmp.index = 0x1009
    all.append(icmp)

    var bypass = SecurityPolicy(
      selector: TrafficSelector(
        source: IPPrefix(address("0.0.0.0"), length: 0),
        destination: IPPrefix(address("0.0.0.0"), length: 0), interfaceIndex: 3),
      direction: .fwd, action: .none)
    bypass.priority = PolicyPriority.default + 17
    bypass.securityContext = SecurityContext(doi: 1, algorithm: 1, context: "a \"quoted\"\tctx")
    var current = LifetimeCurrent()
    current.addTime = 1_796_000_000
    bypass.current = current
    all.append(bypass)

    var gre = SecurityPolicy(
      selector: TrafficSelector(
        source: IPPrefix(address("10.9.0.1")), destination: IPPrefix(address("10.9.0.2")),
        sourcePort: 0x0102, destinationPort: 0x0304, upperProtocol: 47),
      direction: .out, action: .ipsec)
    gre.priority = PolicyPriority.high - 3
    gre.templates = [
      PolicyTemplate(
        securityProtocol: .esp, mode: .tunnel, tunnelSource: address("2001:db8::1"),
        tunnelDestination: address("2001:db8::2"), level: .use, reqid: 9)
    ]
    all.append(gre)
    return all
  }
}
