// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif
import IPsecModel
import PolicyLanguage
import Provisioning
import XfrmBackend

/// `xfrmkey diff` and `xfrmkey apply`, and the all-or-nothing `--atomic` batch.
///
/// Exit statuses: `diff` 0 in sync, 2 not in sync; `apply` 0 whether it changed anything
/// or not (the last line, or JSON `result`, says which), 1 when the kernel refused a
/// statement (everything was rolled back) or an entry conflicts with the scope (nothing
/// was sent); both 65 for a bad file, 66 for an unreadable one.
struct ProvisionCommand {
  let options: CommandLineOptions
  private var output = OutputBuffer(fileDescriptor: 1)

  init(options: CommandLineOptions) { self.options = options }

  /// `diff -f FILE`.
  mutating func diff(_ path: String) throws -> ExitCode {
    try compare(path, conflictSeverity: "warning").status
  }

  /// Prints the diff; its exit status, and whether declared entries conflict with the scope.
  private mutating func compare(_ path: String, conflictSeverity severity: String) throws
    -> (status: ExitCode, conflicts: Bool)
  {
    let read = readDesiredState(path)
    guard case .success(let desired) = read else { return (read.failureCode, false) }
    let ownership = self.ownership
    let lock = try Self.lock(options, exclusive: false)
    defer { lock.unlock() }

    let kernel = try XfrmKernel(networkNamespace: options.networkNamespace)
    let diff = try Provisioner(kernel: kernel).diff(desired, ownership: ownership)
    noteSkippedPolicies(of: kernel)
    reportConflicts(diff, severity: severity)
    if options.json {
      output.write(DiffJSON(showKeys: options.showKeys).diff(diff, ownership: ownership).text)
      output.write("\n")
    } else {
      let summary = ProvisioningSummary(showKeys: options.showKeys)
      for line in summary.lines(diff) { output.write(line + "\n") }
    }
    output.flush()
    let inSync = diff.isInSync && diff.conflicts.isEmpty
    return (inSync ? .success : .notInSync, !diff.conflicts.isEmpty)
  }

  /// `apply -f FILE --scope SCOPE`; `-n` prints what it would do, as `diff`, and exits 0,
  /// or 1 with errors where the apply would stop on a conflict with the scope.
  mutating func apply(_ path: String) throws -> ExitCode {
    if options.dryRun {
      let (status, conflicts) = try compare(path, conflictSeverity: "error")
      if conflicts { return .kernelRefused }
      return status == .notInSync ? .success : status
    }
    let read = readDesiredState(path)
    guard case .success(let desired) = read else { return read.failureCode }
    let lock = try Self.lock(options, exclusive: true)
    defer { lock.unlock() }

    let kernel = try XfrmKernel(networkNamespace: options.networkNamespace)
    let report = try Provisioner(kernel: kernel).apply(desired, ownership: ownership)
    noteSkippedPolicies(of: kernel)
    if let diff = report.diff { reportConflicts(diff, severity: "error") }
    reportRefusals(report)
    for change in report.residue {
      let place = change.to.location.map { "\($0)" } ?? "<kernel>"
      StandardError.line(
        "\(place): warning: the kernel keeps a different "
          + change.fields.joined(separator: ", ") + " than the file asks for; "
          + "this entry will differ on every run")
    }
    if options.json {
      let json = DiffJSON(showKeys: options.showKeys).apply(report, ownership: ownership)
      output.write(json.text + "\n")
    } else {
      if report.changed, let diff = report.diff {
        let lines = ProvisioningSummary(showKeys: options.showKeys).lines(diff)
        for line in lines.dropLast() { output.write(line + "\n") }
      }
      output.write(ProvisioningSummary.applied(report) + "\n")
    }
    output.flush()
    let failed = !report.refused.isEmpty || report.diff?.conflicts.isEmpty == false
    return failed ? .kernelRefused : .success
  }

  /// `-f FILE --atomic` and `-e ... --atomic`: the statements run as usual, then, if any
  /// was refused, everything they touched is put back as it was.
  static func runAtomically(
    _ statements: [Statement], runner: StatementRunner, output: inout OutputBuffer
  ) throws -> ExitCode {
    let report = try Provisioner(kernel: runner.kernel).runAtomically(statements)
    if runner.report(report.outcomes, output: &output) { return .success }
    reportRollback(report)
    return .kernelRefused
  }

