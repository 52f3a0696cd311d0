// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// What the xfrmkey extension options after an SA's SPI or before a policy's `-P` said.
///
/// setkey had no words for several things the xfrm SAD and SPD hold, so `xfrmkey --save`
/// could not write them back. These options, setkey-style and all optional, fill the gap:
///
/// On `add` / `update` (after the SPI, with the other options):
/// - `-flags WORD[,WORD...]`: `XFRM_STATE_*` flags: `noecn`, `decap-dscp`, `nopmtudisc`,
///   `wildrecv`, `icmp`, `af-unspec`, `align4`, `esn`.
/// - `-ph N`, `-ps N`: hard and soft packet limits; `-uh N`, `-us N`: hard and soft
///   seconds after first use (setkey had only `-lh -ls -bh -bs`).
/// - `-icv BITS`: the ICV length of the `-A` or AEAD `-E` algorithm, when it is not the
///   one the name implies (wins over `--sha2-96`).
/// - `-sel SRC[/LEN][[PORT]] DST[/LEN][[PORT]] PROTO`: the SA's own selector (`sel`);
///   ports are exact (0 included), PROTO a number or `any`.
///
/// On `spdadd` / `spdupdate` (after the upper-layer protocol, before `-ctx` and `-P`):
/// - `-lh -ls -bh -bs -ph -ps -uh -us N`: the policy's limits, as for SAs.
/// - `-ifindex N`: the selector's interface (`ip xfrm ... dev`).
/// - `-sport N`, `-dport N`: exact selector ports, 0 included (setkey reads `[0]` and an
///   ICMP type or code of 0 as any); for ICMP they are the type and the code.
/// - `-index N`: the kernel index (setkey's `spid`) to ask for.
///
/// In a rule's level: `require:N` requires an SA of reqid N, taken as is at any value
/// (`unique:N` above 16383 gets an allocated reqid instead, as in setkey), and `use:N`
/// is an optional rule bound to reqid N.
struct SaveExtensions {
  /// `-flags`.
  var flags: StateFlags?
  /// `-icv`.
  var icvBits: Int?
  /// `-sel`.
  var selector: TrafficSelector?
  /// `-ifindex`.
  var interfaceIndex: Int32?
  /// `-sport`.
  var sourcePort: UInt16?
  /// `-dport`.
  var destinationPort: UInt16?
  /// `-index`.
  var index: UInt32?
  /// Limits set by the extension options only; merged field by field.
  var limits: [WritableKeyPath<LifetimeLimits, UInt64>: UInt64] = [:]

  /// Applies the extensions to an SA (in place: an SA is costly to copy).
  func apply(to sa: inout SecurityAssociation) {
    if let flags { sa.flags = flags }
    if let selector { sa.selector = selector }
    for (field, value) in limits { sa.lifetime[keyPath: field] = value }
    if let icvBits {
      if sa.aead != nil { sa.aead?.icvBits = icvBits } else { sa.authentication?.icvBits = icvBits }
    }
  }

  /// The policy with the extensions applied.
  func applied(to sp: SecurityPolicy) -> SecurityPolicy {
    var sp = sp
    for (field, value) in limits { sp.lifetime[keyPath: field] = value }
    if let index { sp.index = index }
    return sp
  }

  /// A policy selector with `-ifindex`, `-sport` and `-dport` applied.
  func applied(to selector: TrafficSelector) -> TrafficSelector {
    var selector = selector
    if let interfaceIndex { selector.interfaceIndex = interfaceIndex }
    if let sourcePort { selector.sourcePort = sourcePort }
    if let destinationPort { selector.destinationPort = destinationPort }
    return selector
  }
}

extension StatementParser {
  /// The limit options both statements take, with the field each sets.
  static let limitOptions: [String: WritableKeyPath<LifetimeLimits, UInt64>] = [
    "-lh": \.hardAddSeconds, "-ls": \.softAddSeconds, "-bh": \.hardBytes,
    "-bs": \.softBytes, "-ph": \.hardPackets, "-ps": \.softPackets,
    "-uh": \.hardUseSeconds, "-us": \.softUseSeconds,
  ]

  /// The extension options of `add` and `update`.
  static let saExtensionOptions: Set<String> = [
    "-flags", "-ph", "-ps", "-uh", "-us", "-icv", "-sel",
  ]

  /// An SA extension option, after the option token; anything else is unknown.
  mutating func parseSAExtension(_ option: Token, into extensions: inout SaveExtensions)
    throws(Diagnostic)
  {
    switch option.text {
    case "-flags":
      extensions.flags = try parseStateFlags(expectWord("state flags such as 'noecn,esn'"))
    case "-icv":
      extensions.icvBits = Int(try number(expectWord("ICV bits"), "ICV length") as UInt16)
    case "-sel":
      extensions.selector = try parseSASelector()
    default:
      guard let field = Self.limitOptions[option.text], option.text.count == 3,
        "pu".contains(option.text.dropFirst().first!)
      else { throw .unknownOption(option) }
      extensions.limits[field] = try number(expectWord("a limit"), "limit")
    }
  }

