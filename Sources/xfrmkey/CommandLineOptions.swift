// SPDX-License-Identifier: Apache-2.0
import Provisioning

/// What the command line asked for: one mode and the flags that adjust it.
///
/// The flags are setkey's, with its meanings: `-D` dumps the SAD and `-DP` the SPD, `-F`
/// flushes the SAD and `-FP` the SPD, flags combine in one word (`-DPa`), and an option's
/// value may follow it in the same word (`-ffile`). Where setkey silently let a later
/// flag override an earlier one (`-f x -c`), we stop with a usage error instead.
struct CommandLineOptions: Equatable {
  /// The one thing a run does.
  enum Mode: Equatable {
    /// `-f FILE`: check the whole file, then run it. `-f -` gives the path `-`: standard
    /// input read to its end first, unlike `-c`.
    case file(String)
    /// `-c`: run statements from standard input as each `;` arrives.
    case stdin
    /// `-e 'STATEMENTS'`: run statements given on the command line (FreeBSD setkey).
    case command(String)
    /// `-D`: print the SAD.
    case dumpSAD
    /// `-DP`: print the SPD.
    case dumpSPD
    /// `-F`: empty the SAD.
    case flushSAD
    /// `-FP`: empty the SPD.
    case flushSPD
    /// `--save`: print the SAD, then the SPD, as statements `-k -f` restores.
    case save
    /// `-h`, `--help`: print the help text.
    case help
    /// `-V`, `--version`: print the version.
    case version
    /// `-x`: print kernel events as they arrive, until SIGINT or SIGTERM.
    case monitor
    /// `diff -f FILE`: compare the file's SAs and policies with the kernel's.
    case diff(String)
    /// `apply -f FILE --scope SCOPE`: make the kernel match the file within the scope.
    case apply(String)
  }

  /// What to do.
  var mode: Mode

  /// `-a`: with `-D`, include dead SAs (xfrm keeps none; accepted for compatibility).
  var includeDeadSAs = false

  /// `-n`: parse and check only, send nothing.
  var dryRun = false

  /// `-v`: one line per kernel operation.
  var verbose = false

  /// `-r` (the default) or `-k`: in RFC mode an `in` policy also gets its `fwd` twin.
  var rfcMode = true

  /// `--netns NAME`: the named network namespace to work in; nil is our own.
  var networkNamespace: String?

  /// `--sha2-96`: hmac-sha256/384/512 with Linux setkey's 96-bit ICV.
  var sha2ICVIs96Bits = false

  /// `--hide-keys`: mask keys in dumps.
  var hideKeys = false

  /// `-j`, `--json`: JSON instead of text: dumps and statement output as arrays
  /// (Documentation/xfrmkey-dump.schema.json), `-x` one object a line, `diff` and `apply`
  /// one object.
  var json = false

  /// `--events KINDS`: with `-x`, the event kinds to watch (`XfrmEvent.Category` names);
  /// nil watches all.
  var eventKinds: [String]?

  /// `--show-keys`: print keys where they are hidden by default (`-x`, `diff`, `apply`).
  var showKeys = false

  /// `--scope`: what a `diff` or `apply` file owns; empty means everything for `diff`.
  var scopes: [ProvisioningScope] = []

  /// `--atomic`: with `-f`/`-e`, undo the run if any statement is refused.
  var atomic = false

  /// `--allow-shared-key-files`: a key file readable by others is a warning, not an error.
  var allowSharedKeyFiles = false

  /// Options for `mode` with every flag at its default.
  init(mode: Mode) {
    self.mode = mode
  }
}

// MARK: - Parsing

extension CommandLineOptions {
  /// Reads the arguments after the program name.
  ///
  /// `-h` and `-V` win over everything else once every word has been recognised, so
  /// `xfrmkey -D --help` prints help; otherwise exactly one of `-f`, `-c`, `-e`, `-D` and
  /// `-F` must be given, and the modifiers must fit it.
  /// With no mode option, a terminal on standard input means the interactive shell (`-c`).
  /// `diff` and `apply` may follow options (`--netns blue diff -f FILE`).
  static func parse(
    _ arguments: [String], standardInputIsTerminal: Bool = false
  ) throws(UsageError) -> CommandLineOptions {
    if let position = OptionParser.subcommandIndex(in: arguments) {
      var reordered = arguments
      reordered.insert(reordered.remove(at: position), at: 0)
      return try parseSubcommand(reordered)
    }
    let words = try OptionParser.split(arguments)
    if words.contains(where: { $0.option == .help }) { return CommandLineOptions(mode: .help) }
    if words.contains(where: { $0.option == .version }) {
      return CommandLineOptions(mode: .version)
    }
    return try OptionResolver(words, standardInputIsTerminal: standardInputIsTerminal).resolve()
  }
}
