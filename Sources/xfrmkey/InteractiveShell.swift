// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif
import IPsecModel
import PolicyLanguage

/// The interactive shell: `xfrmkey` with no mode, or `-c`, on a terminal.
///
/// Each line goes to the same `IncrementalParser` as `-c` uses, and every statement a `;`
/// completes runs at once through the driver's statement runner. A statement still
/// missing its `;` gets the continuation prompt. Errors are shown under the line they are
/// in, with a caret. A finished statement becomes one history entry (its lines joined);
/// the history file gets it with its keys masked. Ctrl-C drops the statement being typed;
/// Ctrl-D on an empty line, or `exit;`, leaves.
struct InteractiveShell {
  /// The prompt for a new statement.
  static let prompt = "xfrmkey> "
  /// The prompt while a statement lacks its `;`.
  static let continuationPrompt = "    ...> "
  /// The history file, in the user's home.
  static let historyName = ".xfrmkey_history"

  let options: CommandLineOptions
  let parseOptions: ParseOptions

  private var lines: [Int: String] = [:]
  private var statementLines: [String] = []
  private var lineNumber = 0
  private var firstParserLine = 1

  /// A shell for these options.
  init(options: CommandLineOptions, parseOptions: ParseOptions) {
    self.options = options
    self.parseOptions = parseOptions
  }

  /// Reads and runs statements until `exit` or Ctrl-D; `execute` runs parsed statements.
  mutating func run(_ execute: ([Statement]) throws -> ExitCode) throws -> ExitCode {
    let editor: LineEditor
    do {
      editor = try LineEditor(program: "xfrmkey", historyPath: Self.historyPath())
    } catch {
      StandardError.line("xfrmkey: error: \(error.message)")
      return .internalError
    }
    editor.completer = { StatementCompleter.complete($0, extraCommands: ["help"]) }
    var parser = IncrementalParser(file: "<stdin>", options: parseOptions)
    var status = ExitCode.success

    while true {
      editor.pendingText = statementLines.map { $0 + "\n" }.joined()
      let prompt = statementLines.isEmpty ? Self.prompt : Self.continuationPrompt
      let input = editor.read(prompt: prompt)
      if input == .end { break }
      guard case .line(let line) = input else {
        StandardError.write("\n")
        statementLines = []
        parser = IncrementalParser(file: "<stdin>", options: parseOptions)
        firstParserLine = lineNumber + 1
        continue
      }
      lineNumber += 1
      lines[lineNumber] = line
      lines[lineNumber - 200] = nil

      if statementLines.isEmpty, let topic = ShellHelp.topic(ofCommand: line) {
        StandardError.write(ShellHelp.text(for: topic))
        editor.remember(typed: line, persistedForm: line)
        _ = parser.feed("\n")  // keeps the parser's line numbers in step with ours
        continue
      }

      statementLines.append(line)
      let parsed = parser.feed(line + "\n")
      showDiagnostics(parsed.diagnostics, promptWidth: prompt.count)
      if parsed.hasErrors { status = .badInput }

      let exits = parsed.statements.contains { $0.command == .exit }
      let work = parsed.statements.prefix { $0.command != .exit }
      if !options.dryRun && !work.isEmpty { status = merge(status, try execute(Array(work))) }

      if !parser.hasPendingText || exits {
        let typed = statementLines.joined(separator: " ")
        editor.remember(typed: typed, persistedForm: KeyMask.masking(typed).text)
        statementLines = []
      }
      if exits { return status }
    }

    StandardError.write("\n")
    if parser.hasPendingText {
      StandardError.line("error: input ended inside a statement (missing ';')")
      status = merge(status, .badInput)
    }
    return status
  }

  // MARK: - Diagnostics

  /// Each diagnostic under its line: a caret at its column, then the message. A line
  /// that is not the one just typed is shown again first (with keys masked).
  private func showDiagnostics(_ diagnostics: [Diagnostic], promptWidth: Int) {
    for diagnostic in diagnostics {
      let line = diagnostic.location.line + firstParserLine - 1
      var indent = promptWidth
      var prefix = ""
      if line != lineNumber, let text = lines[line] {
        prefix = "  " + KeyMask.masking(text).text + "\n"
        indent = 2
      }
      let source = lines[line] ?? ""
      let caret = Self.caretLine(source, column: diagnostic.location.column, indent: indent)
      let place = "line \(line), column \(diagnostic.location.column)"
      StandardError.write(
        prefix + caret + "\n" + "\(diagnostic.severity.rawValue): \(diagnostic.message) "
          + "(\(place))\n")
    }
  }

  /// Spaces (tabs where the source has tabs) up to `column`, then `^`.
  static func caretLine(_ source: String, column: Int, indent: Int) -> String {
    let before = Array(source.utf8.prefix(max(0, column - 1)))
    let text = String(decoding: before, as: UTF8.self)
    let padding = text.map { $0 == "\t" ? "\t" : " " }.joined()
    return String(repeating: " ", count: indent) + padding + "^"
  }

  // MARK: - Pieces

  /// `$HOME/.xfrmkey_history`, or nil without a home.
  static func historyPath() -> String? {
    if let home = getenv("HOME"), home.pointee != 0 {
      return String(cString: home) + "/" + historyName
    }
    guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else {
      return nil
    }
    return String(cString: directory) + "/" + historyName
  }

  private func merge(_ a: ExitCode, _ b: ExitCode) -> ExitCode {
    a == .success ? b : a
  }
}
