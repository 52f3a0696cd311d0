// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

extension XfrmKernel {
  /// Sends the batch in one call, wipes it, and reads replies until every request in it
  /// is answered, recording each answer against its statement. A statement with several
  /// requests (deleteall) keeps its first failure.
  func flush(_ batch: inout Batch, into results: inout NotableResults) throws {
    guard !batch.isEmpty else { return }
    defer { batch.wipeBytes() }
    try transport.send(batch.bytes)
    batch.wipeBytes()

    while !batch.isEmpty {
      try transport.receive { datagram in
        try settle(datagram, batch: &batch, into: &results)
      }
    }
  }

  /// Matches every reply in one datagram to its request. A plain acknowledgement, the
  /// answer to nearly every request of a load, is read where it lies; anything else is
  /// copied out and decoded in full.
  private func settle(
    _ datagram: UnsafeRawBufferPointer, batch: inout Batch, into results: inout NotableResults
  ) throws {
    var offset = 0
    while datagram.count - offset >= NetlinkMessageHeader.wireSize {
      let reply = ReplyHeader(datagram, at: offset)
      if reply.isAcknowledgement {
        _ = batch.complete(reply.sequence)  // a plain .done: nothing to record
      } else {
        // A length that does not fit makes `split` throw, as it should.
        let fits =
          reply.length >= NetlinkMessageHeader.wireSize
          && reply.length <= datagram.count - offset
        let end = fits ? min(offset + Netlink.align(reply.length), datagram.count) : datagram.count
        let bytes = Array(UnsafeRawBufferPointer(rebasing: datagram[offset..<end]))
        for message in try NetlinkMessage.split(bytes) {
          guard let entry = batch.complete(message.header.sequence) else { continue }
          results.record(try answer(message, for: entry), at: entry.index)
        }
      }
      offset += Netlink.align(max(reply.length, NetlinkMessageHeader.wireSize))
    }
  }

  /// What one reply means for the request it answers.
  private func answer(_ message: NetlinkMessage, for entry: Batch.Entry) throws
    -> Result<StatementOutput, KernelError>
  {
    if message.header.type == .error {
      var reader = message.reader
      let error = try NetlinkErrorMessage(decoding: &reader, flags: message.header.flags)
      guard error.errno == 0 else {
        return .failure(
          KernelError(
            operation: entry.operation, errno: error.errno,
            kernelMessage: error.message))
      }
      return .success(.done)
    }

    switch entry.expectation {
    case .acknowledgement:
      return .success(.done)
    case .state:
      let state = try StateDecoder.decode(message)
      return .success(.states(state.map { [$0] } ?? []))
    case .allocatedSPI:
      var reader = message.reader
      let info = try XfrmUserSAInfo(decoding: &reader)
      return .success(.allocatedSPI(info.id.spi))
    case .policy:
      let policy = try PolicyDecoder.decode(message)
      return .success(.policies(policy.map { [$0] } ?? []))
    case .globalSettings:
      return .success(try GlobalSettingsCoder.decodeReply(message))
    }
  }
}
