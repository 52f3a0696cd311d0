// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// An algorithm named by `-E`, `-A` or `-C`, with its key and where it was written.
struct ChosenAlgorithm {
  /// The catalogue entry.
  var algorithm: Algorithm
  /// The key; empty for keyless algorithms.
  var key: Key
  /// The algorithm name's token, for later errors.
  var token: Token
}

/// What the options after an SA's SPI said, before they become a `SecurityAssociation`.
struct SAOptions {
  /// `-m`; nil when not given (setkey's `any`).
  var mode: IPsecMode?
  /// `-u`.
  var reqid: UInt32 = 0
  /// `-r`. setkey(8) says bytes, but Linux has always counted packets.
  var replayWindow: UInt32 = 0
  /// `-f` words, which Linux does not store.
  var extensions: Set<String> = []
  /// `-lh`, `-ls`, `-bh`, `-bs`.
  var lifetime = LifetimeLimits()
  /// `-ctx`.
  var context: SecurityContext?
  /// `-E`.
  var encryption: ChosenAlgorithm?
  /// `-A`.
  var authentication: ChosenAlgorithm?
  /// `-C`.
  var compression: ChosenAlgorithm?
  /// The xfrm-only options (`SAOptions+XfrmEra.swift`).
  var era = XfrmEraSAOptions()
  /// The option tokens seen and the token after each (its value), to refuse repeats and
  /// to locate errors.
  var seen = OptionTokens()
  /// xfrmkey's own options (`-flags`, `-sel`, ...); see `SaveExtensions`.
  var saveExtensions = SaveExtensions()
}

extension StatementParser {
  /// Reads options up to (not including) the `;` into `options`. `allowed` limits which
  /// options the statement takes; nil allows all of them. Filled in place: the options are
  /// large (keys, algorithms, tokens), and copying them costs more than reading them.
  mutating func parseSAOptions(
    into options: inout SAOptions, for command: Token, allowed: Set<String>? = nil
  ) throws(Diagnostic) {
    while peek().kind != .semicolon && peek().kind != .end {
      let option = peek()
      guard option.isOption else { throw .unexpected(option, expected: "an option or ';'") }
      advance()
      if let allowed, !allowed.contains(option.text), Self.allSAOptions.contains(option.text) {
        throw .optionNotAllowed(option, in: command)
      }
      if options.seen.contains(option), !option.hasText("-f") {
        throw .duplicateOption(option)
      }
      options.seen.record(option, value: peek())
      try parseSAOption(option, into: &options)
    }
  }

  /// Every option an SA statement knows.
  static let saOptions: Set<String> = Self.xfrmEraSAOptions.union([
    "-m", "-r", "-u", "-f", "-lh", "-ls", "-bh", "-bs", "-ctx", "-E", "-A", "-C", "-R",
  ])

  /// Every option an SA statement knows, xfrmkey's own included.
  private static let allSAOptions = saOptions.union(saExtensionOptions)

  private mutating func parseSAOption(_ option: Token, into options: inout SAOptions)
    throws(Diagnostic)
  {
    switch option {
    case "-m":
      let word = try expectWord("a mode ('transport', 'tunnel' or 'any')")
      guard let mode = IPsecMode(word), mode != .beet else {
        throw .invalidMode(word)
      }
      options.mode = mode
    case "-r":
      options.replayWindow = try number(expectWord("a replay window size"), "replay window")
    case "-u": options.reqid = try number(expectWord("a reqid"), "reqid")
    case "-f":
      let word = try expectWord("'zero-pad', 'random-pad', 'seq-pad' or 'nocyclic-seq'")
      if applyFlagWord(word, to: &options.era) { break }
      guard Self.paddingWords.contains(word.text) else { throw .invalidExtension(word) }
      options.extensions.insert(word.text)
    case "-lh": options.lifetime.hardAddSeconds = try number(expectWord("seconds"), "lifetime")
    case "-ls": options.lifetime.softAddSeconds = try number(expectWord("seconds"), "lifetime")
    case "-bh": options.lifetime.hardBytes = try number(expectWord("bytes"), "byte limit")
    case "-bs": options.lifetime.softBytes = try number(expectWord("bytes"), "byte limit")
    case "-ctx": options.context = try parseSecurityContext()
    case "-E": options.encryption = try parseAlgorithm(option, kinds: [.encryption, .aead])
    case "-A": options.authentication = try parseAlgorithm(option, kinds: [.authentication])
    case "-C": options.compression = try parseAlgorithm(option, kinds: [.compression])
    case "-R": options.extensions.insert("raw-cpi")
    case _ where Self.saExtensionOptions.contains(option.text):
      try parseSAExtension(option, into: &options.saveExtensions)
    default: try parseXfrmEraSAOption(option, into: &options)
    }
  }

  /// The `-f` words setkey knows.
  static let paddingWords: Set<String> = [
    "zero-pad", "random-pad", "seq-pad", "nocyclic-seq", "cyclic-seq",
  ]

  /// `-ctx DOI ALG "context"`, after `-ctx`.
  mutating func parseSecurityContext() throws(Diagnostic) -> SecurityContext {
    let doi: UInt8 = try number(expectWord("a context DOI number"), "context DOI")
    let algorithm: UInt8 = try number(expectWord("a context algorithm number"), "context algorithm")
    let text = peek()
    guard text.kind == .quoted else { throw .unexpected(text, expected: "a quoted context") }
    advance()
    guard text.range.count <= Self.maximumContextBytes else {
      throw Diagnostic(
        "security context of \(text.range.count) bytes is too long: netlink carries at most "
          + "\(Self.maximumContextBytes) bytes", at: text.location)
    }
    return SecurityContext(doi: doi, algorithm: algorithm, context: text.text)
  }

  /// The longest context one `XFRMA_SEC_CTX` holds: its 16-bit length also counts the
  /// attribute header (4 bytes) and `struct xfrm_user_sec_ctx` (8).
  static let maximumContextBytes = Int(UInt16.max) - 4 - 8

  /// A decimal or `0x` number that fits `T`.
  func number<T: FixedWidthInteger & UnsignedInteger>(_ token: Token, _ what: String)
    throws(Diagnostic) -> T
  {
    guard let parsed = token.unsignedValue else { throw .invalidNumber(token, what: what) }
    guard let value = T(exactly: parsed) else { throw .outOfRange(token, what: what, max: T.max) }
    return value
  }
}
