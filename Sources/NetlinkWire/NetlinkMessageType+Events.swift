// SPDX-License-Identifier: Apache-2.0

// MARK: - Messages the kernel multicasts

extension NetlinkMessageType {
  /// `XFRM_MSG_NEWAE`: an SA's replay counters or lifetime crossed a threshold.
  public static let newAsyncEvent = Self(rawValue: 0x1e)
  /// `XFRM_MSG_GETAE`.
  public static let getAsyncEvent = Self(rawValue: 0x1f)
  /// `XFRM_MSG_REPORT`: a protocol reported a problem with traffic, e.g. MIPv6.
  public static let report = Self(rawValue: 0x20)
  /// `XFRM_MSG_MIGRATE`: SAs and policies moved to new endpoints.
  public static let migrate = Self(rawValue: 0x21)
  /// `XFRM_MSG_MAPPING`: the NAT in front of a peer changed its address or port.
  public static let mapping = Self(rawValue: 0x26)

  /// The kernel's name for every xfrm message, including those the control table in
  /// `NetlinkMessageType.name` does not list.
  public var eventName: String {
    switch self {
    case .newAsyncEvent: "XFRM_MSG_NEWAE"
    case .getAsyncEvent: "XFRM_MSG_GETAE"
    case .report: "XFRM_MSG_REPORT"
    case .migrate: "XFRM_MSG_MIGRATE"
    case .mapping: "XFRM_MSG_MAPPING"
    default: name
    }
  }
}

// MARK: - Attributes of event messages

extension XfrmAttributeType {
  /// `XFRMA_SA`: the `struct xfrm_usersa_info` of a deleted SA (DELSA notification).
  public static let sa = Self(rawValue: 6)
  /// `XFRMA_POLICY`: the `struct xfrm_userpolicy_info` of a deleted policy.
  public static let policy = Self(rawValue: 7)
  /// `XFRMA_LTIME_VAL`: `struct xfrm_lifetime_cur` in an async event.
  public static let lifetimeCurrent = Self(rawValue: 9)
  /// `XFRMA_REPLAY_THRESH`: `__u32` packets between replay events.
  public static let replayThreshold = Self(rawValue: 11)
  /// `XFRMA_ETIMER_THRESH`: `__u32` tenths of a second between timer events.
  public static let eventTimerThreshold = Self(rawValue: 12)
  /// `XFRMA_COADDR`: `xfrm_address_t`, a care-of address in a report.
  public static let careOfAddress = Self(rawValue: 14)
  /// `XFRMA_MIGRATE`: an array of `struct xfrm_user_migrate`.
  public static let migrate = Self(rawValue: 17)
  /// `XFRMA_KMADDRESS`: `struct xfrm_user_kmaddress`.
  public static let keyManagerAddress = Self(rawValue: 19)
}
