// SPDX-License-Identifier: Apache-2.0

/// The multicast groups of `NETLINK_XFRM` (`enum xfrm_nlgroups`, `XFRMNLGRP_*`). A socket
/// that joins a group receives every message the kernel sends to it. Open, so a group a
/// newer kernel adds can still be joined by number.
public struct XfrmMulticastGroup: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The group number (1-based, as `NETLINK_ADD_MEMBERSHIP` takes it).
  public var rawValue: UInt32

  /// Wraps a group number.
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// `XFRMNLGRP_ACQUIRE`: the kernel needs an SA for traffic a policy matched.
  public static let acquire = Self(rawValue: 1)
  /// `XFRMNLGRP_EXPIRE`: soft and hard expiries of SAs and policies.
  public static let expire = Self(rawValue: 2)
  /// `XFRMNLGRP_SA`: SAs added, updated, deleted and flushed.
  public static let sa = Self(rawValue: 3)
  /// `XFRMNLGRP_POLICY`: policies added, updated, deleted and flushed.
  public static let policy = Self(rawValue: 4)
  /// `XFRMNLGRP_AEVENTS`: replay and lifetime counters (async events).
  public static let asyncEvents = Self(rawValue: 5)
  /// `XFRMNLGRP_REPORT`: reports from protocols (MIPv6).
  public static let report = Self(rawValue: 6)
  /// `XFRMNLGRP_MIGRATE`: migrations of SAs and policies.
  public static let migrate = Self(rawValue: 7)
  /// `XFRMNLGRP_MAPPING`: NAT-T mapping changes.
  public static let mapping = Self(rawValue: 8)

  /// Every group the kernel headers name, in number order.
  public static let all: [Self] = [
    .acquire, .expire, .sa, .policy, .asyncEvents, .report, .migrate, .mapping,
  ]

  /// The kernel's name, `XFRMNLGRP_SA`, or the number.
  public var description: String {
    let names = ["ACQUIRE", "EXPIRE", "SA", "POLICY", "AEVENTS", "REPORT", "MIGRATE", "MAPPING"]
    guard rawValue >= 1, Int(rawValue) <= names.count else { return "group \(rawValue)" }
    return "XFRMNLGRP_" + names[Int(rawValue) - 1]
  }
}
