import IPsecModel
import PolicyLanguage
import Provisioning
import XfrmBackend

// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// Carries out one invocation: reads statements or dumps, talks to the kernel, and turns
/// what happened into an exit status.
struct Driver {
  let options: CommandLineOptions
  var output = OutputBuffer(fileDescriptor: 1)

  init(options: CommandLineOptions) { self.options = options }

  /// Runs the mode the options chose.
  mutating func run() -> ExitCode {
    let status = runMode()
    output.flush()
    if let failure = output.writeFailure {
      let reason = String(cString: strerror(failure))
      StandardError.line("xfrmkey: error: cannot write the output: \(reason); it is incomplete")
      return .outputFailed
    }
    return status
  }

  /// Carries out the chosen mode; `run` then checks that the output was really written.
  private mutating func runMode() -> ExitCode {
    do {
      switch options.mode {
      case .help:
        output.write(CommandLineOptions.helpText)
      case .version:
        output.write(CommandLineOptions.version + "\n")
      case .file(let path):
        return try runFile(path)
      case .stdin where isatty(0) == 1:
        var shell = InteractiveShell(options: options, parseOptions: parseOptions)
        return try shell.run { try runStatements($0) }
      case .stdin:
        return try runInteractive()
      case .monitor:
        return MonitorCommand(options: options).run()
      case .command(let text):
        return try runText(text, file: "<command line>")
      case .dumpSAD:
        try dumpStates()
      case .dumpSPD:
        try dumpPolicies()
      case .flushSAD:
        return try runStatements([Statement(.flush(nil), at: commandLine)])
      case .flushSPD:
        return try runStatements([Statement(.spdFlush, at: commandLine)])
      case .diff(let path):
        var command = ProvisionCommand(options: options)
        return try command.diff(path)
      case .apply(let path):
        var command = ProvisionCommand(options: options)
        return try command.apply(path)
      case .save:
        return try save()
      }
      output.flush()
      return .success
    } catch let error as LockError {
      output.flush()
      let denied = error.errno == EACCES || error.errno == EPERM
      let hint = denied && geteuid() != 0 ? ExitCode.permissionHint : ""
      StandardError.line("xfrmkey: error: \(error)\(hint)")
      return denied ? .permissionDenied : .internalError
    } catch let error as KernelError {
      output.flush()
      let denied = error.errno == EPERM || error.errno == EACCES
      StandardError.line("xfrmkey: error: \(error)\(denied ? ExitCode.permissionHint : "")")
      return denied ? .permissionDenied : .kernelRefused
    } catch {
      output.flush()
      let status = ExitCode(failure: error)
      let hint = status == .permissionDenied ? ExitCode.permissionHint : ""
      StandardError.line("xfrmkey: error: \(error)\(hint)")
      return status
    }
  }

  // MARK: - Statements

  private var commandLine: SourceLocation {
    SourceLocation(file: "<command line>", line: 1, column: 1)
  }

  private var parseOptions: ParseOptions { options.parseOptions }

  /// `-f FILE`: the whole file is checked first; any error means nothing is sent.
  private mutating func runFile(_ path: String) throws -> ExitCode {
    let name = path == "-" ? "<stdin>" : path
    guard let input = InputFile.read(path) else {
      let reason = String(cString: strerror(errno))
      StandardError.line("xfrmkey: error: cannot read '\(path)': \(reason)")
      return .noInput
    }
    let parsed = SetkeyParser.parse(utf8: input.bytes, file: name, options: parseOptions)
    return try run(parsed, file: name)
  }

  private mutating func runText(_ text: String, file: String) throws -> ExitCode {
    try run(SetkeyParser.parse(text, file: file, options: parseOptions), file: file)
  }

  /// Runs what a whole text parsed to, unless it has errors or `-n` asks only to check.
  private mutating func run(_ parsed: ParseResult, file: String) throws -> ExitCode {
    for diagnostic in parsed.diagnostics { StandardError.line("\(diagnostic)") }
    if parsed.hasErrors { return .badInput }
    if options.dryRun {
      if options.verbose {
        StandardError.line("\(file): \(parsed.statements.count) statements checked")
      }
      return .success
    }
    return try runStatements(parsed.statements)
  }

