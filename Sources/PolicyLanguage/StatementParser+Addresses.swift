// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// The `-4`, `-6` and `-n` flags before a statement's addresses.
struct AddressFlags {
  /// Only addresses of this family; the last of `-4`/`-6` wins, as in setkey.
  var family: AddressFamily?
  /// `-n`: numeric addresses only, no name lookups.
  var numericOnly = false
}

/// An address as written, `host[/prefix][[port]]`, with what the host resolved to.
struct Endpoint {
  /// The host token.
  var token: Token
  /// Every address the host stands for, in resolver order.
  var addresses: ResolvedAddresses
  /// The prefix length after `/`, if any.
  var prefixLength: Int?
  /// The port inside `[...]`; nil for `[any]`, `[0]` or none, which Linux treats alike.
  var port: UInt16?
}

/// The addresses a host stands for, never none. Almost always one, which is kept inline, so
/// a numeric address costs no allocation.
struct ResolvedAddresses: RandomAccessCollection {
  private var head: IPAddress
  private var tail: [IPAddress] = []

  /// Just `address`.
  init(_ address: IPAddress) { head = address }

  /// `addresses` in order; nil when there are none.
  init?(_ addresses: [IPAddress]) {
    guard let first = addresses.first else { return nil }
    head = first
    tail = Array(addresses.dropFirst())
  }

  var startIndex: Int { 0 }
  var endIndex: Int { tail.count + 1 }
  subscript(position: Int) -> IPAddress { position == 0 ? head : tail[position - 1] }
}

/// The source x destination pairs of one family, in order, without building an array.
struct AddressPairs: Sequence {
  /// The source addresses.
  var sources: ResolvedAddresses
  /// The destination addresses.
  var destinations: ResolvedAddresses

  func makeIterator() -> Iterator { Iterator(pairs: self) }

  /// Walks destinations within sources, skipping pairs of two families.
  struct Iterator: IteratorProtocol {
    fileprivate let pairs: AddressPairs
    private var source = 0
    private var destination = 0

    fileprivate init(pairs: AddressPairs) { self.pairs = pairs }

    mutating func next() -> (IPAddress, IPAddress)? {
      while source < pairs.sources.count {
        guard destination < pairs.destinations.count else {
          source += 1
          destination = 0
          continue
        }
        let from = pairs.sources[source]
        let to = pairs.destinations[destination]
        destination += 1
        if from.family == to.family { return (from, to) }
      }
      return nil
    }
  }
}

extension StatementParser {
  /// Reads flags such as `-4`, `-6n` or `-n` (combinable, as setkey's `-[n46]+`).
  mutating func parseAddressFlags() throws(Diagnostic) -> AddressFlags {
    var flags = AddressFlags()
    while peek().isOption {
      let token = peek()
      let letters = token.bytes.dropFirst()
      guard letters.allSatisfy({ Self.addressFlagLetters.contains($0) }) else { break }
      advance()
      for flag in letters {
        switch flag {
        case UInt8(ascii: "4"): flags.family = .ipv4
        case UInt8(ascii: "6"): flags.family = .ipv6
        default: flags.numericOnly = true
        }
      }
    }
    return flags
  }

  private static let addressFlagLetters: [UInt8] = Array("46n".utf8)

