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
public struct IPAddress: Hashable, Sendable {
  /// The family, which fixes the length of `bytes`.
  public let family: AddressFamily

  /// 4 or 16 bytes in network order.
  public let bytes: [UInt8]

  /// Wraps raw bytes; returns nil unless there are exactly 4 or 16 of them.
  public init?(bytes: [UInt8]) {
    switch bytes.count {
    case 4: family = .ipv4
    case 16: family = .ipv6
    default: return nil
    }
    self.bytes = bytes
  }

  /// Parses a numeric address (`192.0.2.1`, `2001:db8::1`); names are not resolved here.
  public init?(_ text: String) {
    var text = text
    var buffer: (UInt64, UInt64) = (0, 0)
    var family = AF_INET
    let parsed = text.withUTF8 { whole in
      if whole.contains(UInt8(ascii: ":")) { family = AF_INET6 }
      // inet_pton reads a C string, up to a NUL. No address is 64 bytes long, so one on
      // the stack holds any text it could accept.
      let end = whole.firstIndex(of: 0) ?? whole.count
      let utf8 = UnsafeBufferPointer(rebasing: whole[..<end])
      var cString: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)
      return withUnsafeMutableBytes(of: &cString) { characters -> Int32 in
        guard utf8.count < characters.count else { return 0 }
        characters.copyMemory(from: UnsafeRawBufferPointer(utf8))
        return withUnsafeMutableBytes(of: &buffer) { raw in
          inet_pton(
            family, characters.baseAddress!.assumingMemoryBound(to: CChar.self),
            raw.baseAddress)
        }
      }
    }
    guard parsed == 1 else { return nil }
    let length = family == AF_INET6 ? 16 : 4
    self.init(bytes: withUnsafeBytes(of: &buffer) { Array($0.prefix(length)) })
  }

  /// The unspecified address of a family (`0.0.0.0` or `::`).
  public static func any(_ family: AddressFamily) -> IPAddress {
    IPAddress(bytes: [UInt8](repeating: 0, count: family.addressLength))!
  }

  /// True for `0.0.0.0` and `::`.
  public var isUnspecified: Bool { bytes.allSatisfy { $0 == 0 } }
}

// MARK: - CustomStringConvertible

extension IPAddress: CustomStringConvertible {
  /// The canonical text form, as `inet_ntop` writes it.
  public var description: String {
    var text = [CChar](repeating: 0, count: 64)
    let af = family == .ipv4 ? AF_INET : AF_INET6
    bytes.withUnsafeBytes { raw in
      _ = inet_ntop(af, raw.baseAddress, &text, socklen_t(text.count))
    }
    return String(cString: text)
  }
}
