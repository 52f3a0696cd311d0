// SPDX-License-Identifier: Apache-2.0

/// A protocol's report about traffic (`XFRM_MSG_REPORT`, sent for Mobile IPv6);
/// `struct xfrm_user_report`, 60 bytes. A care-of address may follow (`XFRMA_COADDR`).
public struct XfrmUserReport: Hashable, Sendable {
  /// `proto`: the protocol that reported (IPv6 routing header, destination options).
  public var proto: UInt8 = 0
  /// `sel`: the traffic concerned.
  public var selector = XfrmSelector()

  /// An all-zero report.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserReport: WireStruct {
  /// `sizeof(struct xfrm_user_report)`.
  public static let wireSize = 60

  /// Writes the report.
  public func encode(to writer: inout ByteWriter) {
    writer.write(proto, .host)
    writer.writeZeros(3)
    selector.encode(to: &writer)
  }

  /// Reads a report.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_user_report"
    proto = try reader.read(UInt8.self, .host, context)
    try reader.skip(3, context)
    selector = try XfrmSelector(decoding: &reader)
  }
}
