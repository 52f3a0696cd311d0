// SPDX-License-Identifier: Apache-2.0

/// Every option xfrmkey knows; the help text and the parser read the same table.
enum Option: CaseIterable, Equatable {
  case file, stdin, command, dump, flush, policy, includeDead, dryRun, verbose
  case rfcMode, kernelMode, networkNamespace, sha2ICV96, hideKeys, help, version
  case monitor, json, events, showKeys
  case scope, atomic, allowSharedKeyFiles, save

  /// The one-letter spelling, if any.
  var short: Character? {
    switch self {
    case .file: "f"
    case .stdin: "c"
    case .command: "e"
    case .dump: "D"
    case .flush: "F"
    case .policy: "P"
    case .includeDead: "a"
    case .dryRun: "n"
    case .verbose: "v"
    case .rfcMode: "r"
    case .kernelMode: "k"
    case .help: "h"
    case .version: "V"
    case .monitor: "x"
    case .json: "j"
    case .networkNamespace, .sha2ICV96, .hideKeys, .events, .showKeys: nil
    case .scope, .atomic, .allowSharedKeyFiles, .save: nil
    }
  }

  /// The `--name` spelling, if any.
  var long: String? {
    switch self {
    case .networkNamespace: "netns"
    case .sha2ICV96: "sha2-96"
    case .hideKeys: "hide-keys"
    case .help: "help"
    case .version: "version"
    case .events: "events"
    case .showKeys: "show-keys"
    case .json: "json"
    case .scope: "scope"
    case .atomic: "atomic"
    case .allowSharedKeyFiles: "allow-shared-key-files"
    case .save: "save"
    default: nil
    }
  }

  /// What the value is called in help and errors; nil for a flag without one.
  var valueName: String? {
    switch self {
    case .file: "FILE"
    case .command: "STATEMENTS"
    case .networkNamespace: "NAME"
    case .events: "KINDS"
    case .scope: "SCOPE"
    default: nil
    }
  }

  /// How a user would have typed it: `-f`, or `--netns` when there is no letter.
  var spelling: String {
    if let short { return "-\(short)" }
    return "--\(long ?? "")"
  }
}

/// One recognised option with its value, in command-line order.
struct ParsedOption: Equatable {
  /// Which option.
  var option: Option
  /// The value of an option that takes one.
  var value: String?
}

/// Splits the words of a command line into options, as POSIX `getopt` plus long options:
/// letters combine (`-DPa`), a letter that takes a value takes the rest of its word or
/// the next word (`-ffile`, `-f file`), `--name=value` or `--name value`, and `--` ends
/// the options. xfrmkey takes no operands, so any other word is an error.
enum OptionParser {
  /// setkey letters we recognise but do not implement, with what they did.
  static let unsupportedSetkeyLetters: [Character: String] = [
    "H": "hex dump", "l": "repeat dump", "p": "dump with ports",
  ]

  /// The options in `arguments`, or the first word that is not one.
  static func split(_ arguments: [String]) throws(UsageError) -> [ParsedOption] {
    var parsed: [ParsedOption] = []
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      index += 1

      if word == "--" {
        if index < arguments.count {
          throw UsageError("unexpected argument '\(arguments[index])'")
        }
        break
      }
      if word.hasPrefix("--") {
        parsed.append(try long(word, arguments, &index))
      } else if word.hasPrefix("-") && word.count > 1 {
        parsed += try cluster(word, arguments, &index)
      } else if word == "-" || word.hasPrefix("-") {
        throw UsageError("unexpected argument '\(word)'")
      } else {
        throw UsageError("unexpected argument '\(word)'; to run a file, use '-f \(word)'")
      }
    }
    return parsed
  }

  /// `--name`, `--name=value` or `--name value`.
  private static func long(
    _ word: String, _ arguments: [String], _ index: inout Int
  ) throws(UsageError) -> ParsedOption {
    let body = word.dropFirst(2)
    let name = String(body.prefix { $0 != "=" })
    let inlineValue = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
    guard let option = Option.allCases.first(where: { $0.long == name }) else {
      throw UsageError("unknown option '--\(name)'")
    }

    guard option.valueName != nil else {
      if inlineValue != nil { throw UsageError("option '--\(name)' does not take a value") }
      return ParsedOption(option: option)
    }
    var value = inlineValue ?? ""
    if inlineValue == nil { value = try nextValue(for: option, arguments, &index) }
    return ParsedOption(option: option, value: try nonEmpty(value, for: option))
  }

  /// `-DPa`, `-ffile`, `-vf file`.
  private static func cluster(
    _ word: String, _ arguments: [String], _ index: inout Int
  ) throws(UsageError) -> [ParsedOption] {
    var parsed: [ParsedOption] = []
    var letters = Substring(word.dropFirst())
    while let letter = letters.popFirst() {
      guard let option = Option.allCases.first(where: { $0.short == letter }) else {
        if let meaning = unsupportedSetkeyLetters[letter] {
          throw UsageError("setkey option '-\(letter)' (\(meaning)) is not supported")
        }
        throw UsageError("unknown option '-\(letter)'")
      }
      guard option.valueName != nil else {
        parsed.append(ParsedOption(option: option))
        continue
      }

      var value = String(letters)
      if value.isEmpty { value = try nextValue(for: option, arguments, &index) }
      parsed.append(ParsedOption(option: option, value: try nonEmpty(value, for: option)))
      break
    }
    return parsed
  }

  /// Where the first word that is neither an option nor an option's value stands, when it
  /// names a subcommand: `--netns blue diff -f FILE` is typed as `ip -n blue xfrm` is.
  static func subcommandIndex(in arguments: [String]) -> Int? {
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      index += 1
      if word == "--" { return nil }
      if word.hasPrefix("--") {
        let option = Option.allCases.first { "--" + ($0.long ?? "") == word }
        if option?.valueName != nil { index += 1 }
      } else if word.hasPrefix("-") && word.count > 1 {
        var letters = Substring(word.dropFirst())
        while let letter = letters.popFirst() {
          let option = Option.allCases.first { $0.short == letter }
          guard option?.valueName != nil else { continue }
          if letters.isEmpty { index += 1 }
          break
        }
      } else {
        return Subcommand(rawValue: word) != nil ? index - 1 : nil
      }
    }
    return nil
  }

  /// The word after an option that needs a value.
  private static func nextValue(
    for option: Option, _ arguments: [String], _ index: inout Int
  ) throws(UsageError) -> String {
    guard index < arguments.count else { throw missingValue(option) }
    index += 1
    return arguments[index - 1]
  }

  /// Rejects an empty value: no file, statement or namespace is called "".
  private static func nonEmpty(_ value: String, for option: Option) throws(UsageError) -> String {
    if value.isEmpty { throw missingValue(option) }
    return value
  }

  /// `option '-f' needs a FILE`.
  private static func missingValue(_ option: Option) -> UsageError {
    let article = option == .command ? "" : "a "
    return UsageError("option '\(option.spelling)' needs \(article)\(option.valueName ?? "value")")
  }
}
