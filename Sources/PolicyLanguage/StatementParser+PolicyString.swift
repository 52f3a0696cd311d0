// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// What follows `-P`: `dir [prio spec] [action [rule...]]`.
struct ParsedPolicy {
  /// `in`, `out` or `fwd`.
  var direction: PolicyDirection
  /// The kernel priority the `prio` spec encodes; `PolicyPriority.default` without one.
  var priority: UInt32
  /// nil only for `spddelete ... -P dir ;`.
  var action: PolicyAction?
  /// The rules, in written order.
  var templates: [PolicyTemplate]
}

extension StatementParser {
  /// The policy after `-P`, read in the lexer's policy mode, up to (not including) `;`.
  /// `actionOptional` lets `spddelete` name only a direction.
  mutating func parsePolicy(actionOptional: Bool) throws(Diagnostic) -> ParsedPolicy {
    let directionToken = try expectWord("a direction ('in', 'out' or 'fwd')")
    guard let direction = PolicyDirection(directionToken) else {
      throw .unexpected(directionToken, expected: "a direction ('in', 'out' or 'fwd')")
    }

    var priority = PolicyPriority.default
    if peek().isWord("prio") || peek().isWord("priority") {
      advance()
      priority = try parsePriority()
    }

    let actionToken = peek()
    if actionOptional && Self.endsPolicy(actionToken) {
      return ParsedPolicy(direction: direction, priority: priority, action: nil, templates: [])
    }
    let actionWord = try expectWord("an action ('discard', 'none', 'ipsec' or 'bypass')")
    guard let action = PolicyAction(actionWord) else {
      throw .unexpected(actionWord, expected: "an action ('discard', 'none', 'ipsec' or 'bypass')")
    }
    if action == .entrust { throw .entrustNotOnLinux(actionWord) }

    var templates: [PolicyTemplate] = []
    let firstRule = peek()
    while !Self.endsPolicy(peek()) {
      templates.append(try parseRule(direction: direction, action: action))
    }
    if action != .ipsec && !templates.isEmpty {
      warn("rules after '\(action.rawValue)' are ignored", at: firstRule)
      templates = []
    }
    return ParsedPolicy(
      direction: direction, priority: priority, action: action, templates: templates)
  }

  private static func endsPolicy(_ token: Token) -> Bool {
    token.kind == .semicolon || token.kind == .end
  }

  /// ipsec-tools' priority spec after `prio`/`priority`, to the kernel's 32-bit value
  /// (lower wins): `def`, `low`, `high`; `base + N` (N <= 0x40000000) is N better, so
  /// base - N; `base - N` (N <= 0x3fffffff) is base + N; a bare `N` (N <= 2^31) is
  /// `def` - N, and `- N` (N <= 2^31 - 1) is `def` + N. So `prio 2147483648` is 0.
  mutating func parsePriority() throws(Diagnostic) -> UInt32 {
    let first = peek()
    if first.kind == .hyphen {
      advance()
      let offset: UInt32 = try priorityOffset(max: 0x7fff_ffff)
      return PolicyPriority.default &+ offset
    }
    if first.kind == .word, Self.isNumber(first) {
      let offset: UInt32 = try priorityOffset(max: 0x8000_0000)
      return PolicyPriority.default &- offset
    }

    let base = try expectWord("a priority ('def', 'low', 'high' or a number)")
    let value: UInt32
    switch base {
    case "def": value = PolicyPriority.default
    case "low": value = PolicyPriority.low
    case "high": value = PolicyPriority.high
    default: throw .unexpected(base, expected: "a priority ('def', 'low', 'high' or a number)")
    }

    switch peek().kind {
    case .plus:
      advance()
      return value - (try priorityOffset(max: 0x4000_0000))
    case .hyphen:
      advance()
      return value + (try priorityOffset(max: 0x3fff_ffff))
    default:
      return value
    }
  }

  /// An unsigned priority offset no larger than `max`.
  private mutating func priorityOffset(max: UInt32) throws(Diagnostic) -> UInt32 {
    let token = try expectWord("a priority offset")
    guard token.isAllDigits, let value = token.unsignedValue else {
      throw .invalidNumber(token, what: "priority offset")
    }
    guard value <= UInt64(max) else {
      throw .outOfRange(token, what: "priority offset", max: max)
    }
    return UInt32(value)
  }

  // MARK: - Rules

