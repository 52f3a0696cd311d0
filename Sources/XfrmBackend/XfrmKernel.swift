// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkSocket
import NetlinkWire

/// The Linux SAD and SPD through xfrm_user. Statements are sent many to a `sendmsg`, each
/// with its own sequence number, and the acknowledgements are matched back to them, so
/// one refused statement does not stop the others.
public final class XfrmKernel {
  /// How many times a dump is restarted after the kernel flags it inconsistent
  /// (`NLM_F_DUMP_INTR`) before giving up.
  public static let dumpAttempts = 3

  let transport: any NetlinkTransport
  var nextSequence: UInt32

  /// Entries the last dumps left out because the model cannot hold them (the IPIP helper
  /// states the kernel adds for IPComp tunnels, socket policies...), described for a note:
  /// a dump never drops an entry without saying so.
  public internal(set) var skippedDumpEntries: [String] = []

  /// Largest batch of requests sent in one system call, in bytes.
  public var maximumBatchBytes = 64 * 1024

  /// The kernel requests are checked against (`KernelFeature`); the running one by
  /// default, nil to check nothing.
  public var kernelVersion: KernelVersion? = .running

  /// Opens `NETLINK_XFRM` with extended acks on, inside `/run/netns/NAME` when
  /// `networkNamespace` is given.
  public convenience init(networkNamespace: String? = nil) throws {
    try self.init(transport: NetlinkSocket(networkNamespace: networkNamespace))
  }

  /// Runs over any transport; tests pass a fake.
  public init(transport: any NetlinkTransport, firstSequence: UInt32 = 1) {
    self.transport = transport
    self.nextSequence = firstSequence
  }

  /// Runs statements in order, many per `sendmsg`; one outcome per input statement, same
  /// order. Throws only when the conversation with the kernel itself fails (socket errors,
  /// undecodable replies); a refused statement is a failed outcome.
  public func run(_ statements: [Statement]) throws -> [StatementOutcome] {
    var allocator = try reqidAllocator(for: statements)
    var batch = Batch(capacity: maximumBatchBytes + XfrmMessageBuilder.messageCapacity)
    var results = [Result<StatementOutput, KernelError>?](repeating: nil, count: statements.count)

    for (index, statement) in statements.enumerated() {
      switch statement.command {
      case .exit:
        results[index] = .success(.done)
      case .dump(let proto):
        try flush(&batch, into: &results)
        results[index] = try collectStates(proto).map { .states($0) }
      case .spdDump:
        try flush(&batch, into: &results)
        results[index] = try collectPolicies().map { .policies($0) }
      case .deleteAll(let source, let destination, let proto):
        try flush(&batch, into: &results)
        try deleteAll(source, destination, proto, index: index, into: &results)
      default:
        let command = assignReqids(statement.command, &allocator)
        if let refusal = enqueue(command, index: index, in: &batch) {
          results[index] = .failure(refusal)
        }
        if batch.byteCount >= maximumBatchBytes { try flush(&batch, into: &results) }
      }
    }
    try flush(&batch, into: &results)

    return zip(statements, results).map { statement, result in
      let annotated = result?.mapError {
        $0.notingIdentity(of: statement.command).notingFeatures(of: statement.command)
      }
      return StatementOutcome(statement: statement, result: annotated ?? .success(.done))
    }
  }

  /// Queues a one-request command; returns why it cannot be sent, if it cannot.
  private func enqueue(_ command: Command, index: Int, in batch: inout Batch) -> KernelError? {
    guard let request = KernelRequest(command) else { return nil }
    if let refusal = featureRefusal(for: request) { return refusal }
    do {
      try batch.add(request, index: index, sequence: takeSequence(), portID: 0)
      return nil
    } catch {
      return error
    }
  }

  func takeSequence() -> UInt32 {
    defer { nextSequence = nextSequence &+ 1 }
    return nextSequence
  }

  // MARK: - deleteall

  /// Dumps the SAD and deletes every SA from `source` to `destination` of `proto`; the
  /// outcome is the first failure, or done.
  private func deleteAll(
    _ source: IPAddress, _ destination: IPAddress, _ proto: SecurityProtocol, index: Int,
    into results: inout [Result<StatementOutput, KernelError>?]
  ) throws {
    let listed = try collectStates(proto)
    guard case .success(let all) = listed else {
      results[index] = listed.map { _ in .done }
      return
    }
    let states = all.filter { $0.id.source == source && $0.id.destination == destination }
    var batch = Batch(capacity: maximumBatchBytes + XfrmMessageBuilder.messageCapacity)
    for state in states {
      try batch.add(.deleteState(state.id), index: index, sequence: takeSequence(), portID: 0)
      if batch.byteCount >= maximumBatchBytes { try flush(&batch, into: &results) }
    }
    try flush(&batch, into: &results)
  }

  // MARK: - unique reqids

  private func reqidAllocator(for statements: [Statement]) throws -> ReqidAllocator {
    let needed = statements.contains { statement in
      switch statement.command {
      case .spdAdd(let sp), .spdUpdate(let sp): Self.needsAllocation(sp.templates)
      default: false
      }
    }
    guard needed else { return ReqidAllocator(used: []) }

    var used = Set<UInt32>()
    try forEachPolicy { policy in
      for template in policy.templates where template.reqid != 0 { used.insert(template.reqid) }
    }
    return ReqidAllocator(used: used)
  }

  /// True when a template is `unique` without a manual reqid of its own.
  private static func needsAllocation(_ templates: [PolicyTemplate]) -> Bool {
    templates.contains {
      if case .unique(let reqid) = $0.level { return ReqidAllocator.needsAllocation(reqid) }
      return false
    }
  }

  /// True when a template is `unique` (manual or not): only those are rewritten.
  private static func hasUnique(_ templates: [PolicyTemplate]) -> Bool {
    templates.contains {
      if case .unique = $0.level { return true }
      return false
    }
  }

  private func policy(in command: Command) -> SecurityPolicy? {
    switch command {
    case .spdAdd(let sp), .spdUpdate(let sp): sp
    default: nil
    }
  }

  /// The command with every `unique` template given a reqid: its own when it names a
  /// manual one, else the next free one.
  private func assignReqids(_ command: Command, _ allocator: inout ReqidAllocator) -> Command {
    guard var sp = policy(in: command), Self.hasUnique(sp.templates) else { return command }
    for position in sp.templates.indices {
      guard case .unique(let reqid) = sp.templates[position].level else { continue }
      if let reqid, !ReqidAllocator.needsAllocation(reqid) {
        allocator.reserve(reqid)
        sp.templates[position].reqid = reqid
      } else if let allocated = allocator.allocate() {
        sp.templates[position].level = .unique(reqid: allocated)
        sp.templates[position].reqid = allocated
      }
    }
    if case .spdUpdate = command { return .spdUpdate(sp) }
    return .spdAdd(sp)
  }
}
