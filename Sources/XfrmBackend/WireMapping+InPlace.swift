// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Model values written straight into a message's bytes, field for field the same as the
/// wire structs `WireMapping` builds, but without building them: a bulk load writes
/// hundreds of thousands of selectors and templates, and a struct with an array per
/// address cost more than the kernel's own work.
extension WireMapping {
  /// `struct xfrm_selector` of a model selector (`selector(_:)` on the wire).
  static func write(_ selector: TrafficSelector, to fields: inout FixedFieldWriter) {
    write(selector.destination.address, to: &fields)
    write(selector.source.address, to: &fields)
    fields.write(selector.destinationPort ?? 0, .big)
    fields.write(UInt16(selector.destinationPort == nil ? 0 : 0xffff), .big)
    fields.write(selector.sourcePort ?? 0, .big)
    fields.write(UInt16(selector.sourcePort == nil ? 0 : 0xffff), .big)
    fields.write(family(selector.family), .host)
    fields.write(UInt8(selector.destination.length), .host)
    fields.write(UInt8(selector.source.length), .host)
    fields.write(selector.upperProtocol ?? 0, .host)
    fields.skip(3)
    fields.write(selector.interfaceIndex, .host)
    fields.write(selector.user, .host)
  }

  /// `struct xfrm_lifetime_cfg` of model limits: a byte or packet limit of 0 (none) is
  /// `XFRM_INF`.
  static func write(_ limits: LifetimeLimits, to fields: inout FixedFieldWriter) {
    func limit(_ value: UInt64) -> UInt64 { value == 0 ? Xfrm.infinity : value }
    fields.write(limit(limits.softBytes), .host)
    fields.write(limit(limits.hardBytes), .host)
    fields.write(limit(limits.softPackets), .host)
    fields.write(limit(limits.hardPackets), .host)
    fields.write(limits.softAddSeconds, .host)
    fields.write(limits.hardAddSeconds, .host)
    fields.write(limits.softUseSeconds, .host)
    fields.write(limits.hardUseSeconds, .host)
  }

  /// An `xfrm_address_t`: the address's bytes, zero-filled to 16.
  static func write(_ address: IPAddress, to fields: inout FixedFieldWriter) {
    address.withUnsafeBytes { fields.write(bytes: $0, paddedTo: Xfrm.addressSize) }
  }

  /// An `xfrm_address_t` left all zero (no address given).
  static func write(_ address: IPAddress?, to fields: inout FixedFieldWriter) {
    guard let address else { return fields.skip(Xfrm.addressSize) }
    write(address, to: &fields)
  }
}
