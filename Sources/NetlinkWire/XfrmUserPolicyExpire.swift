// SPDX-License-Identifier: Apache-2.0

/// A policy reached a lifetime limit (`XFRM_MSG_POLEXPIRE`); `struct xfrm_user_polexpire`,
/// the policy then the `hard` byte, 176 bytes with tail padding. The policy's templates
/// follow as `XFRMA_TMPL`.
public struct XfrmUserPolicyExpire: Hashable, Sendable {
  /// `pol`.
  public var policy = XfrmUserPolicyInfo()
  /// `hard`: 1 for a hard expiry (the policy is gone), 0 for soft.
  public var hard: UInt8 = 0

  /// A soft expiry of an all-default policy.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserPolicyExpire: WireStruct {
  /// `sizeof(struct xfrm_user_polexpire)`.
  public static let wireSize = 176

  /// Writes the expiry.
  public func encode(to writer: inout ByteWriter) {
    policy.encode(to: &writer)
    writer.write(hard, .host)
    writer.writeZeros(Self.wireSize - XfrmUserPolicyInfo.wireSize - 1)
  }

  /// Reads an expiry.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_user_polexpire"
    policy = try XfrmUserPolicyInfo(decoding: &reader)
    hard = try reader.read(UInt8.self, .host, context)
    try reader.skip(Self.wireSize - XfrmUserPolicyInfo.wireSize - 1, context)
  }
}
