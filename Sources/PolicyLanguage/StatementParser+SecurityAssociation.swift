// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// The protocol word of an SA statement, with setkey's variants.
enum ProtocolChoice: String, CaseIterable {
  case esp
  case ah
  case ipcomp
  /// ESP in UDP (NAT traversal).
  case espUDP = "esp-udp"
  /// RFC 1827 ESP; Linux has none.
  case espOld = "esp-old"
  /// RFC 1826 AH; Linux has none.
  case ahOld = "ah-old"
  /// TCP-MD5 signature SAs (RFC 2385); Linux keeps those on the socket, not in the SAD.
  case tcp

  /// The xfrm protocol.
  var base: SecurityProtocol {
    switch self {
    case .esp, .espUDP, .espOld: .esp
    case .ah, .ahOld: .ah
    case .ipcomp, .tcp: .ipcomp
    }
  }
}

extension StatementParser {
  /// A protocol word; `tcp` fails here because no command can use it on Linux.
  func parseProtocol(_ token: Token) throws(Diagnostic) -> ProtocolChoice {
    guard token.kind == .word, let choice = ProtocolChoice(token) else {
      throw .unknownProtocol(token)
    }
    if choice == .tcp { throw .notOnLinux(token, what: "TCP-MD5 signature SAs") }
    return choice
  }

  /// `add|update [flags] src[[port]] dst[[port]] proto [oa] spi options ;`. Every resolved
  /// source x destination pair becomes a statement with the command's location.
  mutating func parseAdd(_ command: Token, isUpdate: Bool) throws(Diagnostic) {
    let flags = try parseAddressFlags()
    let source = try parseEndpoint("source", flags: flags, allowPrefix: false)
    let destination = try parseEndpoint("destination", flags: flags, allowPrefix: false)
    let protocolToken = try expectWord("a protocol ('esp', 'ah', 'ipcomp' or 'esp-udp')")
    let choice = try parseProtocol(protocolToken)
    if choice == .espOld || choice == .ahOld { throw .notOnLinux(protocolToken) }

    var originalAddress: IPAddress?
    if choice == .espUDP, peek().kind == .word, !peek().isOption, !Self.isNumber(peek()) {
      originalAddress = try resolve(advance(), flags: flags).first
    }
    let spiToken = try expectWord("an SPI")
    let spi: UInt32 = try number(spiToken, "SPI")
    if spi == 0 { throw .zeroSPI(spiToken) }
    var options = SAOptions()
    try parseSAOptions(into: &options, for: command)
    try checkAlgorithms(options, protocolToken: protocolToken, choice: choice)
    try checkXfrmEra(options, protocolToken: protocolToken, choice: choice)
    if choice == .ipcomp, spi > 0xffff { throw .cpiTooLarge(spiToken) }
    try expectEnd()

    for (from, to) in try pairs(source, destination) {
      let id = SecurityAssociationID(
        source: from, destination: to, securityProtocol: choice.base, spi: spi)
      var sa = SecurityAssociation(id: id)
      apply(options, to: &sa)
      options.saveExtensions.apply(to: &sa)
      if choice == .espUDP {
        sa.encapsulation = NATEncapsulation(
          sourcePort: source.port ?? 4500, destinationPort: destination.port ?? 4500,
          originalAddress: originalAddress)
      }
      applyXfrmEra(options, to: &sa, source: source, destination: destination)
      if options.saveExtensions.flags == nil { Self.allowAnyInnerFamily(&sa) }
      // `consume`: the SA is large, and handing it over beats copying it.
      if isUpdate {
        emit(Statement(.update(consume sa), at: command.location))
      } else {
        emit(Statement(.add(consume sa), at: command.location))
      }
    }
  }

  /// A tunnel SA without a selector of its own carries either family inside
  /// (`XFRM_STATE_AF_UNSPEC`), so IPv6-in-IPv4 and IPv4-in-IPv6 tunnels work as strongSwan
  /// and libreswan install them; otherwise xfrm_user would pin the selector to the outer
  /// family and the kernel would never pick the SA for inner traffic of the other one.
  /// `-flags` (saved files) replaces this default, `-flags none` included.
  static func allowAnyInnerFamily(_ sa: inout SecurityAssociation) {
    if sa.selector == nil { sa.flags.formUnion(defaultStateFlags(of: sa)) }
  }

  /// The state flags an SA gets without `-flags`: what `allowAnyInnerFamily` adds. A
  /// selector that matches everything counts as none, as the save format writes it.
  static func defaultStateFlags(of sa: SecurityAssociation) -> StateFlags {
    let hasOwnSelector = sa.selector.map { $0 != .any($0.family) } ?? false
    return sa.mode == .tunnel && !hasOwnSelector ? .addressFamilyUnspecified : []
  }

  /// Sets what the options describe on a new SA (in place: an SA is costly to copy).
  private func apply(_ options: SAOptions, to sa: inout SecurityAssociation) {
    sa.mode = options.mode ?? .any
    sa.reqid = options.reqid
    sa.replayWindow = options.replayWindow
    sa.setkeyExtensions = options.extensions
    sa.lifetime = options.lifetime
    sa.securityContext = options.context
    if let chosen = options.encryption {
      let key = AlgorithmKey(chosen.algorithm, key: chosen.key)
      if chosen.algorithm.kind == .aead { sa.aead = key } else { sa.encryption = key }
    }
    if let chosen = options.authentication { sa.authentication = authenticationKey(chosen) }
    if let chosen = options.compression {
      sa.compression = AlgorithmKey(chosen.algorithm, key: chosen.key)
    }
  }

