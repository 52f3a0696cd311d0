// SPDX-License-Identifier: Apache-2.0

/// The byte order of one field on the wire. Netlink headers and most xfrm fields are in
/// host order; SPIs, ports and addresses are in network (big-endian) order.
public enum ByteOrder: Sendable {
  /// Network order: most significant byte first.
  case big
  /// Least significant byte first.
  case little
  /// Whatever this machine uses; what the kernel expects for `__u32` and friends.
  case host

  /// `host` resolved to `big` or `little`.
  var resolved: ByteOrder {
    guard self == .host else { return self }
    return UInt16(1).littleEndian == 1 ? .little : .big
  }
}
