// SPDX-License-Identifier: Apache-2.0

/// The fixed part of a policy message (NEWPOLICY, UPDPOLICY, dumps);
/// `struct xfrm_userpolicy_info`, 168 bytes with its tail padding.
public struct XfrmUserPolicyInfo: Hashable, Sendable {
  /// `sel`.
  public var selector = XfrmSelector()
  /// `lft`.
  public var lifetime = XfrmLifetimeConfig()
  /// `curlft`.
  public var current = XfrmLifetimeCurrent()
  /// `priority`, host order; lower wins.
  public var priority: UInt32 = 0
  /// `index`, host order; 0 lets the kernel choose.
  public var index: UInt32 = 0
  /// `dir`.
  public var direction = XfrmPolicyDirection.inbound
  /// `action`.
  public var action = XfrmPolicyAction.allow
  /// `flags` (`XFRM_POLICY_LOCALOK`, `XFRM_POLICY_ICMP`).
  public var flags: UInt8 = 0
  /// `share` (`XFRM_SHARE_*`).
  public var share: UInt8 = 0

  /// An all-default policy.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserPolicyInfo: WireStruct {
  /// `sizeof(struct xfrm_userpolicy_info)`.
  public static let wireSize = 168

  /// Writes the policy.
  public func encode(to writer: inout ByteWriter) {
    selector.encode(to: &writer)
    lifetime.encode(to: &writer)
    current.encode(to: &writer)
    writer.write(priority, .host)
    writer.write(index, .host)
    writer.write(direction.rawValue, .host)
    writer.write(action.rawValue, .host)
    writer.write(flags, .host)
    writer.write(share, .host)
    writer.writeZeros(4)
  }

  /// Reads a policy.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_userpolicy_info"
    selector = try XfrmSelector(decoding: &reader)
    lifetime = try XfrmLifetimeConfig(decoding: &reader)
    current = try XfrmLifetimeCurrent(decoding: &reader)
    priority = try reader.read(UInt32.self, .host, context)
    index = try reader.read(UInt32.self, .host, context)
    direction = XfrmPolicyDirection(rawValue: try reader.read(UInt8.self, .host, context))
    action = XfrmPolicyAction(rawValue: try reader.read(UInt8.self, .host, context))
    flags = try reader.read(UInt8.self, .host, context)
    share = try reader.read(UInt8.self, .host, context)
    try reader.skip(4, context)
  }
}
