// SPDX-License-Identifier: Apache-2.0

/// The prefix lengths from which policies are hashed rather than kept in a list, for one
/// address family (`struct xfrmu_spdhthresh`): `lbits` for the local (source of an `out`
/// policy) and `rbits` for the remote address.
public struct HashThreshold: Hashable, Sendable {
  /// `lbits`.
  public var local: UInt8
  /// `rbits`.
  public var remote: UInt8

  /// Creates a threshold.
  public init(local: UInt8, remote: UInt8) {
    self.local = local
    self.remote = remote
  }
}

/// SPD hash thresholds to set (`XFRM_MSG_NEWSPDINFO`); nil leaves a family as it is.
public struct SPDHashThresholds: Hashable, Sendable {
  /// `XFRMA_SPD_IPV4_HTHRESH`.
  public var ipv4: HashThreshold?
  /// `XFRMA_SPD_IPV6_HTHRESH`.
  public var ipv6: HashThreshold?

  /// Creates a setting.
  public init(ipv4: HashThreshold? = nil, ipv6: HashThreshold? = nil) {
    self.ipv4 = ipv4
    self.ipv6 = ipv6
  }
}

/// What `XFRM_MSG_GETSPDINFO` reports: policy counts, hash table size, thresholds.
public struct SPDInformation: Hashable, Sendable {
  /// Main policies per direction (`incnt`, `outcnt`, `fwdcnt`).
  public var inbound: UInt32 = 0, outbound: UInt32 = 0, forward: UInt32 = 0
  /// Socket policies per direction (`inscnt`, `outscnt`, `fwdscnt`).
  public var socketInbound: UInt32 = 0, socketOutbound: UInt32 = 0, socketForward: UInt32 = 0
  /// Hash buckets in use and allowed (`spdhcnt`, `spdhmcnt`).
  public var hashBuckets: UInt32 = 0, hashBucketsMaximum: UInt32 = 0
  /// Current thresholds.
  public var thresholds = SPDHashThresholds()

  /// Nothing counted.
  public init() {}
}

/// What `XFRM_MSG_GETSADINFO` reports: the number of SAs and the hash table size.
public struct SADInformation: Hashable, Sendable {
  /// SAs (`XFRMA_SAD_CNT`).
  public var count: UInt32 = 0
  /// Hash buckets in use and allowed (`sadhcnt`, `sadhmcnt`).
  public var hashBuckets: UInt32 = 0, hashBucketsMaximum: UInt32 = 0

  /// Nothing counted.
  public init() {}
}
