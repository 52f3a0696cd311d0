// SPDX-License-Identifier: Apache-2.0
import Testing

@testable import xfrmkey

/// `-j`/`--json`, `--save` and how they combine with `--hide-keys` and the modes.
@Suite struct OutputOptionTests {
  static func parse(_ words: String...) throws -> CommandLineOptions {
    try CommandLineOptions.parse(words)
  }

  @Test(arguments: [
    ["-D", "-j"], ["-DPj"], ["--json", "-DP"], ["-j", "-f", "x.conf"], ["-jc"],
    ["-j", "-e", "dump;"], ["-Dj", "--hide-keys"],
  ])
  func jsonApplies(words: [String]) throws {
    #expect(try CommandLineOptions.parse(words).json)
  }

  @Test func jsonIsOffByDefault() throws {
    #expect(try !Self.parse("-D").json)
    #expect(try !Self.parse("--save").json)
  }

  @Test func saveIsAModeOfItsOwn() throws {
    let options = try Self.parse("--save", "--netns", "blue", "-v")
    #expect(options.mode == .save)
    #expect(options.networkNamespace == "blue" && options.verbose)
  }

  @Test(
    arguments: [
      (
        ["--save", "-j"],
        "'-j' only applies to '-D', '-f', '-c', '-e' and '-x' (a saved file is always statements)"
      ),
      (
        ["-F", "-j"],
        "'-j' only applies to '-D', '-f', '-c', '-e' and '-x' (a saved file is always statements)"
      ),
      (
        ["--save", "--hide-keys"],
        "'--hide-keys' cannot be used with '--save': a file without keys cannot be restored"
      ),
      (["--save", "-D"], "'--save' and '-D' cannot be used together"),
      (["-f", "x", "--save"], "'-f' and '--save' cannot be used together"),
      (["--save", "--save"], "'--save' can only be given once"),
      (["--save", "-P"], "'-P' needs '-D' or '-F'"),
      (["--save", "-a"], "'-a' only applies to '-D'"),
      (["--save", "-n"], "'-n' only applies to '-f', '-c' and '-e'"),
      (["--save=x"], "option '--save' does not take a value"),
      (["--json=1", "-D"], "option '--json' does not take a value"),
    ] as [([String], String)])
  func misuseIsReported(words: [String], message: String) {
    do {
      _ = try CommandLineOptions.parse(words)
      Issue.record("\(words) parsed")
    } catch {
      #expect(error.message == message)
    }
  }

  @Test func helpNamesTheNewOptions() {
    let help = CommandLineOptions.helpText
    #expect(help.contains("  -j, --json"))
    #expect(help.contains("  --save"))
    #expect(CommandLineOptions.usage.contains("--save"))
    #expect(help.split(separator: "\n").allSatisfy { $0.count <= 90 })
  }
}
