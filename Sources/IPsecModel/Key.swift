// SPDX-License-Identifier: Apache-2.0

/// Key material. Its description never shows the bytes, so a key cannot leak into a log or
/// an error through string interpolation; call `hexadecimal` when printing it is intended.
public struct Key: Hashable, Sendable {
  /// The raw key bytes.
  public var bytes: [UInt8]

  /// Wraps key bytes.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Key length in bits.
  public var bitCount: Int { bytes.count * 8 }

  /// Lowercase hex of the whole key, for output that is meant to show keys.
  public var hexadecimal: String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Overwrites the bytes with zeros; call when the key has been sent.
  public mutating func wipe() {
    for index in bytes.indices { bytes[index] = 0 }
    bytes.removeAll()
  }
}

extension Key: CustomStringConvertible, CustomDebugStringConvertible {
  /// Always redacted.
  public var description: String { "<key: \(bitCount) bits>" }

  /// Always redacted.
  public var debugDescription: String { description }
}
