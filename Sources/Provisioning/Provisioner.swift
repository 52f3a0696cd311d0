// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import XfrmBackend

/// Compares, applies and rolls back against one kernel.
///
/// Every change it makes is all or nothing: it dumps the kernel first, and when any
/// statement is refused it puts back every entry the run may have touched, from that dump,
/// with the same phase order `apply` uses. Entries it did not touch stay exactly as they
/// were. A restored entry gets back its contents (keys, limits, a policy's index), but not
/// what only the kernel sets: its counters, add time, replay sequence numbers and place in
/// the dump order start over.
public final class Provisioner {
  /// The kernel worked on.
  public let kernel: any ProvisioningKernel

  /// Works on `kernel`.
  public init(kernel: any ProvisioningKernel) { self.kernel = kernel }

  /// What `apply` would do: the difference between the kernel and `desired`.
  public func diff(_ desired: DesiredState, ownership: Ownership) throws -> StateDiff {
    let snapshot = try KernelSnapshot(of: kernel)
    return StateDiff(desired: desired.items, current: snapshot.items, ownership: ownership)
  }

  /// Makes the owned part of the kernel match `desired`, phase by phase; on the first
  /// refusal, stops and restores everything done. Conflicts stop it before it starts.
  public func apply(_ desired: DesiredState, ownership: Ownership) throws -> ProvisioningReport {
    let snapshot = try KernelSnapshot(of: kernel)
    let diff = StateDiff(desired: desired.items, current: snapshot.items, ownership: ownership)
    var report = ProvisioningReport(diff: diff)
    guard diff.conflicts.isEmpty, !diff.isInSync else { return report }

    let plan = ApplyPlan(diff)
    try runGuarded(plan.phases, snapshot: snapshot, report: &report)
    if !report.rolledBack {
      let after = try KernelSnapshot(of: kernel)
      let again = StateDiff(
        desired: desired.items, current: after.items, ownership: ownership)
      report.residue = again.changes
    }
    return report
  }

  /// Runs statements as one all-or-nothing batch (`-f FILE --atomic`): they all run, and if
  /// any is refused every entry they touched is restored.
  public func runAtomically(_ statements: [Statement]) throws -> ProvisioningReport {
    let snapshot = try KernelSnapshot(of: kernel)
    var report = ProvisioningReport(diff: nil)
    try runGuarded([statements], snapshot: snapshot, report: &report)
    return report
  }

  // MARK: - Running and restoring

  private func runGuarded(
    _ phases: [[Statement]], snapshot: KernelSnapshot, report: inout ProvisioningReport
  ) throws {
    let touched = TouchedEntries(phases.flatMap { $0 })
    do {
      for phase in phases {
        let outcomes = try kernel.run(phase)
        report.outcomes += outcomes
        if outcomes.contains(where: \.failed) { break }
      }
    } catch {
      report.rollbackFailures = (try? restore(snapshot, touched: touched)) ?? []
      report.rolledBack = true
      throw error
    }
    guard !report.refused.isEmpty else { return }
    report.rollbackFailures = try restore(snapshot, touched: touched)
    report.rolledBack = true
  }

  /// Puts the touched entries back as `snapshot` had them; returns the statements of the
  /// restore the kernel refused (best effort: a refusal does not stop the rest).
  func restore(_ snapshot: KernelSnapshot, touched: TouchedEntries) throws
    -> [StatementOutcome]
  {
    let now = try KernelSnapshot(of: kernel)
    let diff = StateDiff(
      desired: snapshot.items.filter(touched.contains),
      current: now.items.filter(touched.contains), ownership: .everything)
    var failures: [StatementOutcome] = []
    for phase in ApplyPlan(diff).phases {
      failures += try kernel.run(phase).filter(\.failed)
    }
    return failures
  }
}

/// What an apply or an atomic run did.
public struct ProvisioningReport: Hashable, Sendable {
  /// The difference found first (`apply` only).
  public var diff: StateDiff?
  /// Every statement sent and its result, in order, before any rollback.
  public var outcomes: [StatementOutcome] = []
  /// True when a refusal made the run restore what it had done.
  public var rolledBack = false
  /// Restore statements the kernel refused; empty when the rollback was complete.
  public var rollbackFailures: [StatementOutcome] = []
  /// Entries the kernel accepted but holds differently from the file, found by diffing
  /// again after a successful apply (a kernel without SELinux drops security contexts,
  /// for one); such an entry shows as changed on every run.
  public var residue: [StateChange] = []

  /// Starts a report.
  init(diff: StateDiff?) { self.diff = diff }

  /// The statements the kernel refused.
  public var refused: [StatementOutcome] { outcomes.filter(\.failed) }

  /// True when the kernel ends up different from how the run found it.
  public var changed: Bool {
    guard !outcomes.isEmpty else { return false }
    return !rolledBack || !rollbackFailures.isEmpty
  }
}

extension StatementOutcome {
  /// True when the kernel refused the statement.
  var failed: Bool {
    if case .failure = result { return true }
    return false
  }
}
