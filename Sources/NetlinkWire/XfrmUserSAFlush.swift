// SPDX-License-Identifier: Apache-2.0

/// A FLUSHSA request; `struct xfrm_usersa_flush`, a single byte.
public struct XfrmUserSAFlush: Hashable, Sendable {
  /// `proto`: 0 flushes every SA, `IPSEC_PROTO_ANY` ESP/AH/IPComp, otherwise one.
  public var proto: UInt8

  /// Creates a request.
  public init(proto: UInt8) { self.proto = proto }
}

// MARK: - WireStruct

extension XfrmUserSAFlush: WireStruct {
  /// `sizeof(struct xfrm_usersa_flush)`.
  public static let wireSize = 1

  /// Writes the byte.
  public func encode(to writer: inout ByteWriter) { writer.write(proto, .host) }

  /// Reads the byte.
  public init(decoding reader: inout ByteReader) throws {
    proto = try reader.read(UInt8.self, .host, "struct xfrm_usersa_flush")
  }
}
