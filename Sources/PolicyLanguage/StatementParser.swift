// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// The recursive-descent parser behind `SetkeyParser` and `IncrementalParser`.
///
/// It pulls tokens one at a time, so it can switch the lexer into policy mode right after
/// `-P`, as setkey's scanner does. Each statement either emits its statements into the
/// result or throws one diagnostic; the parser then skips to the next `;` and goes on, so a
/// file reports every broken statement, not only the first.
struct StatementParser {
  var lexer: Lexer
  let options: ParseOptions
  private var lookahead: Token?
  private var endedStatement = false
  private(set) var result = ParseResult()

  /// True once `exit`, `quit` or `bye` was read: setkey stops reading there.
  private(set) var didExit = false

  /// Parses `bytes` whose first character sits at `line`:`column` of `file`.
  init<Bytes: Collection<UInt8>>(
    _ bytes: Bytes, file: String, line: Int, column: Int, options: ParseOptions
  ) {
    lexer = Lexer(bytes, file: file, line: line, column: column)
    self.options = options
  }

  /// Parses every statement to the end of the input (or to `exit`).
  mutating func parseAll() -> ParseResult {
    result.statements.reserveCapacity(lexer.source.statementEstimate)
    while !didExit {
      lexer.mode = .statement
      endedStatement = false
      let token = peek()
      if token.kind == .end { break }
      if token.kind == .semicolon {
        advance()
        continue
      }

      do {
        try parseStatement()
      } catch {
        result.diagnostics.append(error)
        recover()
      }
    }
    return result
  }

  /// Adds a statement to the result. A statement parser emits only once nothing it still
  /// checks can throw, so a broken statement adds nothing.
  mutating func emit(_ statement: Statement) {
    result.statements.append(statement)
  }

  /// Records a warning; parsing goes on.
  mutating func warn(_ message: String, at token: Token) {
    result.diagnostics.append(Diagnostic(message, at: token.location, severity: .warning))
  }

  // MARK: - Statements

  /// One statement, from its command word to its `;`.
  private mutating func parseStatement() throws(Diagnostic) {
    let command = peek()
    guard command.kind == .word else { throw .unexpected(command, expected: "a command") }
    advance()

    switch command {
    case "add": try parseAdd(command, isUpdate: false)
    case "update": try parseAdd(command, isUpdate: true)
    case "get", "delete": try parseGetOrDelete(command)
    case "deleteall": try parseDeleteAll(command)
    case "getspi": try parseGetSPI(command)
    case "flush", "dump": try parseFlushOrDump(command)
    case "spdadd", "spdupdate", "spddelete", "spdget": try parsePolicyStatement(command)
    case "spddefault": try parseSPDDefault(command)
    case "spdinfo": try parseSPDInfo(command)
    case "sadinfo": try parseSADInfo(command)
    case "spdflush", "spddump":
      try expectEnd()
      emit(Statement(command.hasText("spdflush") ? .spdFlush : .spdDump, at: command.location))
    case "exit", "quit", "bye":
      try expectEnd()
      didExit = true
      emit(Statement(.exit, at: command.location))
    default:
      throw .unknownCommand(command)
    }
  }

  /// `flush [proto] ;` and `dump [proto] ;`.
  private mutating func parseFlushOrDump(_ command: Token) throws(Diagnostic) {
    var securityProtocol: SecurityProtocol?
    if peek().kind == .word {
      securityProtocol = try parseProtocol(advance()).base
    }
    try expectEnd()

    let isFlush = command.hasText("flush")
    emit(
      Statement(isFlush ? .flush(securityProtocol) : .dump(securityProtocol), at: command.location))
  }

  // MARK: - Tokens

  /// The next token, not consumed.
  mutating func peek() -> Token {
    if let lookahead { return lookahead }
    let token = lexer.next()
    lookahead = token
    return token
  }

  /// Consumes and returns the next token.
  @discardableResult
  mutating func advance() -> Token {
    let token = peek()
    lookahead = nil
    if token.kind == .semicolon { endedStatement = true }
    return token
  }

  /// Consumes a word, or throws naming what was expected.
  mutating func expectWord(_ expected: @autoclosure () -> String) throws(Diagnostic) -> Token {
    let token = peek()
    guard token.kind == .word, !token.isOption else {
      throw .unexpected(token, expected: expected())
    }
    return advance()
  }

  /// Consumes a token of one kind, or throws naming what was expected.
  mutating func expect(_ kind: Token.Kind, _ expected: @autoclosure () -> String)
    throws(Diagnostic)
  {
    let token = peek()
    guard token.kind == kind else { throw .unexpected(token, expected: expected()) }
    advance()
  }

  /// Consumes the `;` that ends a statement.
  mutating func expectEnd() throws(Diagnostic) {
    try expect(.semicolon, "';'")
  }

  /// Skips the rest of a broken statement, through its `;`.
  private mutating func recover() {
    while !endedStatement {
      let token = advance()
      if token.kind == .end { break }
    }
  }
}
