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

  /// The text; tokens point into it.
  let source: SourceBuffer
  private var index = 0
  private var line: Int
  /// Where the current line starts, so a column is `index - lineStart + 1`. Negative when
  /// the text starts in the middle of a line.
  private var lineStart: Int

  /// Reads `text`, whose first character sits at `line` and `column` of `file`.
  init<Bytes: Collection<UInt8>>(_ text: Bytes, file: String, line: Int = 1, column: Int = 1) {
    source = SourceBuffer(text, file: file)
    self.line = line
    lineStart = 1 - column
  }

  private var bytes: UnsafeBufferPointer<UInt8> { source.bytes }

  /// Where the next unread character is.
  var location: SourceLocation {
    SourceLocation(file: source.file, line: line, column: index - lineStart + 1)
  }

  /// The next token; `.end` forever once the input is used up.
  mutating func next() -> Token {
    skipTrivia()
    let first = index
    guard index < bytes.count else { return token(.end, first..<first, startingAt: first) }

    let byte = bytes[index]
    if let kind = punctuation(byte) {
      index += 1
      return token(kind, first..<index, startingAt: first)
    }
    if byte == UInt8(ascii: "\"") && mode == .statement {
      return quotedString()
    }
    let wordEnd = endOfWord(from: first)
    if wordEnd > first {
      index = wordEnd
      let word = token(.word, first..<index, startingAt: first)
      guard mode == .statement && word.hasPrefix("file:") else { return word }

      // A key file's path runs to the next blank or ';' (see KeyReference).
      index = endOfRun(from: index) { !Self.isPathEnd($0) }
      return token(.word, first..<index, startingAt: first)
    }
    skipInvalidCharacter()
    return token(.invalid, first..<index, startingAt: first)
  }

  /// A token of `kind` over `range`, located where `start` is on the current line.
  @inline(__always)
  private func token(_ kind: Token.Kind, _ range: Range<Int>, startingAt start: Int) -> Token {
    Token(kind: kind, range: range, line: line, column: start - lineStart + 1, source: source)
  }

  // MARK: - Character classes

  /// Single-character tokens of the current mode.
  @inline(__always)
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

  /// Letters, digits and `: . % _` make words in a policy. `_` is not in setkey's set, but
  /// accepting it lets a misspelt name fail as a name, which says more.
  private static let policyWordBytes = ASCIISet(
    "abcdefghijklmnopqrstuvwxyz" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "0123456789" + ":.%_")

  /// Outside policies `-` and `,` belong to words too (`-E`, `hmac-sha256`, `8,0`).
  private static let statementWordBytes = policyWordBytes.adding("-,")

  /// Both word sets as one table by byte value: bit 0 set for `statementWordBytes`, bit 1
  /// for `policyWordBytes`. Scanning a word (a key is a hundred bytes) then costs a load
  /// and a test per byte.
  private static let wordClasses: [UInt8] = (0...255).map { value in
    let byte = UInt8(value)
    return (statementWordBytes.contains(byte) ? 1 : 0) | (policyWordBytes.contains(byte) ? 2 : 0)
  }

  /// Where the word starting at `start` ends: the run of bytes that make words in the
  /// current mode (`start` itself when its byte does not).
  @inline(__always)
  private func endOfWord(from start: Int) -> Int {
    let bytes = self.bytes
    let bit: UInt8 = mode == .statement ? 1 : 2
    return Self.wordClasses.withUnsafeBufferPointer { classes in
      var end = start
      while end < bytes.count && classes[Int(bytes[end])] & bit != 0 { end &+= 1 }
      return end
    }
  }

  /// Blanks and `;` end a `file:` path.
  private static func isPathEnd(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
      UInt8(ascii: ";"):
      true
    default:
      false
    }
  }

  // MARK: - Scanning

  /// Where the run of bytes matching `belongs` that starts at `start` ends. Newlines must
  /// not belong: the line count does not move.
  @inline(__always)
  private func endOfRun(from start: Int, while belongs: (UInt8) -> Bool) -> Int {
    let bytes = self.bytes
    var end = start
    while end < bytes.count && belongs(bytes[end]) { end &+= 1 }
    return end
  }

  /// Skips blanks, newlines and `#` comments.
  @inline(__always)
  private mutating func skipTrivia() {
    let bytes = self.bytes
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0b, 0x0c:
        index += 1
      case UInt8(ascii: "\n"):
        index += 1
        line += 1
        lineStart = index
      case UInt8(ascii: "#"):
        index = endOfRun(from: index) { $0 != UInt8(ascii: "\n") }
      default:
        return
      }
    }
  }

  /// A `"..."` string, which may span lines as in setkey.
  private mutating func quotedString() -> Token {
    let quote = index
    let quoteLine = line
    let quoteColumn = index - lineStart + 1
    advance()
    let first = index
    while index < bytes.count && bytes[index] != UInt8(ascii: "\"") { advance() }
    guard index < bytes.count else {
      return Token(
        kind: .unterminatedString, range: quote..<quote + 1, line: quoteLine,
        column: quoteColumn, source: source)
    }
    let content = first..<index
    advance()
    return Token(
      kind: .quoted, range: content, line: quoteLine, column: quoteColumn, source: source)
  }

  /// Moves past one character, all of its UTF-8 bytes.
  private mutating func skipInvalidCharacter() {
    index += 1
    while index < bytes.count && bytes[index] & 0xC0 == 0x80 { index += 1 }
  }

  /// Moves past one byte, keeping count of lines.
  private mutating func advance() {
    if bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    index += 1
  }
}
