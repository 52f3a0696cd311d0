// SPDX-License-Identifier: Apache-2.0
import IPsecModel

#if canImport(Glibc)
  import Glibc
#endif

/// One lexical unit of setkey text with where it starts.
///
/// A token does not copy its text: it names a byte range of the lexer's `SourceBuffer`, and
/// keywords are compared on those bytes (`isWord("spdadd")`, `case "add":` in a `switch`
/// over a token, `PolicyDirection(token)` for a keyword enum). `text` decodes a `String`
/// for diagnostics and the rarer paths.
///
/// A token must not outlive the lexer that produced it (the parser keeps its lexer for the
/// whole parse; nothing that escapes a parse holds a token). Release builds then need no
/// reference counting per token copy; debug builds check the rule.
struct Token {
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

  /// Where the token's characters are in the source (a quoted string without its quotes).
  var range: Range<Int>

  /// 1-based line of the first character.
  var line: Int

  /// 1-based column of the first character, in UTF-8 bytes.
  var column: Int

  #if DEBUG
    /// The text the range refers to; checked, so a token that outlives it traps.
    unowned let source: SourceBuffer
  #else
    /// The text the range refers to; see the type's comment for why it is not retained.
    unowned(unsafe) let source: SourceBuffer
  #endif

  /// The token's bytes (a quoted string without its quotes).
  var bytes: UnsafeBufferPointer<UInt8> { source.slice(range) }

  /// The token's characters (a quoted string without its quotes), decoded.
  var text: String { source.text(range) }

  /// Where the first character is.
  var location: SourceLocation { SourceLocation(file: source.file, line: line, column: column) }

  /// True for a word with exactly this text.
  @inline(__always)
  func isWord(_ candidate: StaticString) -> Bool { kind == .word && hasText(candidate) }

  /// True when the token's text is exactly `candidate`, whatever its kind.
  @inline(__always)
  func hasText(_ candidate: StaticString) -> Bool {
    hasText(UnsafeBufferPointer(start: candidate.utf8Start, count: candidate.utf8CodeUnitCount))
  }

  /// True when the token's text is exactly these bytes.
  @inline(__always)
  private func hasText(_ candidate: UnsafeBufferPointer<UInt8>) -> Bool {
    candidate.count == range.count && startsWith(candidate)
  }

  /// True when the token's text starts with `prefix`.
  @inline(__always)
  func hasPrefix(_ prefix: StaticString) -> Bool {
    startsWith(UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
  }

  @inline(__always)
  private func startsWith(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
    guard range.count >= prefix.count else { return false }
    guard !prefix.isEmpty, let expected = prefix.baseAddress,
      let text = source.bytes.baseAddress
    else { return prefix.isEmpty }
    // Most keyword tests fail on the first byte; only the rest needs a call.
    let start = text + range.lowerBound
    return start[0] == expected[0] && memcmp(start + 1, expected + 1, prefix.count - 1) == 0
  }

  /// Lets a `switch` over a token match keywords: `case "add", "update":`.
  @inline(__always)
  static func ~= (pattern: StaticString, token: Token) -> Bool { token.hasText(pattern) }

  /// True for a word that looks like an option (`-E`, `-4`).
  @inline(__always)
  var isOption: Bool {
    kind == .word && range.count > 1 && bytes[0] == UInt8(ascii: "-")
  }

  /// The same token with only the bytes from `offset` on, still located at its start: a
  /// number after `unique:` is reported where the word is.
  func dropping(first offset: Int) -> Token {
    var rest = self
    rest.range = range.lowerBound + min(offset, range.count)..<range.upperBound
    return rest
  }

  /// The pieces between `separator` bytes, empty ones included, each located at the
  /// token's start.
  func split(separator: UInt8) -> [Token] {
    var pieces: [Token] = []
    var start = range.lowerBound
    for index in range where source.bytes[index] == separator {
      var piece = self
      piece.range = start..<index
      pieces.append(piece)
      start = index + 1
    }
    var last = self
    last.range = start..<range.upperBound
    pieces.append(last)
    return pieces
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

  /// Token text as a diagnostic may show it. Hex runs longer than a 32-bit number are
  /// hidden, because a token in the wrong place may be a key (`-E 0x...` without the
  /// algorithm name), and the shortest keys (40-bit blowfish, 64-bit DES) have 10 to 16
  /// digits; control and invisible characters are escaped; a huge token is cut.
  static func shown(_ text: String) -> String {
    let hexDigits = text.lowercased().hasPrefix("0x") ? text.utf8.count - 2 : 0
    let isHex = text.utf8.dropFirst(2).allSatisfy { Token.digitValue($0) != nil }
    if hexDigits > 16 || hexDigits > 8 && isHex { return "0x<\(hexDigits) hex digits hidden>" }

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
