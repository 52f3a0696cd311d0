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
    self = try reader.readFields(Self.wireSize, "struct xfrm_userpolicy_info") {
      Self(fields: &$0)
    }
  }

  /// Reads the fields in wire order from a struct already known to be whole.
  init(fields: inout StructFieldReader) {
    self.init()
    selector = XfrmSelector(fields: &fields)
    lifetime = XfrmLifetimeConfig(fields: &fields)
    current = XfrmLifetimeCurrent(fields: &fields)
    priority = fields.read(UInt32.self, .host)
    index = fields.read(UInt32.self, .host)
    direction = XfrmPolicyDirection(rawValue: fields.read(UInt8.self, .host))
    action = XfrmPolicyAction(rawValue: fields.read(UInt8.self, .host))
    flags = fields.read(UInt8.self, .host)
    share = fields.read(UInt8.self, .host)
    fields.skip(4)
  }
}
