// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// What running one statement produced.
public enum StatementOutput: Hashable, Sendable {
  /// The kernel accepted it.
  case done
  /// `dump` and `get`: the states, in kernel order.
  case states([SecurityAssociation])
  /// `spddump`: the policies, in kernel order.
  case policies([SecurityPolicy])
  /// `getspi`: the SPI the kernel allocated.
  case allocatedSPI(UInt32)
  /// `spddefault ;`: the default action of each direction.
  case defaultPolicies(DefaultPolicies)
  /// `spdinfo ;`: SPD counts, hash size and thresholds.
  case spdInformation(SPDInformation)
  /// `sadinfo ;`: SAD count and hash size.
  case sadInformation(SADInformation)
}

/// One statement and its result; `XfrmKernel.run` returns one per input statement.
public struct StatementOutcome: Hashable, Sendable {
  /// The statement as given.
  public var statement: Statement
  /// Its output or why it failed.
  public var result: Result<StatementOutput, KernelError>

  /// Pairs a statement with its result.
  public init(statement: Statement, result: Result<StatementOutput, KernelError>) {
    self.statement = statement
    self.result = result
  }
}

/// The result of one statement by its index in the statements run;
/// `XfrmKernel.runReportingExceptions` returns one for each that did more than succeed.
public struct StatementResult: Hashable, Sendable {
  /// Index of the statement in the collection that was run.
  public var index: Int
  /// Its output or why it failed.
  public var result: Result<StatementOutput, KernelError>

  /// Pairs an index with a result.
  public init(index: Int, result: Result<StatementOutput, KernelError>) {
    self.index = index
    self.result = result
  }
}
