// SPDX-License-Identifier: Apache-2.0
import IPsecModel

// MARK: - Statement text

extension SaveFormatter {
  /// `add -n SRC DST PROTO SPI -m MODE ... ;` with every option the SA needs.
  func saText(_ sa: SecurityAssociation, entry: SaveEntryName) throws(SaveError) -> String {
    var source = sa.id.source.description
    var destination = sa.id.destination.description
    var proto = sa.id.securityProtocol.rawValue
    var encapsulation: String?
    if let encap = sa.encapsulation {
      let other = Self.encapsulationNames[encap.type]
      guard encap.type == 2 || other != nil && encap.originalAddress == nil,
        sa.id.securityProtocol == .esp
      else {
        throw SaveError(
          entry: entry, reason: "no syntax for NAT-T encapsulation type \(encap.type)")
      }
      source += "[\(encap.sourcePort)]"
      destination += "[\(encap.destinationPort)]"
      if let other {
        encapsulation = "-encap \(other)"
      } else {
        proto = "esp-udp"
        if let original = encap.originalAddress { proto += " \(original)" }
      }
    }
    guard sa.mode != .beet else {
      throw SaveError(entry: entry, reason: "no syntax for mode 'beet'")
    }

    var words = ["add -n", source, destination, proto, "0x" + String(sa.id.spi, radix: 16)]
    words.append("-m \(sa.mode == .any ? "transport" : sa.mode.rawValue)")
    if sa.reqid != 0 { words.append("-u \(sa.reqid)") }
    if sa.replayWindow != 0 { words.append("-r \(sa.replayWindow)") }
    if sa.flags != StatementParser.defaultStateFlags(of: sa) {
      let names = JSONDumpFormatter.flagNames.filter { sa.flags.contains($0.0) }.map(\.1)
      words.append("-flags " + (names.isEmpty ? "none" : names.joined(separator: ",")))
    }
    if let encapsulation { words.append(encapsulation) }
    words += try xfrmEraWords(sa, entry: entry)
    words += try algorithmWords(sa, entry: entry)
    words += limitWords(sa.lifetime)
    if let selector = sa.selector, selector != .any(selector.family) {
      words.append("-sel " + selectorWords(selector))
    }
    if let context = sa.securityContext { words.append(try contextWords(context, entry: entry)) }
    return words.joined(separator: " ") + " ;\n"
  }

  // MARK: - Pieces

  /// `-E name 0xKEY`, `-A name 0xKEY`, `-C name`, and `-icv N` when the ICV is not the
  /// default of the name (always for hmac-sha2, so `--sha2-96` cannot change it).
  private func algorithmWords(_ sa: SecurityAssociation, entry: SaveEntryName) throws(SaveError)
    -> [String]
  {
    var words: [String] = []
    var icv: Int?
    func named(_ choice: AlgorithmKey) throws(SaveError) -> String {
      let name = SetkeyDumpFormatter().setkeyName(choice)
      guard
        let entryInCatalogue = AlgorithmCatalogue.lookup(
          setkeyName: name, option: [choice.algorithm.kind]),
        entryInCatalogue.kernelName == choice.algorithm.kernelName
      else {
        throw SaveError(entry: entry, reason: "algorithm '\(name)' has no setkey name")
      }
      return name
    }
    func keyed(_ option: String, _ choice: AlgorithmKey) throws(SaveError) -> String {
      let name = try named(choice)
      return choice.key.bytes.isEmpty
        ? "\(option) \(name)" : "\(option) \(name) 0x\(choice.key.hexadecimal)"
    }

    if let aead = sa.aead {
      words.append(try keyed("-E", aead))
      let implied = AlgorithmCatalogue.lookup(setkeyName: try named(aead), option: [.aead])
      if implied?.icvBits != aead.icvBits { icv = aead.icvBits }
    }
    if let encryption = sa.encryption { words.append(try keyed("-E", encryption)) }
    if let authentication = sa.authentication {
      words.append(try keyed("-A", authentication))
      let name = try named(authentication)
      let implied = AlgorithmCatalogue.lookup(setkeyName: name, option: [.authentication])
      if implied?.icvBits != authentication.icvBits || name.hasPrefix("hmac-sha2")
        || ["hmac-sha256", "hmac-sha384", "hmac-sha512"].contains(name)
      {
        icv = authentication.icvBits
      }
    }
    if let compression = sa.compression { words.append("-C \(try named(compression))") }
    if let icv { words.append("-icv \(icv)") }
    return words
  }

  /// Every non-zero limit, with setkey's option where it had one.
  func limitWords(_ limits: LifetimeLimits) -> [String] {
    let any =
      limits.hardAddSeconds | limits.softAddSeconds | limits.hardBytes | limits.softBytes
      | limits.hardPackets | limits.softPackets | limits.hardUseSeconds | limits.softUseSeconds
    guard any != 0 else { return [] }
    let options: [(String, UInt64)] = [
      ("-lh", limits.hardAddSeconds), ("-ls", limits.softAddSeconds),
      ("-bh", limits.hardBytes), ("-bs", limits.softBytes),
      ("-ph", limits.hardPackets), ("-ps", limits.softPackets),
      ("-uh", limits.hardUseSeconds), ("-us", limits.softUseSeconds),
    ]
    return options.filter { $0.1 != 0 }.map { "\($0.0) \($0.1)" }
  }

  /// `SRC/LEN[PORT] DST/LEN[PORT] PROTO` for `-sel`, ports exact.
  private func selectorWords(_ selector: TrafficSelector) -> String {
    func endpoint(_ prefix: IPPrefix, _ port: UInt16?) -> String {
      "\(prefix)" + (port.map { "[\($0)]" } ?? "")
    }
    let proto = selector.upperProtocol.map(String.init) ?? "any"
    return endpoint(selector.source, selector.sourcePort) + " "
      + endpoint(selector.destination, selector.destinationPort) + " " + proto
  }

  /// `-ctx DOI ALG "TEXT"`; a context with a `"` or a NUL has no syntax.
  func contextWords(_ context: SecurityContext, entry: SaveEntryName) throws(SaveError)
    -> String
  {
    guard !context.context.contains("\""), !context.context.contains("\0") else {
      throw SaveError(entry: entry, reason: "no syntax for a security context with '\"'")
    }
    return "-ctx \(context.doi) \(context.algorithm) \"\(context.context)\""
  }
}
