// SPDX-License-Identifier: Apache-2.0

/// The triple that names an SA in the kernel: destination, protocol and SPI
/// (`struct xfrm_usersa_id`), with the source setkey also gives.
public struct SecurityAssociationID: Hashable, Sendable {
  /// Source address (`XFRMA_SRCADDR` on get/delete).
  public var source: IPAddress
  /// Destination address (`daddr`).
  public var destination: IPAddress
  /// ESP, AH or IPComp (`proto`).
  public var securityProtocol: SecurityProtocol
  /// SPI in host order; sent big-endian (`spi`). IPComp uses the CPI here.
  public var spi: UInt32
  /// Mark and mask (`XFRMA_MARK`): part of the identity, so `get` and `delete` must
  /// send it too; nil for an unmarked SA.
  public var mark: Mark? = nil

  /// Creates an identity.
  public init(
    source: IPAddress, destination: IPAddress, securityProtocol: SecurityProtocol, spi: UInt32
  ) {
    self.source = source
    self.destination = destination
    self.securityProtocol = securityProtocol
    self.spi = spi
  }
}

/// An algorithm choice with its key.
public struct AlgorithmKey: Hashable, Sendable {
  /// The catalogue entry.
  public var algorithm: Algorithm
  /// The key, salt included for AEADs.
  public var key: Key
  /// ICV bits actually used; defaults to the catalogue's value.
  public var icvBits: Int

  /// Pairs an algorithm with its key.
  public init(_ algorithm: Algorithm, key: Key, icvBits: Int? = nil) {
    self.algorithm = algorithm
    self.key = key
    self.icvBits = icvBits ?? algorithm.icvBits
  }
}

/// NAT traversal encapsulation (`XFRMA_ENCAP`, `struct xfrm_encap_tmpl`).
public struct NATEncapsulation: Hashable, Sendable {
  /// `UDP_ENCAP_ESPINUDP` (2) is what setkey's `esp-udp` means.
  public var type: UInt16
  /// UDP source port, host order.
  public var sourcePort: UInt16
  /// UDP destination port, host order.
  public var destinationPort: UInt16
  /// Original address before NAT (`encap_oa`); nil when unknown.
  public var originalAddress: IPAddress?

  /// Creates an encapsulation; the type defaults to ESP-in-UDP.
  public init(
    type: UInt16 = 2, sourcePort: UInt16, destinationPort: UInt16,
    originalAddress: IPAddress? = nil
  ) {
    self.type = type
    self.sourcePort = sourcePort
    self.destinationPort = destinationPort
    self.originalAddress = originalAddress
  }
}

/// A security context (`XFRMA_SEC_CTX`, setkey `-ctx doi alg "string"`).
public struct SecurityContext: Hashable, Sendable {
  /// Domain of interpretation (`ctx_doi`).
  public var doi: UInt8
  /// Algorithm (`ctx_alg`).
  public var algorithm: UInt8
  /// The context string.
  public var context: String

  /// Creates a context.
  public init(doi: UInt8, algorithm: UInt8, context: String) {
    self.doi = doi
    self.algorithm = algorithm
    self.context = context
  }
}

/// A security association (`struct xfrm_usersa_info` plus attributes).
public struct SecurityAssociation: Hashable, Sendable {
  /// Addresses, protocol and SPI.
  public var id: SecurityAssociationID
  /// Encapsulation mode (`mode`); setkey's default is `any`, stored as transport.
  public var mode: IPsecMode = .any
  /// Request id binding the SA to policies (`reqid`); setkey `-u`.
  public var reqid: UInt32 = 0
  /// Replay window in packets (`replay_window`, or `XFRMA_REPLAY_ESN_VAL` above 32).
  public var replayWindow: UInt32 = 0
  /// `XFRM_STATE_*` flags (`flags`); see `StateFlags`.
  public var flags: StateFlags = []
  /// Encryption (`XFRMA_ALG_CRYPT`).
  public var encryption: AlgorithmKey?
  /// Authentication (`XFRMA_ALG_AUTH_TRUNC`).
  public var authentication: AlgorithmKey?
  /// Combined mode (`XFRMA_ALG_AEAD`).
  public var aead: AlgorithmKey?
  /// Compression (`XFRMA_ALG_COMP`).
  public var compression: AlgorithmKey?
  /// NAT-T (`XFRMA_ENCAP`).
  public var encapsulation: NATEncapsulation?
  /// Limits (`lft`).
  public var lifetime = LifetimeLimits()
  /// SA selector (`sel`); nil means any of the SA's family, as setkey leaves it.
  public var selector: TrafficSelector?
  /// Security context (`XFRMA_SEC_CTX`).
  public var securityContext: SecurityContext?
  /// setkey `-f` padding and sequence options, which Linux does not store. Kept so a
  /// statement can be echoed and validated; the backend ignores them.
  public var setkeyExtensions: Set<String> = []
  /// Kernel-reported counters; filled by dumps only.
  public var current: LifetimeCurrent?
  /// Kernel-reported error counters; filled by dumps only.
  public var statistics: StateStatistics?
  /// Kernel sequence number of the message (`seq`); dumps only.
  public var sequence: UInt32 = 0
  /// Output mark set on packets after processing (`XFRMA_SET_MARK`,
  /// `XFRMA_SET_MARK_MASK`); nil for none.
  public var outputMark: Mark?
  /// xfrm interface id (`XFRMA_IF_ID`); 0 for none.
  public var interfaceID: UInt32 = 0
  /// `XFRMA_SA_EXTRA_FLAGS`.
  public var extraFlags: StateExtraFlags = []
  /// Traffic flow confidentiality padding, bytes (`XFRMA_TFCPAD`); 0 for none.
  public var tfcPadding: UInt32 = 0
  /// Initial anti-replay counters (`XFRMA_REPLAY_VAL` or `XFRMA_REPLAY_ESN_VAL`).
  public var replayCounters = ReplayCounters()
  /// Hardware offload (`XFRMA_OFFLOAD_DEV`); nil for none.
  public var offload: HardwareOffload?

  /// Creates an SA with only its identity; set the rest field by field.
  public init(id: SecurityAssociationID) { self.id = id }
}

/// `XFRM_STATE_*` bits of `xfrm_usersa_info.flags`.
public struct StateFlags: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// `XFRM_STATE_NOECN`.
  public static let noECN = StateFlags(rawValue: 1)
  /// `XFRM_STATE_DECAP_DSCP`.
  public static let decapDSCP = StateFlags(rawValue: 2)
  /// `XFRM_STATE_NOPMTUDISC`.
  public static let noPMTUDiscovery = StateFlags(rawValue: 4)
  /// `XFRM_STATE_WILDRECV`.
  public static let wildcardReceive = StateFlags(rawValue: 8)
  /// `XFRM_STATE_ICMP`.
  public static let icmp = StateFlags(rawValue: 16)
  /// `XFRM_STATE_AF_UNSPEC`.
  public static let addressFamilyUnspecified = StateFlags(rawValue: 32)
  /// `XFRM_STATE_ALIGN4`.
  public static let align4 = StateFlags(rawValue: 64)
  /// `XFRM_STATE_ESN`.
  public static let extendedSequenceNumbers = StateFlags(rawValue: 128)
}
