// SPDX-License-Identifier: Apache-2.0

/// An authenticator with its key and truncation (`XFRMA_ALG_AUTH_TRUNC`);
/// `struct xfrm_algo_auth` followed by the key bytes.
public struct XfrmAuthenticationAlgorithm: Hashable, Sendable {
  /// `alg_name`, e.g. `hmac(sha256)`.
  public var name: String
  /// `alg_key_len`, in bits, host order.
  public var keyBits: UInt32
  /// `alg_trunc_len`: ICV bits sent, host order.
  public var truncationBits: UInt32
  /// `alg_key`.
  public var key: [UInt8]

  /// Creates an authenticator.
  public init(name: String, key: [UInt8], truncationBits: UInt32, keyBits: UInt32? = nil) {
    self.name = name
    self.key = key
    self.truncationBits = truncationBits
    self.keyBits = keyBits ?? UInt32(key.count * 8)
  }
}

// MARK: - WireStruct

extension XfrmAuthenticationAlgorithm: WireStruct {
  /// `sizeof(struct xfrm_algo_auth)`, without the key.
  public static let wireSize = 72

  /// Writes the struct and the key.
  public func encode(to writer: inout ByteWriter) {
    writer.write(bytes: Array(name.utf8), paddedTo: XfrmAlgorithm.nameSize)
    writer.write(keyBits, .host)
    writer.write(truncationBits, .host)
    writer.write(bytes: key)
  }

  /// Reads the struct and the key.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_algo_auth"
    name = try reader.readCString(width: XfrmAlgorithm.nameSize, context)
    keyBits = try reader.read(UInt32.self, .host, context)
    truncationBits = try reader.read(UInt32.self, .host, context)
    key = try reader.readBytes((Int(keyBits) + 7) / 8, context)
  }
}
