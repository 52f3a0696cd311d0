// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Provisioning
import XfrmBackend

/// A kernel held in memory with xfrm's rules: identities are unique, `add` of an existing
/// one is EEXIST, `delete` of a missing one ESRCH, `update` of a missing SA ESRCH,
/// `spdupdate` creates or replaces, `spddelete` with identity fields (mark, if_id...)
/// removes only the policy that has them all. Values are stored in kernel form, as a real kernel
/// would report them. `refuse` makes chosen statements fail with EINVAL.
final class InMemoryKernel: ProvisioningKernel {
  private(set) var states: [SecurityAssociation] = []
  private(set) var policies: [SecurityPolicy] = []
  /// Every statement received, in order.
  private(set) var received: [Statement] = []
  /// Statements to refuse.
  var refuse: (Statement) -> Bool = { _ in false }
  /// Forget security contexts, as a kernel without SELinux does.
  var dropsSecurityContexts = false
  private var nextReqid: UInt32 = 16384

  func allStates() throws -> [SecurityAssociation] { states }
  func allPolicies() throws -> [SecurityPolicy] { policies }

  func run(_ statements: [Statement]) throws -> [StatementOutcome] {
    statements.map { statement in
      received.append(statement)
      if refuse(statement) { return outcome(statement, errno: 22) }
      return outcome(statement, errno: perform(statement.command))
    }
  }

  /// Entries in a comparable form: kernel form, order ignored.
  var contents: Set<ProvisioningEntry> {
    Set(states.map { .state($0) } + policies.map { .policy($0) })
  }

  // MARK: - xfrm rules

  private func perform(_ command: Command) -> Int32 {
    switch command {
    case .add(var sa):
      guard stateIndex(sa.id) == nil else { return 17 }
      if dropsSecurityContexts { sa.securityContext = nil }
      states.append(KernelForm.state(sa)!)
    case .update(let sa):
      guard let index = stateIndex(sa.id) else { return 3 }
      states[index] = KernelForm.state(sa)!
    case .delete(let id):
      guard let index = stateIndex(id) else { return 3 }
      states.remove(at: index)
    case .spdAdd(let sp):
      guard policyIndex(sp.selector, sp.direction) == nil else { return 17 }
      policies.insert(stored(sp), at: 0)
    case .spdUpdate(let sp):
      if let index = policyIndex(sp.selector, sp.direction) { policies.remove(at: index) }
      policies.insert(stored(sp), at: 0)
    case .spdDelete(let selector, let direction):
      guard let index = policyIndex(selector, direction) else { return 2 }
      policies.remove(at: index)
    case .spdDeleteMatching(var identity):
      identity.index = 0
      guard let index = policies.firstIndex(where: { PolicyIdentity(of: $0) == identity })
      else { return 2 }
      policies.remove(at: index)
    default:
      return 95
    }
    return 0
  }

  private func stored(_ sp: SecurityPolicy) -> SecurityPolicy {
    var form = KernelForm.policy(sp)!
    for position in form.templates.indices {
      guard case .unique(nil) = form.templates[position].level else { continue }
      form.templates[position].level = .unique(reqid: nextReqid)
      form.templates[position].reqid = nextReqid
      nextReqid += 1
    }
    return form
  }

  private func stateIndex(_ id: SecurityAssociationID) -> Int? {
    states.firstIndex {
      $0.id.destination == id.destination && $0.id.spi == id.spi
        && $0.id.securityProtocol == id.securityProtocol
    }
  }

  private func policyIndex(_ selector: TrafficSelector, _ direction: PolicyDirection) -> Int? {
    policies.firstIndex { $0.selector == selector && $0.direction == direction }
  }

  private func outcome(_ statement: Statement, errno: Int32) -> StatementOutcome {
    let result: Result<StatementOutput, KernelError> =
      errno == 0 ? .success(.done) : .failure(KernelError(operation: "test", errno: errno))
    return StatementOutcome(statement: statement, result: result)
  }
}

/// The statements of a setkey text; fails the test on any diagnostic.
func statements(_ text: String, rfcMode: Bool = false) throws -> [Statement] {
  var options = ParseOptions()
  options.rfcMode = rfcMode
  let parsed = SetkeyParser.parse(text, file: "test.conf", options: options)
  guard !parsed.hasErrors else { throw ParseFailure(diagnostics: parsed.diagnostics) }
  return parsed.statements
}

/// The desired state of a setkey text.
func desired(_ text: String, rfcMode: Bool = false) throws -> DesiredState {
  try DesiredState(try statements(text, rfcMode: rfcMode))
}

/// A kernel that already holds what `text` declares.
func makeKernel(holding text: String) throws -> InMemoryKernel {
  let kernel = InMemoryKernel()
  _ = try kernel.run(try statements(text))
  return kernel
}

struct ParseFailure: Error {
  var diagnostics: [Diagnostic]
}
