// SPDX-License-Identifier: Apache-2.0

/// Turns recognised options into one mode and its flags, rejecting combinations setkey
/// would have resolved silently or not at all.
struct OptionResolver {
  /// The options in command-line order.
  let parsed: [ParsedOption]

  /// True when standard input is a terminal: no mode option then means `-c`.
  let standardInputIsTerminal: Bool

  /// Wraps the split command line.
  init(_ parsed: [ParsedOption], standardInputIsTerminal: Bool = false) {
    self.parsed = parsed
    self.standardInputIsTerminal = standardInputIsTerminal
  }

  /// The options that choose what a run does; exactly one must be given.
  static let modeOptions: [Option] = [.file, .stdin, .command, .dump, .flush, .monitor, .save]

  /// The checked result.
  func resolve() throws(UsageError) -> CommandLineOptions {
    let modeOption = try chosenMode()
    let policy = has(.policy)
    if policy && modeOption != .dump && modeOption != .flush {
      throw UsageError("'-P' needs '-D' or '-F'")
    }
    if has(.rfcMode) && has(.kernelMode) {
      throw UsageError("'-r' and '-k' cannot be used together")
    }
    if has(.includeDead) && modeOption != .dump {
      throw UsageError("'-a' only applies to '-D'")
    }
    if has(.dryRun) && [.dump, .flush, .save].contains(modeOption) {
      throw UsageError("'-n' only applies to '-f', '-c' and '-e'")
    }

    // `--events` and `--show-keys` are checked with the monitor's flags below.
    if has(.scope) {
      throw UsageError("'--scope' only applies to 'diff' and 'apply'")
    }
    if has(.atomic) && modeOption != .file && modeOption != .command {
      throw UsageError("'--atomic' only applies to '-f' and '-e'")
    }
    try checkOutputOptions(modeOption)

    var options = CommandLineOptions(mode: try mode(for: modeOption, policy: policy))
    options.atomic = has(.atomic)
    options.allowSharedKeyFiles = has(.allowSharedKeyFiles)
    options.includeDeadSAs = has(.includeDead)
    options.dryRun = has(.dryRun)
    options.verbose = has(.verbose)
    options.rfcMode = !has(.kernelMode)
    options.networkNamespace = try singleValue(of: .networkNamespace)
    options.sha2ICVIs96Bits = has(.sha2ICV96)
    options.hideKeys = has(.hideKeys)
    try resolveMonitorFlags(modeOption, into: &options)
    return options
  }

  /// `-j` needs output to shape; a saved file must hold its keys and stay text.
  private func checkOutputOptions(_ modeOption: Option) throws(UsageError) {
    if has(.json) && (modeOption == .flush || modeOption == .save) {
      throw UsageError(
        "'-j' only applies to '-D', '-f', '-c', '-e' and '-x' (a saved file is always "
          + "statements)")
    }
    if has(.hideKeys) && modeOption == .save {
      throw UsageError("'--hide-keys' cannot be used with '--save': a file without keys "
        + "cannot be restored")
    }
  }

  /// The one mode option given.
  private func chosenMode() throws(UsageError) -> Option {
    var chosen: Option?
    for option in parsed.map(\.option) where Self.modeOptions.contains(option) {
      guard let earlier = chosen else {
        chosen = option
        continue
      }
      if earlier == option {
        throw UsageError("'\(option.spelling)' can only be given once")
      }
      throw UsageError("'\(earlier.spelling)' and '\(option.spelling)' cannot be used together")
    }
    guard let chosen else {
      if standardInputIsTerminal && !has(.policy) { return .stdin }
      if has(.policy) { throw UsageError("'-P' needs '-D' or '-F'") }
      throw UsageError("no mode given: use '-f', '-c', '-e', '-D', '-F', '-x' or '--save'")
    }
    return chosen
  }

  /// The mode a mode option means, with `-P` folded in.
  private func mode(
    for option: Option, policy: Bool
  ) throws(UsageError) -> CommandLineOptions.Mode {
    switch option {
    case .file:
      return .file(try singleValue(of: .file) ?? "-")
    case .stdin: return .stdin
    case .command: return .command(try singleValue(of: .command) ?? "")
    case .dump: return policy ? .dumpSPD : .dumpSAD
    case .monitor: return .monitor
    case .save: return .save
    default: return policy ? .flushSPD : .flushSAD
    }
  }

  /// True when the option appears at least once.
  func has(_ option: Option) -> Bool {
    parsed.contains { $0.option == option }
  }

  /// The value of an option that may appear at most once.
  func singleValue(of option: Option) throws(UsageError) -> String? {
    let values = parsed.filter { $0.option == option }.compactMap(\.value)
    if values.count > 1 { throw UsageError("'\(option.spelling)' can only be given once") }
    return values.first
  }
}
