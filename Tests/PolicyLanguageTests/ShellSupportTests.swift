// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing

@testable import PolicyLanguage

/// What the interactive shell takes from the language: the command table, key masking
/// for the history file, and completion.
@Suite struct ShellSupportTests {
  static func parse(_ text: String) -> ParseResult {
    SetkeyParser.parse(text, file: "t", options: ParseOptions())
  }

  // MARK: - The command table against the parser

  @Test(arguments: LanguageReference.commandWords)
  func everyTableCommandIsAParserCommand(word: String) {
    let messages = Self.parse("\(word) ;").diagnostics.map(\.message)
    #expect(!messages.contains { $0.hasPrefix("unknown command") }, "\(messages)")
  }

  @Test func theParsersCommandListMatchesTheTable() {
    let message = Self.parse("bogus ;").diagnostics.first?.message ?? ""
    for command in LanguageReference.commands {
      #expect(message.contains(command.name), "\(command.name) not in '\(message)'")
    }
  }

  @Test func helpListsExitLast() {
    #expect(LanguageReference.commands.last?.name == "exit")
    #expect(LanguageReference.commands.filter { $0.name == "exit" }.count == 1)
  }

  @Test func everySAOptionHasHelp() {
    for option in LanguageReference.saOptions {
      #expect(LanguageReference.optionHelp[option] != nil, "no help for \(option)")
    }
  }

  @Test(arguments: LanguageReference.commands)
  func everyOptionOfEveryCommandHasHelp(command: CommandReference) {
    let help = LanguageReference.optionHelp(for: command)
    for option in command.options {
      #expect(help[option] != nil, "\(command.name): no help for \(option)")
    }
  }

  @Test(arguments: ["spddelete", "spdget"])
  func everyOptionNamingAPolicyIsListed(name: String) throws {
    let command = try #require(LanguageReference.command(named: name))
    #expect(command.synopsis.contains("options") || command.synopsis.contains("-mark"))
    let direction = LanguageReference.optionHelp(for: command)["-P"] ?? ""
    #expect(!direction.contains("action"), "\(direction)")
    for option in StatementParser.policyIdentityOptions where option != "-if_id" {
      #expect(command.options.contains(option), "\(name) does not list \(option)")
    }
  }

  /// `-f` and `-lh`/`-ls` mean something else on a policy than on an SA.
  @Test(arguments: ["spdadd", "spdupdate"])
  func policyHelpExplainsPolicyOptions(name: String) throws {
    let command = try #require(LanguageReference.command(named: name))
    let help = LanguageReference.optionHelp(for: command)
    #expect(help["-f"]?.contains("localok") == true, "\(help["-f"] ?? "")")
    #expect(help["-f"]?.contains("zero-pad") == false)
    #expect(help["-lh"]?.contains("policy") == true, "\(help["-lh"] ?? "")")
    for option in ["-ifindex", "-sport", "-dport"] {
      #expect(command.options.contains(option), "\(name) does not list \(option)")
    }
    let add = try #require(LanguageReference.command(named: "add"))
    #expect(LanguageReference.optionHelp(for: add)["-f"]?.contains("zero-pad") == true)
  }

  @Test(arguments: LanguageReference.saProtocols)
  func everyProtocolWordIsAccepted(word: String) {
    #expect(ProtocolChoice(rawValue: word) != nil)
  }

  @Test func algorithmNamesComeFromTheCatalogue() {
    let names = LanguageReference.algorithmNames(for: "-E")
    #expect(names.contains("aes-gcm-16") && names.contains("aes-cbc"))
    #expect(!names.contains("des-deriv"))
    #expect(LanguageReference.algorithmNames(for: "-A").contains("hmac-sha256"))
    #expect(LanguageReference.algorithmNames(for: "-C") == ["deflate", "lzs", "lzjh"])
  }

  // MARK: - Masking keys

  @Test func hexAndQuotedKeysAreMasked() {
    let typed =
      "add 10.0.0.1 10.0.0.2 esp 0x100 -E aes-cbc 0x0011223344556677 "
      + #"-A hmac-sha1 "0123456789abcdefghij" ;"#
    let (masked, didMask) = KeyMask.masking(typed)
    #expect(didMask)
    #expect(masked == "add 10.0.0.1 10.0.0.2 esp 0x100 -E aes-cbc <hidden> -A hmac-sha1 <hidden> ;")
  }

