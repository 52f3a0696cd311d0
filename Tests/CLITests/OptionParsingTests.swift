// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

@testable import xfrmkey

/// The setkey-compatible command line: every flag, the combinations setkey accepted, and
/// every misuse with its message.
@Suite struct OptionParsingTests {
  static func parse(_ words: String...) throws -> CommandLineOptions {
    try CommandLineOptions.parse(words)
  }

  /// The message of the usage error `words` cause, or nil when they parse.
  static func failure(_ words: [String]) -> String? {
    do {
      _ = try CommandLineOptions.parse(words)
      return nil
    } catch {
      return error.message
    }
  }

  // MARK: - Modes

  @Test(arguments: [
    (["-f", "a.conf"], CommandLineOptions.Mode.file("a.conf")),
    (["-fa.conf"], .file("a.conf")),
    (["-f", "-"], .file("-")),
    (["-c"], .stdin),
    (["-e", "spdflush;"], .command("spdflush;")),
    (["-espdflush;"], .command("spdflush;")),
    (["-D"], .dumpSAD),
    (["-DP"], .dumpSPD),
    (["-D", "-P"], .dumpSPD),
    (["-PD"], .dumpSPD),
    (["-F"], .flushSAD),
    (["-FP"], .flushSPD),
    (["-P", "-F"], .flushSPD),
    (["-h"], .help),
    (["--help"], .help),
    (["-V"], .version),
    (["--version"], .version),
  ])
  func eachModeOption(words: [String], mode: CommandLineOptions.Mode) throws {
    #expect(try CommandLineOptions.parse(words).mode == mode)
  }

  @Test func defaultsAreSetkeys() throws {
    let options = try Self.parse("-f", "x.conf")
    #expect(options == CommandLineOptions(mode: .file("x.conf")))
    #expect(options.rfcMode)
    #expect(!options.dryRun && !options.verbose && !options.hideKeys && !options.sha2ICVIs96Bits)
    #expect(options.networkNamespace == nil && !options.includeDeadSAs)
  }

  @Test func helpAndVersionWinOverAnyMode() throws {
    #expect(try Self.parse("-D", "--help").mode == .help)
    #expect(try Self.parse("-f", "x", "-c", "-h").mode == .help)
    #expect(try Self.parse("-FV").mode == .version)
    #expect(try Self.parse("-V", "-h").mode == .help)
  }

  // MARK: - Flags

  @Test func everyFlagIsRecorded() throws {
    let options = try Self.parse(
      "-nv", "-k", "--netns", "blue", "--sha2-96", "--hide-keys", "-f", "site.conf")
    #expect(options.mode == .file("site.conf"))
    #expect(options.dryRun && options.verbose && !options.rfcMode)
    #expect(options.networkNamespace == "blue")
    #expect(options.sha2ICVIs96Bits && options.hideKeys)
  }

  @Test func dumpAllAndRfcModeFlags() throws {
    let all = try Self.parse("-DPa")
    #expect(all.mode == .dumpSPD && all.includeDeadSAs)
    #expect(try Self.parse("-Da").includeDeadSAs)
    #expect(try Self.parse("-r", "-c").rfcMode)
  }

  @Test func valueInTheSameWordOrTheNext() throws {
    #expect(try Self.parse("-vffile.conf").mode == .file("file.conf"))
    #expect(try Self.parse("-vf", "file.conf").mode == .file("file.conf"))
    #expect(try Self.parse("--netns=red", "-D").networkNamespace == "red")
    #expect(try Self.parse("-e", "-D").mode == .command("-D"))
    #expect(try Self.parse("-f", "--").mode == .file("--"))
  }

  @Test func doubleDashEndsOptions() throws {
    #expect(try Self.parse("-D", "--").mode == .dumpSAD)
  }

  // MARK: - Errors

