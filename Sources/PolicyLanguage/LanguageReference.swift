// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// One setkey command as help shows it.
public struct CommandReference: Hashable, Sendable {
  /// The command word; `aliases` are other spellings the parser takes.
  public let name: String
  /// Other words for the same command (`quit`, `bye`).
  public let aliases: [String]
  /// The statement's shape, ending in `;`.
  public let synopsis: String
  /// What it does, lowercase, one line.
  public let summary: String
  /// The options it takes, in the order help lists them; keys of `optionHelp`.
  public let options: [String]
}

/// The words of the setkey language, for help and completion: the commands, their
/// options and the value tables behind them. Option, padding and algorithm lists come from
/// the parser's own tables and the algorithm catalogue; tests check the command table
/// against the parser.
public enum LanguageReference {
  private static let saAddOptions = setkeySAOptions + xfrmEraSAOptions

  private static let setkeySAOptions = [
    "-m", "-r", "-u", "-f", "-lh", "-ls", "-bh", "-bs", "-ctx", "-E", "-A", "-C", "-R",
  ]

  /// Every command, in the order `help` lists them: `exit` last.
  public static let commands: [CommandReference] =
    setkeyCommands + xfrmEraCommands + [exitCommand]

  private static let setkeyCommands: [CommandReference] = [
    CommandReference(
      name: "add", aliases: [],
      synopsis: "add [-46n] src dst proto spi [options] ;",
      summary: "create an SA", options: saAddOptions),
    CommandReference(
      name: "update", aliases: [],
      synopsis: "update [-46n] src dst proto spi [options] ;",
      summary: "replace an existing SA", options: saAddOptions),
    CommandReference(
      name: "get", aliases: [],
      synopsis: "get [-46n] src dst proto spi [-m mode] [-mark v[/m]] ;",
      summary: "show one SA", options: ["-m", "-mark"]),
    CommandReference(
      name: "delete", aliases: [],
      synopsis: "delete [-46n] src dst proto spi [-m mode] [-mark v[/m]] ;",
      summary: "remove one SA", options: ["-m", "-mark"]),
    CommandReference(
      name: "deleteall", aliases: [], synopsis: "deleteall [-46n] src dst proto ;",
      summary: "remove every SA from src to dst", options: []),
    CommandReference(
      name: "getspi", aliases: [],
      synopsis: "getspi [-46n] src dst proto [spi | min-max] [-m mode] [-u reqid] ;",
      summary: "have the kernel allocate an SPI (a larval SA)", options: ["-m", "-u"]),
    CommandReference(
      name: "flush", aliases: [], synopsis: "flush [proto] ;",
      summary: "remove every SA (of one protocol)", options: []),
    CommandReference(
      name: "dump", aliases: [], synopsis: "dump [proto] ;",
      summary: "show every SA (of one protocol)", options: []),
    CommandReference(
      name: "spdadd", aliases: [],
      synopsis: "spdadd [-46n] src[/len][[port]] dst[/len][[port]] upper [options] "
        + "-P direction [prio p] action [rules] ;",
      summary: "create a policy", options: ["-ctx"] + xfrmEraPolicyOptions + ["-P"]),
    CommandReference(
      name: "spdupdate", aliases: [],
      synopsis: "spdupdate [-46n] src[/len][[port]] dst[/len][[port]] upper [options] "
        + "-P direction [prio p] action [rules] ;",
      summary: "create or replace a policy",
      options: ["-ctx"] + xfrmEraPolicyOptions + ["-P"]),
    CommandReference(
      name: "spddelete", aliases: [],
      synopsis: "spddelete [-46n] src[/len][[port]] dst[/len][[port]] upper [options] "
        + "-P direction ;",
      summary: "remove the policy with this selector and direction",
      options: policyIdentityHelpOptions),
    CommandReference(
      name: "spdflush", aliases: [], synopsis: "spdflush ;", summary: "remove every policy",
      options: []),
    CommandReference(
      name: "spddump", aliases: [], synopsis: "spddump ;", summary: "show every policy",
      options: []),
  ]

  private static let exitCommand = CommandReference(
    name: "exit", aliases: ["quit", "bye"], synopsis: "exit ;",
    summary: "stop reading statements", options: [])

  /// The command a word names, aliases included.
  public static func command(named word: String) -> CommandReference? {
    commands.first { $0.name == word || $0.aliases.contains(word) }
  }

