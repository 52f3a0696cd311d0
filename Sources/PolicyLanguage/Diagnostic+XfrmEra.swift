// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Messages for the xfrm-only options, in the catalogue's voice.
extension Diagnostic {
  static func invalidChoice(_ token: Token, of what: String, _ choices: [String]) -> Diagnostic {
    let quoted = choices.map { "'\($0)'" }
    let list =
      quoted.count > 1
      ? quoted.dropLast().joined(separator: ", ") + " or " + quoted.last! : quoted.joined()
    return Diagnostic("invalid \(what) \(token.quoted); expected \(list)", at: token.location)
  }

  static func replayWindowTooLarge(_ token: Token) -> Diagnostic {
    Diagnostic(
      "replay window \(token.quoted) is larger than the kernel allows "
        + "(at most \(StatementParser.maximumReplayWindow) packets)", at: token.location)
  }

  static func noReplayForIPComp(_ token: Token) -> Diagnostic {
    Diagnostic(
      "\(token.quoted) needs ESN replay state, which the kernel keeps only for esp and ah SAs",
      at: token.location)
  }

  static func sequenceNeedsESN(_ token: Token) -> Diagnostic {
    Diagnostic(
      "sequence number \(token.quoted) is above 32 bits; add '-f esn'", at: token.location)
  }

  static func icvWithoutAlgorithm(_ token: Token) -> Diagnostic {
    Diagnostic(
      "'-icv' needs an authentication algorithm ('-A') or an AEAD cipher ('-E')",
      at: token.location)
  }

  static func invalidICV(_ token: Token, algorithm: String, allowed: String) -> Diagnostic {
    Diagnostic(
      "ICV length \(token.quoted) does not suit '\(algorithm)'; it takes \(allowed)",
      at: token.location)
  }

  static func needsTunnelMode(_ token: Token) -> Diagnostic {
    Diagnostic(
      "\(token.quoted) needs a tunnel-mode SA; add '-m tunnel'", at: token.location)
  }

  static func onlyForESP(_ token: Token, _ protocolToken: Token) -> Diagnostic {
    Diagnostic(
      "option \(token.quoted) applies to esp SAs only, not \(protocolToken.quoted)",
      at: token.location)
  }

  static func newerThanHeaders(_ token: Token, feature: String) -> Diagnostic {
    Diagnostic(
      "\(token.quoted): \(feature) is newer than the kernel headers xfrmkey is built "
        + "against (Linux 6.1)", at: token.location)
  }
}

extension StatementParser {
  /// Every `-f` word for an xfrm flag, for the invalid `-f` message.
  static var flagWordList: String {
    (stateFlagWords.keys.sorted() + extraFlagWords.keys.sorted())
      .map { "'\($0)'" }.joined(separator: ", ")
  }
}