  @Test(
    arguments: [
      ([], "no mode given: use '-f', '-c', '-e', '-D', '-F', '-x' or '--save'"),
      (["-v"], "no mode given: use '-f', '-c', '-e', '-D', '-F', '-x' or '--save'"),
      (["-f", "a", "-c"], "'-f' and '-c' cannot be used together"),
      (["-c", "-D"], "'-c' and '-D' cannot be used together"),
      (["-DF"], "'-D' and '-F' cannot be used together"),
      (["-e", "x;", "-f", "y"], "'-e' and '-f' cannot be used together"),
      (["-f", "a", "-f", "b"], "'-f' can only be given once"),
      (["-D", "-D"], "'-D' can only be given once"),
      (["-P"], "'-P' needs '-D' or '-F'"),
      (["-Pv"], "'-P' needs '-D' or '-F'"),
      (["-P", "-c"], "'-P' needs '-D' or '-F'"),
      (["-Pf", "x"], "'-P' needs '-D' or '-F'"),
      (["-r", "-k", "-c"], "'-r' and '-k' cannot be used together"),
      (["-a", "-F"], "'-a' only applies to '-D'"),
      (["-a", "-c"], "'-a' only applies to '-D'"),
      (["-n", "-D"], "'-n' only applies to '-f', '-c' and '-e'"),
      (["-nFP"], "'-n' only applies to '-f', '-c' and '-e'"),
      (["--netns", "a", "--netns", "b", "-D"], "'--netns' can only be given once"),
      (["-f"], "option '-f' needs a FILE"),
      (["-f", ""], "option '-f' needs a FILE"),
      (["-e"], "option '-e' needs STATEMENTS"),
      (["-D", "--netns"], "option '--netns' needs a NAME"),
      (["--netns=", "-D"], "option '--netns' needs a NAME"),
      (["--help=yes"], "option '--help' does not take a value"),
      (["--hide-keys=1", "-D"], "option '--hide-keys' does not take a value"),
      (["-Z"], "unknown option '-Z'"),
      (["-Dq"], "unknown option '-q'"),
      (["--no-such-option"], "unknown option '--no-such-option'"),
      (["--netns"], "option '--netns' needs a NAME"),
      (["-DH"], "setkey option '-H' (hex dump) is not supported"),
      (["-l", "-D"], "setkey option '-l' (repeat dump) is not supported"),
      (["-d", "-D"], "unknown option '-d'"),
      (["-p", "-D"], "setkey option '-p' (dump with ports) is not supported"),
      (["-D", "extra"], "unexpected argument 'extra'; to run a file, use '-f extra'"),
      (["file.conf"], "unexpected argument 'file.conf'; to run a file, use '-f file.conf'"),
      (["-"], "unexpected argument '-'"),
      (["-D", "--", "-x"], "unexpected argument '-x'"),
      (["-h", "-Z"], "unknown option '-Z'"),
    ] as [([String], String)])
  func misuseIsReported(words: [String], message: String) {
    #expect(Self.failure(words) == message)
  }

  @Test func usageErrorTextHasErrorUsageAndHint() {
    let error = UsageError("unknown option '-Z'")
    let lines = error.description.split(separator: "\n").map(String.init)
    #expect(lines.first == "error: unknown option '-Z'")
    #expect(lines[1].hasPrefix("usage: xfrmkey "))
    #expect(lines.last == "See 'xfrmkey --help' for every option.")
    #expect(UsageError.exitStatus == 64)
  }

  // MARK: - Help

  @Test(arguments: Option.allCases)
  func helpListsEveryOption(option: Option) {
    let help = CommandLineOptions.helpText
    if let short = option.short { #expect(help.contains("  -\(short)")) }
    if let long = option.long { #expect(help.contains("--\(long)")) }
  }

  /// Every option's sentence starts in one column, on its own line when the name is long.
  @Test func optionSentencesLineUp() {
    for entry in CommandLineOptions.optionLines {
      let lines = entry.split(separator: "\n")
      let line = lines.count == 2 ? lines[1] : lines[0]
      #expect(line.prefix(22).last == " " && line.dropFirst(22).first != " ", "'\(entry)'")
    }
  }

  /// `see README "SECTION"` in the help names a heading the README has.
  @Test func helpPointsAtReadmeSectionsThatExist() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
    let headings = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n")
      .filter { $0.hasPrefix("#") }.map { $0.drop { $0 == "#" || $0 == " " } }
    let cited = CommandLineOptions.helpText.split(separator: "see README \"").dropFirst()
      .map { $0.prefix { $0 != "\"" } }
    #expect(!cited.isEmpty)
    for section in cited {
      #expect(headings.contains(section), "README has no section '\(section)'")
    }
  }

  @Test func helpStartsWithUsageAndFitsNinetyColumns() {
    let help = CommandLineOptions.helpText
    #expect(help.contains(CommandLineOptions.usage))
    #expect(help.split(separator: "\n").allSatisfy { $0.count <= 90 })
    #expect(CommandLineOptions.version.hasPrefix("xfrmkey "))
  }
}
