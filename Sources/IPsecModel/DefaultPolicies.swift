// SPDX-License-Identifier: Apache-2.0

/// What happens to traffic no policy matches, per direction (`XFRM_MSG_SETDEFAULT`,
/// `struct xfrm_userpolicy_default`, Linux 5.16). `discard` is `XFRM_USERPOLICY_BLOCK`,
/// `none` is `XFRM_USERPOLICY_ACCEPT`; nil leaves a direction as it is.
public struct DefaultPolicies: Hashable, Sendable {
  /// `in`.
  public var inbound: PolicyAction?
  /// `fwd`.
  public var forward: PolicyAction?
  /// `out`.
  public var outbound: PolicyAction?

  /// Creates a setting; directions not given stay as they are.
  public init(
    inbound: PolicyAction? = nil, forward: PolicyAction? = nil, outbound: PolicyAction? = nil
  ) {
    self.inbound = inbound
    self.forward = forward
    self.outbound = outbound
  }

  /// The action of one direction.
  public subscript(direction: PolicyDirection) -> PolicyAction? {
    get {
      switch direction {
      case .in: inbound
      case .fwd: forward
      case .out: outbound
      }
    }
    set {
      switch direction {
      case .in: inbound = newValue
      case .fwd: forward = newValue
      case .out: outbound = newValue
      }
    }
  }
}
