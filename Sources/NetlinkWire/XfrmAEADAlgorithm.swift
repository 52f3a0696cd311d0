// SPDX-License-Identifier: Apache-2.0

/// A combined-mode cipher with its key, salt included, and ICV length
/// (`XFRMA_ALG_AEAD`); `struct xfrm_algo_aead` followed by the key bytes.
public struct XfrmAEADAlgorithm: Hashable, Sendable {
  /// `alg_name`, e.g. `rfc4106(gcm(aes))`.
  public var name: String
  /// `alg_key_len`, in bits, host order.
  public var keyBits: UInt32
  /// `alg_icv_len`: ICV bits, host order.
  public var icvBits: UInt32
  /// `alg_key`.
  public var key: [UInt8]

  /// Creates an AEAD.
  public init(name: String, key: [UInt8], icvBits: UInt32, keyBits: UInt32? = nil) {
    self.name = name
    self.key = key
    self.icvBits = icvBits
    self.keyBits = keyBits ?? UInt32(key.count * 8)
  }
}

// MARK: - WireStruct

extension XfrmAEADAlgorithm: WireStruct {
  /// `sizeof(struct xfrm_algo_aead)`, without the key.
  public static let wireSize = 72

  /// Writes the struct and the key.
  public func encode(to writer: inout ByteWriter) {
    writer.write(bytes: Array(name.utf8), paddedTo: XfrmAlgorithm.nameSize)
    writer.write(keyBits, .host)
    writer.write(icvBits, .host)
    writer.write(bytes: key)
  }

  /// Reads the struct and the key.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_algo_aead"
    name = try reader.readCString(width: XfrmAlgorithm.nameSize, context)
    keyBits = try reader.read(UInt32.self, .host, context)
    icvBits = try reader.read(UInt32.self, .host, context)
    key = try reader.readBytes((Int(keyBits) + 7) / 8, context)
  }
}
