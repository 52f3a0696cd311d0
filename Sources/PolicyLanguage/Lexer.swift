// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Splits setkey text into tokens on demand. Like setkey's own scanner it has two modes:
/// statement text, and the policy after `-P`, where `-`, `+` and `/` are tokens of their own.
/// The parser switches mode; the lexer never decides it.
struct Lexer {
  /// Which token rules apply.
  enum Mode {
    /// Commands, addresses, options, keys.
    case statement
    /// The policy string after `-P`, up to `;`.
    case policy
  }

  /// The rules in force for the next token.
  var mode: Mode = .statement

  private let bytes: [UInt8]
  private let file: String
  private var index = 0
  private var line: Int
  private var column: Int

  /// Reads `text`, whose first character sits at `line` and `column` of `file`.
  init(_ bytes: [UInt8], file: String, line: Int = 1, column: Int = 1) {
    self.bytes = bytes
    self.file = file
    self.line = line
    self.column = column
  }

  /// Where the next unread character is.
  var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

  /// The next token; `.end` forever once the input is used up.
  mutating func next() -> Token {
    skipTrivia()
    let start = location
    guard index < bytes.count else { return Token(kind: .end, text: "", location: start) }

    let byte = bytes[index]
    if let kind = punctuation(byte) {
      advance()
      return Token(kind: kind, text: String(UnicodeScalar(byte)), location: start)
    }
    if byte == UInt8(ascii: "\"") && mode == .statement {
      return quotedString(at: start)
    }
    if isWordByte(byte) {
      let first = index
      while index < bytes.count && isWordByte(bytes[index]) { advance() }
      if mode == .statement && text(first..<index).hasPrefix("file:") {
        // A key file's path runs to the next blank or ';' (see KeyReference).
        while index < bytes.count && !isPathEnd(bytes[index]) { advance() }
      }
      return Token(kind: .word, text: text(first..<index), location: start)
    }
    return Token(kind: .invalid, text: invalidCharacter(), location: start)
  }

  // MARK: - Character classes

  /// Single-character tokens of the current mode.
  private func punctuation(_ byte: UInt8) -> Token.Kind? {
    switch byte {
    case UInt8(ascii: ";"): .semicolon
    case UInt8(ascii: "["): .openBracket
    case UInt8(ascii: "]"): .closeBracket
    case UInt8(ascii: "/"): .slash
    case UInt8(ascii: "-") where mode == .policy: .hyphen
    case UInt8(ascii: "+") where mode == .policy: .plus
    default: nil
    }
  }

  /// Letters, digits and `: . % _`, plus `-` and `,` outside policies. `_` is not in
  /// setkey's set, but accepting it lets a misspelt name fail as a name, which says more.
  private func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "."),
      UInt8(ascii: "%"), UInt8(ascii: "_"):
      true
    case UInt8(ascii: "-"), UInt8(ascii: ","):
      mode == .statement
    default:
      false
    }
  }

  /// Blanks and `;` end a `file:` path.
  private func isPathEnd(_ byte: UInt8) -> Bool {
    [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
     UInt8(ascii: ";")].contains(byte)
  }

  // MARK: - Scanning

  /// Skips blanks, newlines and `#` comments.
  private mutating func skipTrivia() {
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
        0x0b, 0x0c:
        advance()
      case UInt8(ascii: "#"):
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { advance() }
      default:
        return
      }
    }
  }

  /// A `"..."` string, which may span lines as in setkey.
  private mutating func quotedString(at start: SourceLocation) -> Token {
    advance()
    let first = index
    while index < bytes.count && bytes[index] != UInt8(ascii: "\"") { advance() }
    guard index < bytes.count else {
      return Token(kind: .unterminatedString, text: "\"", location: start)
    }
    let content = text(first..<index)
    advance()
    return Token(kind: .quoted, text: content, location: start)
  }

  /// Consumes one character, all of its UTF-8 bytes, and returns it.
  private mutating func invalidCharacter() -> String {
    let first = index
    advance()
    while index < bytes.count && bytes[index] & 0xC0 == 0x80 { advance() }
    return text(first..<index)
  }

  /// Moves past one byte, keeping line and column.
  private mutating func advance() {
    if bytes[index] == UInt8(ascii: "\n") {
      line += 1
      column = 1
    } else {
      column += 1
    }
    index += 1
  }

  private func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }
}
