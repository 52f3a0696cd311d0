// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// What the options between a policy's upper-layer spec and its `-P` said:
///
///     -ctx DOI ALG "CTX"  -mark V[/M]  -if-id N  -index N  -type main|sub
///     -f localok|icmp  -lh|-ls|-uh|-us SECONDS  -bh|-bs BYTES  -ph|-ps PACKETS
///     -ifindex N  -sport N  -dport N (the save format's exact selector fields)
struct PolicyOptions {
  /// `-ctx`.
  var context: SecurityContext?
  /// `-mark`.
  var mark: Mark?
  /// `-if-id`.
  var interfaceID: UInt32 = 0
  /// `-index`.
  var index: UInt32 = 0
  /// `-type`.
  var type: PolicyType = .main
  /// `-f` words.
  var flags: PolicyFlags = []
  /// `-lh` ... `-ps`.
  var lifetime = LifetimeLimits()
  /// The option tokens seen and the token after each (its value), to refuse repeats and
  /// to locate errors.
  var seen = OptionTokens()
  /// The save format's selector options (`-ifindex`, `-sport`, `-dport`).
  var saveExtensions = SaveExtensions()

  /// True when an option beyond `-ctx` names the policy: `spddelete` must then send the
  /// whole identity.
  var hasIdentityExtras: Bool {
    mark != nil || interfaceID != 0 || index != 0 || type != .main
  }

  /// The identity these options and a selector and direction give.
  func identity(_ selector: TrafficSelector, _ direction: PolicyDirection) -> PolicyIdentity {
    var identity = PolicyIdentity(selector: selector, direction: direction)
    identity.mark = mark
    identity.interfaceID = interfaceID
    identity.index = index
    identity.type = type
    identity.securityContext = context
    return identity
  }

  /// Copies the options into a policy.
  func apply(to policy: inout SecurityPolicy) {
    policy.securityContext = context
    policy.mark = mark
    policy.interfaceID = interfaceID
    policy.index = index
    policy.type = type
    policy.flags = flags
    policy.lifetime = lifetime
  }
}

extension StatementParser {
  /// Options that only name a policy; `spddelete` and `spdget` take these alone.
  static let policyIdentityOptions: Set<String> = [
    "-ctx", "-mark", "-if-id", "-if_id", "-index", "-type", "-ifindex", "-sport", "-dport",
  ]

  /// The kernel keeps a policy's direction in the low three bits of its index and
  /// refuses an index whose bits name another direction: a warning here, so the place is
  /// known before the kernel's refusal (saved files may still carry such an index).
  mutating func checkIndex(_ options: PolicyOptions, direction: PolicyDirection) {
    guard options.index != 0, let token = options.seen.value(of: "-index") else { return }
    let code: UInt32 = direction == .in ? 0 : direction == .out ? 1 : 2
    guard options.index & 7 != code else { return }
    warn(
      "policy index \(token.quoted) does not name direction '\(direction.rawValue)': "
        + "the kernel wants its low 3 bits to be \(code) and will refuse it", at: token)
  }

  /// `-f` words of a policy.
  static let policyFlagWords: [String: PolicyFlags] = ["localok": .localOK, "icmp": .icmp]

  /// Reads policy options up to `-P` into `options`. `identityOnly` refuses the options
  /// that describe rather than name a policy (for `spddelete` and `spdget`). Filled in
  /// place: the options are large, and most statements have none.
  mutating func parsePolicyOptions(
    into options: inout PolicyOptions, for command: Token, identityOnly: Bool
  ) throws(Diagnostic) {
    while peek().isOption, !peek().isWord("-P") {
      let option = advance()
      if identityOnly, !Self.policyIdentityOptions.contains(option.text) {
        throw .optionNotAllowed(option, in: command)
      }
      if options.seen.contains(option), !option.hasText("-f") { throw .duplicateOption(option) }
      options.seen.record(option, value: peek())
      try parsePolicyOption(option, into: &options)
    }
  }

  private mutating func parsePolicyOption(_ option: Token, into options: inout PolicyOptions)
    throws(Diagnostic)
  {
    switch option {
    case "-ctx": options.context = try parseSecurityContext()
    case "-mark": options.mark = try parseMark("a mark")
    case "-if-id", "-if_id": options.interfaceID = try number(expectWord("an if_id"), "if_id")
    case "-index": options.index = try number(expectWord("a policy index"), "policy index")
    case "-type":
      let word = try expectWord("'main' or 'sub'")
      guard let type = PolicyType(rawValue: word.text) else {
        throw .invalidChoice(word, of: "policy type", ["main", "sub"])
      }
      options.type = type
    case "-f":
      let word = try expectWord("'localok' or 'icmp'")
      guard let flag = Self.policyFlagWords[word.text] else {
        throw .invalidChoice(word, of: "policy flag", ["localok", "icmp"])
      }
      options.flags.insert(flag)
    case "-lh": options.lifetime.hardAddSeconds = try number(expectWord("seconds"), "lifetime")
    case "-ls": options.lifetime.softAddSeconds = try number(expectWord("seconds"), "lifetime")
    case "-uh": options.lifetime.hardUseSeconds = try number(expectWord("seconds"), "lifetime")
    case "-us": options.lifetime.softUseSeconds = try number(expectWord("seconds"), "lifetime")
    case "-bh": options.lifetime.hardBytes = try number(expectWord("bytes"), "byte limit")
    case "-bs": options.lifetime.softBytes = try number(expectWord("bytes"), "byte limit")
    case "-ph": options.lifetime.hardPackets = try number(expectWord("packets"), "packets")
    case "-ps": options.lifetime.softPackets = try number(expectWord("packets"), "packets")
    case _ where Self.policySelectorExtensionOptions.contains(option.text):
      try parsePolicyExtension(option, into: &options.saveExtensions)
    default: throw .unknownOption(option)
    }
  }

  // MARK: - Template extras

  /// `/spi:N`, `/aalgos:MASK`, `/ealgos:MASK`, `/calgos:MASK` after a rule's level, as
  /// many as wanted: the template fields PF_KEY had no syntax for.
  mutating func parseTemplateExtras(into template: inout PolicyTemplate) throws(Diagnostic) {
    while peek().kind == .slash {
      advance()
      let token = try expectWord("'spi:N', 'aalgos:MASK', 'ealgos:MASK' or 'calgos:MASK'")
      let parts = token.text.split(separator: ":", maxSplits: 1)
      let valueOffset = parts.count == 2 ? parts[0].utf8.count + 1 : token.range.count
      let value = token.dropping(first: valueOffset)
      switch parts.first.map(String.init) ?? "" {
      case "spi": template.spi = try number(value, "template SPI")
      case "aalgos": template.authenticationAlgorithms = try number(value, "algorithm mask")
      case "ealgos": template.encryptionAlgorithms = try number(value, "algorithm mask")
      case "calgos": template.compressionAlgorithms = try number(value, "algorithm mask")
      default:
        throw .invalidChoice(
          token, of: "rule field", ["spi:N", "aalgos:MASK", "ealgos:MASK", "calgos:MASK"])
      }
    }
  }
}
