// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Hides the keys in setkey text, for anything that keeps what was typed (a history file).
public enum KeyMask {
  /// The text with every key after `-E ALG` and `-A ALG` replaced by `<hidden>`, and
  /// whether any was. Everything else, layout included, is kept.
  public static func masking(_ text: String) -> (text: String, masked: Bool) {
    let bytes = Array(text.utf8)
    var lineStarts = [0]
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      lineStarts.append(index + 1)
    }

    var ranges: [Range<Int>] = []
    var lexer = Lexer(bytes, file: "")
    var previous: [Token] = []
    while true {
      let token = lexer.next()
      if token.kind == .end { break }
      if token.kind == .semicolon { lexer.mode = .statement }
      if token.isWord("-P") { lexer.mode = .policy }

      if previous.count >= 2, isKey(token), previous[previous.count - 2].kind == .word,
        ["-E", "-A"].contains(previous[previous.count - 2].text)
      {
        let start = lineStarts[token.location.line - 1] + token.location.column - 1
        let length = token.text.utf8.count + (token.kind == .quoted ? 2 : 0)
        let end = token.kind == .unterminatedString ? bytes.count : start + length
        ranges.append(start..<min(end, bytes.count))
      }
      previous.append(token)
    }
    guard !ranges.isEmpty else { return (text, false) }

    var out: [UInt8] = []
    var cursor = 0
    for range in ranges {
      out += bytes[cursor..<range.lowerBound]
      out += Array(SetkeyDumpFormatter.keyMask.utf8)
      cursor = range.upperBound
    }
    out += bytes[cursor...]
    return (String(decoding: out, as: UTF8.self), true)
  }

  /// A token that can be a key: a quoted string, or a word that is not an option.
  private static func isKey(_ token: Token) -> Bool {
    token.kind == .quoted || token.kind == .unterminatedString
      || (token.kind == .word && !token.isOption)
  }
}
