// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

#if canImport(Glibc)
  import Glibc
#endif

extension XfrmKernel {
  /// Streams the SAD (optionally one protocol) to `body` with constant memory. An
  /// inconsistent dump (`NLM_F_DUMP_INTR`) is restarted, up to `dumpAttempts` times, as
  /// long as nothing has been handed to `body`; otherwise it throws rather than pass off
  /// a partial dump as whole. States the model cannot hold are skipped and described in
  /// `skippedDumpEntries`.
  public func forEachState(
    _ proto: SecurityProtocol?, _ body: (SecurityAssociation) throws -> Void
  ) throws {
    try stream(.dumpStates(proto)) { message in
      guard let state = try StateDecoder.decode(message) else {
        noteSkipped(message)
        return false
      }
      // Kernels before 3.17 ignore XFRMA_PROTO and send every SA.
      if let proto, state.id.securityProtocol != proto { return false }
      try body(state)
      return true
    }
  }

  /// Streams the SPD to `body`, with the same consistency rules as `forEachState`.
  public func forEachPolicy(_ body: (SecurityPolicy) throws -> Void) throws {
    try stream(.dumpPolicies) { message in
      guard let policy = try PolicyDecoder.decode(message) else {
        noteSkipped(message)
        skippedPolicies += 1
        return false
      }
      try body(policy)
      return true
    }
  }

  /// Every reqid the SPD's templates hold, those of policies the model cannot hold (left
  /// out of `forEachPolicy`) included: an allocated reqid must collide with none of them.
  func templateReqids() throws -> Set<UInt32> {
    var used = Set<UInt32>()
    try stream(.dumpPolicies) { message in
      used.formUnion(try PolicyDecoder.templateReqids(message))
      return true
    }
    return used
  }

  /// Every state of one protocol (or all), as a statement outcome: a kernel refusal or a
  /// dump that stays inconsistent is a failure, socket errors throw.
  func collectStates(_ proto: SecurityProtocol?) throws
    -> Result<[SecurityAssociation], KernelError>
  {
    try collect(.dumpStates(proto)) { message in
      guard let state = try StateDecoder.decode(message) else { return nil }
      if let proto, state.id.securityProtocol != proto { return nil }
      return state
    }
  }

  /// Every policy, as a statement outcome.
  func collectPolicies() throws -> Result<[SecurityPolicy], KernelError> {
    try collect(.dumpPolicies) { try PolicyDecoder.decode($0) }
  }

  // MARK: - Dump machinery

  /// Describes an entry the decoders could not turn into a model value.
  private func noteSkipped(_ message: NetlinkMessage) {
    var reader = message.reader
    if message.header.type == .newSA, let info = try? XfrmUserSAInfo(decoding: &reader) {
      skippedDumpEntries.append(
        "state of IP protocol \(info.id.proto), SPI 0x\(String(info.id.spi, radix: 16)), "
          + "mode \(info.mode.rawValue)")
    } else if message.header.type == .newPolicy,
      let info = try? XfrmUserPolicyInfo(decoding: &reader)
    {
      skippedDumpEntries.append(
        "policy index \(info.index), direction \(info.direction.rawValue), "
          + "action \(info.action.rawValue)")
    } else {
      skippedDumpEntries.append("message of type \(message.header.type.rawValue)")
    }
  }

  private func collect<T>(
    _ request: KernelRequest, _ decode: (NetlinkMessage) throws -> T?
  ) throws -> Result<[T], KernelError> {
    for _ in 0..<Self.dumpAttempts {
      var items: [T] = []
      do {
        let interrupted = try dump(request) { message in
          if let item = try decode(message) { items.append(item) }
        }
        if !interrupted { return .success(items) }
      } catch let error as KernelError {
        return .failure(error)
      }
    }
    return .failure(interruptedError(request))
  }

  private func stream(_ request: KernelRequest, _ deliver: (NetlinkMessage) throws -> Bool)
    throws
  {
    for _ in 0..<Self.dumpAttempts {
      var delivered = 0
      var seenInterruption = false
      let interrupted = try dump(request) { message in
        if seenInterruption || message.header.flags.contains(.dumpInterrupted) {
          seenInterruption = true
          return
        }
        if try deliver(message) { delivered += 1 }
      }
      if !interrupted { return }
      if delivered > 0 { break }
    }
    throw interruptedError(request)
  }

  private func interruptedError(_ request: KernelRequest) -> KernelError {
    let operation = XfrmMessageBuilder.messageType(for: request).name
    let table = if case .dumpStates = request { "SAD" } else { "SPD" }
    return .refused(
      operation, errno: 4,
      "the \(table) kept changing during the dump (NLM_F_DUMP_INTR); try again")
  }

  /// Sends one dump request and hands each data message of the reply to `body`, until
  /// `NLMSG_DONE`. Returns true when any part was flagged `NLM_F_DUMP_INTR`; kernel errors
  /// throw `KernelError`.
  func dump(_ request: KernelRequest, _ body: (NetlinkMessage) throws -> Void) throws -> Bool {
    let sequence = takeSequence()
    let operation = XfrmMessageBuilder.messageType(for: request).name
    try transport.send(XfrmMessageBuilder.message(for: request, sequence: sequence))

    var interrupted = false
    while true {
      // Dump parts carry SA keys: the datagram is wiped once its messages are read (they
      // share its bytes, and are gone by then).
      var datagram = try transport.receive()
      defer {
        datagram.withUnsafeMutableBytes {
          if let base = $0.baseAddress { memset(base, 0, $0.count) }
        }
      }
      for message in try NetlinkMessage.split(datagram) {
        guard message.header.sequence == sequence else { continue }
        if message.header.flags.contains(.dumpInterrupted) { interrupted = true }

        switch message.header.type {
        case .done:
          var reader = message.reader
          let status = reader.remaining >= 4 ? try reader.read(Int32.self, .host) : 0
          if status < 0 { throw KernelError(operation: operation, errno: -status) }
          return interrupted
        case .error:
          var reader = message.reader
          let error = try NetlinkErrorMessage(decoding: &reader, flags: message.header.flags)
          if error.errno == 0 { return interrupted }
          throw KernelError(
            operation: operation, errno: error.errno, kernelMessage: error.message)
        default:
          try body(message)
        }
      }
    }
  }
}
