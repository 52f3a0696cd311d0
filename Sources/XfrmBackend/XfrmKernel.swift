// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkSocket
import NetlinkWire

#if canImport(Glibc)
  import Glibc
#endif

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

  /// How many of `skippedDumpEntries` are policies: unlike the IPIP helper states, each is
  /// an entry someone installed that xfrmkey can neither show nor restore.
  public internal(set) var skippedPolicies = 0

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
    var outcomes = statements.map { StatementOutcome(statement: $0, result: .success(.done)) }
    for exception in try runReportingExceptions(statements[...]) {
      outcomes[exception.index].result = exception.result
    }
    return outcomes
  }

  /// Runs statements as `run(_:)` does, but returns only the results that are not a plain
  /// `.done`: refusals, and what dumps and gets produced, by index into `statements`, in
  /// order. A bulk load of accepted statements then keeps no record of each.
  public func runReportingExceptions(_ statements: ArraySlice<Statement>) throws
    -> [StatementResult]
  {
    let checksFeatures =
      kernelVersion.map { version in
        KernelFeature.all.contains { version < $0.since }
      } ?? false
    var run = Run(
      batch: Batch(capacity: maximumBatchBytes + XfrmMessageBuilder.messageCapacity),
      reqids: try reqidAllocator(for: statements), checksFeatures: checksFeatures,
      flushAt: maximumBatchBytes)

    try statements.withUnsafeBufferPointer { buffer in
      for (index, position) in zip(statements.indices, buffer.indices) {
        // The bulk of a load, policies, skips `step`: passing it the command, which it
        // switches on around calls into the kernel, copies the whole multi-payload enum.
        let statement = buffer.baseAddress! + position
        if run.sendsPoliciesAsGiven, let change = Self.policyChange(at: statement) {
          try add(change.policy, replacing: change.replacing, index: index, &run)
        } else {
          try step(statement.pointee.command, index: index, &run)
        }
      }
    }
    try flush(&run.batch, into: &run.results)
    // A kernel of known version was sent no feature newer than itself: when it explains a
    // refusal, its text is the reason, and a list of the (supported) features used misleads.
    let versionIsKnown = kernelVersion != nil
    return run.results.sorted { index, error in
      let command = statements[index].command
      var noted = error.notingIdentity(of: command)
      if !versionIsKnown || error.kernelMessage == nil { noted = noted.notingFeatures(of: command) }
      return noted.notingMissingProtocol(of: command)
    }
  }

  /// What a run carries from one statement to the next.
  private struct Run {
    /// Requests not sent yet, and those waiting for replies.
    var batch: Batch
    /// Refusals and outputs so far.
    var results = NotableResults()
    /// Hands out reqids; nil when no statement has a `unique` template.
    var reqids: ReqidAllocator?
    /// True when the kernel lacks a gated feature, so requests are checked first.
    let checksFeatures: Bool
    /// Batch size that triggers a send (`maximumBatchBytes`).
    let flushAt: Int

    /// True when policies go out exactly as written: no reqids to assign, no features
    /// to check.
    var sendsPoliciesAsGiven: Bool { reqids == nil && !checksFeatures }
  }

  /// Runs one statement: queues its request, or first sends what is queued and then
  /// dumps.
  private func step(_ command: Command, index: Int, _ run: inout Run) throws {
    switch command {
    case .exit:
      break
    case .dump(let proto):
      try flush(&run.batch, into: &run.results)
      run.results.record(try collectStates(proto).map { .states($0) }, at: index)
    case .spdDump:
      try flush(&run.batch, into: &run.results)
      run.results.record(try collectPolicies().map { .policies($0) }, at: index)
    case .deleteAll(let source, let destination, let proto):
      try flush(&run.batch, into: &run.results)
      try deleteAll(source, destination, proto, index: index, into: &run.results)
    default:
      if let refusal = enqueue(
        command, index: index, in: &run.batch, reqids: &run.reqids,
        checkingFeatures: run.checksFeatures)
      {
        run.results.record(.failure(refusal), at: index)
      }
    }
    if run.batch.byteCount >= run.flushAt { try flush(&run.batch, into: &run.results) }
  }

  /// The policy of an `spdadd` (or `spdupdate`, `replacing`); nil for other commands.
  /// Switching on the statement where it lies, in a function that calls nothing else,
  /// copies only the policy: a switch with calls into the kernel in its cases copied the
  /// whole multi-payload command first (hundreds of instructions a statement).
  @inline(never)
  private static func policyChange(at statement: UnsafePointer<Statement>)
    -> (policy: SecurityPolicy, replacing: Bool)?
  {
    switch statement.pointee.command {
    case .spdAdd(let sp): (sp, false)
    case .spdUpdate(let sp): (sp, true)
    default: nil
    }
  }

  /// Queues a policy add or update straight into the batch, without building a request.
  private func add(_ sp: SecurityPolicy, replacing: Bool, index: Int, _ run: inout Run) throws {
    do throws(KernelError) {
      try run.batch.add(
        policy: sp, replacing: replacing, index: index, sequence: takeSequence(), portID: 0)
    } catch {
      run.results.record(.failure(error), at: index)
    }
    if run.batch.byteCount >= run.flushAt { try flush(&run.batch, into: &run.results) }
  }

  /// Queues a one-request command, with reqids assigned when the run allocates them;
  /// returns why it cannot be sent, if it cannot.
  private func enqueue(
    _ command: Command, index: Int, in batch: inout Batch, reqids: inout ReqidAllocator?,
    checkingFeatures: Bool
  ) -> KernelError? {
    let request: KernelRequest?
    if reqids != nil {
      request = KernelRequest(assignReqids(command, &reqids!))
    } else {
      request = KernelRequest(command)
    }
    guard var request else { return nil }
    if checkingFeatures, let refusal = featureRefusal(for: request) { return refusal }
    do {
      try resolveOffloadDevice(in: &request)
      try batch.add(request, index: index, sequence: takeSequence(), portID: 0)
      return nil
    } catch {
      return error
    }
  }

  /// Looks up an SA's offload device where the transport lives (with `--netns`, in that
  /// namespace), so the encoder never looks for it in the caller's.
  private func resolveOffloadDevice(in request: inout KernelRequest) throws(KernelError) {
    switch request {
    case .addState(var sa), .updateState(var sa):
      guard var offload = sa.offload, offload.interfaceIndex == 0 else { return }
      let operation = XfrmMessageBuilder.messageType(for: request).name
      let found: Int32
      do {
        found = try transport.interfaceIndex(named: offload.device)
      } catch {
        throw .refused(operation, errno: ENODEV, "cannot look up '\(offload.device)': \(error)")
      }
      guard found != 0 else {
        throw .refused(
          operation, errno: ENODEV, "no network device '\(offload.device)' to offload to")
      }
      offload.interfaceIndex = found
      sa.offload = offload
      if case .addState = request { request = .addState(sa) } else { request = .updateState(sa) }
    default:
      return
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
    into results: inout NotableResults
  ) throws {
    let listed = try collectStates(proto)
    guard case .success(let all) = listed else {
      results.record(listed.map { _ in .done }, at: index)
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

  /// An allocator when some statement adds a `unique` template, nil when none does (then
  /// no statement needs rewriting). The SPD is dumped for the reqids in use only when a
  /// template needs one allocated.
  private func reqidAllocator(for statements: ArraySlice<Statement>) throws -> ReqidAllocator? {
    var unique = false
    var needed = false
    for index in statements.indices {
      guard let templates = Self.uniqueTemplates(in: statements[index].command) else { continue }
      unique = true
      needed = needed || Self.needsAllocation(templates)
    }
    guard unique else { return nil }
    guard needed else { return ReqidAllocator(used: []) }
    return ReqidAllocator(used: try templateReqids())
  }

  /// The templates of a policy add or update that has a `unique` one; nil for anything
  /// else. The command is borrowed, not copied.
  private static func uniqueTemplates(in command: Command) -> [PolicyTemplate]? {
    switch command {
    case .spdAdd(let sp), .spdUpdate(let sp): hasUnique(sp.templates) ? sp.templates : nil
    default: nil
    }
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
