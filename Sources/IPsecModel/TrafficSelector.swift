// SPDX-License-Identifier: Apache-2.0

/// What traffic a policy (or an SA's own selector) matches; `struct xfrm_selector`.
/// Ports are nil for "any". For ICMP the kernel keeps type and code in the source and
/// destination port fields; `icmpType`/`icmpCode` are views of them.
public struct TrafficSelector: Hashable, Sendable {
  /// Source prefix (`saddr`, `prefixlen_s`).
  public var source: IPPrefix

  /// Destination prefix (`daddr`, `prefixlen_d`).
  public var destination: IPPrefix

  /// Source port, or ICMP type; nil is any (`sport`, `sport_mask`).
  public var sourcePort: UInt16?

  /// Destination port, or ICMP code; nil is any (`dport`, `dport_mask`).
  public var destinationPort: UInt16?

  /// Upper-layer protocol number; nil is any (`proto` 0, printed 255 by Linux setkey).
  public var upperProtocol: UInt8?

  /// Interface index; 0 is any (`ifindex`).
  public var interfaceIndex: Int32

  /// Owning user; 0 in everything setkey writes (`user`).
  public var user: UInt32

  /// Creates a selector.
  public init(
    source: IPPrefix, destination: IPPrefix, sourcePort: UInt16? = nil,
    destinationPort: UInt16? = nil, upperProtocol: UInt8? = nil, interfaceIndex: Int32 = 0,
    user: UInt32 = 0
  ) {
    self.source = source
    self.destination = destination
    self.sourcePort = sourcePort
    self.destinationPort = destinationPort
    self.upperProtocol = upperProtocol
    self.interfaceIndex = interfaceIndex
    self.user = user
  }

  /// The selector that matches everything of a family.
  public static func any(_ family: AddressFamily) -> TrafficSelector {
    TrafficSelector(source: .any(family), destination: .any(family))
  }

  /// The family of both prefixes.
  public var family: AddressFamily { source.family }
}
