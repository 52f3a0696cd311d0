// SPDX-License-Identifier: Apache-2.0

/// xfrm_user attribute types (`enum xfrm_attr_type_t`, `XFRMA_*`). Open, so an unknown
/// attribute decodes and is skipped.
public struct XfrmAttributeType: RawRepresentable, Hashable, Sendable {
  /// The 14-bit type.
  public var rawValue: UInt16

  /// Wraps a type.
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// `XFRMA_ALG_AUTH`: `struct xfrm_algo`, truncation left to the kernel.
  public static let authenticationAlgorithm = Self(rawValue: 1)
  /// `XFRMA_ALG_CRYPT`: `struct xfrm_algo`.
  public static let encryptionAlgorithm = Self(rawValue: 2)
  /// `XFRMA_ALG_COMP`: `struct xfrm_algo`.
  public static let compressionAlgorithm = Self(rawValue: 3)
  /// `XFRMA_ENCAP`: `struct xfrm_encap_tmpl`.
  public static let encapsulation = Self(rawValue: 4)
  /// `XFRMA_TMPL`: an array of `struct xfrm_user_tmpl`.
  public static let templates = Self(rawValue: 5)
  /// `XFRMA_SEC_CTX`: `struct xfrm_user_sec_ctx` and the context string.
  public static let securityContext = Self(rawValue: 8)
  /// `XFRMA_REPLAY_VAL`: `struct xfrm_replay_state`.
  public static let replayState = Self(rawValue: 10)
  /// `XFRMA_SRCADDR`: `xfrm_address_t`.
  public static let sourceAddress = Self(rawValue: 13)
  /// `XFRMA_POLICY_TYPE`: `struct xfrm_userpolicy_type`.
  public static let policyType = Self(rawValue: 16)
  /// `XFRMA_ALG_AEAD`: `struct xfrm_algo_aead`.
  public static let aeadAlgorithm = Self(rawValue: 18)
  /// `XFRMA_ALG_AUTH_TRUNC`: `struct xfrm_algo_auth`.
  public static let truncatedAuthenticationAlgorithm = Self(rawValue: 20)
  /// `XFRMA_MARK`: `struct xfrm_mark`.
  public static let mark = Self(rawValue: 21)
  /// `XFRMA_REPLAY_ESN_VAL`: `struct xfrm_replay_state_esn`.
  public static let replayStateESN = Self(rawValue: 23)
  /// `XFRMA_SA_EXTRA_FLAGS`: `__u32`.
  public static let extraFlags = Self(rawValue: 24)
  /// `XFRMA_PROTO`: `__u8`, filters a state dump by protocol.
  public static let proto = Self(rawValue: 25)
  /// `XFRMA_IF_ID`: `__u32`.
  public static let interfaceID = Self(rawValue: 31)
}

/// `XFRM_MODE_*`, the mode of an SA or template.
public struct XfrmMode: RawRepresentable, Hashable, Sendable {
  /// The 8-bit code.
  public var rawValue: UInt8
  /// Wraps a code.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// `XFRM_MODE_TRANSPORT`.
  public static let transport = Self(rawValue: 0)
  /// `XFRM_MODE_TUNNEL`.
  public static let tunnel = Self(rawValue: 1)
  /// `XFRM_MODE_ROUTEOPTIMIZATION`.
  public static let routeOptimization = Self(rawValue: 2)
  /// `XFRM_MODE_IN_TRIGGER`.
  public static let inTrigger = Self(rawValue: 3)
  /// `XFRM_MODE_BEET`.
  public static let beet = Self(rawValue: 4)
}

/// `XFRM_POLICY_IN/OUT/FWD`, a policy direction.
public struct XfrmPolicyDirection: RawRepresentable, Hashable, Sendable {
  /// The 8-bit code.
  public var rawValue: UInt8
  /// Wraps a code.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// `XFRM_POLICY_IN`.
  public static let inbound = Self(rawValue: 0)
  /// `XFRM_POLICY_OUT`.
  public static let outbound = Self(rawValue: 1)
  /// `XFRM_POLICY_FWD`.
  public static let forward = Self(rawValue: 2)
}

/// `XFRM_POLICY_ALLOW/BLOCK`, a policy action.
public struct XfrmPolicyAction: RawRepresentable, Hashable, Sendable {
  /// The 8-bit code.
  public var rawValue: UInt8
  /// Wraps a code.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// `XFRM_POLICY_ALLOW`.
  public static let allow = Self(rawValue: 0)
  /// `XFRM_POLICY_BLOCK`.
  public static let block = Self(rawValue: 1)
}

/// Shared xfrm constants.
public enum Xfrm {
  /// `XFRM_INF`: no byte or packet limit.
  public static let infinity = UInt64.max
  /// `sizeof(xfrm_address_t)`.
  public static let addressSize = 16
  /// An all-zero `xfrm_address_t`, shared by every struct that starts with one (an array
  /// per default value would be allocated, then replaced, on every decode).
  public static let zeroAddress = [UInt8](repeating: 0, count: addressSize)
  /// `IPSEC_PROTO_ANY`: ESP, AH and IPComp in a flush.
  public static let anyIPsecProtocol: UInt8 = 255
}

extension ByteWriter {
  /// Writes an `xfrm_address_t`: 4 or 16 network-order bytes, zero-filled to 16.
  public mutating func write(address: [UInt8]) {
    write(bytes: address, paddedTo: Xfrm.addressSize)
  }
}

extension ByteReader {
  /// Reads an `xfrm_address_t` as its 16 network-order bytes.
  public mutating func readAddress(_ context: @autoclosure () -> String = "xfrm_address_t")
    throws -> [UInt8]
  {
    try readBytes(Xfrm.addressSize, context())
  }
}
