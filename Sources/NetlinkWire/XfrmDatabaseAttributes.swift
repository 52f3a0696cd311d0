// SPDX-License-Identifier: Apache-2.0

/// Attributes of the SAD and SPD information messages (`enum xfrm_sadattr_type_t`,
/// `enum xfrm_spdattr_type_t`). Their numbers overlap, so each message reads its own.
public enum XfrmDatabaseAttribute {
  /// `XFRMA_SAD_CNT`: `__u32`.
  public static let sadCount: UInt16 = 1
  /// `XFRMA_SAD_HINFO`: `struct xfrmu_sadhinfo` (`sadhcnt`, `sadhmcnt`).
  public static let sadHashInfo: UInt16 = 2
  /// `XFRMA_SPD_INFO`: `struct xfrmu_spdinfo`, six `__u32` counts.
  public static let spdInfo: UInt16 = 1
  /// `XFRMA_SPD_HINFO`: `struct xfrmu_spdhinfo` (`spdhcnt`, `spdhmcnt`).
  public static let spdHashInfo: UInt16 = 2
  /// `XFRMA_SPD_IPV4_HTHRESH`: `struct xfrmu_spdhthresh` (`lbits`, `rbits`).
  public static let spdIPv4Threshold: UInt16 = 3
  /// `XFRMA_SPD_IPV6_HTHRESH`: `struct xfrmu_spdhthresh`.
  public static let spdIPv6Threshold: UInt16 = 4

  /// The `__u32` flags word that starts GETSADINFO, GETSPDINFO and NEWSPDINFO bodies;
  /// the kernel ignores it and `ip xfrm` sends all ones.
  public static let requestFlags: UInt32 = .max
}

/// The message types of the global settings (`XFRM_MSG_*`).
extension NetlinkMessageType {
  /// `XFRM_MSG_NEWSADINFO`: the GETSADINFO reply.
  public static let newSADInfo = Self(rawValue: 0x22)
  /// `XFRM_MSG_GETSADINFO`.
  public static let getSADInfo = Self(rawValue: 0x23)
  /// `XFRM_MSG_NEWSPDINFO`: sets thresholds; also the GETSPDINFO reply.
  public static let newSPDInfo = Self(rawValue: 0x24)
  /// `XFRM_MSG_GETSPDINFO`.
  public static let getSPDInfo = Self(rawValue: 0x25)
  /// `XFRM_MSG_SETDEFAULT` (Linux 5.16).
  public static let setDefault = Self(rawValue: 0x27)
  /// `XFRM_MSG_GETDEFAULT` (Linux 5.16); the reply has the same type.
  public static let getDefault = Self(rawValue: 0x28)
}
