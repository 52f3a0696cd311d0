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
    guard verbose else {
      return report(exceptions.map { (statements[$0.index], $0.result) }, output: &output)
    }
    // With -v every statement gets a line, the accepted ones too.
    var results = statements.map { ($0, Result<StatementOutput, KernelError>.success(.done)) }
    for exception in exceptions {
      results[exception.index - statements.startIndex].1 = exception.result
    }
    return report(results, output: &output)
  }

  /// Prints what each statement produced or why it was refused; true when none was.
  func report(_ outcomes: [StatementOutcome], output: inout OutputBuffer) -> Bool {
    report(outcomes.map { ($0.statement, $0.result) }, output: &output)
  }

  /// Prints what statements produced or why they were refused; true when none was.
  private func report(
    _ outcomes: [(statement: Statement, result: Result<StatementOutput, KernelError>)],
    output: inout OutputBuffer
  ) -> Bool {
    var accepted = true

    for outcome in outcomes {
      let location = outcome.statement.location
      switch outcome.result {
      case .success(let produced):
        if verbose {
          StandardError.line("\(location): \(outcome.statement.command.setkeyWord): ok")
        }
        write(produced, for: outcome.statement.command, to: &output)

      case .failure(let error):
        accepted = false
        output.flush()
        let verb = outcome.statement.command.setkeyWord
        StandardError.line("\(location): error: kernel refused \(verb): \(error)")
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
