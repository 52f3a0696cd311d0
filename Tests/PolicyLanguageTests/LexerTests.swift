// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing

@testable import PolicyLanguage

@Suite struct LexerTests {
  /// A token as the tests look at it, copied out: a `Token` only lives as long as its lexer.
  private struct Lexed {
    var kind: Token.Kind
    var text: String
    var location: IPsecModel.SourceLocation
  }

  /// Every token of `text` up to the end, in one mode.
  private func tokens(_ text: String, mode: Lexer.Mode = .statement) -> [Lexed] {
    var lexer = Lexer(Array(text.utf8), file: "t")
    lexer.mode = mode
    var found: [Lexed] = []
    while true {
      let token = lexer.next()
      if token.kind == .end { return found }
      found.append(Lexed(kind: token.kind, text: token.text, location: token.location))
    }
  }

  @Test func wordsKeepHyphensCommasAndColonsOutsidePolicies() {
    let found = tokens("add -46n fec0::1%lo hmac-sha2-256 8,0 0x100-0x1ff;")
    #expect(
      found.map(\.text) == [
        "add", "-46n", "fec0::1%lo", "hmac-sha2-256", "8,0", "0x100-0x1ff", ";",
      ])
  }

  @Test func policyModeSplitsHyphensPlusAndSlashes() {
    let found = tokens("in prio def + 1 ipsec esp/tunnel/::1-::2/unique:3", mode: .policy)
    #expect(
      found.map(\.text) == [
        "in", "prio", "def", "+", "1", "ipsec", "esp", "/", "tunnel", "/", "::1", "-", "::2",
        "/", "unique:3",
      ])
    #expect(found[3].kind == .plus)
    #expect(found[11].kind == .hyphen)
  }

  @Test func commentsRunToTheEndOfTheLineAndLocationsCountLinesAndColumns() {
    let found = tokens("# header\n\tflush; # trailing ; text\n  spdflush ;")
    #expect(found.map(\.text) == ["flush", ";", "spdflush", ";"])
    #expect(found.map(\.location.line) == [2, 2, 3, 3])
    #expect(found.map(\.location.column) == [2, 7, 3, 12])
  }

  @Test func quotedStringsSpanLinesAndKeepSemicolons() {
    let found = tokens("-A hmac-md5 \"one;\ntwo\" ;")
    #expect(found[2].kind == .quoted)
    #expect(found[2].text == "one;\ntwo")
    #expect(found[3].location.line == 2)
  }

  @Test func anUnterminatedStringIsOneTokenAtItsQuote() {
    let found = tokens("add \"never closed ;")
    #expect(found.last?.kind == .unterminatedString)
    #expect(found.last?.location.column == 5)
  }

  @Test(arguments: ["+", "\\", "$", "{", "é"])
  func strayCharactersBecomeInvalidTokens(character: String) {
    let found = tokens("flush \(character) ;")
    #expect(found[1].kind == .invalid)
    #expect(found[1].text == character)
    #expect(found[2].kind == .semicolon)
  }

  @Test func bracketsAndSlashesAreTokensInStatements() {
    let found = tokens("10.0.0.0/8[any] ::1 [4500]")
    #expect(
      found.map(\.kind) == [
        .word, .slash, .word, .openBracket, .word, .closeBracket, .word, .openBracket, .word,
        .closeBracket,
      ])
  }
}
