// SPDX-License-Identifier: Apache-2.0
import PolicyLanguage

/// `help` and `help TOPIC` in the interactive shell, drawn from `LanguageReference`.
enum ShellHelp {
  /// What `help` can explain.
  enum Topic: Equatable {
    /// The list of commands.
    case overview
    /// One command.
    case command(CommandReference)
    /// The algorithm tables.
    case algorithms
    /// A word that is not a topic.
    case unknown(String)
  }

  /// The topic when `line` is a help request (`help`, `help add`, `help add;`, `?`).
  static func topic(ofCommand line: String) -> Topic? {
    let words = line.split(whereSeparator: { $0.isWhitespace || $0 == ";" }).map(String.init)
    guard let first = words.first, first == "help" || first == "?" else { return nil }
    guard words.count > 1 else { return .overview }
    if words[1] == "algorithms" { return .algorithms }
    guard let command = LanguageReference.command(named: words[1]) else {
      return .unknown(words[1])
    }
    return .command(command)
  }

  /// The text for a topic.
  static func text(for topic: Topic) -> String {
    switch topic {
    case .overview:
      let width = (LanguageReference.commands.map(\.name.count).max() ?? 0) + 2
      var out = "Statements end with ';' and may span lines. Commands:\n"
      for command in LanguageReference.commands {
        let padding = String(repeating: " ", count: width - command.name.count)
        out += "  \(command.name)\(padding)\(command.summary)\n"
      }
      out += "Type 'help COMMAND' for its syntax, 'help algorithms' for -E, -A and -C.\n"
      out += "Tab completes commands, options, protocols and algorithm names.\n"
      return out
    case .command(let command):
      var out = "\(command.synopsis)\n  \(command.summary)\n"
      if !command.aliases.isEmpty {
        out += "  also spelt: \(command.aliases.joined(separator: ", "))\n"
      }
      let help = LanguageReference.optionHelp(for: command)
      let lines = command.options.compactMap { help[$0] }
      if !lines.isEmpty { out += "Options:\n" + lines.map { "  \($0)\n" }.joined() }
      return out
    case .algorithms:
      var out = ""
      for (option, title) in [
        ("-E", "encryption"), ("-A", "authentication"), ("-C", "compression"),
      ] {
        out += "\(option) (\(title)):\n"
        out += LanguageReference.algorithmLines(for: option).map { "  \($0)\n" }.joined()
      }
      return out
    case .unknown(let word):
      let known = LanguageReference.commandWords.joined(separator: ", ")
      return "error: no help for '\(word)'; try one of \(known), algorithms\n"
    }
  }
}
