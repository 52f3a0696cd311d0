// SPDX-License-Identifier: Apache-2.0

/// Names one policy for GETPOLICY and DELPOLICY, by selector and direction or by index;
/// `struct xfrm_userpolicy_id`.
public struct XfrmUserPolicyID: Hashable, Sendable {
  /// `sel`.
  public var selector = XfrmSelector()
  /// `index`, host order; when non-zero it names the policy alone.
  public var index: UInt32 = 0
  /// `dir`.
  public var direction = XfrmPolicyDirection.inbound

  /// An all-zero id.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserPolicyID: WireStruct {
  /// `sizeof(struct xfrm_userpolicy_id)`.
  public static let wireSize = 64

  /// Writes the id.
  public func encode(to writer: inout ByteWriter) {
    selector.encode(to: &writer)
    writer.write(index, .host)
    writer.write(direction.rawValue, .host)
    writer.writeZeros(3)
  }

  /// Reads an id.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_userpolicy_id"
    selector = try XfrmSelector(decoding: &reader)
    index = try reader.read(UInt32.self, .host, context)
    direction = XfrmPolicyDirection(rawValue: try reader.read(UInt8.self, .host, context))
    try reader.skip(3, context)
  }
}