  /// The namespace lock; `XFRMKEY_LOCK_DIR` moves it.
  static func lock(_ options: CommandLineOptions, exclusive: Bool) throws -> KernelLock {
    try KernelLock(networkNamespace: options.networkNamespace, exclusive: exclusive) {
      StandardError.line("xfrmkey: waiting for another run to release '\($0)'")
    }
  }

  // MARK: - Pieces

  private var ownership: Ownership {
    options.scopes.isEmpty ? .everything : Ownership(options.scopes)
  }

  /// Says which kernel entries the comparison could not see, when a policy is among them:
  /// the IPIP helper states of IPComp tunnels alone are the kernel's own, not worth a note
  /// on every run.
  private func noteSkippedPolicies(of kernel: XfrmKernel) {
    if kernel.skippedPolicies > 0 { Driver.noteSkippedEntries(of: kernel) }
  }

  /// The file parsed into a desired state, or the exit status after printing why not.
  private func readDesiredState(_ path: String) -> Result<DesiredState, ReadFailure> {
    guard let input = InputFile.read(path) else {
      let reason = String(cString: strerror(errno))
      StandardError.line("xfrmkey: error: cannot read '\(path)': \(reason)")
      return .failure(ReadFailure(code: .noInput))
    }
    let parsed = SetkeyParser.parse(
      utf8: input.bytes, file: path == "-" ? "<stdin>" : path, options: options.parseOptions)
    for diagnostic in parsed.diagnostics { StandardError.line("\(diagnostic)") }
    if parsed.hasErrors { return .failure(ReadFailure(code: .badInput)) }
    do {
      return .success(try DesiredState(parsed.statements))
    } catch {
      for diagnostic in error.diagnostics { StandardError.line("\(diagnostic)") }
      return .failure(ReadFailure(code: .badInput))
    }
  }

  private func reportConflicts(_ diff: StateDiff, severity: String) {
    let scopes = ownership.scopes.map { "'\($0)'" }.joined(separator: ", ")
    let text = StatementText(showKeys: false)
    for conflict in diff.conflicts {
      let place = conflict.item.location.map { "\($0)" } ?? "<kernel>"
      StandardError.line(
        "\(place): \(severity): \(conflict.reason.rawValue) (--scope \(scopes))")
      StandardError.line("  " + text.text(conflict.item.value))
    }
  }

  private func reportRefusals(_ report: ProvisioningReport) {
    let text = StatementText(showKeys: false)
    for outcome in report.refused {
      guard case .failure(let error) = outcome.result else { continue }
      let verb = outcome.statement.command.setkeyWord
      StandardError.line(
        "\(outcome.statement.location): error: kernel refused \(verb): \(error)")
      StandardError.line(
        "  " + ProvisioningSummary.text(outcome.statement.command, text))
    }
    if options.verbose {
      for outcome in report.outcomes where !outcome.failedOutcome {
        let verb = outcome.statement.command.setkeyWord
        StandardError.line("\(outcome.statement.location): \(verb): ok")
      }
    }
    if report.rolledBack { Self.reportRollback(report) }
  }

  private static func reportRollback(_ report: ProvisioningReport) {
    guard report.rollbackFailures.isEmpty else {
      StandardError.line(
        "xfrmkey: error: rollback incomplete; \(report.rollbackFailures.count) "
          + "entries could not be restored:")
      let text = StatementText(showKeys: false)
      for failure in report.rollbackFailures {
        StandardError.line("  " + ProvisioningSummary.text(failure.statement.command, text))
      }
      return
    }
    StandardError.line("xfrmkey: rolled back: the kernel is as it was before this run")
  }
}

/// Why a file could not become a desired state; the message was already printed.
struct ReadFailure: Error {
  /// The exit status to end with.
  var code: ExitCode
}

extension Result where Failure == ReadFailure {
  /// The failure's exit status; `.success` when there is none.
  var failureCode: ExitCode {
    if case .failure(let failure) = self { return failure.code }
    return .success
  }
}

extension StatementOutcome {
  /// True when the kernel refused the statement.
  var failedOutcome: Bool {
    if case .failure = result { return true }
    return false
  }
}
