// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

extension XfrmKernel {
  /// Sends the batch in one call, wipes it, and reads replies until every request in it
  /// is answered, recording each answer against its statement. A statement with several
  /// requests (deleteall) keeps its first failure.
  func flush(_ batch: inout Batch, into results: inout [Result<StatementOutput, KernelError>?])
    throws
  {
    guard !batch.isEmpty else { return }
    defer { batch.wipeBytes() }
    try transport.send(batch.bytes)
    batch.wipeBytes()

    while !batch.isEmpty {
      for message in try NetlinkMessage.split(try transport.receive()) {
        guard let entry = batch.complete(message.header.sequence) else { continue }
        let result = try answer(message, for: entry)
        if case .failure = results[entry.index] { continue }
        results[entry.index] = result
      }
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
    }
  }
}
