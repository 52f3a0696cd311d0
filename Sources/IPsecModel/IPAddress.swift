// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// The address family of an address or selector (`AF_INET`, `AF_INET6`).
public enum AddressFamily: Hashable, Sendable {
  case ipv4
  case ipv6

  /// Bytes in an address of this family.
  public var addressLength: Int { self == .ipv4 ? 4 : 16 }

  /// Longest prefix of this family.
  public var maximumPrefixLength: Int { addressLength * 8 }
}

/// An IPv4 or IPv6 address, held as network-order bytes.
///
/// The bytes live inline (two words), not in an array: a bulk load or dump makes several
/// addresses per entry, and an allocation for each was a large part of their cost.
public struct IPAddress: Hashable, Sendable {
  /// The family, which fixes how many bytes count.
  public let family: AddressFamily

  /// 16 bytes in network order; an IPv4 address uses the first 4, the rest stay zero.
  @usableFromInline var storage: (UInt64, UInt64) = (0, 0)

  /// Wraps raw bytes; returns nil unless there are exactly 4 or 16 of them.
  public init?(bytes: [UInt8]) {
    guard let address = bytes.withUnsafeBytes({ IPAddress(rawBytes: $0) }) else { return nil }
    self = address
  }

  /// Wraps raw bytes without an array; returns nil unless there are exactly 4 or 16.
  public init?(rawBytes: UnsafeRawBufferPointer) {
    switch rawBytes.count {
    case 4: family = .ipv4
    case 16: family = .ipv6
    default: return nil
    }
    withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: rawBytes) }
  }

  /// Parses a numeric address (`192.0.2.1`, `2001:db8::1`); names are not resolved here.
  public init?(_ text: String) {
    var text = text
    guard let address = text.withUTF8({ IPAddress(utf8: UnsafeRawBufferPointer($0)) }) else {
      return nil
    }
    self = address
  }

  /// Parses a numeric address from UTF-8 text that is not a `String` (a lexer's buffer).
  public init?(utf8 text: UnsafeRawBufferPointer) {
    // inet_pton reads a C string, up to a NUL. No address is 64 bytes long, so a buffer on
    // the stack holds any text it could accept.
    // One plain loop finds both the text's end and its family: the generic collection
    // searches cost more than inet_pton itself in a bulk parse.
    var end = 0
    var isIPv6 = false
    while end < text.count && text[end] != 0 {
      if text[end] == UInt8(ascii: ":") { isIPv6 = true }
      end += 1
    }
    var cString: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
      (0, 0, 0, 0, 0, 0, 0, 0)
    guard end < MemoryLayout.size(ofValue: cString) else { return nil }

    var storage: (UInt64, UInt64) = (0, 0)
    let parsed = withUnsafeMutableBytes(of: &cString) { characters -> Int32 in
      characters.copyMemory(from: UnsafeRawBufferPointer(rebasing: text[..<end]))
      return withUnsafeMutableBytes(of: &storage) { raw in
        inet_pton(
          isIPv6 ? AF_INET6 : AF_INET,
          characters.baseAddress!.assumingMemoryBound(to: CChar.self), raw.baseAddress)
      }
    }
    guard parsed == 1 else { return nil }
    family = isIPv6 ? .ipv6 : .ipv4
    self.storage = storage
  }

  /// The unspecified address of a family (`0.0.0.0` or `::`).
  public static func any(_ family: AddressFamily) -> IPAddress {
    IPAddress(unspecified: family)
  }

  private init(unspecified family: AddressFamily) {
    self.family = family
  }

  /// The 4 or 16 bytes in network order, as a new array.
  public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

  /// Calls `body` with the 4 or 16 bytes in network order, without copying them.
  /// Inlinable, so an encoder in another module gets it specialized: a bulk load
  /// writes two addresses per entry.
  @inlinable
  public func withUnsafeBytes<Result>(
    _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    var storage = storage
    let length = family.addressLength
    return try Swift.withUnsafeBytes(of: &storage) {
      try body(UnsafeRawBufferPointer(rebasing: $0.prefix(length)))
    }
  }

  /// True for `0.0.0.0` and `::`.
  public var isUnspecified: Bool { storage == (0, 0) }

  public static func == (left: IPAddress, right: IPAddress) -> Bool {
    left.family == right.family && left.storage == right.storage
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(family)
    hasher.combine(storage.0)
    hasher.combine(storage.1)
  }
}

// MARK: - CustomStringConvertible

extension IPAddress: CustomStringConvertible {
  /// The canonical text form, as `inet_ntop` writes it.
  public var description: String {
    var text = [CChar](repeating: 0, count: 64)
    let af = family == .ipv4 ? AF_INET : AF_INET6
    withUnsafeBytes { raw in
      _ = inet_ntop(af, raw.baseAddress, &text, socklen_t(text.count))
    }
    return String(cString: text)
  }
}
