// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// For each golden vector, the setkey statement that must produce the same request, built
/// directly as model values (no parser). The `# setkey:` line of each `.vec` file is the
/// text form of the entry here.
///
/// Adding a vector: one `vector` call in `Vectors/capture.sh`, run it for that name, then
/// an entry here (or in `withoutStatement` with the reason). The file tests fail until the
/// entry exists, and `GoldenBytesTests` compares its bytes from then on.
enum GoldenRequests {
  /// Statements keyed by vector name.
  static let statements: [String: Statement] = policies.merging(states) { first, _ in first }

  /// Vectors with no setkey statement, and why; every other vector must have an entry.
  static let withoutStatement: [String: String] = [
    "getpolicy-out-tcp": "setkey cannot ask for one policy; the model has no spdget"
  ]

  // MARK: - Policies

  static let policies: [String: Statement] = [
    "newpolicy-out-tcp-esp-transport": at(.spdAdd(hostTCPPolicy(.out, templates: [espTransport]))),
    "newpolicy-tunnel-priority": at(.spdAdd(tunnelPolicy)),
    "newpolicy-in-block": at(.spdAdd(netPolicy(.in, .discard, templates: []))),
    "newpolicy-ipv6-icmp6-type-code": at(.spdAdd(icmp6Policy)),
    "newpolicy-two-templates": at(.spdAdd(twoTemplatePolicy)),
    "newpolicy-fwd-esp-tunnel": at(.spdAdd(forwardPolicy)),
    "newpolicy-unique-reqid": at(.spdAdd(uniquePolicy)),
    "newpolicy-out-none": at(.spdAdd(hostPolicy(.out, action: .none, templates: []))),
    "updpolicy-in-esp-transport": at(.spdUpdate(hostPolicy(.in, templates: [espTransport]))),
    "delpolicy-out-tcp": at(.spdDelete(hostTCPSelector, .out)),
    "flushpolicy-all": at(.spdFlush),
    "getpolicy-dump": at(.spdDump),
    "newpolicy-secctx": at(.spdAdd(securePolicy)),
  ]

  // MARK: - Security associations

  static let states: [String: Statement] = [
    "newsa-esp-aes-sha1-transport": at(.add(espAESSHA1(spi: 0x1000, reqid: 7, window: 32))),
    "newsa-esp-replay-window-128": at(.add(espAESSHA1(spi: 0x1001, window: 128))),
    "newsa-esp-ipv6": at(.add(espIPv6)),
    "newsa-aead-gcm-tunnel": at(.add(gcmTunnel)),
    "newsa-ah-sha256": at(.add(ahSHA256)),
    "newsa-ipcomp-deflate": at(.add(ipcompDeflate)),
    "newsa-esp-espinudp": at(.add(espInUDP)),
    "newsa-esp-lifetime": at(.add(espWithLifetime)),
    "newsa-esp-secctx": at(.add(espWithContext)),
    "newsa-esp-every-attribute": at(.add(espEveryAttribute)),
    "updsa-esp-aes-sha1-transport": at(.update(espAESSHA1(spi: 0x1000, reqid: 7, window: 32))),
    "delsa-esp": at(.delete(espID(0x1000))),
    "getsa-esp": at(.get(espID(0x1000))),
    "flushsa-all": at(.flush(nil)),
    "flushsa-esp": at(.flush(.esp)),
    "getsa-dump": at(.dump(nil)),
    "getsa-dump-esp": at(.dump(.esp)),
    "delsa-deleteall-esp": at(
      .deleteAll(source: hostA, destination: hostB, securityProtocol: .esp)),
    "getsa-dump-deleteall": at(
      .deleteAll(source: hostA, destination: hostB, securityProtocol: .esp)),
    "allocspi-esp-range": at(
      .getSPI(
        source: hostA, destination: hostB, securityProtocol: .esp, mode: .transport, reqid: 7,
        range: 0x100...0x1ff)),
  ]

  // MARK: - Other spellings of the same request

  /// Statements that setkey spells differently from a vector's but that mean the same to
  /// Linux, so they must send the vector's bytes: (vector, what differs, statement).
  static let equivalents: [(vector: String, spelling: String, statement: Statement)] = [
    ("newsa-esp-aes-sha1-transport", "-m any", at(.add(anyModeSA))),
    ("newpolicy-out-tcp-esp-transport", "level default", at(.spdAdd(defaultLevelPolicy))),
    ("newpolicy-out-none", "bypass", at(.spdAdd(hostPolicy(.out, action: .bypass, templates: [])))),
    ("newpolicy-out-none", "none with templates", at(.spdAdd(noneWithTemplates))),
  ]

  static var anyModeSA: SecurityAssociation {
    var sa = espAESSHA1(spi: 0x1000, reqid: 7, window: 32)
    sa.mode = .any
    return sa
  }

