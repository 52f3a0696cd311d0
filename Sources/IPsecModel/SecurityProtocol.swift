// SPDX-License-Identifier: Apache-2.0

/// The IPsec protocol of an SA or a policy template (`IPPROTO_ESP`, `IPPROTO_AH`,
/// `IPPROTO_COMP`).
public enum SecurityProtocol: String, Hashable, Sendable, CaseIterable {
  case esp
  case ah
  case ipcomp

  /// The IP protocol number, which is also the xfrm `id.proto`.
  public var ipProtocolNumber: UInt8 {
    switch self {
    case .esp: 50
    case .ah: 51
    case .ipcomp: 108
    }
  }

  /// The protocol for an IP protocol number, if it is one of ours.
  public init?(ipProtocolNumber: UInt8) {
    guard let match = Self.allCases.first(where: { $0.ipProtocolNumber == ipProtocolNumber })
    else { return nil }
    self = match
  }
}

/// The encapsulation mode (`XFRM_MODE_*`); setkey's `-m` values plus `beet`.
public enum IPsecMode: String, Hashable, Sendable, CaseIterable {
  case transport
  case tunnel
  case beet
  /// setkey's `-m any`: on Linux the kernel stores transport.
  case any
}