  /// Every word that starts a statement.
  public static var commandWords: [String] {
    commands.flatMap { [$0.name] + $0.aliases }
  }

  // MARK: - Options

  /// What each option means; `-E`, `-A` and `-C` list their algorithms separately.
  public static var optionHelp: [String: String] {
    let padding = StatementParser.paddingWords.sorted().joined(separator: ", ")
    return [
      "-m": "-m mode        transport, tunnel or any (the default)",
      "-r": "-r size        replay window, in packets",
      "-u": "-u reqid       request id binding the SA to 'unique' policy rules",
      "-f": "-f word        \(padding) (Linux keeps none); or an xfrm flag (see -flags)",
      "-lh": "-lh seconds    hard lifetime: the SA is deleted",
      "-ls": "-ls seconds    soft lifetime: the key manager is told to rekey",
      "-bh": "-bh bytes      hard byte limit",
      "-bs": "-bs bytes      soft byte limit",
      "-ctx": "-ctx doi alg \"context\"   security context",
      "-E": "-E alg key     encryption or combined-mode algorithm (help algorithms)",
      "-A": "-A alg key     authentication algorithm (help algorithms)",
      "-C": "-C alg         compression algorithm, IPComp only (help algorithms)",
      "-R": "-R             the SPI is a raw IPComp CPI",
      "-P": "-P direction [prio p] action [rules]   in|out|fwd, discard|none|ipsec|bypass",
    ]
    .merging(xfrmEraOptionHelp) { setkey, _ in setkey }
  }

  /// What each option of `command` means: policy statements read `-f`, `-lh`, `-ls` and
  /// `-mark` their own way.
  public static func optionHelp(for command: CommandReference) -> [String: String] {
    guard command.name.hasPrefix("spd") else { return optionHelp }
    var help = optionHelp.merging(policyOptionHelp) { _, policy in policy }
    if command.options == policyIdentityHelpOptions {
      help["-P"] = "-P direction   in, out or fwd: names the policy with the options above"
    }
    return help
  }

  /// The options an SA statement may carry: the parser's table.
  public static var saOptions: [String] { StatementParser.saOptions.sorted() }

  // MARK: - Values

  /// Protocol words of SA statements.
  public static let saProtocols = ["esp", "esp-udp", "ah", "ipcomp"]

  /// Protocol words of policy rules.
  public static var ruleProtocols: [String] { SecurityProtocol.allCases.map(\.rawValue) }

  /// `-m` values.
  public static let modes = ["transport", "tunnel", "any"]

  /// Policy rule modes.
  public static let ruleModes = ["transport", "tunnel"]

  /// Policy directions.
  public static var directions: [String] { PolicyDirection.allCases.map(\.rawValue) }

  /// Policy actions Linux can hold.
  public static var actions: [String] {
    PolicyAction.allCases.filter { $0 != .entrust }.map(\.rawValue)
  }

  /// Rule levels.
  public static let levels = ["default", "use", "require", "unique"]

  /// Upper-layer protocol names that need no `/etc/protocols`, plus `any`.
  public static var upperProtocols: [String] {
    ["any"] + ProtocolTable.builtIn.keys.sorted()
  }

  /// The algorithm names an option takes, Linux-capable only, catalogue order.
  public static func algorithmNames(for option: String) -> [String] {
    let kinds: [Algorithm.Kind]
    switch option {
    case "-E": kinds = [.encryption, .aead]
    case "-A": kinds = [.authentication]
    case "-C": kinds = [.compression]
    default: return []
    }
    return kinds.flatMap { kind in
      AlgorithmCatalogue.all.filter { $0.kind == kind && $0.isAvailableOnLinux }
        .flatMap(\.names)
    }
  }

  /// One help line per Linux-capable algorithm of an option: name, key lengths, ICV.
  public static func algorithmLines(for option: String) -> [String] {
    let kinds: [Algorithm.Kind] =
      option == "-E" ? [.encryption, .aead] : option == "-A" ? [.authentication] : [.compression]
    return AlgorithmCatalogue.all.filter { kinds.contains($0.kind) && $0.isAvailableOnLinux }
      .map { algorithm in
        var line = algorithm.names.joined(separator: ", ")
        line += String(repeating: " ", count: max(1, 30 - line.count))
        if algorithm.keyBits != [0] { line += "key " + algorithm.keyLengthsText }
        if algorithm.icvBits != 0 { line += ", icv \(algorithm.icvBits) bits" }
        return line
      }
  }
}
