// SPDX-License-Identifier: Apache-2.0

/// `XFRM_SA_XFLAG_*` bits of `XFRMA_SA_EXTRA_FLAGS`, the state flags that did not fit
/// in `xfrm_usersa_info.flags`.
public struct StateExtraFlags: OptionSet, Hashable, Sendable {
  public let rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// `XFRM_SA_XFLAG_DONT_ENCAP_DSCP`: the outer header gets DSCP 0.
  public static let dontEncapsulateDSCP = StateExtraFlags(rawValue: 1)
  /// `XFRM_SA_XFLAG_OSEQ_MAY_WRAP`: the output sequence number may wrap.
  public static let outputSequenceMayWrap = StateExtraFlags(rawValue: 2)
}

/// Anti-replay counters an SA starts with (`struct xfrm_replay_state`, or the `seq`,
/// `oseq`, `seq_hi` and `oseq_hi` of `struct xfrm_replay_state_esn`). Useful when an SA
/// is moved between hosts; zero for a fresh SA.
public struct ReplayCounters: Hashable, Sendable {
  /// Highest sequence number received (`seq`, with `seq_hi` as the upper 32 bits).
  public var inbound: UInt64 = 0
  /// Last sequence number sent (`oseq`, with `oseq_hi` as the upper 32 bits).
  public var outbound: UInt64 = 0

  /// Both counters zero.
  public init(inbound: UInt64 = 0, outbound: UInt64 = 0) {
    self.inbound = inbound
    self.outbound = outbound
  }

  /// True when both counters are zero.
  public var isZero: Bool { inbound == 0 && outbound == 0 }
}

/// Hardware offload of an SA to a network device (`XFRMA_OFFLOAD_DEV`,
/// `struct xfrm_user_offload`).
public struct HardwareOffload: Hashable, Sendable {
  /// The device name as written; the backend looks up its index (`ifindex`).
  public var device: String
  /// True for inbound SAs (`XFRM_OFFLOAD_INBOUND`).
  public var isInbound: Bool
  /// True for full packet offload (`XFRM_OFFLOAD_PACKET`, Linux 6.2); false for crypto
  /// offload only.
  public var isPacketOffload: Bool
  /// The device index the kernel reported; dumps only (0 otherwise).
  public var interfaceIndex: Int32

  /// Creates an offload request.
  public init(
    device: String, isInbound: Bool, isPacketOffload: Bool = false, interfaceIndex: Int32 = 0
  ) {
    self.device = device
    self.isInbound = isInbound
    self.isPacketOffload = isPacketOffload
    self.interfaceIndex = interfaceIndex
  }
}
