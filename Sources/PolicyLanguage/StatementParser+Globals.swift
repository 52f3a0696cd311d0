// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Statements about the databases as a whole, which PF_KEY never had:
///
///     spddefault ;                                    show the default per direction
///     spddefault [in|fwd|out discard|none]... ;       set it (block or accept)
///     spdinfo ;                                       show SPD counts and hashing
///     spdinfo [hthresh4 LBITS RBITS] [hthresh6 LBITS RBITS] ;   set hash thresholds
///     sadinfo ;                                       show the SAD count and hashing
extension StatementParser {
  /// Words for a default action: setkey's, and `ip xfrm`'s as aliases.
  static let defaultActionWords: [String: PolicyAction] = [
    "discard": .discard, "block": .discard, "none": .none, "accept": .none,
  ]

  /// `spddefault [DIR ACTION]... ;`.
  mutating func parseSPDDefault(_ command: Token) throws(Diagnostic) {
    var defaults = DefaultPolicies()
    var seen: Set<PolicyDirection> = []
    while peek().kind == .word {
      let directionToken = advance()
      guard let direction = PolicyDirection(directionToken) else {
        throw .invalidChoice(directionToken, of: "direction", ["in", "fwd", "out"])
      }
      guard seen.insert(direction).inserted else { throw .duplicateOption(directionToken) }
      let actionToken = try expectWord("'discard' or 'none'")
      guard let action = Self.defaultActionWords[actionToken.text] else {
        throw .invalidChoice(actionToken, of: "default action", ["discard", "none"])
      }
      defaults[direction] = action
    }
    try expectEnd()
    let parsed: Command = seen.isEmpty ? .spdDefaultGet : .spdDefaultSet(defaults)
    emit(Statement(parsed, at: command.location))
  }

  /// `spdinfo [hthresh4 L R] [hthresh6 L R] ;`. A threshold is a prefix length: at most
  /// 32 for IPv4 and 128 for IPv6.
  mutating func parseSPDInfo(_ command: Token) throws(Diagnostic) {
    var thresholds = SPDHashThresholds()
    var any = false
    while peek().kind == .word {
      let keyword = advance()
      let maximum: UInt8
      switch keyword {
      case "hthresh4" where thresholds.ipv4 == nil: maximum = 32
      case "hthresh6" where thresholds.ipv6 == nil: maximum = 128
      case "hthresh4", "hthresh6": throw .duplicateOption(keyword)
      default: throw .invalidChoice(keyword, of: "spdinfo setting", ["hthresh4", "hthresh6"])
      }
      let threshold = HashThreshold(
        local: try prefixBits(maximum), remote: try prefixBits(maximum))
      if keyword.hasText("hthresh4") {
        thresholds.ipv4 = threshold
      } else {
        thresholds.ipv6 = threshold
      }
      any = true
    }
    try expectEnd()
    let parsed: Command = any ? .spdSetHashThresholds(thresholds) : .spdInfo
    emit(Statement(parsed, at: command.location))
  }

  /// `sadinfo ;`.
  mutating func parseSADInfo(_ command: Token) throws(Diagnostic) {
    try expectEnd()
    emit(Statement(.sadInfo, at: command.location))
  }

  /// A prefix length up to `maximum`.
  private mutating func prefixBits(_ maximum: UInt8) throws(Diagnostic) -> UInt8 {
    let token = try expectWord("a prefix length")
    let bits: UInt8 = try number(token, "prefix length")
    guard bits <= maximum else { throw .outOfRange(token, what: "prefix length", max: maximum) }
    return bits
  }
}
