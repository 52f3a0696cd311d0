// SPDX-License-Identifier: Apache-2.0
import PolicyLanguage
import Provisioning

/// The words that may come before the options and choose a provisioning run.
enum Subcommand: String {
  /// `xfrmkey diff -f FILE`.
  case diff
  /// `xfrmkey apply -f FILE --scope SCOPE`.
  case apply
}

extension CommandLineOptions {
  /// `diff ...` and `apply ...`: the subcommand word, then options as for the other modes.
  /// Both need `-f`; `apply` also needs at least one `--scope`, so what it may remove is
  /// always written down.
  static func parseSubcommand(_ arguments: [String]) throws(UsageError) -> CommandLineOptions {
    let subcommand = Subcommand(rawValue: arguments[0])!
    let words = try OptionParser.split(Array(arguments.dropFirst()))
    if words.contains(where: { $0.option == .help }) { return CommandLineOptions(mode: .help) }

    let allowed: Set<Option> = [
      .file, .dryRun, .verbose, .rfcMode, .kernelMode, .networkNamespace, .sha2ICV96, .json,
      .scope, .showKeys, .atomic, .allowSharedKeyFiles,
    ]
    if let stray = words.first(where: { !allowed.contains($0.option) }) {
      throw UsageError("'\(stray.option.spelling)' cannot be used with '\(subcommand)'")
    }
    let files = words.filter { $0.option == .file }.compactMap(\.value)
    guard files.count == 1, let file = files.first else {
      throw UsageError(
        files.isEmpty ? "'\(subcommand)' needs '-f FILE'" : "'-f' can only be given once")
    }
    if words.contains(where: { $0.option == .rfcMode })
      && words.contains(where: { $0.option == .kernelMode })
    {
      throw UsageError("'-r' and '-k' cannot be used together")
    }

    var options = CommandLineOptions(mode: subcommand == .diff ? .diff(file) : .apply(file))
    for word in words {
      switch word.option {
      case .dryRun: options.dryRun = true
      case .verbose: options.verbose = true
      case .kernelMode: options.rfcMode = false
      case .sha2ICV96: options.sha2ICVIs96Bits = true
      case .json: options.json = true
      case .showKeys: options.showKeys = true
      case .atomic: options.atomic = true
      case .allowSharedKeyFiles: options.allowSharedKeyFiles = true
      case .networkNamespace:
        if options.networkNamespace != nil {
          throw UsageError("'--netns' can only be given once")
        }
        options.networkNamespace = word.value
      case .scope:
        guard let value = word.value, let scope = ProvisioningScope(parsing: value) else {
          throw UsageError(
            "invalid scope '\(word.value ?? "")'; expected 'all', 'reqid:A-B', 'mark:V[/M]' or "
              + "'if-id:N'")
        }
        options.scopes.append(scope)
      default: break
      }
    }
    if subcommand == .apply && options.scopes.isEmpty {
      throw UsageError(
        "'apply' needs '--scope': 'all' (the whole SAD and SPD), 'reqid:A-B', 'mark:V[/M]' "
          + "or 'if-id:N'")
    }
    return options
  }

  /// How the language reads input for this run.
  var parseOptions: ParseOptions {
    var parse = ParseOptions()
    parse.rfcMode = rfcMode
    if sha2ICVIs96Bits { parse.sha2TruncationBits = 96 }
    parse.allowsSharedKeyFiles = allowSharedKeyFiles
    return parse
  }
}