  static var defaultLevelPolicy: SecurityPolicy {
    let template = PolicyTemplate(securityProtocol: .esp, mode: .transport, level: .default)
    return hostTCPPolicy(.out, templates: [template])
  }

  /// `none` never sends templates, even if the model carries some.
  static var noneWithTemplates: SecurityPolicy {
    hostPolicy(.out, action: .none, templates: [espTransport])
  }

  // MARK: - Addresses and keys (documentation ranges, patterned fake keys)

  static let hostA = IPAddress("192.0.2.1")!
  static let hostB = IPAddress("198.51.100.1")!
  static let gatewayA = IPAddress("192.0.2.254")!
  static let gatewayB = IPAddress("198.51.100.254")!

  /// 0x00, 0x01, ... : obviously not a real key.
  static func patternKey(bytes count: Int) -> Key { Key((0..<count).map { UInt8($0) }) }

  static func algorithm(_ name: String, _ kinds: [Algorithm.Kind]) -> Algorithm {
    AlgorithmCatalogue.lookup(setkeyName: name, option: kinds)!
  }

  private static func at(_ command: Command) -> Statement {
    Statement(command, at: SourceLocation(file: "golden.conf", line: 1, column: 1))
  }
}

// MARK: - Policy builders

extension GoldenRequests {
  static let espTransport = PolicyTemplate(
    securityProtocol: .esp, mode: .transport, level: .require)

  /// `192.0.2.1/32[1234] 198.51.100.1/32[80] tcp`.
  static let hostTCPSelector = TrafficSelector(
    source: IPPrefix(hostA, length: 32), destination: IPPrefix(hostB, length: 32),
    sourcePort: 1234, destinationPort: 80, upperProtocol: 6)

  static func hostTCPPolicy(_ direction: PolicyDirection, templates: [PolicyTemplate])
    -> SecurityPolicy
  {
    var policy = SecurityPolicy(selector: hostTCPSelector, direction: direction, action: .ipsec)
    policy.templates = templates
    return policy
  }

  /// `192.0.2.1/32 198.51.100.1/32 any`.
  static func hostPolicy(
    _ direction: PolicyDirection, action: PolicyAction = .ipsec, templates: [PolicyTemplate]
  ) -> SecurityPolicy {
    let selector = TrafficSelector(
      source: IPPrefix(hostA, length: 32), destination: IPPrefix(hostB, length: 32))
    var policy = SecurityPolicy(selector: selector, direction: direction, action: action)
    policy.templates = templates
    return policy
  }

  /// `192.0.2.0/24 198.51.100.0/24 any`.
  static func netPolicy(
    _ direction: PolicyDirection, _ action: PolicyAction, templates: [PolicyTemplate]
  ) -> SecurityPolicy {
    let selector = TrafficSelector(
      source: IPPrefix(IPAddress("192.0.2.0")!, length: 24),
      destination: IPPrefix(IPAddress("198.51.100.0")!, length: 24))
    var policy = SecurityPolicy(selector: selector, direction: direction, action: action)
    policy.templates = templates
    return policy
  }

  /// `-P out prio def + 1000 ipsec esp/tunnel/192.0.2.254-198.51.100.254/require`.
  static var tunnelPolicy: SecurityPolicy {
    var policy = netPolicy(
      .out, .ipsec,
      templates: [
        PolicyTemplate(
          securityProtocol: .esp, mode: .tunnel, tunnelSource: gatewayA,
          tunnelDestination: gatewayB, level: .require)
      ])
    policy.priority = PolicyPriority.default - 1000
    return policy
  }

  /// `198.51.100.0/24 192.0.2.0/24 any -P fwd ipsec esp/tunnel/198.51.100.254-192.0.2.254/require`.
  static var forwardPolicy: SecurityPolicy {
    let selector = TrafficSelector(
      source: IPPrefix(IPAddress("198.51.100.0")!, length: 24),
      destination: IPPrefix(IPAddress("192.0.2.0")!, length: 24))
    var policy = SecurityPolicy(selector: selector, direction: .fwd, action: .ipsec)
    policy.templates = [
      PolicyTemplate(
        securityProtocol: .esp, mode: .tunnel, tunnelSource: gatewayB,
        tunnelDestination: gatewayA, level: .require)
    ]
    return policy
  }

  /// `-P out ipsec ipcomp/tunnel/192.0.2.254-198.51.100.254/use esp/transport//require`.
  static var twoTemplatePolicy: SecurityPolicy {
    let ipcomp = PolicyTemplate(
      securityProtocol: .ipcomp, mode: .tunnel, tunnelSource: gatewayA,
      tunnelDestination: gatewayB, level: .use)
    return netPolicy(.out, .ipsec, templates: [ipcomp, espTransport])
  }

