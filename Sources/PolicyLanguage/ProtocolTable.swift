// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// Upper-layer protocol names, as setkey reads them from `/etc/protocols`, with a built-in
/// table for the names every configuration uses when that file is missing (containers).
struct ProtocolTable {
  /// Name (lowercase) to protocol number.
  private(set) var numbers: [String: UInt8]

  /// Names this tool always knows, whatever the system file says. `icmp6` and `ip4` are
  /// setkey's own spellings, which `/etc/protocols` does not always carry.
  static let builtIn: [String: UInt8] = [
    "ip4": 4, "ipv4": 4, "ipencap": 4, "tcp": 6, "udp": 17, "ipv6": 41, "gre": 47,
    "esp": 50, "ah": 51, "icmp": 1, "icmp6": 58, "ipv6-icmp": 58, "ipcomp": 108,
    "sctp": 132, "mh": 135, "ipv6-mh": 135,
  ]

  /// The built-in names plus those of `/etc/protocols`, read once.
  static let system = ProtocolTable(path: "/etc/protocols")

  /// Reads a protocols(5) file; a missing file leaves the built-in names.
  init(path: String) {
    numbers = Self.builtIn
    guard let text = Self.read(path) else { return }

    for line in text.split(separator: "\n") {
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
      let fields = content.first?.split(whereSeparator: { $0 == " " || $0 == "\t" }) ?? []
      guard fields.count >= 2, let number = UInt8(fields[1]) else { continue }

      for name in [fields[0]] + fields.dropFirst(2) where numbers[name.lowercased()] == nil {
        numbers[name.lowercased()] = number
      }
    }
  }

  /// The number of a protocol name, case-insensitively.
  func number(named name: String) -> UInt8? { numbers[name.lowercased()] }

  /// The whole file, or nil when it cannot be read.
  private static func read(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }

    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Port names for `[name]` in addresses, looked up as setkey's `getaddrinfo` call did.
enum ServiceTable {
  /// The port of a service name from `/etc/services`, or nil.
  static func port(named name: String) -> UInt16? {
    guard let entry = getservbyname(name, nil) else { return nil }
    return UInt16(bigEndian: UInt16(truncatingIfNeeded: entry.pointee.s_port))
  }
}