  /// Which algorithms each protocol needs and refuses.
  private func checkAlgorithms(
    _ options: SAOptions, protocolToken: Token, choice: ProtocolChoice
  ) throws(Diagnostic) {
    let encryption = options.seen["-E"]
    let authentication = options.seen["-A"]
    let compression = options.seen["-C"]
    if let rawCPI = options.seen["-R"], choice != .ipcomp {
      throw .algorithmNotFor(rawCPI, protocolToken)
    }

    switch choice.base {
    case .esp:
      if let compression { throw .algorithmNotFor(compression, protocolToken) }
      guard let chosen = options.encryption else { throw .missingEncryption(protocolToken) }
      if chosen.algorithm.kind == .aead, let authentication {
        throw .authenticationWithAEAD(authentication, aead: chosen.token)
      }
    case .ah:
      if let option = encryption ?? compression { throw .algorithmNotFor(option, protocolToken) }
      if authentication == nil { throw .missingAuthentication(protocolToken) }
    case .ipcomp:
      if let option = encryption ?? authentication {
        throw .algorithmNotFor(option, protocolToken)
      }
      if compression == nil { throw .missingCompression(protocolToken) }
    }
  }

  /// `get|delete [flags] src dst proto spi [-m mode] [-mark V[/M]] ;`; `-m` is accepted
  /// with a warning, as setkey did. A marked SA is only found with its mark.
  mutating func parseGetOrDelete(_ command: Token) throws(Diagnostic) {
    let flags = try parseAddressFlags()
    let source = try parseEndpoint("source", flags: flags, allowPrefix: false)
    let destination = try parseEndpoint("destination", flags: flags, allowPrefix: false)
    let choice = try parseProtocol(try expectWord("a protocol ('esp', 'ah' or 'ipcomp')"))
    let spi: UInt32 = try number(try expectWord("an SPI"), "SPI")
    var options = SAOptions()
    try parseSAOptions(into: &options, for: command, allowed: ["-m", "-mark"])
    if let mode = options.seen["-m"] { warn("'-m' is ignored by '\(command.text)'", at: mode) }
    try expectEnd()

    for (from, to) in try pairs(source, destination) {
      var id = SecurityAssociationID(
        source: from, destination: to, securityProtocol: choice.base, spi: spi)
      id.mark = options.era.mark
      emit(Statement(command.hasText("get") ? .get(id) : .delete(id), at: command.location))
    }
  }

  /// `deleteall [flags] src dst proto ;`.
  mutating func parseDeleteAll(_ command: Token) throws(Diagnostic) {
    let flags = try parseAddressFlags()
    let source = try parseEndpoint("source", flags: flags, allowPrefix: false, allowPort: false)
    let destination = try parseEndpoint(
      "destination", flags: flags, allowPrefix: false, allowPort: false)
    let choice = try parseProtocol(try expectWord("a protocol ('esp', 'ah' or 'ipcomp')"))
    try expectEnd()

    for (from, to) in try pairs(source, destination) {
      let deleteAll = Command.deleteAll(
        source: from, destination: to, securityProtocol: choice.base)
      emit(Statement(deleteAll, at: command.location))
    }
  }

  /// `getspi [flags] src dst proto [spi | min-max] [-m mode] [-u reqid] ;`, NetBSD's
  /// command: the kernel allocates an SPI (a larval SA) and reports it. Without an SPI the
  /// range is 0x100-0x0fffffff (0x100-0xffff for an ipcomp CPI), Linux PF_KEY's default;
  /// one SPI asks for exactly that one. Example: `getspi 10.0.0.1 10.0.0.2 esp 0x100-0x1ff ;`.
  mutating func parseGetSPI(_ command: Token) throws(Diagnostic) {
    let flags = try parseAddressFlags()
    let source = try parseEndpoint("source", flags: flags, allowPrefix: false)
    let destination = try parseEndpoint("destination", flags: flags, allowPrefix: false)
    let protocolToken = try expectWord("a protocol ('esp', 'ah' or 'ipcomp')")
    let choice = try parseProtocol(protocolToken)
    if choice == .espOld || choice == .ahOld { throw .notOnLinux(protocolToken) }

    var range: ClosedRange<UInt32> = 0x100...(choice == .ipcomp ? 0xffff : 0x0fff_ffff)
    if peek().kind == .word, !peek().isOption {
      range = try parseSPIRange(advance())
    }
    var options = SAOptions()
    try parseSAOptions(
      into: &options, for: command,
      allowed: ["-m", "-u", "-r", "-f", "-lh", "-ls", "-bh", "-bs", "-ctx"])
    let ignored = options.seen.distinct.filter { !$0.hasText("-m") && !$0.hasText("-u") }
    for token in ignored.sorted(by: {
      ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
    }) {
      warn("'\(token.text)' is ignored by 'getspi'", at: token)
    }
    try expectEnd()

    for (from, to) in try pairs(source, destination) {
      let getSPI = Command.getSPI(
        source: from, destination: to, securityProtocol: choice.base,
        mode: options.mode ?? .any, reqid: options.reqid, range: range)
      emit(Statement(getSPI, at: command.location))
    }
  }

  /// `spi` or `min-max`.
  private func parseSPIRange(_ token: Token) throws(Diagnostic) -> ClosedRange<UInt32> {
    let parts = token.split(separator: UInt8(ascii: "-"))
    guard parts.count <= 2 else { throw .invalidNumber(token, what: "SPI range") }

    var bounds: [UInt32] = []
    for part in parts {
      bounds.append(try number(part, "SPI"))
    }
    guard let low = bounds.first, let high = bounds.last, low <= high else {
      throw .invalidNumber(token, what: "SPI range")
    }
    return low...high
  }

  /// True for decimal or `0x` numbers.
  static func isNumber(_ token: Token) -> Bool { token.unsignedValue != nil }
}