  /// Reads `host[/prefix][[port]]` (spaces allowed before `[`, the NetBSD form) and
  /// resolves the host.
  mutating func parseEndpoint(
    _ role: String, flags: AddressFlags, allowPrefix: Bool, allowPort: Bool = true
  ) throws(Diagnostic) -> Endpoint {
    let host = peek()
    if host.isOption { throw .misplacedOption(host, expected: "a \(role) address") }
    let token = try expectWord("a \(role) address")

    var prefixLength: Int?
    var prefixToken = token
    if peek().kind == .slash {
      let slash = advance()
      guard allowPrefix else { throw .prefixNotAllowed(slash) }
      let lengthToken = try expectWord("a prefix length")
      guard let length = Self.prefixLength(lengthToken) else {
        throw .invalidNumber(lengthToken, what: "prefix length")
      }
      prefixLength = length
      prefixToken = lengthToken
      try checkPrefix(length, lengthToken, of: token, flags: flags)
    }

    var port: UInt16?
    if peek().kind == .openBracket {
      let bracket = advance()
      guard allowPort else { throw .portNotAllowed(bracket) }
      port = try parsePort(expectWord("a port number or 'any'"))
      try expect(.closeBracket, "']'")
    }

    let addresses = try resolve(token, flags: flags)
    if let prefixLength,
      let wrong = addresses.first(where: {
        prefixLength > $0.family.maximumPrefixLength
      })
    {
      throw .prefixTooLong(prefixToken, host: token, family: wrong.family)
    }
    return Endpoint(token: token, addresses: addresses, prefixLength: prefixLength, port: port)
  }

  /// The number after `/`, as `Int(text)` reads it; nil unless it is 0 or more.
  private static func prefixLength(_ token: Token) -> Int? {
    if token.isAllDigits, let value = token.unsignedValue, value <= UInt64(Int.max) {
      return Int(value)
    }
    guard let length = Int(token.text), length >= 0 else { return nil }
    return length
  }

  /// A prefix longer than any address can have is wrong before resolving.
  private func checkPrefix(
    _ length: Int, _ lengthToken: Token, of host: Token, flags: AddressFlags
  ) throws(Diagnostic) {
    guard length > 128 || (length > 32 && flags.family == .ipv4) else { return }
    throw .prefixTooLong(lengthToken, host: host, family: flags.family ?? .ipv6)
  }

  /// The number inside `[...]`: `any`, a decimal port, or a service name.
  private func parsePort(_ token: Token) throws(Diagnostic) -> UInt16? {
    if token.hasText("any") { return nil }
    if token.isAllDigits {
      guard let port = token.unsignedValue.flatMap(UInt16.init(exactly:)) else {
        throw .invalidNumber(token, what: "port")
      }
      return port == 0 ? nil : port
    }
    guard let port = ServiceTable.port(named: token.text) else { throw .unknownPort(token) }
    return port
  }

  /// The addresses a host token stands for: numeric text directly, names through the
  /// resolver unless `-n` forbids it.
  /// A scope (`fe80::1%eth0`) is accepted and dropped: xfrm selectors have no scope id.
  func resolve(_ token: Token, flags: AddressFlags) throws(Diagnostic) -> ResolvedAddresses {
    let bytes = token.bytes
    let unscoped = UnsafeBufferPointer(rebasing: bytes.prefix { $0 != UInt8(ascii: "%") })
    if let numeric = IPAddress(utf8: UnsafeRawBufferPointer(unscoped)) {
      if let family = flags.family, numeric.family != family {
        throw .wrongFamily(token, family: family)
      }
      return ResolvedAddresses(numeric)
    }
    if flags.numericOnly { throw .notNumeric(token) }

    let found: [IPAddress]
    do {
      found = try options.resolver.resolve(token.text, family: flags.family)
    } catch {
      throw .unresolved(token, reason: "\(error)")
    }
    let usable = found.filter { flags.family == nil || $0.family == flags.family }
    guard let addresses = ResolvedAddresses(usable) else {
      throw .noAddress(token, family: flags.family)
    }
    return addresses
  }

  /// Every source x destination pair of one family, as setkey sends one message per pair.
  func pairs(_ source: Endpoint, _ destination: Endpoint) throws(Diagnostic) -> AddressPairs {
    let found = AddressPairs(sources: source.addresses, destinations: destination.addresses)
    var first = found.makeIterator()
    guard first.next() != nil else { throw .familyMismatch(destination.token, source.token) }
    return found
  }

  /// The one address a policy endpoint must have.
  func single(_ endpoint: Endpoint) throws(Diagnostic) -> IPAddress {
    guard endpoint.addresses.count == 1 else {
      throw .multipleAddresses(endpoint.token, count: endpoint.addresses.count)
    }
    return endpoint.addresses[0]
  }
}
