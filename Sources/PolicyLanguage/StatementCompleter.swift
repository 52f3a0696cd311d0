// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Tab completion for setkey statements: commands, options, protocols, modes, policy
/// words and algorithm names, from `LanguageReference`.
public enum StatementCompleter {
  /// What can complete the last word of `text` (everything typed so far of the current
  /// statement, up to the cursor): the word being completed and the candidates that
  /// start with it, sorted, without repeats.
  public static func complete(_ text: String, extraCommands: [String] = [])
    -> (word: String, candidates: [String])
  {
    let statement = currentStatement(text)
    let endsInBlank = statement.last.map { $0 == " " || $0 == "\t" || $0 == "\n" } ?? true
    var words = statement.split(whereSeparator: { " \t\n".contains($0) }).map(String.init)
    let word = endsInBlank ? "" : (words.popLast() ?? "")

    let choices = candidates(after: words, word: word, extraCommands: extraCommands)
    let matching = Set(choices.filter { $0.hasPrefix(word) })
    return (word, matching.sorted())
  }

  /// The text after the last `;` outside quotes and comments.
  static func currentStatement(_ text: String) -> Substring {
    var start = text.startIndex
    var inQuotes = false
    var inComment = false
    for index in text.indices {
      let character = text[index]
      if inComment {
        if character == "\n" { inComment = false }
      } else if character == "\"" {
        inQuotes.toggle()
      } else if !inQuotes && character == "#" {
        inComment = true
      } else if !inQuotes && character == ";" {
        start = text.index(after: index)
      }
    }
    return text[start...]
  }

  /// The words that fit after `words`.
  private static func candidates(after words: [String], word: String, extraCommands: [String])
    -> [String]
  {
    guard let command = words.first else {
      return LanguageReference.commandWords + extraCommands
    }
    if command == "help" {
      return words.count == 1 ? LanguageReference.commandWords + ["algorithms"] : []
    }
    guard let reference = LanguageReference.command(named: command) else { return [] }
    let previous = words.last ?? ""

    if let values = optionValues(previous) { return values }
    if command.hasPrefix("spd"), let policyIndex = words.firstIndex(of: "-P") {
      return policyWords(Array(words[(policyIndex + 1)...]), word: word)
    }

    let operands = words.dropFirst().filter { !isAddressFlag($0) }
    if word.hasPrefix("-") {
      return reference.options + (operands.isEmpty ? ["-4", "-6", "-n"] : [])
    }
    switch reference.name {
    case "flush", "dump":
      return operands.isEmpty ? LanguageReference.ruleProtocols : []
    case "spdadd", "spdupdate", "spddelete":
      return operands.count == 2 ? LanguageReference.upperProtocols : []
    case "add", "update", "get", "delete", "deleteall", "getspi":
      return operands.count == 2 ? LanguageReference.saProtocols : []
    default:
      return []
    }
  }

  /// The values of an option that takes a word.
  private static func optionValues(_ option: String) -> [String]? {
    switch option {
    case "-E", "-A", "-C": LanguageReference.algorithmNames(for: option)
    case "-m": LanguageReference.modes
    case "-f": StatementParser.paddingWords.sorted()
    default: nil
    }
  }

  /// After `-P`: direction, then `prio` or the action, then rules built a part at a time
  /// (`esp/`, `esp/transport/`, `esp/transport//require`).
  private static func policyWords(_ after: [String], word: String) -> [String] {
    guard !after.isEmpty else { return LanguageReference.directions }
    let rest = Array(after.dropFirst())
    if rest.first == "prio" || rest.first == "priority" {
      if rest.count == 1 { return ["def", "low", "high"] }
      let afterPriority = rest.dropFirst(2).filter { $0 != "+" && $0 != "-" && Int($0) == nil }
      if afterPriority.isEmpty { return LanguageReference.actions }
      return afterPriority.first == "ipsec" ? rulePart(word) : []
    }
    if rest.isEmpty { return LanguageReference.actions + ["prio"] }
    return rest.first == "ipsec" ? rulePart(word) : []
  }

  /// The next part of a rule `proto/mode/src-dst/level`.
  private static func rulePart(_ word: String) -> [String] {
    let parts = word.split(separator: "/", omittingEmptySubsequences: false)
    switch parts.count {
    case 0, 1:
      return LanguageReference.ruleProtocols.map { $0 + "/" }
    case 2:
      return LanguageReference.ruleModes.map { "\(parts[0])/\($0)/" }
    case 3:
      return parts[1] == "transport" ? ["\(parts[0])/\(parts[1])//"] : []
    default:
      let stem = parts.prefix(3).joined(separator: "/") + "/"
      return LanguageReference.levels.map { stem + $0 }
    }
  }

  private static func isAddressFlag(_ word: String) -> Bool {
    word.count > 1 && word.hasPrefix("-") && word.dropFirst().allSatisfy { "46n".contains($0) }
  }
}