  /// `proto/mode[/[src-dst][/[level]]]`, spaces allowed around `/`.
  private mutating func parseRule(direction: PolicyDirection, action: PolicyAction)
    throws(Diagnostic) -> PolicyTemplate
  {
    let protocolToken = try expectWord("a rule such as 'esp/transport//require'")
    guard let securityProtocol = SecurityProtocol(protocolToken) else {
      throw .unknownRuleProtocol(protocolToken)
    }
    guard peek().kind == .slash else { throw .incompleteRule(protocolToken) }
    advance()
    let modeToken = try expectWord("a mode ('transport' or 'tunnel')")
    guard let mode = IPsecMode(modeToken), mode == .transport || mode == .tunnel
    else { throw .invalidRuleMode(modeToken) }

    var template = PolicyTemplate(securityProtocol: securityProtocol, mode: mode, level: .default)
    if peek().kind == .slash {
      advance()
      if peek().kind == .slash {
        advance()
        if peek().kind != .slash { try parseLevel(into: &template) }
      } else if peek().kind == .word, !Self.isRuleKeyword(peek()) {
        try parseEndpoints(into: &template, direction: direction)
        if peek().kind == .slash {
          advance()
          if peek().kind == .word, Self.isLevel(peek()) { try parseLevel(into: &template) }
        }
      }
    }

    try parseTemplateExtras(into: &template)

    if action == .ipsec && mode == .tunnel && template.tunnelDestination == nil {
      throw .tunnelNeedsEndpoints(modeToken)
    }
    return template
  }

  /// `src-dst`, each optionally with a `[port]` Linux ignores, or `me-any` / `any-me`.
  private mutating func parseEndpoints(
    into template: inout PolicyTemplate, direction: PolicyDirection
  ) throws(Diagnostic) {
    let sourceToken = try expectWord("a tunnel source address")
    try skipRulePort()
    try expect(.hyphen, "'-' between the tunnel addresses")
    let destinationToken = try expectWord("a tunnel destination address")
    try skipRulePort()

    switch (sourceToken, destinationToken) {
    case ("me", "any"):
      if direction != .out { throw .meAnyDirection(sourceToken, expected: "out") }
    case ("any", "me"):
      if direction != .in { throw .meAnyDirection(sourceToken, expected: "in") }
    default:
      guard let source = IPAddress(sourceToken) else { throw .ruleAddress(sourceToken) }
      guard let destination = IPAddress(destinationToken) else {
        throw .ruleAddress(destinationToken)
      }
      guard source.family == destination.family else {
        throw .familyMismatch(destinationToken, sourceToken)
      }
      template.tunnelSource = source
      template.tunnelDestination = destination
    }
  }

  /// A `[port]` after a rule address: accepted, as setkey did, and ignored.
  private mutating func skipRulePort() throws(Diagnostic) {
    guard peek().kind == .openBracket else { return }
    let bracket = advance()
    _ = try expectWord("a port number")
    try expect(.closeBracket, "']'")
    warn("ports in rules are ignored by Linux", at: bracket)
  }

  /// `default`, `use`, `require`, `unique` or `unique:N`.
  private mutating func parseLevel(into template: inout PolicyTemplate) throws(Diagnostic) {
    let token = try expectWord("a level ('default', 'use', 'require' or 'unique')")
    switch token {
    case "default": template.level = .default
    case "use": template.level = .use
    case "require": template.level = .require
    case "unique": template.level = .unique(reqid: nil)
    default:
      if try parseExactLevel(token, into: &template) { return }
      guard token.hasPrefix("unique:") else { throw .invalidLevel(token) }
      let number = token.dropping(first: "unique:".utf8.count)
      let reqid: UInt32 = try self.number(number, "reqid")
      if reqid > Self.maximumManualReqid {
        warn(
          "reqid \(reqid) is above \(Self.maximumManualReqid): Linux setkey let the kernel "
            + "choose one instead, and so does xfrmkey", at: token)
      }
      let kept = reqid == 0 || reqid > Self.maximumManualReqid ? nil : reqid
      template.level = .unique(reqid: kept)
      template.reqid = kept ?? 0
    }
  }

  /// PF_KEY's `IPSEC_MANUAL_REQID_MAX`: larger `unique:N` values were replaced by an
  /// allocated reqid, which is what 003's `unique:28000` shows on a real kernel.
  static let maximumManualReqid: UInt32 = 0x3fff

  private static func isLevel(_ word: Token) -> Bool {
    switch word {
    case "default", "use", "require", "unique": true
    default: word.hasPrefix("unique:") || word.hasPrefix("require:") || word.hasPrefix("use:")
    }
  }

  /// Words that start a rule or end one, so never an address.
  private static func isRuleKeyword(_ word: Token) -> Bool {
    isLevel(word) || SecurityProtocol(word) != nil
  }
}
