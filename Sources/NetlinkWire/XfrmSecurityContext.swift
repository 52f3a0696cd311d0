// SPDX-License-Identifier: Apache-2.0

/// A security context (`XFRMA_SEC_CTX`); `struct xfrm_user_sec_ctx` followed by the
/// context string, not NUL-terminated.
public struct XfrmSecurityContext: Hashable, Sendable {
  /// `XFRM_SC_DOI_LSM`... as setkey gives it (`ctx_doi`).
  public var doi: UInt8
  /// `ctx_alg`.
  public var algorithm: UInt8
  /// The context bytes (`ctx_len` of them).
  public var context: [UInt8]

  /// Creates a context.
  public init(doi: UInt8, algorithm: UInt8, context: [UInt8]) {
    self.doi = doi
    self.algorithm = algorithm
    self.context = context
  }
}

// MARK: - WireStruct

extension XfrmSecurityContext: WireStruct {
  /// `sizeof(struct xfrm_user_sec_ctx)`, without the string.
  public static let wireSize = 8

  /// Writes the header (`len` covers header and string, `exttype` is `XFRMA_SEC_CTX`)
  /// and the string.
  public func encode(to writer: inout ByteWriter) {
    writer.write(UInt16(Self.wireSize + context.count), .host)
    writer.write(XfrmAttributeType.securityContext.rawValue, .host)
    writer.write(algorithm, .host)
    writer.write(doi, .host)
    writer.write(UInt16(context.count), .host)
    writer.write(bytes: context)
  }

  /// Reads the header and `ctx_len` bytes of string.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_user_sec_ctx"
    try reader.skip(4, context)
    algorithm = try reader.read(UInt8.self, .host, context)
    doi = try reader.read(UInt8.self, .host, context)
    let length = try reader.read(UInt16.self, .host, context)
    self.context = try reader.readBytes(Int(length), context)
  }
}
