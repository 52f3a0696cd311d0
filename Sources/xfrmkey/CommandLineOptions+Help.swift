// SPDX-License-Identifier: Apache-2.0
import PolicyLanguage
import XfrmBackend

// MARK: - Usage, help and version text

extension CommandLineOptions {
  /// The version `-V` prints.
  static let version = "xfrmkey 0.1.0"

  /// The usage lines that open the help text and follow every usage error.
  static let usage = """
    usage: xfrmkey [-njv] [-r | -k] [--sha2-96] [--atomic] [--netns NAME] -f FILE | -c
           xfrmkey [-njv] [-r | -k] [--sha2-96] [--atomic] [--netns NAME] -e STATEMENTS
           xfrmkey [-jv] [--hide-keys] [--sha2-96] [--netns NAME] -D [-P] [-a]
           xfrmkey [-v] [--netns NAME] --save
           xfrmkey [-v] [--netns NAME] -F [-P]
           xfrmkey [-j] [--show-keys] [--events KINDS] [--netns NAME] -x
           xfrmkey diff [-j] [--show-keys] [--scope SCOPE]... [--netns NAME] -f FILE
           xfrmkey apply [-nvj] [--show-keys] --scope SCOPE... [--netns NAME] -f FILE
           xfrmkey -h | -V
    """

  /// One help line per option, from the option table so none can be left out.
  static var optionLines: [String] {
    Option.allCases.map { option in
      var names: [String] = []
      if let short = option.short { names.append("-\(short)") }
      if let long = option.long { names.append("--\(long)") }
      var left = names.joined(separator: ", ")
      if let value = option.valueName { left += " \(value)" }
      // A name too long for the column gets its sentence on the next line, still aligned.
      let padding =
        left.count < 20
        ? String(repeating: " ", count: 20 - left.count)
        : "\n" + String(repeating: " ", count: 22)
      return "  " + left + padding + summary(of: option)
    }
  }

  /// What `-h` prints.
  static var helpText: String {
    """
    xfrmkey: administer the Linux IPsec SPD and SAD in the setkey(8) language, over xfrm.

    \(usage)

    Options:
    \(optionLines.joined(separator: "\n"))

    \(XfrmEraSyntax.helpText)

    Exit status: 0 done (diff: in sync); 1 the kernel refused a statement; 2 diff: not in
    sync; 64 usage; 65 bad input; 66 unreadable file or namespace; 70 internal error;
    74 output not written; 77 permission denied.

    """
  }

  /// The help sentence of an option.
  private static func summary(of option: Option) -> String {
    switch option {
    case .file: "run the statements in FILE ('-' reads standard input)"
    case .stdin: "run statements from standard input as each ';' arrives"
    case .command: "run STATEMENTS given here (argv is public: avoid keys)"
    case .dump: "print the SAD; with -P, the SPD"
    case .flush: "remove every SA; with -P, every policy"
    case .policy: "make -D and -F act on the SPD"
    case .includeDead: "with -D, include dead SAs (xfrm keeps none)"
    case .dryRun: "parse and check only; send nothing to the kernel"
    case .verbose: "print one line per kernel operation"
    case .rfcMode: "RFC mode (default): an 'in' policy also gets its 'fwd' twin"
    case .kernelMode: "kernel mode: policies are installed exactly as written"
    case .networkNamespace: "work inside the named network namespace"
    case .sha2ICV96: "hmac-sha256/384/512 with Linux setkey's 96-bit ICV"
    case .hideKeys: "hide every key in dumps (text: <hidden>, JSON: null)"
    case .save: "print the SAD and SPD as statements for 'xfrmkey -k -f'"
    case .help: "print this help"
    case .version: "print the version"
    case .monitor: "print kernel IPsec events as they happen, until interrupted"
    case .json: "JSON: -D, -DP, dump/get output, -x (a line each), diff, apply"
    case .events:
      "only: "
        + (XfrmEvent.Category.allCases.map(\.rawValue) + ["all"]).joined(separator: ",")
    case .showKeys: "-x, diff, apply: print keys instead of '<hidden>'"
    case .scope: "diff, apply: what the file owns: all, reqid:A-B, mark:V[/M], if-id:N"
    case .atomic: "with -f or -e: undo everything if any statement is refused"
    case .allowSharedKeyFiles: "accept key files readable by group or others (warn)"
    }
  }
}
