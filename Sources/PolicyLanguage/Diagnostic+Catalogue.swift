// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Every message the parser can produce, in one place so their wording stays consistent:
/// lowercase, the offending token in single quotes, a hint where one helps, never a key.
extension Diagnostic {
  /// A token that does not fit; stray characters and `\` get messages of their own.
  static func unexpected(_ token: Token, expected: String) -> Diagnostic {
    switch token.kind {
    case .invalid where token.text == "\\":
      return Diagnostic(
        "unexpected '\\': setkey has no line continuation; remove the backslash, "
          + "a statement may span lines until its ';'", at: token.location)
    case .invalid:
      return Diagnostic("unexpected character '\(Token.shown(token.text))'", at: token.location)
    case .unterminatedString:
      return Diagnostic("unterminated quoted string", at: token.location)
    default:
      return Diagnostic("expected \(expected), found \(token.quoted)", at: token.location)
    }
  }

  static func unknownCommand(_ token: Token) -> Diagnostic {
    if token.hasText("help") {
      return Diagnostic(
        "'help' is not a statement: it works in the shell and on its own line with '-c' "
          + "(echo help | xfrmkey -c); 'xfrmkey -h' lists the options", at: token.location)
    }
    return Diagnostic(
      "unknown command \(token.quoted); expected add, update, get, delete, deleteall, "
        + "getspi, flush, dump, sadinfo, spdadd, spdupdate, spddelete, spdget, spdflush, "
        + "spddump, spddefault, spdinfo or exit",
      at: token.location)
  }

  static func misplacedOption(_ token: Token, expected: String) -> Diagnostic {
    Diagnostic("unexpected option \(token.quoted): expected \(expected)", at: token.location)
  }

  static func unknownOption(_ token: Token) -> Diagnostic {
    Diagnostic("unknown option \(token.quoted)", at: token.location)
  }

  static func optionNotAllowed(_ option: Token, in command: Token) -> Diagnostic {
    Diagnostic("option \(option.quoted) is not allowed in '\(command.text)'", at: option.location)
  }

  static func duplicateOption(_ token: Token) -> Diagnostic {
    Diagnostic("option \(token.quoted) is given twice", at: token.location)
  }

  static func invalidNumber(_ token: Token, what: String) -> Diagnostic {
    Diagnostic("invalid \(what) \(token.quoted)", at: token.location)
  }

  static func outOfRange<T: FixedWidthInteger>(_ token: Token, what: String, max: T)
    -> Diagnostic
  {
    Diagnostic("\(what) \(token.quoted) is out of range (at most \(max))", at: token.location)
  }

  // MARK: - Addresses

  static func prefixNotAllowed(_ token: Token) -> Diagnostic {
    Diagnostic("a prefix length is not allowed here", at: token.location)
  }

  static func portNotAllowed(_ token: Token) -> Diagnostic {
    Diagnostic("a port is not allowed here", at: token.location)
  }

  static func prefixTooLong(_ token: Token, host: Token, family: AddressFamily) -> Diagnostic {
    let name = family == .ipv4 ? "IPv4" : "IPv6"
    return Diagnostic(
      "prefix length \(token.quoted) is too long for the \(name) address \(host.quoted)",
      at: token.location)
  }

  static func unknownPort(_ token: Token) -> Diagnostic {
    Diagnostic("unknown port \(token.quoted)", at: token.location)
  }

  static func wrongFamily(_ token: Token, family: AddressFamily) -> Diagnostic {
    let flag = family == .ipv4 ? "-4" : "-6"
    return Diagnostic(
      "\(token.quoted) is not an \(family == .ipv4 ? "IPv4" : "IPv6") address, as '\(flag)' "
        + "requires", at: token.location)
  }

  static func notNumeric(_ token: Token) -> Diagnostic {
    Diagnostic(
      "\(token.quoted) is not a numeric address, and '-n' forbids name lookups",
      at: token.location)
  }

  static func unresolved(_ token: Token, reason: String) -> Diagnostic {
    Diagnostic("cannot resolve \(token.quoted): \(reason)", at: token.location)
  }

  static func noAddress(_ token: Token, family: AddressFamily?) -> Diagnostic {
    let kind = family.map { $0 == .ipv4 ? "IPv4 " : "IPv6 " } ?? ""
    return Diagnostic("\(token.quoted) has no \(kind)address", at: token.location)
  }

  static func familyMismatch(_ token: Token, _ other: Token) -> Diagnostic {
    Diagnostic(
      "\(token.quoted) and \(other.quoted) are not of the same address family",
      at: token.location)
  }

  static func multipleAddresses(_ token: Token, count: Int) -> Diagnostic {
    Diagnostic(
      "\(token.quoted) resolves to \(count) addresses; a policy needs exactly one",
      at: token.location)
  }

  // MARK: - Security associations

  static func unknownProtocol(_ token: Token) -> Diagnostic {
    Diagnostic(
      "unknown protocol \(token.quoted); expected 'esp', 'ah', 'ipcomp' or 'esp-udp'",
      at: token.location)
  }

  static func zeroSPI(_ token: Token) -> Diagnostic {
    Diagnostic(
      "invalid SPI \(token.quoted): the kernel refuses an SA with SPI 0", at: token.location)
  }

  /// `policy action 'entrust' (defer to the system default) is not supported ...`.
  static func entrustNotOnLinux(_ token: Token) -> Diagnostic {
    Diagnostic(
      "policy action \(token.quoted) (defer to the system default) is not supported by the "
        + "Linux kernel", at: token.location)
  }

  static func notOnLinux(_ token: Token, what: String? = nil) -> Diagnostic {
    let subject = what.map { "\($0) (\(token.quoted))" } ?? token.quoted
    let verb = what == nil ? "is" : "are"
    return Diagnostic("\(subject) \(verb) not supported by the Linux kernel", at: token.location)
  }

