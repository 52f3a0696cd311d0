// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Requests waiting to go out in one `sendmsg`, and which statement each answers.
struct Batch {
  /// What reply completes a request.
  enum Expectation {
    /// An `NLMSG_ERROR` with error 0 (`NLM_F_ACK`).
    case acknowledgement
    /// A NEWSA message (GETSA reply).
    case state
    /// A NEWSA message whose SPI is the allocated one (ALLOCSPI reply).
    case allocatedSPI
    /// A NEWPOLICY message (GETPOLICY reply).
    case policy
    /// A GETDEFAULT, NEWSPDINFO or NEWSADINFO reply.
    case globalSettings
  }

  /// One request in flight.
  struct Entry {
    /// Index of the statement it belongs to.
    var index: Int
    /// Kernel name of the operation, for errors.
    var operation: String
    /// What completes it.
    var expectation: Expectation
  }

  /// The aligned messages, ready for one send; holds key bytes until wiped.
  var bytes: [UInt8] { writer.bytes }
  private var writer: ByteWriter
  /// Requests by sequence number.
  private(set) var entries: [UInt32: Entry] = [:]

  /// An empty batch with room for `capacity` bytes, so it is not regrown (and key bytes
  /// not left behind in freed memory) while it fills.
  init(capacity: Int = 0) { writer = ByteWriter(capacity: capacity) }

  /// Bytes queued.
  var byteCount: Int { writer.count }

  /// True when nothing is queued.
  var isEmpty: Bool { entries.isEmpty }

  /// Encodes a request straight into the batch and queues it.
  mutating func add(_ request: KernelRequest, index: Int, sequence: UInt32, portID: UInt32)
    throws(KernelError)
  {
    try XfrmMessageBuilder.append(request, sequence: sequence, portID: portID, to: &writer)

    let expectation: Expectation
    switch request {
    case .getState: expectation = .state
    case .allocateSPI: expectation = .allocatedSPI
    case .getPolicy: expectation = .policy
    case .getDefaultPolicies, .getSPDInfo, .getSADInfo: expectation = .globalSettings
    default: expectation = .acknowledgement
    }
    entries[sequence] = Entry(
      index: index, operation: XfrmMessageBuilder.messageType(for: request).name,
      expectation: expectation)
  }

  /// Removes and returns the entry for a sequence number.
  mutating func complete(_ sequence: UInt32) -> Entry? {
    entries.removeValue(forKey: sequence)
  }

  /// Zeroes the queued bytes (they may hold keys) and forgets them; entries stay until
  /// their replies arrive.
  mutating func wipeBytes() {
    writer.truncate(to: 0)
  }
}
