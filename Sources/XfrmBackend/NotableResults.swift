// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// The results of a run worth keeping, by statement index: refusals and outputs. A plain
/// `.done` is what a statement without an entry here had, so accepting a statement costs
/// no record at all.
struct NotableResults {
  private var byIndex: [Int: Result<StatementOutput, KernelError>] = [:]

  /// Records what a request of statement `index` got. A statement with several requests
  /// (deleteall) keeps its first failure.
  mutating func record(_ result: Result<StatementOutput, KernelError>, at index: Int) {
    if case .failure = byIndex[index] { return }
    if case .success(.done) = result { return }
    byIndex[index] = result
  }

  /// The results in statement order, each failure passed through `annotate` (which adds
  /// what the statement itself explains).
  func sorted(annotate: (Int, KernelError) -> KernelError) -> [StatementResult] {
    byIndex.keys.sorted().map { index in
      StatementResult(index: index, result: byIndex[index]!.mapError { annotate(index, $0) })
    }
  }
}
