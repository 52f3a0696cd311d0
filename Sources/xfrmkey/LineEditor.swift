// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif
internal import CEditLine

/// Set by the SIGINT handler while a line is read.
nonisolated(unsafe) private var lineEditorInterrupted: sig_atomic_t = 0

/// Line editing, history and completion on a terminal, through libedit. The only code
/// that calls `el_*` and `history*`.
///
/// Two histories are kept: the one the arrow keys walk holds lines as typed, for this
/// session only; the one saved to the history file holds them as `persistedForm` gives
/// them (keys masked). The file is rewritten after every entry, mode 0600, so a crash
/// loses nothing and no other user can read it.
final class LineEditor {
  /// Completes the text before the cursor: the word being completed and its candidates.
  typealias Completer = (String) -> (word: String, candidates: [String])

  private let editor: OpaquePointer
  private let session: OpaquePointer
  private let persisted: OpaquePointer
  private let historyPath: String?
  private var promptText: UnsafeMutablePointer<CChar>?
  private var previousInterruptAction = sigaction()

  /// Called for Tab with the text before the cursor, current line included.
  var completer: Completer?

  /// Text of earlier lines the completer should see (an unfinished statement).
  var pendingText = ""

  /// Opens libedit on the standard streams, emacs bindings, `~/.editrc` read, and the
  /// history file loaded when there is one. Throws when libedit cannot be loaded.
  init(program: String, historyPath: String?) throws(LineEditorUnavailable) {
    guard xfrmkey_editline_api() != nil else {
      let reason = xfrmkey_editline_error().map { String(cString: $0) } ?? "unknown error"
      throw LineEditorUnavailable(reason: reason)
    }
    setlocale(LC_CTYPE, "")
    editor = xfrmkey_el_init(program)
    session = xfrmkey_history_init()
    persisted = xfrmkey_history_init()
    self.historyPath = historyPath

    for history in [session, persisted] {
      _ = xfrmkey_history_set_size(history, 1000)
      _ = xfrmkey_history_set_unique(history, 1)
      if let historyPath { _ = xfrmkey_history_load(history, historyPath) }
    }
    _ = xfrmkey_el_set_editor(editor, "emacs")
    _ = xfrmkey_el_set_signal_handling(editor, 1)
    _ = xfrmkey_el_set_history(editor, session)
    _ = xfrmkey_el_set_client_data(editor, Unmanaged.passUnretained(self).toOpaque())
    _ = xfrmkey_el_set_prompt(editor) { editor in
      guard let editor, let data = xfrmkey_el_client_data(editor) else { return nil }
      return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().promptText
    }
    _ = xfrmkey_el_add_function(editor, "xfrmkey-complete", "complete a word") { editor, _ in
      guard let editor, let data = xfrmkey_el_client_data(editor) else { return UInt8(CC_ERROR) }
      return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete()
    }
    _ = xfrmkey_el_bind(editor, "^I", "xfrmkey-complete")
    _ = xfrmkey_el_source(editor, nil)

    // Ctrl-C interrupts the read (no SA_RESTART), so it drops the line instead of
    // ending the program; libedit restores the terminal around it (EL_SIGNAL).
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in lineEditorInterrupted = 1 }
    sigemptyset(&action.sa_mask)
    sigaction(SIGINT, &action, &previousInterruptAction)
  }

  deinit {
    sigaction(SIGINT, &previousInterruptAction, nil)
    xfrmkey_el_end(editor)
    xfrmkey_history_end(session)
    xfrmkey_history_end(persisted)
    free(promptText)
  }

  /// What reading produced.
  enum Input: Equatable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C: the line being typed was dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case end
  }

  /// Reads one line after showing `prompt`.
  func read(prompt: String) -> Input {
    free(promptText)
    promptText = strdup(prompt)
    lineEditorInterrupted = 0
    var count: Int32 = 0
    guard let line = xfrmkey_el_gets(editor, &count), count > 0 else {
      return lineEditorInterrupted != 0 ? .interrupted : .end
    }
    var text = String(cString: line)
    if text.hasSuffix("\n") { text.removeLast() }
    return .line(text)
  }

  /// Adds an entry: `typed` to this session's recall, `persistedForm` to the file.
  func remember(typed: String, persistedForm: String) {
    guard !typed.allSatisfy(\.isWhitespace) else { return }
    _ = xfrmkey_history_enter(session, typed)
    _ = xfrmkey_history_enter(persisted, persistedForm)
    guard let historyPath else { return }
    _ = xfrmkey_history_save(persisted, historyPath)
    _ = chmod(historyPath, 0o600)
  }

  // MARK: - Completion

  /// Inserts what all candidates share; lists them when that adds nothing.
  private func complete() -> UInt8 {
    guard let completer, let info = xfrmkey_el_line(editor) else { return UInt8(CC_ERROR) }
    let length = info.pointee.cursor - info.pointee.buffer
    let before = String(
      decoding: UnsafeRawBufferPointer(start: info.pointee.buffer, count: length), as: UTF8.self)
    let (word, candidates) = completer(pendingText + before)
    guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }

    if candidates.count == 1 {
      let single = candidates[0]
      let ending = single.hasSuffix("/") ? "" : " "
      _ = xfrmkey_el_insertstr(editor, String(single.dropFirst(word.count)) + ending)
      return UInt8(CC_REFRESH)
    }
    let shared = Self.commonPrefix(candidates)
    if shared.count > word.count {
      _ = xfrmkey_el_insertstr(editor, String(shared.dropFirst(word.count)))
      return UInt8(CC_REFRESH)
    }
    StandardError.write("\n" + Self.columns(candidates))
    return UInt8(CC_REDISPLAY)
  }

  /// The longest prefix every candidate has.
  static func commonPrefix(_ words: [String]) -> String {
    guard var shared = words.first else { return "" }
    for word in words.dropFirst() {
      while !word.hasPrefix(shared) { shared.removeLast() }
    }
    return shared
  }

  /// Candidates in columns across an 80-column screen.
  static func columns(_ words: [String]) -> String {
    let width = (words.map(\.count).max() ?? 0) + 2
    let perLine = max(1, 80 / width)
    var out = ""
    for (index, word) in words.enumerated() {
      let last = index % perLine == perLine - 1 || index == words.count - 1
      out += last ? word + "\n" : word + String(repeating: " ", count: width - word.count)
    }
    return out
  }
}

/// libedit could not be loaded, so there is no interactive shell.
struct LineEditorUnavailable: Error {
  /// What `dlopen` said.
  var reason: String

  var message: String {
    "the interactive shell needs libedit (apt-get install libedit2): \(reason)"
  }
}
