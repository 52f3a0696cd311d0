// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// One lexical unit of setkey text with where it starts.
struct Token: Hashable {
  /// What the token is.
  enum Kind: Hashable {
    /// A run of name characters: keywords, numbers, addresses, options such as `-E`.
    case word
    /// A `"..."` string; `text` holds what is between the quotes.
    case quoted
    /// `;`, the end of a statement.
    case semicolon
    /// `[`, opening a port.
    case openBracket
    /// `]`, closing a port.
    case closeBracket
    /// `/`, before a prefix length or between the parts of a policy rule.
    case slash
    /// `-` inside a policy (`src-dst`, `prio -1`).
    case hyphen
    /// `+` inside a policy (`prio def + 1`).
    case plus
    /// A character setkey does not accept; `text` holds it.
    case invalid
    /// A `"` with no closing quote.
    case unterminatedString
    /// The end of the input.
    case end
  }

  /// The kind.
  var kind: Kind

  /// The token's characters (a quoted string without its quotes).
  var text: String

  /// Where the first character is.
  var location: SourceLocation

  /// True for a word with exactly this text.
  func isWord(_ candidate: String) -> Bool { kind == .word && text == candidate }

  /// True for a word that looks like an option (`-E`, `-4`).
  var isOption: Bool {
    kind == .word && text.utf8.first == UInt8(ascii: "-") && text.utf8.count > 1
  }

  /// How diagnostics name the token.
  var quoted: String {
    switch kind {
    case .end: "end of input"
    case .quoted: "a quoted string"
    case .unterminatedString: "an unterminated string"
    default: "'\(Self.shown(text))'"
    }
  }

  /// Token text as a diagnostic may show it. Long hex runs are hidden, because a token in
  /// the wrong place may be a key (`-E 0x...` without the algorithm name); control and
  /// invisible characters are escaped; a huge token is cut.
  static func shown(_ text: String) -> String {
    let hexDigits = text.lowercased().hasPrefix("0x") ? text.utf8.count - 2 : 0
    if hexDigits > 16 { return "0x<\(hexDigits) hex digits hidden>" }

    var shown = ""
    for scalar in text.unicodeScalars.prefix(40) {
      switch scalar.value {
      case 0: shown += "\\0"
      case 0..<0x20, 0x7f: shown += "\\x" + String(scalar.value, radix: 16)
      case 0xfeff, 0xfffd: shown += "\\u{" + String(scalar.value, radix: 16) + "}"
      default: shown.unicodeScalars.append(scalar)
      }
    }
    return text.unicodeScalars.count > 40 ? shown + "..." : shown
  }
}
