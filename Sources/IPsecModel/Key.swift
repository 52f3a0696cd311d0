// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// Key material. Its description never shows the bytes, so a key cannot leak into a log or
/// an error through string interpolation; call `hexadecimal` when printing it is intended.
///
/// The bytes live in storage that zeroes them when the last copy of the key goes away, so
/// a key dropped after it was sent or printed leaves no copy in freed memory (an array
/// taken from `bytes` and kept longer is that holder's to wipe).
public struct Key: Hashable, Sendable {
  /// Holds the bytes; wipes them on release. Only `deinit` writes `bytes`, when nothing
  /// else can see this object, hence the unchecked `Sendable`.
  private final class Storage: @unchecked Sendable {
    private(set) var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    deinit {
      // In place when this is the array's only holder; an array still shared with a
      // caller is copied first and stays theirs, unchanged.
      bytes.withUnsafeMutableBytes { raw in
        if let start = raw.baseAddress { explicit_bzero(start, raw.count) }
      }
    }
  }

  private var storage: Storage

  /// The raw key bytes.
  public var bytes: [UInt8] {
    get { storage.bytes }
    set { storage = Storage(newValue) }
  }

  /// Wraps key bytes.
  public init(_ bytes: [UInt8]) { storage = Storage(bytes) }

  /// Key length in bits.
  public var bitCount: Int { storage.bytes.count * 8 }

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

  /// Drops the bytes from this key; they are zeroed once no other copy holds them.
  public mutating func wipe() { storage = Storage([]) }

  public static func == (left: Key, right: Key) -> Bool { left.bytes == right.bytes }

  public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

extension Key: CustomStringConvertible, CustomDebugStringConvertible {
  /// Always redacted.
  public var description: String { "<key: \(bitCount) bits>" }

  /// Always redacted.
  public var debugDescription: String { description }
}
