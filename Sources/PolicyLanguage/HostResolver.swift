import IPsecModel

// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// Turns a host name into addresses. setkey resolves every name when it reads a statement;
/// the parser asks through this protocol so tests can answer without a network.
public protocol HostResolver {
  /// Every address of `name`, optionally only of one family; throws when the name is unknown.
  func resolve(_ name: String, family: AddressFamily?) throws -> [IPAddress]
}

/// Why a name did not resolve.
public struct ResolutionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The resolver's explanation, as `gai_strerror` words it.
  public var reason: String

  /// Creates an error.
  public init(_ reason: String) { self.reason = reason }

  /// The reason, lowercased as diagnostics are.
  public var description: String { reason.prefix(1).lowercased() + reason.dropFirst() }
}

/// The system's resolver (`getaddrinfo`); numeric addresses never reach it.
public struct SystemResolver: HostResolver {
  /// Creates the resolver.
  public init() {}

  /// Resolves through `getaddrinfo`, keeping the order it returns and dropping duplicates.
  public func resolve(_ name: String, family: AddressFamily?) throws -> [IPAddress] {
    if let numeric = IPAddress(name) {
      return family == nil || numeric.family == family ? [numeric] : []
    }

    var hints = addrinfo()
    hints.ai_family = family == .ipv4 ? AF_INET : family == .ipv6 ? AF_INET6 : AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(name, nil, &hints, &list)
    guard status == 0 else { throw ResolutionError(String(cString: gai_strerror(status))) }
    defer { freeaddrinfo(list) }

    var found: [IPAddress] = []
    var entry = list
    while let info = entry?.pointee {
      if let address = Self.address(of: info), !found.contains(address) {
        found.append(address)
      }
      entry = info.ai_next
    }
    return found
  }

  /// The address inside one `addrinfo` entry.
  private static func address(of info: addrinfo) -> IPAddress? {
    guard let raw = info.ai_addr else { return nil }
    switch info.ai_family {
    case AF_INET:
      return raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
        withUnsafeBytes(of: sin.pointee.sin_addr) { IPAddress(bytes: Array($0)) }
      }
    case AF_INET6:
      return raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
        withUnsafeBytes(of: sin6.pointee.sin6_addr) { IPAddress(bytes: Array($0)) }
      }
    default:
      return nil
    }
  }
}
