// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

@Suite struct IncrementalParserTests {
  private func parser() -> IncrementalParser {
    IncrementalParser(file: "<stdin>", options: testOptions())
  }

  @Test func statementsComeOutWhenTheirSemicolonArrives() {
    var incremental = parser()
    #expect(incremental.feed("spdadd 192.0.2.1 192.0.2.2 any").statements.isEmpty)
    #expect(incremental.hasPendingText)
    #expect(incremental.feed(" -P in ipsec\n  esp/transport//require").statements.isEmpty)

    let result = incremental.feed(" ; flu")
    #expect(result.statements.map(\.location.line) == [1, 1])
    #expect(incremental.hasPendingText)
    #expect(commands(incremental.feed("sh;\n")) == [.flush(nil)])
    #expect(!incremental.hasPendingText)
  }

  @Test func locationsContinueAcrossPieces() {
    var incremental = parser()
    _ = incremental.feed("flush;\nspdflush; ")
    let result = incremental.feed("\n\n  bogus ;")
    #expect(
      result.diagnostics.map(\.description) == [
        "<stdin>:4:3: error: unknown command 'bogus'; expected add, update, get, delete, "
          + "deleteall, getspi, flush, dump, spdadd, spdupdate, spddelete, spdflush, spddump "
          + "or exit"
      ])
  }

  @Test func semicolonsInStringsAndCommentsDoNotEndStatements() {
    var incremental = parser()
    #expect(incremental.feed("add ::1 ::1 ah 1 -A hmac-md5 \"1234;678").statements.isEmpty)
    #expect(incremental.feed("12345678\" # a comment; with a semicolon\n").statements.isEmpty)
    let result = incremental.feed(";")
    #expect(result.statements.count == 1)
    #expect(result.diagnostics.isEmpty)
  }

  @Test func finishReportsAnUnterminatedStatement() {
    var incremental = parser()
    _ = incremental.feed("flush;\nspddump")
    let result = incremental.finish()
    #expect(result.diagnostics.first?.location.line == 2)
    #expect(result.hasErrors)
    #expect(!incremental.hasPendingText)
  }

  @Test func commentsAloneAreNotPending() {
    var incremental = parser()
    _ = incremental.feed("# only a comment\n   \n")
    #expect(!incremental.hasPendingText)
    #expect(incremental.finish().diagnostics.isEmpty)
  }

  @Test func nothingIsReadAfterExit() {
    var incremental = parser()
    #expect(commands(incremental.feed("exit; flush;")) == [.exit])
    #expect(incremental.feed("flush;").statements.isEmpty)
  }
}