  /// Extension options before a policy's `-ctx` / `-P`.
  mutating func parsePolicyExtensions() throws(Diagnostic) -> SaveExtensions {
    var extensions = SaveExtensions()
    var seen: Set<String> = []
    while peek().isOption, !peek().isWord("-ctx"), !peek().isWord("-P") {
      let option = advance()
      guard seen.insert(option.text).inserted else { throw .duplicateOption(option) }
      try parsePolicyExtension(option, into: &extensions)
    }
    return extensions
  }

  /// The selector options of a policy (`-ifindex`, `-sport`, `-dport`).
  static let policySelectorExtensionOptions: Set<String> = ["-ifindex", "-sport", "-dport"]

  /// One policy extension option, after the option token.
  mutating func parsePolicyExtension(_ option: Token, into extensions: inout SaveExtensions)
    throws(Diagnostic)
  {
    switch option.text {
    case "-ifindex":
      let value: UInt32 = try number(expectWord("an interface index"), "interface index")
      guard let index = Int32(exactly: value) else {
        throw .outOfRange(option, what: "interface index", max: Int32.max)
      }
      extensions.interfaceIndex = index
    case "-sport": extensions.sourcePort = try number(expectWord("a port"), "port")
    case "-dport": extensions.destinationPort = try number(expectWord("a port"), "port")
    case "-index": extensions.index = try number(expectWord("a policy index"), "index")
    default:
      guard let field = Self.limitOptions[option.text] else { throw .unknownOption(option) }
      extensions.limits[field] = try number(expectWord("a limit"), "limit")
    }
  }

  /// `require:N` and `use:N` in a rule; false for any other level word.
  func parseExactLevel(_ token: Token, into template: inout PolicyTemplate)
    throws(Diagnostic) -> Bool
  {
    let parts = token.text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, parts[0] == "require" || parts[0] == "use" else { return false }
    let number = token.dropping(first: parts[0].utf8.count + 1)
    template.reqid = try self.number(number, "reqid")
    template.level = parts[0] == "use" ? .use : .require
    return true
  }

  /// `noecn,esn`: names from the JSON schema's flag list.
  private func parseStateFlags(_ token: Token) throws(Diagnostic) -> StateFlags {
    var flags: StateFlags = []
    if token.text == "none" { return flags }
    for name in token.text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let flag = JSONDumpFormatter.flagNames.first(where: { $0.1 == name })?.0 else {
        throw .unexpected(
          token,
          expected: "state flags ("
            + JSONDumpFormatter.flagNames.map(\.1).joined(separator: ", ") + ")")
      }
      flags.insert(flag)
    }
    return flags
  }

  /// `SRC[/LEN][[PORT]] DST[/LEN][[PORT]] PROTO` of `-sel`.
  private mutating func parseSASelector() throws(Diagnostic) -> TrafficSelector {
    let (source, sourcePort) = try parseSelectorEndpoint("source")
    let (destination, destinationPort) = try parseSelectorEndpoint("destination")
    guard source.family == destination.family else {
      throw .unexpected(peek(), expected: "a destination of the source's family")
    }
    let protoToken = try expectWord("an upper-layer protocol ('any', a number or a name)")
    let upperProtocol = try parseUpperProtocol(protoToken)
    return TrafficSelector(
      source: source, destination: destination, sourcePort: sourcePort,
      destinationPort: destinationPort, upperProtocol: upperProtocol)
  }

  /// A numeric `address[/len][[port]]` with an exact port; `[any]`, as in a policy, is none.
  private mutating func parseSelectorEndpoint(_ role: String)
    throws(Diagnostic) -> (IPPrefix, UInt16?)
  {
    let token = try expectWord("a \(role) address")
    guard let address = IPAddress(token.text) else { throw .notNumeric(token) }
    var length = address.family.maximumPrefixLength
    if peek().kind == .slash {
      advance()
      let lengthToken = try expectWord("a prefix length")
      let parsed: UInt8 = try number(lengthToken, "prefix length")
      guard Int(parsed) <= length else {
        throw .prefixTooLong(lengthToken, host: token, family: address.family)
      }
      length = Int(parsed)
    }
    var port: UInt16?
    if peek().kind == .openBracket {
      advance()
      let word = try expectWord("a port number or 'any'")
      port = word.hasText("any") ? nil : try number(word, "port")
      try expect(.closeBracket, "']'")
    }
    return (IPPrefix(address, length: length), port)
  }
}
