// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Field-level conversions between model values and xfrm wire structs, both ways.
enum WireMapping {
  /// `AF_INET`.
  static let inet: UInt16 = 2
  /// `AF_INET6`.
  static let inet6: UInt16 = 10

  /// The `AF_*` value of a family.
  static func family(_ family: AddressFamily) -> UInt16 {
    family == .ipv4 ? inet : inet6
  }

  /// The family of an `AF_*` value; nil for anything else.
  static func family(_ value: UInt16) -> AddressFamily? {
    switch value {
    case inet: .ipv4
    case inet6: .ipv6
    default: nil
    }
  }

  /// The first `family.addressLength` bytes of an `xfrm_address_t`.
  static func address(_ bytes: [UInt8], _ family: AddressFamily) -> IPAddress {
    let length = family.addressLength
    return IPAddress(bytes: bytes.count == length ? bytes : Array(bytes.prefix(length)))!
  }

  /// The first `family.addressLength` bytes of an `xfrm_address_t`, without allocating.
  static func address(_ wire: XfrmAddress, _ family: AddressFamily) -> IPAddress {
    wire.withUnsafeBytes(prefix: family.addressLength) { IPAddress(rawBytes: $0)! }
  }

  /// `XFRM_MODE_*` for a setkey mode; `any` is transport, as the kernel stored it.
  static func mode(_ mode: IPsecMode) -> XfrmMode {
    switch mode {
    case .transport, .any: .transport
    case .tunnel: .tunnel
    case .beet: .beet
    }
  }

  /// The setkey mode of an `XFRM_MODE_*`; nil for modes setkey cannot name.
  static func mode(_ mode: XfrmMode) -> IPsecMode? {
    switch mode {
    case .transport: .transport
    case .tunnel: .tunnel
    case .beet: .beet
    default: nil
    }
  }

  /// `XFRM_POLICY_IN/OUT/FWD`.
  static func direction(_ direction: PolicyDirection) -> XfrmPolicyDirection {
    switch direction {
    case .in: .inbound
    case .out: .outbound
    case .fwd: .forward
    }
  }

  /// The direction of a kernel code; nil for socket and unknown directions.
  static func direction(_ direction: XfrmPolicyDirection) -> PolicyDirection? {
    switch direction {
    case .inbound: .in
    case .outbound: .out
    case .forward: .fwd
    default: nil
    }
  }

  // MARK: - Selectors

  /// A model selector on the wire; a port is exact (mask `0xffff`) when given.
  static func selector(_ selector: TrafficSelector) -> XfrmSelector {
    var wire = XfrmSelector()
    wire.family = family(selector.family)
    wire.source = selector.source.address.bytes
    wire.destination = selector.destination.address.bytes
    wire.sourcePrefixLength = UInt8(selector.source.length)
    wire.destinationPrefixLength = UInt8(selector.destination.length)
    if let port = selector.sourcePort {
      wire.sourcePort = port
      wire.sourcePortMask = 0xffff
    }
    if let port = selector.destinationPort {
      wire.destinationPort = port
      wire.destinationPortMask = 0xffff
    }
    wire.upperProtocol = selector.upperProtocol ?? 0
    wire.interfaceIndex = selector.interfaceIndex
    wire.user = selector.user
    return wire
  }

  /// A wire selector in the model; `fallback` is the family to use when the kernel left
  /// it unspecified (an SA selector of `AF_UNSPEC`).
  static func selector(_ wire: XfrmSelector, fallback: AddressFamily) -> TrafficSelector {
    let family = family(wire.family) ?? fallback
    return TrafficSelector(
      source: IPPrefix(
        address(wire.sourceAddress, family), length: Int(wire.sourcePrefixLength)),
      destination: IPPrefix(
        address(wire.destinationAddress, family), length: Int(wire.destinationPrefixLength)),
      sourcePort: wire.sourcePortMask == 0 ? nil : wire.sourcePort,
      destinationPort: wire.destinationPortMask == 0 ? nil : wire.destinationPort,
      upperProtocol: wire.upperProtocol == 0 ? nil : wire.upperProtocol,
      interfaceIndex: wire.interfaceIndex, user: wire.user)
  }

  // MARK: - Lifetimes

  /// Wire limits in the model: `XFRM_INF` reads back as 0.
  static func lifetime(_ wire: XfrmLifetimeConfig) -> LifetimeLimits {
    func limit(_ value: UInt64) -> UInt64 { value == Xfrm.infinity ? 0 : value }
    var limits = LifetimeLimits()
    limits.softBytes = limit(wire.softByteLimit)
    limits.hardBytes = limit(wire.hardByteLimit)
    limits.softPackets = limit(wire.softPacketLimit)
    limits.hardPackets = limit(wire.hardPacketLimit)
    limits.softAddSeconds = wire.softAddExpiresSeconds
    limits.hardAddSeconds = wire.hardAddExpiresSeconds
    limits.softUseSeconds = wire.softUseExpiresSeconds
    limits.hardUseSeconds = wire.hardUseExpiresSeconds
    return limits
  }

  /// Kernel counters in the model.
  static func current(_ wire: XfrmLifetimeCurrent) -> LifetimeCurrent {
    var current = LifetimeCurrent()
    current.bytes = wire.bytes
    current.packets = wire.packets
    current.addTime = wire.addTime
    current.useTime = wire.useTime
    return current
  }

  /// A security context on the wire; the string with its terminating NUL counted in
  /// `ctx_len`, as `ip xfrm` sends it (SELinux expects a C string).
  static func securityContext(_ context: SecurityContext) -> XfrmSecurityContext {
    XfrmSecurityContext(
      doi: context.doi, algorithm: context.algorithm,
      context: Array(context.context.utf8) + [0])
  }

  /// A wire security context in the model; a trailing NUL is dropped.
  static func securityContext(_ wire: XfrmSecurityContext) -> SecurityContext {
    let text = wire.context.last == 0 ? wire.context.dropLast() : wire.context[...]
    return SecurityContext(
      doi: wire.doi, algorithm: wire.algorithm,
      context: String(decoding: text, as: UTF8.self))
  }
}