  /// `-P out ipsec esp/transport//unique:5`.
  static var uniquePolicy: SecurityPolicy {
    let unique = PolicyTemplate(
      securityProtocol: .esp, mode: .transport, level: .unique(reqid: 5), reqid: 5)
    return hostPolicy(.out, templates: [unique])
  }

  /// `2001:db8::1/128 2001:db8::2/128 icmp6 135,0`: type in sport, code in dport.
  static var icmp6Policy: SecurityPolicy {
    let selector = TrafficSelector(
      source: IPPrefix(IPAddress("2001:db8::1")!), destination: IPPrefix(IPAddress("2001:db8::2")!),
      sourcePort: 135, destinationPort: 0, upperProtocol: 58)
    var policy = SecurityPolicy(selector: selector, direction: .out, action: .ipsec)
    policy.templates = [espTransport]
    return policy
  }

  static let selinuxContext = SecurityContext(
    doi: 1, algorithm: 1, context: "system_u:object_r:ipsec_spd_t:s0")

  static var securePolicy: SecurityPolicy {
    var policy = hostPolicy(.out, templates: [espTransport])
    policy.securityContext = selinuxContext
    return policy
  }
}

// MARK: - SA builders

extension GoldenRequests {
  static func espID(_ spi: UInt32) -> SecurityAssociationID {
    SecurityAssociationID(source: hostA, destination: hostB, securityProtocol: .esp, spi: spi)
  }

  /// `esp SPI -m transport [-u R] [-r W] -E aes-cbc K16 -A hmac-sha1 K20`.
  static func espAESSHA1(spi: UInt32, reqid: UInt32 = 0, window: UInt32 = 0)
    -> SecurityAssociation
  {
    var sa = SecurityAssociation(id: espID(spi))
    sa.mode = .transport
    sa.reqid = reqid
    sa.replayWindow = window
    sa.encryption = AlgorithmKey(algorithm("aes-cbc", [.encryption]), key: patternKey(bytes: 16))
    sa.authentication = AlgorithmKey(
      algorithm("hmac-sha1", [.authentication]), key: patternKey(bytes: 20))
    return sa
  }

  static var espIPv6: SecurityAssociation {
    let id = SecurityAssociationID(
      source: IPAddress("2001:db8::1")!, destination: IPAddress("2001:db8::2")!,
      securityProtocol: .esp, spi: 0x1100)
    var sa = espAESSHA1(spi: 0x1100)
    sa.id = id
    return sa
  }

  static var gcmTunnel: SecurityAssociation {
    var sa = SecurityAssociation(id: espID(0x2000))
    sa.mode = .tunnel
    sa.aead = AlgorithmKey(algorithm("aes-gcm-16", [.aead]), key: patternKey(bytes: 20))
    return sa
  }

  static var ahSHA256: SecurityAssociation {
    let id = SecurityAssociationID(
      source: hostA, destination: hostB, securityProtocol: .ah, spi: 0x3000)
    var sa = SecurityAssociation(id: id)
    sa.mode = .transport
    sa.authentication = AlgorithmKey(
      algorithm("hmac-sha256", [.authentication]), key: patternKey(bytes: 32), icvBits: 128)
    return sa
  }

  static var ipcompDeflate: SecurityAssociation {
    let id = SecurityAssociationID(
      source: hostA, destination: hostB, securityProtocol: .ipcomp, spi: 0x4000)
    var sa = SecurityAssociation(id: id)
    sa.mode = .tunnel
    sa.compression = AlgorithmKey(algorithm("deflate", [.compression]), key: Key([]))
    return sa
  }

  static var espInUDP: SecurityAssociation {
    var sa = espAESSHA1(spi: 0x5000)
    sa.encapsulation = NATEncapsulation(sourcePort: 4500, destinationPort: 4500)
    return sa
  }

  /// `-lh 100 -ls 80 -bh 1000000 -bs 800000`.
  static var espWithLifetime: SecurityAssociation {
    var sa = espAESSHA1(spi: 0x6000)
    sa.lifetime.hardAddSeconds = 100
    sa.lifetime.softAddSeconds = 80
    sa.lifetime.hardBytes = 1_000_000
    sa.lifetime.softBytes = 800_000
    return sa
  }

  /// NAT-T, reqid, a 256-packet window, add-time limits and a context on one SA.
  static var espEveryAttribute: SecurityAssociation {
    var sa = espAESSHA1(spi: 0x8000, reqid: 9, window: 256)
    sa.mode = .tunnel
    sa.encapsulation = NATEncapsulation(sourcePort: 4500, destinationPort: 4500)
    sa.securityContext = selinuxContext
    sa.lifetime.softAddSeconds = 80
    sa.lifetime.hardAddSeconds = 100
    return sa
  }

  static var espWithContext: SecurityAssociation {
    var sa = espAESSHA1(spi: 0x7000)
    sa.securityContext = selinuxContext
    return sa
  }
}
