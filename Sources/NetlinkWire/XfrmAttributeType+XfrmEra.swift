// SPDX-License-Identifier: Apache-2.0

/// The xfrm_user attributes of the route-based and offload era.
extension XfrmAttributeType {
  /// `XFRMA_TFCPAD`: `__u32`, traffic flow confidentiality padding.
  public static let tfcPadding = Self(rawValue: 22)
  /// `XFRMA_ADDRESS_FILTER`: `struct xfrm_address_filter`, restricts a state dump.
  public static let addressFilter = Self(rawValue: 26)
  /// `XFRMA_OFFLOAD_DEV`: `struct xfrm_user_offload`.
  public static let offloadDevice = Self(rawValue: 28)
  /// `XFRMA_SET_MARK` (`XFRMA_OUTPUT_MARK`): `__u32`, the mark set after processing.
  public static let setMark = Self(rawValue: 29)
  /// `XFRMA_SET_MARK_MASK`: `__u32`, the bits `XFRMA_SET_MARK` writes.
  public static let setMarkMask = Self(rawValue: 30)
  /// `XFRMA_MTIMER_THRESH`: `__u32`, seconds before a NAT mapping change is reported.
  public static let mappingTimerThreshold = Self(rawValue: 32)
}
