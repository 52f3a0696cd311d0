// SPDX-License-Identifier: Apache-2.0
import Provisioning
import Testing

@testable import xfrmkey

/// `xfrmkey diff ...` and `xfrmkey apply ...`: the word first, then options.
@Suite struct SubcommandParsingTests {
  static func failure(_ words: [String]) -> String? {
    do {
      _ = try CommandLineOptions.parse(words)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func applyTakesAFileAndEveryScopeGiven() throws {
    let options = try CommandLineOptions.parse([
      "apply", "-j", "--scope", "reqid:100-199", "--scope=reqid:7", "-f", "site.conf",
      "--netns", "blue",
    ])
    #expect(options.mode == .apply("site.conf"))
    #expect(options.scopes == [.reqids(100...199), .reqids(7...7)])
    #expect(options.json && options.networkNamespace == "blue")
  }

  @Test func diffNeedsNoScope() throws {
    let options = try CommandLineOptions.parse(["diff", "-f", "site.conf", "--show-keys"])
    #expect(options.mode == .diff("site.conf") && options.scopes.isEmpty && options.showKeys)
  }

  /// Options before the word, as `ip -n blue xfrm ...` is typed.
  @Test(arguments: [
    ["--netns", "blue", "diff", "-f", "site.conf"],
    ["-j", "--netns", "blue", "diff", "-f", "site.conf"],
    ["-jf", "site.conf", "--netns", "blue", "diff"],
  ])
  func theWordMayFollowOptions(words: [String]) throws {
    let options = try CommandLineOptions.parse(words)
    #expect(options.mode == .diff("site.conf") && options.networkNamespace == "blue")
  }

  /// A value that happens to be spelt `diff` stays a value.
  @Test func aFileCalledDiffIsAFile() throws {
    #expect(try CommandLineOptions.parse(["-n", "-f", "diff"]).mode == .file("diff"))
    #expect(try CommandLineOptions.parse(["-nfdiff"]).mode == .file("diff"))
    #expect(Self.failure(["-D", "--", "diff"])?.hasPrefix("unexpected argument") == true)
  }

  @Test(arguments: [
    (["apply", "-f", "a.conf"], "'apply' needs '--scope'"),
    (["--netns", "blue", "apply", "-f", "a.conf"], "'apply' needs '--scope'"),
    (["apply", "--scope", "all"], "'apply' needs '-f FILE'"),
    (["apply", "--scope", "mark:1/0", "-f", "a"], "invalid scope 'mark:1/0'"),
    (["apply", "--scope", "reqid:9-3", "-f", "a"], "invalid scope 'reqid:9-3'"),
    (["diff", "-D", "-f", "a"], "'-D' cannot be used with 'diff'"),
    (["--scope", "all", "-f", "a"], "'--scope' only applies to 'diff' and 'apply'"),
    (["-D", "--atomic"], "'--atomic' only applies to '-f' and '-e'"),
  ])
  func misuseIsAUsageErrorThatSaysWhy(words: [String], message: String) {
    #expect(Self.failure(words)?.hasPrefix(message) == true)
  }

  @Test func atomicAppliesToAFile() throws {
    let options = try CommandLineOptions.parse(["-f", "a.conf", "--atomic"])
    #expect(options.atomic && options.mode == .file("a.conf"))
  }
}
