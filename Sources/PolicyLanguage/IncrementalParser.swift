// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Parses text that arrives in pieces, as `setkey -c` reads standard input: each `feed`
/// returns the statements that a `;` completed since the last call, so they can be sent
/// before the rest is typed. Line and column numbers continue across pieces.
public struct IncrementalParser {
  private let file: String
  private let options: ParseOptions
  /// Text not parsed yet; readable by tests, which check that no key is left behind.
  private(set) var pending: [UInt8] = []
  private var line = 1
  private var column = 1
  private var didExit = false

  /// Starts with no text; `file` names the input in diagnostics (`<stdin>`).
  public init(file: String, options: ParseOptions) {
    self.file = file
    self.options = options
  }

  /// Adds text and parses every statement it completes. Text after the last `;` waits
  /// for the next call (or `finish`).
  public mutating func feed(_ text: String) -> ParseResult {
    guard !didExit else { return ParseResult() }
    append(text)
    guard let end = Self.endOfLastStatement(in: pending) else { return ParseResult() }
    return parse(upTo: end)
  }

  /// Parses what is left at the end of input; an unfinished statement is an error there.
  public mutating func finish() -> ParseResult {
    guard !didExit, hasPendingText else { return ParseResult() }
    return parse(upTo: pending.count)
  }

  /// True when text other than blanks and comments waits for its `;`.
  public var hasPendingText: Bool {
    var lexer = Lexer(pending, file: file)
    return lexer.next().kind != .end
  }

  /// Parses `pending[..<end]` and moves the start position past it. The parsed text is
  /// wiped as it is dropped: it may hold keys.
  private mutating func parse(upTo end: Int) -> ParseResult {
    let chunk = pending[..<end]
    var parser = StatementParser(chunk, file: file, line: line, column: column, options: options)
    let result = parser.parseAll()
    didExit = parser.didExit

    for byte in chunk {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    dropParsed(end)
    return result
  }

  /// Adds `text` to the pending text. A buffer too small is replaced by hand, the old one
  /// wiped: growing in place would free it with the unparsed text (maybe a key) in it.
  private mutating func append(_ text: String) {
    let needed = pending.count + text.utf8.count
    if needed > pending.capacity {
      var grown: [UInt8] = []
      grown.reserveCapacity(Swift.max(needed, 2 * pending.capacity))
      grown += pending
      for index in pending.indices { pending[index] = 0 }
      pending = grown
    }
    pending += text.utf8
  }

  /// Drops the parsed `pending[..<end]`: the rest moves to the front, and every byte it
  /// leaves behind is zeroed (`removeFirst` would leave a copy of the rest's tail, maybe a
  /// key, in the spare capacity).
  private mutating func dropParsed(_ end: Int) {
    let rest = pending.count - end
    for index in 0..<rest { pending[index] = pending[index + end] }
    for index in rest..<pending.count { pending[index] = 0 }
    pending.removeLast(end)
  }

  /// The index just past the last `;` that is not inside a quoted string or a comment.
  private static func endOfLastStatement(in bytes: [UInt8]) -> Int? {
    var last: Int?
    var index = 0
    var inQuotes = false
    while index < bytes.count {
      let byte = bytes[index]
      if inQuotes {
        if byte == UInt8(ascii: "\"") { inQuotes = false }
      } else if byte == UInt8(ascii: "\"") {
        inQuotes = true
      } else if byte == UInt8(ascii: "#") {
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
        continue
      } else if byte == UInt8(ascii: ";") {
        last = index + 1
      }
      index += 1
    }
    return last
  }
}
