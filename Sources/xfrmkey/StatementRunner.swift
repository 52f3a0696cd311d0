// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import XfrmBackend

/// Sends parsed statements to the kernel and reports each outcome: dumps and gets to
/// standard output, refusals to standard error with the statement's place.
struct StatementRunner {
  let kernel: XfrmKernel
  let formatter: SetkeyDumpFormatter
  /// Set with `-j`: dumps and gets print JSON arrays instead.
  var json: JSONDumpFormatter? = nil
  let verbose: Bool

  /// Runs the statements in one pipelined batch; returns true when the kernel accepted all.
  func run(_ statements: ArraySlice<Statement>, output: inout OutputBuffer) throws -> Bool {
    guard !statements.isEmpty else { return true }
    let exceptions = try kernel.runReportingExceptions(statements)
    let verb = { (index: Int) in
      let previous = index > statements.startIndex ? statements[index - 1] : nil
      return Self.verb(statements[index], after: previous)
    }
    guard verbose else {
      return report(
        exceptions.map { (statements[$0.index], $0.result, verb($0.index)) }, output: &output)
    }
    // With -v every statement gets a line, the accepted ones too.
    var results = statements.indices.map {
      (statements[$0], Result<StatementOutput, KernelError>.success(.done), verb($0))
    }
    for exception in exceptions {
      results[exception.index - statements.startIndex].1 = exception.result
    }
    return report(results, output: &output)
  }

  /// Prints what each statement produced or why it was refused; true when none was.
  func report(_ outcomes: [StatementOutcome], output: inout OutputBuffer) -> Bool {
    let labelled = outcomes.indices.map { index in
      let previous = index > 0 ? outcomes[index - 1].statement : nil
      return (
        outcomes[index].statement, outcomes[index].result,
        Self.verb(outcomes[index].statement, after: previous)
      )
    }
    return report(labelled, output: &output)
  }

  /// A statement, what came of it, and its command word as the lines about it say it.
  typealias Labelled = (
    statement: Statement, result: Result<StatementOutput, KernelError>, verb: String
  )

  /// The command word for `-v` and refusal lines; `spdadd (fwd twin)` for the `fwd` policy
  /// RFC mode adds after an `in` one, which shares its place in the input.
  static func verb(_ statement: Statement, after previous: Statement?) -> String {
    let word = statement.command.setkeyWord
    guard let previous, previous.location == statement.location,
      direction(of: statement.command) == .fwd, direction(of: previous.command) == .in
    else { return word }
    return word + " (fwd twin)"
  }

  private static func direction(of command: Command) -> PolicyDirection? {
    switch command {
    case .spdAdd(let policy), .spdUpdate(let policy): policy.direction
    case .spdDelete(_, let direction): direction
    case .spdDeleteMatching(let identity): identity.direction
    default: nil
    }
  }

  /// Prints what statements produced or why they were refused; true when none was.
  private func report(
    _ outcomes: [Labelled], output: inout OutputBuffer
  ) -> Bool {
    var accepted = true

    for outcome in outcomes {
      let location = outcome.statement.location
      switch outcome.result {
      case .success(let produced):
        if verbose { StandardError.line("\(location): \(outcome.verb): ok") }
        write(produced, for: outcome.statement.command, to: &output)

      case .failure(let error):
        accepted = false
        output.flush()
        StandardError.line("\(location): error: kernel refused \(outcome.verb): \(error)")
      }
    }
    output.flush()
    return accepted
  }

  /// Prints what a statement produced, in setkey's layout.
  private func write(
    _ produced: StatementOutput, for command: Command, to output: inout OutputBuffer
  ) {
    if let json {
      switch produced {
      case .states(let states): return output.write(json.formatArray(states.map(json.format)))
      case .policies(let sps): return output.write(json.formatArray(sps.map(json.format)))
      default: break
      }
    }
    switch produced {
    case .done:
      break
    case .states(let states):
      if states.isEmpty, case .dump = command {
        output.write(SetkeyDumpFormatter.noSADEntries)
      }
      for (sequence, state) in states.enumerated() {
        output.write(formatter.format(state, sequence: sequence))
      }
    case .policies(let policies):
      if policies.isEmpty { output.write(SetkeyDumpFormatter.noSPDEntries) }
      for (sequence, policy) in policies.enumerated() {
        output.write(formatter.format(policy, sequence: sequence))
      }
    case .allocatedSPI(let spi):
      output.write("spi=\(spi)(0x\(String(spi, radix: 16)))\n")
    case .defaultPolicies(let defaults):
      output.write(formatter.format(defaults))
    case .spdInformation(let info):
      output.write(formatter.format(info))
    case .sadInformation(let info):
      output.write(formatter.format(info))
    }
  }
}
