// SPDX-License-Identifier: Apache-2.0

/// An SA reached a lifetime limit (`XFRM_MSG_EXPIRE`); `struct xfrm_user_expire`, the
/// SA then the `hard` byte, 232 bytes with the tail padding of its `__u64` members.
public struct XfrmUserExpire: Hashable, Sendable {
  /// `state`: the SA as it was when it expired.
  public var state = XfrmUserSAInfo()
  /// `hard`: 1 for a hard expiry (the SA is gone), 0 for soft (time to rekey).
  public var hard: UInt8 = 0

  /// A soft expiry of an all-default SA.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserExpire: WireStruct {
  /// `sizeof(struct xfrm_user_expire)`.
  public static let wireSize = 232

  /// Writes the expiry.
  public func encode(to writer: inout ByteWriter) {
    state.encode(to: &writer)
    writer.write(hard, .host)
    writer.writeZeros(Self.wireSize - XfrmUserSAInfo.wireSize - 1)
  }

  /// Reads an expiry.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_user_expire"
    state = try XfrmUserSAInfo(decoding: &reader)
    hard = try reader.read(UInt8.self, .host, context)
    try reader.skip(Self.wireSize - XfrmUserSAInfo.wireSize - 1, context)
  }
}