  @Test func keysOnContinuationLinesAreMasked() {
    let typed =
      "add 10.0.0.1 10.0.0.2 esp 0x100\n  -E aes-gcm-16\n"
      + "  0x00112233445566778899aabbccddeeff00112233 ;"
    #expect(
      KeyMask.masking(typed).text
        == "add 10.0.0.1 10.0.0.2 esp 0x100\n  -E aes-gcm-16\n  <hidden> ;")
  }

  @Test(arguments: [
    "add 10.0.0.1 10.0.0.2 ipcomp 0x100 -C deflate ;",
    "spdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp/transport//require ;",
    "add 10.0.0.1 10.0.0.2 esp 0x100 -E null ;",
  ])
  func textWithoutKeysIsLeftAlone(text: String) {
    #expect(KeyMask.masking(text) == (text, false))
  }

  @Test func aKeylessCipherDoesNotHideTheNextOption() {
    #expect(
      KeyMask.masking("add a b esp 1 -E null -A hmac-sha1 0x11 ;").text
        == "add a b esp 1 -E null -A hmac-sha1 <hidden> ;")
  }

  @Test func anUnterminatedQuotedKeyIsMaskedToTheEnd() {
    #expect(
      KeyMask.masking(#"add a b esp 1 -E aes-cbc "secret"#).text
        == "add a b esp 1 -E aes-cbc <hidden>")
  }

  // MARK: - Completion

  @Test(
    arguments: [
      (
        "spd",
        [
          "spdadd", "spddefault", "spddelete", "spddump", "spdflush", "spdget", "spdinfo",
          "spdupdate",
        ]
      ),
      ("spdadd 10.0.0.1 10.0.0.2 ic", ["icmp", "icmp6"]),
      ("add 10.0.0.1 10.0.0.2 e", ["esp", "esp-udp"]),
      ("add 10.0.0.1 10.0.0.2 esp 0x100 -E aes-gcm-1", ["aes-gcm-12", "aes-gcm-16"]),
      (
        "add 10.0.0.1 10.0.0.2 esp 0x100 -A hmac-sha2",
        [
          "hmac-sha2-256", "hmac-sha2-384", "hmac-sha2-512", "hmac-sha256",
        ]
      ),
      ("add 10.0.0.1 10.0.0.2 esp 0x100 -l", ["-lh", "-ls"]),
      ("add 10.0.0.1 10.0.0.2 esp 0x100 -m t", ["transport", "tunnel"]),
      ("spdadd a b any -P ", ["fwd", "in", "out"]),
      ("spdadd a b any -P out ", ["bypass", "discard", "ipsec", "none", "prio"]),
      ("spdadd a b any -P out ipsec e", ["esp/"]),
      ("spdadd a b any -P out ipsec esp/t", ["esp/transport/", "esp/tunnel/"]),
      ("spdadd a b any -P out ipsec esp/transport//r", ["esp/transport//require"]),
      ("spdadd a b any -P out prio high ipsec ah/", ["ah/transport/", "ah/tunnel/"]),
      ("flush ; dump e", ["esp"]),
      ("help spdf", ["spdflush"]),
      ("q", ["quit"]),
    ] as [(String, [String])])
  func completionOffersWhatFits(text: String, expected: [String]) {
    #expect(StatementCompleter.complete(text).candidates == expected)
  }

  @Test func completionSeesEarlierLinesOfTheStatement() {
    let text = "add 10.0.0.1 10.0.0.2 esp 0x100\n  -E aes-c"
    #expect(
      StatementCompleter.complete(text).candidates == [
        "aes-cbc", "aes-ccm", "aes-ccm-12", "aes-ccm-16", "aes-ccm-8", "aes-ctr",
      ])
    #expect(StatementCompleter.complete(text).word == "aes-c")
  }

  @Test func extraShellCommandsAreOffered() {
    #expect(StatementCompleter.complete("he", extraCommands: ["help"]).candidates == ["help"])
  }
}
