// SPDX-License-Identifier: Apache-2.0

/// A cipher or compressor with its key (`XFRMA_ALG_CRYPT`, `XFRMA_ALG_COMP`,
/// `XFRMA_ALG_AUTH`); `struct xfrm_algo` followed by the key bytes.
public struct XfrmAlgorithm: Hashable, Sendable {
  /// Bytes of `alg_name`.
  public static let nameSize = 64

  /// `alg_name`: the crypto API name, e.g. `cbc(aes)`.
  public var name: String
  /// `alg_key_len`, in bits, host order.
  public var keyBits: UInt32
  /// `alg_key`: `(keyBits + 7) / 8` bytes.
  public var key: [UInt8]

  /// Creates an algorithm; the key length defaults to the key's size.
  public init(name: String, key: [UInt8], keyBits: UInt32? = nil) {
    self.name = name
    self.key = key
    self.keyBits = keyBits ?? UInt32(key.count * 8)
  }
}

// MARK: - WireStruct

extension XfrmAlgorithm: WireStruct {
  /// `sizeof(struct xfrm_algo)`, without the key.
  public static let wireSize = 68

  /// Writes the struct and the key.
  public func encode(to writer: inout ByteWriter) {
    writer.write(bytes: Array(name.utf8), paddedTo: Self.nameSize)
    writer.write(keyBits, .host)
    writer.write(bytes: key)
  }

  /// Reads the struct and `(alg_key_len + 7) / 8` key bytes.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_algo"
    name = try reader.readCString(width: Self.nameSize, context)
    keyBits = try reader.read(UInt32.self, .host, context)
    key = try reader.readBytes((Int(keyBits) + 7) / 8, context)
  }
}
