// SPDX-License-Identifier: Apache-2.0

/// Soft and hard limits of an SA or SP; `struct xfrm_lifetime_cfg`. Zero means no limit
/// (the kernel stores XFRM_INF for byte and packet limits that are not set).
public struct LifetimeLimits: Hashable, Sendable {
  /// Bytes before the soft expiry (`soft_byte_limit`); setkey `-bs`.
  public var softBytes: UInt64 = 0
  /// Bytes before the hard expiry (`hard_byte_limit`); setkey `-bh`.
  public var hardBytes: UInt64 = 0
  /// Packets before the soft expiry (`soft_packet_limit`).
  public var softPackets: UInt64 = 0
  /// Packets before the hard expiry (`hard_packet_limit`).
  public var hardPackets: UInt64 = 0
  /// Seconds after adding before the soft expiry (`soft_add_expires_seconds`); setkey `-ls`.
  public var softAddSeconds: UInt64 = 0
  /// Seconds after adding before the hard expiry (`hard_add_expires_seconds`); setkey `-lh`.
  public var hardAddSeconds: UInt64 = 0
  /// Seconds after first use before the soft expiry (`soft_use_expires_seconds`).
  public var softUseSeconds: UInt64 = 0
  /// Seconds after first use before the hard expiry (`hard_use_expires_seconds`).
  public var hardUseSeconds: UInt64 = 0

  /// No limits at all.
  public init() {}
}

/// What the kernel has counted for an SA or SP; `struct xfrm_lifetime_cur`. Only dumps
/// fill it in.
public struct LifetimeCurrent: Hashable, Sendable {
  /// Bytes processed.
  public var bytes: UInt64 = 0
  /// Packets processed.
  public var packets: UInt64 = 0
  /// Seconds since the epoch when added.
  public var addTime: UInt64 = 0
  /// Seconds since the epoch of first use; 0 when never used.
  public var useTime: UInt64 = 0

  /// Nothing counted.
  public init() {}
}

/// Error counters of an SA; `struct xfrm_stats`. Only dumps fill it in.
public struct StateStatistics: Hashable, Sendable {
  /// Packets outside the replay window (`replay_window`).
  public var replayWindow: UInt32 = 0
  /// Replayed packets (`replay`).
  public var replay: UInt32 = 0
  /// Integrity check failures (`integrity_failed`).
  public var integrityFailed: UInt32 = 0

  /// No counts.
  public init() {}
}