  static func invalidMode(_ token: Token) -> Diagnostic {
    Diagnostic(
      "invalid mode \(token.quoted); expected 'transport', 'tunnel' or 'any'", at: token.location)
  }

  static func invalidExtension(_ token: Token) -> Diagnostic {
    Diagnostic(
      "invalid '-f' value \(token.quoted); expected 'zero-pad', 'random-pad', 'seq-pad', "
        + "'nocyclic-seq', 'cyclic-seq' or an xfrm flag ("
        + StatementParser.flagWordList + ")", at: token.location)
  }

  static func unknownAlgorithm(_ token: Token, option: Token, kinds: [Algorithm.Kind])
    -> Diagnostic
  {
    let names = AlgorithmCatalogue.all
      .filter { kinds.contains($0.kind) && $0.isAvailableOnLinux }
      .map(\.name)
    var unique: [String] = []
    for name in names where !unique.contains(name) { unique.append(name) }
    return Diagnostic(
      "unknown algorithm \(token.quoted) for '\(option.text)'; expected one of "
        + unique.joined(separator: ", "), at: token.location)
  }

  static func wrongKeyLength(_ token: Token, algorithm: Algorithm, bits: Int) -> Diagnostic {
    Diagnostic(
      "'\(algorithm.name)' needs a key of \(algorithm.keyLengthsText), not \(bits) bits",
      at: token.location)
  }

  static func invalidKey(_ token: Token) -> Diagnostic {
    Diagnostic(
      "invalid key: expected a quoted string or hexadecimal digits after '0x'",
      at: token.location)
  }

  static func cpiTooLarge(_ token: Token) -> Diagnostic {
    Diagnostic("ipcomp CPI \(token.quoted) is above 0xffff", at: token.location)
  }

  static func algorithmNotFor(_ option: Token, _ protocolToken: Token) -> Diagnostic {
    Diagnostic(
      "option \(option.quoted) does not apply to \(protocolToken.quoted) SAs",
      at: option.location)
  }

  static func missingEncryption(_ token: Token) -> Diagnostic {
    Diagnostic(
      "\(token.quoted) needs an encryption algorithm; add '-E' ('-E null' for "
        + "authentication only)", at: token.location)
  }

  static func missingAuthentication(_ token: Token) -> Diagnostic {
    Diagnostic("\(token.quoted) needs an authentication algorithm; add '-A'", at: token.location)
  }

  static func missingCompression(_ token: Token) -> Diagnostic {
    Diagnostic("\(token.quoted) needs a compression algorithm; add '-C'", at: token.location)
  }

  static func authenticationWithAEAD(_ option: Token, aead: Token) -> Diagnostic {
    Diagnostic(
      "\(aead.quoted) authenticates by itself; remove \(option.quoted)", at: option.location)
  }

  // MARK: - Policies

  static func unknownUpperProtocol(_ token: Token) -> Diagnostic {
    Diagnostic("unknown upper-layer protocol \(token.quoted)", at: token.location)
  }

  static func invalidUpperArgument(_ token: Token, _ upper: Token) -> Diagnostic {
    Diagnostic("invalid \(upper.quoted) argument \(token.quoted)", at: token.location)
  }

  static func upperProtocolFamily(_ token: Token, addresses family: AddressFamily)
    -> Diagnostic
  {
    let (protocolFamily, addressFamily) = family == .ipv4 ? ("IPv6", "IPv4") : ("IPv4", "IPv6")
    return Diagnostic(
      "\(token.quoted) is an \(protocolFamily) protocol, but the addresses are "
        + "\(addressFamily)", at: token.location)
  }

  static func upperArgumentNotAllowed(_ token: Token, _ upper: Token) -> Diagnostic {
    Diagnostic(
      "unexpected \(token.quoted): only icmp, icmp6, mh and gre take an argument, "
        + "not \(upper.quoted)", at: token.location)
  }

  static func unknownRuleProtocol(_ token: Token) -> Diagnostic {
    if LanguageReference.commands.contains(where: { $0.name == token.text }) {
      return Diagnostic(
        "expected ';' before \(token.quoted): the statement before it is not finished",
        at: token.location)
    }
    return Diagnostic(
      "unknown rule protocol \(token.quoted); expected 'esp', 'ah' or 'ipcomp'",
      at: token.location)
  }

  static func incompleteRule(_ token: Token) -> Diagnostic {
    Diagnostic(
      "incomplete rule \(token.quoted): expected '\(token.text)/transport' or "
        + "'\(token.text)/tunnel/src-dst'", at: token.location)
  }

  static func invalidRuleMode(_ token: Token) -> Diagnostic {
    Diagnostic(
      "invalid rule mode \(token.quoted); expected 'transport' or 'tunnel'", at: token.location)
  }

  static func tunnelNeedsEndpoints(_ token: Token) -> Diagnostic {
    Diagnostic(
      "a tunnel rule needs its endpoints, as in 'esp/tunnel/192.0.2.1-192.0.2.2/require'",
      at: token.location)
  }

  static func meAnyDirection(_ token: Token, expected: String) -> Diagnostic {
    Diagnostic(
      "\(token.quoted) endpoints are only valid for direction '\(expected)'", at: token.location)
  }

  static func ruleAddress(_ token: Token) -> Diagnostic {
    Diagnostic(
      "\(token.quoted) is not a numeric IP address; rules take no host names",
      at: token.location)
  }

  static func invalidLevel(_ token: Token) -> Diagnostic {
    Diagnostic(
      "invalid level \(token.quoted); expected 'default', 'use', 'use:N', 'require', "
        + "'require:N', 'unique' or 'unique:N'", at: token.location)
  }
}