  /// `-c`: statements run as each `;` arrives; an error in one does not stop the rest.
  /// `help` lines between statements print the shell's help (`echo help add | xfrmkey -c`).
  private mutating func runInteractive() throws -> ExitCode {
    var parser = IncrementalParser(file: "<stdin>", options: parseOptions)
    var status = ExitCode.success
    while let line = readLine(strippingNewline: false) {
      if !parser.hasPendingText, let topic = ShellHelp.topic(ofCommand: line) {
        if case .unknown = topic {
          StandardError.write(ShellHelp.text(for: topic))
          status = merge(status, .badInput)
        } else {
          output.write(ShellHelp.text(for: topic))
        }
        _ = parser.feed("\n")  // keeps the parser's line numbers in step with the input
        continue
      }
      let parsed = parser.feed(line)
      for diagnostic in parsed.diagnostics { StandardError.line("\(diagnostic)") }
      if parsed.hasErrors { status = .badInput }
      if parsed.statements.contains(where: { $0.command == .exit }) {
        let before = parsed.statements.prefix { $0.command != .exit }
        return merge(status, try runStatements(Array(before)))
      }
      if !options.dryRun { status = merge(status, try runStatements(parsed.statements)) }
    }
    if ferror(stdin) != 0 {
      let reason = String(cString: strerror(errno))
      StandardError.line("xfrmkey: error: cannot read standard input: \(reason)")
      return merge(status, .noInput)
    }
    let rest = parser.finish()
    for diagnostic in rest.diagnostics { StandardError.line("\(diagnostic)") }
    if rest.hasErrors { return merge(status, .badInput) }
    if options.dryRun { return status }
    return merge(status, try runStatements(rest.statements))
  }

  private mutating func runStatements(_ statements: [Statement]) throws -> ExitCode {
    let work = statements[..<Self.exitIndex(in: statements)]
    guard !work.isEmpty else { return .success }
    let lock = try ProvisionCommand.lock(options, exclusive: true)
    defer { lock.unlock() }
    let runner = StatementRunner(
      kernel: try kernel(), formatter: formatter, json: jsonFormatter, verbose: options.verbose)
    if options.atomic {
      return try ProvisionCommand.runAtomically(Array(work), runner: runner, output: &output)
    }
    return try runner.run(work, output: &output) ? .success : .kernelRefused
  }

  /// Where the first `exit` is, or the end: what comes after it is not run. Looks at
  /// each statement where it lies, as a bulk load has many.
  private static func exitIndex(in statements: [Statement]) -> Int {
    for index in statements.indices {
      if case .exit = statements[index].command { return index }
    }
    return statements.endIndex
  }

  // MARK: - Dumps

  private mutating func dumpStates() throws {
    let kernel = try kernel()
    var sink = output
    defer { output = sink }
    if let json = jsonFormatter {
      try json.writeSAD({ try kernel.forEachState(nil, $0) }, toBytes: { sink.write(bytes: $0) })
    } else {
      try formatter.writeSAD(
        { try kernel.forEachState(nil, $0) }, toBytes: { sink.write(bytes: $0) })
    }
    sink.flush()
    Self.noteSkippedEntries(of: kernel)
  }

  private mutating func dumpPolicies() throws {
    let kernel = try kernel()
    var sink = output
    defer { output = sink }
    if let json = jsonFormatter {
      try json.writeSPD({ try kernel.forEachPolicy($0) }, toBytes: { sink.write(bytes: $0) })
    } else {
      try formatter.writeSPD({ try kernel.forEachPolicy($0) }, toBytes: { sink.write(bytes: $0) })
    }
    sink.flush()
    Self.noteSkippedEntries(of: kernel)
  }

  /// Says on standard error which kernel entries a dump left out, and why.
  static func noteSkippedEntries(of kernel: XfrmKernel) {
    var seen = Set<String>()
    let skipped = kernel.skippedDumpEntries.filter { seen.insert($0).inserted }
    guard !skipped.isEmpty else { return }
    StandardError.line(
      "xfrmkey: note: left out \(skipped.count) kernel entries the setkey language cannot "
        + "show (IPComp tunnels' IPIP helper states are the kernel's own):")
    for entry in skipped.prefix(10) { StandardError.line("xfrmkey: note:   \(entry)") }
    if skipped.count > 10 {
      StandardError.line("xfrmkey: note:   ... and \(skipped.count - 10) more")
    }
  }

  // MARK: - Shared pieces

  private var formatter: SetkeyDumpFormatter {
    SetkeyDumpFormatter(showKeys: !options.hideKeys, sha2ICVIs96Bits: options.sha2ICVIs96Bits)
  }

  /// The JSON printer when `-j` asked for one.
  private var jsonFormatter: JSONDumpFormatter? {
    options.json ? JSONDumpFormatter(showKeys: !options.hideKeys) : nil
  }

  private var openKernel: XfrmKernel?

  mutating func kernel() throws -> XfrmKernel {
    if let openKernel { return openKernel }
    let opened = try XfrmKernel(networkNamespace: options.networkNamespace)
    openKernel = opened
    return opened
  }

  private func merge(_ a: ExitCode, _ b: ExitCode) -> ExitCode {
    a == .success ? b : a
  }
}
