// SPDX-License-Identifier: Apache-2.0
import PolicyLanguage
import Testing

@testable import xfrmkey

/// `-x` and its flags, and the modes a terminal on standard input chooses.
@Suite struct MonitorAndShellOptionTests {
  static func failure(_ words: [String]) -> String? {
    do {
      _ = try CommandLineOptions.parse(words)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func monitorWatchesEverythingWithKeysHiddenByDefault() throws {
    let options = try CommandLineOptions.parse(["-x"])
    #expect(options.mode == .monitor)
    #expect(options.eventKinds == nil)
    #expect(!options.showKeys)
    #expect(!options.json)
  }

  @Test func monitorFlagsAreRead() throws {
    let options = try CommandLineOptions.parse(
      ["-xj", "--events", "acquire, EXPIRE", "--show-keys", "--netns", "blue"])
    #expect(options.json)
    #expect(options.showKeys)
    #expect(options.eventKinds == ["acquire", "expire"])
    #expect(options.networkNamespace == "blue")
  }

  @Test func allNamesEveryKind() throws {
    let options = try CommandLineOptions.parse(["-x", "--events=all"])
    #expect(options.eventKinds?.count == 8)
  }

  @Test(
    arguments: [
      (
        ["-x", "--events", "acquire,bogus"],
        "unknown event kind 'bogus' in '--events'; expected acquire, expire, sa, policy, "
          + "aevent, report, migrate, mapping or all"
      ),
      (["-x", "--events", ""], "option '--events' needs a KINDS"),
      (["-c", "--show-keys"], "'--show-keys' needs '-x'"),
      (["-DP", "--events", "sa"], "'--events' needs '-x'"),
      (["-x", "-n"], "'-n' does not apply to '-x'"),
      (["-x", "--hide-keys"], "'--hide-keys' does not apply to '-x'"),
      (["-x", "-D"], "'-x' and '-D' cannot be used together"),
    ] as [([String], String)])
  func monitorMisuseIsReported(words: [String], message: String) {
    #expect(Self.failure(words) == message)
  }

  @Test func noModeOnATerminalIsTheShell() throws {
    #expect(try CommandLineOptions.parse([], standardInputIsTerminal: true).mode == .stdin)
    let verbose = try CommandLineOptions.parse(["-vk"], standardInputIsTerminal: true)
    #expect(verbose.mode == .stdin && verbose.verbose && !verbose.rfcMode)
  }

  @Test func noModeWithoutATerminalIsStillAnError() {
    #expect(Self.failure([]) == "no mode given: use '-f', '-c', '-e', '-D', '-F', '-x' or '--save'")
  }

  @Test func helpListsTheMonitorOptions() {
    let help = CommandLineOptions.helpText
    for word in ["-x", "-j", "--events KINDS", "--show-keys", "mapping,all"] {
      #expect(help.contains(word), "\(word) missing from help")
    }
  }

  @Test func lostEventsAreCountedWhenKnown() {
    #expect(MonitorWriter.lostText(1) == "1 event was lost (the receive queue overflowed)")
    #expect(MonitorWriter.lostText(nil) == "some events were lost (the receive queue overflowed)")
  }

  @Test func caretSitsUnderTheColumnAfterThePrompt() {
    #expect(InteractiveShell.caretLine("a\tbc", column: 4, indent: 2) == "   \t ^")
  }

  @Test func jsonStringsAreEscaped() {
    let value = JSONValue.object([("a\"b", .string("x\ny\u{1}")), ("n", .null)])
    #expect(value.text == #"{"a\"b":"x\ny\u0001","n":null}"#)
  }
}
